//! A document's stored fields, read in place from tantivy's document store.
//!
//! `tantivy::Searcher::doc` copies every stored string of a document and
//! validates it as UTF-8. For a 70 KB man page that is most of the cost of
//! showing a hit, though its snippet quotes 160 characters. [`StoredDoc`]
//! keeps the decompressed block tantivy already holds (shared, not copied)
//! and hands out each string value as a byte range, validated only when it
//! is read. [`DocStores`] keeps one store reader per segment, with tantivy's
//! block cache, for the searchers of one index.
//!
//! The parser knows tantivy's stored-document encoding: a VInt count of
//! values, then for each a little-endian `u32` field id, a type code, and
//! for a string a VInt byte length and the bytes. It reads the strings and
//! 8-byte numbers franglais stores; any other value makes [`StoredDoc::parse`]
//! return `None`, and [`DocStores::get`] then falls back to tantivy's own
//! reader, so a format change costs speed, never correctness (a unit test
//! compares both on a real index).

use std::ops::Range;
use std::sync::{Arc, RwLock};

use tantivy::directory::OwnedBytes;
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::IndexView;

/// tantivy's type code of a string value.
const TEXT_CODE: u8 = 0;
/// tantivy's type codes of 8-byte values: u64, i64, f64.
const EIGHT_BYTE_CODES: [u8; 3] = [1, 2, 6];
/// Store blocks kept decompressed per segment (tantivy's default is 100);
/// a block holds one long document or several short ones.
pub const CACHED_BLOCKS: usize = 200;

/// The stored values of one document.
///
/// ```
/// use franglais_index::stored::StoredDoc;
/// use tantivy::directory::OwnedBytes;
/// use tantivy::schema::Field;
/// // Two values: field 0 = "Titre", field 3 = "corps".
/// let mut bytes = vec![0x82];
/// bytes.extend([0, 0, 0, 0, 0, 0x85]);
/// bytes.extend(b"Titre");
/// bytes.extend([3, 0, 0, 0, 0, 0x85]);
/// bytes.extend(b"corps");
/// let doc = StoredDoc::parse(OwnedBytes::new(bytes)).unwrap();
/// assert_eq!(doc.first_str(Field::from_field_id(3)), Some("corps"));
/// assert_eq!(doc.first_str(Field::from_field_id(1)), None);
/// ```
#[derive(Clone)]
pub struct StoredDoc {
    source: Source,
}

#[derive(Clone)]
enum Source {
    /// The encoded document, with the byte range of each string value.
    InPlace {
        bytes: OwnedBytes,
        strings: Vec<(Field, Range<usize>)>,
    },
    /// Read by tantivy (the fallback).
    Owned(TantivyDocument),
}

impl std::fmt::Debug for StoredDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredDoc").finish_non_exhaustive()
    }
}

impl StoredDoc {
    /// Parses an encoded document; `None` if it holds a value kind this
    /// parser does not read, or is malformed.
    pub fn parse(bytes: OwnedBytes) -> Option<StoredDoc> {
        let mut rest = bytes.as_slice();
        let count = read_vint(&mut rest)?;
        let mut strings = Vec::with_capacity(count.min(64) as usize);
        for _ in 0..count {
            let (id, tail) = rest.split_first_chunk::<4>()?;
            let field = Field::from_field_id(u32::from_le_bytes(*id));
            let (&code, tail) = tail.split_first()?;
            rest = tail;
            if code == TEXT_CODE {
                let len = usize::try_from(read_vint(&mut rest)?).ok()?;
                let start = bytes.len() - rest.len();
                rest = rest.get(len..)?;
                strings.push((field, start..start + len));
            } else if EIGHT_BYTE_CODES.contains(&code) {
                rest = rest.get(8..)?;
            } else {
                return None;
            }
        }
        rest.is_empty().then_some(StoredDoc {
            source: Source::InPlace { bytes, strings },
        })
    }

    /// The string values of `field`, in order. A value that is not UTF-8
    /// (a damaged store) reads as empty.
    pub fn strs(&self, field: Field) -> impl Iterator<Item = &str> + '_ {
        let (in_place, owned) = match &self.source {
            Source::InPlace { bytes, strings } => (
                Some(
                    strings
                        .iter()
                        .filter(move |(f, _)| *f == field)
                        .map(|(_, range)| {
                            std::str::from_utf8(&bytes.as_slice()[range.clone()]).unwrap_or("")
                        }),
                ),
                None,
            ),
            Source::Owned(doc) => (None, Some(doc.get_all(field).filter_map(|v| v.as_str()))),
        };
        in_place
            .into_iter()
            .flatten()
            .chain(owned.into_iter().flatten())
    }

    /// The first string value of `field`.
    pub fn first_str(&self, field: Field) -> Option<&str> {
        self.strs(field).next()
    }

    /// The first string value of `field` as bytes, not validated: for long
    /// values of which only a part is read ([`crate::spans`], a body).
    pub fn first_bytes(&self, field: Field) -> Option<&[u8]> {
        match &self.source {
            Source::InPlace { bytes, strings } => strings
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, range)| &bytes.as_slice()[range.clone()]),
            Source::Owned(doc) => doc
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(str::as_bytes),
        }
    }

    /// Wraps a document tantivy has read.
    pub fn from_tantivy(doc: TantivyDocument) -> StoredDoc {
        StoredDoc {
            source: Source::Owned(doc),
        }
    }

    /// Whether this document was parsed in place (false: tantivy's fallback).
    pub fn is_in_place(&self) -> bool {
        matches!(self.source, Source::InPlace { .. })
    }
}

/// tantivy's VInt: 7 bits a byte, least significant first, the last byte
/// marked by its high bit.
fn read_vint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}

/// One store reader per segment of the current searcher, each with its
/// block cache; rebuilt when a reload changes the segments.
#[derive(Default)]
pub struct DocStores {
    current: RwLock<Option<Arc<Generation>>>,
}

struct Generation {
    view: IndexView,
    readers: Vec<Option<StoreReader>>,
}

impl std::fmt::Debug for DocStores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocStores").finish_non_exhaustive()
    }
}

impl DocStores {
    /// The stored fields of the document at `address` in `searcher`.
    pub fn get(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<StoredDoc> {
        let generation = self.generation(searcher);
        let in_place = generation
            .readers
            .get(address.segment_ord as usize)
            .and_then(Option::as_ref)
            .and_then(|reader| reader.get_document_bytes(address.doc_id).ok())
            .and_then(StoredDoc::parse);
        match in_place {
            Some(doc) => Ok(doc),
            None => Ok(StoredDoc::from_tantivy(searcher.doc(address)?)),
        }
    }

    fn generation(&self, searcher: &Searcher) -> Arc<Generation> {
        let view = searcher.generation().segments();
        if let Ok(current) = self.current.read() {
            if let Some(generation) = current.as_ref().filter(|g| g.view == *view) {
                return generation.clone();
            }
        }
        let generation = Arc::new(Generation {
            view: view.clone(),
            readers: searcher
                .segment_readers()
                .iter()
                .map(|segment| segment.get_store_reader(CACHED_BLOCKS).ok())
                .collect(),
        });
        if let Ok(mut current) = self.current.write() {
            *current = Some(generation.clone());
        }
        generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_reading_agrees_with_tantivy_on_the_seeds() {
        let (_dir, index) = crate::test_support::seed_index(0);
        let searcher = index.index.reader().unwrap().searcher();
        let stores = DocStores::default();
        let fields = index.fields;
        let mut seen = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in segment.doc_ids_alive() {
                let address = DocAddress::new(ord as u32, doc_id);
                let stored = stores.get(&searcher, address).unwrap();
                assert!(stored.is_in_place(), "tantivy's encoding changed");
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                for field in [
                    fields.id,
                    fields.path,
                    fields.title,
                    fields.text,
                    fields.spans,
                    fields.date,
                    fields.langs,
                ] {
                    let expected: Vec<&str> =
                        doc.get_all(field).filter_map(|v| v.as_str()).collect();
                    let got: Vec<&str> = stored.strs(field).collect();
                    assert_eq!(got, expected);
                }
                assert_eq!(
                    stored.first_bytes(fields.text),
                    doc.get_first(fields.text)
                        .and_then(|v| v.as_str())
                        .map(str::as_bytes)
                );
                seen += 1;
            }
        }
        assert_eq!(seen, 5);
    }

    #[test]
    fn store_readers_outlive_a_reload_that_changes_nothing() {
        let (_dir, index) = crate::test_support::seed_index(0);
        let reader = index.index.reader().unwrap();
        let stores = DocStores::default();
        let before = stores.generation(&reader.searcher());
        let generation = reader.searcher().generation().generation_id();
        reader.reload().unwrap();
        assert_ne!(reader.searcher().generation().generation_id(), generation);
        assert!(Arc::ptr_eq(&before, &stores.generation(&reader.searcher())));
    }

    #[test]
    fn malformed_or_unknown_values_are_refused() {
        // A count of 1 and nothing after it.
        assert!(StoredDoc::parse(OwnedBytes::new(vec![0x81])).is_none());
        // A bytes value (code 4): not read in place.
        assert!(StoredDoc::parse(OwnedBytes::new(vec![0x81, 0, 0, 0, 0, 4, 0x80])).is_none());
        // A string longer than the document.
        assert!(StoredDoc::parse(OwnedBytes::new(vec![0x81, 0, 0, 0, 0, 0, 0x90, b'a'])).is_none());
        // Trailing bytes.
        assert!(StoredDoc::parse(OwnedBytes::new(vec![0x80, 1])).is_none());
    }
}
