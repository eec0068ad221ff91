//! The position → word map stored with each document, so that snippets find
//! the words a query matched without analysing the text again.
//!
//! For each position: the gap from the previous word's start, then the
//! word's length, each as a little-endian base-32 varint written in
//! printable ASCII (`'0' + 5 bits`, plus 32 on every digit but the last).
//! About two characters a word. It is stored as text rather than bytes
//! because tantivy reads a stored string back in one copy but a byte field
//! one byte at a time, which made fetching long documents slow.

use std::ops::Range;

const BASE: u8 = b'0';
const CONTINUE: u8 = 32;

/// Encodes spans (one per position, starts non-decreasing).
///
/// ```
/// use franglais_index::spans::{decode, encode};
/// let spans = vec![0..3, 4..10, 4..10, 11..14];
/// let encoded = encode(&spans);
/// assert!(encoded.is_ascii());
/// assert_eq!(decode(&encoded, usize::MAX), spans);
/// ```
pub fn encode(spans: &[Range<u32>]) -> String {
    let mut out = Vec::with_capacity(spans.len() * 2);
    let mut previous = 0;
    for span in spans {
        write_varint(&mut out, span.start.saturating_sub(previous));
        write_varint(&mut out, span.end.saturating_sub(span.start));
        previous = span.start;
    }
    // Every byte is in '0'..='o': ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes the spans of positions `0..=last_position` (fewer if the map is
/// shorter). Malformed input ends the map early rather than panic.
pub fn decode(encoded: impl AsRef<[u8]>, last_position: usize) -> Vec<Range<u32>> {
    let mut spans = Vec::new();
    let mut rest = encoded.as_ref();
    let mut start = 0u32;
    while spans.len() <= last_position {
        let (Some(gap), Some(len)) = (read_varint(&mut rest), read_varint(&mut rest)) else {
            break;
        };
        start = start.saturating_add(gap);
        spans.push(start..start.saturating_add(len));
    }
    spans
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 32 {
        out.push(BASE + CONTINUE + (value & 31) as u8);
        value >>= 5;
    }
    out.push(BASE + value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(5) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        let digit = byte.checked_sub(BASE).filter(|d| *d < 2 * CONTINUE)?;
        value |= u32::from(digit & 31).checked_shl(shift)?;
        if digit < CONTINUE {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_large_offsets() {
        let spans = vec![
            0..1,
            200..300,
            70_000..70_010,
            5_000_000..5_000_200,
            u32::MAX - 1..u32::MAX,
        ];
        assert_eq!(decode(encode(&spans), usize::MAX), spans);
        assert_eq!(decode(encode(&spans), 1), spans[..2]);
    }

    #[test]
    fn about_two_characters_a_word() {
        let spans: Vec<Range<u32>> = (0..1000).map(|i| i * 7..i * 7 + 6).collect();
        assert_eq!(encode(&spans).len(), 2000);
    }

    #[test]
    fn truncated_or_garbage_input_does_not_panic() {
        let encoded = encode(&[0..3, 4..10]);
        assert_eq!(decode(&encoded[..3], usize::MAX), vec![0u32..3]);
        assert!(decode("ÿÿÿ", usize::MAX).is_empty());
        assert!(decode("ooooooooooo", usize::MAX).is_empty());
    }
}
