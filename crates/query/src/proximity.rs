//! [`Proximity`]: two terms standing together, graded in one pass.
//!
//! The proximity rule ([`crate::plan::rules::proximity_clause`]) asks of
//! each pair of query words whether they stand adjacent (as typed) or
//! within a few positions. As two tantivy phrase queries (slop 0 and slop
//! n), each pair intersected the two terms' postings and read their
//! positions twice, and the rule was a quarter of all query instructions.
//! This query walks the intersection once and scores both from the same
//! positions, with the BM25 of a phrase as tantivy computes it (the sum of
//! the two terms' IDF, the count of matches as the term frequency).

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Matches documents where `second` stands within `slop` positions of
/// `offset` positions after `first` (either side); scores the best of
/// `adjacent` × the BM25 of its exact occurrences and `near` × that of its
/// occurrences within the slop.
///
/// ```
/// use franglais_query::proximity::Proximity;
/// use tantivy::schema::{Schema, TEXT};
/// use tantivy::{doc, Index, Term};
/// # fn main() -> tantivy::Result<()> {
/// let mut schema = Schema::builder();
/// let body = schema.add_text_field("body", TEXT);
/// let index = Index::create_in_ram(schema.build());
/// let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
/// writer.add_document(doc!(body => "missile shield plans"))?;
/// writer.add_document(doc!(body => "the missile and its long range shield"))?;
/// writer.add_document(doc!(body => "missile talks went on and on for a very long time about the shield"))?;
/// writer.commit()?;
/// let term = |t: &str| Term::from_field_text(body, t);
/// let query = Proximity::new(term("missile"), term("shield"), 1, 4, 2.0, 1.0);
/// let searcher = index.reader()?.searcher();
/// let top = searcher.search(&query, &tantivy::collector::TopDocs::with_limit(3).order_by_score())?;
/// // Adjacent first, then near; the third is too far apart to match.
/// assert_eq!(top.iter().map(|(_, a)| a.doc_id).collect::<Vec<_>>(), [0, 1]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Proximity {
    first: Term,
    second: Term,
    offset: u32,
    slop: u32,
    adjacent: Score,
    near: Score,
    either_order: bool,
}

impl Proximity {
    /// `second` expected `offset` positions after `first`, within `slop`;
    /// `adjacent` and `near` weigh the two grades. Both terms must be of
    /// one field, indexed with positions.
    pub fn new(
        first: Term,
        second: Term,
        offset: u32,
        slop: u32,
        adjacent: Score,
        near: Score,
    ) -> Proximity {
        Proximity {
            first,
            second,
            offset,
            slop,
            adjacent,
            near,
            either_order: false,
        }
    }

    /// Also adjacent with `second` first (`offset` before `first`): for
    /// words of a translation, whose order the other language may swap
    /// (`fichiers de contrôle`, `control files`). Nearness already counts
    /// either order.
    pub fn either_order(mut self) -> Proximity {
        self.either_order = true;
        self
    }
}

impl Query for Proximity {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                // The IDF of the commoner term (the pair's lowest), not the
                // phrase's sum of both: what standing together adds stays
                // below what the rarer word alone earns, so that a common
                // pair cannot outweigh a rare word (BM25TP's bound).
                let total = statistics_provider.total_num_docs()?;
                let tokens = statistics_provider.total_num_tokens(self.first.field())?;
                let average = tokens as Score / total.max(1) as Score;
                let freq = statistics_provider
                    .doc_freq(&self.first)?
                    .max(statistics_provider.doc_freq(&self.second)?);
                Some(Bm25Weight::for_one_term(freq, total, average))
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(ProximityWeight {
            query: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.first, true);
        visitor(&self.second, true);
    }
}

struct ProximityWeight {
    query: Proximity,
    bm25: Option<Bm25Weight>,
}

impl ProximityWeight {
    fn proximity_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<ProximityScorer>> {
        let field = self.query.first.field();
        let inverted = reader.inverted_index(field)?;
        let positions = IndexRecordOption::WithFreqsAndPositions;
        let (Some(first), Some(second)) = (
            inverted.read_postings(&self.query.first, positions)?,
            inverted.read_postings(&self.query.second, positions)?,
        ) else {
            return Ok(None);
        };
        let fieldnorms = reader.get_fieldnorms_reader(field)?;
        let mut scorer = ProximityScorer {
            first,
            second,
            fieldnorms,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            offset: self.query.offset,
            slop: self.query.slop,
            weights: [self.query.adjacent, self.query.near],
            either_order: self.query.either_order,
            counts: [0, 0],
            positions: (Vec::new(), Vec::new(), Vec::new()),
        };
        scorer.settle();
        Ok(Some(scorer))
    }
}

impl Weight for ProximityWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.proximity_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.proximity_scorer(reader, 1.0)?.ok_or_else(|| {
            TantivyError::InvalidArgument(format!("document {doc} does not match"))
        })?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("proximity of two terms", scorer.score());
        explanation.add_const("adjacent occurrences", scorer.counts[0] as Score);
        explanation.add_const("near occurrences", scorer.counts[1] as Score);
        Ok(explanation)
    }
}

struct ProximityScorer {
    first: SegmentPostings,
    second: SegmentPostings,
    fieldnorms: tantivy::fieldnorm::FieldNormReader,
    bm25: Option<Bm25Weight>,
    offset: u32,
    slop: u32,
    /// Weights of the adjacent and near grades.
    weights: [Score; 2],
    /// Adjacent in either order (see [`Proximity::either_order`]).
    either_order: bool,
    /// Occurrences in the current document: adjacent, within the slop.
    counts: [u32; 2],
    /// Position buffers, kept across documents: `first` shifted by the
    /// offset, `second`, and `second` shifted back for [`Proximity::either_order`].
    positions: (Vec<u32>, Vec<u32>, Vec<u32>),
}

impl ProximityScorer {
    /// Moves both lists to their next common document where the terms
    /// stand within the slop (from where they are), and counts there.
    fn settle(&mut self) -> DocId {
        let mut doc = self.first.doc();
        loop {
            if doc == TERMINATED {
                return TERMINATED;
            }
            // tantivy's postings seek forward only.
            let other = if self.second.doc() < doc {
                self.second.seek(doc)
            } else {
                self.second.doc()
            };
            if other != doc {
                doc = if other > doc {
                    self.first.seek(other)
                } else {
                    doc
                };
                continue;
            }
            if self.count() {
                return doc;
            }
            doc = self.first.advance();
        }
    }

    /// Counts the occurrences in the current (common) document; whether
    /// there are any within the slop.
    fn count(&mut self) -> bool {
        let (first, second, back) = &mut self.positions;
        first.clear();
        second.clear();
        // `first` shifted by the offset: where `second` is expected.
        self.first.positions_with_offset(self.offset, first);
        self.second.positions(second);
        let mut adjacent = matches_within(first, second, 0);
        if self.either_order {
            // `second` `offset` before `first`: `first` shifted twice the
            // offset past where `second` stands.
            back.clear();
            back.extend(second.iter().map(|p| p + 2 * self.offset));
            adjacent += matches_within(first, back, 0);
        }
        self.counts = [adjacent, matches_within(first, second, self.slop)];
        self.counts[1] > 0
    }
}

/// Occurrences of `right` positions within `slop` of `left` ones, each
/// position used once, the nearest taken: tantivy's count for a phrase of
/// two terms (its `intersection_count_with_slop`), so that scores agree
/// with its phrase queries.
fn matches_within(left: &[u32], right: &[u32], slop: u32) -> u32 {
    let (mut l, mut r, mut count) = (0, 0, 0);
    while l < left.len() && r < right.len() {
        let (left_value, right_value) = (left[l], right[r]);
        if left_value.abs_diff(right_value) <= slop {
            // A later left position may be nearer.
            while l + 1 < left.len() && left[l + 1] <= right_value {
                l += 1;
            }
            count += 1;
            l += 1;
            r += 1;
        } else if left_value < right_value {
            l += 1;
        } else {
            r += 1;
        }
    }
    count
}

impl DocSet for ProximityScorer {
    fn advance(&mut self) -> DocId {
        if self.first.doc() == TERMINATED {
            return TERMINATED;
        }
        self.first.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.first.doc() >= target {
            return self.first.doc();
        }
        self.first.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.first.doc()
    }

    fn size_hint(&self) -> u32 {
        self.first.size_hint().min(self.second.size_hint())
    }
}

impl Scorer for ProximityScorer {
    fn score(&mut self) -> Score {
        let Some(bm25) = &self.bm25 else {
            return 0.0;
        };
        let norm = self.fieldnorms.fieldnorm_id(self.doc());
        self.counts
            .iter()
            .zip(self.weights)
            .filter(|(count, _)| **count > 0)
            .map(|(&count, weight)| weight * bm25.score(norm, count))
            .fold(0.0, Score::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ram_index, scores_by_doc};
    use tantivy::query::PhraseQuery;
    use tantivy::DocAddress;

    #[test]
    fn a_pair_earns_the_bm25_of_its_commoner_word() {
        // `rare` in one document, `common` in all: standing together, the
        // pair earns what `common` alone earns there, not the phrase's sum
        // of both IDFs.
        let texts = [
            "rare common words",
            "common ground",
            "the common good",
            "common sense",
        ];
        let (searcher, body) = ram_index(texts.iter().map(|t| t.to_string()));
        let term = |t: &str| Term::from_field_text(body, t);
        let pair = Proximity::new(term("rare"), term("common"), 1, 4, 1.0, 0.0);
        let common = tantivy::query::TermQuery::new(term("common"), IndexRecordOption::WithFreqs);
        let pair_score = scores_by_doc(&searcher, &pair)[0].1;
        let common_score = scores_by_doc(&searcher, &common)[0].1;
        assert!(
            (pair_score - common_score).abs() < 1e-4,
            "{pair_score} against {common_score}"
        );
    }

    #[test]
    fn either_order_counts_the_swapped_pair_as_adjacent() {
        let texts = ["control files", "files control", "files of the control"];
        let (searcher, body) = ram_index(texts.iter().map(|t| t.to_string()));
        let term = |t: &str| Term::from_field_text(body, t);
        // Adjacent only (near weighs nothing), in the query's order: `files control`.
        let ordered = Proximity::new(term("files"), term("control"), 1, 4, 1.0, 0.0);
        let swapped = ordered.clone().either_order();
        let matched = |query: &Proximity| -> Vec<u32> {
            scores_by_doc(&searcher, query)
                .into_iter()
                .filter(|(_, score)| *score > 0.0)
                .map(|(d, _)| d.doc_id)
                .collect()
        };
        assert_eq!(matched(&ordered), [1]);
        assert_eq!(matched(&swapped), [0, 1]);
    }

    /// Scores of both ways per document, over varied texts.
    #[test]
    fn agrees_with_the_two_phrase_queries_it_replaces() {
        let words = ["disk", "space", "usage", "the", "of", "a"];
        let mut state: u64 = 7;
        let texts: Vec<String> = (0..300usize)
            .map(|i| {
                let text: Vec<&str> = (0..(5 + i % 17))
                    .map(|_| {
                        // A small linear congruential generator: varied texts.
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        words[(state >> 33) as usize % words.len()]
                    })
                    .collect();
                text.join(" ")
            })
            .collect();
        let (searcher, body) = ram_index(texts);
        let term = |t: &str| Term::from_field_text(body, t);
        let docs = |query: &dyn Query| -> Vec<DocAddress> {
            scores_by_doc(&searcher, query)
                .into_iter()
                .map(|(d, _)| d)
                .collect()
        };
        for offset in [1, 2] {
            let phrase = |slop| {
                PhraseQuery::new_with_offset_and_slop(
                    vec![(0, term("disk")), (offset as usize, term("space"))],
                    slop,
                )
            };
            // Adjacent occurrences score as tantivy's exact phrase does,
            // but for the IDF: the commoner word's, not the sum of both.
            let adjacent = Proximity::new(term("disk"), term("space"), offset, 3, 1.0, 0.0);
            let ours = scores_by_doc(&searcher, &adjacent);
            let exact = scores_by_doc(&searcher, &phrase(0));
            assert!(exact.len() > 20, "{}", exact.len());
            let idf = |t: &str| {
                let docs = searcher.num_docs() as Score;
                let freq = searcher.doc_freq(&term(t)).expect("doc freq") as Score;
                (1.0 + (docs - freq + 0.5) / (freq + 0.5)).ln()
            };
            let share = idf("disk").min(idf("space")) / (idf("disk") + idf("space"));
            for (doc, score) in &ours {
                let theirs = exact
                    .iter()
                    .find(|(d, _)| d == doc)
                    .map_or(0.0, |(_, s)| *s);
                assert!(
                    (score - theirs * share).abs() < 1e-4,
                    "{doc:?}: {score} vs {theirs} x {share}"
                );
            }
            // It matches where tantivy's phrase with the slop does.
            let near = Proximity::new(term("disk"), term("space"), offset, 3, 2.0, 1.0);
            let ours = docs(&near);
            let sloppy = docs(&phrase(3));
            assert!(ours.len() > exact.len());
            assert_eq!(ours, sloppy);
        }
    }
}
