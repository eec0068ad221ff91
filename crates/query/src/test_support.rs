//! Helpers for the unit tests of scorers and rules: small in-memory
//! indexes of one text field.

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::{Field, Schema, STORED, TEXT};
use tantivy::{doc, DocAddress, Index, Score, Searcher};

/// An in-memory index of `texts`, one document each, in one stored text
/// field; its searcher and the field.
pub fn ram_index(texts: impl IntoIterator<Item = String>) -> (Searcher, Field) {
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT | STORED);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index
        .writer_with_num_threads(1, 15_000_000)
        .expect("writer");
    for text in texts {
        writer.add_document(doc!(body => text)).expect("add");
    }
    writer.commit().expect("commit");
    (index.reader().expect("reader").searcher(), body)
}

/// Every document `query` matches with its score, in document order.
pub fn scores_by_doc(searcher: &Searcher, query: &dyn Query) -> Vec<(DocAddress, Score)> {
    let limit = searcher.num_docs().max(1) as usize;
    let top = TopDocs::with_limit(limit).order_by_score();
    let mut hits: Vec<(DocAddress, Score)> = searcher
        .search(query, &top)
        .expect("search")
        .into_iter()
        .map(|(score, doc)| (doc, score))
        .collect();
    hits.sort_by_key(|(doc, _)| *doc);
    hits
}
