//! Reading a corpus: folders of `.txt`, `.md`, `.jsonl` and `.html` files, decoded to
//! text. Nothing here stops a run over one bad file: an unreadable, empty,
//! binary or malformed file becomes a [`Warning`] naming it, and the rest of
//! the corpus is read.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// A document as read from the corpus, before title, date and boilerplate
/// are worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocument {
    /// The document id: the path relative to the corpus root without its
    /// extension (`fr/cp.1`), or the `id` of a JSON Lines record.
    pub id: String,
    /// The file it came from, as the corpus root was given joined with the
    /// relative path (`corpus/001_2423e1d528b6a826.txt`).
    pub path: String,
    /// The text, decoded.
    pub text: String,
    /// Metadata given by a JSON Lines record.
    pub meta: RecordMeta,
}

/// Metadata a JSON Lines record may carry; empty for plain text files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordMeta {
    /// The title; the text then holds the body only.
    pub title: Option<String>,
    /// The date as given.
    pub date: Option<String>,
    /// The language as given (`fr`, `en`).
    pub lang: Option<String>,
    /// The source address.
    pub url: Option<String>,
}

/// Something in the corpus that was skipped or read with a caveat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file (with `:LINE` for a JSON Lines record).
    pub path: String,
    /// What happened.
    pub kind: WarningKind,
}

/// What a [`Warning`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// Skipped: empty or only white space.
    Empty,
    /// Skipped: holds NUL bytes, so not text.
    Binary,
    /// Read, but the text was not UTF-8 and was decoded from this encoding.
    Decoded(&'static str),
    /// Skipped: could not be read.
    Unreadable(String),
    /// Skipped: a JSON Lines record that is not valid.
    BadRecord(String),
    /// Skipped: an HTML page whose article could not be extracted.
    BadHtml(String),
    /// Skipped: another document already has this id.
    DuplicateId {
        /// The id.
        id: String,
        /// The file of the document that has it (with `:LINE` for a record).
        first: String,
    },
    /// A folder already visited through a symbolic link.
    SymlinkLoop,
    /// Indexed, but only its first `kept` bytes of `total`: over the size
    /// limit for one document.
    Truncated {
        /// Bytes indexed.
        kept: usize,
        /// Bytes in the document.
        total: usize,
    },
}

impl Warning {
    /// Whether the document was left out (as opposed to read with a caveat).
    pub fn is_skip(&self) -> bool {
        !matches!(
            self.kind,
            WarningKind::Decoded(_) | WarningKind::SymlinkLoop | WarningKind::Truncated { .. }
        )
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.kind {
            WarningKind::Empty => write!(f, "{path}: empty file, skipped"),
            WarningKind::Binary => write!(f, "{path}: binary file (NUL bytes), skipped"),
            WarningKind::Decoded(enc) => write!(f, "{path}: not UTF-8, decoded as {enc}"),
            WarningKind::Unreadable(e) => write!(f, "{path}: cannot be read ({e}), skipped"),
            WarningKind::BadRecord(e) => {
                write!(f, "{path}: invalid JSON Lines record ({e}), skipped")
            }
            WarningKind::BadHtml(e) => {
                write!(f, "{path}: no article found in this HTML page ({e}), skipped")
            }
            WarningKind::DuplicateId { id, first } => write!(
                f,
                "{path}: id `{id}` already used by {first}, skipped (give the corpora different layouts, or index them into separate indexes)"
            ),
            WarningKind::SymlinkLoop => write!(
                f,
                "{path}: folder already visited (symbolic link loop), not read again"
            ),
            WarningKind::Truncated { kept, total } => write!(
                f,
                "{path}: {:.1} MB is over the limit for one document; only its first {:.1} MB are indexed (split the file to index it all)",
                *total as f64 / 1e6,
                *kept as f64 / 1e6
            ),
        }
    }
}

/// Everything read from the corpus roots.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents in a stable order (roots in the order given, then paths).
    pub documents: Vec<SourceDocument>,
    /// What was skipped or read with a caveat.
    pub warnings: Vec<Warning>,
    /// Bytes of text read.
    pub bytes: u64,
    /// Files of other kinds than those read, left alone.
    pub ignored: usize,
    max_document_bytes: usize,
}

/// Documents larger than this are cut (at a line break) with a warning:
/// one document of hundreds of megabytes is a dump, not an article, and
/// analysing it whole needs gigabytes of memory.
pub const MAX_DOCUMENT_BYTES: usize = 32 << 20;

/// File extensions read as plain text.
const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];
/// File extensions read as HTML pages.
const HTML_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// Reads every `.txt`, `.md`, `.jsonl`, `.html` and `.htm` file below the given roots.
///
/// A root that does not exist is an error; everything below a root that
/// cannot be used becomes a warning.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("fr"))?;
/// std::fs::write(dir.path().join("fr/otan.txt"), "Le Conseil Otan-Russie")?;
/// std::fs::write(dir.path().join("empty.md"), "")?;
/// let corpus = franglais_index::corpus::read_corpus(&[dir.path().to_path_buf()])?;
/// assert_eq!(corpus.documents[0].id, "fr/otan");
/// assert_eq!(corpus.warnings.len(), 1); // the empty file
/// # Ok(()) }
/// ```
pub fn read_corpus(roots: &[PathBuf]) -> Result<Corpus> {
    read_corpus_with_limit(roots, MAX_DOCUMENT_BYTES)
}

/// [`read_corpus`] with another size limit for one document.
pub fn read_corpus_with_limit(roots: &[PathBuf], max_document_bytes: usize) -> Result<Corpus> {
    let mut corpus = Corpus {
        max_document_bytes,
        ..Corpus::default()
    };
    let mut ids = HashMap::new();
    for root in roots {
        if root.is_file() {
            read_single_file(root, &mut corpus, &mut ids)?;
            continue;
        }
        if !root.is_dir() {
            return Err(Error::CorpusNotFound { path: root.clone() });
        }
        let mut files = Vec::new();
        let mut visited = HashSet::new();
        walk(root, &mut visited, &mut files, &mut corpus);
        files.sort();
        for file in files {
            read_file(root, &file, &mut corpus, &mut ids);
        }
    }
    Ok(corpus)
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, files: &mut Vec<PathBuf>, corpus: &mut Corpus) {
    let warnings = &mut corpus.warnings;
    let display = dir.display().to_string();
    match fs::canonicalize(dir) {
        Ok(canonical) if !visited.insert(canonical.clone()) => {
            warnings.push(Warning {
                path: display,
                kind: WarningKind::SymlinkLoop,
            });
            return;
        }
        Err(e) => {
            warnings.push(Warning {
                path: display,
                kind: WarningKind::Unreadable(e.to_string()),
            });
            return;
        }
        Ok(_) => {}
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(Warning {
                path: display,
                kind: WarningKind::Unreadable(e.to_string()),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue; // hidden files and folders (.git, editor swap files)
        }
        // `metadata` follows symbolic links; a dangling one is unreadable.
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, visited, files, corpus),
            Ok(_) if extension(&path).is_some() => files.push(path),
            Ok(_) => corpus.ignored += 1,
            Err(e) => corpus.warnings.push(Warning {
                path: path.display().to_string(),
                kind: WarningKind::Unreadable(e.to_string()),
            }),
        }
    }
}

fn extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    TEXT_EXTENSIONS
        .iter()
        .chain(HTML_EXTENSIONS.iter())
        .chain(["jsonl"].iter())
        .find(|known| **known == ext)
        .copied()
}

/// A corpus root that is one file: read as a folder holding only it, so its
/// id is its name without extension.
fn read_single_file(file: &Path, corpus: &mut Corpus, ids: &mut Ids) -> Result<()> {
    if extension(file).is_none() {
        return Err(Error::UnsupportedCorpusFile {
            path: file.to_path_buf(),
        });
    }
    let folder = file.parent().unwrap_or(Path::new(""));
    read_file(folder, file, corpus, ids);
    Ok(())
}

/// The ids given so far, each with the file that holds it.
type Ids = HashMap<String, String>;

fn read_file(root: &Path, file: &Path, corpus: &mut Corpus, ids: &mut Ids) {
    let path = file.display().to_string();
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            corpus.warnings.push(Warning {
                path,
                kind: WarningKind::Unreadable(e.to_string()),
            });
            return;
        }
    };
    let is_html = extension(file).is_some_and(|e| HTML_EXTENSIONS.contains(&e));
    let read = if is_html {
        crate::html::read_page(&bytes).map(|page| (page.text, page.encoding, page.meta))
    } else {
        decode(&bytes).map(|(text, encoding)| (text, encoding, RecordMeta::default()))
    };
    let (text, encoding, meta) = match read {
        Ok(read) => read,
        Err(kind) => {
            corpus.warnings.push(Warning { path, kind });
            return;
        }
    };
    if let Some(encoding) = encoding {
        corpus.warnings.push(Warning {
            path: path.clone(),
            kind: WarningKind::Decoded(encoding),
        });
    }
    corpus.bytes += text.len() as u64;
    if extension(file) == Some("jsonl") {
        read_records(&path, &text, corpus, ids);
        return;
    }
    if text.trim().is_empty() {
        corpus.warnings.push(Warning {
            path,
            kind: WarningKind::Empty,
        });
        return;
    }
    let relative = file.strip_prefix(root).unwrap_or(file).with_extension("");
    let id = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    push_document(
        corpus,
        ids,
        SourceDocument {
            id,
            path,
            text,
            meta,
        },
    );
}

fn push_document(corpus: &mut Corpus, ids: &mut Ids, mut doc: SourceDocument) {
    let total = doc.text.len();
    if total > corpus.max_document_bytes {
        let mut cut = corpus.max_document_bytes;
        while !doc.text.is_char_boundary(cut) {
            cut -= 1;
        }
        // At the last line break, unless that loses most of it.
        cut = doc.text[..cut]
            .rfind('\n')
            .filter(|&nl| nl > cut / 2)
            .unwrap_or(cut);
        doc.text.truncate(cut);
        let path = doc.path.clone();
        corpus.warnings.push(Warning {
            path,
            kind: WarningKind::Truncated { kept: cut, total },
        });
    }
    match ids.get(&doc.id) {
        None => {
            ids.insert(doc.id.clone(), doc.path.clone());
            corpus.documents.push(doc);
        }
        Some(first) => corpus.warnings.push(Warning {
            path: doc.path,
            kind: WarningKind::DuplicateId {
                id: doc.id,
                first: first.clone(),
            },
        }),
    }
}

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

fn read_records(path: &str, text: &str, corpus: &mut Corpus, ids: &mut Ids) {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{path}:{}", n + 1);
        let bad = |reason: String| Warning {
            path: at.clone(),
            kind: WarningKind::BadRecord(reason),
        };
        let record: Record = match serde_json::from_str(line) {
            Ok(record) => record,
            Err(e) => {
                corpus.warnings.push(bad(e.to_string()));
                continue;
            }
        };
        let id = match &record.id {
            serde_json::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                corpus
                    .warnings
                    .push(bad("`id` must be a non-empty string or a number".into()));
                continue;
            }
        };
        let body = record.body.unwrap_or_default();
        if body.trim().is_empty() && record.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            corpus.warnings.push(Warning {
                path: at,
                kind: WarningKind::Empty,
            });
            continue;
        }
        let meta = RecordMeta {
            title: record.title,
            date: record.date,
            lang: record.lang,
            url: record.url,
        };
        push_document(
            corpus,
            ids,
            SourceDocument {
                id,
                path: path.to_string(),
                text: body,
                meta,
            },
        );
    }
}

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or
/// else Windows-1252 (the usual encoding of French text that is not UTF-8; a
/// superset of Latin-1's printable characters). Returns the text and the
/// encoding it was decoded from when that was not UTF-8.
///
/// ```
/// use franglais_index::corpus::decode;
/// assert_eq!(decode("défense".as_bytes()).unwrap(), ("défense".to_string(), None));
/// assert_eq!(decode(b"d\xe9fense").unwrap(), ("défense".to_string(), Some("windows-1252")));
/// ```
pub fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), WarningKind> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Ok((text.into_owned(), name));
    }
    if bytes.contains(&0) {
        return Err(WarningKind::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Some("windows-1252")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_of(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        let corpus = read_corpus(&[dir.path().to_path_buf()]).unwrap();
        (dir, corpus)
    }

    #[test]
    fn ids_are_relative_paths_without_extension() {
        let (_dir, corpus) = corpus_of(&[
            ("fr/cp.1.txt", b"copie"),
            ("a.md", b"texte"),
            ("skip.pdf", b"x"),
        ]);
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "fr/cp.1"]);
        assert!(corpus.documents[1].path.ends_with("fr/cp.1.txt"));
    }

    #[test]
    fn bad_files_are_warnings_not_errors() {
        let (_dir, corpus) = corpus_of(&[
            ("empty.txt", b"  \n"),
            ("binary.txt", b"\x7fELF\x00\x01"),
            ("latin1.txt", b"la d\xe9fense europ\xe9enne"),
            ("utf16.txt", b"\xff\xfeO\x00T\x00A\x00N\x00"),
            ("ok.txt", b"OTAN"),
        ]);
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["latin1", "ok", "utf16"]);
        assert_eq!(corpus.documents[0].text, "la défense européenne");
        assert_eq!(corpus.documents[2].text, "OTAN");
        let skipped: Vec<String> = corpus
            .warnings
            .iter()
            .filter(|w| w.is_skip())
            .map(|w| w.to_string())
            .collect();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped
            .iter()
            .any(|w| w.contains("binary.txt") && w.contains("binary")));
        assert!(skipped
            .iter()
            .any(|w| w.contains("empty.txt") && w.contains("empty")));
    }

    #[test]
    fn json_lines_records_and_broken_lines() {
        let jsonl = concat!(
            r#"{"id": "a1", "title": "Bouclier", "body": "Le bouclier antimissile", "date": "2017-03-03", "lang": "fr"}"#,
            "\n{broken\n",
            r#"{"id": "", "body": "no id"}"#,
            "\n",
            r#"{"id": 7, "body": "numbered", "url": "https://example.org/7"}"#,
            "\n"
        );
        let (_dir, corpus) = corpus_of(&[("feed.jsonl", jsonl.as_bytes())]);
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a1", "7"]);
        assert_eq!(corpus.documents[0].meta.title.as_deref(), Some("Bouclier"));
        assert_eq!(
            corpus.documents[1].meta.url.as_deref(),
            Some("https://example.org/7")
        );
        let warnings: Vec<String> = corpus.warnings.iter().map(|w| w.to_string()).collect();
        assert!(warnings[0].contains("feed.jsonl:2"), "{warnings:?}");
        assert!(warnings[1].contains("feed.jsonl:3"), "{warnings:?}");
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let (_dir, corpus) = corpus_of(&[("a.txt", b"one"), ("a.md", b"two")]);
        assert_eq!(corpus.documents.len(), 1);
        assert_eq!(corpus.documents[0].text, "two"); // a.md sorts first
        assert!(matches!(
            corpus.warnings[0].kind,
            WarningKind::DuplicateId { .. }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/a.txt"), "texte").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let corpus = read_corpus(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(corpus.documents.len(), 1);
        assert!(corpus
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::SymlinkLoop));
    }

    #[test]
    fn over_long_documents_are_cut_at_a_line_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let text = "une ligne de texte\n".repeat(100);
        fs::write(dir.path().join("long.txt"), &text).unwrap();
        let corpus = read_corpus_with_limit(&[dir.path().to_path_buf()], 100).unwrap();
        assert_eq!(
            corpus.documents[0].text,
            "une ligne de texte\n".repeat(5).trim_end()
        );
        let warning = corpus.warnings[0].to_string();
        assert!(
            warning.contains("long.txt") && warning.contains("limit"),
            "{warning}"
        );
        assert!(!corpus.warnings[0].is_skip());
    }

    #[test]
    fn missing_root_is_an_error() {
        let err = read_corpus(&[PathBuf::from("/no/such/corpus")]).unwrap_err();
        assert!(err.to_string().contains("/no/such/corpus"));
    }
}
