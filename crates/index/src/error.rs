//! Errors of the indexing crate. Every variant names the path involved and
//! says what went wrong; which command or flag mends it is the program's
//! to say (the `franglais` command adds it).

use std::io;
use std::path::PathBuf;

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong when reading a corpus or opening, building or updating
/// an index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A corpus folder given by the user does not exist.
    #[error("corpus folder {path} does not exist")]
    CorpusNotFound {
        /// The missing folder.
        path: PathBuf,
    },
    /// A corpus path given by the user is a file franglais does not read.
    #[error("{path} is not a .txt, .md, .jsonl or .html file; pass such a file or a folder")]
    UnsupportedCorpusFile {
        /// The file.
        path: PathBuf,
    },
    /// The index path names a file, not a folder.
    #[error(
        "{path} is a file; an index is a folder: name a new or empty folder, or an existing index"
    )]
    IndexIsFile {
        /// The file.
        path: PathBuf,
    },
    /// Indexing was stopped (see `IndexOptions::interrupt`) before its
    /// commit: the index is as it was before the run.
    #[error("indexing into {path} was interrupted; the index is unchanged (the previous one is still searchable)")]
    Interrupted {
        /// The index folder.
        path: PathBuf,
    },
    /// The index folder holds files, but no franglais index.
    #[error("folder {path} is not empty and holds no franglais index")]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
    },
    /// A document given from memory has an empty id.
    #[error("a document needs an id that is not empty")]
    EmptyId,
    /// No index at this path.
    #[error("no franglais index at {path}")]
    IndexNotFound {
        /// Where the index was expected.
        path: PathBuf,
    },
    /// Another process is writing this index.
    #[error("the index at {path} is being updated by another franglais process; wait for it to finish, then run again")]
    IndexLocked {
        /// The locked index.
        path: PathBuf,
    },
    /// The index was written by another version of franglais.
    #[error("the index at {path} was written by an incompatible version of franglais ({found}, expected {expected}); it must be rebuilt")]
    IncompatibleIndex {
        /// The index folder.
        path: PathBuf,
        /// The format found.
        found: String,
        /// The format this version reads.
        expected: String,
    },
    /// The index exists but cannot be read.
    #[error("the index at {path} is damaged ({reason}); it must be rebuilt")]
    DamagedIndex {
        /// The index folder.
        path: PathBuf,
        /// What tantivy reported.
        reason: String,
    },
    /// An I/O error on a path.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// An error from tantivy while working on the index at `path`.
    #[error("index {path}: {source}")]
    Tantivy {
        /// The index folder.
        path: PathBuf,
        /// The underlying error.
        source: tantivy::TantivyError,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
        let path = path.into();
        match source {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => Error::IndexLocked { path },
            tantivy::TantivyError::DataCorruption(corruption) => Error::DamagedIndex {
                path,
                reason: format!("{corruption:?}"),
            },
            tantivy::TantivyError::IncompatibleIndex(incompatibility) => Error::IncompatibleIndex {
                path,
                found: format!("{incompatibility:?}"),
                expected: format!("tantivy {}", tantivy::version_string()),
            },
            source => Error::Tantivy { path, source },
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_say_what_went_wrong_not_which_flag() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("none");
        let not_an_index = dir.path().join("notes");
        std::fs::create_dir(&not_an_index).expect("folder");
        std::fs::write(not_an_index.join("a.txt"), "x").expect("file");
        let options = crate::indexer::IndexOptions::new(vec![dir.path().into()], &not_an_index);
        let errors = [
            crate::open_index(&missing).err(),
            crate::corpus::read_corpus(std::slice::from_ref(&missing)).err(),
            crate::indexer::build_index(&options, |_| {}).err(),
        ];
        for error in errors {
            let message = error.expect("an error").to_string();
            assert!(message.contains(dir.path().to_str().unwrap()), "{message}");
            assert!(!message.contains("--"), "{message}");
        }
    }
}
