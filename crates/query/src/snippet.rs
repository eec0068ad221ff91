//! Snippets: the best passage of a hit's body, with what matched highlighted.
//!
//! Matches are found from the index, not by analysing the text again: the
//! positions of each matched term come from the postings, and the stored
//! position → word map ([`franglais_index::spans`]) turns them into places
//! in the text. So every form that matched is highlighted, whichever
//! language chain or typo produced it, and a phrase is highlighted only
//! where it occurs as a phrase.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use franglais_index::spans::SpanMap;
use serde::{Deserialize, Serialize};
use tantivy::postings::Postings;
use tantivy::postings::SegmentPostings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::Token;
use tantivy::{DocId, DocSet, SegmentReader, Term};

use crate::plan::{Slot, TermSequence};
use franglais_index::analysis::chain::LanguageSet;

/// Default snippet length, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 160;

/// Shortest snippet, in characters: a few words around the match, which
/// a shorter one would cut into.
pub const MIN_SNIPPET_CHARS: usize = 20;

/// A passage with highlights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Snippet {
    /// The passage, quoted from the body: runs of spaces and line breaks
    /// shown as one space, `…` where the body goes on.
    pub text: String,
    /// `[start, end)` of each highlight, in characters (Unicode scalar
    /// values) of `text`, sorted and disjoint: what JSON and JavaScript
    /// readers count in. Rust code slices with [`Snippet::byte_ranges`].
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// The highlights as byte ranges of `text`, to slice it.
    ///
    /// ```
    /// use franglais_query::snippet::Snippet;
    /// let snippet = Snippet {
    ///     text: "…la défense européenne…".into(),
    ///     highlights: vec![[4, 11]],
    /// };
    /// let ranges = snippet.byte_ranges();
    /// assert_eq!(&snippet.text[ranges[0].clone()], "défense");
    /// ```
    pub fn byte_ranges(&self) -> Vec<Range<usize>> {
        byte_ranges(&self.text, &self.highlights)
    }
}

/// Character ranges of `text` (as in [`Snippet::highlights`]) as byte
/// ranges; past the end is the end.
pub fn byte_ranges(text: &str, highlights: &[[usize; 2]]) -> Vec<Range<usize>> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    highlights.iter().map(|[a, b]| at(*a)..at(*b)).collect()
}

/// One occurrence of a slot in the body: the byte ranges of its words.
#[derive(Debug, Clone)]
struct Occurrence {
    slot: usize,
    words: Vec<Range<usize>>,
}

impl Occurrence {
    fn start(&self) -> usize {
        self.words.iter().map(|w| w.start).min().unwrap_or(0)
    }
    fn end(&self) -> usize {
        self.words.iter().map(|w| w.end).max().unwrap_or(0)
    }
}

/// At most this many matches, the first in the text, are weighed when
/// choosing the passage: enough to find a dense one, and it bounds the work
/// on long documents.
pub const MAX_OCCURRENCES: usize = 64;

/// Open postings of one query's terms, one cursor per segment and term,
/// shared by all its hits: visited in increasing document order, each
/// term's list is opened once and only moves forward (opening a list per
/// hit and term was a tenth of query time).
#[derive(Default)]
pub(crate) struct PostingsCursors<'q> {
    cursors: HashMap<(u32, Field, &'q str), Option<SegmentPostings>>,
}

/// Reads term positions in one document, each term once.
struct PositionReader<'a, 'q> {
    segment: &'a SegmentReader,
    segment_ord: u32,
    fields: [Field; 2],
    doc: DocId,
    cursors: &'a mut PostingsCursors<'q>,
    /// The languages whose text is read now (see [`slot_matches`]).
    languages: LanguageSet,
    /// The languages whose text holds all the document's terms.
    text: LanguageSet,
    cache: HashMap<(&'q str, LanguageSet), Vec<u32>>,
    /// Matches read per form: [`MAX_OCCURRENCES`] for a snippet, all for a
    /// whole document.
    per_form: usize,
}

impl<'q> PositionReader<'_, 'q> {
    /// The positions of `term` in the document, in the text of the
    /// reader's languages (a term may be in both when its segment's
    /// language was unsure).
    fn positions(&mut self, term: &'q str) -> &[u32] {
        let (segment, segment_ord, doc) = (self.segment, self.segment_ord, self.doc);
        let (fields, cursors) = (self.fields, &mut self.cursors.cursors);
        let languages = self.languages;
        self.cache.entry((term, languages)).or_insert_with(|| {
            let mut positions = Vec::new();
            for field in languages.iter().map(|l| fields[l.ordinal()]) {
                let open = || {
                    let inverted = segment.inverted_index(field).ok()?;
                    let info = inverted
                        .get_term_info(&Term::from_field_text(field, term))
                        .ok()
                        .flatten()?;
                    inverted
                        .read_postings_from_terminfo(
                            &info,
                            IndexRecordOption::WithFreqsAndPositions,
                        )
                        .ok()
                };
                let cursor = cursors
                    .entry((segment_ord, field, term))
                    .or_insert_with(open);
                // Hits come in document order; one that does not reopens the list.
                if cursor.as_ref().is_some_and(|c| c.doc() > doc) {
                    *cursor = open();
                }
                if let Some(postings) = cursor {
                    if postings.doc() == doc || (postings.doc() < doc && postings.seek(doc) == doc)
                    {
                        let mut found = Vec::new();
                        postings.positions(&mut found);
                        positions.extend(found);
                    }
                }
            }
            positions.sort_unstable();
            positions.dedup();
            positions
        })
    }

    /// The first places where `seq` occurs (see `per_form`), as matches
    /// of `slot`.
    fn occurrences(&mut self, slot: usize, seq: &'q TermSequence, out: &mut Vec<Match<'q>>) {
        let Some((first_offset, first_term)) = seq.0.first() else {
            return;
        };
        let starts: Vec<u32> = self.positions(first_term).to_vec();
        let mut found = 0;
        'start: for start in starts {
            if found == self.per_form {
                break;
            }
            for (offset, term) in &seq.0[1..] {
                let p = start + (offset - first_offset) as u32;
                if self.positions(term).binary_search(&p).is_err() {
                    continue 'start;
                }
            }
            out.push(Match {
                slot,
                start,
                words: &seq.0,
            });
            found += 1;
        }
    }

    /// The first places of `term` (see `per_form`), as one-word matches of
    /// `slot`.
    fn words(&mut self, slot: usize, term: &'q str, out: &mut Vec<Match<'q>>) {
        let per_form = self.per_form;
        out.extend(
            self.positions(term)
                .iter()
                .take(per_form)
                .map(|&start| Match {
                    slot,
                    start,
                    words: &[],
                }),
        );
    }
}

/// One place where a slot matched: its first position and, for a phrase,
/// the phrase's terms at their relative positions (empty: one word).
#[derive(Debug, Clone, Copy)]
struct Match<'q> {
    slot: usize,
    start: u32,
    words: &'q [(usize, String)],
}

impl Match<'_> {
    /// The positions of its words, in order.
    fn positions(&self) -> impl Iterator<Item = u32> + '_ {
        let first = self.words.first().map_or(0, |(offset, _)| *offset);
        let offsets = self
            .words
            .iter()
            .map(move |(offset, _)| (offset - first) as u32);
        let single = self.words.is_empty().then_some(0);
        single
            .into_iter()
            .chain(offsets)
            .map(move |o| self.start + o)
    }

    fn last(&self) -> u32 {
        self.positions().last().unwrap_or(self.start)
    }
}

/// Where a hit is: its segment and document, with its stored body and
/// position map. Both are raw bytes: only the passage quoted is checked as
/// UTF-8 (a long page is otherwise validated whole for 160 characters).
pub(crate) struct StoredHit<'a> {
    pub segment: &'a SegmentReader,
    pub segment_ord: u32,
    pub bodies: [Field; 2],
    /// The languages whose text holds all its terms: its one language (every
    /// segment of a one-language document goes through that language's
    /// chain), or both.
    pub text_languages: LanguageSet,
    pub doc: DocId,
    pub text: &'a [u8],
    pub spans_map: &'a [u8],
}

impl<'a> StoredHit<'a> {
    fn reader<'r, 'q>(&'r self, cursors: &'r mut PostingsCursors<'q>) -> PositionReader<'r, 'q> {
        PositionReader {
            segment: self.segment,
            segment_ord: self.segment_ord,
            fields: self.bodies,
            doc: self.doc,
            cursors,
            languages: self.text_languages,
            text: self.text_languages,
            cache: HashMap::new(),
            per_form: MAX_OCCURRENCES,
        }
    }
}

/// How a slot matched a document's body: `via` and the first
/// [`MAX_OCCURRENCES`] matches of each of its forms. Typed words count as
/// phrases where they are (`anti-missiles`): `typed` in the text of the
/// languages they are typed in, `other language` in the other's; a
/// translation may match loosely, so its words count one by one; typo
/// forms, then completions of a prefix, count only where the exact form is
/// absent.
///
/// Snippets need every match, not how it matched: with `tell_languages`
/// off, typed words are read in both languages' text at once.
fn slot_matches<'q>(
    reader: &mut PositionReader<'_, 'q>,
    index: usize,
    slot: &'q Slot,
    found: &mut Vec<Match<'q>>,
    tell_languages: bool,
) -> &'static str {
    let before = found.len();
    reader.languages = reader.text;
    if slot.translation {
        for seq in &slot.exact {
            for (_, term) in &seq.0 {
                reader.words(index, term, found);
            }
        }
        return "translation";
    }
    let typed_in = if tell_languages {
        slot.typed_in
    } else {
        reader.text
    };
    for (languages, via) in [(typed_in, "typed"), (reader.text, "other language")] {
        reader.languages = languages;
        for seq in &slot.exact {
            reader.occurrences(index, seq, found);
        }
        if found.len() > before {
            reader.languages = reader.text;
            return via;
        }
    }
    reader.languages = reader.text;
    for (term, _) in &slot.typos {
        reader.words(index, term, found);
    }
    if found.len() > before {
        return "typo";
    }
    for term in &slot.prefixes {
        reader.words(index, term, found);
    }
    if found.len() > before {
        return "prefix";
    }
    "typed"
}

/// Builds the snippet of `hit`.
pub(crate) fn make_snippet<'q>(
    hit: &StoredHit<'_>,
    slots: &'q [Slot],
    cursors: &mut PostingsCursors<'q>,
    max_chars: usize,
) -> Snippet {
    let max_chars = max_chars.max(MIN_SNIPPET_CHARS);
    let mut reader = hit.reader(cursors);
    let mut matches: Vec<Match<'q>> = Vec::new();
    for (i, slot) in slots.iter().enumerate().filter(|(_, s)| !s.title_only) {
        slot_matches(&mut reader, i, slot, &mut matches, false);
    }
    matches.sort_unstable_by_key(|m| (m.start, m.slot, m.words.len()));
    matches.truncate(MAX_OCCURRENCES);
    // Choose the passage among word positions first (about six characters
    // a word), so that only its words are looked up in the position map.
    let window = densest(&matches, (max_chars / 6).max(4) as u32);
    matches.truncate(window.end);
    matches.drain(..window.start);
    let word_spans = SpanMap::new(hit.spans_map);
    let placed: Vec<(usize, Vec<Range<usize>>)> = matches
        .iter()
        .filter_map(|m| {
            let words = m
                .positions()
                .map(|p| word_spans.get(p).map(|s| s.start as usize..s.end as usize))
                .collect::<Option<Vec<_>>>()?;
            Some((m.slot, words))
        })
        .collect();
    // The passage lies within `max_chars` characters of the matches: only
    // that stretch of the text is read.
    let first = placed
        .iter()
        .flat_map(|(_, w)| w.iter().map(|r| r.start))
        .min();
    let last = placed
        .iter()
        .flat_map(|(_, w)| w.iter().map(|r| r.end))
        .max();
    // No match in the body (the title matched): the body's opening.
    let first = first.unwrap_or_else(|| opening(hit.text));
    let (offset, text) = stretch(hit.text, first, last.unwrap_or(first), max_chars);
    let mut occurrences: Vec<Occurrence> = placed
        .into_iter()
        .filter_map(|(slot, words)| {
            let words: Vec<Range<usize>> = words
                .into_iter()
                .map(|w| Some(w.start.checked_sub(offset)?..w.end.checked_sub(offset)?))
                .collect::<Option<_>>()?;
            // A map that does not fit the text (damaged index) gives no highlight.
            words
                .iter()
                .all(|w| {
                    w.end <= text.len()
                        && text.is_char_boundary(w.start)
                        && text.is_char_boundary(w.end)
                })
                .then_some(Occurrence { slot, words })
        })
        .collect();
    occurrences.sort_by_key(|o| (o.start(), o.end()));
    let whole = Whole {
        opening: first - offset,
        starts_body: offset == 0,
        ends_body: offset + text.len() == hit.text.len(),
    };
    build(text, &occurrences, max_chars, whole)
}

/// Where the stretch given to [`build`] lies in the body.
#[derive(Debug, Clone, Copy)]
struct Whole {
    /// Where a passage without matches starts, in bytes of the stretch.
    opening: usize,
    /// Whether the stretch starts where the body does.
    starts_body: bool,
    /// Whether it ends where the body does.
    ends_body: bool,
}

/// Looked at for the body's opening: the top of a page.
const OPENING_BYTES: usize = 8192;

/// The byte where the body's text opens: past the page headers and section
/// headers at its top (`LS(1)   User Commands   LS(1)`, `NAME`).
fn opening(text: &[u8]) -> usize {
    let top = &text[..text.len().min(OPENING_BYTES)];
    let top = match std::str::from_utf8(top) {
        Ok(top) => top,
        Err(e) => std::str::from_utf8(&top[..e.valid_up_to()]).unwrap_or_default(),
    };
    let mut at = 0;
    for line in top.split_inclusive('\n') {
        if !line.trim().is_empty() && !franglais_index::document::is_furniture(line) {
            return at + (line.len() - line.trim_start().len());
        }
        at += line.len();
    }
    0
}

/// The stretch of `text` from `max_chars` characters (at most four bytes
/// each) before byte `start` to as many after byte `end`, on character
/// boundaries, with its byte offset. Text that is not UTF-8 (a damaged
/// store) gives an empty stretch.
fn stretch(text: &[u8], start: usize, end: usize, max_chars: usize) -> (usize, &str) {
    let margin = 4 * (max_chars + 1);
    let is_continuation = |b: u8| b & 0xC0 == 0x80;
    let mut from = start.saturating_sub(margin).min(text.len());
    while from < text.len() && is_continuation(text[from]) {
        from += 1;
    }
    let mut to = end.saturating_add(margin).min(text.len()).max(from);
    while to < text.len() && is_continuation(text[to]) {
        to -= 1;
    }
    match std::str::from_utf8(&text[from..to]) {
        Ok(stretch) => (from, stretch),
        Err(_) => (0, ""),
    }
}

/// The run of `matches` (sorted by first position) that fits in `width`
/// positions with the most distinct slots, then the most matches, then the
/// earliest.
fn densest(matches: &[Match<'_>], width: u32) -> Range<usize> {
    densest_run(
        matches.len(),
        |i| matches[i].slot,
        |i, j| matches[j].last() < matches[i].start + width,
    )
    .unwrap_or(0..0)
}

/// The run of `count` items (sorted by where they start) with the most
/// distinct slots, then the most items, then the earliest, among the runs
/// whose items all fit in the window its first item opens (`fits(first,
/// item)`). An item too long for any window is a run of its own. Serves
/// both passes of passage choice: among positions, then among characters.
fn densest_run(
    count: usize,
    slot: impl Fn(usize) -> usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Option<Range<usize>> {
    let mut best: Option<(Range<usize>, (usize, usize))> = None;
    for i in 0..count {
        let mut slots = Vec::new();
        let mut j = i;
        while j < count && fits(i, j) {
            if !slots.contains(&slot(j)) {
                slots.push(slot(j));
            }
            j += 1;
        }
        if j == i {
            j = i + 1;
            slots.push(slot(i));
        }
        let score = (slots.len(), j - i);
        if best.as_ref().is_none_or(|(_, b)| score > *b) {
            best = Some((i..j, score));
        }
    }
    best.map(|(run, _)| run)
}

/// At most this many forms are listed per query word by [`explain`].
pub const MAX_EXPLAINED_FORMS: usize = 8;

/// How each slot matched `hit`: its first forms in the body, or `(title)`
/// when it matched the title only (`title_terms`: the title's analysed
/// terms). Slots that did not match are left out.
pub(crate) fn explain<'q>(
    hit: &StoredHit<'_>,
    slots: &'q [Slot],
    cursors: &mut PostingsCursors<'q>,
    title_terms: &[(String, LanguageSet)],
) -> Vec<crate::results::MatchExplanation> {
    let mut reader = hit.reader(cursors);
    let found: Vec<(usize, &'static str, Vec<u32>)> = slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            // The first occurrences in the text, from which distinct forms
            // are listed below.
            let mut matches = Vec::new();
            let via = slot_matches(&mut reader, i, slot, &mut matches, true);
            matches.sort_unstable_by_key(|m| m.start);
            let positions = matches
                .iter()
                .take(MAX_OCCURRENCES)
                .flat_map(Match::positions)
                .collect();
            (i, via, positions)
        })
        .collect();
    let word_spans = SpanMap::new(hit.spans_map);
    found
        .into_iter()
        .map(|(i, via, mut positions)| {
            positions.sort_unstable();
            let mut matched: Vec<String> = Vec::new();
            for p in positions {
                let Some(span) = word_spans.get(p) else {
                    continue;
                };
                let Some(Ok(word)) = hit
                    .text
                    .get(span.start as usize..span.end as usize)
                    .map(std::str::from_utf8)
                else {
                    continue;
                };
                if !matched.iter().any(|m| m == word) && matched.len() < MAX_EXPLAINED_FORMS {
                    matched.push(word.to_string());
                }
            }
            crate::results::MatchExplanation {
                query: slots[i].label.clone(),
                via: via.to_string(),
                matched,
            }
        })
        .filter_map(|mut m| {
            if m.matched.is_empty() {
                let slot = slots.iter().find(|s| s.label == m.query)?;
                m.via = title_via(slot, title_terms)?.to_string();
                m.matched.push("(title)".to_string());
            }
            Some(m)
        })
        .collect()
}

/// How `slot` matched the title (`title_terms`: its terms and their
/// languages), if it did.
fn title_via(slot: &Slot, title_terms: &[(String, LanguageSet)]) -> Option<&'static str> {
    let in_title = |languages: LanguageSet| {
        slot.exact.iter().any(|seq| {
            seq.0.iter().all(|(_, t)| {
                title_terms
                    .iter()
                    .any(|(term, l)| term == t && !l.and(languages).is_empty())
            })
        })
    };
    if slot.translation {
        in_title(LanguageSet::ALL).then_some("translation")
    } else if in_title(slot.typed_in) {
        Some("typed")
    } else {
        in_title(LanguageSet::ALL).then_some("other language")
    }
}

/// Every place in `hit`'s body where a slot matches, as merged byte
/// ranges of the body in order: the reader view of a document.
pub(crate) fn every_match<'q>(
    hit: &StoredHit<'_>,
    slots: &'q [Slot],
    cursors: &mut PostingsCursors<'q>,
) -> Vec<Range<usize>> {
    let mut reader = hit.reader(cursors);
    reader.per_form = usize::MAX;
    let mut matches: Vec<Match<'q>> = Vec::new();
    for (i, slot) in slots.iter().enumerate().filter(|(_, s)| !s.title_only) {
        slot_matches(&mut reader, i, slot, &mut matches, false);
    }
    let word_spans = SpanMap::new(hit.spans_map);
    let words: Vec<Range<usize>> = matches
        .iter()
        .flat_map(Match::positions)
        .filter_map(|p| word_spans.get(p).map(|s| s.start as usize..s.end as usize))
        // A map that does not fit the text (damaged index) gives no highlight.
        .filter(|w| w.start < w.end && w.end <= hit.text.len())
        .collect();
    merged(words)
}

/// `words` in order, those that overlap or touch made one.
fn merged(mut words: Vec<Range<usize>>) -> Vec<Range<usize>> {
    words.sort_by_key(|w| (w.start, w.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for w in words {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// Byte ranges of `text` as character ranges (as in
/// [`Snippet::highlights`]); ranges off character boundaries are dropped.
pub fn char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    let mut chars_before = 0;
    let mut at_byte = 0;
    let mut char_at = |byte: usize| -> Option<usize> {
        if byte < at_byte || !text.is_char_boundary(byte) {
            // Ranges come in order; only an out-of-order one recounts.
            return text.get(..byte).map(|t| t.chars().count());
        }
        chars_before += text[at_byte..byte].chars().count();
        at_byte = byte;
        Some(chars_before)
    };
    ranges
        .iter()
        .filter_map(|r| Some([char_at(r.start)?, char_at(r.end)?]))
        .collect()
}

/// The title as shown (spaces collapsed, as in snippets) with the words
/// that match a query word highlighted (`tokens`: the title's terms as
/// indexed, with the byte range of their word). Words of a phrase count
/// one by one: a title is short enough for that to show what matched.
pub(crate) fn highlighted_title(title: &str, tokens: &[Token], slots: &[Slot]) -> Snippet {
    let terms: HashSet<&str> = slots
        .iter()
        .flat_map(|slot| {
            let exact = slot
                .exact
                .iter()
                .flat_map(|seq| seq.0.iter().map(|(_, t)| t.as_str()));
            let typos = slot.typos.iter().map(|(t, _)| t.as_str());
            exact
                .chain(typos)
                .chain(slot.prefixes.iter().map(String::as_str))
        })
        .collect();
    let mut words: Vec<Range<usize>> = tokens
        .iter()
        .filter(|t| terms.contains(t.text.as_str()))
        .map(|t| t.offset_from..t.offset_to)
        .filter(|w| {
            w.end <= title.len() && title.is_char_boundary(w.start) && title.is_char_boundary(w.end)
        })
        .collect();
    words.sort_by_key(|w| (w.start, w.end));
    words.dedup();
    render(title, words, false, false)
}

/// Room kept for the `…` that marks a cut at either end.
const CUT_MARKS: usize = 2;

/// The snippet of `text` (a stretch of the body, see [`Whole`]): the window
/// with the best occurrences, or the opening if none.
fn build(text: &str, occurrences: &[Occurrence], max_chars: usize, whole: Whole) -> Snippet {
    let room = max_chars.saturating_sub(CUT_MARKS).max(1);
    // Before the opening there is only page furniture: no cut to mark.
    let mut opens = false;
    let (range, words) = match best_window(text, occurrences, room) {
        None => {
            opens = true;
            (
                cut(text, whole.opening, whole.opening, room, false),
                Vec::new(),
            )
        }
        Some(best) => {
            let first = &occurrences[best.start];
            let last_end = occurrences[best.clone()]
                .iter()
                .map(Occurrence::end)
                .max()
                .unwrap_or(first.end());
            let range = cut(text, first.start(), last_end, room, true);
            let words = occurrences
                .iter()
                .flat_map(|o| o.words.iter().cloned())
                .filter(|w| w.start >= range.start && w.end <= range.end)
                .map(|w| w.start - range.start..w.end - range.start)
                .collect();
            (range, words)
        }
    };
    let cut_before = !opens && (range.start > 0 || !whole.starts_body);
    let cut_after = range.end < text.len() || !whole.ends_body;
    render(&text[range], words, cut_before, cut_after)
}

/// The passage as shown: runs of spaces, line breaks and indentation
/// collapsed to one space, `…` where the text goes on, and the highlights
/// (byte ranges of `passage`) as merged character ranges of the result.
fn render(passage: &str, words: Vec<Range<usize>>, cut_before: bool, cut_after: bool) -> Snippet {
    let merged = merged(words);
    let mut out = String::with_capacity(passage.len() + 8);
    let mut chars = 0;
    if cut_before {
        out.push('…');
        chars += 1;
    }
    // Byte boundaries of the highlights, each replaced by its character.
    let mut bounds: Vec<usize> = merged.iter().flat_map(|w| [w.start, w.end]).collect();
    let mut at_bound: HashMap<usize, usize> = HashMap::with_capacity(bounds.len());
    bounds.dedup();
    let mut next_bound = bounds.iter().peekable();
    let mut space = false;
    for (i, c) in passage.char_indices() {
        while next_bound.peek().is_some_and(|&&b| b <= i) {
            let b = *next_bound.next().unwrap_or(&i);
            // A highlight starts at a word; a pending space comes first.
            let pending = usize::from(space && chars > usize::from(cut_before));
            at_bound.insert(b, chars + pending);
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && chars > usize::from(cut_before) {
            out.push(' ');
            chars += 1;
        }
        space = false;
        out.push(c);
        chars += 1;
    }
    for b in next_bound {
        at_bound.insert(*b, chars);
    }
    if cut_after {
        out.push('…');
    }
    let highlights = merged
        .iter()
        .map(|w| [at_bound[&w.start], at_bound[&w.end]])
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

/// The range of `occurrences` (sorted by start) that makes the best window.
fn best_window(text: &str, occurrences: &[Occurrence], max_chars: usize) -> Option<Range<usize>> {
    densest_run(
        occurrences.len(),
        |i| occurrences[i].slot,
        |i, j| chars_between(text, occurrences[i].start(), occurrences[j].end()) <= max_chars,
    )
}

fn chars_between(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end.max(start))
        .map_or(usize::MAX, |s| s.chars().count())
}

/// A range of about `max_chars` characters around `[start, end)`, starting
/// and ending on word boundaries, with some context before the match.
fn cut(text: &str, start: usize, end: usize, max_chars: usize, context: bool) -> Range<usize> {
    let matched = chars_between(text, start, end);
    let spare = max_chars.saturating_sub(matched);
    // Up to a third of the spare room goes before the match (none before
    // an opening: `context` is false), less if a sentence or line starts
    // there.
    let before = if context { spare / 3 } else { 0 };
    let mut from = start;
    for (taken, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if taken >= before {
            break;
        }
        if c == '\n' || (matches!(c, '.' | '!' | '?') && i + 1 < start) {
            from = (i + c.len_utf8()..start)
                .find(|&b| text.is_char_boundary(b))
                .unwrap_or(start);
            break;
        }
        from = i;
    }
    // Not in the middle of a word.
    if from < start && from > 0 && !text[..from].ends_with(char::is_whitespace) {
        from = text[from..start]
            .find(char::is_whitespace)
            .map_or(start, |ws| from + ws);
    }
    while from < start && text[from..].starts_with(char::is_whitespace) {
        from += text[from..].chars().next().map_or(1, char::len_utf8);
    }
    let used = chars_between(text, from, end);
    let remaining = max_chars.saturating_sub(used);
    let to = match text[end..].char_indices().nth(remaining) {
        // Back to the last word boundary, unless that loses everything.
        Some((i, c)) if !c.is_whitespace() => text[end..end + i]
            .rfind(char::is_whitespace)
            .map_or(end, |ws| end + ws),
        Some((i, _)) => end + i,
        None => text.len(),
    };
    let trimmed = text[from..to].trim_end();
    from..from + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(slot: usize, text: &str, word: &str, nth: usize) -> Occurrence {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Occurrence {
            slot,
            words: std::iter::once(start..start + word.len()).collect(),
        }
    }

    /// A stretch that is the whole body.
    const WHOLE: Whole = Whole {
        opening: 0,
        starts_body: true,
        ends_body: true,
    };

    /// The snippet's text without its cut marks.
    fn quoted(s: &Snippet) -> &str {
        s.text.trim_matches('…')
    }

    fn highlighted(s: &Snippet) -> Vec<String> {
        s.highlights
            .iter()
            .map(|[a, b]| s.text.chars().skip(*a).take(b - a).collect())
            .collect()
    }

    #[test]
    fn window_with_most_distinct_words_wins() {
        let text = "Le bouclier est loin. ".repeat(20)
            + "Ici le bouclier anti-missiles de l’OTAN. "
            + &"Texte. ".repeat(30);
        let occurrences = vec![
            occ(0, &text, "bouclier", 0),
            occ(0, &text, "bouclier", 20),
            occ(1, &text, "anti-missiles", 0),
        ];
        let mut sorted = occurrences.clone();
        sorted.sort_by_key(|o| o.start());
        let snippet = build(&text, &sorted, 80, WHOLE);
        assert_eq!(highlighted(&snippet), ["bouclier", "anti-missiles"]);
        assert!(snippet.text.chars().count() <= 80);
    }

    #[test]
    fn cut_on_word_boundaries_with_accents() {
        let text = "Les points de frictions portent sur l’essentiel : « en premier lieu, les garanties appelées à exclure la possibilité d’utiliser le bouclier européen pour intercepter les missiles intercontinentaux russes »";
        let occurrences = vec![occ(0, text, "bouclier", 0)];
        let snippet = build(text, &occurrences, 60, WHOLE);
        assert!(snippet.text.chars().count() <= 60, "{}", snippet.text);
        let passage = quoted(&snippet);
        assert!(text.contains(passage));
        let first = text.split_whitespace().any(|w| passage.starts_with(w));
        assert!(first, "starts mid-word: {}", snippet.text);
        assert!(
            text.contains(&format!("{passage} ")) || text.ends_with(passage),
            "ends mid-word: {}",
            snippet.text
        );
        assert_eq!(highlighted(&snippet), ["bouclier"]);
    }

    #[test]
    fn character_offsets_not_bytes() {
        let text = "Été comme hiver, la défense européenne.";
        let occurrences = vec![occ(0, text, "défense", 0)];
        let snippet = build(text, &occurrences, 160, WHOLE);
        assert_eq!(snippet.text, text);
        assert_eq!(snippet.highlights, [[20, 27]]);
    }

    #[test]
    fn densest_run_of_positions() {
        let one = |slot, start| Match {
            slot,
            start,
            words: &[],
        };
        let matches = vec![one(0, 1), one(0, 50), one(1, 52), one(0, 53), one(1, 400)];
        assert_eq!(densest(&matches, 10), 1..4);
        assert_eq!(densest(&[one(0, 5)], 10), 0..1);
        assert_eq!(densest(&[], 10), 0..0);
        // A phrase ends at its last word.
        let phrase = [(0, "bouclier".to_string()), (2, "missil".to_string())];
        let long = Match {
            slot: 0,
            start: 48,
            words: &phrase,
        };
        assert_eq!(long.positions().collect::<Vec<_>>(), [48, 50]);
        assert_eq!(densest(&[long, one(1, 55), one(1, 58)], 10), 0..2);
    }

    #[test]
    fn a_stretch_gives_the_passage_the_whole_text_gives() {
        let text =
            "Élysée. ".repeat(200) + "la défense européenne du bouclier. " + &"Été. ".repeat(200);
        let start = text.find("bouclier").unwrap();
        let end = start + "bouclier".len();
        for max_chars in [20, 60, 160] {
            let whole = build(
                &text,
                &[Occurrence {
                    slot: 0,
                    words: std::iter::once(start..end).collect(),
                }],
                max_chars,
                WHOLE,
            );
            let (offset, part) = stretch(text.as_bytes(), start, end, max_chars);
            let inside = Whole {
                opening: 0,
                starts_body: false,
                ends_body: false,
            };
            assert!(offset > 0 && part.len() < text.len() / 2);
            let words = std::iter::once(start - offset..end - offset).collect();
            assert_eq!(
                build(part, &[Occurrence { slot: 0, words }], max_chars, inside),
                whole
            );
        }
        assert_eq!(stretch(b"\xff\xfe", 0, 1, 20), (0, ""));
    }

    #[test]
    fn no_match_gives_the_start_of_the_text() {
        let snippet = build("Premier paragraphe.\nSecond.", &[], 160, WHOLE);
        assert_eq!(snippet.text, "Premier paragraphe. Second.");
        assert!(snippet.highlights.is_empty());
    }

    #[test]
    fn cuts_are_marked_at_either_end() {
        let text = "Le Conseil Otan-Russie s’est réuni à Bruxelles. ".repeat(3)
            + "Le bouclier anti-missiles divise. "
            + &"Les ministres se reverront en juin. ".repeat(3);
        let occurrences = vec![occ(0, &text, "bouclier", 0)];
        let snippet = build(&text, &occurrences, 60, WHOLE);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert!(snippet.text.chars().count() <= 60, "{}", snippet.text);
        assert_eq!(highlighted(&snippet), ["bouclier"]);
        // The whole text fits: no mark.
        let short = "Le bouclier anti-missiles divise.";
        let snippet = build(short, &[occ(0, short, "bouclier", 0)], 160, WHOLE);
        assert_eq!(snippet.text, short);
    }

    #[test]
    fn layout_spaces_collapse_and_highlights_follow() {
        let text = "OPTIONS\n       -a, --all\n              do not ignore entries starting with .\n\n       -A, --almost-all\n              do not list implied . and ..";
        let occurrences = vec![occ(0, text, "ignore", 0), occ(1, text, "implied", 0)];
        let snippet = build(text, &occurrences, 160, WHOLE);
        assert!(!snippet.text.contains("  "), "{}", snippet.text);
        assert_eq!(highlighted(&snippet), ["ignore", "implied"]);
    }

    #[test]
    fn the_opening_skips_page_headers() {
        let body = "LS(1)                    User Commands                    LS(1)\n\n\n       ls [OPTION]... [FILE]...\n\n       List information about the FILEs.";
        let at = opening(body.as_bytes());
        assert!(body[at..].starts_with("ls [OPTION]"));
        let whole = Whole {
            opening: at,
            ..WHOLE
        };
        let snippet = build(body, &[], 160, whole);
        assert_eq!(
            snippet.text,
            "ls [OPTION]... [FILE]... List information about the FILEs."
        );
        assert_eq!(opening("Plain text.".as_bytes()), 0);
    }
}
