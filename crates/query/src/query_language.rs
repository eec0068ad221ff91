//! Which language a query's words are typed in.
//!
//! A match counts as *typed* only in text of the word's language; the same
//! stem in the other language's text is a cross-language match, ranked
//! like a translation (see [`crate::plan::rules`]). The language is told,
//! in this order:
//!
//! 1. by the query's function words (`le`, `des` against `the`, `of`): one
//!    language's and none of the other's settle every word;
//! 2. per word, by the index: how often the word's stem in each language
//!    stands in that language's text, per document of the language. A
//!    word seen [`CLEAR_RATIO`] times more often in one language's text is
//!    of that language; the words that are not clear take the language of
//!    the query as a whole (the same test on the sum of the words'
//!    evidence);
//! 3. otherwise (a lone name, a word the index does not hold, a cognate
//!    written alike in both) the word is of both languages, and matches as
//!    typed in either.

use crate::doc_freqs::DocFreqs;
use franglais_index::analysis::chain::LanguageSet;
use franglais_index::analysis::language::function_word_counts;
use franglais_index::{FranglaisIndex, Language};

use crate::word_terms::WordTermsCache;

/// How many times more often (per document of each language) a word must
/// stand in one language's text than in the other's to be of that
/// language.
pub const CLEAR_RATIO: f64 = 4.0;

/// The language of each of `words` (the query's plain words, stop words
/// included), as told from `query_text` and the index.
pub fn word_languages(
    query_text: &str,
    words: &[String],
    analyses: &mut WordTermsCache<'_>,
    index: &FranglaisIndex,
    freqs: &DocFreqs<'_>,
) -> Vec<LanguageSet> {
    if let Some(language) = told_by_function_words(query_text) {
        return vec![LanguageSet::of(language); words.len()];
    }
    let documents = documents_per_language(index, freqs);
    let evidence: Vec<f64> = words
        .iter()
        .map(|w| word_evidence(w, analyses, index, freqs, documents))
        .collect();
    let query = told_by_evidence(evidence.iter().sum());
    evidence
        .into_iter()
        .map(|e| match told_by_evidence(e).or(query) {
            Some(language) => LanguageSet::of(language),
            None => LanguageSet::ALL,
        })
        .collect()
}

/// The language of a query with function words of one language only.
///
/// ```
/// use franglais_query::query_language::told_by_function_words;
/// use franglais_index::Language;
/// assert_eq!(told_by_function_words("lister le contenu d'un répertoire"), Some(Language::Fr));
/// assert_eq!(told_by_function_words("list directory contents"), None);
/// assert_eq!(told_by_function_words("le bouclier, the shield"), None);
/// ```
pub fn told_by_function_words(query_text: &str) -> Option<Language> {
    match function_word_counts(query_text) {
        (1.., 0) => Some(Language::Fr),
        (0, 1..) => Some(Language::En),
        _ => None,
    }
}

/// The language a log ratio of French to English evidence points to.
fn told_by_evidence(log_ratio: f64) -> Option<Language> {
    let clear = CLEAR_RATIO.ln();
    if log_ratio >= clear {
        Some(Language::Fr)
    } else if log_ratio <= -clear {
        Some(Language::En)
    } else {
        None
    }
}

/// Documents with text in each language, French then English.
fn documents_per_language(index: &FranglaisIndex, freqs: &DocFreqs<'_>) -> [u64; 2] {
    Language::ALL.map(|l| freqs.get(index.fields.langs, l.code()))
}

/// ln of how much more often `word` stands in French text than in English
/// text (body or title), each per document of the language; 0 for a stop
/// word or a word in neither. Each count is smoothed by the language's
/// share of the documents, so that a rare word in an unbalanced index
/// (eight French documents, one English) leans to neither language for
/// being absent from the smaller one.
fn word_evidence(
    word: &str,
    analyses: &mut WordTermsCache<'_>,
    index: &FranglaisIndex,
    freqs: &DocFreqs<'_>,
    documents: [u64; 2],
) -> f64 {
    let mut counts = [0u64; 2];
    for language in Language::ALL {
        let Some((_, term)) = analyses.terms(word, language).parts.first().cloned() else {
            return 0.0;
        };
        counts[language.ordinal()] = freqs.max_in(&index.fields.text_of(language), &term);
    }
    evidence(counts, documents)
}

/// ln of the ratio of French to English rates, `freqs` documents holding
/// a word among `documents` of each language (French, English).
fn evidence(freqs: [u64; 2], documents: [u64; 2]) -> f64 {
    if freqs == [0, 0] {
        return 0.0;
    }
    let all = (documents[0] + documents[1]).max(1) as f64;
    let rate = |l: usize| {
        let share = documents[l] as f64 / all;
        (freqs[l] as f64 + share) / (documents[l] as f64 + 1.0)
    };
    (rate(0) / rate(1)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use franglais_index::indexer::{build_index, IndexOptions};

    #[test]
    fn evidence_follows_the_rates_not_the_sizes_of_the_languages() {
        // Absent from both: no evidence, however unbalanced the index.
        assert_eq!(evidence([0, 0], [8, 1]), 0.0);
        // Seen once among eight French documents, not in the one English
        // one: not enough to tell.
        assert!(told_by_evidence(evidence([1, 0], [8, 1])).is_none());
        // In most French documents and no English one: French.
        assert_eq!(
            told_by_evidence(evidence([40, 0], [50, 50])),
            Some(Language::Fr)
        );
        assert_eq!(
            told_by_evidence(evidence([0, 40], [50, 50])),
            Some(Language::En)
        );
    }

    #[test]
    fn words_are_told_by_function_words_then_by_the_index() {
        let corpus = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        for i in 0..4 {
            std::fs::write(
                corpus.path().join(format!("fr{i}.txt")),
                "Répertoire\n\nCette commande affiche le contenu du répertoire courant avec ses fichiers.",
            )
            .unwrap();
            std::fs::write(
                corpus.path().join(format!("en{i}.txt")),
                "Directory\n\nThis command shows the contents of the current directory with its files.",
            )
            .unwrap();
        }
        build_index(
            &IndexOptions::new(vec![corpus.path().into()], dir.path()),
            |_| {},
        )
        .unwrap();
        let index = franglais_index::open_index(dir.path()).unwrap();
        let searcher = index.index.reader().unwrap().searcher();
        let mut analyses = WordTermsCache::new(&index.analyzer);
        let mut languages = |query: &str| {
            let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
            word_languages(
                query,
                &words,
                &mut analyses,
                &index,
                &DocFreqs::new(&searcher),
            )
        };
        let fr = LanguageSet::of(Language::Fr);
        let en = LanguageSet::of(Language::En);
        // `répertoire` stands in French text only, `directory` in English.
        assert_eq!(languages("répertoire directory"), [fr, en]);
        // `Rasmussen` is in neither: the query's other words decide.
        assert_eq!(languages("contenu Rasmussen"), [fr, fr]);
        assert_eq!(languages("Rasmussen"), [LanguageSet::ALL]);
        // A function word settles all.
        assert_eq!(languages("directory le"), [fr, fr]);
    }
}
