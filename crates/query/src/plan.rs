//! From a parsed query to a tantivy query, with ranking as explicit rules.
//!
//! Each query word (a *slot*) is analysed with both language chains and
//! matches if any of its forms does: French stem, English stem, the
//! compound written solid, or a typo (for words that are not common in the
//! index, see [`crate::fuzzy::is_common`]). The score of a document is the sum of
//! tiers, each an order of magnitude above the next, then BM25:
//!
//! | rule | per | points |
//! |---|---|---|
//! | words: the slot matches the title or body | slot | [`COVERAGE`] |
//! | typo: it matches without a typo (half with one, a quarter with two) | slot | [`EXACTNESS`] |
//! | proximity: the words stand together as typed | query | [`ADJACENT`] |
//! | proximity: within a few words of each other | query | [`NEAR`] |
//! | attribute: the slot matches the title | slot | [`IN_TITLE`] |
//! | BM25 of the best field, title ×[`TITLE_BOOST`], typos ×[`TYPO_WEIGHT`], boilerplate ×[`BOILERPLATE_WEIGHT`] | slot | |
//!
//! Boilerplate lines earn no tier points, so a word found only in an author
//! bio ranks below a word found in an article.
//!
//! Translations ([`crate::translate`]) are slots of their own worth
//! [`TRANSLATED`] points per query word they cover ([`TRANSLATED_IN_TITLE`]
//! more in the title), plus BM25 ×
//! [`TRANSLATION_WEIGHT`]: far below one typed word's [`COVERAGE`], so a
//! document matching a typed word always ranks above one matching only a
//! translation.

use std::collections::BTreeSet;

use franglais_index::analysis::segment::words;
use franglais_index::{FranglaisIndex, Language};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur as TOccur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

use crate::best_of::BestOf;
use crate::excluded::MatchedDocs;
use crate::fuzzy::{allowed_typos, is_common, TypoExpander};
use crate::syntax::{Occur, ParsedQuery, Scope, Unit};
use crate::translate::{transliterations, Translator};
use crate::word_terms::WordTermsCache;

/// Query words past this many are ignored (Meilisearch stops at 10): a
/// pasted paragraph still answers quickly.
pub const MAX_QUERY_WORDS: usize = 32;

/// Points for each query word matched through a translation.
pub const TRANSLATED: Score = 20.0;
/// Points for each query word matched through a translation in the title.
pub const TRANSLATED_IN_TITLE: Score = 5.0;
/// BM25 weight of a translation match.
pub const TRANSLATION_WEIGHT: Score = 0.3;

/// Points for each query word found in the title or body.
pub const COVERAGE: Score = 1000.0;
/// Points for each query word found without a typo.
pub const EXACTNESS: Score = 100.0;
/// Points when the query words stand together, in order.
pub const ADJACENT: Score = 60.0;
/// Points when they stand within [`NEAR_SLOP`] positions.
pub const NEAR: Score = 30.0;
/// Slop of the [`NEAR`] rule.
pub const NEAR_SLOP: u32 = 8;
/// Points for each query word found in the title.
pub const IN_TITLE: Score = 15.0;
/// BM25 weight of the title against the body.
pub const TITLE_BOOST: Score = 2.0;
/// BM25 weight of a typo match against an exact one.
pub const TYPO_WEIGHT: Score = 0.5;
/// BM25 weight of boilerplate lines.
pub const BOILERPLATE_WEIGHT: Score = 0.1;

/// Terms at relative positions: one term, or a phrase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TermSequence(pub Vec<(usize, String)>);

/// What one query word matches, for ranking and for highlighting.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// The word or phrase as typed (alternatives joined with ` OR `).
    pub label: String,
    /// Exact forms: term sequences of both languages.
    pub exact: Vec<TermSequence>,
    /// Terms within the allowed typos of an exact single term, with their
    /// number of typos.
    pub typos: Vec<(String, u8)>,
    /// In the title only.
    pub title_only: bool,
    /// Required (a quoted phrase).
    pub required: bool,
    /// A translation of query words, not words typed.
    pub translation: bool,
    /// For a translation, the query's plain words it stands for (indexes
    /// into them, stop words included).
    pub translates: std::ops::Range<usize>,
}

/// A query ready to run.
pub struct Plan {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// The positive slots, for snippets and explanations.
    pub slots: Vec<Slot>,
}

/// Builds the plan of `parsed`; `None` when nothing is left to search (only
/// stop words, only exclusions, an empty query). Errors come from reading
/// the index (exclusions are looked up here, see [`crate::excluded`]).
pub fn build_plan(
    parsed: &ParsedQuery,
    index: &FranglaisIndex,
    searcher: &Searcher,
    expander: &TypoExpander,
    translator: Option<&Translator>,
    lang: Option<Language>,
) -> tantivy::Result<Option<Plan>> {
    let fields = index.fields;
    let mut analyses = WordTermsCache::new(&index.analyzer);
    let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut exclusions: Vec<Box<dyn Query>> = Vec::new();
    let mut slots = Vec::new();
    // Proximity: (query position, terms per language) of plain words.
    let mut sequence: [Vec<(usize, String)>; 2] = [Vec::new(), Vec::new()];
    let mut position = 0;
    // The plain words, in order, for translation (stop words included:
    // `Partenariat pour la paix` is one entry).
    let mut plain_words: Vec<String> = Vec::new();
    // The slot of each plain word, `None` for a stop word.
    let mut plain_slots: Vec<Option<usize>> = Vec::new();

    for clause in split_multiword(parsed).into_iter().take(MAX_QUERY_WORDS) {
        let scope_fields: Vec<(Field, Score)> = match clause.scope {
            Scope::Title => vec![(fields.title, TITLE_BOOST)],
            Scope::Anywhere => {
                vec![
                    (fields.body, 1.0),
                    (fields.title, TITLE_BOOST),
                    (fields.boilerplate, BOILERPLATE_WEIGHT),
                ]
            }
        };
        let content_fields: Vec<Field> = match clause.scope {
            Scope::Title => vec![fields.title],
            Scope::Anywhere => vec![fields.body, fields.title],
        };
        let mut slot = Slot {
            label: clause
                .alternatives
                .iter()
                .map(unit_text)
                .collect::<Vec<_>>()
                .join(" OR "),
            title_only: clause.scope == Scope::Title,
            required: clause.occur == Occur::Must,
            ..Slot::default()
        };
        let mut exact = BTreeSet::new();
        let mut typos: Vec<(String, u8)> = Vec::new();
        let mut expanded = BTreeSet::new();
        let plain_word = clause.alternatives.len() == 1
            && clause.scope == Scope::Anywhere
            && clause.occur != Occur::MustNot;
        let mut width = 1;
        let plain_index = match clause.alternatives.as_slice() {
            [Unit::Word(word)] if plain_word && clause.occur == Occur::Should => {
                plain_words.push(word.clone());
                plain_slots.push(None);
                Some(plain_words.len() - 1)
            }
            _ => None,
        };
        for unit in &clause.alternatives {
            for (l, language) in Language::ALL.into_iter().enumerate() {
                let terms = unit_terms(&mut analyses, unit, language);
                width = width.max(terms.width);
                if let Some(parts) = &terms.parts {
                    if plain_word {
                        sequence[l].extend(parts.0.iter().map(|(o, t)| (position + o, t.clone())));
                    }
                    if let (Unit::Word(word), [(_, term)]) = (unit, parts.0.as_slice()) {
                        if clause.occur != Occur::MustNot {
                            // Typos are counted on the stem, which is what is
                            // compared: two typos on `pacif`, the stem of the
                            // 9-letter `pacifique`, would find `Paris`.
                            let typed = word.chars().filter(|c| c.is_alphanumeric()).count();
                            let allowed = allowed_typos(typed.min(term.chars().count()));
                            // French and English stems often agree: expand once.
                            let common = || {
                                let freq = searcher
                                    .doc_freq(&Term::from_field_text(fields.body, term))
                                    .unwrap_or(0);
                                is_common(freq, searcher.num_docs())
                            };
                            if allowed > 0 && expanded.insert(term.clone()) && !common() {
                                typos.extend(
                                    expander
                                        .expand(searcher, &content_fields, term, allowed)
                                        .iter()
                                        .cloned(),
                                );
                            }
                        }
                    }
                }
                exact.extend(terms.parts.into_iter().chain(terms.joined));
            }
        }
        position += width;
        // A stop word in either language is no query word: `le` is not an
        // English stop word but it is no content either.
        if exact.is_empty()
            || clause
                .alternatives
                .iter()
                .all(|u| is_stop_word_somewhere(&mut analyses, u))
        {
            continue;
        }
        slot.exact = exact.into_iter().collect();
        // A typo form in one language may be the exact form in the other;
        // a term reached from both languages keeps its fewest typos.
        let mut fewest: std::collections::BTreeMap<String, u8> = std::collections::BTreeMap::new();
        for (term, distance) in typos {
            if !slot
                .exact
                .iter()
                .any(|s| s.0.len() == 1 && s.0[0].1 == term)
            {
                let entry = fewest.entry(term).or_insert(distance);
                *entry = (*entry).min(distance);
            }
        }
        slot.typos = fewest.into_iter().collect();

        if clause.occur == Occur::MustNot {
            let all: Vec<Field> = vec![fields.body, fields.title, fields.boilerplate];
            exclusions.push(any_of(&slot.exact, &all));
            continue;
        }
        // One disjunction per query word: each form of it (exact or typo,
        // in the title, the body or the boilerplate) scores its tier points
        // plus its BM25, and the best form counts. Typo forms are not looked
        // for in boilerplate, which earns no points: its weight is nil.
        let mut forms: Vec<Form> = Vec::new();
        for &(field, weight) in &scope_fields {
            let content = field != fields.boilerplate;
            let in_title = if field == fields.title { IN_TITLE } else { 0.0 };
            for seq in &slot.exact {
                let points = if content {
                    COVERAGE + EXACTNESS + in_title
                } else {
                    0.0
                };
                forms.push((sequence_query(seq, field), weight, points));
            }
            if content {
                for (term, typos) in &slot.typos {
                    let points = COVERAGE + EXACTNESS / f32::from(2 * typos);
                    forms.push((term_query(term, field), weight * TYPO_WEIGHT, points));
                }
            }
        }
        let occur = if slot.required {
            TOccur::Must
        } else {
            TOccur::Should
        };
        clauses.push((occur, best_form(forms)));
        if let Some(i) = plain_index {
            plain_slots[i] = Some(slots.len());
        }
        slots.push(slot);
    }
    if slots.is_empty() {
        return Ok(None);
    }
    if let Some(translator) = translator {
        let typed: Vec<TermSequence> = slots.iter().flat_map(|s| s.exact.iter().cloned()).collect();
        let translations = translation_slots(
            index,
            &mut analyses,
            searcher,
            translator,
            &plain_words,
            &typed,
        );
        for slot in translations {
            // The same rules as a typed word, with a translation's points.
            let covers = slot.translates.len() as Score;
            let mut forms: Vec<Form> = Vec::new();
            for field in [fields.body, fields.title] {
                let in_title = if field == fields.title {
                    TRANSLATED_IN_TITLE
                } else {
                    0.0
                };
                for seq in &slot.exact {
                    let points = (TRANSLATED + in_title) * covers;
                    forms.push((loose_sequence_query(seq, field), TRANSLATION_WEIGHT, points));
                }
            }
            // A translation stands in for words not found as typed: where
            // all of its words are, it adds nothing (its points would
            // outrank the proximity and title rules of typed words).
            let typed_words: Vec<(TOccur, Box<dyn Query>)> = slot
                .translates
                .clone()
                .filter_map(|i| plain_slots.get(i).copied().flatten())
                .map(|s| {
                    (
                        TOccur::Must,
                        any_of(&slots[s].exact, &[fields.body, fields.title]),
                    )
                })
                .collect();
            let translated = if typed_words.is_empty() {
                best_form(forms)
            } else {
                Box::new(BooleanQuery::new(vec![
                    (TOccur::Must, best_form(forms)),
                    (TOccur::MustNot, Box::new(BooleanQuery::new(typed_words))),
                ]))
            };
            clauses.push((TOccur::Should, translated));
            slots.push(slot);
        }
    }
    let excluded = MatchedDocs::collect(searcher, &exclusions)?;
    // Proximity over the plain words, per language.
    let mut phrases: BTreeSet<Vec<(usize, String)>> = BTreeSet::new();
    for seq in sequence {
        let distinct_positions: BTreeSet<usize> = seq.iter().map(|(p, _)| *p).collect();
        if distinct_positions.len() >= 2 && distinct_positions.len() == seq.len() {
            phrases.insert(seq);
        }
    }
    // Each rule counts once: standing together in French and in English
    // (a sentence too short to tell is indexed in both) is no closer.
    if !phrases.is_empty() {
        for (slop, points) in [(0, ADJACENT), (NEAR_SLOP, NEAR)] {
            let any_phrase = phrases
                .iter()
                .flat_map(|phrase| {
                    [fields.body, fields.title].map(|field| {
                        let terms = phrase
                            .iter()
                            .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                            .collect();
                        let query = PhraseQuery::new_with_offset_and_slop(terms, slop);
                        (Box::new(query) as Box<dyn Query>, 0.0)
                    })
                })
                .collect();
            clauses.push((
                TOccur::Should,
                tier(Box::new(BestOf::new(any_phrase)), points),
            ));
        }
    }
    // The words are required as a whole: beside a `Must` filter, tantivy
    // would take `Should` clauses as optional and match every document.
    let mut query: Vec<(TOccur, Box<dyn Query>)> =
        vec![(TOccur::Must, Box::new(BooleanQuery::new(clauses)))];
    if let Some(lang) = lang {
        query.push((TOccur::Must, term_query(lang.code(), fields.langs)));
    }
    if !excluded.is_empty() {
        query.push((TOccur::MustNot, Box::new(excluded)));
    }
    Ok(Some(Plan {
        query: Box::new(BooleanQuery::new(query)),
        slots,
    }))
}

/// Slots for the translations of `words`: lexicon phrases first, then
/// other spellings of names the index holds. Forms already typed are left
/// out.
fn translation_slots(
    index: &FranglaisIndex,
    analyses: &mut WordTermsCache<'_>,
    searcher: &Searcher,
    translator: &Translator,
    words: &[String],
    typed: &[TermSequence],
) -> Vec<Slot> {
    let word_refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut by_span: Vec<(std::ops::Range<usize>, Vec<String>, BTreeSet<TermSequence>)> =
        Vec::new();
    let mut add = |analyses: &mut WordTermsCache<'_>,
                   span: std::ops::Range<usize>,
                   text: String,
                   target: Language| {
        let unit = if text.split_whitespace().count() > 1 {
            Unit::Phrase(text.clone())
        } else {
            Unit::Word(text.clone())
        };
        let terms = unit_terms(analyses, &unit, target);
        let seqs: Vec<TermSequence> = terms
            .parts
            .into_iter()
            .chain(terms.joined)
            .filter(|s| !typed.contains(s))
            .collect();
        if seqs.is_empty() {
            return;
        }
        match by_span.iter_mut().find(|(s, _, _)| *s == span) {
            Some((_, texts, all)) => {
                if !texts.contains(&text) {
                    texts.push(text);
                }
                all.extend(seqs);
            }
            None => by_span.push((span, vec![text], seqs.into_iter().collect())),
        }
    };
    let found = translator.translate_with(analyses, &word_refs);
    let mut covered = vec![false; words.len()];
    for t in &found {
        covered[t.words.clone()].iter_mut().for_each(|c| *c = true);
        let target = if t.from == Language::Fr {
            Language::En
        } else {
            Language::Fr
        };
        add(analyses, t.words.clone(), t.text.clone(), target);
    }
    // Names: other spellings that the index holds, for words that are not
    // common as typed (a common word is no name spelt the other way).
    let num_docs = searcher.num_docs();
    for (i, word) in words.iter().enumerate() {
        if covered[i] || word.chars().filter(|c| c.is_alphabetic()).count() < 5 {
            continue;
        }
        let typed_freq: u64 = Language::ALL
            .into_iter()
            .filter_map(|l| analyses.terms(word, l).parts.first().cloned())
            .map(|(_, t)| {
                searcher
                    .doc_freq(&Term::from_field_text(index.fields.body, &t))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        if is_common(typed_freq, num_docs) {
            continue;
        }
        for from in Language::ALL {
            let target = if from == Language::Fr {
                Language::En
            } else {
                Language::Fr
            };
            for spelling in transliterations(word, from) {
                let term = analyses.terms(&spelling, target).parts.first().cloned();
                let indexed = term.is_some_and(|(_, t)| {
                    let body = searcher
                        .doc_freq(&Term::from_field_text(index.fields.body, &t))
                        .unwrap_or(0);
                    let title = searcher
                        .doc_freq(&Term::from_field_text(index.fields.title, &t))
                        .unwrap_or(0);
                    body + title > 0
                });
                if indexed {
                    add(analyses, i..i + 1, spelling, target);
                }
            }
        }
    }
    by_span
        .into_iter()
        .map(|(span, texts, seqs)| Slot {
            label: format!("{} → {}", words[span.clone()].join(" "), texts.join(" | ")),
            exact: seqs.into_iter().collect(),
            translation: true,
            translates: span,
            ..Slot::default()
        })
        .collect()
}

/// A query word of several words (`author:Verheyde`, `U.S.`) becomes one
/// clause per word when alone, a phrase inside an `OR` group.
fn split_multiword(parsed: &ParsedQuery) -> Vec<crate::syntax::Clause> {
    let mut out = Vec::new();
    for clause in &parsed.clauses {
        if let [Unit::Word(word)] = clause.alternatives.as_slice() {
            let parts: Vec<&str> = words(word, 0).map(|w| w.text).collect();
            if parts.len() > 1 {
                for part in parts {
                    out.push(crate::syntax::Clause {
                        alternatives: vec![Unit::Word(part.to_string())],
                        ..clause.clone()
                    });
                }
                continue;
            }
        }
        let mut clause = clause.clone();
        for unit in &mut clause.alternatives {
            if let Unit::Word(word) = unit {
                if words(word, 0).count() > 1 {
                    *unit = Unit::Phrase(word.clone());
                }
            }
        }
        out.push(clause);
    }
    out
}

fn unit_text(unit: &Unit) -> String {
    match unit {
        Unit::Word(w) => w.clone(),
        Unit::Phrase(p) => format!("\"{p}\""),
    }
}

/// What a unit matches in one language.
struct UnitTerms {
    /// Its terms in order (the parts of a compound, the words of a phrase).
    parts: Option<TermSequence>,
    /// A compound written solid.
    joined: Option<TermSequence>,
    /// Positions it spans in the text, stop words included.
    width: usize,
}

fn unit_terms(analyses: &mut WordTermsCache<'_>, unit: &Unit, language: Language) -> UnitTerms {
    let (terms, joined, width) = match unit {
        Unit::Word(word) => {
            let terms = analyses.terms(word, language).clone();
            (terms.parts, terms.joined, terms.width)
        }
        Unit::Phrase(phrase) => {
            let mut terms = Vec::new();
            let mut position = 0;
            for word in words(phrase, 0) {
                let word_terms = analyses.terms(word.text, language);
                terms.extend(
                    word_terms
                        .parts
                        .iter()
                        .map(|(o, t)| (position + o, t.clone())),
                );
                position += word_terms.width;
            }
            (terms, None, position)
        }
    };
    UnitTerms {
        parts: (!terms.is_empty()).then(|| TermSequence(rebase(terms))),
        joined: joined.map(|j| TermSequence(vec![(0, j)])),
        width: width.max(1),
    }
}

/// Whether `unit` is one word that some language's chain drops.
fn is_stop_word_somewhere(analyses: &mut WordTermsCache<'_>, unit: &Unit) -> bool {
    match unit {
        Unit::Word(word) => Language::ALL.into_iter().any(|l| {
            let terms = analyses.terms(word, l);
            terms.width == 1 && terms.parts.is_empty()
        }),
        Unit::Phrase(_) => false,
    }
}

/// Shifts offsets so that the first is 0.
fn rebase(mut terms: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let first = terms.first().map_or(0, |t| t.0);
    for t in &mut terms {
        t.0 -= first;
    }
    terms
}

fn term_query(text: &str, field: Field) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// A term query, or a phrase query for a sequence of several terms.
pub(crate) fn sequence_query(seq: &TermSequence, field: Field) -> Box<dyn Query> {
    match seq.0.as_slice() {
        [] => Box::new(EmptyQuery),
        [(_, term)] => term_query(term, field),
        terms => Box::new(PhraseQuery::new_with_offset(
            terms
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
        )),
    }
}

/// Slop of a translated phrase: a translation is not word for word
/// (`retrait des forces` → `withdrawal of forces` should meet
/// `withdrawal of NATO forces`).
pub const TRANSLATION_SLOP: u32 = 3;

/// [`sequence_query`] with [`TRANSLATION_SLOP`].
fn loose_sequence_query(seq: &TermSequence, field: Field) -> Box<dyn Query> {
    match seq.0.as_slice() {
        [_, _, ..] => Box::new(PhraseQuery::new_with_offset_and_slop(
            seq.0
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
            TRANSLATION_SLOP,
        )),
        _ => sequence_query(seq, field),
    }
}

fn boosted(query: Box<dyn Query>, weight: Score) -> Box<dyn Query> {
    if weight == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, weight))
    }
}

/// A form of a query word: its query, BM25 weight and tier points.
type Form = (Box<dyn Query>, Score, Score);

/// One disjunction over a query word's forms (per field, exact or typo or
/// translated): each scores its points plus its weighted BM25, and the best
/// form counts.
fn best_form(forms: Vec<Form>) -> Box<dyn Query> {
    let scored = forms
        .into_iter()
        .map(|(query, weight, points)| (boosted(query, weight), points))
        .collect();
    Box::new(BestOf::new(scored))
}

fn tier(query: Box<dyn Query>, points: Score) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, points))
}

/// Matches documents with any of the sequences in any of the fields.
fn any_of(exact: &[TermSequence], fields: &[Field]) -> Box<dyn Query> {
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    for &field in fields {
        queries.extend(exact.iter().map(|seq| sequence_query(seq, field)));
    }
    Box::new(BooleanQuery::union(queries))
}
