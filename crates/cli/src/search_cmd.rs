//! `franglais search`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use franglais_index::date::Date;
use franglais_index::indexer::IndexOptions;
use franglais_index::schema::index_exists;
use franglais_index::Language;
use franglais_query::snippet::MIN_SNIPPET_CHARS;
use franglais_query::translate::Lexicon;
use franglais_query::{SearchOptions, Searcher, Sort, DEFAULT_LIMIT};

use crate::batch;
use crate::index_cmd::index_with_progress;
use crate::printer::{Output, Printer};
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
  franglais search --since 2022-01-01 --sort date Otan
  franglais search --prefix Stolt           (the last word as you type)
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
    /// Keep documents dated this day or later (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    since: Option<Date>,
    /// Keep documents dated this day or earlier (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    until: Option<Date>,
    /// Order of hits: relevance, or date (newest first; undated last)
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = SortOrder::Relevance)]
    sort: SortOrder,
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
    /// As you type: the last word also matches the words it begins
    /// (Stolt finds Stoltenberg), ranked below whole words; not when the
    /// query ends with a space
    #[arg(long)]
    prefix: bool,
    /// Add a French<TAB>English[<TAB>confidence] lexicon to the built-in
    /// one (repeatable); its entries take precedence
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Read one query per line from FILE (- for standard input) and answer
    /// each, in input order (JSON lines unless --format text); a line may be
    /// a JSON object: {"q": "...", "lang": "fr", "limit": 5, "offset": 0,
    /// "since", "until", "sort", "prefix", "explain", "id": 1}
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
}

/// The order of hits (`--sort`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// Best match first
    Relevance,
    /// Newest first among the matches; undated documents last
    Date,
}

impl From<SortOrder> for Sort {
    fn from(order: SortOrder) -> Sort {
        match order {
            SortOrder::Relevance => Sort::Relevance,
            SortOrder::Date => Sort::Date,
        }
    }
}

/// `--since`, `--until`: an ISO date, or so many days or weeks before
/// today (`30d`, `2w`).
pub fn iso_date(value: &str) -> Result<Date, String> {
    Date::parse_bound(value)
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
    let index = open_or_build_index(args.index.as_deref(), &args.lexicon)?;
    let options = SearchOptions::default()
        .with_limit(args.limit)
        .with_offset(args.offset)
        .with_lang(args.lang.map(|l| match l {
            Lang::Fr => Language::Fr,
            Lang::En => Language::En,
        }))
        .with_snippet_chars(args.snippet_chars)
        .with_translate(!args.no_translate)
        .with_explain(args.explain)
        .with_dates(args.since, args.until)
        .with_sort(args.sort.into())
        .with_prefix(args.prefix);
    let printer = args.printer();
    if let Some(batch) = &args.batch {
        return batch::run(&index, batch, &options, printer);
    }
    // Several words are one query, as in a search box.
    let query = args.query.join(" ");
    let results = index.search(&query, &options)?;
    let mut out = BufWriter::new(io::stdout().lock());
    printer.results(&mut out, &results, options.offset, None)?;
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
/// The index at `index`, or the default one, built from ./corpus on first
/// use; with the user's lexicons added.
pub(crate) fn open_or_build_index(index: Option<&Path>, lexicons: &[PathBuf]) -> Result<Searcher> {
    let path = index
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_path(DEFAULT_INDEX));
    let corpus = default_path(DEFAULT_CORPUS);
    if index.is_none() && !index_exists(&path) && corpus.is_dir() {
        eprintln!(
            "franglais: no index yet; building {} from {} (first use)",
            path.display(),
            corpus.display()
        );
        index_with_progress(&mut IndexOptions::new(vec![corpus], &path), false)?;
    }
    let searcher = Searcher::open(&path)?;
    for file in lexicons {
        searcher.add_lexicon(Lexicon::from_file(file)?);
    }
    Ok(searcher)
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
