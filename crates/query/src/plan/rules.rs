//! The ranking rules, each one function with its constants.
//!
//! A document's score is the sum, over the query words, of what its best
//! form of each word earns ([`word_clause`]), plus what pairs of query words
//! standing together earn ([`proximity_clause`]). What a form earns is
//! graded by two things:
//!
//! - **rarity**: its BM25 (k1 = 1.2, b = 0.75), and [`PRESENCE`] points
//!   for being there at all, both proportional to the word's IDF. A
//!   document holding a query's rare words beats one holding only its
//!   common ones; one holding all of its words usually beats one holding
//!   some, without the absolute wall of Meilisearch's rule that made two
//!   common words outrank one rare, specific one.
//! - **how it matched** ([`MatchKind::quality`]): as typed, in text of the
//!   word's language (1); through a lexicon translation ([`TRANSLATED`]);
//!   the same stem in the other language's text ([`CROSS_LANGUAGE`]); with
//!   one or two typos ([`ONE_TYPO`], [`TWO_TYPOS`]). A translation is a
//!   match: a document covering all of a query's words in the other
//!   language ranks above one covering fewer of them as typed.
//!
//! The title weighs [`TITLE_BOOST`] in BM25 and earns [`IN_TITLE`] more
//! presence; boilerplate lines weigh [`BOILERPLATE_WEIGHT`] and earn no
//! presence, so that they can be found but never win.

use franglais_index::Language;
use tantivy::query::{BoostQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

use super::TermSequence;
use crate::best_of::BestOf;
use crate::doc_freqs::DocFreqs;
use crate::proximity::Proximity;

/// Points for a word being in a document, per unit of its IDF (BM25 adds
/// between 0 and 2.2 per unit, growing with its count): a small lean
/// towards documents holding more of the query's words. Swept on the dev
/// suite (man pages, news, GNOME Help) at 0, 0.25, 0.5, 1: 0.5 and 1 cost
/// news leads 0.01 and man pages' cross-language figures 0.01-0.04; 0 is
/// within 0.005 of 0.25 on news and help, but the words of a rare page
/// then earn nothing for being there while titles still do (the rare-word
/// test of `tests/ranking_rules.rs` lost with title presence 0.5 or more).
pub const PRESENCE: Score = 0.25;
/// More presence points for a word in a title (a headline or given
/// title, never the text's first words). Swept at 0, 0.25, 0.5, 1: 0.5
/// and 1 gain the man pages' cross-language figures 0.01-0.02, but let a
/// translation in the title outweigh the word typed in the body (the test
/// below), and 1 lets a common pair in titles outweigh a rare word.
pub const IN_TITLE: Score = 0.25;
/// BM25 weight of the title against the body. Times [`TRANSLATED`], below
/// 1: a translation in the title earns less than the word typed in the
/// body.
pub const TITLE_BOOST: Score = 1.5;
/// BM25 weight of boilerplate lines (they earn no presence).
pub const BOILERPLATE_WEIGHT: Score = 0.1;

/// Quality of a match through a lexicon translation of confidence 1 (a
/// less sure one earns in proportion: [`translation_share`]).
pub const TRANSLATED: Score = 0.6;
/// Quality of a match of a word's stem in the other language's text
/// (`coopération` in English text as `cooperation`).
pub const CROSS_LANGUAGE: Score = 0.5;
/// Quality of a match with one typo: below a translation, so that an exact
/// translation beats a typo onto another word.
pub const ONE_TYPO: Score = 0.35;
/// Quality of a match with two typos.
pub const TWO_TYPOS: Score = 0.2;
/// Quality of a term the query's last word begins, as you type (`Stolt` →
/// `stoltenberg`): below the whole word, as sure of the word's start as a
/// stem in the other language's text is of its meaning, unsure of its end.
pub const PREFIX: Score = 0.5;

/// BM25 weight of two query words standing together, in order. The BM25
/// is that of the pair's occurrences with the IDF of its commoner word
/// (see [`crate::proximity::Proximity`]), and a query's pairs share
/// [`pair_share`]: whatever a document's pairs earn stays bounded by what
/// its words earn, so that a common pair cannot outweigh a rare word.
/// Swept at 1, 1.5, 2, 3 (and [`NEAR`] at half of it): 2 is best or
/// within 0.005 of it on every dev condition.
pub const ADJACENT: Score = 2.0;
/// BM25 weight of two query words within [`NEAR_SLOP`] positions.
pub const NEAR: Score = 1.0;
/// Slop of the [`NEAR`] rule (swept at 4, 8, 16: within 0.005).
pub const NEAR_SLOP: u32 = 8;

/// The weight of each pair of consecutive words in a query of `pairs`
/// pairs: 1/√pairs. A long query (a pasted sentence) has many pairs that
/// stand together only by chance in other documents; summed at full
/// weight they outweighed its words (news leads: 12 words, MRR@10 0.711
/// / 0.739 fr / en without the rule, 0.688 / 0.731 with it at full weight,
/// 0.705 / 0.746 shared). Swept as 1/pairs^x for x = 0, 0.5, 1.
///
/// ```
/// use franglais_query::plan::rules::pair_share;
/// assert_eq!(pair_share(1), 1.0);
/// assert_eq!(pair_share(4), 0.5);
/// assert_eq!(pair_share(0), 1.0);
/// ```
pub fn pair_share(pairs: usize) -> Score {
    1.0 / (pairs.max(1) as Score).sqrt()
}
/// Slop of a translated phrase: a translation is not word for word
/// (`retrait des forces` → `withdrawal of forces` should meet
/// `withdrawal of NATO forces`).
pub const TRANSLATION_SLOP: u32 = 3;

/// How a form of a query word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// As typed, in text of the word's language.
    Typed,
    /// A lexicon translation or another spelling of a name.
    Translated,
    /// The word's stem, in the other language's text.
    CrossLanguage,
    /// Within this many typos of the word, in its language's text.
    Typo(u8),
    /// A term the word begins (the last word, as you type).
    Prefix,
}

impl MatchKind {
    /// What a match of this kind is worth against one as typed.
    ///
    /// ```
    /// use franglais_query::plan::rules::MatchKind;
    /// assert!(MatchKind::Typed.quality() > MatchKind::Translated.quality());
    /// assert!(MatchKind::Translated.quality() > MatchKind::Typo(1).quality());
    /// assert!(MatchKind::Typo(1).quality() > MatchKind::Typo(2).quality());
    /// assert!(MatchKind::Typed.quality() > MatchKind::Prefix.quality());
    /// ```
    pub fn quality(self) -> Score {
        match self {
            MatchKind::Typed => 1.0,
            MatchKind::Translated => TRANSLATED,
            MatchKind::CrossLanguage => CROSS_LANGUAGE,
            MatchKind::Typo(1) => ONE_TYPO,
            MatchKind::Typo(_) => TWO_TYPOS,
            MatchKind::Prefix => PREFIX,
        }
    }
}

/// The share of a query word that one form of a translation stands for:
/// its confidence (a doubtful translation counts little), split over the
/// `words` query words it translates (a phrase's BM25 already sums their
/// weights).
///
/// ```
/// use franglais_query::plan::rules::translation_share;
/// assert_eq!(translation_share(1.0, 1), 1.0);
/// assert_eq!(translation_share(0.5, 2), 0.25);
/// ```
pub fn translation_share(confidence: f32, words: usize) -> Score {
    Score::from(confidence) / words.max(1) as Score
}

/// Where in a document a form is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The body, in one language's text.
    Body(Language),
    /// The title, in one language's text.
    Title(Language),
    /// Boilerplate lines (both languages).
    Boilerplate,
}

/// What a form of a query word (its terms, where, how) earns: its query's
/// BM25 weight and its presence points.
///
/// `idf` is the form's rarity in its language's body text ([`idf`]).
///
/// ```
/// use franglais_query::plan::rules::{form_weights, MatchKind, Place};
/// use franglais_index::Language;
/// let (bm25, points) = form_weights(Place::Body(Language::Fr), MatchKind::Typed, 3.0);
/// assert_eq!((bm25, points), (1.0, 0.75));
/// let (_, title) = form_weights(Place::Title(Language::Fr), MatchKind::Typed, 3.0);
/// assert!(title > points);
/// assert_eq!(form_weights(Place::Boilerplate, MatchKind::Typed, 3.0).1, 0.0);
/// ```
pub fn form_weights(place: Place, kind: MatchKind, idf: Score) -> (Score, Score) {
    let quality = kind.quality();
    let (weight, presence) = match place {
        Place::Body(_) => (1.0, PRESENCE),
        Place::Title(_) => (TITLE_BOOST, PRESENCE + IN_TITLE),
        Place::Boilerplate => (BOILERPLATE_WEIGHT, 0.0),
    };
    (quality * weight, quality * presence * idf)
}

/// BM25's IDF of `seq` (the sum of its terms'), as tantivy computes it,
/// with each term's document frequency taken as the largest among
/// `fields` (a language's body and title): rare terms weigh more, and a
/// term found only in titles is no rarer than its titles say.
pub fn idf(freqs: &DocFreqs<'_>, fields: &[Field], seq: &TermSequence) -> Score {
    let docs = freqs.searcher().num_docs() as Score;
    seq.0
        .iter()
        .map(|(_, t)| {
            let freq = freqs.max_in(fields, t) as Score;
            (1.0 + (docs - freq + 0.5) / (freq + 0.5)).ln()
        })
        .sum()
}

/// One query word: matches if any of its forms does, and scores its best
/// form's weighted BM25 plus presence points. `forms` pairs each form's
/// query with its [`form_weights`].
pub fn word_clause(forms: Vec<(Box<dyn Query>, Score, Score)>) -> Box<dyn Query> {
    let scored = forms
        .into_iter()
        .map(|(query, weight, points)| (boosted(query, weight), points))
        .collect();
    Box::new(BestOf::new(scored))
}

/// Two query words in one field (a language's body or title).
#[derive(Debug, Clone)]
pub struct Pair {
    /// The two terms at their query offsets.
    pub terms: [(usize, String); 2],
    /// Where.
    pub field: Field,
    /// The quality of a match there ([`MatchKind::quality`]).
    pub quality: Score,
    /// Adjacent in either order (words of a translation), not only in
    /// the query's.
    pub either_order: bool,
}

/// Two query words standing together: the best over their [`Pair`]s of
/// the phrase's BM25 × [`ADJACENT`] where adjacent, × [`NEAR`] where
/// within [`NEAR_SLOP`] (see [`Proximity`]).
pub fn proximity_clause(pairs: &[Pair]) -> Box<dyn Query> {
    let scored = pairs
        .iter()
        .map(|pair| {
            let [(a, first), (b, second)] = &pair.terms;
            let mut query = Proximity::new(
                Term::from_field_text(pair.field, first),
                Term::from_field_text(pair.field, second),
                (b - a) as u32,
                NEAR_SLOP,
                ADJACENT,
                NEAR,
            );
            if pair.either_order {
                query = query.either_order();
            }
            (boosted(Box::new(query), pair.quality), 0.0)
        })
        .collect();
    Box::new(BestOf::new(scored))
}

/// A term query, or a phrase query for a sequence of several terms, with
/// `slop`.
pub(crate) fn sequence_query(seq: &TermSequence, field: Field, slop: u32) -> Box<dyn Query> {
    match seq.0.as_slice() {
        [] => Box::new(tantivy::query::EmptyQuery),
        [(_, term)] => Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        )),
        terms => Box::new(PhraseQuery::new_with_offset_and_slop(
            terms
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
            slop,
        )),
    }
}

fn boosted(query: Box<dyn Query>, weight: Score) -> Box<dyn Query> {
    if weight == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, weight))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ram_index;
    use tantivy::collector::TopDocs;
    use tantivy::{Searcher, TantivyDocument};

    /// An in-memory index of `texts` in one field; the order of the
    /// documents `query` ranks (by their text).
    fn ranking(texts: &[&str], query: impl Fn(Field, &Searcher) -> Box<dyn Query>) -> Vec<String> {
        let (searcher, body) = ram_index(texts.iter().map(|t| t.to_string()));
        let top = searcher
            .search(
                &query(body, &searcher),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .unwrap();
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                doc.get_first(body)
                    .and_then(|v| tantivy::schema::Value::as_str(&v))
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    fn seq(term: &str) -> TermSequence {
        TermSequence(vec![(0, term.to_string())])
    }

    /// Each word typed, in the body: the sum of their word clauses.
    fn typed_words<'a>(
        words: &'a [&'static str],
    ) -> impl Fn(Field, &Searcher) -> Box<dyn Query> + 'a {
        move |field, searcher| {
            let clauses = words
                .iter()
                .map(|w| {
                    let s = seq(w);
                    let (weight, points) = form_weights(
                        Place::Body(Language::En),
                        MatchKind::Typed,
                        idf(&DocFreqs::new(searcher), &[field], &s),
                    );
                    let form = (sequence_query(&s, field, 0), weight, points);
                    (tantivy::query::Occur::Should, word_clause(vec![form]))
                })
                .collect();
            Box::new(tantivy::query::BooleanQuery::new(clauses))
        }
    }

    #[test]
    fn the_title_does_not_lift_a_translation_above_the_word_typed() {
        let bm25 = 1.0;
        let idf = 1.0;
        let earned = |place, kind| {
            let (weight, points) = form_weights(place, kind, idf);
            weight * bm25 + points
        };
        let typed_in_body = earned(Place::Body(Language::Fr), MatchKind::Typed);
        for kind in [
            MatchKind::Translated,
            MatchKind::CrossLanguage,
            MatchKind::Typo(1),
        ] {
            assert!(earned(Place::Title(Language::En), kind) < typed_in_body);
        }
        assert!(earned(Place::Title(Language::Fr), MatchKind::Typed) > typed_in_body);
    }

    #[test]
    fn a_rare_word_outweighs_two_common_ones() {
        // `interface` and `command` stand in most documents, `shelxl` in one.
        let mut texts = vec!["shelxl refinement program"; 1];
        texts.extend(["command line interface for files"; 1]);
        texts.extend(["a command with an interface"; 12]);
        let ranked = ranking(&texts, typed_words(&["shelxl", "interface", "command"]));
        assert_eq!(ranked[0], "shelxl refinement program");
    }

    #[test]
    fn all_words_beat_some_when_alike_in_rarity() {
        let texts = [
            "missile shield plans",
            "missile missile missile talks",
            "shield wall",
            "other text",
        ];
        let ranked = ranking(&texts, typed_words(&["missile", "shield"]));
        assert_eq!(ranked[0], "missile shield plans");
    }

    #[test]
    fn a_translation_beats_a_typo_and_loses_to_the_word_typed() {
        let texts = ["bouclier antimissile", "shield of the alliance", "boucle"];
        let ranked = ranking(&texts, |field, searcher| {
            let forms = [
                ("bouclier", MatchKind::Typed),
                ("shield", MatchKind::Translated),
                ("boucle", MatchKind::Typo(1)),
            ]
            .into_iter()
            .map(|(term, kind)| {
                let s = seq(term);
                let (weight, points) = form_weights(
                    Place::Body(Language::Fr),
                    kind,
                    idf(&DocFreqs::new(searcher), &[field], &s),
                );
                (sequence_query(&s, field, 0), weight, points)
            })
            .collect();
            word_clause(forms)
        });
        assert_eq!(
            ranked,
            ["bouclier antimissile", "shield of the alliance", "boucle"]
        );
    }

    #[test]
    fn words_standing_together_beat_words_apart() {
        let texts = [
            "disk usage is reported here and the space left",
            "reports disk space usage per file",
            "space is left on the disk with its usage",
        ];
        let ranked = ranking(&texts, |field, searcher| {
            let words = typed_words(&["disk", "space", "usage"])(field, searcher);
            let pairs = [
                [(0, "disk".to_string()), (1, "space".to_string())],
                [(0, "space".to_string()), (1, "usage".to_string())],
            ];
            let mut clauses = vec![(tantivy::query::Occur::Should, words)];
            for pair in &pairs {
                clauses.push((
                    tantivy::query::Occur::Should,
                    proximity_clause(&[Pair {
                        terms: pair.clone(),
                        field,
                        quality: 1.0,
                        either_order: false,
                    }]),
                ));
            }
            Box::new(tantivy::query::BooleanQuery::new(clauses))
        });
        assert_eq!(ranked[0], "reports disk space usage per file");
    }
}
