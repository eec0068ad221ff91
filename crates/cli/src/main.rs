//! `franglais`: bilingual French/English full-text search from the command
//! line. A thin layer over `franglais-index` and `franglais-query`: argument
//! parsing, printing, and turning errors into one line and an exit code.

mod batch;
mod completions_cmd;
mod index_cmd;
mod lexicon_cmd;
mod printer;
mod search_cmd;
mod serve_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Queries and analysis allocate many small strings and vectors; mimalloc
/// serves them with far fewer instructions than the system allocator
/// (measured: malloc and free were 12% of query instructions).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Default corpus folder, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";
/// Default index folder, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";

const EXAMPLES: &str = "\
Examples:
  franglais search bouclier anti-missiles     search ./index (built from ./corpus on first use)
  franglais index --corpus ~/news             index a folder of .txt, .md, .jsonl and .html files
  franglais search --index ~/news-index --lang en Stoltenberg
  franglais lexicon bouclier                  show a word's translations
  franglais completions bash > ~/.local/share/bash-completion/completions/franglais

Set FRANGLAIS_INDEX to use another index folder by default.
See `franglais help search` for the query syntax and output options.";

#[derive(Parser)]
#[command(
    name = "franglais",
    version,
    about = "Bilingual French/English full-text search",
    long_about = "Bilingual French/English full-text search: type a query in either \
language, find the documents in both, ranked, each with a passage where the matched \
words are highlighted.",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or update the index from corpus folders or files.
    Index(index_cmd::IndexArgs),
    /// Search the index.
    Search(search_cmd::SearchArgs),
    /// Show a word's or phrase's translations and their confidence.
    Lexicon(lexicon_cmd::LexiconArgs),
    /// Serve the search page and the JSON API (on 127.0.0.1:7700).
    Serve(serve_cmd::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions_cmd::CompletionsArgs),
    /// Print the manual page (roff), e.g. `franglais man search > franglais-search.1`.
    Man(completions_cmd::ManArgs),
}

/// Exit code when something went wrong (bad input, missing index…).
pub(crate) const EXIT_ERROR: u8 = 2;
/// Exit code after Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(args) => index_cmd::run(&args),
        Command::Search(args) => search_cmd::run(&args),
        Command::Lexicon(args) => lexicon_cmd::run(&args),
        Command::Serve(args) => serve_cmd::run(&args),
        Command::Completions(args) => completions_cmd::completions(&args),
        Command::Man(args) => completions_cmd::man(&args),
    };
    match result {
        Ok(code) => code,
        // A reader that went away (`| head`) is no error: end quietly, as
        // ripgrep does.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let mut line = one_line(&error);
            if let Some(advice) = advice(&error) {
                line.push_str("; ");
                line.push_str(&advice);
            }
            eprintln!("franglais: {line}");
            if is_interrupted(&error) {
                ExitCode::from(EXIT_INTERRUPTED)
            } else {
                ExitCode::from(EXIT_ERROR)
            }
        }
    }
}

/// The clap definitions, for completions and the man page.
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Whether writing the output failed because its reader closed it.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether indexing stopped on Ctrl-C.
fn is_interrupted(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<franglais_index::Error>(),
            Some(franglais_index::Error::Interrupted { .. })
        )
    })
}

/// What to do about an error, in the command's terms: the libraries say
/// what went wrong, not which flag mends it.
fn advice(error: &anyhow::Error) -> Option<String> {
    use franglais_index::Error as IndexError;
    let rebuild = |path: &std::path::Path| {
        format!(
            "rebuild it with `franglais index --rebuild --index {}`",
            path.display()
        )
    };
    error.chain().find_map(|cause| {
        let index_error = cause.downcast_ref::<IndexError>().or_else(|| match cause
            .downcast_ref::<franglais_query::Error>(
        ) {
            Some(franglais_query::Error::Index(e)) => Some(e),
            _ => None,
        });
        if let Some(franglais_query::Error::Search { path, .. }) =
            cause.downcast_ref::<franglais_query::Error>()
        {
            return Some(rebuild(path));
        }
        match index_error? {
            IndexError::CorpusNotFound { .. } => {
                Some("pass an existing folder or file with --corpus".to_string())
            }
            IndexError::IndexNotFound { path } => Some(format!(
                "build it with `franglais index --index {}`",
                path.display()
            )),
            IndexError::IncompatibleIndex { path, .. } | IndexError::DamagedIndex { path, .. } => {
                Some(rebuild(path))
            }
            IndexError::NotAnIndex { .. } => Some("choose another --index folder".to_string()),
            _ => None,
        }
    })
}

/// The error and its causes on one line.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line.replace('\n', " ")
}

/// `PathBuf` from a default name.
fn default_path(name: &str) -> PathBuf {
    PathBuf::from(name)
}
