//! End-to-end: bad queries, bad corpora, killed and concurrent runs,
//! damaged and incompatible indexes, write failures.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// A corpus of `n` articles made from the seeds, each a little different,
/// large enough that indexing it takes a noticeable time. Every one has the
/// word `Numéro`.
fn synthetic_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for i in 0..n {
        let sub = dir.path().join(format!("part{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let text = format!(
            "Article {i}\n\n{}\nNuméro {i}.\n",
            seeds[i % seeds.len()].repeat(3)
        );
        std::fs::write(sub.join(format!("a{i}.txt")), text).unwrap();
    }
    dir
}

fn index_cmd(dir: &Path, corpus: &Path, index: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_franglais"));
    cmd.args([
        "index",
        "--quiet",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ])
    .current_dir(dir)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    cmd
}

/// Total hits and the sorted ids of all of them (ties between the
/// near-duplicate synthetic articles may come in any order).
fn hits_for(index: &Path, query: &str) -> (u64, Vec<String>) {
    let results = search_json(index, query, &["--limit", "1000"]);
    let mut found = ids(&results);
    found.sort();
    (results["total_hits"].as_u64().unwrap(), found)
}

#[test]
fn hostile_queries_answer_or_explain_never_panic() {
    let long = "bouclier ".repeat(1200); // over 10,000 characters
    let queries = [
        "",
        "   \t ",
        long.as_str(),
        "le la les de du the of and",
        "?!;:…«»—",
        "\u{1}\u{2}bouclier\u{7f}",
        "\"bouclier anti-missiles",
        "((bouclier",
        "bouclier))",
        "author:Verheyde year:2012",
        "title:",
        "-",
        "OR OR OR",
        "🚀 🛡️",
        "ß Ω д 中文",
    ];
    for query in queries {
        let results = search_json(seed_index(), query, &[]);
        assert_eq!(results["query"], query);
    }
    assert_eq!(ids(&search_json(seed_index(), &long, &[]))[0], SEED_001);
    assert_eq!(search_json(seed_index(), "", &[])["total_hits"], 0);
}

#[test]
fn fuzzer_findings_stay_fixed() {
    // Inputs that crashed `cargo fuzz run query`, kept in fuzz/regressions.
    let dir = root().join("fuzz/regressions/query");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let query = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let searcher = franglais_query::Searcher::open(seed_index()).unwrap();
        searcher
            .search(&query, &franglais_query::SearchOptions::default())
            .unwrap();
        count += 1;
    }
    assert!(count >= 1);
}

#[test]
fn excluded_phrases_exclude_only_the_phrase() {
    // tantivy #2811: an excluded phrase whose words occur apart.
    let corpus = corpus_of(&[
        (
            "apart.txt",
            "Note\n\nLa guerre est loin, la nuit froide. L’Otan veille.",
        ),
        (
            "phrase.txt",
            "Note\n\nLa guerre froide est finie. L’Otan veille.",
        ),
        ("other.txt", "Note\n\nL’Otan veille."),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let mut found = ids(&search_json(&index, "Otan -\"guerre froide\"", &[]));
    found.sort();
    assert_eq!(found, ["apart", "other"]);
}

#[test]
fn a_two_megabyte_line_is_indexed_and_quoted() {
    let line = "le bouclier antimissile de l’OTAN ".repeat(60_000) + "Guerassimov";
    assert!(line.len() > 2_000_000);
    let corpus = corpus_of(&[("long.txt", &format!("Une seule ligne\n\n{line}"))]);
    let (_d, index) = index_of(corpus.path());
    let results = search_json(&index, "Guerassimov", &[]);
    assert_eq!(ids(&results), ["long"]);
    assert_eq!(highlighted(&results["hits"][0]), ["Guerassimov"]);
    assert!(
        results["hits"][0]["snippet"]["text"]
            .as_str()
            .unwrap()
            .chars()
            .count()
            <= 160
    );
}

#[test]
fn a_ten_thousand_file_folder_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let sub = dir.path().join(format!("d{}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{i}.txt")),
            format!("Note {i}\n\nLe bouclier numéro {i}."),
        )
        .unwrap();
    }
    let (_d, index) = index_of(dir.path());
    assert_eq!(
        search_json(&index, "bouclier", &["--limit", "1"])["total_hits"],
        10_000
    );
    assert_eq!(ids(&search_json(&index, "9999", &[])), ["d99/9999"]);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = corpus_of(&[
        ("ok.txt", "Titre\n\nTexte lisible."),
        ("secret.txt", "Titre\n\nTexte caché."),
    ]);
    let secret = corpus.path().join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!("running as root: permissions are not enforced, nothing to test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = index_into_idx(dir.path(), corpus.path());
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("secret.txt: cannot be read"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("1 added") && stdout(&out).contains("1 skipped"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_second_writer_is_refused_clearly() {
    let corpus = corpus_of(&[("a.txt", "Titre\n\nLe bouclier.")]);
    let (dir, index) = index_of(corpus.path());
    std::fs::write(corpus.path().join("b.txt"), "Titre\n\nLa guerre froide.").unwrap();
    // Hold the writer lock as a running `franglais index` does.
    let opened = franglais_index::open_index(&index).unwrap();
    let writer: tantivy::IndexWriter = opened.index.writer(20_000_000).unwrap();
    let out = index_cmd(dir.path(), corpus.path(), &index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("being updated by another franglais process"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    drop(writer);
    // Once the other writer is gone, the run goes through.
    let out = index_cmd(dir.path(), corpus.path(), &index)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(hits_for(&index, "guerre").0, 1);
}

#[test]
fn killed_runs_leave_the_previous_index_searchable_and_the_next_run_completes() {
    let corpus = synthetic_corpus(400);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    // A first, complete index of part of the corpus.
    let first = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus.path().join("part0"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(entry.path(), first.path().join(entry.file_name())).unwrap();
    }
    assert!(index_cmd(dir.path(), first.path(), &index)
        .status()
        .unwrap()
        .success());
    let before = hits_for(&index, "numéro");
    assert_eq!(before.0, 40);

    // Kill the full run at several points; after each, the old commit answers.
    let mut interrupted = 0;
    for delay in [50, 200, 600, 1200] {
        let mut child = index_cmd(dir.path(), corpus.path(), &index)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        let now = hits_for(&index, "numéro");
        if finished {
            break; // the run completed before the kill: nothing to check
        }
        assert_eq!(now, before, "after a kill at {delay} ms");
        interrupted += 1;
    }
    assert!(
        interrupted >= 2,
        "the runs finished before they could be killed"
    );
    // The next run completes and matches a clean build.
    let out = index_cmd(dir.path(), corpus.path(), &index)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (_clean_dir, clean) = index_of(corpus.path());
    for query in [
        "bouclier",
        "Guerassimov",
        "Numéro 123",
        "\"Partnership for Peace\"",
    ] {
        assert_eq!(hits_for(&index, query), hits_for(&clean, query), "{query}");
    }
    assert_eq!(hits_for(&index, "numéro").0, 400);
}

#[test]
fn searching_while_indexing_sees_the_last_commit() {
    let corpus = synthetic_corpus(300);
    let small = corpus_of(&[("only.txt", "Titre\n\nNuméro seul.")]);
    let (dir, index) = index_of(small.path());
    let searcher = franglais_query::Searcher::open(&index).unwrap();
    let options = franglais_query::SearchOptions::default();
    let mut child = index_cmd(dir.path(), corpus.path(), &index)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut fresh_counts = Vec::new();
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(120) {
        // An open searcher keeps its view; a new one sees a whole commit.
        assert_eq!(searcher.search("numéro", &options).unwrap().total_hits, 1);
        let fresh = franglais_query::Searcher::open(&index).unwrap();
        fresh_counts.push(fresh.search("numéro", &options).unwrap().total_hits);
    }
    assert!(child.wait().unwrap().success());
    assert!(
        fresh_counts.iter().all(|&n| n == 1 || n == 300),
        "{fresh_counts:?}"
    );
    searcher.reload().unwrap();
    assert_eq!(searcher.search("numéro", &options).unwrap().total_hits, 300);
}

#[test]
fn an_incompatible_index_is_reported_and_rebuilt_on_request() {
    let (dir, index) = index_of(&corpus());
    let meta_path = index.join("meta.json");
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = Value::String(r#"{"franglais_format": 999}"#.into());
    std::fs::write(&meta_path, meta.to_string()).unwrap();

    let out = franglais(
        dir.path(),
        &["search", "--index", index.to_str().unwrap(), "bouclier"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("incompatible") && err.contains("franglais index --rebuild"),
        "{err}"
    );
    let out = franglais(
        dir.path(),
        &[
            "index",
            "--corpus",
            corpus().to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a plain run does not overwrite it"
    );

    let out = franglais(
        dir.path(),
        &[
            "index",
            "--rebuild",
            "--corpus",
            corpus().to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        ids(&search_json(&index, "bouclier anti-missiles", &[]))[0],
        SEED_001
    );
}

#[test]
fn a_damaged_index_is_one_line_with_the_rebuild_command() {
    let (dir, index) = index_of(&corpus());
    for entry in std::fs::read_dir(&index).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "store") {
            let mut bytes = std::fs::read(&path).unwrap();
            let start = bytes.len() / 8;
            for b in &mut bytes[start..start + 256] {
                *b ^= 0x5a;
            }
            std::fs::write(&path, bytes).unwrap();
        }
    }
    let out = franglais(
        dir.path(),
        &["search", "--index", index.to_str().unwrap(), "bouclier"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("franglais index --rebuild"), "{err}");
    // A meta.json that is not JSON at all.
    std::fs::write(index.join("meta.json"), "garbage").unwrap();
    let out = franglais(
        dir.path(),
        &["search", "--index", index.to_str().unwrap(), "bouclier"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_previous_index_intact() {
    // `ulimit -f` makes writes past a size fail (EFBIG), as a full disk
    // would; SIGXFSZ is ignored so the process sees the error.
    let (dir, index) = index_of(&corpus());
    let before = hits_for(&index, "bouclier");
    let big = synthetic_corpus(200);
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec '{}' index --quiet --corpus '{}' --index '{}'",
        env!("CARGO_BIN_EXE_franglais"),
        big.path().display(),
        index.display()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(index.to_str().unwrap()), "{err}");
    assert_eq!(hits_for(&index, "bouclier"), before);
}
