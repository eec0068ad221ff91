//! Building and updating an index from corpus folders.
//!
//! An update is one tantivy commit: documents whose fingerprint changed are
//! deleted and added again, vanished ones deleted, unchanged ones left
//! alone. Until that commit lands, readers (and a later run, if this one is
//! killed) see the previous commit; tantivy clears the unfinished segment
//! files on the next run. Its writer lock is an OS file lock, released when
//! a process dies, so a killed run never blocks the next one.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use tantivy::schema::Value;
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::Xxh3;

use crate::analysis::chain::{Language, LanguageSet};
use crate::analysis::{AnalysisCache, Analyzer, DocumentLanguages};
use crate::boilerplate::LineCounter;
use crate::corpus::{read_corpus, SourceDocument, Warning};
use crate::date::Date;
use crate::document::{extract, ExtractedDocument, TitleSource};
use crate::error::{Error, Result};
use crate::parallel::map_in_order;
use crate::schema::{
    build_schema, id_hash, index_exists, open_index, with_analyzer, CommitPayload, FranglaisIndex,
    FORMAT_VERSION,
};
use crate::spans;
use crate::writer_doc::WriterDoc;

/// A language counts for a document when at least this share of the words
/// of its sentences (segments of six or more words of two letters or more)
/// is in it, so that quoted phrases, commands and footers do not make a
/// French article English. Measured: seed 001, French quoting Rasmussen in
/// English, is about 18% English; on the man pages, 3% of English pages and
/// 1% of French ones then also carry the other language.
pub const MIN_LANGUAGE_SHARE: f64 = 0.15;

/// Memory tantivy's writer may use before it writes a segment.
const WRITER_MEMORY_BYTES: usize = 200_000_000;

/// What to index and where: [`IndexOptions::new`], then set what differs
/// (the struct will grow).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IndexOptions {
    /// Corpus folders, read recursively.
    pub corpus: Vec<PathBuf>,
    /// The index folder, created if needed.
    pub index: PathBuf,
    /// Re-index every document even if unchanged.
    pub rebuild: bool,
    /// Analysis threads (tantivy's writer adds one); 0 means one per core.
    pub threads: usize,
    /// Set it (from a Ctrl-C handler, another thread) to stop the run
    /// before its commit: [`build_index`] then returns
    /// [`Error::Interrupted`] and the index stays as it was.
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl IndexOptions {
    /// Options for `corpus` into `index`, incremental, one thread per core.
    pub fn new(corpus: Vec<PathBuf>, index: impl Into<PathBuf>) -> Self {
        IndexOptions {
            corpus,
            index: index.into(),
            rebuild: false,
            threads: 0,
            interrupt: None,
        }
    }

    /// [`Error::Interrupted`] if the run was asked to stop.
    fn check_interrupt(&self) -> Result<()> {
        match &self.interrupt {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Error::Interrupted {
                path: self.index.clone(),
            }),
            _ => Ok(()),
        }
    }
}

/// Progress reported while indexing.
#[derive(Debug)]
pub enum Event<'a> {
    /// A file skipped or read with a caveat.
    Warning(&'a Warning),
    /// Analysis starts: this many documents, this many bytes, to index.
    Started {
        /// Documents to analyse.
        documents: usize,
        /// Their size in bytes.
        bytes: u64,
    },
    /// One more document analysed, of this many bytes.
    Indexed {
        /// Its size in bytes.
        bytes: u64,
    },
    /// Analysis is over; the commit is being written.
    Committing,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// New documents.
    pub added: usize,
    /// Changed documents, indexed again.
    pub updated: usize,
    /// Documents gone from the corpus, removed from the index.
    pub removed: usize,
    /// Documents left as they were.
    pub unchanged: usize,
    /// Files or records skipped (see the warnings).
    pub skipped: usize,
    /// Files of other kinds than those read, left alone.
    pub ignored: usize,
    /// Documents in the index afterwards, per language.
    pub languages: BTreeMap<Language, usize>,
    /// Documents in the index afterwards.
    pub documents: usize,
    /// Bytes of corpus text read.
    pub bytes: u64,
    /// Distinct boilerplate lines found in the corpus.
    pub boilerplate_lines: usize,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl IndexSummary {
    /// Whether the run changed the index.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Builds or updates the index described by `options`, reporting progress
/// to `on_event`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use franglais_index::indexer::{build_index, IndexOptions};
/// let corpus = tempfile::tempdir()?;
/// std::fs::write(corpus.path().join("a.txt"), "Le bouclier\n\nLe bouclier antimissile de l’OTAN.")?;
/// let index = tempfile::tempdir()?;
/// let options = IndexOptions::new(vec![corpus.path().into()], index.path());
/// let first = build_index(&options, |_| {})?;
/// assert_eq!(first.added, 1);
/// let second = build_index(&options, |_| {})?;
/// assert_eq!((second.added, second.unchanged, second.changed()), (0, 1, false));
/// # Ok(()) }
/// ```
pub fn build_index(
    options: &IndexOptions,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<IndexSummary> {
    let started = Instant::now();
    let corpus = read_corpus(&options.corpus)?;
    for warning in &corpus.warnings {
        on_event(Event::Warning(warning));
    }
    let mut summary = IndexSummary {
        skipped: corpus.warnings.iter().filter(|w| w.is_skip()).count(),
        ignored: corpus.ignored,
        bytes: corpus.bytes,
        ..Default::default()
    };

    let threads = effective_threads(options.threads);
    // Counting lines and extracting documents are per document: on all
    // cores (they were a tenth of the run, on one).
    let boilerplate = map_in_order(corpus.documents.chunks(CHUNK), threads, |docs| {
        let mut counter = LineCounter::default();
        docs.iter().for_each(|doc| counter.add_document(&doc.text));
        counter
    })
    .into_iter()
    .reduce(|mut all, part| {
        all.merge(part);
        all
    })
    .unwrap_or_default()
    .finish();
    summary.boilerplate_lines = boilerplate.len();

    options.check_interrupt()?;
    let (index, staging, created) = open_or_create(&options.index, options.rebuild)?;
    let dir = staging.clone().unwrap_or_else(|| options.index.clone());
    let existing = if options.rebuild {
        HashMap::new()
    } else {
        stored_fingerprints(&index, &dir)?
    };

    let extracted = map_in_order(corpus.documents.iter(), threads, |source| {
        let extracted = extract(source, &boilerplate);
        let fingerprint = fingerprint(source, &extracted);
        (extracted, fingerprint)
    });
    let mut to_index = Vec::new();
    let mut kept: HashMap<&str, Vec<Language>> = HashMap::new();
    for (source, (extracted, fingerprint)) in corpus.documents.into_iter().zip(extracted) {
        match existing.get_key_value(&source.id) {
            Some((id, stored)) if stored.fingerprint == fingerprint => {
                summary.unchanged += 1;
                kept.insert(id, stored.languages.clone());
            }
            Some(_) => {
                summary.updated += 1;
                to_index.push((source, extracted, fingerprint));
            }
            None => {
                summary.added += 1;
                to_index.push((source, extracted, fingerprint));
            }
        }
    }
    let new_ids: std::collections::HashSet<&str> =
        to_index.iter().map(|(s, _, _)| s.id.as_str()).collect();
    let removed: Vec<&str> = existing
        .keys()
        .map(String::as_str)
        .filter(|id| !kept.contains_key(id) && !new_ids.contains(id))
        .collect();
    summary.removed = removed.len();

    let mut languages: Vec<Vec<Language>> = kept.into_values().collect();
    // A new index is committed even when empty: an index without a commit
    // of ours reads as one of another version.
    if summary.changed() || options.rebuild || created {
        let mut writer = writer(&index, &dir)?;
        if options.rebuild {
            writer
                .delete_all_documents()
                .map_err(|e| Error::tantivy(&dir, e))?;
        }
        for id in removed.iter().copied().chain(
            to_index
                .iter()
                .filter(|(s, _, _)| existing.contains_key(&s.id))
                .map(|(s, _, _)| s.id.as_str()),
        ) {
            writer.delete_term(Term::from_field_text(index.fields.id, id));
        }
        languages.extend(add_documents(
            &index,
            &writer,
            &dir,
            to_index,
            options,
            &mut on_event,
        )?);
        // The last moment to stop: after this, the commit lands.
        options.check_interrupt()?;
        on_event(Event::Committing);
        commit(&mut writer, &dir)?;
        writer
            .wait_merging_threads()
            .map_err(|e| Error::tantivy(&dir, e))?;
        if let Some(staging) = staging {
            drop(index);
            swap_in(&staging, &options.index)?;
        }
    }
    summary.documents = languages.len();
    for langs in languages {
        for lang in langs {
            *summary.languages.entry(lang).or_default() += 1;
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Commits what `writer` holds, with franglais' payload (its format).
pub(crate) fn commit(writer: &mut IndexWriter<WriterDoc>, dir: &Path) -> Result<()> {
    let mut commit = writer
        .prepare_commit()
        .map_err(|e| Error::tantivy(dir, e))?;
    commit.set_payload(&serde_json::to_string(&CommitPayload::current()).unwrap_or_default());
    commit.commit().map_err(|e| Error::tantivy(dir, e))?;
    Ok(())
}

/// Opens the index, or creates it in an empty or missing folder (then the
/// third value is true). With `rebuild`, an index this version cannot read
/// is rebuilt in a staging folder beside it, returned second, and swapped in
/// after the commit: until then the old one stays where it was.
pub(crate) fn open_or_create(
    dir: &Path,
    rebuild: bool,
) -> Result<(FranglaisIndex, Option<PathBuf>, bool)> {
    if dir.is_file() {
        return Err(Error::IndexIsFile {
            path: dir.to_path_buf(),
        });
    }
    if index_exists(dir) {
        return match open_index(dir) {
            Ok(index) => Ok((index, None, false)),
            Err(Error::IncompatibleIndex { .. } | Error::DamagedIndex { .. }) if rebuild => {
                let staging = sibling(dir, "new");
                if staging.exists() {
                    fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
                }
                fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
                Ok((create(&staging)?, Some(staging), true))
            }
            Err(e) => Err(e),
        };
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let not_empty = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .next()
        .is_some();
    if not_empty {
        return Err(Error::NotAnIndex {
            path: dir.to_path_buf(),
        });
    }
    Ok((create(dir)?, None, true))
}

fn create(dir: &Path) -> Result<FranglaisIndex> {
    let (schema, fields) = build_schema();
    let index = Index::create_in_dir(dir, schema).map_err(|e| Error::tantivy(dir, e))?;
    Ok(with_analyzer(index, fields))
}

/// `index` → `index.new`, beside it.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "index".into());
    name.push(".");
    name.push(suffix);
    dir.with_file_name(name)
}

/// Puts the complete index built in `staging` in place of `dir`.
fn swap_in(staging: &Path, dir: &Path) -> Result<()> {
    let old = sibling(dir, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
    fs::rename(staging, dir).map_err(|e| Error::io(staging, e))?;
    fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))
}

/// tantivy's writer runs one indexing thread beside the analysis threads,
/// so that a run writes one segment (up to [`WRITER_MEMORY_BYTES`]): every
/// query then walks one term dictionary and builds one set of scorers, not
/// one per thread. Measured on the man pages: searches 20-25% faster,
/// indexing about 4% slower (analysis, not tantivy, is the bottleneck).
pub(crate) fn writer(index: &FranglaisIndex, dir: &Path) -> Result<IndexWriter<WriterDoc>> {
    index
        .index
        .writer_with_num_threads(1, WRITER_MEMORY_BYTES)
        .map_err(|e| Error::tantivy(dir, e))
}

/// Documents per work item of [`map_in_order`] when counting lines.
const CHUNK: usize = 64;

fn effective_threads(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

struct Stored {
    fingerprint: u64,
    languages: Vec<Language>,
}

/// The id, fingerprint and languages of every document in the index.
fn stored_fingerprints(index: &FranglaisIndex, path: &Path) -> Result<HashMap<String, Stored>> {
    let reader = index.index.reader().map_err(|e| Error::tantivy(path, e))?;
    let searcher = reader.searcher();
    let fields = index.fields;
    let mut stored = HashMap::new();
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(1)
            .map_err(|e| Error::io(path, e))?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.map_err(|e| Error::tantivy(path, e))?;
            let (Some(id), Some(fingerprint)) = (
                doc.get_first(fields.id).and_then(|v| v.as_str()),
                doc.get_first(fields.fingerprint).and_then(|v| v.as_u64()),
            ) else {
                continue;
            };
            let languages = doc
                .get_all(fields.langs)
                .filter_map(|v| v.as_str().and_then(Language::from_code))
                .collect();
            stored.insert(
                id.to_string(),
                Stored {
                    fingerprint,
                    languages,
                },
            );
        }
    }
    Ok(stored)
}

/// Hash of everything that ends up in the index for a document.
pub(crate) fn fingerprint(source: &SourceDocument, extracted: &ExtractedDocument) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(&FORMAT_VERSION.to_le_bytes());
    for part in [
        source.id.as_str(),
        source.path.as_str(),
        source.meta.lang.as_deref().unwrap_or(""),
        source.meta.url.as_deref().unwrap_or(""),
        extracted.title.as_str(),
        extracted.date.as_deref().unwrap_or(""),
        extracted.body.as_str(),
        extracted.boilerplate.as_str(),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.digest()
}

/// Analyses documents on `threads` threads and adds them to the writer;
/// returns the languages of each.
fn add_documents(
    index: &FranglaisIndex,
    writer: &IndexWriter<WriterDoc>,
    dir: &Path,
    documents: Vec<(SourceDocument, ExtractedDocument, u64)>,
    options: &IndexOptions,
    on_event: &mut impl FnMut(Event<'_>),
) -> Result<Vec<Vec<Language>>> {
    let bytes = documents.iter().map(|(s, _, _)| s.text.len() as u64).sum();
    on_event(Event::Started {
        documents: documents.len(),
        bytes,
    });
    let next = AtomicUsize::new(0);
    let cache = &BoilerplateCache::default();
    let (sender, receiver) = mpsc::channel::<Result<(u64, Vec<Language>)>>();
    let documents = &documents;
    std::thread::scope(|scope| {
        for _ in 0..effective_threads(options.threads).min(documents.len().max(1)) {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                let mut analysis = AnalysisCache::default();
                loop {
                    if options.check_interrupt().is_err() {
                        break; // the caller reports it
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((source, extracted, fingerprint)) = documents.get(i) else {
                        break;
                    };
                    let prepared =
                        prepare(index, cache, &mut analysis, source, extracted, *fingerprint);
                    let size = source.text.len() as u64;
                    let result = writer
                        .add_document(prepared.0)
                        .map(|_| (size, prepared.1))
                        .map_err(|e| Error::tantivy(dir, e));
                    if sender.send(result).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut languages = Vec::with_capacity(documents.len());
        for result in receiver {
            let (bytes, langs) = result?;
            on_event(Event::Indexed { bytes });
            languages.push(langs);
        }
        Ok(languages)
    })
}

/// Analyses one document into a tantivy document.
/// Analyses of boilerplate lines, shared by the analysis threads: a
/// boilerplate line recurs across documents by definition, so each distinct
/// line is analysed once per run (it was a third of the indexing time on
/// the man pages).
#[derive(Default)]
pub(crate) struct BoilerplateCache {
    lines: RwLock<HashMap<String, Arc<LineTerms>>>,
}

/// The terms of one line with their positions, and how many positions the
/// line takes.
struct LineTerms {
    terms: Vec<(usize, String)>,
    width: usize,
}

impl BoilerplateCache {
    /// Tokens of the boilerplate `text` (lines), one position apart between
    /// lines. No offsets: boilerplate is never quoted in snippets.
    fn tokens(&self, analyzer: &Analyzer, analysis: &mut AnalysisCache, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut base = 0;
        for line in text.lines() {
            let cached = self
                .lines
                .read()
                .ok()
                .and_then(|lines| lines.get(line).cloned());
            let line_terms = cached.unwrap_or_else(|| {
                let analyzed = analyzer.analyze_with(line, analysis);
                let terms = analyzed
                    .tokens
                    .into_iter()
                    .map(|t| (t.position, t.text))
                    .collect();
                let line_terms = Arc::new(LineTerms {
                    terms,
                    width: analyzed.spans.len(),
                });
                if let Ok(mut lines) = self.lines.write() {
                    lines.insert(line.to_string(), line_terms.clone());
                }
                line_terms
            });
            for (position, term) in &line_terms.terms {
                tokens.push(Token {
                    position: base + position,
                    text: term.clone(),
                    ..Token::default()
                });
            }
            base += line_terms.width + 1;
        }
        tokens
    }
}

pub(crate) fn prepare(
    index: &FranglaisIndex,
    cache: &BoilerplateCache,
    analysis: &mut AnalysisCache,
    source: &SourceDocument,
    extracted: &ExtractedDocument,
    fingerprint: u64,
) -> (WriterDoc, Vec<Language>) {
    let fields = index.fields;
    let analyzer = &index.analyzer;
    // The document's languages first: they decide the chains of segments
    // too short to tell, or told in a language the document is not in.
    let classified = [
        analyzer.language_bytes(&extracted.body, analysis),
        analyzer.language_bytes(&extracted.title, analysis),
    ];
    let languages = document_languages(&classified, source.meta.lang.as_deref());
    let document = DocumentLanguages {
        languages: LanguageSet::from_languages(&languages),
        main: main_language(&classified),
    };
    let body = analyzer.analyze_as(&extracted.body, document, analysis);
    let mut doc = WriterDoc::default();
    doc.add_text(fields.id, &source.id);
    doc.add_text(fields.path, &source.path);
    doc.add_text(fields.title, &extracted.title);
    let spans = spans::encode(&body.spans);
    // A title guessed from the text's first words is body text, already
    // indexed as such: it earns nothing as a title.
    if extracted.title_source != TitleSource::Opening {
        let title = analyzer.analyze_as(&extracted.title, document, analysis);
        for (field, tokens) in fields.titles.into_iter().zip(title.by_language()) {
            doc.add_pre_tokenized_text(field, pre_tokenized(tokens));
        }
    }
    for (field, tokens) in fields.bodies.into_iter().zip(body.by_language()) {
        doc.add_pre_tokenized_text(field, pre_tokenized(tokens));
    }
    doc.add_text(fields.text, &extracted.body);
    doc.add_text(fields.spans, spans);
    if !extracted.boilerplate.is_empty() {
        let tokens = cache.tokens(analyzer, analysis, &extracted.boilerplate);
        doc.add_pre_tokenized_text(
            fields.boilerplate,
            PreTokenizedString {
                text: String::new(),
                tokens,
            },
        );
    }
    if let Some(date) = &extracted.date {
        doc.add_text(fields.date, date);
    }
    for lang in &languages {
        doc.add_text(fields.langs, lang.code());
    }
    if let Some(url) = &source.meta.url {
        doc.add_text(fields.url, url);
    }
    doc.add_u64(fields.fingerprint, fingerprint);
    doc.add_u64(fields.id_hash, id_hash(&source.id));
    let date_key = extracted.date.as_deref().and_then(Date::parse_iso);
    doc.add_u64(fields.date_key, date_key.map_or(0, |d| d.key()));
    (doc, languages)
}

/// Tokens for a field whose text is not stored.
fn pre_tokenized(tokens: Vec<Token>) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// The bytes classified in each language over a document's fields.
fn language_totals(classified: &[[usize; 2]]) -> [usize; 2] {
    classified
        .iter()
        .fold([0usize; 2], |acc, b| [acc[0] + b[0], acc[1] + b[1]])
}

/// The language most of a document's sentences are in, if any is told.
fn main_language(classified: &[[usize; 2]]) -> Option<Language> {
    let totals = language_totals(classified);
    Language::ALL
        .into_iter()
        .filter(|l| totals[l.ordinal()] > 0)
        .max_by_key(|l| totals[l.ordinal()])
}

/// The languages of a document from the bytes classified in each, plus the
/// language a JSON Lines record declares.
fn document_languages(classified: &[[usize; 2]], declared: Option<&str>) -> Vec<Language> {
    let totals = language_totals(classified);
    let all = (totals[0] + totals[1]).max(1) as f64;
    let mut languages: Vec<Language> = Language::ALL
        .iter()
        .zip(totals)
        .filter(|(_, bytes)| *bytes > 0 && *bytes as f64 / all >= MIN_LANGUAGE_SHARE)
        .map(|(lang, _)| *lang)
        .collect();
    if let Some(lang) = declared.and_then(Language::from_code) {
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    // Alphabetical by code, as printed: `en`, `fr`.
    languages.sort_by_key(|l| l.code());
    languages
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_run_writes_one_segment_whatever_the_analysis_threads() {
        let (_dir, index) = crate::test_support::seed_index(4);
        assert_eq!(index.index.reader().unwrap().searcher().num_docs(), 5);
        let segments = index.index.searchable_segment_ids().unwrap();
        assert_eq!(segments.len(), 1);
    }
}
