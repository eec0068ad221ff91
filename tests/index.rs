//! End-to-end: `franglais index` on the bundled corpus and on bad input.

mod common;

use common::*;

#[test]
fn seeds_are_indexed_with_titles_dates_and_languages() {
    let index = seed_index();
    // Every document matches one of these words; 10 hits is all of them.
    let all = search_json(index, "NATO OR Otan OR Russie OR Russia", &[]);
    assert_eq!(all["total_hits"], 5);
    let expected = [
        (SEED_000, "Between NATO and Russia, a peaceful game?", None, vec!["en"]),
        (SEED_001, "The divergence between NATO and Russia persists on the anti-missile shield", None, vec!["en", "fr"]),
        (SEED_002, "Russia and NATO note their disagreements, without ruling out continuing their discussions", Some("2022-01-23"), vec!["en"]),
        (SEED_003, "In Search of Lost Time: How France May Facilitate Russia-NATO Rapprochement", None, vec!["en"]),
        (SEED_004, "Premier contact au niveau militaire entre la Russie et l’Otan depuis 2014", None, vec!["fr"]),
    ];
    for (id, title, date, langs) in expected {
        let h = hit(&all, id);
        assert_eq!(h["title"], title, "{id}");
        assert_eq!(h["date"].as_str(), date, "{id}");
        assert_eq!(h["langs"], serde_json::json!(langs), "{id}");
        assert_eq!(
            h["path"].as_str().unwrap(),
            corpus().join(format!("{id}.txt")).to_str().unwrap()
        );
    }
}

#[test]
fn second_run_does_nothing_and_changes_are_incremental() {
    let corpus = corpus_of(&[
        (
            "a.txt",
            "Le bouclier\n\nLe bouclier antimissile divise l’OTAN et la Russie.",
        ),
        (
            "b.txt",
            "Cold War\n\nThe Cold War is over, said the minister.",
        ),
        ("c.txt", "Guerre froide\n\nLa guerre froide est finie."),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "index",
        "--corpus",
        corpus.path().to_str().unwrap(),
        "--index",
        "idx",
    ];
    let first = franglais(dir.path(), &args);
    assert!(
        stdout(&first).contains("3 added, 0 updated, 0 removed, 0 unchanged"),
        "{}",
        stdout(&first)
    );

    let second = franglais(dir.path(), &args);
    let line = stdout(&second);
    assert!(line.contains("up to date, nothing to do"), "{line}");
    assert!(
        line.contains("0 added, 0 updated, 0 removed, 3 unchanged"),
        "{line}"
    );

    std::fs::write(
        corpus.path().join("a.txt"),
        "Le bouclier\n\nLe bouclier antimissile est déployé.",
    )
    .unwrap();
    std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
    std::fs::write(
        corpus.path().join("d.md"),
        "Partenariat\n\nLe Partenariat pour la paix.",
    )
    .unwrap();
    let third = franglais(dir.path(), &args);
    assert!(
        stdout(&third).contains("1 added, 1 updated, 1 removed, 1 unchanged"),
        "{}",
        stdout(&third)
    );

    let index = dir.path().join("idx");
    assert_eq!(
        // Without translation: `c` says it in French.
        ids(&search_json(&index, "Cold War", &["--no-translate"])),
        Vec::<String>::new()
    );
    assert_eq!(ids(&search_json(&index, "déployé", &[])), ["a"]);
    assert_eq!(
        ids(&search_json(&index, "divise", &[])),
        Vec::<String>::new()
    );
    assert_eq!(ids(&search_json(&index, "paix", &[])), ["d"]);
}

#[test]
fn bad_files_are_skipped_with_warnings_and_counted() {
    let corpus = corpus_of(&[
        ("good.txt", "Titre\n\nLe Conseil Otan-Russie."),
        ("empty.txt", ""),
        ("feed.jsonl", "{not json\n"),
    ]);
    std::fs::write(corpus.path().join("binary.txt"), b"\x00\x01\x02ELF").unwrap();
    std::fs::write(
        corpus.path().join("latin1.txt"),
        b"La d\xe9fense\n\nLa d\xe9fense europ\xe9enne.",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = index_into_idx(dir.path(), corpus.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    assert!(
        warnings.contains("empty.txt: empty file, skipped"),
        "{warnings}"
    );
    assert!(warnings.contains("binary.txt: binary file"), "{warnings}");
    assert!(
        warnings.contains("feed.jsonl:1: invalid JSON Lines record"),
        "{warnings}"
    );
    assert!(
        warnings.contains("latin1.txt: not UTF-8, decoded as windows-1252"),
        "{warnings}"
    );
    assert!(
        stdout(&out).contains("2 added, 0 updated, 0 removed, 0 unchanged, 3 skipped"),
        "{}",
        stdout(&out)
    );
    let results = search_json(&dir.path().join("idx"), "européenne", &[]);
    assert_eq!(ids(&results), ["latin1"]);
    assert_eq!(results["hits"][0]["title"], "La défense");
}

#[test]
fn json_lines_records_keep_their_metadata() {
    let corpus = corpus_of(&[
        (
            "feed.jsonl",
            concat!(
                r#"{"id": "r1", "title": "Bouclier antimissile", "body": "Les Russes menacent de relancer la course aux armements.", "date": "3 mars 2017", "lang": "fr", "url": "https://example.org/r1"}"#,
                "\n"
            ),
        ),
        ("note.txt", "Armements\n\nLa course aux armements reprend."),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(&index, "armements", &[]);
    let h = hit(&results, "r1");
    assert_eq!(h["title"], "Bouclier antimissile");
    assert_eq!(h["date"], "2017-03-03");
    assert_eq!(h["langs"], serde_json::json!(["fr"]));
    // The address comes back with the hit; a text file has none.
    assert_eq!(h["url"], "https://example.org/r1");
    assert_eq!(hit(&results, "note")["url"], serde_json::Value::Null);
}

#[test]
fn missing_corpus_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = franglais(
        dir.path(),
        &["index", "--corpus", "no-such-folder", "--index", "idx"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no-such-folder") && err.contains("--corpus"),
        "{err}"
    );
}

/// A corpus of `files` files of distinct lines (recurring lines would be
/// boilerplate) made of the seeds' words, about `bytes` in all.
fn generated_corpus(files: usize, bytes: usize) -> tempfile::TempDir {
    let seeds: String = ["000_414ab96dd8635e50", "004_f27857910a253753"]
        .iter()
        .map(|id| std::fs::read_to_string(corpus().join(format!("{id}.txt"))).unwrap())
        .collect();
    let words: Vec<&str> = seeds
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 2)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    // A fixed linear congruential sequence: the same corpus on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for file in 0..files {
        let mut text = format!("Document {file}\n\n");
        while text.len() < bytes / files {
            for _ in 0..14 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(words[(state >> 33) as usize % words.len()]);
                text.push(' ');
            }
            text.push_str(".\n");
        }
        std::fs::write(dir.path().join(format!("{file:02}.txt")), text).unwrap();
    }
    dir
}

#[cfg(unix)]
#[test]
fn a_large_corpus_shows_a_progress_bar_on_a_terminal_only() {
    // Over the 4 MB below which a run takes a moment and shows no bar.
    let corpus = generated_corpus(20, 4_200_000);
    let corpus = corpus.path().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |index: &'static str| ["index", "--corpus", corpus, "--index", index];

    let (status, terminal) = franglais_on_terminal(dir.path(), &run("a"), &[]);
    assert!(status.success(), "{terminal}");
    assert!(terminal.contains("indexing ["), "{terminal:?}");
    assert!(terminal.contains("20 added"), "{terminal}");

    let quiet = [&run("b")[..], &["--quiet"]].concat();
    let (status, terminal) = franglais_on_terminal(dir.path(), &quiet, &[]);
    assert!(status.success(), "{terminal}");
    assert!(!terminal.contains("indexing ["), "{terminal:?}");

    let piped = franglais(dir.path(), &run("c"));
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(stderr(&piped).is_empty(), "{}", stderr(&piped));
    assert!(stdout(&piped).contains("20 added"), "{}", stdout(&piped));
}

/// HTML pages written in the style of French and English news sites
/// (`tests/pages`: menus, cookie banners, share links, comment forms,
/// footers; one page in Windows-1252).
#[test]
fn html_pages_index_their_article_and_metadata_not_their_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("pages");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(root().join("tests/pages")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(corpus.join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    let out = index_into_idx(dir.path(), &corpus);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 added") && stdout(&out).contains("1 ignored"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("decoded as windows-1252"),
        "{}",
        stderr(&out)
    );
    let index = dir.path().join("idx");

    let results = search_json(&index, "bouclier antimissile", &[]);
    let fr = hit(&results, "lejournal-otan");
    assert_eq!(
        fr["title"],
        "L’Otan et la Russie campent sur leurs positions"
    );
    assert_eq!(fr["date"], "2022-01-12");
    assert_eq!(
        fr["url"],
        "https://journal.example/international/2022/01/12/otan-russie"
    );
    assert_eq!(fr["langs"], serde_json::json!(["fr"]));
    let en = hit(&results, "dailynews-shield");
    assert_eq!(en["title"], "Allies split over missile shield");
    assert_eq!(en["date"], "2021-11-30");
    assert_eq!(
        en["url"],
        "https://courier.example/world/allies-split-over-missile-shield"
    );
    assert!(en["snippet"]["text"]
        .as_str()
        .unwrap()
        .contains("missile shield"));

    // Page furniture is not indexed.
    for furniture in [
        "cookies",
        "Accueil",
        "Subscribe",
        "réservés",
        "LinkedIn",
        "commentaire",
        "privacy",
    ] {
        let found = search_json(&index, furniture, &["--no-translate"]);
        assert_eq!(found["total_hits"], 0, "{furniture}: {found}");
    }
    // Their dates sort them.
    assert_eq!(
        ids(&search_json(
            &index,
            "bouclier antimissile",
            &["--sort", "date"]
        )),
        ["lejournal-otan", "dailynews-shield"]
    );
}
