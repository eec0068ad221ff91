//! The index schema, and opening an index with franglais' analyzer
//! registered.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::Index;

use crate::analysis::{Analyzer, FranglaisTokenizer, TOKENIZER_NAME};
use crate::error::{Error, Result};
use crate::Language;

/// Version of the on-disk format (schema and analysis). Bump it whenever
/// either changes: an index of another version must be rebuilt.
pub const FORMAT_VERSION: u32 = 5;

/// The fields of a franglais index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id, indexed as one term (for updates and deletes), stored.
    pub id: Field,
    /// Source file, stored.
    pub path: Field,
    /// Headline as written, stored.
    pub title: Field,
    /// The headline's terms of each language's text, French then English
    /// ([`Language::ordinal`]).
    pub titles: [Field; 2],
    /// The body's terms of each language's text, French then English; not
    /// stored (see `text`). Positions are shared: a position is one word of
    /// the body whichever language's field holds its term.
    pub bodies: [Field; 2],
    /// Body as written: stored for snippets.
    pub text: Field,
    /// Position → byte range of the body's words ([`crate::spans`]).
    pub spans: Field,
    /// Boilerplate lines: analysed with a low weight, not stored.
    pub boilerplate: Field,
    /// `YYYY-MM-DD`, one term, stored.
    pub date: Field,
    /// Languages of the document (`fr`, `en`), one term each, stored.
    pub langs: Field,
    /// Source address of a JSON Lines record, stored.
    pub url: Field,
    /// Hash of everything indexed for the document: unchanged means skip.
    pub fingerprint: Field,
    /// Hash of the id ([`id_hash`]), a fast field: equal scores rank by
    /// it, so that ties do not depend on how the index was built.
    pub id_hash: Field,
    /// The date as [`crate::date::Date::key`] (0: none), a fast field to
    /// filter and sort by.
    pub date_key: Field,
}

impl Fields {
    /// The body field of `language`'s text.
    pub fn body(&self, language: Language) -> Field {
        self.bodies[language.ordinal()]
    }

    /// The title field of `language`'s text.
    pub fn title_of(&self, language: Language) -> Field {
        self.titles[language.ordinal()]
    }

    /// All of `language`'s text: its body and title fields.
    pub fn text_of(&self, language: Language) -> [Field; 2] {
        [self.body(language), self.title_of(language)]
    }
}

/// Field names, also used by the query crate's `title:` syntax.
pub mod names {
    /// See [`super::Fields::id`].
    pub const ID: &str = "id";
    /// See [`super::Fields::title`].
    pub const TITLE: &str = "title";
    /// See [`super::Fields::titles`].
    pub const TITLES: [&str; 2] = ["title_fr", "title_en"];
    /// See [`super::Fields::bodies`].
    pub const BODIES: [&str; 2] = ["body_fr", "body_en"];
    /// See [`super::Fields::boilerplate`].
    pub const BOILERPLATE: &str = "boilerplate";
    /// See [`super::Fields::id_hash`].
    pub const ID_HASH: &str = "id_hash";
    /// See [`super::Fields::date_key`].
    pub const DATE_KEY: &str = "date_key";
}

/// Builds the schema.
///
/// ```
/// let (schema, fields) = franglais_index::schema::build_schema();
/// assert_eq!(schema.get_field_name(fields.title), "title");
/// ```
pub fn build_schema() -> (Schema, Fields) {
    let analysed = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let analysed_text = TextOptions::default().set_indexing_options(analysed);
    let mut builder = Schema::builder();
    let fields = Fields {
        id: builder.add_text_field(names::ID, STRING | STORED),
        path: builder.add_text_field("path", STORED),
        title: builder.add_text_field(names::TITLE, STORED),
        titles: names::TITLES.map(|name| builder.add_text_field(name, analysed_text.clone())),
        bodies: names::BODIES.map(|name| builder.add_text_field(name, analysed_text.clone())),
        text: builder.add_text_field("text", STORED),
        spans: builder.add_text_field("spans", STORED),
        boilerplate: builder.add_text_field(names::BOILERPLATE, analysed_text),
        date: builder.add_text_field("date", STRING | STORED),
        langs: builder.add_text_field("langs", STRING | STORED),
        url: builder.add_text_field("url", STORED),
        fingerprint: builder.add_u64_field("fingerprint", NumericOptions::default().set_stored()),
        id_hash: builder.add_u64_field(names::ID_HASH, FAST),
        date_key: builder.add_u64_field(names::DATE_KEY, FAST | INDEXED),
    };
    (builder.build(), fields)
}

/// What franglais writes into each commit's payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CommitPayload {
    /// [`FORMAT_VERSION`] of the writer.
    pub franglais_format: u32,
}

impl CommitPayload {
    /// The payload of this version.
    pub fn current() -> CommitPayload {
        CommitPayload {
            franglais_format: FORMAT_VERSION,
        }
    }
}

/// An opened franglais index.
#[derive(Clone)]
pub struct FranglaisIndex {
    /// The tantivy index, with the analyzer registered.
    pub index: Index,
    /// Its fields.
    pub fields: Fields,
    /// The analyzer, shared with the query side.
    pub analyzer: Arc<Analyzer>,
}

/// Whether `dir` holds an index (a tantivy `meta.json`).
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index at `dir`, checking that this version can read it.
///
/// Errors: [`Error::IndexNotFound`] when there is none, [`Error::IndexIsFile`]
/// when `dir` is a file,
/// [`Error::IncompatibleIndex`] when another version wrote it, and
/// [`Error::DamagedIndex`] when its files cannot be read.
pub fn open_index(dir: &Path) -> Result<FranglaisIndex> {
    if dir.is_file() {
        return Err(Error::IndexIsFile {
            path: dir.to_path_buf(),
        });
    }
    if !index_exists(dir) {
        return Err(Error::IndexNotFound {
            path: dir.to_path_buf(),
        });
    }
    let directory = MmapDirectory::open(dir).map_err(|e| Error::DamagedIndex {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let index = Index::open(directory).map_err(|e| match Error::tantivy(dir, e) {
        Error::Tantivy { path, source } => Error::DamagedIndex {
            path,
            reason: source.to_string(),
        },
        other => other,
    })?;
    let metas = index.load_metas().map_err(|e| Error::tantivy(dir, e))?;
    let payload: Option<CommitPayload> = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    if payload != Some(CommitPayload::current()) {
        return Err(Error::IncompatibleIndex {
            path: dir.to_path_buf(),
            found: payload.map_or_else(
                || "no franglais format".to_string(),
                |p| format!("format {}", p.franglais_format),
            ),
            expected: format!("format {FORMAT_VERSION}"),
        });
    }
    let (expected, _) = build_schema();
    let schema = index.schema();
    let fields = fields_of(&schema)
        .filter(|_| schema == expected)
        .ok_or_else(|| Error::IncompatibleIndex {
            path: dir.to_path_buf(),
            found: "another schema".to_string(),
            expected: format!("format {FORMAT_VERSION}"),
        })?;
    Ok(with_analyzer(index, fields))
}

pub(crate) fn with_analyzer(index: Index, fields: Fields) -> FranglaisIndex {
    let analyzer = Arc::new(Analyzer::default());
    index
        .tokenizers()
        .register(TOKENIZER_NAME, FranglaisTokenizer::new(analyzer.clone()));
    FranglaisIndex {
        index,
        fields,
        analyzer,
    }
}

fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: f(names::ID)?,
        path: f("path")?,
        title: f(names::TITLE)?,
        titles: [f(names::TITLES[0])?, f(names::TITLES[1])?],
        bodies: [f(names::BODIES[0])?, f(names::BODIES[1])?],
        text: f("text")?,
        spans: f("spans")?,
        boilerplate: f(names::BOILERPLATE)?,
        date: f("date")?,
        langs: f("langs")?,
        url: f("url")?,
        fingerprint: f("fingerprint")?,
        id_hash: f(names::ID_HASH)?,
        date_key: f(names::DATE_KEY)?,
    })
}

/// The value of [`Fields::id_hash`] for a document id.
///
/// ```
/// use franglais_index::schema::id_hash;
/// assert_eq!(id_hash("fr/cp.1"), id_hash("fr/cp.1"));
/// assert_ne!(id_hash("fr/cp.1"), id_hash("en/cp.1"));
/// ```
pub fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}
