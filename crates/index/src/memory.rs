//! Documents from memory, for embedders: add or replace a document by id,
//! delete one, commit. Each document goes through the same path as a file
//! of a corpus folder ([`crate::document::extract`], then the indexer's
//! analysis: languages per sentence, both languages' chains, positions for
//! snippets).
//!
//! Boilerplate is a corpus-level notion (lines found in two or more
//! documents of a run), so documents added here have none set apart: their
//! whole text is their body. A later `build_index` run over folders into the
//! same index treats the index as its corpus's: documents it does not find
//! in its folders are removed, those added here included. Keep an index
//! for documents from memory apart from one built from folders.

use std::path::{Path, PathBuf};

use tantivy::{IndexWriter, Term};

use crate::analysis::AnalysisCache;
use crate::boilerplate::Boilerplate;
use crate::corpus::{RecordMeta, SourceDocument};
use crate::document::extract;
use crate::error::{Error, Result};
use crate::indexer::{commit, fingerprint, open_or_create, prepare, writer, BoilerplateCache};
use crate::schema::FranglaisIndex;
use crate::writer_doc::WriterDoc;
use crate::Language;

/// A document given from memory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewDocument {
    /// Its id: adding another document with the same id replaces it.
    pub id: String,
    /// The headline; without one, it is taken from the text, as for a file.
    pub title: Option<String>,
    /// The text.
    pub body: String,
    /// The date as written (`2022-01-23`, `3 mars 2017`…).
    pub date: Option<String>,
    /// The language, a hint (sentence detection still decides).
    pub lang: Option<Language>,
    /// The source address.
    pub url: Option<String>,
}

impl NewDocument {
    /// A document of `id` and text `body`, nothing else known yet.
    pub fn new(id: impl Into<String>, body: impl Into<String>) -> NewDocument {
        NewDocument {
            id: id.into(),
            title: None,
            body: body.into(),
            date: None,
            lang: None,
            url: None,
        }
    }

    /// With a headline.
    pub fn with_title(mut self, title: impl Into<String>) -> NewDocument {
        self.title = Some(title.into());
        self
    }

    /// With a date, as written.
    pub fn with_date(mut self, date: impl Into<String>) -> NewDocument {
        self.date = Some(date.into());
        self
    }

    /// With a language hint.
    pub fn with_lang(mut self, lang: Language) -> NewDocument {
        self.lang = Some(lang);
        self
    }

    /// With a source address.
    pub fn with_url(mut self, url: impl Into<String>) -> NewDocument {
        self.url = Some(url.into());
        self
    }
}

/// Adds, replaces and deletes documents of an index, from memory. Nothing
/// is visible to searches before [`DocumentWriter::commit`]; dropping the
/// writer without committing leaves the index as it was. While it lives,
/// it holds the index's writer lock (another writer gets
/// [`Error::IndexLocked`]).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use franglais_index::memory::{DocumentWriter, NewDocument};
/// use franglais_index::Language;
/// let dir = tempfile::tempdir()?;
/// let mut writer = DocumentWriter::open(dir.path())?;
/// writer.put(
///     NewDocument::new("otan-1", "Le bouclier antimissile de l’OTAN sème la bisbille entre alliés.")
///         .with_title("Le bouclier")
///         .with_date("2022-01-23")
///         .with_lang(Language::Fr)
///         .with_url("https://example.org/otan-1"),
/// )?;
/// writer.put(NewDocument::new("otan-2", "The NATO missile shield starts a squabble among allies."))?;
/// writer.commit()?;
/// // Replace one, delete the other.
/// writer.put(NewDocument::new("otan-1", "Le bouclier de l’OTAN, version corrigée, divise toujours les alliés.").with_title("Le bouclier"))?;
/// writer.delete("otan-2");
/// writer.commit()?;
/// # Ok(()) }
/// ```
pub struct DocumentWriter {
    index: FranglaisIndex,
    writer: IndexWriter<WriterDoc>,
    dir: PathBuf,
    analysis: AnalysisCache,
    boilerplate: BoilerplateCache,
}

impl std::fmt::Debug for DocumentWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentWriter")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl DocumentWriter {
    /// Opens the index at `dir`, or creates one in an empty or missing
    /// folder (committed at once, so that it can be searched while empty).
    pub fn open(dir: impl AsRef<Path>) -> Result<DocumentWriter> {
        let dir = dir.as_ref().to_path_buf();
        let (index, _, created) = open_or_create(&dir, false)?;
        let mut writer = writer(&index, &dir)?;
        if created {
            commit(&mut writer, &dir)?;
        }
        Ok(DocumentWriter {
            index,
            writer,
            dir,
            analysis: AnalysisCache::default(),
            boilerplate: BoilerplateCache::default(),
        })
    }

    /// Adds `document`, replacing any document of the same id.
    pub fn put(&mut self, document: NewDocument) -> Result<()> {
        if document.id.trim().is_empty() {
            return Err(Error::EmptyId);
        }
        let source = SourceDocument {
            id: document.id,
            path: String::new(),
            text: document.body,
            meta: RecordMeta {
                title: document.title,
                date: document.date,
                lang: document.lang.map(|l| l.code().to_string()),
                url: document.url,
            },
        };
        let extracted = extract(&source, &Boilerplate::default());
        let fingerprint = fingerprint(&source, &extracted);
        let (doc, _) = prepare(
            &self.index,
            &self.boilerplate,
            &mut self.analysis,
            &source,
            &extracted,
            fingerprint,
        );
        self.delete(&source.id);
        self.writer
            .add_document(doc)
            .map_err(|e| Error::tantivy(&self.dir, e))?;
        Ok(())
    }

    /// Deletes the document of `id`, if there is one.
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.id, id));
    }

    /// Makes what was put and deleted since the last commit visible to
    /// searches opened or reloaded afterwards.
    pub fn commit(&mut self) -> Result<()> {
        commit(&mut self.writer, &self.dir)
    }
}
