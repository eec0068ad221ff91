//! Prints each document's id and title as indexing would extract them, one
//! `id<TAB>title` line per document, to look at titles on a real corpus
//! (issue 12 counted bad ones on the man pages with it):
//!
//!     cargo run --release -p franglais-index --example titles -- /path/to/man > titles.tsv
use std::path::PathBuf;

use franglais_index::boilerplate::LineCounter;
use franglais_index::corpus::read_corpus;
use franglais_index::document::extract;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        return Err("usage: titles CORPUS_DIR...".into());
    }
    let corpus = read_corpus(&roots)?;
    let mut counter = LineCounter::default();
    corpus
        .documents
        .iter()
        .for_each(|d| counter.add_document(&d.text));
    let boilerplate = counter.finish();
    for doc in &corpus.documents {
        let extracted = extract(doc, &boilerplate);
        println!("{}\t{}", doc.id, extracted.title);
    }
    Ok(())
}
