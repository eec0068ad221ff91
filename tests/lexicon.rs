//! End-to-end: the embedded lexicon, `franglais lexicon`, and confidence
//! in ranking.

mod common;

use common::*;
use franglais_index::Language;
use franglais_query::compiled_lexicon::{self, CompiledLexicon};
use franglais_query::lexicon::Lexicon;

/// Pairs in `lexicon-induced.tsv`, as `tools/lexicon/build.sh` last wrote
/// it: a rebuild that changes the count updates it here, on purpose.
const INDUCED_PAIRS: usize = 47472;

/// `(translation, confidence)` of `franglais lexicon ARGS`.
fn lexicon(args: &[&str]) -> (Vec<(String, f64)>, i32) {
    let mut all = vec!["lexicon", "--json"];
    all.extend_from_slice(args);
    let out = franglais(&root(), &all);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let mut found = Vec::new();
    for language in ["fr", "en"] {
        for entry in json[language].as_array().into_iter().flatten() {
            let text = entry["text"].as_str().unwrap().to_string();
            found.push((text, entry["confidence"].as_f64().unwrap()));
        }
    }
    (found, out.status.code().unwrap())
}

fn translations(args: &[&str]) -> Vec<String> {
    lexicon(args).0.into_iter().map(|(t, _)| t).collect()
}

#[test]
fn the_committed_lexicon_parses_and_has_its_entries() {
    let data = root().join("crates/query/data");
    let induced = Lexicon::from_file(&data.join("lexicon-induced.tsv")).unwrap();
    assert_eq!(induced.len(), INDUCED_PAIRS);
    assert!(compiled_lexicon::sources(&data).is_ok());
    // Entries per direction: a source key and one of its translations.
    let embedded = CompiledLexicon::embedded();
    for language in Language::ALL {
        let entries: usize = embedded
            .entries(language)
            .iter()
            .map(|(_, t)| t.len())
            .sum();
        assert!(entries >= 30_000, "{language:?}: {entries} entries");
    }
}

#[test]
fn everyday_words_have_translations_and_false_friends_none() {
    for (word, expected) in [
        ("jeu", "game"),
        ("graphique", "graphic"),
        ("Allemagne", "Germany"),
        ("Katmandou", "Kathmandu"),
        ("janvier", "January"),
    ] {
        let found = translations(&["--from", "fr", word]);
        assert!(found.iter().any(|t| t == expected), "{word}: {found:?}");
    }
    assert!(translations(&["--from", "en", "game"]).contains(&"jeu".to_string()));
    for (word, false_friend) in [
        ("actuellement", "actually"),
        ("librairie", "library"),
        ("éventuellement", "eventually"),
        ("commodité", "commodity"),
        ("évincer", "evince"),
    ] {
        let found = translations(&["--from", "fr", word]);
        assert!(
            !found.iter().any(|t| t == false_friend),
            "{word}: {found:?}"
        );
    }
    let (found, code) = lexicon(&["--from", "fr", "zzyzx"]);
    assert_eq!((found.len(), code), (0, 1));
}

/// A pair whose suffixes join two kinds of word past the stem they share
/// (`tools/lexicon/morphology.py`) counts under a third of a typed word.
#[test]
fn related_words_of_another_kind_count_little() {
    for (word, related) in [
        ("hibernent", "hibernation"),
        ("enrichi", "enrichment"),
        ("promulgation", "promulgate"),
    ] {
        let (found, _) = lexicon(&["--from", "fr", word]);
        let confidence = found.iter().find(|(t, _)| t == related).map(|(_, c)| *c);
        assert!(
            confidence.is_none_or(|c| c <= 0.3),
            "{word} → {related}: {confidence:?}"
        );
    }
}

#[test]
fn a_users_lexicon_takes_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.tsv");
    std::fs::write(&file, "jeu\tplay\t0.7\n").unwrap();
    let (found, code) = lexicon(&["--from", "fr", "--lexicon", file.to_str().unwrap(), "jeu"]);
    assert_eq!((found, code), (vec![("play".to_string(), 0.7)], 0));
}

/// A French query and two English documents, each holding one of the
/// query word's translations: the more confident translation ranks first.
fn ranked_with(lexicon: &str) -> Vec<String> {
    let corpus = corpus_of(&[
        ("a.txt", "Notes\n\nThe squabble among the allies went on for weeks after the summit in Brussels."),
        ("b.txt", "Notes\n\nThe quarrel among the allies went on for weeks after the summit in Brussels."),
        ("c.txt", "Notes\n\nLe sommet de Bruxelles a eu lieu sans incident."),
    ]);
    let (dir, index) = index_of(corpus.path());
    let file = dir.path().join("mine.tsv");
    std::fs::write(&file, lexicon).unwrap();
    let args = ["--lexicon", file.to_str().unwrap(), "--lang", "en"];
    ids(&search_json(&index, "bisbille", &args))
}

#[test]
fn a_confident_translation_ranks_above_a_doubtful_one() {
    assert_eq!(
        ranked_with("bisbille\tsquabble\t1\nbisbille\tquarrel\t0.3\n"),
        ["a", "b"]
    );
    assert_eq!(
        ranked_with("bisbille\tsquabble\t0.3\nbisbille\tquarrel\t1\n"),
        ["b", "a"]
    );
}
