//! Query text is analysed as document text: any word taken from a
//! document, with the punctuation that stands around it there, matches
//! that document as typed.

use std::collections::BTreeSet;
use std::path::Path;

use franglais_index::analysis::segment::{is_hyphen, words};
use franglais_index::indexer::{build_index, IndexOptions};
use franglais_index::{Analyzer, Language};
use franglais_query::{SearchOptions, Searcher};

/// Text written for this test: the punctuation news and reference text put
/// around words (colons, commas, question marks, guillemets, parentheses,
/// elisions, hyphenated compounds, dashes, ellipses, slashes, percent).
const DOCUMENTS: [(&str, &str); 3] = [
    (
        "wire.txt",
        "Kyiv (Reuters) — Yulia Tymoshenko, the former prime minister, said on Monday: \
         « Nous ne céderons pas. » Her party's vote-share rose to 31%… \
         Was it a turning-point? Analysts/commentators were unsure; \"time will tell\", one said.",
    ),
    (
        "sante.txt",
        "Hépatite : quand faut-il consulter un médecin ? L’hépatite C touche « des milliers » \
         de personnes (selon l'OMS). Les anti-viraux, pris tôt, guérissent 95 % des malades ; \
         d’autres traitements — plus anciens — restent utilisés. Contact : info@sante.example.",
    ),
    (
        "sport.txt",
        "Lukashenko-Opposition: 110-0. The hockey match ended at 22:30, after the \
         first-ever night game in Minsk. [Update] Fans' chants: \"Go, go, go!\" \
         Tickets cost $12.50 — (cheap!) — said the club's spokes-woman.",
    ),
];

/// What `--explain` calls a match of the word as typed.
const AS_TYPED: [&str; 2] = ["typed", "other language"];

fn searcher() -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    for (name, text) in DOCUMENTS {
        std::fs::write(corpus.join(name), text).expect("write");
    }
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    for entry in std::fs::read_dir(seeds).expect("seeds") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, corpus.join(path.file_name().expect("name"))).expect("copy");
    }
    let index = dir.path().join("index");
    build_index(&IndexOptions::new(vec![corpus], &index), |_| {}).expect("index");
    (dir, Searcher::open(&index).expect("open"))
}

/// Every whitespace-separated token of the document's text that holds a
/// letter or a digit, as it stands there, but those of boilerplate lines
/// (lines that another document has too: they are searched with a tenth
/// of the weight and never shown, see the README).
fn tokens(text: &str, boilerplate: &BTreeSet<String>) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !boilerplate.contains(l.trim()))
        .flat_map(str::split_whitespace)
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

/// The lines that stand in two documents or more.
fn shared_lines(texts: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut shared = BTreeSet::new();
    for text in texts {
        let lines: BTreeSet<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for line in lines {
            if !seen.insert(line.to_string()) {
                shared.insert(line.to_string());
            }
        }
    }
    shared
}

/// Whether a word of `token` is a query word: a stop word in neither
/// language (as the query's planner counts them).
fn has_content(analyzer: &Analyzer, token: &str) -> bool {
    words(token, 0).any(|w| {
        w.text.split(is_hyphen).any(|part| {
            Language::ALL
                .into_iter()
                .all(|l| !analyzer.word_terms(part, l).parts.is_empty())
        })
    })
}

#[test]
fn any_word_with_its_punctuation_matches_its_document_as_typed() {
    let (dir, searcher) = searcher();
    let options = SearchOptions::default()
        .with_limit(20)
        .with_explain(true)
        .with_translate(false);
    let analyzer = Analyzer::default();
    let mut checked = 0;
    let mut failures = Vec::new();
    let documents: Vec<(String, String)> = std::fs::read_dir(dir.path().join("corpus"))
        .expect("corpus")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let id = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            (id, std::fs::read_to_string(&path).expect("read"))
        })
        .collect();
    let texts: Vec<String> = documents.iter().map(|(_, t)| t.clone()).collect();
    let boilerplate = shared_lines(&texts);
    for (id, text) in &documents {
        for token in tokens(text, &boilerplate) {
            // Stop words alone are no query: nothing to match.
            if !has_content(&analyzer, &token) {
                continue;
            }
            let results = searcher.search(&token, &options).expect("search");
            checked += 1;
            let hit = results.hits.iter().find(|h| &h.id == id);
            // As typed: in either language's text (a word of a quotation
            // may be told the other language's), never as a typo or a
            // translation.
            let typed = hit.is_some_and(|h| {
                h.explain.as_ref().is_some_and(|e| {
                    !e.is_empty() && e.iter().all(|m| AS_TYPED.contains(&m.via.as_str()))
                })
            });
            // A word of many documents may rank below the 20 shown: then
            // it must at least match as typed in those shown.
            let shown_typed = hit.is_none()
                && results.hits.len() == 20
                && results.hits.iter().all(|h| {
                    h.explain
                        .as_ref()
                        .is_some_and(|e| e.iter().any(|m| AS_TYPED.contains(&m.via.as_str())))
                });
            if !typed && !shown_typed {
                failures.push(format!("{token:?} in {id}"));
            }
        }
    }
    assert!(checked > 500, "only {checked} tokens checked");
    assert!(
        failures.is_empty(),
        "{} of {checked}: {failures:?}",
        failures.len()
    );
}
