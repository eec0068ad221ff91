//! A query whose score is its inner query's plus a constant: one scorer
//! carries both a ranking tier and BM25, where a tier clause beside a BM25
//! clause would read the same postings twice.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// `inner`'s score plus `points`.
#[derive(Debug)]
pub struct PlusPoints {
    inner: Box<dyn Query>,
    points: Score,
}

impl PlusPoints {
    /// `inner`, worth `points` more.
    pub fn new(inner: Box<dyn Query>, points: Score) -> PlusPoints {
        PlusPoints { inner, points }
    }
}

impl Clone for PlusPoints {
    fn clone(&self) -> Self {
        PlusPoints {
            inner: self.inner.box_clone(),
            points: self.points,
        }
    }
}

impl Query for PlusPoints {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PlusPointsWeight {
            inner: self.inner.weight(enable_scoring)?,
            points: self.points,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct PlusPointsWeight {
    inner: Box<dyn Weight>,
    points: Score,
}

impl Weight for PlusPointsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(PlusPointsScorer {
            inner: self.inner.scorer(reader, boost)?,
            points: self.points * boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = Explanation::new("plus tier points", self.points);
        explanation.add_detail(self.inner.explain(reader, doc)?);
        Ok(explanation)
    }
}

struct PlusPointsScorer {
    inner: Box<dyn Scorer>,
    points: Score,
}

impl DocSet for PlusPointsScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for PlusPointsScorer {
    fn score(&mut self) -> Score {
        self.inner.score() + self.points
    }
}
