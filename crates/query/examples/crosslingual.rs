//! Cross-lingual retrieval on the man-page parallel corpus
//! (`make-manpage-corpus OUT`): each page's NAME line is the query; the
//! target is the same page in the other language, with results restricted
//! to that language (`--lang`). Reports the mean reciprocal rank (rank
//! counted in the first 100 hits, 0 beyond), and the monolingual figure
//! (the page itself, in its own language) for comparison.
//!
//!     cargo run --release -p franglais-query --example crosslingual -- OUT
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use franglais_index::indexer::{build_index, IndexOptions};
use franglais_index::Language;
use franglais_query::{SearchOptions, Searcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: crosslingual MAN_CORPUS_DIR")?,
    );
    let index = tempfile::tempdir()?;
    build_index(
        &IndexOptions::new(vec![corpus.clone()], index.path()),
        |_| {},
    )?;
    let searcher = Searcher::open(index.path())?;
    let fr = name_lines(&corpus.join("fr"));
    let en = name_lines(&corpus.join("en"));
    let pairs: Vec<&String> = fr.keys().filter(|page| en.contains_key(*page)).collect();
    println!("{} page pairs", pairs.len());
    let mrr = |queries: &BTreeMap<String, String>, target_dir: &str, lang: Language| -> f64 {
        let options = SearchOptions::default()
            .with_limit(100)
            .with_lang(Some(lang))
            .with_snippet_chars(20);
        let mut total = 0.0;
        for page in &pairs {
            let results = searcher.search(&queries[*page], &options).expect("search");
            let target = format!("{target_dir}/{page}");
            if let Some(rank) = results.hits.iter().position(|h| h.id == target) {
                total += 1.0 / (rank + 1) as f64;
            }
        }
        total / pairs.len() as f64
    };
    println!("FR -> EN: MRR {:.3}", mrr(&fr, "en", Language::En));
    println!("EN -> FR: MRR {:.3}", mrr(&en, "fr", Language::Fr));
    println!("FR -> FR: MRR {:.3}", mrr(&fr, "fr", Language::Fr));
    println!("EN -> EN: MRR {:.3}", mrr(&en, "en", Language::En));
    Ok(())
}

/// Page name (`ls.1`) → the line after its `NAME` / `NOM` header.
fn name_lines(dir: &Path) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut lines = text.lines();
        if lines
            .by_ref()
            .any(|l| l.trim() == "NAME" || l.trim() == "NOM")
        {
            if let (Some(name), Some(stem)) =
                (lines.find(|l| !l.trim().is_empty()), path.file_stem())
            {
                names.insert(stem.to_string_lossy().into_owned(), name.trim().to_string());
            }
        }
    }
    names
}
