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

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::analysis::normalize::{fold, normalize_word};
use franglais_index::analysis::segment::words;
use franglais_index::{Analyzer, Language};

use crate::word_terms::WordTermsCache;

/// The default lexicon, embedded at build time (see `data/README.md`).
pub const DEFAULT_LEXICON: &str = include_str!("../data/lexicon-fr-en.tsv");

/// A lexicon line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {reason}; expected `french<TAB>english`")]
pub struct LexiconError {
    /// The file (or `default lexicon`).
    pub source_name: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// French ↔ English pairs of words or phrases.
///
/// The format: one pair per line, French, a tab, English; `#` starts a
/// comment; blank lines are ignored. A word with several translations takes
/// several lines.
///
/// ```
/// use franglais_query::translate::Lexicon;
/// let lexicon = Lexicon::parse("# défense\nguerre froide\tCold War\n", "mine.tsv").unwrap();
/// assert_eq!(lexicon.len(), 1);
/// assert!(Lexicon::parse("no tab here", "mine.tsv").unwrap_err().to_string().contains("mine.tsv:1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pairs: Vec<(String, String)>,
}

impl Lexicon {
    /// The embedded default lexicon.
    pub fn embedded() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON, "default lexicon").unwrap_or_default()
    }

    /// Parses lexicon text; `source_name` names it in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Lexicon, LexiconError> {
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let error = |reason: &str| LexiconError {
                source_name: source_name.to_string(),
                line: i + 1,
                reason: reason.to_string(),
            };
            let mut fields = content.split('\t').map(str::trim);
            match (fields.next(), fields.next(), fields.next()) {
                (Some(fr), Some(en), None) if !fr.is_empty() && !en.is_empty() => {
                    pairs.push((fr.to_string(), en.to_string()));
                }
                (_, _, Some(_)) => return Err(error("more than two tab-separated fields")),
                _ => return Err(error("a French and an English side are needed")),
            }
        }
        Ok(Lexicon { pairs })
    }

    /// Reads a lexicon file.
    pub fn from_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
            source_name: name.clone(),
            line: 0,
            reason: e.to_string(),
        })?;
        Lexicon::parse(&text, &name)
    }

    /// Adds the pairs of `other`.
    pub fn extend(&mut self, other: Lexicon) {
        self.pairs.extend(other.pairs);
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// One translation found in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl fmt::Display for Translation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.text, self.source)
    }
}

/// A lexicon ready for matching queries.
#[derive(Debug, Clone, Default)]
pub struct Translator {
    /// Per source language (French, English): analysed key → translations.
    keys: [HashMap<Vec<String>, Vec<String>>; 2],
    longest: usize,
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

impl Translator {
    /// Indexes `lexicon` with `analyzer`'s chains.
    pub fn new(analyzer: &Analyzer, lexicon: &Lexicon) -> Translator {
        let mut translator = Translator::default();
        let mut analyses = WordTermsCache::new(analyzer);
        for (fr, en) in &lexicon.pairs {
            for (source, target, language) in [(fr, en, Language::Fr), (en, fr, Language::En)] {
                let key: Vec<String> = words(source, 0)
                    .filter_map(|w| word_key(&mut analyses, w.text, language))
                    .collect();
                if key.is_empty() {
                    continue;
                }
                translator.longest = translator.longest.max(key.len());
                let targets = translator.keys[language.ordinal()].entry(key).or_default();
                if !targets.contains(target) {
                    targets.push(target.clone());
                }
            }
        }
        translator
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
            let keys = &self.keys[language.ordinal()];
            // (word index, key) of the words that are not stop words.
            let terms: Vec<(usize, String)> = query_words
                .iter()
                .enumerate()
                .filter_map(|(i, w)| word_key(analyses, w, language).map(|k| (i, k)))
                .collect();
            let mut i = 0;
            while i < terms.len() {
                let mut matched = 0;
                for len in (1..=self.longest.min(terms.len() - i)).rev() {
                    let key: Vec<String> =
                        terms[i..i + len].iter().map(|(_, k)| k.clone()).collect();
                    if let Some(targets) = keys.get(&key) {
                        let covered = terms[i].0..terms[i + len - 1].0 + 1;
                        for text in targets {
                            found.push(Translation {
                                words: covered.clone(),
                                from: language,
                                text: text.clone(),
                                source: "lexicon",
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

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::parse("ok\tok\n\ta\tb\tc\n", "mine.tsv").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().contains("mine.tsv:2"));
    }

    #[test]
    fn the_embedded_lexicon_parses() {
        let lexicon = Lexicon::parse(DEFAULT_LEXICON, "default").unwrap();
        assert!(lexicon.len() > 300, "{}", lexicon.len());
    }
}
