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
use franglais_query::snippet::MIN_SNIPPET_CHARS;
use franglais_query::translate::Lexicon;
use franglais_query::{SearchOptions, SearchResults, Searcher, DEFAULT_LIMIT};

use crate::index_cmd::index_with_progress;
use crate::printer::{Output, Printer};
use crate::{default_path, DEFAULT_CORPUS, DEFAULT_INDEX, EXIT_ERROR};

/// Exit code of a search that found nothing (as grep and ripgrep do).
const EXIT_NO_HITS: u8 = 1;

/// Queries of a batch answered per round: the answers held in memory stay
/// bounded however long the batch, and the first ones are out while later
/// ones are searched.
const BATCH_ROUND: usize = 1024;

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

/// When to colour the output.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    /// Even when piped, and whatever NO_COLOR says
    Always,
    /// Never, even on a terminal
    Never,
}

const SEARCH_EXAMPLES: &str = "\
Examples:
  franglais search bouclier anti-missiles
  franglais search -n 3 --lang en NATO Russia
  franglais search '\"mot de passe\"' title:Otan
  franglais search -- OTAN -Ukraine        (after --, -word excludes a word)
  franglais search --ids Stoltenberg | head -1
  franglais search --batch queries.txt > answers.jsonl

Exit status: 0 when something matched, 1 when nothing did, 2 on an error.";

#[derive(Args, Debug)]
#[command(after_help = SEARCH_EXAMPLES)]
pub struct SearchArgs {
    /// The query: words (several are one query, no quotes needed), "exact
    /// phrases", a OR b, title:word; -word excludes a word (after --, so
    /// that it is not read as an option)
    #[arg(
        value_name = "QUERY",
        required_unless_present = "batch",
        conflicts_with = "batch"
    )]
    query: Vec<String>,
    /// Index folder; the default one is built from ./corpus on first use
    #[arg(long, value_name = "DIR", env = "FRANGLAIS_INDEX")]
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
    /// Output format [default: text, json with --batch]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Print JSON (same as --format json)
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Print only the ids of the hits, one per line
    #[arg(long, conflicts_with_all = ["format", "json", "explain"])]
    ids: bool,
    /// Print nothing; the exit status says whether anything matched
    #[arg(long, short, conflicts_with_all = ["format", "json", "ids", "explain"])]
    quiet: bool,
    /// When to colour matches, titles and metadata
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = Colour::Auto)]
    color: Colour,
    /// Snippet length in characters (20 at least)
    #[arg(
        long,
        value_name = "N",
        default_value_t = franglais_query::snippet::DEFAULT_SNIPPET_CHARS,
        value_parser = snippet_chars
    )]
    snippet_chars: usize,
    /// Show, for each hit, how each query word matched (typed, typo,
    /// translation) and the words found
    #[arg(long)]
    explain: bool,
    /// Do not also search the query's translation in the other language
    #[arg(long)]
    no_translate: bool,
    /// Add a French<TAB>English[<TAB>confidence] lexicon to the built-in
    /// one (repeatable); its entries take precedence
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Read one query per line from FILE (- for standard input) and answer
    /// each, in input order (JSON lines unless --format text)
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
}

/// `--snippet-chars`: a number, at least the library's minimum.
fn snippet_chars(value: &str) -> Result<usize, String> {
    let n: usize = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number of characters"))?;
    if n < MIN_SNIPPET_CHARS {
        return Err(format!(
            "{n} is too short: snippets are {MIN_SNIPPET_CHARS} characters at least"
        ));
    }
    Ok(n)
}

impl SearchArgs {
    /// What to print, from --format, --json, --ids, -q and --batch.
    fn printer(&self) -> Printer {
        let output = if self.quiet {
            Output::Quiet
        } else if self.ids {
            Output::Ids
        } else {
            match (self.format, self.json) {
                (_, true) | (Some(Format::Json), _) => Output::Json,
                (Some(Format::Text), _) => Output::Text,
                (None, _) if self.batch.is_some() => Output::Json,
                (None, _) => Output::Text,
            }
        };
        let colour = output == Output::Text && use_colour(self.color);
        Printer { output, colour }
    }
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
    let printer = args.printer();
    if let Some(batch) = &args.batch {
        return run_batch(&index, batch, &options, printer);
    }
    // Several words are one query, as in a search box.
    let query = args.query.join(" ");
    let results = index.search(&query, &options)?;
    let mut out = BufWriter::new(io::stdout().lock());
    printer.results(&mut out, &results, options.offset)?;
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
        index_with_progress(&mut IndexOptions::new(vec![corpus], &path), false)?;
    }
    let mut searcher = Searcher::open(&path)?;
    for file in &args.lexicon {
        searcher.add_lexicon(Lexicon::from_file(file)?);
    }
    Ok(searcher)
}

fn run_batch(
    index: &Searcher,
    batch: &PathBuf,
    options: &SearchOptions,
    printer: Printer,
) -> Result<ExitCode> {
    let input: Box<dyn Read> = if batch.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            File::open(batch)
                .with_context(|| format!("cannot read batch file {}", batch.display()))?,
        )
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let input = BufReader::new(input);
    let failed = answer_batch(index, input, &mut out, options, printer, BATCH_ROUND)
        .with_context(|| format!("batch {}", batch.display()))?;
    out.flush()?;
    if let Some(first) = &failed.first {
        eprintln!(
            "franglais: {} {} of the batch failed (each has an \"error\" line); the first, line {}: {}",
            failed.count,
            if failed.count == 1 { "query" } else { "queries" },
            first.0,
            first.1
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    Ok(ExitCode::SUCCESS)
}

/// The queries of a batch that failed: how many, and the first one's line
/// number and error.
#[derive(Debug, Default)]
struct Failed {
    count: usize,
    first: Option<(usize, String)>,
}

/// Answers each line of `input` as a query, `round` queries at a time, on
/// `out` in input order. A query that fails gets an error answer (in JSON,
/// `{"query": …, "error": …}`) so that answers stay aligned with queries.
fn answer_batch(
    index: &Searcher,
    mut input: impl BufRead,
    out: &mut impl Write,
    options: &SearchOptions,
    printer: Printer,
    round: usize,
) -> Result<Failed> {
    let mut failed = Failed::default();
    let mut answered = 0;
    let mut queries = Vec::with_capacity(round);
    let mut line = Vec::new();
    loop {
        queries.clear();
        while queries.len() < round {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            // A line that is not UTF-8 is still a query, with its bad bytes replaced.
            let query = String::from_utf8_lossy(&line);
            queries.push(query.trim_end_matches(['\n', '\r']).to_string());
        }
        if queries.is_empty() {
            return Ok(failed);
        }
        for (query, answer) in queries.iter().zip(index.search_batch(&queries, options)) {
            if answered > 0 {
                printer.separator(out)?;
            }
            answered += 1;
            write_answer(out, printer, options, query, answer, answered, &mut failed)?;
        }
        out.flush()?;
    }
}

/// Writes the answer to the query of line `line_number`.
fn write_answer(
    out: &mut impl Write,
    printer: Printer,
    options: &SearchOptions,
    query: &str,
    answer: franglais_query::Result<SearchResults>,
    line_number: usize,
    failed: &mut Failed,
) -> Result<()> {
    match answer {
        Ok(results) => printer.results(out, &results, options.offset),
        Err(error) => {
            let error = error.to_string();
            printer.error(out, query, &error)?;
            failed.count += 1;
            failed.first.get_or_insert((line_number, error));
            Ok(())
        }
    }
}

/// Whether to colour: `auto` colours a terminal unless `NO_COLOR` is set
/// (https://no-color.org); the flag wins over `NO_COLOR`.
fn use_colour(choice: Colour) -> bool {
    match choice {
        Colour::Always => true,
        Colour::Never => false,
        Colour::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_answered_in_rounds_in_input_order() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("c");
        std::fs::create_dir(&corpus)?;
        std::fs::write(
            corpus.join("a.txt"),
            "Le bouclier\n\nLe bouclier de l’OTAN.",
        )?;
        std::fs::write(corpus.join("b.txt"), "La Russie\n\nMoscou et la Russie.")?;
        let index = dir.path().join("i");
        franglais_index::indexer::build_index(&IndexOptions::new(vec![corpus], &index), |_| {})?;
        let searcher = Searcher::open(&index)?;
        let input = "bouclier\r\nRussie\n\nzzzz\nOTAN Russie\n";
        let mut out = Vec::new();
        // Rounds of two: five queries take three.
        let options = SearchOptions::default();
        let json = Printer {
            output: Output::Json,
            colour: false,
        };
        let failed = answer_batch(&searcher, input.as_bytes(), &mut out, &options, json, 2)?;
        assert_eq!(failed.count, 0);
        let answers: Vec<serde_json::Value> = String::from_utf8(out)?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let queries: Vec<&str> = answers
            .iter()
            .map(|a| a["query"].as_str().unwrap())
            .collect();
        assert_eq!(queries, ["bouclier", "Russie", "", "zzzz", "OTAN Russie"]);
        let totals: Vec<u64> = answers
            .iter()
            .map(|a| a["total_hits"].as_u64().unwrap())
            .collect();
        assert_eq!(totals, [1, 1, 0, 0, 2]);
        Ok(())
    }

    #[test]
    fn a_failed_query_keeps_its_line_and_is_counted() -> Result<()> {
        let mut out = Vec::new();
        let mut failed = Failed::default();
        let json = Printer {
            output: Output::Json,
            colour: false,
        };
        let options = SearchOptions::default();
        let ok = Ok(SearchResults {
            query: "otan".into(),
            ..SearchResults::default()
        });
        write_answer(&mut out, json, &options, "otan", ok, 1, &mut failed)?;
        let panicked = Err(franglais_query::Error::Panicked);
        write_answer(
            &mut out,
            json,
            &options,
            "bouclier",
            panicked,
            2,
            &mut failed,
        )?;
        let lines: Vec<serde_json::Value> = String::from_utf8(out)?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["query"], "otan");
        assert!(lines[0].get("error").is_none());
        assert_eq!(lines[1]["query"], "bouclier");
        assert!(lines[1]["error"].as_str().unwrap().contains("panicked"));
        assert_eq!(failed.count, 1);
        assert_eq!(failed.first.map(|(line, _)| line), Some(2));
        Ok(())
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
        let json = Printer {
            output: Output::Json,
            colour: false,
        };
        let err = run_batch(&searcher, &missing, &SearchOptions::default(), json).unwrap_err();
        assert!(format!("{err:#}").contains("nope.txt"));
        Ok(())
    }
}
