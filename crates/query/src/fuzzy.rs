//! Typo tolerance: a query term is expanded to the indexed terms within one
//! edit (words of 5+ letters) or two (9+), as Meilisearch does. Expanding to
//! real terms, rather than using tantivy's `FuzzyTermQuery`, tells ranking
//! and snippets exactly which terms matched through a typo.

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
}

impl Default for TypoExpander {
    fn default() -> Self {
        // Transpositions count as one typo (`Rasmsusen`), as in Meilisearch.
        TypoExpander {
            one: LevenshteinAutomatonBuilder::new(1, true),
            two: LevenshteinAutomatonBuilder::new(2, true),
        }
    }
}

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
    ) -> Vec<(String, u8)> {
        if typos == 0 || term.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        let builder = if typos >= 2 { &self.two } else { &self.one };
        let mut found: Vec<(String, u64)> = Vec::new();
        for segment in searcher.segment_readers() {
            for &field in fields {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let automaton = LevenshteinDfa(builder.build_dfa(term));
                let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                    continue;
                };
                while let Some((key, info)) = stream.next() {
                    let Ok(candidate) = std::str::from_utf8(key) else {
                        continue;
                    };
                    if candidate == term {
                        continue;
                    }
                    match found.iter_mut().find(|(t, _)| t == candidate) {
                        Some((_, freq)) => *freq += u64::from(info.doc_freq),
                        None => found.push((candidate.to_string(), u64::from(info.doc_freq))),
                    }
                }
            }
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(MAX_EXPANSIONS);
        found
            .into_iter()
            .map(|(t, _)| {
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

/// A Levenshtein DFA walked over the term dictionary's FST.
struct LevenshteinDfa(DFA);

impl Automaton for LevenshteinDfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}
