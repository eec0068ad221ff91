//! What each query word can match: its terms in each language, and the
//! forms the rules grade (typed, in the other language's text, with
//! typos, in boilerplate).

use std::collections::BTreeMap;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::analysis::normalize::{fold, normalize_word};
use franglais_index::analysis::segment::{is_hyphen, symbol_of_written, words};
use franglais_index::Language;
use tantivy::Score;

use super::rules::{MatchKind, Place};
use super::{Context, Expansion, Slot, TermSequence};
use crate::fuzzy::{allowed_typos, TypoExpander};
use crate::syntax::{Clause, Occur, ParsedQuery, Scope, Unit};
use crate::word_terms::WordTermsCache;

/// Query words past this many are ignored (Meilisearch stops at 10): a
/// pasted paragraph still answers quickly.
pub const MAX_QUERY_WORDS: usize = 32;

/// One query word (a word, a quoted phrase or an `OR` group) analysed in
/// both languages.
pub(crate) struct QueryWord {
    /// For snippets and explanations.
    pub slot: Slot,
    /// Excluded (`-word`).
    pub excluded: bool,
    /// Its term sequences in each language's analysis, by
    /// [`Language::ordinal`].
    pub by_language: [Vec<TermSequence>; 2],
    /// The written words it is made of, as indices into
    /// [`AnalysedQuery::written`].
    pub written: std::ops::Range<usize>,
    /// The languages it is typed in (see [`crate::query_language`]).
    pub typed_in: LanguageSet,
    /// Single typed words, for typos: `(word as typed, term, language)`.
    pub typo_candidates: Vec<(String, String, Language)>,
    /// What the word may begin, as typed (lowercase, accents folded): its
    /// last part and its parts written solid (`anti-mis`: `mis`,
    /// `antimis`); empty unless it is the last word searched as you type.
    pub prefixes: Vec<String>,
    /// For a part of a hyphenated compound (`anti` of `anti-missiles`),
    /// the compound written solid in each language (by
    /// [`Language::ordinal`]) and the share of it that this part stands
    /// for: `antimissiles` is a form of each part, for 1/n of it.
    pub solid: Option<([Option<String>; 2], Score)>,
}

/// A query analysed word by word.
#[derive(Default)]
pub(crate) struct AnalysedQuery {
    /// Words that are not stop words in either language.
    pub words: Vec<QueryWord>,
    /// All written words of the positive clauses, in order, stop words
    /// included: what the query's language is told from.
    pub written: Vec<String>,
    /// The plain words (no quotes, no `OR`, no field), stop words
    /// included (`Partenariat pour la paix` is one lexicon entry), and the
    /// index in `words` of each (`None` for a stop word): what is
    /// translated.
    pub plain: Vec<(String, Option<usize>)>,
    /// The plain words that are query words, in order, with their terms
    /// at their query positions in each language: what the proximity rule
    /// looks for.
    pub placed: Vec<PlacedWord>,
}

/// A plain query word at its place in the query.
pub(crate) struct PlacedWord {
    /// Its index in [`AnalysedQuery::words`].
    pub word: usize,
    /// Its terms in each language (by [`Language::ordinal`]), at query
    /// positions (stop words count, as they take positions in the text).
    pub terms: [Vec<(usize, String)>; 2],
}

/// Analyses the clauses of `parsed` (the first [`MAX_QUERY_WORDS`]); with
/// `prefix_last`, the last clause, if a word, is also a prefix (and kept
/// when it looks like a stop word: `d` may be the start of `défense`).
pub(crate) fn analyse(
    parsed: &ParsedQuery,
    analyses: &mut WordTermsCache<'_>,
    prefix_last: bool,
) -> AnalysedQuery {
    let mut query = AnalysedQuery::default();
    let mut position = 0;
    let clauses = split_multiword(parsed);
    let last = clauses.len().checked_sub(1).filter(|_| prefix_last);
    // The plain entry of the compound being read: its text, and its first
    // part that is a query word.
    let mut compound_plain: Option<(String, Option<usize>)> = None;
    for (c, QueryClause { clause, compound }) in
        clauses.into_iter().enumerate().take(MAX_QUERY_WORDS)
    {
        let plain = matches!(clause.alternatives.as_slice(), [Unit::Word(_)])
            && clause.scope == Scope::Anywhere
            && clause.occur == Occur::Should;
        let first_written = query.written.len();
        if clause.occur != Occur::MustNot {
            for unit in &clause.alternatives {
                let text = match unit {
                    Unit::Word(w) | Unit::Phrase(w) => w,
                };
                query
                    .written
                    .extend(words(text, 0).map(|w| w.text.to_string()));
            }
        }
        let (mut word, width, placed) = analyse_clause(&clause, analyses, position);
        word.written = first_written..query.written.len();
        if Some(c) == last {
            word.prefixes = match &compound {
                Some(compound) => prefixes_of_word(&compound.whole),
                None => prefixes_of(&clause),
            };
        }
        if let Some(compound) = &compound {
            let solid = Language::ALL.map(|l| analyses.terms(&compound.whole, l).joined.clone());
            word.solid = Some((solid, 1.0 / compound.parts as Score));
        }
        position += width;
        // A stop word in either language is no query word: `le` is not an
        // English stop word but it is no content either.
        let stop = word.prefixes.is_empty()
            && (word.by_language.iter().all(Vec::is_empty)
                || clause
                    .alternatives
                    .iter()
                    .all(|u| is_stop_word_somewhere(analyses, u)));
        if plain {
            let index = (!stop).then_some(query.words.len());
            match (&compound, clause.alternatives.as_slice()) {
                // A compound is one plain word (one lexicon key:
                // `antimissile`), standing for its first part that is a
                // query word.
                (Some(compound), _) => {
                    let entry = compound_plain.get_or_insert((compound.whole.clone(), None));
                    entry.1 = entry.1.or(index);
                    if compound.part + 1 == compound.parts {
                        query.plain.extend(compound_plain.take());
                    }
                }
                (None, [Unit::Word(w)]) => query.plain.push((w.clone(), index)),
                _ => {}
            }
            if let Some(word) = index {
                query.placed.push(PlacedWord {
                    word,
                    terms: placed,
                });
            }
        }
        if !stop {
            query.words.push(word);
        }
    }
    query
}

/// One clause at query `position`: the query word, the positions it
/// spans, and its terms at their query positions in each language.
fn analyse_clause(
    clause: &Clause,
    analyses: &mut WordTermsCache<'_>,
    position: usize,
) -> (QueryWord, usize, [Vec<(usize, String)>; 2]) {
    let mut word = QueryWord {
        slot: Slot {
            label: clause
                .alternatives
                .iter()
                .map(unit_text)
                .collect::<Vec<_>>()
                .join(" OR "),
            title_only: clause.scope == Scope::Title,
            required: clause.occur == Occur::Must,
            ..Slot::default()
        },
        excluded: clause.occur == Occur::MustNot,
        by_language: [Vec::new(), Vec::new()],
        written: 0..0,
        typed_in: LanguageSet::ALL,
        typo_candidates: Vec::new(),
        prefixes: Vec::new(),
        solid: None,
    };
    let mut width = 1;
    let mut placed: [Vec<(usize, String)>; 2] = [Vec::new(), Vec::new()];
    for unit in &clause.alternatives {
        for language in Language::ALL {
            let terms = unit_terms(analyses, unit, language);
            width = width.max(terms.width);
            if let Some(parts) = &terms.parts {
                placed[language.ordinal()] = parts
                    .0
                    .iter()
                    .map(|(o, t)| (position + o, t.clone()))
                    .collect();
                if let (Unit::Word(written), [(_, term)]) = (unit, parts.0.as_slice()) {
                    word.typo_candidates
                        .push((written.clone(), term.clone(), language));
                }
            }
            let seqs = &mut word.by_language[language.ordinal()];
            for seq in terms.parts.into_iter().chain(terms.joined) {
                if !seqs.contains(&seq) {
                    seqs.push(seq);
                }
            }
        }
    }
    let mut all: Vec<TermSequence> = word.by_language.iter().flatten().cloned().collect();
    all.sort();
    all.dedup();
    word.slot.exact = all;
    (word, width, placed)
}

/// What a clause's word may begin (see [`QueryWord::prefixes`]): none for
/// a phrase, an `OR` group or an exclusion.
fn prefixes_of(clause: &Clause) -> Vec<String> {
    let [Unit::Word(word)] = clause.alternatives.as_slice() else {
        return Vec::new();
    };
    if clause.occur == Occur::MustNot {
        return Vec::new();
    }
    prefixes_of_word(word)
}

/// What a written word may begin: its last part, and its parts solid.
fn prefixes_of_word(word: &str) -> Vec<String> {
    let normalized = normalize_word(word);
    let last = normalized.parts.last().map(|p| p.text.clone());
    let mut prefixes: Vec<String> = last
        .into_iter()
        .chain(normalized.joined)
        .map(|p| fold(&p).into_owned())
        .filter(|p| !p.is_empty())
        .collect();
    prefixes.dedup();
    prefixes
}

/// The forms of `word` in the languages searched: as typed in the
/// languages it is typed in, in the other language's text, with typos (for
/// words the index does not hold as typed), and in boilerplate. A
/// form reachable several ways keeps its best kind.
pub(crate) fn word_forms(word: &QueryWord, ctx: &Context<'_>, expansion: Expansion<'_>) -> Forms {
    let mut forms = BTreeMap::new();
    let places = |language| {
        if word.slot.title_only {
            vec![Place::Title(language)]
        } else {
            vec![Place::Body(language), Place::Title(language)]
        }
    };
    for language in ctx.searched.iter() {
        for analysis in Language::ALL {
            let kind = if analysis == language && word.typed_in.contains(language) {
                MatchKind::Typed
            } else {
                MatchKind::CrossLanguage
            };
            for seq in &word.by_language[analysis.ordinal()] {
                for place in places(language) {
                    keep_best(&mut forms, place, seq.clone(), kind);
                }
            }
            if let Some((solid, share)) = &word.solid {
                if let Some(term) = &solid[analysis.ordinal()] {
                    for place in places(language) {
                        let seq = TermSequence(vec![(0, term.clone())]);
                        keep_best_share(&mut forms, place, seq, kind, *share);
                    }
                }
            }
        }
        if word.typed_in.contains(language) && !word.excluded {
            for (term, typos) in typos_in(word, language, ctx, expansion.typos) {
                for place in places(language) {
                    let seq = TermSequence(vec![(0, term.clone())]);
                    keep_best(&mut forms, place, seq, MatchKind::Typo(typos));
                }
            }
        }
        // A word cut short is in no language yet: its completions in every
        // language searched.
        if let Some(prefixes) = expansion.prefixes {
            let fields = ctx.index.fields.text_of(language);
            for prefix in &word.prefixes {
                for term in prefixes.complete(ctx.searcher, &fields, prefix).iter() {
                    for place in places(language) {
                        let seq = TermSequence(vec![(0, term.clone())]);
                        keep_best(&mut forms, place, seq, MatchKind::Prefix);
                    }
                }
            }
        }
    }
    if !word.slot.title_only {
        for seq in &word.slot.exact {
            keep_best(
                &mut forms,
                Place::Boilerplate,
                seq.clone(),
                MatchKind::Typed,
            );
        }
    }
    forms
}

/// A query word's forms: where, which terms → how they match, and the
/// share of the word they stand for (a translation of several query words
/// stands for each in part).
pub(crate) type Forms = BTreeMap<(Place, TermSequence), (MatchKind, Score)>;

/// Adds a form standing for the whole word.
fn keep_best(forms: &mut Forms, place: Place, seq: TermSequence, kind: MatchKind) {
    keep_best_share(forms, place, seq, kind, 1.0);
}

/// Adds a form standing for `share` of the word, or betters one already
/// there.
pub(crate) fn keep_best_share(
    forms: &mut Forms,
    place: Place,
    seq: TermSequence,
    kind: MatchKind,
    share: Score,
) {
    let entry = forms.entry((place, seq)).or_insert((kind, share));
    if kind.quality() * share > entry.0.quality() * entry.1 {
        *entry = (kind, share);
    }
}

/// Terms within the allowed typos of `word`'s term in `language`, with
/// their number of typos. Typos are counted on the stem, which is what is
/// compared: two typos on `pacif`, the stem of the 9-letter `pacifique`,
/// would find `Paris`. A word the index holds in that language's text has
/// none: it was typed right, and its neighbours would only add noise.
fn typos_in(
    word: &QueryWord,
    language: Language,
    ctx: &Context<'_>,
    expander: &TypoExpander,
) -> Vec<(String, u8)> {
    let fields = ctx.index.fields.text_of(language);
    let mut found = Vec::new();
    for (written, term, _) in word
        .typo_candidates
        .iter()
        .filter(|(_, _, l)| *l == language)
    {
        let typed = written.chars().filter(|c| c.is_alphanumeric()).count();
        let allowed = allowed_typos(typed.min(term.chars().count()));
        if allowed == 0 {
            continue;
        }
        // A word the text holds as typed was typed right: its neighbours
        // (`black` → `backed`) would outrank its translations.
        if ctx.holds(language, term) {
            continue;
        }
        found.extend(
            expander
                .expand(ctx.searcher, &fields, term, allowed)
                .iter()
                .cloned(),
        );
    }
    found
}

/// A clause of the query as analysed, and the compound it is a part of.
struct QueryClause {
    clause: Clause,
    compound: Option<Compound>,
}

/// Where a clause stands in a hyphenated compound.
struct Compound {
    /// The compound as written (`anti-missiles`).
    whole: String,
    /// This clause's part (0 for `anti`).
    part: usize,
    /// How many parts.
    parts: usize,
}

/// The query's clauses with their words as the text's tokenizer finds
/// them: punctuation around a word goes (`Tymoshenko,` is `Tymoshenko`;
/// a symbol such as `C++` or `.gz` stays), a query word of several words
/// (`author:Verheyde`, `U.S.`) becomes one clause per word when alone, a
/// phrase inside an `OR` group, and a hyphenated word alone one clause
/// per part (`Lukashenko-Opposition`: either part counts, standing
/// together counts more, and the solid spelling is a form of each).
fn split_multiword(parsed: &ParsedQuery) -> Vec<QueryClause> {
    let mut out = Vec::new();
    let plain = |clause: &Clause| QueryClause {
        clause: clause.clone(),
        compound: None,
    };
    for clause in &parsed.clauses {
        if let [Unit::Word(word)] = clause.alternatives.as_slice() {
            if symbol_of_written(word).is_some() {
                out.push(plain(clause));
                continue;
            }
            for part in words(word, 0) {
                let with = |text: &str, compound| QueryClause {
                    clause: Clause {
                        alternatives: vec![Unit::Word(text.to_string())],
                        ..clause.clone()
                    },
                    compound,
                };
                let pieces: Vec<&str> = part.text.split(is_hyphen).collect();
                if pieces.len() < 2 || clause.occur == Occur::MustNot {
                    out.push(with(part.text, None));
                    continue;
                }
                for (i, piece) in pieces.iter().enumerate() {
                    let compound = Compound {
                        whole: part.text.to_string(),
                        part: i,
                        parts: pieces.len(),
                    };
                    out.push(with(piece, Some(compound)));
                }
            }
            continue;
        }
        let mut clause = clause.clone();
        for unit in &mut clause.alternatives {
            if let Unit::Word(word) = unit {
                if words(word, 0).count() > 1 {
                    *unit = Unit::Phrase(word.clone());
                }
            }
        }
        out.push(plain(&clause));
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
pub(crate) struct UnitTerms {
    /// Its terms in order (the parts of a compound, the words of a phrase).
    pub parts: Option<TermSequence>,
    /// A compound written solid.
    pub joined: Option<TermSequence>,
    /// Positions it spans in the text, stop words included.
    pub width: usize,
}

pub(crate) fn unit_terms(
    analyses: &mut WordTermsCache<'_>,
    unit: &Unit,
    language: Language,
) -> UnitTerms {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// A compound's text, the part's place in it, and its number of parts.
    type InCompound = Option<(String, usize, usize)>;

    /// Each clause's word as analysed, and the compound it is part of.
    fn clauses(query: &str) -> Vec<(String, InCompound)> {
        split_multiword(&parse(query))
            .into_iter()
            .map(|QueryClause { clause, compound }| {
                let text = match clause.alternatives.as_slice() {
                    [Unit::Word(w)] | [Unit::Phrase(w)] => w.clone(),
                    _ => String::new(),
                };
                (text, compound.map(|c| (c.whole, c.part, c.parts)))
            })
            .collect()
    }

    #[test]
    fn punctuation_around_a_query_word_goes_as_in_the_text() {
        let words: Vec<String> = clauses("Tymoshenko, Vicenová: doctor? (Reuters) «OTAN»")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            words,
            ["Tymoshenko", "Vicenová", "doctor", "Reuters", "OTAN"]
        );
        // Symbols stay as written: the text indexes them so.
        assert_eq!(clauses("C++ .gz")[0].0, "C++");
        assert_eq!(clauses("C++ .gz")[1].0, ".gz");
    }

    #[test]
    fn a_hyphenated_word_is_a_query_word_per_part() {
        assert_eq!(
            clauses("Lukashenko-Opposition: 110-0"),
            [
                (
                    "Lukashenko".into(),
                    Some(("Lukashenko-Opposition".into(), 0, 2))
                ),
                (
                    "Opposition".into(),
                    Some(("Lukashenko-Opposition".into(), 1, 2))
                ),
                ("110".into(), Some(("110-0".into(), 0, 2))),
                ("0".into(), Some(("110-0".into(), 1, 2))),
            ]
        );
        // Excluded, it is excluded whole.
        assert_eq!(clauses("-anti-missiles"), [("anti-missiles".into(), None)]);
    }
}
