//! Exclusions (`-word`, `-"a phrase"`) worked out before the main query.
//!
//! tantivy 0.27 excludes by seeking the excluded scorer to each candidate,
//! and a phrase scorer that has already run out is then sought backwards
//! (tantivy issue #2811): a panic under debug assertions, an unreliable
//! answer without. So each exclusion runs on its own first (a plain forward
//! scan), and the main query excludes the documents it found, held in one
//! bitset per segment.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, Score, SegmentReader, TantivyError};

/// The documents matched by some queries, as a query.
#[derive(Clone, Debug, Default)]
pub struct MatchedDocs {
    by_segment: HashMap<SegmentId, Vec<DocId>>,
}

impl MatchedDocs {
    /// Runs `queries` on `searcher` and keeps the documents any of them
    /// matches.
    pub fn collect(
        searcher: &tantivy::Searcher,
        queries: &[Box<dyn Query>],
    ) -> tantivy::Result<MatchedDocs> {
        let mut by_segment: HashMap<SegmentId, Vec<DocId>> = HashMap::new();
        for query in queries {
            for address in searcher.search(query.as_ref(), &DocSetCollector)? {
                let segment = searcher.segment_reader(address.segment_ord).segment_id();
                by_segment.entry(segment).or_default().push(address.doc_id);
            }
        }
        Ok(MatchedDocs { by_segment })
    }

    /// Whether no document matched.
    pub fn is_empty(&self) -> bool {
        self.by_segment.values().all(Vec::is_empty)
    }
}

impl Query for MatchedDocs {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for MatchedDocs {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut bits = BitSet::with_max_value(reader.max_doc());
        for &doc in self
            .by_segment
            .get(&reader.segment_id())
            .into_iter()
            .flatten()
        {
            if doc < reader.max_doc() {
                bits.insert(doc);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(bits), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self
            .by_segment
            .get(&reader.segment_id())
            .is_some_and(|docs| docs.contains(&doc))
        {
            Ok(Explanation::new("excluded", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not excluded"
            )))
        }
    }
}
