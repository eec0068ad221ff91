//! [`ExpansionCache`]: expansions of query terms to indexed terms (typos,
//! prefixes), remembered per index view.
//!
//! Query words repeat (in the man pages' 2,696 NAME lines, 72% of the words
//! of 5+ letters are repeats; as-you-type search asks for the same prefixes
//! over and over), and walking the term dictionary is the costliest part of
//! building a query.

use std::collections::HashMap;

use franglais_index::IndexView;
use tantivy::schema::Field;

/// Expansions remembered, at most; past that the older half is dropped.
pub const CACHED_EXPANSIONS: usize = 8192;

/// What an expansion is looked up by: the fields walked, the term, and a
/// parameter of the walk (the typos allowed).
pub(crate) type CacheKey = (Vec<Field>, String, u8);

/// Expansions of one [`IndexView`], in two halves: new entries go to
/// `recent`; when it is full it becomes `older` and the previous `older` is
/// dropped, so often used entries survive (an entry found in `older` moves
/// back to `recent`).
pub(crate) struct ExpansionCache<V> {
    pub(crate) view: IndexView,
    recent: HashMap<CacheKey, V>,
    older: HashMap<CacheKey, V>,
}

impl<V> Default for ExpansionCache<V> {
    fn default() -> Self {
        ExpansionCache {
            view: IndexView::default(),
            recent: HashMap::new(),
            older: HashMap::new(),
        }
    }
}

impl<V: Clone> ExpansionCache<V> {
    /// The expansions under `key` for `view`; a new view empties the cache.
    pub(crate) fn get(&mut self, view: &IndexView, key: &CacheKey) -> Option<V> {
        if *view != self.view {
            self.view = view.clone();
            self.recent.clear();
            self.older.clear();
            return None;
        }
        if let Some(found) = self.recent.get(key) {
            return Some(found.clone());
        }
        let found = self.older.remove(key)?;
        self.insert(key.clone(), found.clone());
        Some(found)
    }

    /// Remembers `expansions` under `key`.
    pub(crate) fn insert(&mut self, key: CacheKey, expansions: V) {
        if self.recent.len() >= CACHED_EXPANSIONS / 2 {
            self.older = std::mem::take(&mut self.recent);
        }
        self.recent.insert(key, expansions);
    }
}
