//! [`BestOf`]: a document matches if any child query does, and scores what
//! its best child scores, each child with points of its own added (a query
//! word's forms, each worth its ranking tier: see [`crate::plan`]).
//!
//! Without points, the same scores as tantivy's `DisjunctionMaxQuery` with
//! no tie breaker, built for what franglais asks of it: a query holds a dozen such
//! disjunctions of a few to a few dozen word forms each. tantivy's union
//! scorer buffers 4,096 documents ahead and allocates (and copies) a 48 KB
//! score window each time one is built, per disjunction and per query,
//! which was a tenth of all query instructions (callgrind). This one walks
//! its children in step and allocates nothing but the list of them.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

/// Matches what any of its children matches; scores the best of each
/// matching child's score plus its points.
///
/// ```
/// use franglais_query::best_of::BestOf;
/// use tantivy::query::{Query, TermQuery};
/// use tantivy::schema::{IndexRecordOption, Schema, TEXT};
/// use tantivy::{doc, Index, Term};
/// # fn main() -> tantivy::Result<()> {
/// let mut schema = Schema::builder();
/// let body = schema.add_text_field("body", TEXT);
/// let index = Index::create_in_ram(schema.build());
/// let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
/// writer.add_document(doc!(body => "bouclier"))?;
/// writer.add_document(doc!(body => "shield shield"))?;
/// writer.add_document(doc!(body => "otan"))?;
/// writer.commit()?;
/// let term = |t: &str| -> Box<dyn Query> {
///     Box::new(TermQuery::new(Term::from_field_text(body, t), IndexRecordOption::WithFreqs))
/// };
/// // `shield` is a translation: worth fewer points than the typed word.
/// let query = BestOf::new(vec![(term("bouclier"), 1000.0), (term("shield"), 20.0)]);
/// let searcher = index.reader()?.searcher();
/// let top = searcher.search(&query, &tantivy::collector::TopDocs::with_limit(2).order_by_score())?;
/// assert!(top[0].0 > 1000.0 && top[1].0 > 20.0 && top[1].0 < 1000.0);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct BestOf {
    children: Vec<(Box<dyn Query>, Score)>,
}

impl BestOf {
    /// A disjunction of `children`, each with the points it adds to its
    /// score; the best counts.
    pub fn new(children: Vec<(Box<dyn Query>, Score)>) -> BestOf {
        BestOf { children }
    }
}

impl Clone for BestOf {
    fn clone(&self) -> Self {
        BestOf {
            children: self
                .children
                .iter()
                .map(|(child, points)| (child.box_clone(), *points))
                .collect(),
        }
    }
}

impl Query for BestOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let children = self
            .children
            .iter()
            .map(|(child, points)| Ok((child.weight(enable_scoring)?, *points)))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(BestOfWeight { children }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for (child, _) in &self.children {
            child.query_terms(visitor);
        }
    }
}

struct BestOfWeight {
    children: Vec<(Box<dyn Weight>, Score)>,
}

impl Weight for BestOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.children.len());
        let mut points = Vec::with_capacity(self.children.len());
        for (child, child_points) in &self.children {
            let scorer = child.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
                points.push(child_points * boost);
            }
        }
        if scorers.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let docs: Vec<DocId> = scorers.iter().map(|s| s.doc()).collect();
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        Ok(Box::new(BestOfScorer {
            scorers,
            points,
            docs,
            doc,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut best: Option<Explanation> = None;
        for (child, points) in &self.children {
            if let Ok(inner) = child.explain(reader, doc) {
                let mut explanation =
                    Explanation::new("form plus its points", inner.value() + points);
                explanation.add_detail(inner);
                if best
                    .as_ref()
                    .is_none_or(|b| explanation.value() > b.value())
                {
                    best = Some(explanation);
                }
            }
        }
        best.ok_or_else(|| TantivyError::InvalidArgument(format!("document {doc} does not match")))
    }
}

struct BestOfScorer {
    /// Children not yet exhausted.
    scorers: Vec<Box<dyn Scorer>>,
    /// The points each adds.
    points: Vec<Score>,
    /// Each child's current document, kept here so that stepping over a
    /// long list of children reads one array rather than calling each.
    docs: Vec<DocId>,
    doc: DocId,
}

impl BestOfScorer {
    /// Moves the children on `current` (or before `target`) with `step`,
    /// then finds the next document, dropping exhausted children.
    fn step(
        &mut self,
        behind: impl Fn(DocId) -> bool,
        step: impl Fn(&mut dyn Scorer) -> DocId,
    ) -> DocId {
        let mut next = TERMINATED;
        let mut exhausted = false;
        for (scorer, doc) in self.scorers.iter_mut().zip(self.docs.iter_mut()) {
            if behind(*doc) {
                *doc = step(scorer.as_mut());
                exhausted |= *doc == TERMINATED;
            }
            next = next.min(*doc);
        }
        if exhausted {
            let mut i = 0;
            while i < self.docs.len() {
                if self.docs[i] == TERMINATED {
                    self.docs.swap_remove(i);
                    self.scorers.swap_remove(i);
                    self.points.swap_remove(i);
                } else {
                    i += 1;
                }
            }
        }
        self.doc = next;
        next
    }
}

impl DocSet for BestOfScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        self.step(|doc| doc == current, |scorer| scorer.advance())
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.step(|doc| doc < target, |scorer| scorer.seek(target))
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0, u32::saturating_add)
    }
}

impl Scorer for BestOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut best: Score = 0.0;
        for ((scorer, points), _) in self
            .scorers
            .iter_mut()
            .zip(&self.points)
            .zip(&self.docs)
            .filter(|(_, d)| **d == doc)
        {
            best = best.max(scorer.score() + points);
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ram_index, scores_by_doc};
    use tantivy::query::{DisjunctionMaxQuery, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    #[test]
    fn scores_and_matches_as_a_disjunction_max() {
        let words = ["bouclier", "shield", "otan", "nato", "missile"];
        // Documents with varied subsets and counts of the words.
        let texts = (0..300usize).map(|i| {
            let text: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(w, _)| (i / (w + 1)) % (w + 2) == 0)
                .flat_map(|(w, word)| std::iter::repeat_n(*word, 1 + (i + w) % 3))
                .collect();
            text.join(" ")
        });
        let (searcher, body) = ram_index(texts);
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let children = || {
            vec![
                term("bouclier"),
                term("shield"),
                term("missile"),
                term("absent"),
            ]
        };
        let no_points = || children().into_iter().map(|c| (c, 0.0)).collect::<Vec<_>>();
        let ours = scores_by_doc(&searcher, &BestOf::new(no_points()));
        let theirs = scores_by_doc(&searcher, &DisjunctionMaxQuery::new(children()));
        assert!(ours.len() > 50 && ours.len() < 300, "{}", ours.len());
        assert_eq!(ours.len(), theirs.len());
        for ((doc_a, a), (doc_b, b)) in ours.iter().zip(&theirs) {
            assert_eq!(doc_a, doc_b);
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
        // Also under an intersection, which seeks.
        let both = tantivy::query::BooleanQuery::intersection(vec![
            Box::new(BestOf::new(no_points())),
            term("otan"),
        ]);
        let both_theirs = tantivy::query::BooleanQuery::intersection(vec![
            Box::new(DisjunctionMaxQuery::new(children())),
            term("otan"),
        ]);
        let count = tantivy::collector::Count;
        assert_eq!(
            searcher.search(&both, &count).unwrap(),
            searcher.search(&both_theirs, &count).unwrap()
        );
    }
}
