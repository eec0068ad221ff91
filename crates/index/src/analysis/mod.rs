//! Bilingual text analysis as an explicit pipeline:
//!
//! 1. [`segment`]: text → language segments (sentences, lines, quotations)
//!    → words;
//! 2. [`normalize`]: apostrophes, elision, possessive, compounds, lowercase
//!    (language-independent);
//! 3. [`language`]: each segment classified French, English, or both when
//!    too short to tell;
//! 4. [`chain`]: stop words, Snowball stemming, then accent folding, with the
//!    segment's language (both chains for an unclassified segment).
//!
//! Terms of both languages share one field and one position space: a query
//! is analysed with both chains, so whichever chain a sentence went through,
//! the query carries the same term. A compound's parts take one position
//! each and its joined form shares the first part's position, so
//! `anti-missiles`, `anti missiles` and `antimissiles` meet.

pub mod chain;
pub mod language;
pub mod normalize;
pub mod segment;
mod tokenizer;

pub use tokenizer::{FranglaisTokenizer, TOKENIZER_NAME};

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::Token;

use chain::{Chain, Language, LanguageSet};
use language::{LanguageDetector, SegmentLanguage};
use normalize::normalize_word;
use xxhash_rust::xxh3::xxh3_64;

/// The output of [`Analyzer::analyze`].
#[derive(Debug, Clone, Default)]
pub struct AnalyzedText {
    /// Index terms with positions; offsets are the byte range of the whole
    /// written word (for a compound part too, so a match highlights the word
    /// as the reader sees it).
    pub tokens: Vec<Token>,
    /// For each position, the byte range of the word it belongs to: maps
    /// matches back to the text for snippets.
    pub spans: Vec<Range<u32>>,
    /// Bytes of the words of sentence-length segments (see
    /// [`language::MIN_SENTENCE_WORDS`]) confidently classified French, then
    /// English: what a document's languages are judged on.
    pub language_bytes: [usize; 2],
    /// For each token, the languages whose chains made its term: the
    /// languages of the text it is indexed as (see
    /// [`Analyzer::analyze_as`]).
    pub token_languages: Vec<LanguageSet>,
}

impl AnalyzedText {
    /// The tokens of each language's text, French then English (the order
    /// of [`Language::ALL`]).
    ///
    /// ```
    /// use franglais_index::{Analyzer, Language};
    /// let out = Analyzer::default().analyze("Les Russes menacent la défense européenne. Options");
    /// let [fr, en] = out.by_language();
    /// assert!(fr.iter().any(|t| t.text == "defens"));
    /// // A segment too short to tell goes through both chains.
    /// assert!(fr.iter().any(|t| t.text == "option"));
    /// assert!(en.iter().all(|t| t.text == "option") && !en.is_empty());
    /// ```
    pub fn by_language(self) -> [Vec<Token>; 2] {
        let mut out: [Vec<Token>; 2] = [Vec::new(), Vec::new()];
        for (token, languages) in self.tokens.into_iter().zip(self.token_languages) {
            if languages.contains(Language::Fr) {
                out[Language::Fr.ordinal()].push(token.clone());
            }
            if languages.contains(Language::En) {
                out[Language::En.ordinal()].push(token);
            }
        }
        out
    }
}

/// The terms a single written word yields in one language: what a query
/// needs to match it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordTerms {
    /// `(offset, term)` of the non-stop parts, offsets counted in parts.
    pub parts: Vec<(usize, String)>,
    /// The term of the compound written solid, if a compound.
    pub joined: Option<String>,
    /// How many positions the word takes (its part count, stop words included).
    pub width: usize,
}

/// The bilingual analyzer: see the [module documentation](self).
///
/// ```
/// use franglais_index::Analyzer;
/// let analyzer = Analyzer::default();
/// let out = analyzer.analyze("Le bouclier anti-missiles de l’OTAN.");
/// let terms: Vec<(usize, &str)> = out.tokens.iter().map(|t| (t.position, t.text.as_str())).collect();
/// assert_eq!(terms, [(1, "boucli"), (2, "anti"), (2, "antimissil"), (3, "missil"), (5, "otan")]);
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    french: Chain,
    english: Chain,
    detector: LanguageDetector,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            french: Chain::new(Language::Fr),
            english: Chain::new(Language::En),
            detector: LanguageDetector::default(),
        }
    }
}

impl Analyzer {
    /// The chain of one language.
    pub fn chain(&self, language: Language) -> &Chain {
        match language {
            Language::Fr => &self.french,
            Language::En => &self.english,
        }
    }

    /// Analyses a document field.
    pub fn analyze(&self, text: &str) -> AnalyzedText {
        self.analyze_with(text, &mut AnalysisCache::default())
    }

    /// Analyses a document field, with stems and segment languages
    /// remembered in `cache` (keep one per thread across documents: words
    /// and sentences repeat, and detection and stemming are the costliest
    /// steps).
    pub fn analyze_with(&self, text: &str, cache: &mut AnalysisCache) -> AnalyzedText {
        self.analyze_as(text, DocumentLanguages::default(), cache)
    }

    /// The bytes of `text`'s sentences classified French, then English
    /// (see [`AnalyzedText::language_bytes`]), without making terms: what
    /// a document's languages are judged on before it is analysed.
    pub fn language_bytes(&self, text: &str, cache: &mut AnalysisCache) -> [usize; 2] {
        let mut bytes = [0, 0];
        let mut words = Vec::new();
        for range in segment::segments(text) {
            let segment_text = &text[range.clone()];
            words.clear();
            words.extend(segment::words(segment_text, range.start));
            let detected = cache.detect(&self.detector, segment_text, words.len());
            add_sentence_bytes(&mut bytes, detected, &words);
        }
        bytes
    }

    /// Analyses a field of a document in `document`'s languages. Each
    /// segment goes through the chains [`segment_chains`] picks, and each
    /// term is of the languages whose chains made it.
    pub fn analyze_as(
        &self,
        text: &str,
        document: DocumentLanguages,
        cache: &mut AnalysisCache,
    ) -> AnalyzedText {
        self.analyze_by(text, cache, |cache, segment_text, words, out| {
            let detected = cache.detect(&self.detector, segment_text, words.len());
            add_sentence_bytes(&mut out.language_bytes, detected, words);
            segment_chains(detected, segment_text, document)
        })
    }

    /// Analyses `text` through the chains of `languages`, every segment
    /// alike, without detecting languages (the costliest step): the terms a
    /// field of a document in those languages can hold, for highlighting
    /// it. With one language, exactly what [`Analyzer::analyze_as`] makes;
    /// with both, a superset of it.
    ///
    /// ```
    /// use franglais_index::analysis::{chain::LanguageSet, AnalysisCache};
    /// use franglais_index::{Analyzer, Language};
    /// let out = Analyzer::default().analyze_in(
    ///     "Le bouclier de l’OTAN",
    ///     LanguageSet::of(Language::Fr),
    ///     &mut AnalysisCache::default(),
    /// );
    /// let terms: Vec<&str> = out.tokens.iter().map(|t| t.text.as_str()).collect();
    /// assert_eq!(terms, ["boucli", "otan"]);
    /// ```
    pub fn analyze_in(
        &self,
        text: &str,
        languages: LanguageSet,
        cache: &mut AnalysisCache,
    ) -> AnalyzedText {
        self.analyze_by(text, cache, |_, _, _, _| languages)
    }

    /// The analysis loop: `chains_of` picks each segment's languages (and
    /// may record what it learnt in the output).
    fn analyze_by(
        &self,
        text: &str,
        cache: &mut AnalysisCache,
        mut chains_of: impl FnMut(
            &mut AnalysisCache,
            &str,
            &[segment::Word<'_>],
            &mut AnalyzedText,
        ) -> LanguageSet,
    ) -> AnalyzedText {
        let mut out = AnalyzedText::default();
        let mut words = Vec::new();
        let mut terms: Vec<(String, LanguageSet)> = Vec::new();
        for range in segment::segments(text) {
            let segment_text = &text[range.clone()];
            words.clear();
            words.extend(segment::words(segment_text, range.start));
            let languages = chains_of(cache, segment_text, &words, &mut out);
            let chains: Vec<&Chain> = languages.iter().map(|l| self.chain(l)).collect();
            for word in &words {
                let span = word.start as u32..word.end() as u32;
                let normalized = normalize_word(word.text);
                let first = out.spans.len();
                for (i, part) in normalized.parts.iter().enumerate() {
                    out.spans.push(span.clone());
                    terms.clear();
                    for chain in &chains {
                        if !part.text.is_empty() && !chain.is_stop_word(part) {
                            let term = cache.stem_and_fold(chain, &part.text);
                            push_unique(&mut terms, term, chain.language());
                        }
                    }
                    if i == 0 {
                        if let Some(joined) = &normalized.joined {
                            for chain in &chains {
                                let term = cache.stem_and_fold(chain, joined);
                                push_unique(&mut terms, term, chain.language());
                            }
                        }
                    }
                    if i == 0 {
                        if let Some(symbol) = segment::symbol_form(text, word) {
                            push_symbol(&mut terms, symbol, languages);
                        }
                    }
                    for (term, chains) in terms.drain(..) {
                        out.tokens.push(Token {
                            offset_from: word.start,
                            offset_to: word.end(),
                            position: first + i,
                            text: term,
                            position_length: 1,
                        });
                        out.token_languages.push(chains);
                    }
                }
            }
        }
        out
    }

    /// The terms of one written word in `language`, for building queries.
    ///
    /// ```
    /// use franglais_index::{Analyzer, Language};
    /// let terms = Analyzer::default().word_terms("l’anti-missiles", Language::Fr);
    /// assert_eq!(terms.parts, [(0, "anti".to_string()), (1, "missil".to_string())]);
    /// assert_eq!(terms.joined.as_deref(), Some("antimissil"));
    /// ```
    pub fn word_terms(&self, word: &str, language: Language) -> WordTerms {
        if let Some(symbol) = segment::symbol_of_written(word) {
            // `.gz`, `C++`: the symbol as written, as the text indexes it.
            return WordTerms {
                parts: vec![(0, symbol)],
                joined: None,
                width: 1,
            };
        }
        let chain = self.chain(language);
        let normalized = normalize_word(word);
        WordTerms {
            parts: normalized
                .parts
                .iter()
                .enumerate()
                .filter_map(|(i, part)| chain.term(part).map(|t| (i, t)))
                .collect(),
            joined: normalized.joined.map(|j| chain.stem_and_fold(&j)),
            width: normalized.parts.len(),
        }
    }
}

/// Results of the pipeline's two costliest steps, remembered: the stems of
/// words and the languages of segments (see [`Analyzer::analyze_with`]).
/// On the man pages, 16% of segments of three words or more are repeats.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    stems: [HashMap<String, String>; 2],
    languages: HashMap<u64, SegmentLanguage>,
}

/// Entries an [`AnalysisCache`] keeps per table before starting afresh (a
/// few megabytes).
pub const CACHED_ENTRIES: usize = 100_000;

impl AnalysisCache {
    /// [`Chain::stem_and_fold`], remembered.
    ///
    /// ```
    /// use franglais_index::analysis::{chain::Chain, AnalysisCache};
    /// use franglais_index::Language;
    /// let mut cache = AnalysisCache::default();
    /// let fr = Chain::new(Language::Fr);
    /// assert_eq!(cache.stem_and_fold(&fr, "défenses"), "defens");
    /// assert_eq!(cache.stem_and_fold(&fr, "défenses"), fr.stem_and_fold("défenses"));
    /// ```
    pub fn stem_and_fold(&mut self, chain: &Chain, lowercase: &str) -> String {
        let stems = &mut self.stems[chain.language() as usize];
        if let Some(stem) = stems.get(lowercase) {
            return stem.clone();
        }
        let stem = chain.stem_and_fold(lowercase);
        if stems.len() >= CACHED_ENTRIES {
            stems.clear();
        }
        stems.insert(lowercase.to_string(), stem.clone());
        stem
    }

    /// [`LanguageDetector::detect`], remembered (by a 64-bit hash of the
    /// segment).
    pub fn detect(
        &mut self,
        detector: &LanguageDetector,
        segment: &str,
        word_count: usize,
    ) -> SegmentLanguage {
        if word_count < language::MIN_WORDS {
            return SegmentLanguage::Both;
        }
        let key = xxh3_64(segment.as_bytes());
        if let Some(language) = self.languages.get(&key) {
            return *language;
        }
        let language = detector.detect(segment, word_count);
        if self.languages.len() >= CACHED_ENTRIES {
            self.languages.clear();
        }
        self.languages.insert(key, language);
        language
    }
}

/// What is known of a document's languages when its fields are analysed
/// (nothing, for a query or a lone text).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentLanguages {
    /// Its languages (empty: not known).
    pub languages: LanguageSet,
    /// The language most of its sentences are in.
    pub main: Option<Language>,
}

/// The chains a segment goes through in `document`. Classification is
/// trusted where it agrees with the document: a segment in the document's
/// main language, or one that function words tell (`the`, `of` against
/// `les`, `des`). Otherwise the segment goes through the main language's
/// chain too: whatlang alone often reads a short English line as French
/// (`ulimit - get and set user limits`, `compare two files byte by
/// byte`), and a short quotation is then found either way. A segment too
/// short to tell goes through the document's languages (both if not
/// known).
///
/// ```
/// use franglais_index::analysis::{segment_chains, chain::LanguageSet, language::SegmentLanguage, DocumentLanguages};
/// use franglais_index::Language;
/// let (fr, en) = (LanguageSet::of(Language::Fr), LanguageSet::of(Language::En));
/// let english = DocumentLanguages { languages: en.with(Language::Fr), main: Some(Language::En) };
/// let told_fr = SegmentLanguage::One(Language::Fr);
/// assert_eq!(segment_chains(told_fr, "get and set user limits", english), LanguageSet::ALL);
/// assert_eq!(segment_chains(told_fr, "les limites de la session", english), fr);
/// assert_eq!(segment_chains(SegmentLanguage::One(Language::En), "set user limits", english), en);
/// assert_eq!(segment_chains(SegmentLanguage::Both, "ulimit", english), LanguageSet::ALL);
/// assert_eq!(segment_chains(told_fr, "get", DocumentLanguages::default()), fr);
/// ```
pub fn segment_chains(
    detected: SegmentLanguage,
    segment: &str,
    document: DocumentLanguages,
) -> LanguageSet {
    match detected {
        SegmentLanguage::One(l) => {
            let trusted = document.languages.is_empty()
                || document.main == Some(l)
                || (document.languages.contains(l)
                    && language::function_word_evidence(segment) == Some(l));
            match document.main {
                Some(main) if !trusted => LanguageSet::of(l).with(main),
                _ if !trusted => document.languages.with(l),
                _ => LanguageSet::of(l),
            }
        }
        SegmentLanguage::Both if document.languages.is_empty() => LanguageSet::ALL,
        SegmentLanguage::Both => document.languages,
    }
}

/// Adds the bytes of a sentence-length segment's words (of two letters or
/// more: padding, punctuation, numbers and option letters say nothing of a
/// language) to its language's count.
fn add_sentence_bytes(
    bytes: &mut [usize; 2],
    detected: SegmentLanguage,
    words: &[segment::Word<'_>],
) {
    let SegmentLanguage::One(language) = detected else {
        return;
    };
    let lettered = words.iter().filter(|w| {
        w.text
            .chars()
            .filter(|c| c.is_alphabetic())
            .nth(1)
            .is_some()
    });
    let (count, word_bytes) = lettered.fold((0, 0), |(n, b), w| (n + 1, b + w.text.len()));
    if count >= language::MIN_SENTENCE_WORDS {
        bytes[language.ordinal()] += word_bytes;
    }
}

/// Adds a symbol form (`.gz`, `c++`): one term of every chain the segment
/// goes through, never stemmed.
fn push_symbol(terms: &mut Vec<(String, LanguageSet)>, symbol: String, languages: LanguageSet) {
    if !terms.iter().any(|(t, _)| *t == symbol) {
        terms.push((symbol, languages));
    }
}

/// Adds `term` from `language`'s chain, once: a term both chains make
/// belongs to both.
fn push_unique(terms: &mut Vec<(String, LanguageSet)>, term: String, language: Language) {
    match terms.iter_mut().find(|(t, _)| *t == term) {
        Some((_, languages)) => *languages = languages.with(language),
        None => terms.push((term, LanguageSet::of(language))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_at(out: &AnalyzedText) -> Vec<(usize, String)> {
        out.tokens
            .iter()
            .map(|t| (t.position, t.text.clone()))
            .collect()
    }

    fn has_term(text: &str, term: &str) -> bool {
        Analyzer::default()
            .analyze(text)
            .tokens
            .iter()
            .any(|t| t.text == term)
    }

    #[test]
    fn all_spellings_of_anti_missile_meet() {
        let a = Analyzer::default();
        // Seed 001 writes both `anti-missiles` and `antimissile`.
        let query = a.word_terms("antimissile", Language::Fr).parts[0].1.clone();
        for doc in [
            "la faisabilité du bouclier anti-missiles",
            "l’architecture du bouclier antimissile en Europe",
            "on the anti-missile shield in particular",
            "les antimissiles",
        ] {
            assert!(has_term(doc, &query), "{doc}");
        }
    }

    #[test]
    fn hyphenated_and_spaced_compounds_share_positions() {
        let a = Analyzer::default();
        let hyphen = terms_at(&a.analyze("le Conseil Otan-Russie se réunit"));
        let spaced = terms_at(&a.analyze("le Conseil Otan Russie se réunit"));
        // The spaced form has the same parts at the same positions.
        for t in &spaced {
            assert!(hyphen.contains(t), "{t:?} missing from {hyphen:?}");
        }
        // And the solid spelling a query for `OtanRussie` produces.
        let solid = a.word_terms("OtanRussie", Language::Fr).parts[0].1.clone();
        assert!(
            hyphen.iter().any(|(_, t)| *t == solid),
            "{solid} missing from {hyphen:?}"
        );
    }

    #[test]
    fn sentence_language_picks_the_chain() {
        let a = Analyzer::default();
        // French stemming of "nucléaires" and English of "differences",
        // sentence by sentence in one paragraph of seed 001.
        let text = "Et il a menacé en cas d’absence d’accord avec l’OTAN, de développer ses forces nucléaires. \
                    The second point of disagreement is the architecture of the shield.";
        let out = a.analyze(text);
        let terms: Vec<&str> = out.tokens.iter().map(|t| t.text.as_str()).collect();
        assert!(terms.contains(&"nucleair"), "{terms:?}");
        assert!(terms.contains(&"disagr"), "{terms:?}");
        assert!(out.language_bytes[0] > 0 && out.language_bytes[1] > 0);
    }

    #[test]
    fn short_segments_go_through_both_chains() {
        let a = Analyzer::default();
        // French stem `cooper`, English stem `cooper`: same; `réunions` differs.
        let out = a.analyze("Réunions publiques");
        let terms: Vec<&str> = out.tokens.iter().map(|t| t.text.as_str()).collect();
        assert!(terms.contains(&"reunion"), "{terms:?}");
        assert_eq!(out.language_bytes, [0, 0]);
    }

    #[test]
    fn spans_map_positions_back_to_words() {
        let text = "Les Russes menacent";
        let out = Analyzer::default().analyze(text);
        assert_eq!(out.spans.len(), 3);
        let word = &out.spans[1];
        assert_eq!(&text[word.start as usize..word.end as usize], "Russes");
    }

    #[test]
    fn stop_words_keep_their_position() {
        let out = Analyzer::default().analyze("Partenariat pour la paix");
        let terms = terms_at(&out);
        assert_eq!(terms.first().map(|t| t.0), Some(0));
        assert!(
            terms.iter().any(|(p, t)| *p == 3 && t == "paix"),
            "{terms:?}"
        );
    }
}
