//! [`DocFreqs`]: document frequencies looked up once per query.
//!
//! Planning a query asks how many documents hold a term many times over:
//! for rarity, to tell the query's language, to skip forms the index does
//! not hold, to decide on typos and transliterations. Each answer is a
//! term-dictionary lookup per segment; this remembers them for the query.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// [`Searcher::doc_freq`], remembered.
///
/// ```
/// use franglais_query::doc_freqs::DocFreqs;
/// use tantivy::schema::{Schema, TEXT};
/// use tantivy::{doc, Index};
/// # fn main() -> tantivy::Result<()> {
/// let mut schema = Schema::builder();
/// let body = schema.add_text_field("body", TEXT);
/// let index = Index::create_in_ram(schema.build());
/// let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
/// writer.add_document(doc!(body => "shield"))?;
/// writer.commit()?;
/// let searcher = index.reader()?.searcher();
/// let freqs = DocFreqs::new(&searcher);
/// assert_eq!((freqs.get(body, "shield"), freqs.get(body, "sword")), (1, 0));
/// # Ok(()) }
/// ```
pub struct DocFreqs<'s> {
    searcher: &'s Searcher,
    known: RefCell<HashMap<(Field, String), u64>>,
}

impl<'s> DocFreqs<'s> {
    /// Nothing remembered yet.
    pub fn new(searcher: &'s Searcher) -> DocFreqs<'s> {
        DocFreqs {
            searcher,
            known: RefCell::new(HashMap::new()),
        }
    }

    /// The searcher asked.
    pub fn searcher(&self) -> &'s Searcher {
        self.searcher
    }

    /// Documents holding `term` in `field` (0 if the index cannot say).
    pub fn get(&self, field: Field, term: &str) -> u64 {
        if let Some(&freq) = self.known.borrow().get(&(field, term.to_string())) {
            return freq;
        }
        let freq = self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))
            .unwrap_or(0);
        self.known
            .borrow_mut()
            .insert((field, term.to_string()), freq);
        freq
    }

    /// The largest of `term`'s frequencies in `fields` (a language's body
    /// and title: documents holding it in either, at least).
    pub fn max_in(&self, fields: &[Field], term: &str) -> u64 {
        fields.iter().map(|&f| self.get(f, term)).max().unwrap_or(0)
    }
}

/// The statistics BM25 weights are built from, answered from what the
/// query's planning already looked up: tantivy would look each term up
/// again per query word form and pair (a twentieth of query time).
impl Bm25StatisticsProvider for DocFreqs<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match term.value().as_str() {
            Some(text) => Ok(self.get(term.field(), text)),
            None => self.searcher.doc_freq(term),
        }
    }
}
