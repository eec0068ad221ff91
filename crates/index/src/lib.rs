//! franglais-index: bilingual French/English analysis and index building.
//!
//! Turns folders of French, English and mixed articles into a tantivy index
//! whose analysis is right for both languages, sentence by sentence. The
//! query side lives in `franglais-query`.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use franglais_index::indexer::{build_index, IndexOptions};
//! let corpus = tempfile::tempdir()?;
//! std::fs::write(corpus.path().join("otan.txt"), "Titre\n\nLe Conseil Otan-Russie s’est réuni.")?;
//! let index = tempfile::tempdir()?;
//! let summary = build_index(&IndexOptions::new(vec![corpus.path().into()], index.path()), |_| {})?;
//! assert_eq!(summary.added, 1);
//! let opened = franglais_index::open_index(index.path())?;
//! assert_eq!(opened.index.reader()?.searcher().num_docs(), 1);
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod boilerplate;
pub mod corpus;
pub mod date;
pub mod document;
pub mod error;
pub mod html;
pub mod indexer;
pub mod languages;
pub mod memory;
pub mod parallel;
pub mod schema;
pub mod spans;
pub mod stored;
mod writer_doc;

/// The segments (and their deletes) a searcher sees: what caches of an
/// index view are keyed by. A generation id would not do: a reader that
/// reloads on a commit that changed nothing gets a new one.
pub type IndexView =
    std::collections::BTreeMap<tantivy::index::SegmentId, Option<tantivy::Opstamp>>;

pub use analysis::chain::Language;
pub use analysis::Analyzer;
pub use error::{Error, Result};
pub use schema::{open_index, FranglaisIndex};
/// The tantivy this crate is built on, re-exported on purpose: indexing
/// from folders (`indexer`) and from memory (`memory`) holds no tantivy type
/// but the error `Error::Tantivy` carries, while an opened index
/// (`FranglaisIndex`, `schema`, `stored`) is tantivy's;
/// with this, an embedder who reaches into it names the same version.
pub use tantivy;

#[cfg(test)]
pub(crate) mod test_support {
    use crate::boilerplate::{Boilerplate, LineCounter};
    use crate::corpus::{read_corpus, SourceDocument};

    /// The bundled `corpus/` folder.
    pub fn seed_corpus() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
    }

    /// The five seed articles bundled in `corpus/`.
    pub fn seeds() -> Vec<SourceDocument> {
        read_corpus(&[seed_corpus()])
            .expect("bundled corpus")
            .documents
    }

    /// The seeds indexed in a temporary folder (kept alive by the first
    /// value).
    pub fn seed_index(threads: usize) -> (tempfile::TempDir, crate::FranglaisIndex) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut options = crate::indexer::IndexOptions::new(vec![seed_corpus()], dir.path());
        options.threads = threads;
        crate::indexer::build_index(&options, |_| {}).expect("seed index");
        let index = crate::open_index(dir.path()).expect("open seed index");
        (dir, index)
    }

    pub fn seed_boilerplate(seeds: &[SourceDocument]) -> Boilerplate {
        let mut counter = LineCounter::default();
        for doc in seeds {
            counter.add_document(&doc.text);
        }
        counter.finish()
    }
}
