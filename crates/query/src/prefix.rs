//! Prefix search, for answers as you type: the last word of a query also
//! matches the indexed terms it begins (`Stolt` → `stoltenberg`, `anti-mis`
//! → `missil`), ranked below whole words (see
//! [`crate::plan::rules::PREFIX`]).
//!
//! Terms are stems, so a prefix is looked for as typed (lowercased, accents
//! folded), not stemmed: `negotiat` would stem to `negoti`, which the word
//! itself already matches exactly.

use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::expansion_cache::{most_frequent, ExpansionCache};

/// At most this many completions per prefix, the most frequent kept: a
/// one-letter prefix begins thousands of terms, and each kept one is a
/// postings list to read (Meilisearch likewise caps prefix derivations).
pub const MAX_COMPLETIONS: usize = 24;

/// Completions of a prefix, most frequent first.
pub type Completions = Arc<Vec<String>>;

/// Expands prefixes against an index's term dictionaries, remembering the
/// expansions per index view.
#[derive(Default)]
pub struct PrefixExpander {
    cache: ExpansionCache<Completions>,
}

impl std::fmt::Debug for PrefixExpander {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrefixExpander")
    }
}

impl PrefixExpander {
    /// The indexed terms of `fields` that begin with `prefix` (the prefix
    /// itself excluded), the [`MAX_COMPLETIONS`] in the most documents.
    pub fn complete(&self, searcher: &Searcher, fields: &[Field], prefix: &str) -> Completions {
        let key = (fields.to_vec(), prefix.to_string(), 0);
        self.cache
            .get_or_walk(searcher, key, || Arc::new(walk(searcher, fields, prefix)))
    }
}

/// Every term of `fields` that begins with `prefix`, with its document
/// frequency summed over segments and fields; the most frequent kept.
fn walk(searcher: &Searcher, fields: &[Field], prefix: &str) -> Vec<String> {
    if prefix.is_empty() {
        return Vec::new();
    }
    let mut found: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if key.len() == prefix.len() {
                    continue;
                }
                let Ok(term) = std::str::from_utf8(key) else {
                    continue;
                };
                *found.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    most_frequent(found.into_iter().collect(), MAX_COMPLETIONS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use franglais_index::indexer::{build_index, IndexOptions};

    #[test]
    fn completions_are_the_most_frequent_terms_a_prefix_begins() {
        let corpus = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            corpus.path().join("a.txt"),
            "Title\n\nJens Stoltenberg met the ministers. Stoltenberg spoke; the storm passed.",
        )
        .unwrap();
        std::fs::write(
            corpus.path().join("b.txt"),
            "Other\n\nStoltenberg again, at the summit.",
        )
        .unwrap();
        build_index(
            &IndexOptions::new(vec![corpus.path().into()], dir.path()),
            |_| {},
        )
        .unwrap();
        let index = franglais_index::open_index(dir.path()).unwrap();
        let reader = index.index.reader().unwrap();
        let searcher = reader.searcher();
        let fields = [index.fields.bodies[1], index.fields.titles[1]];
        let expander = PrefixExpander::default();
        let found = expander.complete(&searcher, &fields, "sto");
        assert_eq!(*found, ["stoltenberg", "storm"]);
        assert_eq!(
            *expander.complete(&searcher, &fields, "stoltenberg"),
            Vec::<String>::new()
        );
        assert!(expander.complete(&searcher, &fields, "zzz").is_empty());
        let again = expander.complete(&searcher, &fields, "sto");
        assert!(Arc::ptr_eq(&found, &again), "not taken from the cache");
    }
}
