//! End-to-end: ranking on text where the query does not stand word for
//! word, one test per problem of the relevance issue (rarity, translations
//! as matches, each language in its own text, `--lang`, typos).

mod common;

use common::*;

/// Documents that each hold the common words of a query, and one that
/// holds its rare word.
fn common_and_rare() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = (0..12)
        .map(|i| {
            (
                format!("common{i:02}.txt"),
                format!(
                    "Tool {i}\n\nThis command offers an interface to the files of project {i}; the interface is a command line."
                ),
            )
        })
        .collect();
    files.push((
        "rare.txt".to_string(),
        "Crystallography\n\nSHELXL refines crystal structures against diffraction data."
            .to_string(),
    ));
    files
}

#[test]
fn a_rare_word_outranks_common_ones() {
    let files = common_and_rare();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let ranked = ranking(&files, "SHELXL command interface");
    assert_eq!(ranked[0], "rare", "{ranked:?}");
}

#[test]
fn a_document_saying_it_all_in_the_other_language_beats_one_word_typed() {
    // No word of the query is near a word of the English page: it is
    // found through translations alone (supprimer → remove, fichier →
    // file), and covers the whole query; each French page, one word.
    let files = [
        (
            "en",
            "rm\n\nRemove each given file from the disk, unless it is write-protected.",
        ),
        (
            "fr1",
            "Lecture\n\nLe fichier de sortie est lu au démarrage du système.",
        ),
        (
            "fr2",
            "Nettoyage\n\nIl faut supprimer les lignes vides avant le tri.",
        ),
    ]
    .map(|(n, t)| (format!("{n}.txt"), t));
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let ranked = ranking(&files, "supprimer le fichier");
    assert_eq!(ranked[0], "en", "{ranked:?}");
}

#[test]
fn a_stem_found_in_the_other_language_is_not_a_typed_match() {
    // `changer` stems to `chang` and `passe` to `pass` in French; English
    // `changed` and `pass` stem alike. In English text they are
    // cross-language matches, below the page that says it in English.
    let corpus = corpus_of(&[
        (
            "newusers.txt",
            "newusers\n\nThe changed entries pass through the batch update of the user database, which is changed in place.",
        ),
        (
            "passwd.txt",
            "passwd\n\nThe passwd command changes the password of a user account.",
        ),
        (
            "fr.txt",
            "passwd\n\nLa commande passwd permet de changer le mot de passe d’un compte.",
        ),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(
        &index,
        "changer le mot de passe",
        &["--lang", "en", "--explain"],
    );
    assert_eq!(ids(&results), ["passwd", "newusers"]);
    // And `--explain` says how `changer` met `changed`.
    let newusers = hit(&results, "newusers");
    let vias: Vec<&str> = newusers["explain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["via"].as_str().unwrap())
        .collect();
    assert!(vias.contains(&"other language"), "{vias:?}");
    assert!(!vias.contains(&"typed"), "{vias:?}");
}

#[test]
fn lang_ranks_by_what_matched_in_that_languages_text() {
    // A French page quoting an English sentence is English too; under
    // `--lang en` its French words must not count.
    let corpus = corpus_of(&[
        (
            "exports.txt",
            "exports\n\nCe fichier permet de lister le contenu du répertoire exporté par le serveur. Each line of this file is an export point for the NFS server and its clients.",
        ),
        (
            "ls.txt",
            "ls\n\nList information about the files, the current directory by default. Entries are sorted alphabetically.",
        ),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let english = ids(&search_json(
        &index,
        "lister le contenu d'un répertoire",
        &["--lang", "en"],
    ));
    assert_eq!(english[0], "ls", "{english:?}");
    let french = ids(&search_json(
        &index,
        "list directory contents",
        &["--lang", "fr"],
    ));
    assert_eq!(french, ["exports"]);
}

#[test]
fn a_typo_onto_a_common_word_counts_less_than_a_translation() {
    // `bouclier` is in no document; `boucle` (one typo away) is in many;
    // `shield` is its translation.
    let mut files: Vec<(String, String)> = (0..8)
        .map(|i| {
            (
                format!("loop{i}.txt"),
                format!(
                    "Script {i}\n\nLa boucle principale du script {i} lit les lignes une à une."
                ),
            )
        })
        .collect();
    files.push((
        "shield.txt".to_string(),
        "Defence\n\nThe missile shield was discussed by the allies.".to_string(),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let corpus = corpus_of(&files);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(&index, "bouclier", &["--explain"]);
    assert_eq!(ids(&results)[0], "shield");
    let typo = hit(&results, "loop0");
    assert_eq!(typo["explain"][0]["via"], "typo", "{typo}");
}

#[test]
fn symbols_users_type_are_searchable_as_written() {
    let corpus = corpus_of(&[
        (
            "gzip.txt",
            "gzip\n\nCompressed files get the .gz suffix: archive.tar.gz is a tar archive, compressed.",
        ),
        (
            "compilers.txt",
            "Compilers\n\nThe GNU compiler reads C++ sources; a program starts with #include lines.",
        ),
        (
            "letters.txt",
            "Grades\n\nShe got a C in physics and an include file was missing; the gz folder is empty.",
        ),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let found = |query: &str| ids(&search_json(&index, query, &[]));
    assert_eq!(found(".gz"), ["gzip"]);
    assert_eq!(found("C++"), ["compilers"]);
    assert_eq!(found("#include"), ["compilers"]);
    // The plain word still finds every place it stands.
    assert_eq!(found("gz").len(), 2);
    // The symbol is highlighted where it stands.
    let results = search_json(&index, ".gz", &[]);
    assert!(
        highlighted(&results["hits"][0]).contains(&"gz".to_string()),
        "{results}"
    );
}
