//! The command behaves like the tools its users know (issue 12): arguments
//! and exit codes, indexes and corpora, how real documents are shown, and
//! the conventions of ripgrep, git and sqlite3 users. Each test runs the
//! real binary.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::*;

fn seed(args: &[&str]) -> std::process::Output {
    let mut all = vec!["search", "--index", seed_index().to_str().unwrap()];
    all.extend_from_slice(args);
    franglais(&root(), &all)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

// Arguments and exit codes.

#[test]
fn options_go_anywhere_and_several_words_are_one_query() {
    let out = seed(&["-n1", "NATO", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["hits"].as_array().unwrap().len(), 1);

    let unquoted = seed(&["bouclier", "--json", "anti-missiles"]);
    let quoted = seed(&["--json", "bouclier anti-missiles"]);
    assert_eq!(json(&unquoted)["query"], "bouclier anti-missiles");
    assert_eq!(ids(&json(&unquoted)), ids(&json(&quoted)));
    assert_eq!(ids(&json(&unquoted))[0], SEED_001);
}

#[test]
fn an_option_alone_is_no_query_and_an_unknown_flag_is_an_error() {
    let out = seed(&["-n5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("QUERY"), "{}", stderr(&out));

    let out = seed(&["--bogus", "NATO"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bogus"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn double_dash_ends_the_options() {
    // After `--`, `-Ukraine` is the query's exclusion, not a flag.
    let out = seed(&["--json", "--", "OTAN", "-Ukraine"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let results = json(&out);
    assert_eq!(results["query"], "OTAN -Ukraine");
    let with = ids(&json(&seed(&["--json", "OTAN"])));
    let without = ids(&results);
    assert!(
        !without.is_empty() && without.len() < with.len(),
        "{with:?} {without:?}"
    );
}

/// A corpus of `n` short articles that all match `dépêche`.
fn many_articles(n: usize) -> tempfile::TempDir {
    let files: Vec<(String, String)> = (0..n)
        .map(|i| {
            (
                format!("a{i:04}.txt"),
                format!("Dépêche numéro {i}\n\nLa dépêche {i} parle du sommet de l’Otan à Madrid, des ministres et de la défense antimissile de l’Europe, longuement."),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    corpus_of(&refs)
}

/// Runs franglais with its output read up to the first line, then closed.
fn first_line_then_close(args: &[&str], input: Option<&str>) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_franglais"))
        .args(args)
        .env_remove("FRANGLAIS_INDEX")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run franglais");
    let mut stdin = child.stdin.take().unwrap();
    if let Some(input) = input {
        stdin.write_all(input.as_bytes()).unwrap();
    }
    drop(stdin);
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    drop(reader); // as `| head -1` does
    let out = child.wait_with_output().unwrap();
    (out.status.code(), first, stderr(&out))
}

#[test]
fn a_closed_output_ends_quietly() {
    let corpus = many_articles(400);
    let (_dir, index) = index_of(corpus.path());
    let index = index.to_str().unwrap();
    // Far more than a pipe holds (64 KiB), so the writes do meet the closed end.
    let (code, first, err) = first_line_then_close(
        &[
            "search",
            "--index",
            index,
            "-n",
            "400",
            "--color",
            "never",
            "dépêche",
        ],
        None,
    );
    assert!(first.starts_with("400 hits"), "{first}");
    assert_eq!((code, err.as_str()), (Some(0), ""));

    let queries = "dépêche Otan\n".repeat(300);
    let (code, first, err) = first_line_then_close(
        &["search", "--index", index, "--batch", "-"],
        Some(&queries),
    );
    assert!(first.starts_with('{'), "{first}");
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

#[test]
fn contradictions_are_refused_or_work() {
    let out = seed(&["--snippet-chars", "5", "NATO"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("20"), "{}", stderr(&out));

    // Text output for a batch: one block per query.
    let index = seed_index().to_str().unwrap();
    let out = franglais_with_input(
        &root(),
        &[
            "search", "--index", index, "--batch", "-", "--format", "text",
        ],
        "bouclier anti-missiles\nzzzqqq\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // `anti` and `missiles` each count: four seeds hold one of the words.
    assert!(
        text.starts_with("4 hits for bouclier anti-missiles"),
        "{text}"
    );
    assert!(text.contains("\nno hits for zzzqqq\n"), "{text}");
    assert!(!text.contains('{'), "{text}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_indexing_leaves_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    let first = corpus_of(&[("otan.txt", "Le sommet\n\nLe sommet de l’Otan à Madrid.")]);
    let out = index_into_idx(dir.path(), first.path());
    assert!(out.status.success(), "{}", stderr(&out));
    // Large enough for the progress bar (4 MB) and to be stopped midway.
    let big = many_articles(1);
    let filler =
        "La dépêche parle longuement de la défense antimissile de l’Europe. ".repeat(2_000);
    for i in 0..80 {
        std::fs::write(
            big.path().join(format!("b{i:03}.txt")),
            format!("Article {i}\n\n{filler}"),
        )
        .unwrap();
    }
    std::fs::copy(first.path().join("otan.txt"), big.path().join("otan.txt")).unwrap();
    let mut sent = false;
    let corpus = big.path().to_str().unwrap();
    let (status, output) = franglais_on_terminal_with(
        dir.path(),
        &["index", "--corpus", corpus, "--index", "idx"],
        &[],
        |output, pid| {
            if !sent && output.contains("indexing") {
                // SAFETY: kill(2) on our own child's pid.
                unsafe { libc::kill(pid as i32, libc::SIGINT) };
                sent = true;
            }
        },
    );
    assert!(sent, "no progress bar: {output}");
    assert_eq!(status.code(), Some(130), "{output}");
    let last = output.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("franglais: indexing into idx was interrupted"),
        "{output:?}"
    );
    assert!(last.contains("unchanged"), "{last}");
    // The previous index answers, without the new documents.
    let index = dir.path().join("idx");
    assert_eq!(ids(&search_json(&index, "sommet Madrid", &[])), ["otan"]);
    assert!(ids(&search_json(&index, "dépêche", &[])).is_empty());
}

// Indexes and corpora.

#[test]
fn an_empty_corpus_gives_an_index_that_later_runs_fill() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let out = index_into_idx(dir.path(), &corpus);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = dir.path().join("idx");
    let out = franglais(dir.path(), &["search", "--index", "idx", "Otan"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    std::fs::write(corpus.join("a.txt"), "Le sommet\n\nLe sommet de l’Otan.").unwrap();
    let out = index_into_idx(dir.path(), &corpus);
    assert!(stdout(&out).contains("1 added"), "{}", stdout(&out));
    assert_eq!(ids(&search_json(&index, "Otan", &[])), ["a"]);
}

#[test]
fn a_corpus_may_be_one_file() {
    let dir = corpus_of(&[
        (
            "notes/sommet.txt",
            "Le sommet\n\nLe sommet de l’Otan à Madrid.",
        ),
        ("notes/x.pdf", "%PDF"),
    ]);
    let file = dir.path().join("notes/sommet.txt");
    let out = index_into_idx(dir.path(), &file);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        ids(&search_json(&dir.path().join("idx"), "Madrid", &[])),
        ["sommet"]
    );

    let out = index_into_idx(dir.path(), &dir.path().join("notes/x.pdf"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("x.pdf is not a .txt, .md, .jsonl or .html file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_index_path_naming_a_file_is_said_so() {
    let dir = corpus_of(&[
        ("c/a.txt", "Titre\n\nTexte."),
        ("notes.txt", "not an index"),
    ]);
    let file = dir.path().join("notes.txt");
    let corpus = dir.path().join("c");
    for args in [
        vec![
            "index",
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            file.to_str().unwrap(),
        ],
        vec!["search", "--index", file.to_str().unwrap(), "texte"],
    ] {
        let out = franglais(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("notes.txt is a file; an index is a folder"),
            "{err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not an index");
}

#[test]
fn a_missing_lexicon_cannot_be_read() {
    let out = seed(&["--lexicon", "/nonexistent.tsv", "NATO"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cannot read lexicon /nonexistent.tsv"),
        "{err}"
    );
    assert!(!err.contains("expected"), "{err}");
}

#[test]
fn the_same_path_in_two_corpora_is_not_lost_silently() {
    let dir = corpus_of(&[
        ("one/x.txt", "Le sommet\n\nLe sommet de l’Otan."),
        ("two/x.txt", "The summit\n\nThe NATO summit."),
    ]);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    let out = franglais(
        dir.path(),
        &[
            "index",
            "--corpus",
            one.to_str().unwrap(),
            "--corpus",
            two.to_str().unwrap(),
            "--index",
            "idx",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let (first, second) = (one.join("x.txt"), two.join("x.txt"));
    assert!(
        err.contains(&second.display().to_string()) && err.contains(&first.display().to_string()),
        "{err}"
    );
    assert!(stdout(&out).contains("1 skipped"), "{}", stdout(&out));
}

// Real documents.

/// A page laid out as `man` prints it.
const MAN_PAGE: &str = "WIDGET(1)                          User Commands                          WIDGET(1)

NAME
       widget - frobnicate the bar files of a project

SYNOPSIS
       widget [OPTION]... [FILE]...

DESCRIPTION
       Frobnicate   each   FILE, writing the result to standard output.   With no FILE, read standard input.

       -a, --all
              frobnicate hidden files too
";

#[test]
fn a_title_is_no_section_header_and_a_title_match_shows_the_opening() {
    let dir = corpus_of(&[("widget.1.txt", MAN_PAGE)]);
    let (_tmp, index) = index_of(dir.path());
    let results = search_json(&index, "project", &[]);
    let hit = &results["hits"][0];
    assert_eq!(
        hit["title"],
        "widget - frobnicate the bar files of a project"
    );
    // Only the title matched: the snippet is the body's opening, not the
    // page header, with layout spaces collapsed.
    let snippet = hit["snippet"]["text"].as_str().unwrap();
    assert!(
        snippet.starts_with("widget [OPTION]... [FILE]..."),
        "{snippet}"
    );
    assert!(!snippet.contains("  "), "{snippet}");
    assert!(snippet.ends_with('…'), "{snippet}");
    // The title's match is highlighted, with character offsets.
    let title: Vec<char> = hit["title"].as_str().unwrap().chars().collect();
    let marks: Vec<String> = hit["title_highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            title[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        })
        .collect();
    assert_eq!(marks, ["project"]);
}

#[test]
fn snippets_mark_cuts_and_collapse_spaces() {
    let results = search_json(seed_index(), "bouclier anti-missiles", &[]);
    for hit in results["hits"].as_array().unwrap() {
        let text = hit["snippet"]["text"].as_str().unwrap();
        assert!(!text.contains("  "), "{text}");
        assert!(text.starts_with('…') || text.ends_with('…'), "{text}");
    }
    assert!(highlighted(hit(&results, SEED_001)).contains(&"bouclier".to_string()));
}

#[test]
fn text_output_says_1_hit_and_echoes_the_query_as_typed() {
    let out = seed(&["--color", "never", "\"Stoltenberg\""]);
    let text = stdout(&out);
    assert!(
        text.starts_with("1 hit for \"Stoltenberg\" (showing 1,"),
        "{text}"
    );
}

// Conventions users expect.

#[test]
fn completions_and_man_pages_are_produced() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef franglais"),
        ("fish", "complete -c franglais"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = franglais(&root(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("snippet-chars"),
            "{shell} lacks search's options"
        );
    }
    let out = franglais(&root(), &["man"]);
    assert!(
        stdout(&out).starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains(".TH franglais 1"));
    let out = franglais(&root(), &["man", "search"]);
    let page = stdout(&out);
    assert!(
        page.contains(".TH franglais-search 1") && page.contains("snippet\\-chars"),
        "{page}"
    );
    assert_eq!(franglais(&root(), &["man", "nope"]).status.code(), Some(2));
}

#[test]
fn color_json_ids_and_quiet() {
    let coloured = stdout(&seed(&["--color", "always", "Stoltenberg"]));
    assert!(coloured.contains("\x1b[1;31m"), "{coloured}");
    let plain = stdout(&seed(&["--color", "never", "Stoltenberg"]));
    assert!(!plain.contains('\x1b'));

    let short = json(&seed(&["--json", "bouclier"]));
    let long = json(&seed(&["--format", "json", "bouclier"]));
    assert_eq!(ids(&short), ids(&long));

    let out = seed(&["--ids", "bouclier anti-missiles"]);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    // The pages saying `bouclier` come first.
    assert_eq!(lines[..ids(&long).len()], ids(&long)[..]);
    assert_eq!(
        lines,
        ids(&json(&seed(&["--json", "bouclier anti-missiles"])))
    );

    let found = seed(&["-q", "bouclier"]);
    assert_eq!(
        (found.status.code(), stdout(&found).as_str()),
        (Some(0), "")
    );
    let none = seed(&["-q", "zzzqqq"]);
    assert_eq!((none.status.code(), stdout(&none).as_str()), (Some(1), ""));
}

#[cfg(unix)]
#[test]
fn never_colours_a_terminal_and_always_wins_over_no_color() {
    let index = seed_index().to_str().unwrap();
    let dir = root();
    let args = |when| vec!["search", "--index", index, "--color", when, "Stoltenberg"];
    let (_, never) = franglais_on_terminal(&dir, &args("never"), &[]);
    assert!(!never.contains('\x1b'), "{never}");
    let (_, always) = franglais_on_terminal(&dir, &args("always"), &[("NO_COLOR", "1")]);
    assert!(always.contains("\x1b[1;31m"), "{always}");
}

#[test]
fn franglais_index_sets_the_default_index() {
    let dir = corpus_of(&[("c/a.txt", "Le sommet\n\nLe sommet de l’Otan.")]);
    let corpus = dir.path().join("c");
    let run = |args: &[&str], env: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_franglais"));
        command.args(args).current_dir(dir.path());
        match env {
            Some(index) => command.env("FRANGLAIS_INDEX", index),
            None => command.env_remove("FRANGLAIS_INDEX"),
        };
        command.output().unwrap()
    };
    let out = run(
        &["index", "--corpus", corpus.to_str().unwrap()],
        Some("from-env"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("from-env/meta.json").is_file());
    let out = run(&["search", "--ids", "sommet"], Some("from-env"));
    assert_eq!(stdout(&out), "a\n");
    // The flag wins.
    let out = run(
        &["search", "--index", "elsewhere", "sommet"],
        Some("from-env"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("elsewhere"), "{}", stderr(&out));
}

#[test]
fn help_ends_with_examples() {
    for args in [
        vec!["--help"],
        vec!["search", "--help"],
        vec!["index", "--help"],
    ] {
        let out = franglais(&root(), &args);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(help.contains("Examples:\n  franglais "), "{args:?}: {help}");
    }
    let help = stdout(&franglais(&root(), &["search", "--help"]));
    assert!(
        help.contains("FRANGLAIS_INDEX") && help.contains("Exit status"),
        "{help}"
    );
}

/// What users install carries no debug info (it made the binary 85 MB);
/// the bench profile keeps it for profiling.
#[test]
fn the_release_profile_has_no_debug_info() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let profile = |name: &str| -> Vec<String> {
        let header = format!("[profile.{name}]");
        manifest
            .lines()
            .skip_while(|l| l.trim() != header)
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(|l| l.replace(' ', ""))
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    };
    let release = profile("release");
    assert!(release.contains(&"debug=false".to_string()), "{release:?}");
    assert!(
        release.contains(&"strip=\"symbols\"".to_string()),
        "{release:?}"
    );
    assert!(profile("bench").contains(&"debug=1".to_string()));
}

#[test]
fn serve_builds_the_default_index_on_first_use_and_answers_on_loopback() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let corpus_copy = dir.path().join("corpus");
    std::fs::create_dir(&corpus_copy).unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus_copy.join(path.file_name().unwrap())).unwrap();
    }
    let mut server = Command::new(env!("CARGO_BIN_EXE_franglais"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("FRANGLAIS_INDEX")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The address comes on standard error once the server listens.
    let stderr = server.stderr.take().unwrap();
    let (found, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("serving on http://").nth(1) {
                let _ = found.send(rest.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let address = address.recv_timeout(std::time::Duration::from_secs(120));
    let answer = address.as_ref().ok().map(|addr| {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /search?q=bouclier%20anti-missiles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    });
    let _ = server.kill();
    let _ = server.wait();
    let address = address.expect("the server said where it listens");
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    assert!(dir.path().join("index").is_dir(), "index/ not built");
    let answer = answer.unwrap();
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let results: serde_json::Value = serde_json::from_str(body).expect(&answer);
    assert_eq!(ids(&results)[0], SEED_001);
}
