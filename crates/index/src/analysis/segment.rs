//! Segmentation, the first stage of the pipeline: text → language segments
//! → words.
//!
//! A *segment* is the unit that gets one language: a sentence, a line, or a
//! quotation. Bilingual news switches language at exactly those places
//! (`« The missile is not aimed at Russia. »` inside a French paragraph), so
//! quotation marks end a segment as well as sentence punctuation.
//!
//! A *word* is a run of letters and digits; an apostrophe or a hyphen between
//! two letters joins (`l’OTAN`, `anti-missiles`), anything else separates.

use std::ops::Range;

/// A word of the source text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word exactly as written.
    pub text: &'a str,
    /// Byte offset of the first byte in the text that was segmented.
    pub start: usize,
}

impl Word<'_> {
    /// Byte offset one past the last byte.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// True for the apostrophes found in real French text: ASCII `'`, the
/// typographic `’` (by far the most common in edited news), `‘` and `ʼ`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// True for the hyphens that join compounds: ASCII `-`, `‐` (U+2010) and the
/// non-breaking `‑` (U+2011).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_word_char(c: char) -> bool {
    // Combining marks keep decomposed accents (`e` + U+0301) inside the word.
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The word as a symbol, when the text around it makes it one: a leading
/// `.` or `#` (`.gz`, `.NET`, `#include`, `archive.tar.gz`) or a trailing
/// `++` or `#` (`C++`, `C#`), lowercase. `text` is what `word`'s offsets
/// count in. Such a word is indexed both as the word (`gz`) and as the
/// symbol (`.gz`), so that users find what they type.
///
/// ```
/// use franglais_index::analysis::segment::{symbol_form, words};
/// let text = "Compile C++ or C# code, read archive.tar.gz and #include files.";
/// let symbols: Vec<String> = words(text, 0).filter_map(|w| symbol_form(text, &w)).collect();
/// assert_eq!(symbols, ["c++", "c#", ".tar", ".gz", "#include"]);
/// ```
pub fn symbol_form(text: &str, word: &Word<'_>) -> Option<String> {
    let before = text.get(..word.start)?.chars().next_back();
    let after = text.get(word.end()..)?;
    let prefix = match before {
        Some(c @ ('.' | '#')) => Some(c),
        _ => None,
    };
    let suffix = if after.starts_with("++") {
        Some("++")
    } else if after.starts_with('#') {
        Some("#")
    } else {
        None
    };
    // A symbol is one word: `.gz`, not a sentence's last word and a dot.
    let ends = |rest: &str| rest.chars().next().is_none_or(|c| !is_word_char(c));
    let suffix = suffix.filter(|s| ends(&after[s.len()..]));
    if prefix.is_none() && suffix.is_none() {
        return None;
    }
    let mut symbol = String::with_capacity(word.text.len() + 2);
    symbol.extend(prefix);
    symbol.extend(word.text.chars().flat_map(char::to_lowercase));
    symbol.extend(suffix);
    Some(symbol)
}

/// [`symbol_form`] of a query word written alone (`.gz`, `C++`), if it is
/// one word with symbols.
///
/// ```
/// use franglais_index::analysis::segment::symbol_of_written;
/// assert_eq!(symbol_of_written(".NET").as_deref(), Some(".net"));
/// assert_eq!(symbol_of_written("C++").as_deref(), Some("c++"));
/// assert_eq!(symbol_of_written("gz"), None);
/// assert_eq!(symbol_of_written("node.js"), None);
/// ```
pub fn symbol_of_written(written: &str) -> Option<String> {
    let mut found = words(written, 0);
    let word = found.next()?;
    if found.next().is_some() {
        return None;
    }
    symbol_form(written, &word)
}

/// Splits `text` into language segments (byte ranges), dropping empty ones.
///
/// ```
/// use franglais_index::analysis::segment::segments;
/// let text = "Il a dit : « The missile is not aimed at Russia. » Puis il est parti.";
/// let parts: Vec<&str> = segments(text).map(|r| text[r].trim()).collect();
/// assert_eq!(parts, ["Il a dit :", "The missile is not aimed at Russia.", "Puis il est parti."]);
/// ```
pub fn segments(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let (end, next_start) = match chars.next() {
            None => {
                done = true;
                (text.len(), text.len())
            }
            Some((i, c)) => match c {
                '\n' | '\r' | '«' | '»' | '“' | '”' => (i, i + c.len_utf8()),
                '.' | '!' | '?' | '…' => match chars.peek() {
                    Some(&(j, n)) if n.is_whitespace() => (j, j),
                    None => (text.len(), text.len()),
                    _ => continue,
                },
                _ => continue,
            },
        };
        let range = start..end;
        start = next_start;
        if text[range.clone()].chars().any(is_word_char) {
            return Some(range);
        }
    })
}

/// Iterates over the words of `text`; `base` is added to every offset so that
/// words of a segment carry offsets into the whole document.
///
/// ```
/// use franglais_index::analysis::segment::words;
/// let found: Vec<&str> = words("l’OTAN, l'anti-missiles -- (2011)", 0).map(|w| w.text).collect();
/// assert_eq!(found, ["l’OTAN", "l'anti-missiles", "2011"]);
/// ```
pub fn words(text: &str, base: usize) -> impl Iterator<Item = Word<'_>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the first word character.
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                chars.next();
            } else if is_apostrophe(c) || is_hyphen(c) {
                // A joiner only joins when a word character follows it.
                let after = text[i + c.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    chars.next();
                } else {
                    end = i;
                    break;
                }
            } else {
                end = i;
                break;
            }
        }
        Some(Word {
            text: &text[start..end],
            start: base + start,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<&str> {
        segments(text).map(|r| text[r].trim()).collect()
    }

    #[test]
    fn mixed_paragraph_of_seed_001_splits_at_quotes_and_sentences() {
        let text = "Anders Fogh Rasmussen s’est cependant voulu rassurant, mercredi soir, en venant \
                    s’expliquer devant la presse. « The missile is not aimed at Russia. We do not see \
                    Russia as a threat just as NATO cannot be seen as a threat by Russia. \"he explained";
        assert_eq!(
            segs(text),
            [
                "Anders Fogh Rasmussen s’est cependant voulu rassurant, mercredi soir, en venant s’expliquer devant la presse.",
                "The missile is not aimed at Russia.",
                "We do not see Russia as a threat just as NATO cannot be seen as a threat by Russia.",
                "\"he explained",
            ]
        );
    }

    #[test]
    fn decimals_and_lines() {
        assert_eq!(
            segs("You have 49.79% of this article.\nThe rest is for subscribers"),
            [
                "You have 49.79% of this article.",
                "The rest is for subscribers"
            ]
        );
    }

    #[test]
    fn punctuation_only_segments_are_dropped() {
        assert!(segs("… — !\n\n").is_empty());
    }

    #[test]
    fn word_offsets_point_into_the_document() {
        let text = "Le général Guerassimov";
        let w: Vec<Word> = words(&text[3..], 3).collect();
        assert_eq!(w[0].text, "général");
        assert_eq!(&text[w[1].start..w[1].end()], "Guerassimov");
    }

    #[test]
    fn trailing_apostrophe_and_hyphen_do_not_join() {
        let found: Vec<&str> = words("allies' - Tajik-Afghan border- x", 0)
            .map(|w| w.text)
            .collect();
        assert_eq!(found, ["allies", "Tajik-Afghan", "border", "x"]);
    }

    #[test]
    fn decomposed_accents_stay_in_the_word() {
        let found: Vec<&str> = words("de\u{301}fense", 0).map(|w| w.text).collect();
        assert_eq!(found, ["de\u{301}fense"]);
    }
}
