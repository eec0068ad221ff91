//! `franglais index`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use franglais_index::indexer::{build_index, Event, IndexOptions, IndexSummary};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{default_path, DEFAULT_CORPUS, DEFAULT_INDEX};

/// Corpora smaller than this get no progress bar: they take a moment.
const PROGRESS_MIN_BYTES: u64 = 4_000_000;

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Corpus folder to read (repeatable) [default: corpus]
    #[arg(long = "corpus", value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// Index folder to build or update
    #[arg(long, value_name = "DIR", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Re-index every document, and rebuild an index this version cannot read
    #[arg(long)]
    rebuild: bool,
    /// Analysis threads (0: one per core)
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Print no warnings and no progress bar, only the summary
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &IndexArgs) -> Result<ExitCode> {
    let corpus = if args.corpus.is_empty() {
        vec![default_path(DEFAULT_CORPUS)]
    } else {
        args.corpus.clone()
    };
    let mut options = IndexOptions::new(corpus, &args.index);
    options.rebuild = args.rebuild;
    options.threads = args.threads;
    let summary = index_with_progress(&options, args.quiet)?;
    println!("{}", summary_line(&options, &summary));
    Ok(ExitCode::SUCCESS)
}

/// Runs the indexer, with warnings on standard error and a progress bar when
/// standard error is a terminal and the corpus is large.
pub fn index_with_progress(options: &IndexOptions, quiet: bool) -> Result<IndexSummary> {
    let interactive = !quiet && std::io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = None;
    let summary = build_index(options, |event| match event {
        Event::Warning(warning) if !quiet => eprintln!("warning: {warning}"),
        Event::Started { bytes, .. } if interactive && bytes >= PROGRESS_MIN_BYTES => {
            let progress = ProgressBar::new(bytes);
            progress.set_style(
                ProgressStyle::with_template(
                    "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar = Some(progress);
        }
        Event::Indexed { bytes } => {
            if let Some(bar) = &bar {
                bar.inc(bytes);
            }
        }
        Event::Committing => {
            if let Some(bar) = &bar {
                bar.set_message("committing");
                bar.finish_and_clear();
            }
        }
        _ => {}
    })?;
    Ok(summary)
}

/// One line saying what the run did.
fn summary_line(options: &IndexOptions, s: &IndexSummary) -> String {
    let languages = if s.languages.is_empty() {
        "none".to_string()
    } else {
        s.languages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let what = if s.changed() || options.rebuild {
        format!("indexed into {}", options.index.display())
    } else {
        format!("{} is up to date, nothing to do", options.index.display())
    };
    format!(
        "{what}: {} added, {} updated, {} removed, {} unchanged, {} skipped; {} documents (languages: {languages}); {:.1} MB read in {:.2} s",
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped,
        s.documents,
        s.bytes as f64 / 1e6,
        s.elapsed.as_secs_f64(),
    )
}
