//! Helpers for the end-to-end tests: they run the real `franglais` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    root().join("corpus")
}

/// `franglais` with `args`, run in `dir`.
pub fn franglais(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_franglais"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FRANGLAIS_INDEX")
        .stdin(Stdio::null())
        .output()
        .expect("run franglais")
}

/// `franglais` with `args` run in `dir` as on a terminal: standard output
/// and standard error both go to a pseudo-terminal of 120 columns, whose
/// output is returned with the exit status. `TERM` is `xterm` and
/// `NO_COLOR` is unset unless `env` says otherwise.
#[cfg(unix)]
pub fn franglais_on_terminal(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (std::process::ExitStatus, String) {
    franglais_on_terminal_with(dir, args, env, |_, _| {})
}

/// [`franglais_on_terminal`], calling `on_output(output so far, child pid)`
/// after each read (to send the child a signal when it shows something).
#[cfg(unix)]
pub fn franglais_on_terminal_with(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    mut on_output: impl FnMut(&str, u32),
) -> (std::process::ExitStatus, String) {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};

    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors, owned from here on.
    let (master, slave) = unsafe {
        let rc = libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        );
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_franglais"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FRANGLAIS_INDEX")
        .env("TERM", "xterm")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave.try_clone().expect("dup pty")))
        .stderr(Stdio::from(slave));
    let mut child = command.spawn().expect("run franglais");
    // The command holds our copies of the terminal's end: without closing
    // them, reading would never see the end of the output.
    drop(command);
    let mut terminal = std::fs::File::from(master);
    let mut output = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match terminal.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                output.extend_from_slice(&buffer[..n]);
                on_output(&String::from_utf8_lossy(&output), child.id());
            }
            // Linux says EIO once the child's end is closed.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => panic!("reading the terminal: {e}"),
        }
    }
    let status = child.wait().expect("wait");
    (status, String::from_utf8_lossy(&output).into_owned())
}

/// `franglais` with `args` and `input` on standard input.
pub fn franglais_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_franglais"))
        .args(args)
        .current_dir(dir)
        .env_remove("FRANGLAIS_INDEX")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run franglais");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `franglais index --corpus CORPUS --index idx`, run in `dir`.
pub fn index_into_idx(dir: &Path, corpus: &Path) -> Output {
    franglais(
        dir,
        &[
            "index",
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            "idx",
        ],
    )
}

/// An index of `corpus` in a new temporary folder.
pub fn index_of(corpus: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    let out = franglais(
        dir.path(),
        &[
            "index",
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "index failed: {}", stderr(&out));
    (dir, index)
}

/// The ids `query` finds, in rank order, in an index of a corpus made of
/// `files` (`(file name, text)` pairs): a ranking rule on made-up text.
pub fn ranking(files: &[(&str, &str)], query: &str) -> Vec<String> {
    let corpus = corpus_of(files);
    let (_dir, index) = index_of(corpus.path());
    ids(&search_json(&index, query, &[]))
}

/// The seed index, built once for all tests of a binary.
pub fn seed_index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX.get_or_init(|| index_of(&corpus())).1
}

/// `franglais search --format json` on `index` with extra `args`.
pub fn search_json(index: &Path, query: &str, args: &[&str]) -> Value {
    let mut all = vec![
        "search",
        "--format",
        "json",
        "--index",
        index.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    all.push("--");
    all.push(query);
    let out = franglais(&root(), &all);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "search {query:?} failed: {}",
        stderr(&out)
    );
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("bad JSON for {query:?}: {e}: {}", stdout(&out)))
}

/// Ids of the hits, in order.
pub fn ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The highlighted words of a hit's snippet.
pub fn highlighted(hit: &Value) -> Vec<String> {
    let text: Vec<char> = hit["snippet"]["text"].as_str().unwrap().chars().collect();
    hit["snippet"]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            text[a..b].iter().collect()
        })
        .collect()
}

/// The hit with `id`.
pub fn hit<'a>(results: &'a Value, id: &str) -> &'a Value {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no hit {id}"))
}

/// A corpus folder written from `(file name, text)` pairs.
pub fn corpus_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

pub const SEED_001: &str = "001_2423e1d528b6a826";
pub const SEED_000: &str = "000_414ab96dd8635e50";
pub const SEED_002: &str = "002_5e6fe0b14c7628e6";
pub const SEED_003: &str = "003_8df658b17b9b3714";
pub const SEED_004: &str = "004_f27857910a253753";
