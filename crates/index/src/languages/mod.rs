//! What franglais knows of each language, one module per language: its
//! stop words, function words, stemmer, whatlang code, month names,
//! elisions and the rules that respell its names in the other language.
//! The analysis stages and the query side read it from here; a third
//! language would be one more module and an entry in [`Language`].

mod en;
mod fr;

use rust_stemmers::Algorithm;
use whatlang::Lang;

use crate::analysis::chain::Language;

/// One language's data.
#[derive(Debug)]
pub struct LanguageData {
    /// Snowball stemmer.
    pub stemmer: Algorithm,
    /// whatlang's code, for detection restricted to franglais' languages.
    pub whatlang: Lang,
    /// Function words only (content words that are also frequent, like
    /// French `été` or English `will`, are not stop words), sorted.
    pub stop_words: &'static [&'static str],
    /// Function words spelt like no word of the other language, sorted:
    /// they tell a sentence's or a query's language.
    pub function_words: &'static [&'static str],
    /// Month names and abbreviations, accents folded, with their number.
    pub months: &'static [(&'static str, u32)],
    /// Words elided before an apostrophe (`l’`, `qu’`), stripped in every
    /// language's text (elisions turn up in quotations too).
    pub elisions: &'static [&'static str],
    /// How a name spelt in this language is respelt in the other:
    /// `(pattern, replacement)`, `^` anchoring at the start, `$` at the end
    /// (French `ou`, `tch`, `-ine` against English `u`, `ch`, `-in`).
    pub respellings: &'static [(&'static str, &'static str)],
}

impl Language {
    /// This language's data.
    ///
    /// ```
    /// use franglais_index::Language;
    /// assert!(Language::Fr.data().stop_words.contains(&"les"));
    /// assert!(Language::En.data().months.contains(&("june", 6)));
    /// ```
    pub fn data(self) -> &'static LanguageData {
        match self {
            Language::Fr => &fr::FRENCH,
            Language::En => &en::ENGLISH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_and_function_words_disjoint() {
        for language in Language::ALL {
            let data = language.data();
            for list in [data.stop_words, data.function_words] {
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{language}: {list:?}");
            }
        }
        let (fr, en) = (Language::Fr.data(), Language::En.data());
        assert!(fr
            .function_words
            .iter()
            .all(|w| !en.function_words.contains(w)));
    }
}
