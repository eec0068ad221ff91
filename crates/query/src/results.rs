//! The results of a search: the serde types behind `--format json`.

use franglais_index::date::Date;
use franglais_index::Language;
use serde::{Deserialize, Serialize};

use crate::snippet::Snippet;

/// Everything a search returns; serialised as one JSON object per query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Documents matching, before `limit` and `offset`.
    pub total_hits: usize,
    /// Time spent in the library, in milliseconds.
    pub took_ms: f64,
    /// The hits of the requested page, best first.
    pub hits: Vec<Hit>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Document id (path in the corpus without extension, or record id).
    pub id: String,
    /// File it was read from.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Character ranges `[start, end)` of the title's matched words, as the
    /// snippet's highlights.
    #[serde(default)]
    pub title_highlights: Vec<[usize; 2]>,
    /// The document's date, where known (`YYYY-MM-DD` in JSON).
    pub date: Option<Date>,
    /// The source address (a JSON Lines record's `url`), where known.
    pub url: Option<String>,
    /// Languages of the document (`en`, `fr` in JSON).
    pub langs: Vec<Language>,
    /// Ranking score (higher is better; see the ranking rules in the README).
    pub score: f32,
    /// Best passage with highlights.
    pub snippet: Snippet,
    /// With `explain`: how each query word matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<MatchExplanation>>,
}

impl Hit {
    /// [`Hit::title_highlights`] as byte ranges of `title`, to slice it.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier de l’Otan\n\nLe bouclier antimissile sème la bisbille entre alliés.")?;
    /// # let index = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], index.path()), |_| {})?;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let results = Searcher::open(index.path())?.search("bouclier", &SearchOptions::default())?;
    /// let hit = &results.hits[0];
    /// let ranges = hit.title_byte_ranges();
    /// assert_eq!(&hit.title[ranges[0].clone()], "bouclier");
    /// # Ok(()) }
    /// ```
    pub fn title_byte_ranges(&self) -> Vec<std::ops::Range<usize>> {
        crate::snippet::byte_ranges(&self.title, &self.title_highlights)
    }
}

/// A stored document, as [`crate::Searcher::document`] returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Document id.
    pub id: String,
    /// File it was read from.
    pub path: String,
    /// Headline.
    pub title: String,
    /// The document's date, where known (`YYYY-MM-DD` in JSON).
    pub date: Option<Date>,
    /// The source address, where known.
    pub url: Option<String>,
    /// Languages of the document (`en`, `fr` in JSON).
    pub langs: Vec<Language>,
    /// The body as indexed: the text without title and boilerplate lines,
    /// exactly as written otherwise.
    pub text: String,
}

/// What an index holds (see [`crate::Searcher::stats`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IndexStats {
    /// Documents searchable.
    pub documents: u64,
    /// Documents with text in each language, by code (`en`, `fr`).
    pub languages: std::collections::BTreeMap<String, u64>,
    /// The index format ([`franglais_index::schema::FORMAT_VERSION`]).
    pub format: u32,
    /// When the index was last committed (`YYYY-MM-DDTHH:MM:SSZ`), if known.
    pub last_commit: Option<String>,
}

/// A stored document with every place a query matches in it (see
/// [`crate::Searcher::read`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct HighlightedDocument {
    /// The document; its title as shown (spaces collapsed, as in hits).
    #[serde(flatten)]
    pub document: Document,
    /// Where the query matches in [`Document::text`]: `[start, end)`
    /// character offsets, in order, not overlapping.
    pub highlights: Vec<[usize; 2]>,
    /// Where it matches in the title, likewise.
    pub title_highlights: Vec<[usize; 2]>,
}

/// How one query word (or translation) matched a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchExplanation {
    /// The query word or phrase; for a translation, `typed → translation`.
    pub query: String,
    /// `typed`, `typo` or `translation`.
    pub via: String,
    /// The words of the body that matched, as written (at most 8); empty
    /// when it matched in the title or boilerplate only.
    pub matched: Vec<String>,
}
