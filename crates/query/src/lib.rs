//! franglais-query: bilingual search over a franglais index: lenient query
//! syntax, ranking as explicit rules, typo tolerance, and snippets that
//! highlight what matched in both languages.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let corpus = tempfile::tempdir()?;
//! # std::fs::write(corpus.path().join("en.txt"), "Missile shield\n\nThe Russians refused the missile shield.")?;
//! # let dir = tempfile::tempdir()?;
//! # let options = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
//! # franglais_index::indexer::build_index(&options, |_| {})?;
//! use franglais_query::{Searcher, SearchOptions};
//! let searcher = Searcher::open(dir.path())?;
//! let results = searcher.search("missiles", &SearchOptions::default())?;
//! println!("{}", serde_json::to_string(&results)?);
//! assert_eq!(results.total_hits, 1);
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod best_of;
pub mod compiled_lexicon;
pub mod doc_freqs;
pub mod error;
pub mod excluded;
mod expansion_cache;
pub mod fuzzy;
pub mod lexicon;
pub mod plan;
pub mod prefix;
pub mod proximity;
pub mod query_language;
pub mod request;
pub mod results;
mod searcher;
pub mod snippet;
pub mod syntax;
#[cfg(test)]
mod test_support;
pub mod translate;
pub mod word_terms;

pub use error::{Error, Result};
pub use results::{
    Document, HighlightedDocument, Hit, IndexStats, MatchExplanation, SearchResults,
};
pub use searcher::{SearchOptions, Searcher, Sort, DEFAULT_LIMIT};
pub use snippet::Snippet;
/// The tantivy this crate is built on, re-exported on purpose: the
/// searching API above (`Searcher`, `SearchOptions`, results) holds no
/// tantivy type (an index error may carry tantivy's), but the rule modules (`plan`, `proximity`, `best_of`,
/// `doc_freqs`) are tantivy queries and scorers; with this, an embedder who
/// uses them names the same tantivy version.
pub use tantivy;
