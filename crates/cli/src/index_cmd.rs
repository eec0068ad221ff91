//! `franglais index`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Result;
use clap::Args;
use franglais_index::indexer::{build_index, Event, IndexOptions, IndexSummary};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{default_path, DEFAULT_CORPUS, DEFAULT_INDEX};

/// Corpora smaller than this get no progress bar: they take a moment.
const PROGRESS_MIN_BYTES: u64 = 4_000_000;

const INDEX_EXAMPLES: &str = "\
Examples:
  franglais index                              ./corpus into ./index
  franglais index --corpus ~/news --corpus ~/dépêches --index ~/news-index
  franglais index --corpus article.txt --index ~/news-index
  franglais index --rebuild                    analyse every document again

A run updates the index in place: new, changed and removed files only. Until it
commits, searches see the previous index, and Ctrl-C leaves that one unchanged.";

#[derive(Args, Debug)]
#[command(after_help = INDEX_EXAMPLES)]
pub struct IndexArgs {
    /// Corpus folder or file to read (repeatable) [default: corpus]
    #[arg(long = "corpus", value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Index folder to build or update
    #[arg(long, value_name = "DIR", default_value = DEFAULT_INDEX, env = "FRANGLAIS_INDEX")]
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
    let summary = index_with_progress(&mut options, args.quiet)?;
    writeln!(io::stdout().lock(), "{}", summary_line(&options, &summary))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the indexer, with warnings on standard error and a progress bar when
/// standard error is a terminal and the corpus is large. Ctrl-C stops it
/// before its commit (a second one at once).
pub fn index_with_progress(options: &mut IndexOptions, quiet: bool) -> Result<IndexSummary> {
    let interactive = !quiet && io::stderr().is_terminal();
    options.interrupt = stop_on_ctrl_c();
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
    });
    if let Err(franglais_index::Error::Interrupted { .. }) = &summary {
        // End the line the bar (or the terminal's `^C`) is on.
        if let Some(bar) = &bar {
            bar.abandon();
        }
        if bar.is_some() || io::stderr().is_terminal() {
            eprintln!();
        }
    }
    Ok(summary?)
}

/// A flag that Ctrl-C sets; a second Ctrl-C exits at once. `None` if the
/// handler cannot be installed (then Ctrl-C kills the run, which the index
/// survives too).
fn stop_on_ctrl_c() -> Option<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    })
    .ok()?;
    Some(flag)
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
        "{what}: {} added, {} updated, {} removed, {} unchanged, {} skipped, {} ignored; {} documents (languages: {languages}); {:.1} MB read in {:.2} s",
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped,
        s.ignored,
        s.documents,
        s.bytes as f64 / 1e6,
        s.elapsed.as_secs_f64(),
    )
}
