//! The position → word map stored with each document, so that snippets find
//! the words a query matched without analysing the text again.
//!
//! For each position: the gap from the previous word's start, then the
//! word's length, each as a little-endian base-32 varint written in
//! printable ASCII (`'0' + 5 bits`, plus 32 on every digit but the last).
//! About two characters a word. Every [`BLOCK`] positions the gap restarts
//! from 0, and a table in front gives where each block begins, in
//! [`OFFSET_DIGITS`] fixed-width digits: a snippet deep in a long page reads
//! one block rather than the whole map up to it. It is stored as text, which
//! [`crate::stored`] reads in place (and tantivy's own reader in one copy,
//! where it reads a byte field one byte at a time).
//!
//! Layout: block count (varint), block offsets (fixed width), entries.

use std::ops::Range;

const BASE: u8 = b'0';
const CONTINUE: u8 = 32;
/// Positions per block of the map.
pub const BLOCK: usize = 64;
/// Digits of a block offset in the table (35 bits: any `u32`).
pub const OFFSET_DIGITS: usize = 7;

/// Encodes spans (one per position, starts non-decreasing).
///
/// ```
/// use franglais_index::spans::{decode, encode, SpanMap};
/// let spans: Vec<_> = (0..200u32).map(|i| i * 7..i * 7 + 6).collect();
/// let encoded = encode(&spans);
/// assert!(encoded.is_ascii());
/// assert_eq!(decode(&encoded, usize::MAX), spans);
/// assert_eq!(SpanMap::new(encoded.as_bytes()).get(150), Some(1050..1056));
/// ```
pub fn encode(spans: &[Range<u32>]) -> String {
    let mut entries = Vec::with_capacity(spans.len() * 2);
    let mut offsets = Vec::with_capacity(spans.len() / BLOCK + 1);
    let mut previous = 0;
    for (i, span) in spans.iter().enumerate() {
        if i % BLOCK == 0 {
            offsets.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            previous = 0;
        }
        write_varint(&mut entries, span.start.saturating_sub(previous));
        write_varint(&mut entries, span.end.saturating_sub(span.start));
        previous = span.start;
    }
    let mut out = Vec::with_capacity(entries.len() + offsets.len() * OFFSET_DIGITS + 4);
    write_varint(&mut out, offsets.len() as u32);
    for offset in offsets {
        for digit in 0..OFFSET_DIGITS {
            out.push(BASE + ((offset >> (5 * digit)) & 31) as u8);
        }
    }
    out.extend(entries);
    // Every byte is in '0'..='o': ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes the spans of positions `0..=last_position` (fewer if the map is
/// shorter). Malformed input ends the map early rather than panic.
pub fn decode(encoded: impl AsRef<[u8]>, last_position: usize) -> Vec<Range<u32>> {
    let map = SpanMap::new(encoded.as_ref());
    let mut spans = Vec::new();
    let mut rest = map.entries;
    let mut start = 0u32;
    while spans.len() <= last_position {
        if spans.len() % BLOCK == 0 {
            start = 0;
        }
        let (Some(gap), Some(len)) = (read_varint(&mut rest), read_varint(&mut rest)) else {
            break;
        };
        start = start.saturating_add(gap);
        spans.push(start..start.saturating_add(len));
    }
    spans
}

/// An encoded map, read one position at a time.
#[derive(Debug, Clone, Copy)]
pub struct SpanMap<'a> {
    table: &'a [u8],
    entries: &'a [u8],
}

impl<'a> SpanMap<'a> {
    /// Reads the table of `encoded`; a malformed map reads as empty.
    pub fn new(encoded: &'a [u8]) -> SpanMap<'a> {
        let mut rest = encoded;
        let table_len = read_varint(&mut rest).and_then(|blocks| {
            (blocks as usize)
                .checked_mul(OFFSET_DIGITS)
                .filter(|len| *len <= rest.len())
        });
        match table_len {
            Some(len) => SpanMap {
                table: &rest[..len],
                entries: &rest[len..],
            },
            None => SpanMap {
                table: &[],
                entries: &[],
            },
        }
    }

    /// The byte range of the word at `position`, if the map has it.
    pub fn get(&self, position: u32) -> Option<Range<u32>> {
        let position = position as usize;
        let block = position / BLOCK;
        let digits = self
            .table
            .get(block * OFFSET_DIGITS..(block + 1) * OFFSET_DIGITS)?;
        let mut offset = 0u64;
        for (i, &digit) in digits.iter().enumerate() {
            offset |= u64::from(digit.checked_sub(BASE).filter(|d| *d < 32)?) << (5 * i);
        }
        let mut rest = self.entries.get(usize::try_from(offset).ok()?..)?;
        let mut start = 0u32;
        for _ in 0..position % BLOCK {
            start = start.saturating_add(read_varint(&mut rest)?);
            read_varint(&mut rest)?;
        }
        start = start.saturating_add(read_varint(&mut rest)?);
        Some(start..start.saturating_add(read_varint(&mut rest)?))
    }
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
        let len = encode(&spans).len();
        assert!((2000..2200).contains(&len), "{len}");
    }

    #[test]
    fn any_position_is_read_from_its_block() {
        let spans: Vec<Range<u32>> = (0..1000u32).map(|i| i * 9 + i % 5..i * 9 + 8).collect();
        let encoded = encode(&spans);
        let map = SpanMap::new(encoded.as_bytes());
        for (position, span) in spans.iter().enumerate() {
            assert_eq!(map.get(position as u32).as_ref(), Some(span));
        }
        assert_eq!(map.get(1000), None);
        assert_eq!(SpanMap::new(encode(&[]).as_bytes()).get(0), None);
    }

    #[test]
    fn truncated_or_garbage_input_does_not_panic() {
        let encoded = encode(&[0..3, 4..10]);
        assert_eq!(
            decode(&encoded[..encoded.len() - 2], usize::MAX),
            vec![0u32..3]
        );
        assert_eq!(
            SpanMap::new(&encoded.as_bytes()[..encoded.len() - 2]).get(1),
            None
        );
        for garbage in ["ÿÿÿ", "ooooooooooo", "5", "1zzzzzzz"] {
            assert!(decode(garbage, usize::MAX).is_empty());
            assert_eq!(SpanMap::new(garbage.as_bytes()).get(0), None);
        }
    }
}
