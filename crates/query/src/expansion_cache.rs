//! [`ExpansionCache`]: expansions of query terms to indexed terms (typos,
//! prefixes), remembered per index view.
//!
//! Query words repeat (in the man pages' 2,696 NAME lines, 72% of the words
//! of 5+ letters are repeats; as-you-type search asks for the same prefixes
//! over and over), and walking the term dictionary is the costliest part of
//! building a query.

use std::collections::HashMap;
use std::sync::Mutex;

use franglais_index::IndexView;
use tantivy::schema::Field;
use tantivy::Searcher;

/// Expansions remembered, at most; past that the older half is dropped.
pub const CACHED_EXPANSIONS: usize = 8192;

/// What an expansion is looked up by: the fields walked, the term, and a
/// parameter of the walk (the typos allowed).
pub(crate) type CacheKey = (Vec<Field>, String, u8);

/// Expansions of the current index view, shared by the threads searching.
pub(crate) struct ExpansionCache<V> {
    halves: Mutex<Halves<V>>,
}

impl<V> Default for ExpansionCache<V> {
    fn default() -> Self {
        ExpansionCache {
            halves: Mutex::new(Halves {
                view: IndexView::default(),
                recent: HashMap::new(),
                older: HashMap::new(),
            }),
        }
    }
}

impl<V: Clone> ExpansionCache<V> {
    /// The expansions under `key` in `searcher`'s view: remembered, or
    /// made by `walk` and remembered (unless the view changed meanwhile).
    pub(crate) fn get_or_walk(
        &self,
        searcher: &Searcher,
        key: CacheKey,
        walk: impl FnOnce() -> V,
    ) -> V {
        let view = searcher.generation().segments();
        // A poisoned lock only means another query panicked: skip the cache.
        if let Some(found) = self.halves.lock().ok().and_then(|mut h| h.get(view, &key)) {
            return found;
        }
        let expansions = walk();
        if let Ok(mut halves) = self.halves.lock() {
            if halves.view == *view {
                halves.insert(key, expansions.clone());
            }
        }
        expansions
    }
}

/// Expansions of one [`IndexView`], in two halves: new entries go to
/// `recent`; when it is full it becomes `older` and the previous `older` is
/// dropped, so often used entries survive (an entry found in `older` moves
/// back to `recent`).
struct Halves<V> {
    view: IndexView,
    recent: HashMap<CacheKey, V>,
    older: HashMap<CacheKey, V>,
}

impl<V: Clone> Halves<V> {
    /// The expansions under `key` for `view`; a new view empties the cache.
    fn get(&mut self, view: &IndexView, key: &CacheKey) -> Option<V> {
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
    fn insert(&mut self, key: CacheKey, expansions: V) {
        if self.recent.len() >= CACHED_EXPANSIONS / 2 {
            self.older = std::mem::take(&mut self.recent);
        }
        self.recent.insert(key, expansions);
    }
}

/// The `keep` terms in the most documents (`found`: term and document
/// frequency), most first; equal ones in term order.
pub(crate) fn most_frequent(mut found: Vec<(String, u64)>, keep: usize) -> Vec<String> {
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(keep);
    found.into_iter().map(|(term, _)| term).collect()
}
