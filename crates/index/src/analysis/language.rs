//! Classification, the third stage: which language a segment is in.
//!
//! whatlang with its candidates restricted to French and English: restricting
//! the candidates is what makes sentence-level detection reliable (the field
//! notes: single-word accuracy is poor among 75 languages, and the
//! restriction helps a lot). A segment too short or too uncertain to tell is
//! [`SegmentLanguage::Both`] and goes through both chains, so that nothing
//! becomes unsearchable because of a wrong guess.

use whatlang::{Detector, Lang};

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
            detector: Detector::with_allowlist(vec![Lang::Fra, Lang::Eng]),
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
        match self.detector.detect(segment) {
            Some(info) if info.confidence() >= MIN_CONFIDENCE => match info.lang() {
                Lang::Fra => SegmentLanguage::One(Language::Fr),
                Lang::Eng => SegmentLanguage::One(Language::En),
                _ => SegmentLanguage::Both,
            },
            _ => SegmentLanguage::Both,
        }
    }
}
