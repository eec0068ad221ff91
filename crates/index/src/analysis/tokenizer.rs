//! The analyzer as a tantivy [`Tokenizer`], for embedders who use tantivy's
//! own query parser or snippet generator on a franglais index.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::Analyzer;

/// Name under which [`FranglaisTokenizer`] is registered on an index.
pub const TOKENIZER_NAME: &str = "franglais";

/// [`Analyzer`] wrapped as a tantivy tokenizer.
///
/// ```
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
/// use franglais_index::analysis::FranglaisTokenizer;
/// let mut tokenizer = FranglaisTokenizer::default();
/// let mut stream = tokenizer.token_stream("l’OTAN");
/// assert_eq!(stream.next().map(|t| t.text.clone()), Some("otan".to_string()));
/// ```
#[derive(Clone, Default)]
pub struct FranglaisTokenizer {
    analyzer: Arc<Analyzer>,
}

impl FranglaisTokenizer {
    /// A tokenizer sharing `analyzer`.
    pub fn new(analyzer: Arc<Analyzer>) -> Self {
        FranglaisTokenizer { analyzer }
    }
}

/// The tokens of one analysed text.
pub struct FranglaisTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for FranglaisTokenizer {
    type TokenStream<'a> = FranglaisTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FranglaisTokenStream {
        FranglaisTokenStream {
            tokens: self.analyzer.analyze(text).tokens,
            next: 0,
        }
    }
}

impl TokenStream for FranglaisTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
