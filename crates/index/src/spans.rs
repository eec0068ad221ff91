//! The position → word map stored with each document, so that snippets find
//! the words a query matched without analysing the text again.
//!
//! Encoding: for each position, the gap from the previous word's start and
//! the word's length, both as LEB128 varints: about two bytes a word.

use std::ops::Range;

/// Encodes spans (one per position, starts non-decreasing).
///
/// ```
/// use franglais_index::spans::{decode, encode};
/// let spans = vec![0..3, 4..10, 4..10, 11..14];
/// assert_eq!(decode(&encode(&spans), usize::MAX), spans);
/// ```
pub fn encode(spans: &[Range<u32>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 2);
    let mut previous = 0;
    for span in spans {
        write_varint(&mut out, span.start.saturating_sub(previous));
        write_varint(&mut out, span.end.saturating_sub(span.start));
        previous = span.start;
    }
    out
}

/// Decodes the spans of positions `0..=last_position` (fewer if the map is
/// shorter). Malformed bytes end the map early rather than panic.
pub fn decode(bytes: &[u8], last_position: usize) -> Vec<Range<u32>> {
    let mut spans = Vec::new();
    let mut rest = bytes;
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
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
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
        let spans = vec![0..1, 200..300, 70_000..70_010, 5_000_000..5_000_200];
        assert_eq!(decode(&encode(&spans), usize::MAX), spans);
        assert_eq!(decode(&encode(&spans), 1), spans[..2]);
    }

    #[test]
    fn truncated_or_garbage_bytes_do_not_panic() {
        let bytes = encode(&[0..3, 4..10]);
        assert_eq!(decode(&bytes[..3], usize::MAX), vec![0u32..3]);
        assert!(decode(&[0xff; 9], usize::MAX).is_empty());
    }
}
