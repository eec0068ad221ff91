//! Errors of the indexing crate. Every variant names the path involved and,
//! where there is one, what to do about it.

use std::io;
use std::path::PathBuf;

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong when reading a corpus or opening, building or updating
/// an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A corpus folder given by the user does not exist.
    #[error("corpus folder {path} does not exist; pass an existing folder with --corpus")]
    CorpusNotFound {
        /// The missing folder.
        path: PathBuf,
    },
    /// A corpus path given by the user is a file franglais does not read.
    #[error("{path} is not a .txt, .md or .jsonl file; pass such a file or a folder")]
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
    /// No index at this path.
    #[error("no franglais index at {path}; build it with `franglais index --index {path}`")]
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
    #[error("the index at {path} was written by an incompatible version of franglais ({found}, expected {expected}); rebuild it with `franglais index --rebuild --index {path}`")]
    IncompatibleIndex {
        /// The index folder.
        path: PathBuf,
        /// The format found.
        found: String,
        /// The format this version reads.
        expected: String,
    },
    /// The index exists but cannot be read.
    #[error("the index at {path} is damaged ({reason}); rebuild it with `franglais index --rebuild --index {path}`")]
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
