//! `franglais`: bilingual French/English full-text search from the command
//! line. A thin layer over `franglais-index` and `franglais-query`: argument
//! parsing, printing, and turning errors into one line and an exit code.

mod index_cmd;
mod lexicon_cmd;
mod search_cmd;

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

#[derive(Parser)]
#[command(
    name = "franglais",
    version,
    about = "Bilingual French/English full-text search"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or update the index from corpus folders.
    Index(index_cmd::IndexArgs),
    /// Search the index.
    Search(search_cmd::SearchArgs),
    /// Show a word's or phrase's translations and their confidence.
    Lexicon(lexicon_cmd::LexiconArgs),
}

/// Exit code when something went wrong (bad input, missing index…).
pub(crate) const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(args) => index_cmd::run(&args),
        Command::Search(args) => search_cmd::run(&args),
        Command::Lexicon(args) => lexicon_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("franglais: {}", one_line(&error));
            ExitCode::from(EXIT_ERROR)
        }
    }
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
