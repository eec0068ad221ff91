//! Cross-lingual expansion: a query is also searched in the other language.
//!
//! Three sources of translations, tried on the plain words of a query:
//!
//! 1. a [`Lexicon`] of French ↔ English words and phrases (the embedded
//!    default, plus the user's own). Phrases are matched longest first, so
//!    `bouclier anti-missiles` translates as a unit (`anti-missile shield`),
//!    not word by word. Entries and query words are compared after analysis,
//!    so `missiles`, `missile` and `Missile` all match the entry `missile`.
//! 2. transliteration rules for names ([`transliterations`]): French and
//!    English spell Russian names differently (`Grouchko`/`Grushko`,
//!    `Serdioukov`/`Serdyukov`, `Eltsine`/`Yeltsin`); spellings made by the
//!    rules are kept only if the index holds them.
//! 3. cognates need no rule here: Snowball stems then accent folding already
//!    make `coopération`/`cooperation` or `stratégique`/`strategic` one
//!    term; the lexicon covers the rest (`militaire`/`military`).

use std::fmt;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::analysis::normalize::{fold, normalize_word};
use franglais_index::analysis::segment::words;
use franglais_index::{Analyzer, Language};

use crate::compiled_lexicon::{stem_key, CompiledLexicon};
use crate::word_terms::WordTermsCache;

/// The embedded lexicon, compiled (see `data/README.md` and
/// [`crate::compiled_lexicon`]).
pub const EMBEDDED_LEXICON: &[u8] = include_bytes!("../data/lexicon-fr-en.bin");

pub use crate::lexicon::{Lexicon, LexiconError};

/// One translation found in a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// Query words covered, as indices into the words given to
    /// [`Translator::translate`].
    pub words: std::ops::Range<usize>,
    /// The language the covered words were taken to be in.
    pub from: Language,
    /// The translation, in the other language.
    pub text: String,
    /// Where it comes from: `lexicon` or `transliteration`.
    pub source: &'static str,
    /// How sure the lexicon is of it, in (0, 1].
    pub confidence: f32,
}

impl fmt::Display for Translation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {:.2})", self.text, self.source, self.confidence)
    }
}

/// What a translation found through a word's stem (another inflection of
/// a lexicon word) keeps of its confidence: Snowball gives a few unrelated
/// words one stem.
pub const STEM_MATCH: f32 = 0.8;

/// A lexicon ready for matching queries: the embedded one, compiled, and
/// the user's, which takes precedence (a key the user gives translations
/// for keeps only those).
#[derive(Debug, Clone)]
pub struct Translator {
    embedded: CompiledLexicon,
    /// The user's lexicons, compiled like the embedded one.
    user: CompiledLexicon,
}

/// The key of a word in `language`, as the lexicon and queries compare
/// words: elision removed, a compound written solid, lowercase, accents
/// folded, a plural `-s` or `-x` dropped; `None` for a stop word. Not the
/// stem: Snowball stems `retrait` to `retr` but `retraits` to `retrait`,
/// while dictionary forms need only their plurals undone.
fn word_key(analyses: &mut WordTermsCache<'_>, word: &str, language: Language) -> Option<String> {
    if analyses.terms(word, language).parts.is_empty() {
        return None;
    }
    let normalized = normalize_word(word);
    let solid: String = normalized.parts.iter().map(|p| p.text.as_str()).collect();
    let mut key = fold(&solid).into_owned();
    if key.chars().count() > 3 && (key.ends_with('s') || key.ends_with('x')) {
        key.pop();
    }
    Some(key)
}

/// The key of a lexicon word or phrase in `language`: its words' keys,
/// stop words left out; `None` if nothing is left.
pub(crate) fn phrase_key(
    analyses: &mut WordTermsCache<'_>,
    text: &str,
    language: Language,
) -> Option<Vec<String>> {
    let key: Vec<String> = words(text, 0)
        .filter_map(|w| word_key(analyses, w.text, language))
        .collect();
    (!key.is_empty()).then_some(key)
}

impl Translator {
    /// A translator of `lexicon` alone.
    pub fn new(analyzer: &Analyzer, lexicon: &Lexicon) -> Translator {
        Self::with_embedded(analyzer, CompiledLexicon::empty(), lexicon)
    }

    /// The embedded lexicon with the user's `lexicon` over it.
    pub fn with_default(analyzer: &Analyzer, lexicon: &Lexicon) -> Translator {
        Self::with_embedded(analyzer, CompiledLexicon::embedded(), lexicon)
    }

    /// `embedded` with the user's `lexicon` over it.
    pub fn with_embedded(
        analyzer: &Analyzer,
        embedded: CompiledLexicon,
        lexicon: &Lexicon,
    ) -> Translator {
        Translator {
            embedded,
            user: CompiledLexicon::of(analyzer, lexicon),
        }
    }

    /// Words in the longest key of either lexicon.
    fn longest(&self) -> usize {
        self.embedded.longest().max(self.user.longest())
    }

    /// Translations of the analysed `key` from `language`, most confident
    /// first: the user's if any, else the embedded lexicon's.
    fn lookup(&self, language: Language, key: &[String]) -> Vec<(String, f32)> {
        let mut found = self.user.get(language, key);
        if found.is_empty() {
            found = self.embedded.get(language, key);
        }
        found.into_iter().map(|(t, c)| (t.to_string(), c)).collect()
    }

    /// Translations of `text`, whose analysed key is `key`: [`Self::lookup`]'s,
    /// else, for a single word, those of the words sharing its stem.
    fn find(
        &self,
        analyses: &mut WordTermsCache<'_>,
        text: &str,
        key: &[String],
        language: Language,
    ) -> Vec<(String, f32)> {
        let found = self.lookup(language, key);
        if !found.is_empty() || key.len() != 1 {
            return found;
        }
        self.lookup_stem(analyses, text, language)
    }

    /// Translations of the embedded lexicon's words that share `word`'s
    /// index term, at [`STEM_MATCH`] of their confidence.
    fn lookup_stem(
        &self,
        analyses: &mut WordTermsCache<'_>,
        word: &str,
        language: Language,
    ) -> Vec<(String, f32)> {
        let Some(stem) = stem_key(analyses, word, language) else {
            return Vec::new();
        };
        self.embedded
            .get_by_stem(language, &stem)
            .into_iter()
            .map(|(t, c)| (t.to_string(), c * STEM_MATCH))
            .collect()
    }

    /// The translations of one word or phrase from `language`, most
    /// confident first, as `franglais lexicon` shows them.
    ///
    /// ```
    /// use franglais_index::{Analyzer, Language};
    /// use franglais_query::translate::{Lexicon, Translator};
    /// let analyzer = Analyzer::default();
    /// let lexicon = Lexicon::parse("mot de passe\tpassword\n", "t").unwrap();
    /// let translator = Translator::new(&analyzer, &lexicon);
    /// assert_eq!(translator.entry(&analyzer, "mots de passe", Language::Fr), [("password".to_string(), 1.0)]);
    /// ```
    pub fn entry(&self, analyzer: &Analyzer, text: &str, language: Language) -> Vec<(String, f32)> {
        let mut analyses = WordTermsCache::new(analyzer);
        match phrase_key(&mut analyses, text, language) {
            Some(key) => self.find(&mut analyses, text, &key, language),
            None => Vec::new(),
        }
    }

    /// Lexicon translations of consecutive query `words`, longest phrases
    /// first; a word inside a translated phrase is not translated alone.
    ///
    /// ```
    /// use franglais_index::{Analyzer, Language};
    /// use franglais_query::translate::{Lexicon, Translator};
    /// let analyzer = Analyzer::default();
    /// let lexicon = Lexicon::parse("bouclier antimissile\tanti-missile shield\nbouclier\tshield\n", "t").unwrap();
    /// let translator = Translator::new(&analyzer, &lexicon);
    /// let found = translator.translate(&analyzer, &["Bouclier", "anti-missiles"]);
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].words.clone(), found[0].text.as_str()), (0..2, "anti-missile shield"));
    /// ```
    pub fn translate(&self, analyzer: &Analyzer, query_words: &[&str]) -> Vec<Translation> {
        self.translate_with(
            &mut WordTermsCache::new(analyzer),
            query_words,
            LanguageSet::ALL,
        )
    }

    /// [`Self::translate`] from the languages `from` only (those the query
    /// is typed in), with the query's words analysed once.
    pub fn translate_with(
        &self,
        analyses: &mut WordTermsCache<'_>,
        query_words: &[&str],
        from: LanguageSet,
    ) -> Vec<Translation> {
        let mut found = Vec::new();
        for language in from.iter() {
            // (word index, key) of the words that are not stop words.
            let terms: Vec<(usize, String)> = query_words
                .iter()
                .enumerate()
                .filter_map(|(i, w)| word_key(analyses, w, language).map(|k| (i, k)))
                .collect();
            let mut i = 0;
            while i < terms.len() {
                let mut matched = 0;
                for len in (1..=self.longest().min(terms.len() - i)).rev() {
                    let key: Vec<String> =
                        terms[i..i + len].iter().map(|(_, k)| k.clone()).collect();
                    let targets = self.find(analyses, query_words[terms[i].0], &key, language);
                    if !targets.is_empty() {
                        let covered = terms[i].0..terms[i + len - 1].0 + 1;
                        for (text, confidence) in targets {
                            found.push(Translation {
                                words: covered.clone(),
                                from: language,
                                text,
                                source: "lexicon",
                                confidence,
                            });
                        }
                        matched = len;
                        break;
                    }
                }
                i += matched.max(1);
            }
        }
        found
    }
}

/// Spellings of a name in the other language's transliteration of Russian
/// (and similar): French `ou`, `ch`, `tch`, `j`, `ié`, `-ine`, `gu`, `ss`
/// against English `u`, `sh`, `ch`, `zh`, `ye`, `-in`, `g`, `s`. Every
/// combination of the rules that apply is returned (at most 64), the
/// spelling given excluded; the caller keeps those the index holds.
///
/// ```
/// use franglais_query::translate::transliterations;
/// use franglais_index::Language;
/// assert!(transliterations("Grouchko", Language::Fr).contains(&"grushko".to_string()));
/// assert!(transliterations("Serdioukov", Language::Fr).contains(&"serdyukov".to_string()));
/// assert!(transliterations("Eltsine", Language::Fr).contains(&"yeltsin".to_string()));
/// assert!(transliterations("Guerassimov", Language::Fr).contains(&"gerasimov".to_string()));
/// assert!(transliterations("Grushko", Language::En).contains(&"grouchko".to_string()));
/// assert!(transliterations("Yeltsin", Language::En).contains(&"eltsine".to_string()));
/// ```
pub fn transliterations(name: &str, from: Language) -> Vec<String> {
    // `from`'s respelling rules (`franglais_index::languages`).
    let rules = from.data().respellings;
    let word = franglais_index::analysis::normalize::fold(&name.to_lowercase()).into_owned();
    let mut spellings = vec![word.clone()];
    for (pattern, replacement) in rules {
        let mut next = Vec::new();
        for spelling in &spellings {
            if let Some(changed) = apply_rule(spelling, pattern, replacement) {
                next.push(changed);
            }
        }
        for spelling in next {
            if spellings.len() >= 64 {
                break;
            }
            if !spellings.contains(&spelling) {
                spellings.push(spelling);
            }
        }
    }
    spellings.retain(|s| *s != word);
    spellings
}

/// `word` with every occurrence of `pattern` replaced, or `None` if there
/// is none. A French `ch` that came from `tch` stays `ch`: rules apply to
/// the original letters only where they are not part of a longer match
/// already made.
fn apply_rule(word: &str, pattern: &str, replacement: &str) -> Option<String> {
    if let Some(p) = pattern.strip_prefix('^') {
        return word
            .strip_prefix(p)
            .map(|rest| format!("{replacement}{rest}"));
    }
    if let Some(p) = pattern.strip_suffix('$') {
        return word
            .strip_suffix(p)
            .map(|rest| format!("{rest}{replacement}"));
    }
    word.contains(pattern)
        .then(|| word.replace(pattern, replacement))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translate(lexicon: &str, words: &[&str]) -> Vec<(std::ops::Range<usize>, String)> {
        let analyzer = Analyzer::default();
        let translator = Translator::new(&analyzer, &Lexicon::parse(lexicon, "t").unwrap());
        translator
            .translate(&analyzer, words)
            .into_iter()
            .map(|t| (t.words, t.text))
            .collect()
    }

    #[test]
    fn phrases_translate_as_units_and_stop_words_do_not_count() {
        let lexicon = "partenariat pour la paix\tPartnership for Peace\npaix\tpeace\nguerre froide\tCold War\n";
        assert_eq!(
            translate(lexicon, &["Partenariat", "pour", "la", "paix"]),
            [(0..4, "Partnership for Peace".to_string())]
        );
        assert_eq!(
            translate(lexicon, &["la", "paix"]),
            [(1..2, "peace".to_string())]
        );
        // Both directions.
        assert_eq!(
            translate(lexicon, &["cold", "war"]),
            [(0..2, "guerre froide".to_string())]
        );
    }

    #[test]
    fn inflected_forms_match_the_entry() {
        let lexicon = "retrait\twithdrawal\nforce\tforce\n";
        assert_eq!(
            translate(lexicon, &["retraits"]),
            [(0..1, "withdrawal".to_string())]
        );
        assert_eq!(
            translate(lexicon, &["withdrawals"]),
            [(0..1, "retrait".to_string())]
        );
    }
}
