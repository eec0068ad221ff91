//! Classification, the third stage: which language a segment is in.
//!
//! whatlang with its candidates restricted to French and English: restricting
//! the candidates is what makes sentence-level detection reliable (the field
//! notes: single-word accuracy is poor among 75 languages, and the
//! restriction helps a lot). A segment too short or too uncertain to tell is
//! [`SegmentLanguage::Both`] and goes through both chains, so that nothing
//! becomes unsearchable because of a wrong guess.
//!
//! Before whatlang, a segment that holds two or more function words of one
//! language and none of the other is taken as that language
//! ([`function_word_evidence`]): most sentences of running text are that
//! plain, and whatlang's trigram scoring was a third of indexing time.
//! Measured on the man pages (`examples/langdetect`), this settles most
//! sentences and changes the right/wrong rates by less than a point.

use whatlang::Detector;

use super::chain::Language;

/// Segments with fewer words than this are not classified.
pub const MIN_WORDS: usize = 3;

/// Only segments of this many words count towards a document's languages:
/// shorter ones (option lists, code, captions) are classified too
/// unreliably to say what language a document is in.
pub const MIN_SENTENCE_WORDS: usize = 6;

/// Below this whatlang confidence a segment goes to both chains.
pub const MIN_CONFIDENCE: f64 = 0.2;

/// The classification of one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentLanguage {
    /// One language, confidently.
    One(Language),
    /// Too short or too uncertain: analysed as both.
    Both,
}

/// Classifies segments as French, English or both.
#[derive(Debug, Clone)]
pub struct LanguageDetector {
    detector: Detector,
}

impl Default for LanguageDetector {
    fn default() -> Self {
        LanguageDetector {
            detector: Detector::with_allowlist(
                Language::ALL.iter().map(|l| l.data().whatlang).collect(),
            ),
        }
    }
}

impl LanguageDetector {
    /// Classifies `segment`, which has `word_count` words.
    ///
    /// ```
    /// use franglais_index::analysis::language::{LanguageDetector, SegmentLanguage};
    /// use franglais_index::Language;
    /// let d = LanguageDetector::default();
    /// let fr = "Les Russes menacent : faute d’accord, restera à développer les forces nucléaires";
    /// assert_eq!(d.detect(fr, 13), SegmentLanguage::One(Language::Fr));
    /// assert_eq!(d.detect("(credit: NATO)", 2), SegmentLanguage::Both);
    /// ```
    pub fn detect(&self, segment: &str, word_count: usize) -> SegmentLanguage {
        if word_count < MIN_WORDS {
            return SegmentLanguage::Both;
        }
        match function_word_evidence(segment) {
            Some(language) => SegmentLanguage::One(language),
            None => self.detect_with_whatlang(segment, word_count),
        }
    }

    /// [`Self::detect`] without the function-word shortcut: whatlang alone.
    pub fn detect_with_whatlang(&self, segment: &str, word_count: usize) -> SegmentLanguage {
        if word_count < MIN_WORDS {
            return SegmentLanguage::Both;
        }
        match self.detector.detect(segment) {
            Some(info) if info.confidence() >= MIN_CONFIDENCE => Language::ALL
                .into_iter()
                .find(|l| l.data().whatlang == info.lang())
                .map_or(SegmentLanguage::Both, SegmentLanguage::One),
            _ => SegmentLanguage::Both,
        }
    }
}

/// The language of `segment` when it holds at least two function words of
/// that language and none of the other; `None` otherwise.
///
/// ```
/// use franglais_index::analysis::language::function_word_evidence;
/// use franglais_index::Language;
/// let fr = "Les Russes menacent de développer les forces nucléaires";
/// assert_eq!(function_word_evidence(fr), Some(Language::Fr));
/// let en = "The divergence between NATO and Russia persists";
/// assert_eq!(function_word_evidence(en), Some(Language::En));
/// // Both languages, or too little: left to whatlang.
/// assert_eq!(function_word_evidence("Le bouclier, the shield, est là"), None);
/// assert_eq!(function_word_evidence("Rasmussen in Moscow"), None);
/// ```
pub fn function_word_evidence(segment: &str) -> Option<Language> {
    match function_word_counts(segment) {
        (2.., 0) => Some(Language::Fr),
        (0, 2..) => Some(Language::En),
        _ => None,
    }
}

/// How many French and English function words `text` holds.
///
/// ```
/// use franglais_index::analysis::language::function_word_counts;
/// assert_eq!(function_word_counts("lister le contenu d'un répertoire"), (1, 0));
/// assert_eq!(function_word_counts("list the contents of a directory"), (0, 2));
/// ```
pub fn function_word_counts(text: &str) -> (usize, usize) {
    let (mut french, mut english) = (0, 0);
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() || word.len() > 5 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let is = |l: Language| {
            l.data()
                .function_words
                .binary_search(&lower.as_str())
                .is_ok()
        };
        if is(Language::Fr) {
            french += 1;
        } else if is(Language::En) {
            english += 1;
        }
    }
    (french, english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_001_switches_language_sentence_by_sentence() {
        let path = crate::test_support::seed_corpus().join("001_2423e1d528b6a826.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let detector = LanguageDetector::default();
        let sentence = |start: &str| {
            let at = text.find(start).unwrap();
            let end = text[at..]
                .find(['.', '?', '!'])
                .map_or(text.len(), |e| at + e);
            text[at..end].to_string()
        };
        let count = |s: &str| s.split_whitespace().count();
        let french = sentence("Anders Fogh Rasmussen s’est");
        let english = sentence("We do not see Russia");
        assert_eq!(
            detector.detect(&french, count(&french)),
            SegmentLanguage::One(Language::Fr)
        );
        assert_eq!(
            detector.detect(&english, count(&english)),
            SegmentLanguage::One(Language::En)
        );
    }
}
