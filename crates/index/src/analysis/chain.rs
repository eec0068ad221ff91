//! The per-language stage: stop words, then Snowball stemming, then accent
//! folding, applied to a normalized word part.
//!
//! Stop lists are short and hold function words only. A word that is also a
//! content word is left out even when it is frequent: French `été` (summer),
//! `est` (east), `son` (sound), `or` (gold), `pas` (step), `fait` (fact),
//! `eu` (EU); English `us` (US), `may` (May), `will`, `can`. A part written
//! in capitals (`US`, `IT`, `OR`) is never a stop word either.

use std::fmt;

use rust_stemmers::Stemmer;
use serde::{Deserialize, Serialize};

use super::normalize::{fold, Part};

/// A language franglais analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    // Declared in the order of their codes, so that sorted lists read
    // `en, fr` everywhere.
    /// English.
    En,
    /// French.
    Fr,
}

impl Language {
    /// Both languages, French first.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The position in [`Language::ALL`]: the index of per-language arrays.
    ///
    /// ```
    /// use franglais_index::Language;
    /// assert_eq!(Language::ALL.map(Language::ordinal), [0, 1]);
    /// ```
    pub fn ordinal(self) -> usize {
        match self {
            Language::Fr => 0,
            Language::En => 1,
        }
    }

    /// The other language.
    pub fn other(self) -> Language {
        match self {
            Language::Fr => Language::En,
            Language::En => Language::Fr,
        }
    }

    /// The ISO 639-1 code, as used in the index and the JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Parses `fr` or `en` (any case).
    ///
    /// ```
    /// use franglais_index::Language;
    /// assert_eq!(Language::from_code("FR"), Some(Language::Fr));
    /// assert_eq!(Language::from_code("de"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Language> {
        match code.to_ascii_lowercase().as_str() {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of [`Language`]s: the chains a term came from, the text it is
/// indexed as.
///
/// ```
/// use franglais_index::analysis::chain::LanguageSet;
/// use franglais_index::Language;
/// let both = LanguageSet::of(Language::Fr).with(Language::En);
/// assert!(both.contains(Language::En));
/// assert_eq!(both.and(LanguageSet::of(Language::Fr)), LanguageSet::of(Language::Fr));
/// assert!(LanguageSet::default().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LanguageSet(u8);

impl LanguageSet {
    /// Both languages.
    pub const ALL: LanguageSet = LanguageSet(0b11);

    /// The set of one language.
    pub fn of(language: Language) -> LanguageSet {
        LanguageSet(1 << language as u8)
    }

    /// The set of `languages`.
    pub fn from_languages(languages: &[Language]) -> LanguageSet {
        languages
            .iter()
            .fold(LanguageSet::default(), |set, &l| set.with(l))
    }

    /// This set and `language`.
    pub fn with(self, language: Language) -> LanguageSet {
        LanguageSet(self.0 | LanguageSet::of(language).0)
    }

    /// The languages in either set.
    pub fn or(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 | other.0)
    }

    /// The languages in both sets.
    pub fn and(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 & other.0)
    }

    /// Whether `language` is in the set.
    pub fn contains(self, language: Language) -> bool {
        self.0 & LanguageSet::of(language).0 != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The languages in the set, French first.
    pub fn iter(self) -> impl Iterator<Item = Language> {
        Language::ALL.into_iter().filter(move |&l| self.contains(l))
    }
}

/// The language-specific end of the pipeline for one language.
#[derive(Clone)]
pub struct Chain {
    language: Language,
    stemmer: std::sync::Arc<Stemmer>,
    stop_words: &'static [&'static str],
}

impl fmt::Debug for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Chain")
            .field("language", &self.language)
            .finish()
    }
}

impl Chain {
    /// The chain for `language`.
    pub fn new(language: Language) -> Chain {
        let data = language.data();
        Chain {
            language,
            stemmer: std::sync::Arc::new(Stemmer::create(data.stemmer)),
            stop_words: data.stop_words,
        }
    }

    /// The language of this chain.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether `part` is dropped as a stop word.
    pub fn is_stop_word(&self, part: &Part) -> bool {
        !part.acronym && self.stop_words.binary_search(&part.text.as_str()).is_ok()
    }

    /// The indexed term for a part: `None` for a stop word or an empty part.
    ///
    /// ```
    /// use franglais_index::analysis::{chain::Chain, normalize::normalize_word};
    /// use franglais_index::Language;
    /// let fr = Chain::new(Language::Fr);
    /// let part = &normalize_word("Défense").parts[0];
    /// assert_eq!(fr.term(part).as_deref(), Some("defens"));
    /// assert_eq!(fr.term(&normalize_word("les").parts[0]), None);
    /// ```
    pub fn term(&self, part: &Part) -> Option<String> {
        if part.text.is_empty() || self.is_stop_word(part) {
            return None;
        }
        Some(self.stem_and_fold(&part.text))
    }

    /// Stems then folds a lowercase word, without the stop-word check: used
    /// for the joined form of compounds.
    pub fn stem_and_fold(&self, lowercase: &str) -> String {
        if lowercase.bytes().any(|b| b.is_ascii_digit()) {
            return fold(lowercase).into_owned();
        }
        let stemmed = self.stemmer.stem(lowercase);
        fold(&stemmed).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize::normalize_word;

    fn term(lang: Language, word: &str) -> Option<String> {
        Chain::new(lang).term(&normalize_word(word).parts[0])
    }

    #[test]
    fn content_words_are_never_stop_words() {
        for w in [
            "été", "est", "son", "or", "pas", "fait", "eu", "plus", "même",
        ] {
            assert!(term(Language::Fr, w).is_some(), "fr {w}");
        }
        for w in ["us", "may", "will", "can", "US"] {
            assert!(term(Language::En, w).is_some(), "en {w}");
        }
        // "It doesn't seem like that anymore": `it` goes, `IT` would stay.
        assert_eq!(term(Language::En, "It"), None);
        assert!(term(Language::En, "IT").is_some());
    }

    #[test]
    fn french_stemming_on_seed_words() {
        // Seed 001 and 004.
        assert_eq!(
            term(Language::Fr, "missiles"),
            term(Language::Fr, "missile")
        );
        assert_eq!(
            term(Language::Fr, "nucléaires"),
            term(Language::Fr, "nucléaire")
        );
        assert_eq!(
            term(Language::Fr, "militaires").as_deref(),
            Some("militair")
        );
        assert_eq!(
            term(Language::Fr, "réassurances"),
            term(Language::Fr, "réassurance")
        );
        assert_eq!(term(Language::Fr, "DÉFENSE"), term(Language::Fr, "défense"));
    }

    #[test]
    fn stemming_happens_before_folding() {
        // Folding first would leave `traverserent`.
        assert_eq!(
            term(Language::Fr, "traversèrent").as_deref(),
            Some("travers")
        );
    }

    #[test]
    fn english_stemming_on_seed_words() {
        assert_eq!(
            term(Language::En, "negotiations"),
            term(Language::En, "negotiation")
        );
        assert_eq!(term(Language::En, "Defense"), term(Language::En, "defense"));
        assert_eq!(
            term(Language::En, "missiles"),
            term(Language::Fr, "missiles")
        );
    }

    #[test]
    fn numbers_are_kept_whole() {
        assert_eq!(term(Language::En, "2011").as_deref(), Some("2011"));
        assert_eq!(term(Language::Fr, "65th").as_deref(), Some("65th"));
    }
}
