//! `franglais search --batch`: one request per line, one answer per line,
//! in input order. A plain line is a query with the command's options; a
//! JSON object brings options of its own and an `id` echoed in its answer
//! (like Elasticsearch's `_msearch`, one line per query):
//!
//! ```text
//! {"q": "bouclier anti-missiles", "lang": "en", "limit": 5, "offset": 0,
//!  "since": "2022-01-01", "until": "2022-12-31", "sort": "date", "prefix": false,
//!  "explain": false, "id": 7}
//! ```

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use franglais_query::request::{SearchRequest, FIELDS};
use franglais_query::{SearchOptions, Searcher};
use serde_json::Value;

use crate::printer::Printer;
use crate::EXIT_ERROR;

/// Requests answered per round: the answers held in memory stay bounded
/// however long the batch, and the first ones are out while later ones are
/// searched.
const ROUND: usize = 1024;

/// Answers the batch in `path` (`-`: standard input) on standard output.
/// Exit 2, after answering every line, if any request failed.
pub fn run(
    index: &Searcher,
    path: &Path,
    options: &SearchOptions,
    printer: Printer,
) -> Result<ExitCode> {
    let input: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            File::open(path)
                .with_context(|| format!("cannot read batch file {}", path.display()))?,
        )
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let input = BufReader::new(input);
    let failed = answer(index, input, &mut out, options, printer, ROUND)
        .with_context(|| format!("batch {}", path.display()))?;
    out.flush()?;
    if let Some(first) = &failed.first {
        eprintln!(
            "franglais: {} {} of the batch failed (each has an \"error\" line); the first, line {}: {}",
            failed.count,
            if failed.count == 1 { "request" } else { "requests" },
            first.0,
            first.1
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    Ok(ExitCode::SUCCESS)
}

/// The requests of a batch that failed: how many, and the first one's line
/// number and error.
#[derive(Debug, Default)]
struct Failed {
    count: usize,
    first: Option<(usize, String)>,
}

/// One line of a batch, read.
#[derive(Debug)]
struct Request {
    /// The request's `id`, echoed in its answer.
    id: Option<Value>,
    /// The query (the whole line, for a line that is not a valid object).
    query: String,
    options: SearchOptions,
    /// Why the line is not a valid request object.
    invalid: Option<String>,
}

/// Reads one line: a JSON object (it starts with `{`, see
/// [`SearchRequest`]) or a plain query.
fn request(line: &str, defaults: &SearchOptions) -> Request {
    let plain = |invalid| Request {
        id: None,
        query: line.to_string(),
        options: defaults.clone(),
        invalid,
    };
    if !line.trim_start().starts_with('{') {
        return plain(None);
    }
    let object = match serde_json::from_str::<SearchRequest>(line) {
        Ok(object) => object,
        Err(e) => {
            return plain(Some(format!(
                "not a valid request object ({e}); expected {{\"q\": \"…\"}}: {FIELDS}"
            )))
        }
    };
    // Each field given overrides the command's own.
    match object.options(defaults) {
        Ok(options) => Request {
            id: object.id,
            query: object.q,
            options,
            invalid: None,
        },
        Err(e) => plain(Some(e)),
    }
}

/// Answers each line of `input`, `round` requests at a time, on `out` in
/// input order. A request that fails gets an error answer (in JSON,
/// `{"query": …, "error": …}`) so that answers stay aligned with requests.
fn answer(
    index: &Searcher,
    mut input: impl BufRead,
    out: &mut impl Write,
    defaults: &SearchOptions,
    printer: Printer,
    round: usize,
) -> Result<Failed> {
    let mut failed = Failed::default();
    let mut answered = 0;
    let mut requests = Vec::with_capacity(round);
    let mut line = Vec::new();
    loop {
        requests.clear();
        while requests.len() < round {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            // A line that is not UTF-8 is still a query, with its bad bytes replaced.
            let text = String::from_utf8_lossy(&line);
            requests.push(request(text.trim_end_matches(['\n', '\r']), defaults));
        }
        if requests.is_empty() {
            return Ok(failed);
        }
        let valid: Vec<(&str, SearchOptions)> = requests
            .iter()
            .filter(|r| r.invalid.is_none())
            .map(|r| (r.query.as_str(), r.options.clone()))
            .collect();
        let mut answers = index.search_each(&valid).into_iter();
        for request in &requests {
            if answered > 0 {
                printer.separator(out)?;
            }
            answered += 1;
            let result = match &request.invalid {
                Some(reason) => Err(reason.clone()),
                None => answers
                    .next()
                    .unwrap_or(Err(franglais_query::Error::Panicked))
                    .map_err(|e| e.to_string()),
            };
            match result {
                Ok(results) => {
                    printer.results(out, &results, request.options.offset, request.id.as_ref())?
                }
                Err(error) => {
                    printer.error(out, &request.query, &error, request.id.as_ref())?;
                    failed.count += 1;
                    failed.first.get_or_insert((answered, error));
                }
            }
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printer::Output;
    use franglais_index::indexer::IndexOptions;
    use franglais_index::Language;
    use franglais_query::Sort;

    const JSON: Printer = Printer {
        output: Output::Json,
        colour: false,
    };

    /// An index of a French and an English document about the shield, and
    /// one about Russia.
    fn searcher() -> Result<(tempfile::TempDir, Searcher)> {
        let dir = tempfile::tempdir()?;
        let corpus = dir.path().join("c");
        std::fs::create_dir(&corpus)?;
        std::fs::write(
            corpus.join("a.txt"),
            "Le bouclier\n\nLe bouclier de l’OTAN protège les alliés de la menace.",
        )?;
        std::fs::write(corpus.join("b.txt"), "La Russie\n\nMoscou et la Russie.")?;
        std::fs::write(
            corpus.join("c.txt"),
            "The shield\n\nThe NATO missile shield protects the allies from the threat.",
        )?;
        let index = dir.path().join("i");
        franglais_index::indexer::build_index(&IndexOptions::new(vec![corpus], &index), |_| {})?;
        let searcher = Searcher::open(&index)?;
        Ok((dir, searcher))
    }

    fn answers(input: &str, round: usize) -> Result<(Vec<Value>, Failed)> {
        let (_dir, searcher) = searcher()?;
        let mut out = Vec::new();
        let failed = answer(
            &searcher,
            input.as_bytes(),
            &mut out,
            &SearchOptions::default(),
            JSON,
            round,
        )?;
        let lines = String::from_utf8(out)?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        Ok((lines, failed))
    }

    #[test]
    fn a_batch_is_answered_in_rounds_in_input_order() -> Result<()> {
        // Rounds of two: five queries take three.
        let (answers, failed) = answers("bouclier\r\nRussie\n\nzzzz\nOTAN Russie\n", 2)?;
        assert_eq!(failed.count, 0);
        let queries: Vec<&str> = answers
            .iter()
            .map(|a| a["query"].as_str().unwrap())
            .collect();
        assert_eq!(queries, ["bouclier", "Russie", "", "zzzz", "OTAN Russie"]);
        let totals: Vec<u64> = answers
            .iter()
            .map(|a| a["total_hits"].as_u64().unwrap())
            .collect();
        assert_eq!(totals, [2, 1, 0, 0, 3]);
        Ok(())
    }

    #[test]
    fn an_object_brings_its_own_options_and_id() -> Result<()> {
        let input = concat!(
            "bouclier\n",
            r#"{"q": "bouclier", "lang": "en", "id": "req-2"}"#,
            "\n",
            r#"{"q": "bouclier", "limit": 1, "offset": 1, "id": 3}"#,
            "\n",
        );
        let (answers, failed) = answers(input, 2)?;
        assert_eq!(failed.count, 0);
        assert!(answers[0].get("id").is_none());
        assert_eq!(answers[0]["hits"].as_array().unwrap().len(), 2);
        assert_eq!(answers[1]["id"], "req-2");
        let english: Vec<&str> = answers[1]["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        assert_eq!(english, ["c"]);
        assert_eq!(answers[2]["id"], 3);
        assert_eq!(answers[2]["total_hits"], 2);
        assert_eq!(answers[2]["hits"].as_array().unwrap().len(), 1);
        Ok(())
    }

    #[test]
    fn each_field_of_an_object_overrides_the_commands_own() {
        use franglais_index::date::Date;
        let defaults = SearchOptions::default().with_dates(Date::parse_iso("2022-01-01"), None);
        let line = r#"{"q": "x", "until": "2022-12-31", "sort": "date", "lang": "en"}"#;
        let request = request(line, &defaults);
        assert!(request.invalid.is_none());
        assert_eq!(request.options.since, Date::parse_iso("2022-01-01"));
        assert_eq!(request.options.until, Date::parse_iso("2022-12-31"));
        assert_eq!(request.options.sort, Sort::Date);
        assert_eq!(request.options.lang, Some(Language::En));
        assert!(super::request(r#"{"q": "x", "lang": "de"}"#, &defaults)
            .invalid
            .is_some());
    }

    #[test]
    fn a_bad_object_keeps_its_line_and_is_counted() -> Result<()> {
        let input = concat!(
            r#"{"q": "bouclier", "langue": "fr", "id": 1}"#,
            "\n",
            "{not json\n",
            "Russie\n",
        );
        let (answers, failed) = answers(input, 10)?;
        assert_eq!(answers.len(), 3);
        assert!(answers[0]["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `langue`"));
        assert!(answers[1]["error"]
            .as_str()
            .unwrap()
            .contains("not a valid request object"));
        assert_eq!(answers[2]["total_hits"], 1);
        assert_eq!(failed.count, 2);
        assert_eq!(failed.first.map(|(line, _)| line), Some(1));
        Ok(())
    }

    #[test]
    fn unknown_batch_file_is_named() -> Result<()> {
        let (dir, searcher) = searcher()?;
        let missing = dir.path().join("nope.txt");
        let err = run(&searcher, &missing, &SearchOptions::default(), JSON).unwrap_err();
        assert!(format!("{err:#}").contains("nope.txt"));
        Ok(())
    }
}
