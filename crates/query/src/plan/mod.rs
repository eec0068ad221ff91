//! From a parsed query to a tantivy query, with ranking as explicit rules.
//!
//! 1. [`words`]: each query word (a *slot*) is analysed with both language
//!    chains; its forms are its terms in each language's text, its typos,
//!    its boilerplate matches.
//! 2. [`crate::query_language`]: the language each word is typed in, so
//!    that a match counts as typed only in text of that language.
//! 3. [`translations`]: the query in the other language; a translation is
//!    one more form of each word it translates.
//! 4. [`rules`]: what each form earns (rarity × how it matched), and what
//!    pairs of words standing together earn.
//!
//! With a language filter (`--lang`), only that language's text is
//! searched: a French page quoting three English option names is an
//! English match for those words only.

pub mod rules;
mod translations;
mod words;

use std::collections::BTreeMap;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::{FranglaisIndex, Language};
use tantivy::query::{BooleanQuery, Occur as TOccur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

use crate::doc_freqs::DocFreqs;
use crate::excluded::MatchedDocs;
use crate::fuzzy::TypoExpander;
use crate::prefix::PrefixExpander;
use crate::syntax::ParsedQuery;
use crate::translate::Translator;
use crate::word_terms::WordTermsCache;
use rules::{MatchKind, Place};
pub use words::MAX_QUERY_WORDS;

/// Terms at relative positions: one term, or a phrase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermSequence(pub Vec<(usize, String)>);

/// What one query word matches, for highlighting and explanations.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// The word or phrase as typed (alternatives joined with ` OR `).
    pub label: String,
    /// Exact forms: term sequences of both languages.
    pub exact: Vec<TermSequence>,
    /// Terms within the allowed typos of an exact single term, with their
    /// number of typos.
    pub typos: Vec<(String, u8)>,
    /// Terms the word begins, when it is the last of a query searched as
    /// you type.
    pub prefixes: Vec<String>,
    /// In the title only.
    pub title_only: bool,
    /// Required (a quoted phrase).
    pub required: bool,
    /// A translation of query words, not words typed.
    pub translation: bool,
    /// For a translation, the query's plain words it stands for (indexes
    /// into them, stop words included).
    pub translates: std::ops::Range<usize>,
    /// The languages the word is typed in (see [`crate::query_language`]):
    /// a match in the other's text is a cross-language match.
    pub typed_in: LanguageSet,
}

/// A query ready to run.
pub struct Plan {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// The positive slots, for snippets and explanations.
    pub slots: Vec<Slot>,
}

/// What building a plan reads: the index and the languages searched.
pub(crate) struct Context<'a> {
    pub index: &'a FranglaisIndex,
    pub searcher: &'a Searcher,
    /// Document frequencies, looked up once per query.
    pub freqs: &'a DocFreqs<'a>,
    /// The languages whose text is searched (`--lang`, or both).
    pub searched: LanguageSet,
}

impl Context<'_> {
    /// Whether `language`'s text (body or title) holds `term` somewhere.
    pub fn holds(&self, language: Language, term: &str) -> bool {
        self.freqs
            .max_in(&self.index.fields.text_of(language), term)
            > 0
    }
}

/// What query words match beyond their own terms.
#[derive(Debug, Clone, Copy)]
pub struct Expansion<'a> {
    /// Indexed terms within a few typos of a word.
    pub typos: &'a TypoExpander,
    /// When set, the query's last word also matches the terms it begins
    /// (as you type; see [`crate::prefix`]).
    pub prefixes: Option<&'a PrefixExpander>,
}

/// Builds the plan of `parsed`; `None` when nothing is left to search (only
/// stop words, only exclusions, an empty query). Errors come from reading
/// the index (exclusions are looked up here, see [`crate::excluded`]).
/// `freqs` remembers the document frequencies it looks up: search with it
/// as the statistics provider, and they are not looked up again.
pub fn build_plan<'a>(
    parsed: &ParsedQuery,
    index: &'a FranglaisIndex,
    searcher: &'a Searcher,
    freqs: &'a DocFreqs<'a>,
    expansion: Expansion<'_>,
    translator: Option<&Translator>,
    lang: Option<Language>,
) -> tantivy::Result<Option<Plan>> {
    let ctx = Context {
        index,
        searcher,
        freqs,
        searched: lang.map_or(LanguageSet::ALL, LanguageSet::of),
    };
    let mut analyses = WordTermsCache::new(&index.analyzer);
    let mut query = words::analyse(parsed, &mut analyses, expansion.prefixes.is_some());
    if query.words.iter().all(|w| w.excluded) {
        return Ok(None);
    }
    tell_languages(&ctx, &mut query, &mut analyses);
    let query_languages = query
        .words
        .iter()
        .filter(|w| !w.excluded)
        .fold(LanguageSet::default(), |set, w| set.or(w.typed_in));
    let translated = match translator {
        Some(translator) => {
            let plain: Vec<String> = query.plain.iter().map(|(w, _)| w.clone()).collect();
            let typed: Vec<TermSequence> = query
                .words
                .iter()
                .flat_map(|w| w.slot.exact.iter().cloned())
                .collect();
            translations::translations(
                &ctx,
                &mut analyses,
                translator,
                &plain,
                query_languages,
                &typed,
            )
        }
        None => Vec::new(),
    };
    let mut clauses: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut exclusions: Vec<Box<dyn Query>> = Vec::new();
    let mut slots = Vec::new();
    for (w, word) in query.words.iter().enumerate() {
        let mut forms = words::word_forms(word, &ctx, expansion);
        if word.excluded {
            exclusions.push(any_of(forms.keys(), &index.fields));
            continue;
        }
        add_translations(&mut forms, w, &translated, &query.plain);
        let occur = if word.slot.required {
            TOccur::Must
        } else {
            TOccur::Should
        };
        let mut slot = word.slot.clone();
        slot.typos = typo_terms(&forms);
        slot.prefixes = prefix_terms(&forms);
        slot.typed_in = word.typed_in;
        clauses.push((occur, word_clause(&ctx, forms)));
        slots.push(slot);
    }
    clauses.extend(proximity_clauses(&ctx, &query, &translated));
    slots.extend(translated.into_iter().map(|t| t.slot));
    let excluded = MatchedDocs::collect(searcher, &exclusions)?;
    // The words are required as a whole: beside a `Must` filter, tantivy
    // would take `Should` clauses as optional and match every document.
    // (A `BestOf`-style sum of them took fewer instructions but more time
    // than tantivy's buffered union: it visits every clause per document.)
    let words: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let mut top: Vec<(TOccur, Box<dyn Query>)> = vec![(TOccur::Must, words)];
    if let Some(lang) = lang {
        top.push((TOccur::Must, term_query(lang.code(), index.fields.langs)));
    }
    if !excluded.is_empty() {
        top.push((TOccur::MustNot, Box::new(excluded)));
    }
    Ok(Some(Plan {
        query: Box::new(BooleanQuery::new(top)),
        slots,
    }))
}

/// The typo terms among a word's `forms`, for highlighting.
fn typo_terms(forms: &words::Forms) -> Vec<(String, u8)> {
    let mut fewest: BTreeMap<String, u8> = BTreeMap::new();
    for ((place, seq), (kind, _)) in forms {
        if let (Place::Body(_), MatchKind::Typo(typos), [(_, term)]) =
            (place, kind, seq.0.as_slice())
        {
            let entry = fewest.entry(term.clone()).or_insert(*typos);
            *entry = (*entry).min(*typos);
        }
    }
    fewest.into_iter().collect()
}

/// The completions among a word's `forms`, for highlighting.
fn prefix_terms(forms: &words::Forms) -> Vec<String> {
    let mut terms: Vec<String> = forms
        .iter()
        .filter_map(
            |((place, seq), (kind, _))| match (place, kind, seq.0.as_slice()) {
                (Place::Body(_), MatchKind::Prefix, [(_, term)]) => Some(term.clone()),
                _ => None,
            },
        )
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// Tells the language each query word is typed in (see
/// [`crate::query_language`]): a word of several written words (a quoted
/// phrase, an `OR` group) is typed in any of theirs.
fn tell_languages(
    ctx: &Context<'_>,
    query: &mut words::AnalysedQuery,
    analyses: &mut WordTermsCache<'_>,
) {
    let written = crate::query_language::word_languages(
        &query.written.join(" "),
        &query.written,
        analyses,
        ctx.index,
        ctx.freqs,
    );
    for word in &mut query.words {
        word.typed_in = written[word.written.clone()]
            .iter()
            .fold(LanguageSet::default(), |set, l| set.or(*l));
        if word.typed_in.is_empty() {
            word.typed_in = LanguageSet::ALL;
        }
    }
}

/// Adds to the forms of query word `w` those of the translations that
/// cover it (`plain`: the plain words and their query word), each
/// weighed by [`rules::translation_share`].
fn add_translations(
    forms: &mut words::Forms,
    w: usize,
    translated: &[translations::Translated],
    plain: &[(String, Option<usize>)],
) {
    for t in translated {
        let covered: Vec<usize> = t.covered(plain).flatten().collect();
        if !covered.contains(&w) {
            continue;
        }
        for (seq, confidence) in t.slot.exact.iter().zip(&t.confidences) {
            let share = rules::translation_share(*confidence, covered.len());
            for place in [Place::Body(t.language), Place::Title(t.language)] {
                let kind = MatchKind::Translated;
                words::keep_best_share(forms, place, seq.clone(), kind, share);
            }
        }
    }
}

/// One query word's clause: the best of its forms.
fn word_clause(ctx: &Context<'_>, forms: words::Forms) -> Box<dyn Query> {
    let fields = &ctx.index.fields;
    let scored = forms
        .into_iter()
        .filter_map(|((place, seq), (kind, share))| {
            // A form the index does not hold there cannot match: no query
            // for it (each costs term lookups and buffers per segment).
            let field = field_of(ctx, place);
            if seq.0.iter().any(|(_, t)| ctx.freqs.get(field, t) == 0) {
                return None;
            }
            // Rarity in the language's text, body or title.
            let rarity = match place {
                Place::Body(l) | Place::Title(l) => rules::idf(ctx.freqs, &fields.text_of(l), &seq),
                Place::Boilerplate => 0.0,
            };
            let (weight, points) = rules::form_weights(place, kind, rarity);
            let slop = if kind == MatchKind::Translated {
                rules::TRANSLATION_SLOP
            } else {
                0
            };
            let query = rules::sequence_query(&seq, field, slop);
            Some((query, weight * share, points * share))
        })
        .collect();
    rules::word_clause(scored)
}

/// The proximity rule over consecutive plain query words: one clause per
/// pair, the best of its phrases over the languages searched that both
/// words are typed in (a pair standing together in French and in English
/// text is no closer than once).
/// Phrases of which a term is nowhere in the index are left out: they
/// cannot match and would cost for nothing.
fn proximity_clauses(
    ctx: &Context<'_>,
    query: &words::AnalysedQuery,
    translated: &[translations::Translated],
) -> Vec<(TOccur, Box<dyn Query>)> {
    let fields = &ctx.index.fields;
    let mut clauses = Vec::new();
    let scale = rules::pair_share(query.placed.len().saturating_sub(1));
    for pair in query.placed.windows(2) {
        let [a, b] = pair else { continue };
        let mut phrases = Vec::new();
        for language in ctx.searched.iter() {
            let l = language.ordinal();
            let (Some((p, first)), Some((q, second))) = (a.terms[l].last(), b.terms[l].first())
            else {
                continue;
            };
            if q <= p || !ctx.holds(language, first) || !ctx.holds(language, second) {
                continue;
            }
            // In the text of a language both words are typed in: the same
            // stems standing together in the other's text are rare, and
            // their phrases cost as much (measured: MRR unchanged).
            let typed = [a.word, b.word]
                .iter()
                .all(|&w| query.words[w].typed_in.contains(language));
            if !typed {
                continue;
            }
            let terms = [(0, first.clone()), (q - p, second.clone())];
            for field in fields.text_of(language) {
                phrases.push(rules::Pair {
                    terms: terms.clone(),
                    field,
                    quality: MatchKind::Typed.quality(),
                    either_order: false,
                });
            }
        }
        phrases.extend(translated_pairs(ctx, query, translated, a, b));
        for phrase in &mut phrases {
            phrase.quality *= scale;
        }
        if !phrases.is_empty() {
            clauses.push((TOccur::Should, rules::proximity_clause(&phrases)));
        }
    }
    clauses
}

/// A query word's best single-term forms in the text of `language` that
/// the index holds there, [`PAIR_FORMS`] at most, each with the quality of
/// a match: its translations and its own stem there (as typed, or a
/// cognate in the other language: `contrôle` → `control`, which the
/// lexicon's `control` duplicates and so does not list).
fn other_language_forms(
    ctx: &Context<'_>,
    query: &words::AnalysedQuery,
    translated: &[translations::Translated],
    placed: &words::PlacedWord,
    language: Language,
) -> Vec<(String, Score)> {
    let translations = translated
        .iter()
        .filter(|t| t.language == language)
        .filter(|t| t.covers_only(&query.plain, placed.word))
        .flat_map(|t| t.slot.exact.iter().zip(&t.confidences))
        .filter_map(|(seq, c)| match seq.0.as_slice() {
            [(_, term)] => Some((
                term.clone(),
                MatchKind::Translated.quality() * Score::from(*c),
            )),
            _ => None,
        });
    let kind = if query.words[placed.word].typed_in.contains(language) {
        MatchKind::Typed
    } else {
        MatchKind::CrossLanguage
    };
    let stem = match placed.terms[language.ordinal()].as_slice() {
        [(_, stem)] => Some((stem.clone(), kind.quality())),
        _ => None,
    };
    let mut found: Vec<(String, Score)> = translations
        .chain(stem)
        .filter(|(term, _)| ctx.holds(language, term))
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.dedup_by(|a, b| a.0 == b.0);
    found.truncate(PAIR_FORMS);
    found
}

/// Forms kept per query word for [`translated_pairs`]: each pair of forms
/// is a proximity scorer to run.
const PAIR_FORMS: usize = 2;

/// The proximity rule in the other language's text: two consecutive query
/// words whose forms there (translations, cognate stems) stand together
/// (`fichiers de contrôle` → `control files`), in either order (French
/// and English order adjective and noun differently), worth the quality of
/// the weaker of the two forms.
fn translated_pairs(
    ctx: &Context<'_>,
    query: &words::AnalysedQuery,
    translated: &[translations::Translated],
    a: &words::PlacedWord,
    b: &words::PlacedWord,
) -> Vec<rules::Pair> {
    let mut pairs = Vec::new();
    for language in ctx.searched.iter() {
        let typed = [a.word, b.word]
            .iter()
            .all(|&w| query.words[w].typed_in.contains(language));
        if typed {
            continue;
        }
        let firsts = other_language_forms(ctx, query, translated, a, language);
        let seconds = other_language_forms(ctx, query, translated, b, language);
        for (first, q1) in &firsts {
            for (second, q2) in &seconds {
                if first == second {
                    continue;
                }
                for field in ctx.index.fields.text_of(language) {
                    pairs.push(rules::Pair {
                        terms: [(0, first.clone()), (1, second.clone())],
                        field,
                        quality: q1.min(*q2),
                        either_order: true,
                    });
                }
            }
        }
    }
    pairs
}

fn field_of(ctx: &Context<'_>, place: Place) -> Field {
    match place {
        Place::Body(l) => ctx.index.fields.body(l),
        Place::Title(l) => ctx.index.fields.title_of(l),
        Place::Boilerplate => ctx.index.fields.boilerplate,
    }
}

fn term_query(text: &str, field: Field) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Matches documents with any of the forms' sequences in any text field.
fn any_of<'a>(
    forms: impl Iterator<Item = &'a (Place, TermSequence)>,
    fields: &franglais_index::schema::Fields,
) -> Box<dyn Query> {
    let mut all: Vec<Field> = fields.bodies.to_vec();
    all.extend(fields.titles);
    all.push(fields.boilerplate);
    let seqs: std::collections::BTreeSet<&TermSequence> = forms.map(|(_, seq)| seq).collect();
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    for seq in seqs {
        for &field in &all {
            queries.push(rules::sequence_query(seq, field, 0));
        }
    }
    Box::new(BooleanQuery::union(queries))
}
