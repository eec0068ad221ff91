//! [`WordTermsCache`]: each query word analysed once per language and query.
//!
//! Building a query looks at a word several times (its terms, whether it is
//! a stop word, its lexicon key, how common it is as a name); analysing it
//! each time was a third of query building.

use std::collections::HashMap;

use franglais_index::analysis::WordTerms;
use franglais_index::{Analyzer, Language};

/// [`Analyzer::word_terms`], remembered.
///
/// ```
/// use franglais_index::{Analyzer, Language};
/// use franglais_query::word_terms::WordTermsCache;
/// let analyzer = Analyzer::default();
/// let mut words = WordTermsCache::new(&analyzer);
/// let terms = words.terms("l’anti-missiles", Language::Fr).clone();
/// assert_eq!(terms, analyzer.word_terms("l’anti-missiles", Language::Fr));
/// ```
#[derive(Debug)]
pub struct WordTermsCache<'a> {
    analyzer: &'a Analyzer,
    terms: HashMap<(String, Language), WordTerms>,
}

impl<'a> WordTermsCache<'a> {
    /// An empty cache over `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> WordTermsCache<'a> {
        WordTermsCache {
            analyzer,
            terms: HashMap::new(),
        }
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &'a Analyzer {
        self.analyzer
    }

    /// The terms of `word` in `language`.
    pub fn terms(&mut self, word: &str, language: Language) -> &WordTerms {
        let analyzer = self.analyzer;
        self.terms
            .entry((word.to_string(), language))
            .or_insert_with(|| analyzer.word_terms(word, language))
    }
}
