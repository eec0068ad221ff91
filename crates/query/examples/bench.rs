//! Benchmarks on the man-page corpus (`make-manpage-corpus OUT`):
//! indexing throughput, batch throughput with snippets, and the latency of
//! one query inside the library, using each page's NAME line as a query,
//! and as-you-type queries (the last word cut to 1-4 characters, prefix
//! search on).
//!
//!     cargo run --release -p franglais-query --example bench -- OUT [QUERIES] [INDEX]
//!
//! QUERIES (default 5000) NAME lines are cycled through if the corpus has
//! fewer. With INDEX, the index is kept there and updated rather than built
//! in a temporary folder, so that a second run (or a profiler) times the
//! search side alone. Figures depend on the machine: compare runs on the
//! same one.
use std::path::{Path, PathBuf};

// As the `franglais` binary does: a binary picks its allocator, and this
// one measures what the command does. With the system allocator, expect
// indexing and queries to take 15-20% more time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

use franglais_index::indexer::{build_index, IndexOptions};

#[path = "support/man_pages.rs"]
mod man_pages;
use franglais_query::{SearchOptions, Searcher};
use man_pages::name_lines;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(
        args.next()
            .ok_or("usage: bench MAN_CORPUS_DIR [QUERIES] [INDEX]")?,
    );
    let wanted: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(5000);
    let temporary = tempfile::tempdir()?;
    let index = args
        .next()
        .map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);

    let started = Instant::now();
    let summary = build_index(&IndexOptions::new(vec![corpus.clone()], &index), |_| {})?;
    let seconds = started.elapsed().as_secs_f64();
    if !summary.changed() {
        println!("index: {} documents, up to date", summary.documents);
    } else {
        println!(
            "index: {} documents, {:.1} MB in {:.2} s: {:.1} MB/s ({} threads)",
            summary.documents,
            summary.bytes as f64 / 1e6,
            seconds,
            summary.bytes as f64 / 1e6 / seconds,
            std::thread::available_parallelism().map_or(1, |n| n.get()),
        );
    }

    let names = name_lines(&corpus)?;
    let queries: Vec<String> = names.iter().cycle().take(wanted).cloned().collect();
    let options = SearchOptions::default();
    // Warm the page cache, not the searcher's own caches: the batch and the
    // latency runs each get a fresh searcher.
    Searcher::open(&index)?.search_batch(&queries[..queries.len().min(200)], &options);

    let searcher = Searcher::open(&index)?;
    let started = Instant::now();
    let results = searcher.search_batch(&queries, &options);
    let batch = started.elapsed();
    let hits: usize = results
        .iter()
        .map(|r| r.as_ref().map_or(0, |r| r.hits.len()))
        .sum();
    println!(
        "batch: {} queries ({} distinct NAME lines), {} hits with snippets, in {:.2} s: {:.0} queries/s",
        queries.len(),
        names.len(),
        hits,
        batch.as_secs_f64(),
        queries.len() as f64 / batch.as_secs_f64()
    );

    let searcher = Searcher::open(&index)?;
    let mut latencies: Vec<Duration> = queries
        .iter()
        .take(2000)
        .map(|q| {
            let t = Instant::now();
            let _ = searcher.search(q, &options);
            t.elapsed()
        })
        .collect();
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    println!(
        "latency (one thread, first 2,000 queries, 10 hits with snippets): median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms",
        at(0.5),
        at(0.9),
        at(0.99)
    );
    prefix_latency(&index, &names)?;
    Ok(())
}

/// Latency of as-you-type queries: from each NAME line's description, the
/// words before one word and the first 1 to 4 characters of it (`list
/// dir`), on a fresh searcher, one thread, 10 hits with snippets.
fn prefix_latency(index: &Path, names: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let searcher = Searcher::open(index)?;
    let options = SearchOptions::default().with_prefix(true);
    for chars in 1..=4 {
        let mut latencies: Vec<Duration> = Vec::new();
        for name in names.iter().take(1000) {
            let description = name.split_once(" - ").map_or(name.as_str(), |(_, d)| d);
            let words: Vec<&str> = description.split_whitespace().collect();
            // The second word cut short (the first when there is one).
            let at = words.len().min(2) - usize::from(!words.is_empty());
            let Some(word) = words.get(at) else { continue };
            let cut: String = word.chars().take(chars).collect();
            let query = words[..at]
                .iter()
                .copied()
                .chain([cut.as_str()])
                .collect::<Vec<_>>()
                .join(" ");
            let t = Instant::now();
            let _ = searcher.search(&query, &options);
            latencies.push(t.elapsed());
        }
        latencies.sort();
        let at =
            |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
        println!(
            "as you type, last word cut to {chars} character(s) ({} queries, --prefix): median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms",
            latencies.len(),
            at(0.5),
            at(0.9),
            at(0.99)
        );
    }
    Ok(())
}
