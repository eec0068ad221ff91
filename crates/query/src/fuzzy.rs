//! Typo tolerance: a query term is expanded to the indexed terms within one
//! edit (words of 5+ letters) or two (9+), as Meilisearch does. Expanding to
//! real terms, rather than using tantivy's `FuzzyTermQuery`, tells ranking
//! and snippets exactly which terms matched through a typo.
//!
//! The first letter is never a typo (Meilisearch counts a typo there as
//! two): people rarely mistype it, and fixing it restricts the walk to one
//! branch of the term dictionary, which makes expansion several times
//! cheaper.
//!
//! Expansions are remembered per index view (see [`crate::expansion_cache`]).

use std::sync::Arc;

use crate::expansion_cache::{most_frequent, ExpansionCache};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

/// Words this long (in characters) tolerate one typo.
pub const ONE_TYPO_MIN_CHARS: usize = 5;
/// Words this long tolerate two typos.
pub const TWO_TYPOS_MIN_CHARS: usize = 9;
/// At most this many expansions per term, the most frequent kept.
pub const MAX_EXPANSIONS: usize = 16;
/// A word found exactly in more than this share of the documents (and in
/// more than [`COMMON_WORD_MIN_DOCS`]) is taken as typed right and not
/// expanded: its typo neighbours would rank below its exact matches anyway,
/// and only add noise and work. Typesense likewise treats typos as a
/// fallback for words with few exact matches.
pub const COMMON_WORD_SHARE: f64 = 0.01;
/// See [`COMMON_WORD_SHARE`].
pub const COMMON_WORD_MIN_DOCS: u64 = 20;

/// Whether a word whose exact forms are in `doc_freq` of `num_docs`
/// documents is common enough to be taken as typed right.
///
/// ```
/// use franglais_query::fuzzy::is_common;
/// assert!(!is_common(5, 100));
/// assert!(is_common(300, 10_000));
/// assert!(!is_common(30, 10_000));
/// ```
pub fn is_common(doc_freq: u64, num_docs: u64) -> bool {
    doc_freq > COMMON_WORD_MIN_DOCS && doc_freq as f64 > num_docs as f64 * COMMON_WORD_SHARE
}

/// How many typos a word of `chars` characters may have.
///
/// ```
/// use franglais_query::fuzzy::allowed_typos;
/// assert_eq!(allowed_typos(4), 0);
/// assert_eq!(allowed_typos(8), 1);
/// assert_eq!(allowed_typos(9), 2);
/// ```
pub fn allowed_typos(chars: usize) -> u8 {
    if chars >= TWO_TYPOS_MIN_CHARS {
        2
    } else if chars >= ONE_TYPO_MIN_CHARS {
        1
    } else {
        0
    }
}

/// Expands terms against an index's term dictionaries.
pub struct TypoExpander {
    one: LevenshteinAutomatonBuilder,
    two: LevenshteinAutomatonBuilder,
    cache: ExpansionCache<Expansions>,
}

impl Default for TypoExpander {
    fn default() -> Self {
        // Transpositions count as one typo (`Rasmsusen`), as in Meilisearch.
        TypoExpander {
            one: LevenshteinAutomatonBuilder::new(1, true),
            two: LevenshteinAutomatonBuilder::new(2, true),
            cache: ExpansionCache::default(),
        }
    }
}

type Expansions = Arc<Vec<(String, u8)>>;

impl std::fmt::Debug for TypoExpander {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypoExpander")
    }
}

impl TypoExpander {
    /// The indexed terms of `fields` within `typos` edits of `term`, the term
    /// itself excluded, each with its number of edits; the most frequent
    /// [`MAX_EXPANSIONS`] are kept.
    pub fn expand(
        &self,
        searcher: &Searcher,
        fields: &[Field],
        term: &str,
        typos: u8,
    ) -> Expansions {
        let key = (fields.to_vec(), term.to_string(), typos);
        self.cache.get_or_walk(searcher, key, || {
            Arc::new(self.walk(searcher, fields, term, typos))
        })
    }

    fn walk(
        &self,
        searcher: &Searcher,
        fields: &[Field],
        term: &str,
        typos: u8,
    ) -> Vec<(String, u8)> {
        if typos == 0 || term.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        let builder = if typos >= 2 { &self.two } else { &self.one };
        let Some(first) = term.chars().next() else {
            return Vec::new();
        };
        let (prefix, rest) = term.split_at(first.len_utf8());
        let dfa = builder.build_dfa(rest);
        let mut found: Vec<(String, u64)> = Vec::new();
        for segment in searcher.segment_readers() {
            for &field in fields {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let automaton = PrefixedDfa {
                    prefix: prefix.as_bytes(),
                    dfa: &dfa,
                };
                let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                    continue;
                };
                while let Some((key, info)) = stream.next() {
                    if key == term.as_bytes() {
                        continue;
                    }
                    let Ok(candidate) = std::str::from_utf8(key) else {
                        continue;
                    };
                    match found.iter_mut().find(|(t, _)| t == candidate) {
                        Some((_, freq)) => *freq += u64::from(info.doc_freq),
                        None => found.push((candidate.to_string(), u64::from(info.doc_freq))),
                    }
                }
            }
        }
        most_frequent(found, MAX_EXPANSIONS)
            .into_iter()
            .map(|t| {
                let d = edit_distance(term, &t);
                (t, d)
            })
            .collect()
    }
}

/// Edits (insertion, deletion, substitution, transposition of neighbours)
/// from `a` to `b`, as the automaton counts them, capped at 255.
///
/// ```
/// use franglais_query::fuzzy::edit_distance;
/// assert_eq!(edit_distance("rasmusen", "rasmussen"), 1);
/// assert_eq!(edit_distance("gerasimov", "guerassimov"), 2);
/// assert_eq!(edit_distance("rasmsusen", "rasmussen"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> u8 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Optimal string alignment over three rows.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()].min(255) as u8
}

/// An exact prefix, then a Levenshtein DFA, walked over the term
/// dictionary's FST.
struct PrefixedDfa<'a> {
    prefix: &'a [u8],
    dfa: &'a DFA,
}

/// Where a [`PrefixedDfa`] is: inside the prefix, inside the DFA, or out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrefixedState {
    Prefix(usize),
    Dfa(u32),
    Dead,
}

impl Automaton for PrefixedDfa<'_> {
    type State = PrefixedState;

    fn start(&self) -> PrefixedState {
        if self.prefix.is_empty() {
            PrefixedState::Dfa(self.dfa.initial_state())
        } else {
            PrefixedState::Prefix(0)
        }
    }

    fn is_match(&self, state: &PrefixedState) -> bool {
        matches!(state, PrefixedState::Dfa(s) if matches!(self.dfa.distance(*s), Distance::Exact(_)))
    }

    fn can_match(&self, state: &PrefixedState) -> bool {
        match state {
            PrefixedState::Prefix(_) => true,
            PrefixedState::Dfa(s) => *s != SINK_STATE,
            PrefixedState::Dead => false,
        }
    }

    fn accept(&self, state: &PrefixedState, byte: u8) -> PrefixedState {
        match *state {
            PrefixedState::Prefix(i) if self.prefix.get(i) == Some(&byte) => {
                if i + 1 == self.prefix.len() {
                    PrefixedState::Dfa(self.dfa.initial_state())
                } else {
                    PrefixedState::Prefix(i + 1)
                }
            }
            PrefixedState::Dfa(s) => PrefixedState::Dfa(self.dfa.transition(s, byte)),
            _ => PrefixedState::Dead,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use franglais_index::indexer::{build_index, IndexOptions};

    fn index_of(
        corpus: &std::path::Path,
        index: &std::path::Path,
    ) -> franglais_index::FranglaisIndex {
        build_index(&IndexOptions::new(vec![corpus.into()], index), |_| {}).unwrap();
        franglais_index::open_index(index).unwrap()
    }

    #[test]
    fn expansions_are_remembered_until_the_index_changes() {
        let corpus = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            corpus.path().join("a.txt"),
            "Titre\n\nAnders Fogh Rasmussen a parlé.",
        )
        .unwrap();
        let index = index_of(corpus.path(), dir.path());
        let reader = index.index.reader().unwrap();
        let fields = [index.fields.bodies[0], index.fields.titles[0]];
        let expander = TypoExpander::default();
        let first = expander.expand(&reader.searcher(), &fields, "rasmusen", 1);
        assert_eq!(*first, [("rasmussen".to_string(), 1)]);
        let again = expander.expand(&reader.searcher(), &fields, "rasmusen", 1);
        assert!(Arc::ptr_eq(&first, &again), "not taken from the cache");
        // A reload that finds nothing new keeps the cache.
        let generation = reader.searcher().generation().generation_id();
        reader.reload().unwrap();
        assert_ne!(reader.searcher().generation().generation_id(), generation);
        let reloaded = expander.expand(&reader.searcher(), &fields, "rasmusen", 1);
        assert!(Arc::ptr_eq(&first, &reloaded), "dropped by a no-op reload");

        std::fs::write(corpus.path().join("b.txt"), "Title\n\nMr Rasmuzen spoke.").unwrap();
        index_of(corpus.path(), dir.path());
        reader.reload().unwrap();
        let after = expander.expand(&reader.searcher(), &fields, "rasmusen", 1);
        let terms: Vec<&str> = after.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            terms.contains(&"rasmussen") && terms.len() == 2,
            "{terms:?}"
        );
    }
}
