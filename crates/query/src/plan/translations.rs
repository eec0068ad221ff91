//! The query in the other language: lexicon translations of the plain
//! words, then other spellings of names that the index holds. Each is a
//! [`Slot`] of its own (for snippets and explanations) whose forms also
//! count as forms of the query words it translates.

use std::collections::BTreeMap;
use std::ops::Range;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::Language;

use super::words::unit_terms;
use super::{Context, Slot, TermSequence};
use crate::fuzzy::is_common;
use crate::syntax::Unit;
use crate::translate::{transliterations, Translator};
use crate::word_terms::WordTermsCache;

/// A translation: the plain words it stands for, the language it is in,
/// and its term sequences in that language.
pub(crate) struct Translated {
    /// For snippets and explanations.
    pub slot: Slot,
    /// The language of the translation.
    pub language: Language,
    /// How sure the lexicon is of each of `slot.exact`, in the same order.
    pub confidences: Vec<f32>,
}

impl Translated {
    /// For each plain word it translates (`plain`: the query's plain words
    /// and their query word), that word's query word (`None`: a stop word).
    pub fn covered<'a>(
        &'a self,
        plain: &'a [(String, Option<usize>)],
    ) -> impl Iterator<Item = Option<usize>> + 'a {
        self.slot.translates.clone().map(|i| plain[i].1)
    }

    /// Whether it translates query word `word` alone (no stop word either).
    pub fn covers_only(&self, plain: &[(String, Option<usize>)], word: usize) -> bool {
        let mut covered = self.covered(plain);
        covered.next() == Some(Some(word)) && covered.next().is_none()
    }
}

/// Translations of `words` (the query's plain words, stop words included)
/// from the languages `from`, into the languages searched. Forms already
/// typed (`typed`) are left out.
pub(crate) fn translations(
    ctx: &Context<'_>,
    analyses: &mut WordTermsCache<'_>,
    translator: &Translator,
    words: &[String],
    from: LanguageSet,
    typed: &[TermSequence],
) -> Vec<Translated> {
    let mut found = Found::default();
    let word_refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut covered = vec![false; words.len()];
    for t in translator.translate_with(analyses, &word_refs, from) {
        covered[t.words.clone()].iter_mut().for_each(|c| *c = true);
        found.add(
            analyses,
            t.words,
            (t.text, t.confidence),
            t.from.other(),
            typed,
        );
    }
    // Names: other spellings that the index holds, for words that are not
    // common as typed (a common word is no name spelt the other way).
    for (i, word) in words.iter().enumerate() {
        if covered[i] || word.chars().filter(|c| c.is_alphabetic()).count() < 5 {
            continue;
        }
        if is_common_as_typed(ctx, analyses, word) {
            continue;
        }
        for source in from.iter() {
            let target = source.other();
            for spelling in transliterations(word, source) {
                if holds(ctx, analyses, &spelling, target) {
                    // A spelling the index holds is as sure as the name.
                    found.add(analyses, i..i + 1, (spelling, 1.0), target, typed);
                }
            }
        }
    }
    found
        .0
        .into_iter()
        .filter(|f| ctx.searched.contains(f.language))
        .map(|f| Translated {
            confidences: f.seqs.values().copied().collect(),
            slot: Slot {
                label: format!(
                    "{} → {}",
                    words[f.span.clone()].join(" "),
                    f.texts.join(" | ")
                ),
                exact: f.seqs.into_keys().collect(),
                translation: true,
                translates: f.span,
                ..Slot::default()
            },
            language: f.language,
        })
        .collect()
}

/// Translations gathered per span of words and target language.
#[derive(Default)]
struct Found(Vec<FoundTranslation>);

/// The translations of one span of query words into one language.
struct FoundTranslation {
    span: Range<usize>,
    language: Language,
    texts: Vec<String>,
    /// Each form with the highest confidence of the translations giving it.
    seqs: BTreeMap<TermSequence, f32>,
}

impl Found {
    fn add(
        &mut self,
        analyses: &mut WordTermsCache<'_>,
        span: Range<usize>,
        (text, confidence): (String, f32),
        target: Language,
        typed: &[TermSequence],
    ) {
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
        match self
            .0
            .iter_mut()
            .find(|f| f.span == span && f.language == target)
        {
            Some(found) => {
                if !found.texts.contains(&text) {
                    found.texts.push(text);
                }
                for seq in seqs {
                    let kept = found.seqs.entry(seq).or_insert(confidence);
                    *kept = kept.max(confidence);
                }
            }
            None => self.0.push(FoundTranslation {
                span,
                language: target,
                texts: vec![text],
                seqs: seqs.into_iter().map(|s| (s, confidence)).collect(),
            }),
        }
    }
}

/// Whether `word` is common in the index in either language's analysis.
fn is_common_as_typed(ctx: &Context<'_>, analyses: &mut WordTermsCache<'_>, word: &str) -> bool {
    let freq = Language::ALL
        .into_iter()
        .filter_map(|l| {
            let (_, term) = analyses.terms(word, l).parts.first()?.clone();
            Some(ctx.freqs.get(ctx.index.fields.body(l), &term))
        })
        .max()
        .unwrap_or(0);
    is_common(freq, ctx.searcher.num_docs())
}

/// Whether the index holds `spelling` in `language`'s text.
fn holds(
    ctx: &Context<'_>,
    analyses: &mut WordTermsCache<'_>,
    spelling: &str,
    language: Language,
) -> bool {
    let Some((_, term)) = analyses.terms(spelling, language).parts.first().cloned() else {
        return false;
    };
    ctx.holds(language, &term)
}
