//! Boilerplate: lines that recur across documents (site banners, author
//! bios, "Comments closed.", legal notices), learnt from the corpus itself.
//!
//! A line is boilerplate when, white space and case aside, it appears in at
//! least [`MIN_DOCUMENTS`] documents. Such lines are indexed in a field of
//! their own with a small weight, so they can still be found but never win
//! a ranking.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

/// A line in this many documents is boilerplate.
pub const MIN_DOCUMENTS: u32 = 2;

/// The key of a line: a hash of its words, lowercased, white space folded.
/// `None` for a line without letters or digits.
pub fn line_key(line: &str) -> Option<u64> {
    let mut normalized = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !normalized.is_empty() {
            normalized.push(' ');
        }
        normalized.extend(word.chars().flat_map(char::to_lowercase));
    }
    normalized
        .chars()
        .any(char::is_alphanumeric)
        .then(|| xxh3_64(normalized.as_bytes()))
}

/// Counts, for each line, the documents it appears in.
#[derive(Debug, Default)]
pub struct LineCounter {
    documents: HashMap<u64, u32>,
}

impl LineCounter {
    /// Counts the distinct lines of one document.
    pub fn add_document(&mut self, text: &str) {
        let keys: HashSet<u64> = text.lines().filter_map(line_key).collect();
        for key in keys {
            *self.documents.entry(key).or_default() += 1;
        }
    }

    /// Adds the counts of `other` (documents counted elsewhere, on another
    /// thread).
    pub fn merge(&mut self, other: LineCounter) {
        if self.documents.len() < other.documents.len() {
            let mine = std::mem::replace(&mut self.documents, other.documents);
            return self.merge(LineCounter { documents: mine });
        }
        for (key, count) in other.documents {
            *self.documents.entry(key).or_default() += count;
        }
    }

    /// The lines seen in at least [`MIN_DOCUMENTS`] documents.
    pub fn finish(self) -> Boilerplate {
        Boilerplate {
            lines: self
                .documents
                .into_iter()
                .filter(|&(_, n)| n >= MIN_DOCUMENTS)
                .map(|(key, _)| key)
                .collect(),
        }
    }
}

/// The set of boilerplate lines of a corpus.
///
/// ```
/// use franglais_index::boilerplate::LineCounter;
/// let mut counter = LineCounter::default();
/// counter.add_document("Bouclier antimissile\nComments closed.");
/// counter.add_document("Guerre froide\ncomments   closed.");
/// let boilerplate = counter.finish();
/// assert!(boilerplate.contains("Comments closed."));
/// assert!(!boilerplate.contains("Guerre froide"));
/// ```
#[derive(Debug, Default, Clone)]
pub struct Boilerplate {
    lines: HashSet<u64>,
}

impl Boilerplate {
    /// Whether `line` is boilerplate.
    pub fn contains(&self, line: &str) -> bool {
        line_key(line).is_some_and(|key| self.lines.contains(&key))
    }

    /// How many distinct boilerplate lines the corpus has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no line is boilerplate.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_banner_and_bio_are_boilerplate_and_content_is_not() {
        let mut counter = LineCounter::default();
        let seeds = crate::test_support::seeds();
        for doc in &seeds {
            counter.add_document(&doc.text);
        }
        let boilerplate = counter.finish();
        let seed_000 = &seeds[0].text;
        assert!(boilerplate.contains("News Blogair defense"));
        assert!(boilerplate.contains("Nicolas Gros Verheyde"));
        let bio = seed_000
            .lines()
            .find(|l| l.starts_with("Chief editor of the B2 site"))
            .unwrap();
        assert!(boilerplate.contains(bio));
        for line in seed_000.lines().filter(|l| l.contains("anti-missile")) {
            assert!(!boilerplate.contains(line), "{line}");
        }
    }

    #[test]
    fn counts_merged_from_threads_equal_one_count() {
        let seeds = crate::test_support::seeds();
        let mut one = LineCounter::default();
        seeds.iter().for_each(|d| one.add_document(&d.text));
        let (mut first, mut second) = (LineCounter::default(), LineCounter::default());
        seeds[..2].iter().for_each(|d| first.add_document(&d.text));
        seeds[2..].iter().for_each(|d| second.add_document(&d.text));
        first.merge(second);
        assert_eq!(first.documents, one.documents);
        assert!(!one.finish().is_empty());
    }

    #[test]
    fn blank_and_punctuation_lines_are_never_boilerplate() {
        let mut counter = LineCounter::default();
        counter.add_document("—\n\n");
        counter.add_document("—\n\n");
        assert!(counter.finish().is_empty());
    }
}
