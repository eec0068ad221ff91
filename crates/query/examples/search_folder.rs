//! Builds an index from a folder of articles and searches it: the library
//! in a few lines.
//!
//!     cargo run -p franglais-query --example search_folder -- corpus "bouclier anti-missiles"
use franglais_index::indexer::{build_index, IndexOptions};
use franglais_query::{SearchOptions, Searcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let folder = args.next().unwrap_or_else(|| "corpus".into());
    let query = args
        .next()
        .unwrap_or_else(|| "bouclier anti-missiles".into());

    let index = tempfile::tempdir()?;
    let summary = build_index(
        &IndexOptions::new(vec![folder.into()], index.path()),
        |_| {},
    )?;
    println!("indexed {} documents", summary.documents);

    let searcher = Searcher::open(index.path())?;
    for hit in searcher.search(&query, &SearchOptions::default())?.hits {
        println!(
            "{:>8.1}  {}  {}\n          {}",
            hit.score, hit.id, hit.title, hit.snippet.text
        );
    }
    Ok(())
}
