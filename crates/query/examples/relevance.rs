//! Relevance on the man-page known-item tasks, franglais beside SQLite FTS5.
//!
//! ```sh
//! ../shared/tools/make-manpage-corpus MAN
//! ../shared/tools/make-manpage-tasks MAN TASKS
//! cargo run --release -p franglais-query --example relevance -- MAN TASKS [--dump FILE]
//! ```
//!
//! Each task (`TASKS/tasks.tsv`: kind, lang, target, query) is a page's
//! NAME description without the command name; the target is the page
//! itself (`fr>fr`, `en>en`) or its translation (`fr>en`, `en>fr`), results
//! restricted to the target's language. Both systems index the intact
//! corpus (the description stands in the page) and `TASKS/stripped` (the
//! pages without their NAME section: the description does not). Reported:
//! MRR@10 per kind and corpus for
//!
//! - franglais, with and without translation (`SearchOptions::translate`);
//! - FTS5: Porter over unicode61 (diacritics removed), the query words
//!   joined by `OR`, ranked by `bm25()`, restricted to the target language.
//!
//! `--dump FILE` writes each task's rank per system (0: not in the top 10),
//! for looking at what a change moved.
//!
//! `--as-you-type` measures prefix search instead, on the intact corpus:
//! each query's last word cut to its first half (as typed so far), searched
//! with and without `SearchOptions::prefix`, beside the whole query.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use franglais_index::indexer::{build_index, IndexOptions};
use franglais_index::Language;
use franglais_query::{SearchOptions, Searcher};

/// Ranks past this count as 0 (MRR@10).
const DEPTH: usize = 10;

struct Task {
    kind: String,
    lang: Language,
    target: String,
    query: String,
}

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, tasks_dir) = match args.as_slice() {
        [corpus, tasks, ..] => (PathBuf::from(corpus), PathBuf::from(tasks)),
        _ => return Err("usage: relevance MAN_CORPUS TASKS_DIR [--dump FILE]".into()),
    };
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let tasks = read_tasks(&tasks_dir.join("tasks.tsv"))?;
    println!("{} tasks", tasks.len());
    if args.iter().any(|a| a == "--as-you-type") {
        return as_you_type(&corpus, &tasks);
    }
    let mut lines = String::new();
    let mut table = String::from(
        "| corpus | system | fr>fr | en>en | fr>en | en>fr |\n|---|---|---|---|---|---|\n",
    );
    for (name, dir) in [("intact", corpus), ("stripped", tasks_dir.join("stripped"))] {
        let systems = rank_all(&dir, &tasks)?;
        for (system, ranks) in &systems {
            let _ = write!(table, "| {name} | {system} |");
            for kind in ["fr>fr", "en>en", "fr>en", "en>fr"] {
                let _ = write!(table, " {:.3} |", mrr(&tasks, ranks, kind));
            }
            table.push('\n');
        }
        for (i, task) in tasks.iter().enumerate() {
            let ranks: Vec<String> = systems.iter().map(|(_, r)| r[i].to_string()).collect();
            let _ = writeln!(
                lines,
                "{name}\t{}\t{}\t{}\t{}",
                task.kind,
                task.target,
                ranks.join("\t"),
                task.query
            );
        }
    }
    print!("{table}");
    if let Some(path) = dump {
        let header = "corpus\tkind\ttarget\tfranglais\tno-translate\tfts5\tquery\n";
        std::fs::write(path, format!("{header}{lines}"))?;
    }
    Ok(())
}

fn read_tasks(path: &Path) -> Result<Vec<Task>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut tasks = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [kind, lang, target, query] = fields.as_slice() {
            let lang = Language::from_code(lang).ok_or_else(|| format!("bad language: {line}"))?;
            tasks.push(Task {
                kind: kind.to_string(),
                lang,
                target: target.to_string(),
                query: query.to_string(),
            });
        }
    }
    Ok(tasks)
}

/// A searcher over a fresh index of `corpus`, and the folder it is in.
fn index_of(corpus: &Path) -> Result<(tempfile::TempDir, Searcher), Error> {
    let index = tempfile::tempdir()?;
    build_index(
        &IndexOptions::new(vec![corpus.into()], index.path()),
        |_| {},
    )?;
    let searcher = Searcher::open(index.path())?;
    Ok((index, searcher))
}

/// franglais's rank of each task's target with `options`, restricted to
/// the target's language.
fn franglais_ranks(searcher: &Searcher, tasks: &[Task], options: &SearchOptions) -> Vec<usize> {
    tasks
        .iter()
        .map(|task| {
            let options = options.clone().with_limit(DEPTH).with_lang(Some(task.lang));
            let results = searcher.search(&task.query, &options);
            results.map_or(0, |r| rank_of(r.hits.iter().map(|h| h.id.as_str()), task))
        })
        .collect()
}

/// Each system's rank of each task's target (1-based, 0 past [`DEPTH`]).
fn rank_all(corpus: &Path, tasks: &[Task]) -> Result<Vec<(&'static str, Vec<usize>)>, Error> {
    let (_index, searcher) = index_of(corpus)?;
    let options = |translate| SearchOptions::default().with_translate(translate);
    Ok(vec![
        (
            "franglais",
            franglais_ranks(&searcher, tasks, &options(true)),
        ),
        (
            "franglais --no-translate",
            franglais_ranks(&searcher, tasks, &options(false)),
        ),
        ("FTS5", fts5_ranks(corpus, tasks)?),
    ])
}

/// MRR@10 of queries cut mid-word, with and without prefix search.
fn as_you_type(corpus: &Path, tasks: &[Task]) -> Result<(), Error> {
    let (_index, searcher) = index_of(corpus)?;
    let cut: Vec<Task> = tasks
        .iter()
        .map(|task| Task {
            kind: task.kind.clone(),
            lang: task.lang,
            target: task.target.clone(),
            query: cut_last_word(&task.query),
        })
        .collect();
    let ranks = |tasks: &[Task], prefix: bool| -> Vec<usize> {
        franglais_ranks(
            &searcher,
            tasks,
            &SearchOptions::default().with_prefix(prefix),
        )
    };
    println!("| query (intact corpus) | fr>fr | en>en | fr>en | en>fr |\n|---|---|---|---|---|");
    for (name, tasks, prefix) in [
        ("whole", tasks, false),
        ("last word cut in half", &cut[..], false),
        ("last word cut in half, --prefix", &cut[..], true),
    ] {
        let ranks = ranks(tasks, prefix);
        let mut row = format!("| {name} |");
        for kind in ["fr>fr", "en>en", "fr>en", "en>fr"] {
            let _ = write!(row, " {:.3} |", mrr(tasks, &ranks, kind));
        }
        println!("{row}");
    }
    Ok(())
}

/// `query` with its last word cut to its first half (one character at
/// least), as typed so far.
fn cut_last_word(query: &str) -> String {
    let trimmed = query.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let last: Vec<char> = trimmed[start..].chars().collect();
    let kept: String = last[..last.len().div_ceil(2)].iter().collect();
    format!("{}{kept}", &trimmed[..start])
}

fn rank_of<'a>(ids: impl Iterator<Item = &'a str>, task: &Task) -> usize {
    ids.take(DEPTH)
        .position(|id| id == task.target)
        .map_or(0, |p| p + 1)
}

fn mrr(tasks: &[Task], ranks: &[usize], kind: &str) -> f64 {
    let (sum, count) = tasks
        .iter()
        .zip(ranks)
        .filter(|(t, _)| t.kind == kind)
        .fold((0.0, 0usize), |(s, n), (_, &r)| {
            (s + if r > 0 { 1.0 / r as f64 } else { 0.0 }, n + 1)
        });
    sum / count.max(1) as f64
}

/// The baseline: every `fr/*.txt` and `en/*.txt` in an FTS5 table.
fn fts5_ranks(corpus: &Path, tasks: &[Task]) -> Result<Vec<usize>, Error> {
    let db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE VIRTUAL TABLE pages USING fts5(id UNINDEXED, lang UNINDEXED, body, \
         tokenize = 'porter unicode61 remove_diacritics 2')",
    )?;
    let files = fts5_documents(corpus)?;
    {
        let mut insert = db.prepare("INSERT INTO pages (id, lang, body) VALUES (?1, ?2, ?3)")?;
        db.execute_batch("BEGIN")?;
        for (id, lang, body) in &files {
            insert.execute((id, lang, body))?;
        }
        db.execute_batch("COMMIT")?;
    }
    let mut select = db.prepare(
        "SELECT id FROM pages WHERE pages MATCH ?1 AND lang = ?2 ORDER BY bm25(pages) LIMIT ?3",
    )?;
    let mut ranks = Vec::with_capacity(tasks.len());
    for task in tasks {
        let words: Vec<String> = task
            .query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        if words.is_empty() {
            ranks.push(0);
            continue;
        }
        let ids: Vec<String> = select
            .query_map(
                (words.join(" OR "), task.lang.code(), DEPTH as i64),
                |row| row.get(0),
            )?
            .collect::<Result<_, _>>()?;
        ranks.push(rank_of(ids.iter().map(String::as_str), task));
    }
    Ok(ranks)
}

/// (id, language, text) of the corpus' pages, ids as franglais makes them.
fn fts5_documents(corpus: &Path) -> Result<Vec<(String, String, String)>, Error> {
    let mut documents = Vec::new();
    for lang in ["fr", "en"] {
        let mut names: BTreeMap<String, PathBuf> = BTreeMap::new();
        for entry in std::fs::read_dir(corpus.join(lang))? {
            let path = entry?.path();
            if let Some(stem) = path.file_stem() {
                names.insert(stem.to_string_lossy().into_owned(), path.clone());
            }
        }
        for (stem, path) in names {
            let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
            documents.push((format!("{lang}/{stem}"), lang.to_string(), text));
        }
    }
    Ok(documents)
}
