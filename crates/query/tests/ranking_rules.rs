//! The ranking rules on small corpora written for each: every rule is a
//! bounded addition to BM25, query words are read as the text's words,
//! and a title is a title only where the document gives one.

use std::path::Path;

use franglais_index::indexer::{build_index, IndexOptions};
use franglais_query::{SearchOptions, Searcher};

/// An index of `docs` (file name, text) in a temporary folder.
fn index_of(docs: &[(impl AsRef<str>, impl AsRef<str>)]) -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus");
    for (name, text) in docs {
        std::fs::write(corpus.join(name.as_ref()), text.as_ref()).expect("write");
    }
    let index = dir.path().join("index");
    build_index(&IndexOptions::new(vec![corpus], &index), |_| {}).expect("index");
    (dir, Searcher::open(Path::new(&index)).expect("open"))
}

fn ids(searcher: &Searcher, query: &str) -> Vec<String> {
    let options = SearchOptions::default().with_limit(10);
    let results = searcher.search(query, &options).expect("search");
    results.hits.into_iter().map(|h| h.id).collect()
}

/// Words of a package description, none of the query's.
const FILLER: [&str; 12] = [
    "the",
    "package",
    "provides",
    "tools",
    "for",
    "developers",
    "and",
    "users",
    "of",
    "system",
    "documentation",
    "examples",
];

fn prose(seed: usize, words: usize) -> String {
    (0..words)
        .map(|i| FILLER[(seed * 7 + i * 5 + i / 3) % FILLER.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_rare_word_outweighs_a_common_pair_standing_together_in_titles() {
    // One page says `SQLCipher` three times; sixty are titled `Shared
    // library for …` and say `shared library` three times each.
    let mut docs = vec![(
        "sqlcipher.txt".to_string(),
        format!(
            "Encrypted database engine\n\n{}. SQLCipher extends the database engine with \
             encryption. {}. SQLCipher keys are derived per page, and SQLCipher databases \
             open with a pass phrase. {}.\n",
            prose(1, 30),
            prose(2, 20),
            prose(3, 30)
        ),
    )];
    for i in 0..60 {
        docs.push((
            format!("lib{i}.txt"),
            format!(
                "Shared library for component {i}\n\n{}. This shared library is loaded at run \
                 time; the shared library exports the functions of the shared library. {}.\n",
                prose(i, 20),
                prose(i + 1, 30)
            ),
        ));
    }
    for i in 0..240 {
        let extra = ["", " a library of them", "", " shared with others"][i % 4];
        docs.push((
            format!("misc{i}.txt"),
            format!("Program number {i}\n\n{}{extra}.\n", prose(i + 2, 60)),
        ));
    }
    let (_dir, searcher) = index_of(&docs);
    assert_eq!(ids(&searcher, "SQLCipher shared library")[0], "sqlcipher");
}

#[test]
fn a_hyphenated_query_word_matches_its_parts_and_its_solid_spelling() {
    let docs = [
        (
            "both.txt",
            "The Lukashenko opposition met in Minsk on Sunday evening.",
        ),
        (
            "one.txt",
            "Lukashenko spoke on television about the harvest and prices.",
        ),
        (
            "other.txt",
            "The opposition boycotted the vote, saying it was rigged.",
        ),
        (
            "solid.txt",
            "A new antimissile system was shown at the parade.",
        ),
        (
            "none.txt",
            "The weather in Minsk was cold and grey all week long.",
        ),
    ];
    let (_dir, searcher) = index_of(&docs);
    let found = ids(&searcher, "Lukashenko-Opposition: 110-0");
    assert_eq!(found.first().map(String::as_str), Some("both"), "{found:?}");
    assert!(found.contains(&"one".to_string()), "{found:?}");
    assert!(found.contains(&"other".to_string()), "{found:?}");
    assert_eq!(ids(&searcher, "anti-missile"), ["solid"]);
}

#[test]
fn a_word_the_text_holds_has_no_typo_forms() {
    let docs = [
        (
            "black.txt",
            "The black cat sat on the wall of the old house.",
        ),
        (
            "blank.txt",
            "A blank page was left at the end of the report.",
        ),
        (
            "other.txt",
            "Nothing to see in this one about gardens and trees.",
        ),
    ];
    let (_dir, searcher) = index_of(&docs);
    assert_eq!(ids(&searcher, "black"), ["black"]);
    // A word the text does not hold still finds its neighbours.
    assert_eq!(ids(&searcher, "blakc"), ["black"]);
}

#[test]
fn a_title_is_given_or_a_headline_never_the_first_words_of_the_text() {
    let docs = [
        (
            "package.txt",
            "This package gathers the shared library of the frobnicator. It is needed by \
             programs that frobnicate at run time.",
        ),
        (
            "article.txt",
            "Le Monde Économie\n\nLa banque centrale relève ses taux directeurs\n\nLa banque \
             centrale a relevé mercredi ses taux directeurs d'un demi-point, pour la troisième \
             fois cette année.",
        ),
    ];
    let (_dir, searcher) = index_of(&docs);
    // The first words are shown as a title but searched as body only.
    assert!(ids(&searcher, "title:gathers").is_empty());
    assert_eq!(ids(&searcher, "gathers"), ["package"]);
    let results = searcher
        .search("taux directeurs", &SearchOptions::default())
        .expect("search");
    assert_eq!(
        results.hits[0].title,
        "La banque centrale relève ses taux directeurs"
    );
    assert!(ids(&searcher, "title:Économie").is_empty());
}
