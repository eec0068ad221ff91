//! `franglais lexicon`: a word's or phrase's translations and how sure the
//! lexicon is of each, so that a user can see why a document matched.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use franglais_index::{Analyzer, Language};
use franglais_query::translate::{Lexicon, Translator};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum From {
    Fr,
    En,
}

#[derive(Args, Debug)]
pub struct LexiconArgs {
    /// The word or phrase to look up (several words are one phrase)
    #[arg(required = true, num_args = 1..)]
    words: Vec<String>,
    /// Its language; both are looked up when not given
    #[arg(long, value_enum)]
    from: Option<From>,
    /// Add a French<TAB>English[<TAB>confidence] lexicon to the built-in
    /// one (repeatable); its entries take precedence
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Print JSON: {"fr": [{"text", "confidence"}…], "en": […]}
    #[arg(long)]
    json: bool,
}

/// Prints the translations; exit 1 when there is none.
pub fn run(args: &LexiconArgs) -> anyhow::Result<ExitCode> {
    let mut user = Lexicon::default();
    for file in &args.lexicon {
        user.extend(Lexicon::from_file(file)?);
    }
    let analyzer = Analyzer::default();
    let translator = Translator::with_default(&analyzer, &user);
    let text = args.words.join(" ");
    let languages: Vec<Language> = match args.from {
        Some(From::Fr) => vec![Language::Fr],
        Some(From::En) => vec![Language::En],
        None => Language::ALL.to_vec(),
    };
    let found: Vec<(Language, Vec<(String, f32)>)> = languages
        .into_iter()
        .map(|l| (l, translator.entry(&analyzer, &text, l)))
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut object = serde_json::Map::new();
        for (language, entries) in &found {
            let list: Vec<serde_json::Value> = entries
                .iter()
                .map(|(t, c)| serde_json::json!({ "text": t, "confidence": round(*c) }))
                .collect();
            object.insert(language.code().to_string(), list.into());
        }
        writeln!(out, "{}", serde_json::Value::Object(object))?;
    } else {
        for (language, entries) in &found {
            for (translation, confidence) in entries {
                let (from, to) = (language.code(), language.other().code());
                writeln!(out, "{from}>{to}\t{confidence:.2}\t{translation}")?;
            }
        }
    }
    let any = found.iter().any(|(_, e)| !e.is_empty());
    Ok(ExitCode::from(if any { 0 } else { 1 }))
}

fn round(confidence: f32) -> f64 {
    (f64::from(confidence) * 100.0).round() / 100.0
}
