//! [`Searcher`]: open an index once, run any number of queries.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use std::ops::Bound;

use franglais_index::analysis::chain::LanguageSet;
use franglais_index::analysis::{AnalysisCache, AnalyzedText, DocumentLanguages};
use franglais_index::date::Date;
use franglais_index::parallel::map_in_order;
use franglais_index::schema::names;
use franglais_index::stored::{DocStores, StoredDoc};
use franglais_index::{open_index, FranglaisIndex, Language};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery};
use tantivy::{DocAddress, IndexReader, Order, Score};

use crate::doc_freqs::DocFreqs;
use crate::error::{Error, Result};
use crate::fuzzy::TypoExpander;
use crate::plan::Slot;
use crate::plan::{build_plan, Expansion};
use crate::prefix::PrefixExpander;
use crate::results::{Document, HighlightedDocument, Hit, IndexStats, SearchResults};
use crate::snippet::{
    char_ranges, every_match, explain, highlighted_title, make_snippet, PostingsCursors, Snippet,
    StoredHit, DEFAULT_SNIPPET_CHARS,
};
use crate::syntax::parse;
use crate::translate::{Lexicon, Translator};

thread_local! {
    /// Stems of title words, kept per thread across searches: the same
    /// titles come up query after query (bounded by the cache itself).
    static TITLE_STEMS: std::cell::RefCell<AnalysisCache> = std::cell::RefCell::default();
}

/// Default number of hits.
pub const DEFAULT_LIMIT: usize = 10;

/// How to search. Start from the default and change what you need:
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let corpus = tempfile::tempdir()?;
/// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
/// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
/// # let dir = tempfile::tempdir()?;
/// # let index = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
/// # franglais_index::indexer::build_index(&index, |_| {})?;
/// use franglais_index::Language;
/// use franglais_query::{SearchOptions, Searcher};
/// let searcher = Searcher::open(dir.path())?;
/// // "bouclier" finds the French article, and the English one through its
/// // translation (shield); only the English one has English text.
/// let english = SearchOptions::default().with_lang(Some(Language::En));
/// let results = searcher.search("bouclier", &english)?;
/// assert_eq!(results.hits.len(), 1);
/// assert_eq!(results.hits[0].id, "en");
/// // The second page of one hit per page.
/// let page = SearchOptions::default().with_limit(1).with_offset(1);
/// let results = searcher.search("bouclier", &page)?;
/// assert_eq!((results.total_hits, results.hits.len()), (2, 1));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SearchOptions {
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip first (for paging).
    pub offset: usize,
    /// Keep only documents with text in this language.
    pub lang: Option<Language>,
    /// Snippet length, in characters ([`MIN_SNIPPET_CHARS`] at least).
    ///
    /// [`MIN_SNIPPET_CHARS`]: crate::snippet::MIN_SNIPPET_CHARS
    pub snippet_chars: usize,
    /// Also search the query's translation in the other language.
    pub translate: bool,
    /// Say, for each hit, how each query word matched.
    pub explain: bool,
    /// Keep only documents dated this day or later.
    pub since: Option<Date>,
    /// Keep only documents dated this day or earlier.
    pub until: Option<Date>,
    /// The order of hits.
    pub sort: Sort,
    /// As you type: the query's last word also matches the terms it begins
    /// (`Stolt` finds Stoltenberg), below whole words; not when the query
    /// ends with a space (the word is complete). See [`crate::prefix`].
    pub prefix: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            lang: None,
            snippet_chars: DEFAULT_SNIPPET_CHARS,
            translate: true,
            explain: false,
            since: None,
            until: None,
            sort: Sort::Relevance,
            prefix: false,
        }
    }
}

/// The order of hits (in JSON: `"relevance"`, `"date"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first among the matches; undated documents last.
    Date,
}

/// The range of date keys `options` keeps, if it keeps some only: undated
/// documents (key 0) are left out as soon as a bound is given.
fn date_filter(options: &SearchOptions, field: tantivy::schema::Field) -> Option<Box<dyn Query>> {
    if options.since.is_none() && options.until.is_none() {
        return None;
    }
    let key = |date: Option<Date>, none: u64| {
        tantivy::Term::from_field_u64(field, date.map_or(none, |d| d.key()))
    };
    Some(Box::new(RangeQuery::new(
        Bound::Included(key(options.since, 1)),
        Bound::Included(key(options.until, u64::MAX)),
    )))
}

/// Options are built from the default, one setting at a time (the struct
/// is `#[non_exhaustive]`: it may grow), e.g.
/// `SearchOptions::default().with_limit(5).with_lang(Some(Language::Fr))`.
impl SearchOptions {
    /// With [`SearchOptions::limit`] set.
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// With [`SearchOptions::offset`] set.
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// With [`SearchOptions::lang`] set.
    pub fn with_lang(mut self, lang: Option<Language>) -> Self {
        self.lang = lang;
        self
    }

    /// With [`SearchOptions::snippet_chars`] set.
    pub fn with_snippet_chars(mut self, snippet_chars: usize) -> Self {
        self.snippet_chars = snippet_chars;
        self
    }

    /// With [`SearchOptions::translate`] set.
    pub fn with_translate(mut self, translate: bool) -> Self {
        self.translate = translate;
        self
    }

    /// With [`SearchOptions::explain`] set.
    pub fn with_explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// With [`SearchOptions::since`] and [`SearchOptions::until`] set
    /// (inclusive).
    ///
    /// ```
    /// use franglais_index::date::Date;
    /// use franglais_query::{SearchOptions, Sort};
    /// let options = SearchOptions::default()
    ///     .with_dates(Date::parse_iso("2022-01-01"), Date::parse_iso("2022-12-31"))
    ///     .with_sort(Sort::Date);
    /// assert_eq!(options.since.map(|d| d.iso()).as_deref(), Some("2022-01-01"));
    /// ```
    pub fn with_dates(mut self, since: Option<Date>, until: Option<Date>) -> Self {
        self.since = since;
        self.until = until;
        self
    }

    /// With [`SearchOptions::sort`] set.
    pub fn with_sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// With [`SearchOptions::prefix`] set.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("en.txt"), "Summit\n\nJens Stoltenberg opened the summit.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path()), |_| {})?;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(dir.path())?;
    /// let as_you_type = SearchOptions::default().with_prefix(true);
    /// assert_eq!(searcher.search("Stolt", &as_you_type)?.total_hits, 1);
    /// assert_eq!(searcher.search("Stolt", &SearchOptions::default())?.total_hits, 0);
    /// // A space after it: the word is complete.
    /// assert_eq!(searcher.search("Stolt ", &as_you_type)?.total_hits, 0);
    /// # Ok(()) }
    /// ```
    pub fn with_prefix(mut self, prefix: bool) -> Self {
        self.prefix = prefix;
        self
    }
}

/// An open index, ready to search. Cheap to share between threads: `search`
/// takes `&self`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let corpus = tempfile::tempdir()?;
/// # std::fs::write(corpus.path().join("001.txt"), "Le bouclier\n\nLa faisabilité du bouclier anti-missiles.")?;
/// # let dir = tempfile::tempdir()?;
/// # let options = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
/// # franglais_index::indexer::build_index(&options, |_| {})?;
/// use franglais_query::{Searcher, SearchOptions};
/// let searcher = Searcher::open(dir.path())?;
/// let results = searcher.search("bouclier antimissile", &SearchOptions::default())?;
/// assert_eq!(results.hits[0].id, "001");
/// assert_eq!(results.hits[0].snippet.text, "La faisabilité du bouclier anti-missiles.");
/// assert_eq!(results.hits[0].snippet.highlights, [[18, 26], [27, 40]]);
/// # Ok(()) }
/// ```
pub struct Searcher {
    index: FranglaisIndex,
    reader: IndexReader,
    expander: TypoExpander,
    completions: PrefixExpander,
    /// The user's lexicons and the translator made of them and the
    /// embedded one. A search takes the translator of the moment: adding a
    /// lexicon on a shared `Searcher` leaves searches in flight as they
    /// started.
    translation: RwLock<(Lexicon, Arc<Translator>)>,
    stores: DocStores,
    path: PathBuf,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("path", &self.path)
            .finish()
    }
}

impl Searcher {
    /// Opens the index at `path`.
    ///
    /// Errors name the path and the command that builds or rebuilds it.
    pub fn open(path: impl AsRef<Path>) -> Result<Searcher> {
        let path = path.as_ref().to_path_buf();
        let index = open_index(&path)?;
        let reader = index
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| {
                Error::Index(franglais_index::Error::DamagedIndex {
                    path: path.clone(),
                    reason: format!("{e}"),
                })
            })?;
        let lexicon = Lexicon::default();
        let translator = Arc::new(Translator::with_default(&index.analyzer, &lexicon));
        Ok(Searcher {
            index,
            reader,
            expander: TypoExpander::default(),
            completions: PrefixExpander::default(),
            translation: RwLock::new((lexicon, translator)),
            stores: DocStores::default(),
            path,
        })
    }

    /// Adds a user lexicon to the embedded one; it takes effect at once,
    /// with no re-indexing (translation happens at query time). A word or
    /// phrase the user translates keeps only the user's translations.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
    /// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # let index = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
    /// # franglais_index::indexer::build_index(&index, |_| {})?;
    /// use franglais_query::translate::Lexicon;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(dir.path())?;
    /// let options = SearchOptions::default();
    /// assert_eq!(searcher.search("bisbille", &options)?.total_hits, 1);
    /// // One French<TAB>English pair per line, as in a `--lexicon` file.
    /// searcher.add_lexicon(Lexicon::parse("bisbille\tsquabble\n", "my lexicon")?);
    /// assert_eq!(searcher.search("bisbille", &options)?.total_hits, 2);
    /// # Ok(()) }
    /// ```
    pub fn add_lexicon(&self, lexicon: Lexicon) {
        let mut translation = self.translation.write().unwrap_or_else(|e| e.into_inner());
        translation.0.extend(lexicon);
        translation.1 = Arc::new(Translator::with_default(
            &self.index.analyzer,
            &translation.0,
        ));
    }

    /// The translator of the moment.
    fn translator(&self) -> Arc<Translator> {
        let translation = self.translation.read().unwrap_or_else(|e| e.into_inner());
        translation.1.clone()
    }

    /// Sees the index as last committed (a `Searcher` otherwise keeps the
    /// state it was opened on).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
    /// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # let index = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
    /// # franglais_index::indexer::build_index(&index, |_| {})?;
    /// use franglais_index::indexer::build_index;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(dir.path())?;
    /// std::fs::write(corpus.path().join("new.txt"), "Moscou\n\nMoscou répond à l’Alliance.")?;
    /// build_index(&index, |_| {})?;
    /// assert_eq!(searcher.search("Moscou", &SearchOptions::default())?.total_hits, 0);
    /// searcher.reload()?;
    /// assert_eq!(searcher.search("Moscou", &SearchOptions::default())?.total_hits, 1);
    /// # Ok(()) }
    /// ```
    pub fn reload(&self) -> Result<()> {
        self.reader
            .reload()
            .map_err(|e| self.tantivy_error("reloading", e))
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// What the index holds, as of the searcher's view: documents, documents
    /// with text in each language, the index format, the last commit.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
    /// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path()), |_| {})?;
    /// use franglais_query::Searcher;
    /// let stats = Searcher::open(dir.path())?.stats()?;
    /// assert_eq!(stats.documents, 2);
    /// assert_eq!((stats.languages["fr"], stats.languages["en"]), (1, 1));
    /// assert!(stats.last_commit.is_some());
    /// # Ok(()) }
    /// ```
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let mut languages = std::collections::BTreeMap::new();
        for language in Language::ALL {
            let term = tantivy::Term::from_field_text(self.index.fields.langs, language.code());
            let query =
                tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
            let count = searcher
                .search(&query, &Count)
                .map_err(|e| self.tantivy_error("stats", e))?;
            languages.insert(language.code().to_string(), count as u64);
        }
        // tantivy keeps no commit time: its meta file is written last by a commit.
        let last_commit = std::fs::metadata(self.path.join("meta.json"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(utc_timestamp);
        Ok(IndexStats {
            documents: searcher.num_docs(),
            languages,
            format: franglais_index::schema::FORMAT_VERSION,
            last_commit,
        })
    }

    /// Runs one query. Any string is a valid query (see
    /// [`crate::syntax`]); an error here means the index could not be read.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let mut results = SearchResults {
            query: query.to_string(),
            ..Default::default()
        };
        let freqs = DocFreqs::new(&searcher);
        let Some(plan) = self.plan(&searcher, &freqs, query, options)? else {
            results.took_ms = elapsed_ms(started);
            return Ok(results);
        };
        let fields = self.index.fields;
        // No more hits than documents: tantivy sizes its heap by limit and
        // offset, and `--limit 1e12` must not ask for terabytes.
        let limit = options
            .limit
            .min(searcher.num_docs().saturating_sub(options.offset as u64) as usize);
        let filtered = date_filter(options, fields.date_key).map(|range| {
            let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Must, plan.query.box_clone()),
                // Filters only: it adds nothing to the score.
                (Occur::Must, Box::new(BoostQuery::new(range, 0.0))),
            ];
            BooleanQuery::new(clauses)
        });
        let to_run: &dyn Query = match &filtered {
            Some(filtered) => filtered,
            None => plan.query.as_ref(),
        };
        let (top, total) = self
            .top_hits(&searcher, to_run, &freqs, options, limit)
            .map_err(|e| self.tantivy_error(query, e))?;
        results.total_hits = total;
        let mut cursors = PostingsCursors::default();
        // Hits are read in index order, so that each term's postings are
        // walked forward once (see `PostingsCursors`), then put back in rank
        // order.
        let mut in_index_order: Vec<(usize, Score, DocAddress)> = top
            .into_iter()
            .enumerate()
            .map(|(rank, (score, address))| (rank, score, address))
            .collect();
        in_index_order.sort_by_key(|(_, _, address)| *address);
        let mut ranked: Vec<(usize, Hit)> = Vec::with_capacity(in_index_order.len());
        for (rank, score, address) in in_index_order {
            let doc = self
                .stores
                .get(&searcher, address)
                .map_err(|e| self.tantivy_error(query, e))?;
            let text = |field| doc.first_str(field).unwrap_or_default().to_string();
            let langs: Vec<Language> = doc
                .strs(fields.langs)
                .filter_map(Language::from_code)
                .collect();
            let hit = self.stored_hit(&searcher, address, &doc, &langs);
            let snippet = make_snippet(&hit, &plan.slots, &mut cursors, options.snippet_chars);
            // The title as indexed: analysed knowing the document's
            // languages (its main one is not stored; with one language, it
            // is that one).
            let title = text(fields.title);
            let document = DocumentLanguages {
                languages: text_languages(&langs),
                main: (langs.len() == 1).then(|| langs[0]),
            };
            // Highlights: the title's terms in the document's languages, no
            // detection (it was a fifth of a query's time). The explanation
            // wants them as indexed.
            let analysed = if options.explain {
                self.index
                    .analyzer
                    .analyze_as(&title, document, &mut AnalysisCache::default())
            } else {
                self.title_terms(&title, document.languages)
            };
            let shown_title = highlighted_title(&title, &analysed.tokens, &plan.slots);
            let explanation = options.explain.then(|| {
                let title_terms: Vec<(String, LanguageSet)> = analysed
                    .tokens
                    .iter()
                    .map(|t| t.text.clone())
                    .zip(analysed.token_languages.iter().copied())
                    .collect();
                explain(&hit, &plan.slots, &mut cursors, &title_terms)
            });
            ranked.push((
                rank,
                Hit {
                    id: text(fields.id),
                    path: text(fields.path),
                    title: shown_title.text,
                    title_highlights: shown_title.highlights,
                    date: doc.first_str(fields.date).and_then(Date::parse_iso),
                    url: stored_url(&doc, fields.url),
                    langs: langs.clone(),
                    score,
                    snippet,
                    explain: explanation,
                },
            ));
        }
        ranked.sort_by_key(|(rank, _)| *rank);
        results.hits = ranked.into_iter().map(|(_, hit)| hit).collect();
        results.took_ms = elapsed_ms(started);
        Ok(results)
    }

    /// Runs many queries on all cores, with one view of the index; results
    /// come back in input order, one per query. Threads take the next query
    /// as they finish one, so a run of slow queries does not leave a core
    /// idle; a query that panics answers [`Error::Panicked`] alone.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
    /// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # let index = franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
    /// # franglais_index::indexer::build_index(&index, |_| {})?;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(dir.path())?;
    /// let queries = ["OTAN".to_string(), String::new(), "zzzz".to_string()];
    /// let answers = searcher.search_batch(&queries, &SearchOptions::default());
    /// // One answer per query, in order; an error would be that query's alone.
    /// let totals = answers
    ///     .into_iter()
    ///     .map(|answer| answer.map(|results| results.total_hits))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(totals, [2, 0, 0]);
    /// # Ok(()) }
    /// ```
    pub fn search_batch(
        &self,
        queries: &[String],
        options: &SearchOptions,
    ) -> Vec<Result<SearchResults>> {
        self.search_all(queries.iter().map(|q| (q.as_str(), options)))
    }

    /// [`Searcher::search_batch`] with options of its own for each query.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("fr.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.")?;
    /// # std::fs::write(corpus.path().join("en.txt"), "The shield\n\nThe NATO missile shield starts a squabble among allies.")?;
    /// # let index = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], index.path()), |_| {})?;
    /// use franglais_index::Language;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(index.path())?;
    /// let english = SearchOptions::default().with_lang(Some(Language::En));
    /// let answers = searcher.search_each(&[
    ///     ("bouclier", SearchOptions::default()),
    ///     ("bouclier", english),
    /// ]);
    /// assert_eq!(answers[0].as_ref().unwrap().total_hits, 2);
    /// assert_eq!(answers[1].as_ref().unwrap().hits[0].id, "en");
    /// # Ok(()) }
    /// ```
    pub fn search_each<Q: AsRef<str> + Sync>(
        &self,
        requests: &[(Q, SearchOptions)],
    ) -> Vec<Result<SearchResults>> {
        self.search_all(requests.iter().map(|(q, o)| (q.as_ref(), o)))
    }

    /// Each query with its options, on all cores, answers in input order.
    fn search_all<'a>(
        &self,
        requests: impl ExactSizeIterator<Item = (&'a str, &'a SearchOptions)> + Send,
    ) -> Vec<Result<SearchResults>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        map_in_order(requests, threads, |(query, options)| {
            std::panic::catch_unwind(AssertUnwindSafe(|| self.search(query, options)))
                .unwrap_or(Err(Error::Panicked))
        })
    }

    /// The plan of `query` with `options` on the view `searcher`; `None`
    /// when nothing is left to search.
    fn plan<'s>(
        &self,
        searcher: &'s tantivy::Searcher,
        freqs: &'s DocFreqs<'s>,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Option<crate::plan::Plan>> {
        let translator = self.translator();
        build_plan(
            &parse(query),
            &self.index,
            searcher,
            freqs,
            Expansion {
                typos: &self.expander,
                prefixes: (options.prefix && !query.ends_with(char::is_whitespace))
                    .then_some(&self.completions),
            },
            options.translate.then_some(translator.as_ref()),
            options.lang,
        )
        .map_err(|e| self.tantivy_error(query, e))
    }

    /// The page of hits `options` asks for (`limit` of them, at most) as
    /// `(score, address)`, and how many documents match.
    fn top_hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        freqs: &DocFreqs,
        options: &SearchOptions,
        limit: usize,
    ) -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
        if limit == 0 {
            return Ok((Vec::new(), searcher.search(query, &Count)?));
        }
        let top = TopDocs::with_limit(limit).and_offset(options.offset);
        Ok(match options.sort {
            // Newest first; equal dates by score. Undated documents have
            // key 0: last.
            Sort::Date => {
                let top = top.order_by((
                    (
                        SortByStaticFastValue::<u64>::for_field(names::DATE_KEY),
                        Order::Desc,
                    ),
                    (SortBySimilarityScore, Order::Desc),
                ));
                let (top, total) =
                    searcher.search_with_statistics_provider(query, &(top, Count), freqs)?;
                let top = top
                    .into_iter()
                    .map(|((_, score), address)| (score, address));
                (top.collect(), total)
            }
            // Equal scores rank by a hash of the id. By doc address, as
            // tantivy ranks them, ties would come in the order documents
            // reached the index, which threads, flushes and updates vary.
            // (By the id itself, tantivy looks each up in the dictionary:
            // 10% more instructions per query.)
            Sort::Relevance => {
                let top = top.order_by((
                    (SortBySimilarityScore, Order::Desc),
                    (
                        SortByStaticFastValue::<u64>::for_field(names::ID_HASH),
                        Order::Asc,
                    ),
                ));
                let (top, total) =
                    searcher.search_with_statistics_provider(query, &(top, Count), freqs)?;
                let top = top
                    .into_iter()
                    .map(|((score, _), address)| (score, address));
                (top.collect(), total)
            }
        })
    }

    /// The stored document with `id`, or `None` if the index has none, as of
    /// the searcher's view (see [`Searcher::reload`]).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("001.txt"), "Le bouclier\n\nLa faisabilité du bouclier anti-missiles.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path()), |_| {})?;
    /// use franglais_query::Searcher;
    /// let searcher = Searcher::open(dir.path())?;
    /// let document = searcher.document("001")?.expect("indexed");
    /// assert_eq!(document.title, "Le bouclier");
    /// assert_eq!(document.text, "La faisabilité du bouclier anti-missiles.");
    /// assert!(searcher.document("002")?.is_none());
    /// # Ok(()) }
    /// ```
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        let searcher = self.reader.searcher();
        let stored = self.stored(&searcher, id)?;
        Ok(stored.map(|(_, doc)| self.stored_document(&doc)))
    }

    /// The stored document with `id` and every place in its text and title
    /// where `query` matches (as it would in a search with `options`:
    /// translations, prefix, language), or `None` if the index has no such
    /// document. What a reader view shows.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let corpus = tempfile::tempdir()?;
    /// # std::fs::write(corpus.path().join("001.txt"), "Le bouclier\n\nLe bouclier antimissile. Plus loin, encore le bouclier.")?;
    /// # let dir = tempfile::tempdir()?;
    /// # franglais_index::indexer::build_index(&franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path()), |_| {})?;
    /// use franglais_query::{SearchOptions, Searcher};
    /// let searcher = Searcher::open(dir.path())?;
    /// let read = searcher.read("001", "bouclier", &SearchOptions::default())?.expect("indexed");
    /// // Character offsets into the text, every match (a snippet shows one passage).
    /// assert_eq!(read.highlights, [[3, 11], [46, 54]]);
    /// assert_eq!(read.title_highlights, [[3, 11]]);
    /// # Ok(()) }
    /// ```
    pub fn read(
        &self,
        id: &str,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Option<HighlightedDocument>> {
        let searcher = self.reader.searcher();
        let Some((address, doc)) = self.stored(&searcher, id)? else {
            return Ok(None);
        };
        let mut document = self.stored_document(&doc);
        let freqs = DocFreqs::new(&searcher);
        let Some(plan) = self.plan(&searcher, &freqs, query, options)? else {
            return Ok(Some(HighlightedDocument {
                document,
                highlights: Vec::new(),
                title_highlights: Vec::new(),
            }));
        };
        let hit = self.stored_hit(&searcher, address, &doc, &document.langs);
        let matches = every_match(&hit, &plan.slots, &mut PostingsCursors::default());
        let highlights = char_ranges(&document.text, &matches);
        let title = self.shown_title(&document.title, &document.langs, &plan.slots);
        document.title = title.text;
        Ok(Some(HighlightedDocument {
            document,
            highlights,
            title_highlights: title.highlights,
        }))
    }

    /// The terms of a title in its document's `languages`, no detection
    /// (it was a fifth of a query's time), for highlighting.
    fn title_terms(&self, title: &str, languages: LanguageSet) -> AnalyzedText {
        TITLE_STEMS.with_borrow_mut(|cache| self.index.analyzer.analyze_in(title, languages, cache))
    }

    /// `title` as shown, with what `slots` match in it highlighted.
    fn shown_title(&self, title: &str, langs: &[Language], slots: &[Slot]) -> Snippet {
        let analysed = self.title_terms(title, text_languages(langs));
        highlighted_title(title, &analysed.tokens, slots)
    }

    /// The document with `id` in `searcher`'s view: where it is, and its
    /// stored fields.
    fn stored(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
    ) -> Result<Option<(DocAddress, StoredDoc)>> {
        let term = tantivy::Term::from_field_text(self.index.fields.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let found = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.tantivy_error(id, e))?;
        let Some((_, address)) = found.into_iter().next() else {
            return Ok(None);
        };
        let doc = self
            .stores
            .get(searcher, address)
            .map_err(|e| self.tantivy_error(id, e))?;
        Ok(Some((address, doc)))
    }

    /// A stored document where snippets and highlights read it: its
    /// segment, body and position map.
    fn stored_hit<'a>(
        &self,
        searcher: &'a tantivy::Searcher,
        address: DocAddress,
        doc: &'a StoredDoc,
        langs: &[Language],
    ) -> StoredHit<'a> {
        let fields = self.index.fields;
        StoredHit {
            segment: searcher.segment_reader(address.segment_ord),
            segment_ord: address.segment_ord,
            bodies: fields.bodies,
            text_languages: text_languages(langs),
            doc: address.doc_id,
            text: doc.first_bytes(fields.text).unwrap_or_default(),
            spans_map: doc.first_bytes(fields.spans).unwrap_or_default(),
        }
    }

    /// A stored document as the API gives it.
    fn stored_document(&self, doc: &StoredDoc) -> Document {
        let fields = self.index.fields;
        let text = |field| doc.first_str(field).unwrap_or_default().to_string();
        Document {
            id: text(fields.id),
            path: text(fields.path),
            title: text(fields.title),
            date: doc.first_str(fields.date).and_then(Date::parse_iso),
            url: stored_url(doc, fields.url),
            langs: doc
                .strs(fields.langs)
                .filter_map(Language::from_code)
                .collect(),
            text: text(fields.text),
        }
    }

    fn tantivy_error(&self, query: &str, source: tantivy::TantivyError) -> Error {
        Error::Search {
            path: self.path.clone(),
            query: query.to_string(),
            reason: source.to_string(),
        }
    }
}

/// The languages whose text holds all of a document's terms: its one
/// language (every segment of a one-language document goes through that
/// language's chain), or both (also when none was told: a short text).
fn text_languages(langs: &[Language]) -> LanguageSet {
    match langs {
        [one] => LanguageSet::of(*one),
        _ => LanguageSet::ALL,
    }
}

/// A document's address, if it has one (an empty one is none).
fn stored_url(doc: &StoredDoc, field: tantivy::schema::Field) -> Option<String> {
    doc.first_str(field)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
}

/// `time` as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_timestamp(time: std::time::SystemTime) -> Option<String> {
    let seconds = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let day = Date::from_days_since_epoch(i64::try_from(seconds / 86_400).ok()?)?;
    let of_day = seconds % 86_400;
    Some(format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.iso(),
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    ))
}

fn elapsed_ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_from_memory_are_added_replaced_deleted_and_fetched(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use franglais_index::memory::{DocumentWriter, NewDocument};
        let dir = tempfile::tempdir()?;
        let mut writer = DocumentWriter::open(dir.path())?;
        // Empty but committed: it can be searched already.
        let searcher = Searcher::open(dir.path())?;
        assert_eq!(
            searcher
                .search("bouclier", &SearchOptions::default())?
                .total_hits,
            0
        );

        writer.put(
            NewDocument::new(
                "fr-1",
                "Le bouclier antimissile de l’OTAN sème la bisbille entre alliés.",
            )
            .with_title("Le bouclier")
            .with_date("3 mars 2017")
            .with_url("https://example.org/fr-1"),
        )?;
        writer.put(NewDocument::new(
            "en-1",
            "The shield\n\nThe NATO missile shield starts a squabble among allies.",
        ))?;
        writer.commit()?;
        searcher.reload()?;
        let results = searcher.search("bouclier", &SearchOptions::default())?;
        let mut found: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
        found.sort();
        // French as typed, English through the translation.
        assert_eq!(found, ["en-1", "fr-1"]);
        let fr = searcher.document("fr-1")?.expect("stored");
        assert_eq!(
            (fr.title.as_str(), fr.date.map(|d| d.iso())),
            ("Le bouclier", Some("2017-03-03".to_string()))
        );
        assert_eq!(fr.url.as_deref(), Some("https://example.org/fr-1"));
        assert_eq!(fr.langs, [Language::Fr]);
        let en = searcher.document("en-1")?.expect("stored");
        assert_eq!(en.title, "The shield");
        assert_eq!(en.langs, [Language::En]);

        // Replace one, delete the other: not seen before the commit.
        writer.put(
            NewDocument::new(
                "fr-1",
                "La Russie et l’OTAN constatent leurs désaccords à Bruxelles.",
            )
            .with_title("Désaccords"),
        )?;
        writer.delete("en-1");
        searcher.reload()?;
        assert!(searcher.document("en-1")?.is_some());
        writer.commit()?;
        searcher.reload()?;
        assert!(searcher.document("en-1")?.is_none());
        assert_eq!(
            searcher.document("fr-1")?.expect("replaced").title,
            "Désaccords"
        );
        assert_eq!(
            searcher
                .search("bouclier", &SearchOptions::default())?
                .total_hits,
            0
        );
        assert_eq!(
            searcher
                .search("désaccords", &SearchOptions::default())?
                .total_hits,
            1
        );
        assert!(writer.put(NewDocument::new(" ", "text")).is_err());
        Ok(())
    }

    #[test]
    fn dates_filter_and_sort() -> Result<(), Box<dyn std::error::Error>> {
        let corpus = tempfile::tempdir()?;
        let record = |id: &str, date: &str| {
            format!(
                r#"{{"id": "{id}", "title": "Sommet {id}", "body": "Le sommet de l’Otan à Madrid réunit les alliés.", "date": "{date}"}}"#
            )
        };
        let lines = [
            record("a", "2021-06-14"),
            record("b", "2022-06-29"),
            record("c", "3 mars 2022"),
        ];
        std::fs::write(corpus.path().join("feed.jsonl"), lines.join("\n"))?;
        std::fs::write(
            corpus.path().join("d.txt"),
            "Sommet d\n\nLe sommet de l’Otan à Madrid réunit les alliés.",
        )?;
        let dir = tempfile::tempdir()?;
        let options =
            franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
        franglais_index::indexer::build_index(&options, |_| {})?;
        let searcher = Searcher::open(dir.path())?;
        let ids = |options: SearchOptions| -> Vec<String> {
            let results = searcher.search("sommet Otan", &options).expect("search");
            results.hits.into_iter().map(|h| h.id).collect()
        };
        let date = |s| Date::parse_iso(s);
        let mut all = ids(SearchOptions::default());
        all.sort();
        assert_eq!(all, ["a", "b", "c", "d"]);
        let in_2022 = SearchOptions::default().with_dates(date("2022-01-01"), date("2022-12-31"));
        let mut found = ids(in_2022);
        found.sort();
        assert_eq!(found, ["b", "c"]);
        assert_eq!(
            ids(SearchOptions::default().with_dates(None, date("2021-12-31"))),
            ["a"]
        );
        assert_eq!(
            ids(SearchOptions::default().with_sort(Sort::Date)),
            ["b", "c", "a", "d"]
        );
        Ok(())
    }

    #[test]
    fn a_lexicon_added_on_a_shared_searcher_takes_effect() -> Result<(), Box<dyn std::error::Error>>
    {
        let corpus = tempfile::tempdir()?;
        std::fs::write(
            corpus.path().join("fr.txt"),
            "Le bouclier\n\nLe bouclier antimissile de l’OTAN sème la bisbille entre alliés.",
        )?;
        std::fs::write(
            corpus.path().join("en.txt"),
            "The shield\n\nThe NATO missile shield starts a squabble among allies.",
        )?;
        let dir = tempfile::tempdir()?;
        let options =
            franglais_index::indexer::IndexOptions::new(vec![corpus.path().into()], dir.path());
        franglais_index::indexer::build_index(&options, |_| {})?;
        let searcher = Searcher::open(dir.path())?;
        let search = SearchOptions::default();
        // Searches go on in another thread while the lexicon is added: each
        // sees the lexicon before or after, never a half-built one.
        std::thread::scope(|scope| {
            let running = scope.spawn(|| {
                (0..50)
                    .map(|_| searcher.search("bisbille", &search).map(|r| r.total_hits))
                    .collect::<Result<Vec<_>>>()
            });
            searcher.add_lexicon(Lexicon::parse("bisbille\tsquabble\n", "test").expect("lexicon"));
            let totals = running.join().expect("no panic").expect("searches");
            assert!(totals.iter().all(|t| *t == 1 || *t == 2), "{totals:?}");
        });
        assert_eq!(searcher.search("bisbille", &search)?.total_hits, 2);
        Ok(())
    }
}
