//! Errors of the query crate. A query string is never an error: only an
//! index that cannot be opened or read is.

use std::path::PathBuf;

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong when searching.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The index could not be opened (missing, incompatible, damaged).
    #[error(transparent)]
    Index(#[from] franglais_index::Error),
    /// Reading the index failed while running a query.
    #[error("index {path}: reading failed while searching `{query}` ({reason}); the index must be rebuilt")]
    Search {
        /// The index folder.
        path: PathBuf,
        /// The query being run.
        query: String,
        /// What tantivy reported.
        reason: String,
    },
    /// A search thread panicked (a bug: please report it with the query).
    #[error("a search thread panicked; please report the query")]
    Panicked,
}
