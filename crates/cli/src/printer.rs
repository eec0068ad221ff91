//! Printing search results: as text for people, JSON for programs, ids for
//! scripts, or nothing (`-q`). One [`Printer`] serves a single search and a
//! batch alike.

use std::io::Write;

use anyhow::Result;
use franglais_query::SearchResults;
use serde::Serialize;
use serde_json::Value;

/// What a search prints.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Titles, metadata and highlighted snippets.
    Text,
    /// One JSON object per query, on one line.
    Json,
    /// One document id per line.
    Ids,
    /// Nothing: the exit status says whether anything matched.
    Quiet,
}

/// A JSON answer: the results, after the request's `id` if it had one.
#[derive(Serialize)]
struct Answer<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(flatten)]
    results: &'a SearchResults,
}

/// Prints results in one [`Output`], with or without colour.
#[derive(Copy, Clone, Debug)]
pub struct Printer {
    pub output: Output,
    pub colour: bool,
}

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Printer {
    /// Prints the results of one query; `offset` is the page's first hit,
    /// `id` a batch request's, echoed in JSON.
    pub fn results(
        &self,
        out: &mut impl Write,
        results: &SearchResults,
        offset: usize,
        id: Option<&Value>,
    ) -> Result<()> {
        match self.output {
            Output::Text => self.text(out, results, offset),
            Output::Json => {
                serde_json::to_writer(&mut *out, &Answer { id, results })?;
                writeln!(out)?;
                Ok(())
            }
            Output::Ids => {
                for hit in &results.hits {
                    writeln!(out, "{}", hit.id)?;
                }
                Ok(())
            }
            Output::Quiet => Ok(()),
        }
    }

    /// Prints the error of one query of a batch, in place of its results,
    /// so that answers stay aligned with queries.
    pub fn error(
        &self,
        out: &mut impl Write,
        query: &str,
        error: &str,
        id: Option<&Value>,
    ) -> Result<()> {
        match self.output {
            Output::Json => {
                let mut line = serde_json::json!({ "query": query, "error": error });
                if let Some(id) = id {
                    line["id"] = id.clone();
                }
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
            Output::Text => writeln!(out, "error for {query}: {error}")?,
            Output::Ids | Output::Quiet => {}
        }
        Ok(())
    }

    /// Separates the answers of a batch (text only: a blank line).
    pub fn separator(&self, out: &mut impl Write) -> Result<()> {
        if self.output == Output::Text {
            writeln!(out)?;
        }
        Ok(())
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.colour {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn text(&self, out: &mut impl Write, results: &SearchResults, offset: usize) -> Result<()> {
        // The query as typed: quotes stay quotes.
        let query = &results.query;
        let count = hits(results.total_hits);
        if results.total_hits == 0 {
            writeln!(out, "no hits for {query}")?;
            return Ok(());
        }
        if results.hits.is_empty() {
            writeln!(
                out,
                "{count} for {query}, none on this page (offset {offset})"
            )?;
            return Ok(());
        }
        let (first, last) = (offset + 1, offset + results.hits.len());
        let shown = if first == last {
            format!("{first}")
        } else {
            format!("{first}-{last}")
        };
        writeln!(
            out,
            "{count} for {query} (showing {shown}, {} ms)",
            results.took_ms
        )?;
        for (i, hit) in results.hits.iter().enumerate() {
            writeln!(out)?;
            let title = highlight(&hit.title, &hit.title_highlights, self.colour, BOLD);
            writeln!(out, "{:>3}. {}", offset + i + 1, self.paint(BOLD, &title))?;
            let mut meta = vec![hit.id.clone()];
            if let Some(date) = &hit.date {
                meta.push(date.iso());
            }
            if !hit.langs.is_empty() {
                meta.push(
                    hit.langs
                        .iter()
                        .map(|l| l.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            if let Some(url) = &hit.url {
                meta.push(url.clone());
            }
            meta.push(format!("score {:.1}", hit.score));
            writeln!(out, "     {}", self.paint(DIM, &meta.join(" · ")))?;
            let snippet = highlight(&hit.snippet.text, &hit.snippet.highlights, self.colour, "");
            writeln!(out, "     {snippet}")?;
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
                    self.paint(DIM, &words)
                )?;
            }
        }
        Ok(())
    }
}

/// `1 hit`, `2 hits`.
fn hits(n: usize) -> String {
    if n == 1 {
        "1 hit".to_string()
    } else {
        format!("{n} hits")
    }
}

/// `text` with its highlights (character ranges) in colour; `around` is the
/// style the text is in, restored after each highlight.
fn highlight(text: &str, highlights: &[[usize; 2]], colour: bool, around: &str) -> String {
    if !colour || highlights.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + highlights.len() * 16);
    let mut inside = false;
    for (i, c) in text.chars().enumerate() {
        if inside && highlights.iter().any(|h| h[1] == i) {
            out.push_str(RESET);
            out.push_str(around);
            inside = false;
        }
        if highlights.iter().any(|h| h[0] == i) {
            out.push_str(HIGHLIGHT);
            inside = true;
        }
        out.push(c);
    }
    if inside {
        out.push_str(RESET);
        out.push_str(around);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_wraps_character_ranges() {
        let coloured = highlight("la défense", &[[3, 10]], true, "");
        assert_eq!(coloured, format!("la {HIGHLIGHT}défense{RESET}"));
        assert_eq!(highlight("la défense", &[[3, 10]], false, ""), "la défense");
    }

    #[test]
    fn a_highlight_in_a_bold_title_returns_to_bold() {
        let coloured = highlight("Le bouclier russe", &[[3, 11]], true, BOLD);
        assert_eq!(
            coloured,
            format!("Le {HIGHLIGHT}bouclier{RESET}{BOLD} russe")
        );
    }

    #[test]
    fn one_hit_is_singular() {
        assert_eq!(hits(1), "1 hit");
        assert_eq!(hits(0), "0 hits");
        assert_eq!(hits(12), "12 hits");
    }
}
