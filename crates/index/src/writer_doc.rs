//! The document type franglais hands tantivy's writer.
//!
//! tantivy's own `TantivyDocument` keeps a pre-tokenized value as JSON: the
//! tokens franglais' analyzer produced were written out as JSON and parsed
//! back by the writer, a tenth of the indexing time on the man pages.
//! [`WriterDoc`] holds them as they are; tantivy indexes any type that
//! implements its `Document` trait directly.

use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{Document, Field, Value};
use tantivy::tokenizer::PreTokenizedString;

/// One document's field values, in the order added.
#[derive(Debug, Default)]
pub struct WriterDoc {
    values: Vec<(Field, FieldValue)>,
}

/// One field value.
#[derive(Debug)]
pub enum FieldValue {
    /// Text, analysed by the field's tokenizer or stored as is.
    Text(String),
    /// A number.
    U64(u64),
    /// Text analysed beforehand.
    Tokens(PreTokenizedString),
}

impl WriterDoc {
    /// Adds a text value (analysed or stored as the schema says).
    pub fn add_text(&mut self, field: Field, text: impl Into<String>) {
        self.values.push((field, FieldValue::Text(text.into())));
    }

    /// Adds a number.
    pub fn add_u64(&mut self, field: Field, value: u64) {
        self.values.push((field, FieldValue::U64(value)));
    }

    /// Adds text analysed beforehand; if the field is stored, its `text` is.
    pub fn add_pre_tokenized_text(&mut self, field: Field, tokens: PreTokenizedString) {
        self.values.push((field, FieldValue::Tokens(tokens)));
    }
}

/// A borrowed field value, as tantivy reads it.
#[derive(Debug, Clone, Copy)]
pub struct FieldValueRef<'a>(&'a FieldValue);

impl<'a> Value<'a> for FieldValueRef<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match self.0 {
            FieldValue::Text(text) => ReferenceValueLeaf::Str(text),
            FieldValue::U64(value) => ReferenceValueLeaf::U64(*value),
            // tantivy's API takes the tokens boxed, by value: one copy.
            FieldValue::Tokens(tokens) => ReferenceValueLeaf::PreTokStr(Box::new(tokens.clone())),
        })
    }
}

type Values<'a> = std::iter::Map<
    std::slice::Iter<'a, (Field, FieldValue)>,
    fn(&'a (Field, FieldValue)) -> (Field, FieldValueRef<'a>),
>;

impl Document for WriterDoc {
    type Value<'a> = FieldValueRef<'a>;
    type FieldsValuesIter<'a> = Values<'a>;

    fn iter_fields_and_values(&self) -> Values<'_> {
        self.values
            .iter()
            .map(|(field, value)| (*field, FieldValueRef(value)))
    }
}
