//! `franglais search`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use franglais_index::indexer::IndexOptions;
use franglais_index::schema::index_exists;
use franglais_index::Language;
use franglais_query::translate::Lexicon;
use franglais_query::{SearchOptions, SearchResults, Searcher, DEFAULT_LIMIT};

use crate::index_cmd::index_with_progress;
use crate::{default_path, DEFAULT_CORPUS, DEFAULT_INDEX};

/// Exit code of a search that found nothing (as grep and ripgrep do).
const EXIT_NO_HITS: u8 = 1;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Lang {
    Fr,
    En,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "exact phrases", -excluded, a OR b, title:word
    #[arg(
        required_unless_present = "batch",
        conflicts_with = "batch",
        allow_hyphen_values = true
    )]
    query: Option<String>,
    /// Index folder; the default one is built from ./corpus on first use
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
    /// Number of hits
    #[arg(long, short = 'n', value_name = "N", default_value_t = DEFAULT_LIMIT)]
    limit: usize,
    /// Hits to skip (paging)
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    /// Keep documents that contain text in this language
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Snippet length in characters (20 at least)
    #[arg(long, value_name = "N", default_value_t = franglais_query::snippet::DEFAULT_SNIPPET_CHARS)]
    snippet_chars: usize,
    /// Show, for each hit, how each query word matched (typed, typo,
    /// translation) and the words found
    #[arg(long)]
    explain: bool,
    /// Do not also search the query's translation in the other language
    #[arg(long)]
    no_translate: bool,
    /// Add a French<TAB>English lexicon to the built-in one (repeatable)
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Read one query per line from FILE (- for standard input) and print
    /// one JSON object per line, in input order
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
}

pub fn run(args: &SearchArgs) -> Result<ExitCode> {
    let index = open_or_build(args)?;
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        lang: args.lang.map(|l| match l {
            Lang::Fr => Language::Fr,
            Lang::En => Language::En,
        }),
        snippet_chars: args.snippet_chars,
        translate: !args.no_translate,
        explain: args.explain,
    };
    if let Some(batch) = &args.batch {
        return run_batch(&index, batch, &options);
    }
    let query = args.query.as_deref().unwrap_or_default();
    let results = index.search(query, &options)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string(&results)?)?,
        Format::Text => print_text(&mut out, &results, options.offset, use_colour())?,
    }
    out.flush()?;
    // As grep: 1 when nothing matches, not when `--limit 0` or a page past
    // the end shows nothing of what matched.
    Ok(if results.total_hits == 0 {
        ExitCode::from(EXIT_NO_HITS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens the index; the default `index/` is built from `corpus/` the first
/// time, so that a fresh clone answers its first search.
fn open_or_build(args: &SearchArgs) -> Result<Searcher> {
    let path = args
        .index
        .clone()
        .unwrap_or_else(|| default_path(DEFAULT_INDEX));
    let corpus = default_path(DEFAULT_CORPUS);
    if args.index.is_none() && !index_exists(&path) && corpus.is_dir() {
        eprintln!(
            "franglais: no index yet; building {} from {} (first use)",
            path.display(),
            corpus.display()
        );
        index_with_progress(&IndexOptions::new(vec![corpus], &path), false)?;
    }
    let mut searcher = Searcher::open(&path)?;
    for file in &args.lexicon {
        searcher.add_lexicon(Lexicon::from_file(file)?);
    }
    Ok(searcher)
}

fn run_batch(index: &Searcher, batch: &PathBuf, options: &SearchOptions) -> Result<ExitCode> {
    let input: Box<dyn Read> = if batch.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            File::open(batch)
                .with_context(|| format!("cannot read batch file {}", batch.display()))?,
        )
    };
    let mut queries = Vec::new();
    let mut reader = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("reading batch {}", batch.display()))?;
        if read == 0 {
            break;
        }
        // A line that is not UTF-8 is still a query, with its bad bytes replaced.
        let query = String::from_utf8_lossy(&line);
        queries.push(query.trim_end_matches(['\n', '\r']).to_string());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for result in index.search_batch(&queries, options) {
        writeln!(out, "{}", serde_json::to_string(&result?)?)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Colour on a terminal unless `NO_COLOR` is set (https://no-color.org).
fn use_colour() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn print_text(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    colour: bool,
) -> Result<()> {
    let paint = |style: &str, text: &str| {
        if colour {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    if results.total_hits == 0 {
        writeln!(out, "no hits for {:?}", results.query)?;
        return Ok(());
    }
    if results.hits.is_empty() {
        writeln!(
            out,
            "{} hits for {:?}, none on this page (offset {offset})",
            results.total_hits, results.query
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} hits for {:?}, showing {}-{} ({} ms)",
        results.total_hits,
        results.query,
        offset + 1,
        offset + results.hits.len(),
        results.took_ms
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{:>3}. {}", offset + i + 1, paint(BOLD, &hit.title))?;
        let mut meta = vec![hit.id.clone()];
        if let Some(date) = &hit.date {
            meta.push(date.clone());
        }
        if !hit.langs.is_empty() {
            meta.push(hit.langs.join(", "));
        }
        meta.push(format!("score {:.1}", hit.score));
        writeln!(out, "     {}", paint(DIM, &meta.join(" · ")))?;
        writeln!(
            out,
            "     {}",
            highlight(&hit.snippet.text, &hit.snippet.highlights, colour)
        )?;
        for m in hit.explain.iter().flatten() {
            let words = if m.matched.is_empty() {
                "(title or boilerplate)".to_string()
            } else {
                m.matched.join(", ")
            };
            writeln!(
                out,
                "       {} [{}]: {}",
                m.query,
                m.via,
                paint(DIM, &words)
            )?;
        }
    }
    Ok(())
}

/// The snippet with its highlights in colour.
fn highlight(text: &str, highlights: &[[usize; 2]], colour: bool) -> String {
    if !colour {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + highlights.len() * 12);
    let mut inside = false;
    for (i, c) in text.chars().enumerate() {
        let starts = highlights.iter().any(|h| h[0] == i);
        let ends = highlights.iter().any(|h| h[1] == i);
        if inside && ends {
            out.push_str(RESET);
            inside = false;
        }
        if starts {
            out.push_str(HIGHLIGHT);
            inside = true;
        }
        out.push(c);
    }
    if inside {
        out.push_str(RESET);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_wraps_character_ranges() {
        let coloured = highlight("la défense", &[[3, 10]], true);
        assert_eq!(coloured, format!("la {HIGHLIGHT}défense{RESET}"));
        assert_eq!(highlight("la défense", &[[3, 10]], false), "la défense");
    }

    #[test]
    fn unknown_batch_file_is_named() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("c");
        std::fs::create_dir(&corpus)?;
        std::fs::write(corpus.join("a.txt"), "Titre\n\nTexte")?;
        let index = dir.path().join("i");
        franglais_index::indexer::build_index(&IndexOptions::new(vec![corpus], &index), |_| {})?;
        let searcher = Searcher::open(&index)?;
        let missing = dir.path().join("nope.txt");
        let err = run_batch(&searcher, &missing, &SearchOptions::default()).unwrap_err();
        assert!(format!("{err:#}").contains("nope.txt"));
        Ok(())
    }
}
