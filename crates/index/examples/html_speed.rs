//! Times the HTML extraction (`html::read_page`: decoding, html5ever
//! parsing, Readability, metadata) over the `.html`/`.htm` pages of a
//! folder, each read `ROUNDS` times:
//!
//!     cargo run --release -p franglais-index --example html_speed -- tests/pages
use std::time::Instant;

use franglais_index::html::read_page;

const ROUNDS: usize = 200;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: html_speed FOLDER")?;
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html" || e == "htm") {
            pages.push(std::fs::read(&path)?);
        }
    }
    let bytes: usize = pages.iter().map(Vec::len).sum::<usize>() * ROUNDS;
    let started = Instant::now();
    let mut text = 0;
    for _ in 0..ROUNDS {
        for page in &pages {
            text += read_page(page).map_or(0, |p| p.text.len());
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} pages, {:.1} MB of HTML in {seconds:.2} s: {:.0} pages/s, {:.1} MB/s ({:.1} MB of text kept)",
        pages.len() * ROUNDS,
        bytes as f64 / 1e6,
        (pages.len() * ROUNDS) as f64 / seconds,
        bytes as f64 / 1e6 / seconds,
        text as f64 / 1e6
    );
    Ok(())
}
