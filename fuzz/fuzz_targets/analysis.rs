//! Any text goes through analysis, date reading, decoding and the position
//! map without panicking, and the map points inside the text.
#![no_main]

use std::sync::OnceLock;

use franglais_index::{spans, Analyzer, Language};
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = franglais_index::corpus::decode(data) else {
        return;
    };
    let out = analyzer().analyze(&text);
    for token in &out.tokens {
        assert!(text.is_char_boundary(token.offset_from) && text.is_char_boundary(token.offset_to));
        assert!(token.position < out.spans.len());
    }
    let map = spans::encode(&out.spans);
    assert_eq!(spans::decode(&map, usize::MAX), out.spans);
    let _ = spans::decode(&text, 64);
    for word in text.split_whitespace().take(16) {
        for lang in Language::ALL {
            let _ = analyzer().word_terms(word, lang);
        }
    }
    let _ = franglais_index::date::find_date(&text);
});
