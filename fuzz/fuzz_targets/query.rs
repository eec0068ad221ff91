//! Any string is a query: parsing, planning, searching and snippets must
//! never panic. Runs against an index of the seed articles, built once.
#![no_main]

use std::sync::OnceLock;

use franglais_query::{SearchOptions, Searcher};
use libfuzzer_sys::fuzz_target;

fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<(tempfile::TempDir, Searcher)> = OnceLock::new();
    &SEARCHER
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
            let options = franglais_index::indexer::IndexOptions::new(vec![corpus], dir.path());
            franglais_index::indexer::build_index(&options, |_| {}).expect("seed index");
            let searcher = Searcher::open(dir.path()).expect("open");
            (dir, searcher)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let _ = franglais_query::syntax::parse(&query);
    let options = SearchOptions::default().with_snippet_chars(1 + data.len() % 200);
    let results = searcher()
        .search(&query, &options)
        .expect("a query is never an error");
    for hit in results.hits {
        let chars = hit.snippet.text.chars().count();
        for [start, end] in hit.snippet.highlights {
            assert!(start < end && end <= chars, "highlight out of the snippet");
        }
    }
});
