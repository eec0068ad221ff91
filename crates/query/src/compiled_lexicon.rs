//! The embedded lexicon, compiled ahead of time so that opening a searcher
//! costs nothing: tens of thousands of pairs would take longer to analyse
//! at every start than a whole search takes.
//!
//! The file (`data/lexicon-fr-en.bin`) is made from the lexicon's text
//! sources by `cargo run -p franglais-query --example compile-lexicon`
//! (`tools/lexicon/build.sh` runs it), and a test checks that it is the
//! compilation of the committed sources. Layout, integers little-endian:
//!
//! ```text
//! "FRGLX\x02\0\0"  magic and version
//! u32              words in the longest key
//! u32              0
//! 4 × u64          byte lengths of the four maps
//! French keys      fst map: a key's words joined by U+001F → entry offset
//! English keys
//! French stems     fst map: a single word's index term → entry offset
//! English stems
//! entries          per key: u8 count, then per translation:
//!                  u8 confidence in percent, u16 byte length, UTF-8 text
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::{Deref, Range};
use std::sync::Arc;

use franglais_index::{Analyzer, Language};
use tantivy_fst::raw::Fst;
use tantivy_fst::{Map, MapBuilder};

use crate::lexicon::Lexicon;
use crate::translate::phrase_key;
use crate::word_terms::WordTermsCache;

/// The text sources of the embedded lexicon, in `data/`: the hand-written
/// pairs, then those of `tools/lexicon` (see `data/README.md`).
pub const SOURCES: [&str; 2] = ["lexicon-fr-en.tsv", "lexicon-induced.tsv"];

/// The embedded lexicon's text sources, read from the folder `data`.
pub fn sources(data: &std::path::Path) -> Result<Lexicon, crate::lexicon::LexiconError> {
    let mut lexicon = Lexicon::default();
    for name in SOURCES {
        lexicon.extend(Lexicon::from_file(&data.join(name))?);
    }
    Ok(lexicon)
}

const MAGIC: &[u8; 8] = b"FRGLX\x02\0\0";
/// Maps: keys then stems, French then English.
const MAPS: usize = 4;
const HEADER: usize = 8 + 4 + 4 + 8 * MAPS;
/// Joins a key's words: no analysed word holds it.
const SEPARATOR: char = '\u{1f}';

/// Bytes shared by the two maps and the entries.
#[derive(Clone)]
struct Shared {
    data: Arc<Cow<'static, [u8]>>,
    range: Range<usize>,
}

impl Deref for Shared {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.data[self.range.clone()]
    }
}

/// Translations with their confidence, most confident first.
pub type Translations<'a> = Vec<(&'a str, f32)>;

/// A compiled lexicon is damaged or of another version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the compiled lexicon is unreadable: {0}")]
pub struct CompiledLexiconError(String);

/// A lexicon ready for lookups by analysed key, without parsing.
///
/// ```
/// use franglais_index::{Analyzer, Language};
/// use franglais_query::compiled_lexicon::CompiledLexicon;
/// use franglais_query::lexicon::Lexicon;
/// let analyzer = Analyzer::default();
/// let lexicon = Lexicon::parse("mot de passe\tpassword\t0.9\n", "t").unwrap();
/// let compiled = CompiledLexicon::from_bytes(CompiledLexicon::compile(&analyzer, &lexicon)).unwrap();
/// let key = ["passwords".to_string()].map(|w| w.trim_end_matches('s').to_string());
/// assert_eq!(compiled.get(Language::En, &key), [("mot de passe", 0.9)]);
/// ```
#[derive(Clone)]
pub struct CompiledLexicon {
    longest: usize,
    /// Keys (French, English), then stems (French, English).
    maps: Arc<[Map<Shared>; MAPS]>,
    entries: Shared,
}

impl std::fmt::Debug for CompiledLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledLexicon")
            .field("fr_keys", &self.maps[0].len())
            .field("en_keys", &self.maps[1].len())
            .finish()
    }
}

impl CompiledLexicon {
    /// The lexicon embedded in franglais (see `data/README.md`).
    pub fn embedded() -> CompiledLexicon {
        // The embedded bytes are checked by a test: they always read.
        Self::from_static(crate::translate::EMBEDDED_LEXICON).unwrap_or_else(|_| Self::empty())
    }

    /// A lexicon with no entry.
    pub fn empty() -> CompiledLexicon {
        Self::of(&Analyzer::default(), &Lexicon::default())
    }

    /// `lexicon` compiled in memory (a user's: confidences kept to the
    /// hundredth, as in the embedded one).
    pub fn of(analyzer: &Analyzer, lexicon: &Lexicon) -> CompiledLexicon {
        // `compile` writes what `read` reads, whatever the pairs.
        Self::from_bytes(Self::compile(analyzer, lexicon)).expect("a compiled lexicon reads")
    }

    /// Reads compiled bytes that live as long as the program.
    pub fn from_static(bytes: &'static [u8]) -> Result<CompiledLexicon, CompiledLexiconError> {
        Self::read(Cow::Borrowed(bytes))
    }

    /// Reads compiled bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<CompiledLexicon, CompiledLexiconError> {
        Self::read(Cow::Owned(bytes))
    }

    fn read(bytes: Cow<'static, [u8]>) -> Result<CompiledLexicon, CompiledLexiconError> {
        let error = |what: &str| CompiledLexiconError(what.to_string());
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(error("not a franglais lexicon of this version"));
        }
        let u32_at =
            |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
        let u64_at =
            |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
        let longest = u32_at(8) as usize;
        let mut ranges = Vec::with_capacity(MAPS);
        let mut end = HEADER;
        for i in 0..MAPS {
            let len = usize::try_from(u64_at(16 + 8 * i)).map_err(|_| error("map too large"))?;
            let start = end;
            end = start.checked_add(len).ok_or_else(|| error("bad length"))?;
            ranges.push(start..end);
        }
        if end > bytes.len() {
            return Err(error("truncated"));
        }
        let total = bytes.len();
        let data = Arc::new(bytes);
        let slice = |range: Range<usize>| Shared {
            data: Arc::clone(&data),
            range,
        };
        let map = |range: Range<usize>| {
            Fst::new(slice(range))
                .map(Map::from)
                .map_err(|e| error(&e.to_string()))
        };
        let maps = [
            map(ranges[0].clone())?,
            map(ranges[1].clone())?,
            map(ranges[2].clone())?,
            map(ranges[3].clone())?,
        ];
        Ok(CompiledLexicon {
            longest,
            maps: Arc::new(maps),
            entries: slice(end..total),
        })
    }

    /// Words in the longest key.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Number of keys per source language (French, English).
    pub fn key_counts(&self) -> [usize; 2] {
        [self.maps[0].len(), self.maps[1].len()]
    }

    /// Translations of the analysed `key` (see
    /// [`crate::translate::Translator`]) from `language`, with their
    /// confidence, most confident first.
    pub fn get(&self, language: Language, key: &[String]) -> Vec<(&str, f32)> {
        let joined = key.join(&SEPARATOR.to_string());
        match self.maps[language.ordinal()].get(joined.as_bytes()) {
            Some(offset) => self.entry(offset as usize),
            None => Vec::new(),
        }
    }

    /// Translations of the single words whose index term in `language` is
    /// `stem` (`supprim` for `supprimer`, `supprime`, `supprimés`), most
    /// confident first: how an inflection the lexicon lacks finds its
    /// word's entry.
    pub fn get_by_stem(&self, language: Language, stem: &str) -> Vec<(&str, f32)> {
        match self.maps[2 + language.ordinal()].get(stem.as_bytes()) {
            Some(offset) => self.entry(offset as usize),
            None => Vec::new(),
        }
    }

    /// Every key from `language` with its translations, in key order.
    pub fn entries(&self, language: Language) -> Vec<(Vec<String>, Translations<'_>)> {
        use tantivy_fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.maps[language.ordinal()].stream();
        while let Some((key, offset)) = stream.next() {
            let key = String::from_utf8_lossy(key);
            let words = key.split(SEPARATOR).map(str::to_string).collect();
            out.push((words, self.entry(offset as usize)));
        }
        out
    }

    fn entry(&self, offset: usize) -> Vec<(&str, f32)> {
        let bytes: &[u8] = &self.entries;
        let mut at = offset;
        let Some(&count) = bytes.get(at) else {
            return Vec::new();
        };
        at += 1;
        let mut out = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let Some(head) = bytes.get(at..at + 3) else {
                break;
            };
            let confidence = f32::from(head[0]) / 100.0;
            let len = u16::from_le_bytes([head[1], head[2]]) as usize;
            at += 3;
            let Some(text) = bytes
                .get(at..at + len)
                .and_then(|t| std::str::from_utf8(t).ok())
            else {
                break;
            };
            at += len;
            out.push((text, confidence));
        }
        out
    }

    /// Compiles `lexicon`, its keys analysed by `analyzer`. A pair found
    /// twice keeps its highest confidence.
    pub fn compile(analyzer: &Analyzer, lexicon: &Lexicon) -> Vec<u8> {
        let mut analyses = WordTermsCache::new(analyzer);
        // Keys (French, English), then stems (French, English).
        let mut keys: [Targets; MAPS] = Default::default();
        let mut longest = 0;
        for pair in lexicon.pairs() {
            let percent = (pair.confidence * 100.0).round().clamp(1.0, 100.0) as u8;
            for (source, target, language) in [
                (&pair.fr, &pair.en, Language::Fr),
                (&pair.en, &pair.fr, Language::En),
            ] {
                let Some(key) = phrase_key(&mut analyses, source, language) else {
                    continue;
                };
                longest = longest.max(key.len());
                let joined = key.join(&SEPARATOR.to_string());
                add_target(&mut keys[language.ordinal()], joined, target, percent);
                if let Some(stem) = stem_key(&mut analyses, source, language) {
                    add_target(&mut keys[2 + language.ordinal()], stem, target, percent);
                }
            }
        }
        let mut entries = Vec::new();
        let mut maps = Vec::new();
        for map_keys in &keys {
            let mut builder = MapBuilder::memory();
            for (key, targets) in map_keys {
                // In the map's key order, so `insert` cannot fail.
                let _ = builder.insert(key.as_bytes(), entries.len() as u64);
                write_entry(&mut entries, targets);
            }
            maps.push(builder.into_inner().unwrap_or_default());
        }
        let mut out =
            Vec::with_capacity(HEADER + maps.iter().map(Vec::len).sum::<usize>() + entries.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(longest as u32).to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        for map in &maps {
            out.extend_from_slice(&(map.len() as u64).to_le_bytes());
        }
        for map in &maps {
            out.extend_from_slice(map);
        }
        out.extend_from_slice(&entries);
        out
    }
}

/// Key → translation → confidence in percent.
type Targets = BTreeMap<String, BTreeMap<String, u8>>;

/// Adds `target` to `key`'s translations; a pair found twice keeps its
/// highest confidence.
fn add_target(keys: &mut Targets, key: String, target: &str, percent: u8) {
    let kept = keys
        .entry(key)
        .or_default()
        .entry(target.to_string())
        .or_insert(percent);
    *kept = (*kept).max(percent);
}

/// The index term of `text` in `language` if it is one word with one
/// term, the key of [`CompiledLexicon::get_by_stem`].
pub(crate) fn stem_key(
    analyses: &mut WordTermsCache<'_>,
    text: &str,
    language: Language,
) -> Option<String> {
    let mut words = franglais_index::analysis::segment::words(text, 0);
    let (Some(word), None) = (words.next(), words.next()) else {
        return None;
    };
    let terms = analyses.terms(word.text, language);
    match (&terms.joined, terms.parts.as_slice()) {
        (Some(joined), _) => Some(joined.clone()),
        (None, [(_, term)]) => Some(term.clone()),
        _ => None,
    }
}

/// One key's translations, most confident first (then by text), at most
/// 255 of them.
fn write_entry(entries: &mut Vec<u8>, targets: &BTreeMap<String, u8>) {
    let mut sorted: Vec<(&String, &u8)> = targets.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    sorted.truncate(255);
    entries.push(sorted.len() as u8);
    for (text, percent) in sorted {
        let bytes = &text.as_bytes()[..text.len().min(u16::MAX as usize)];
        entries.push(*percent);
        entries.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        entries.extend_from_slice(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(text: &str) -> CompiledLexicon {
        let lexicon = Lexicon::parse(text, "t").unwrap();
        CompiledLexicon::from_bytes(CompiledLexicon::compile(&Analyzer::default(), &lexicon))
            .unwrap()
    }

    fn key(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn both_directions_most_confident_first() {
        let lexicon = compiled("jeu\tgame\t0.9\njeu\tplay\t0.4\nenjeu\tstake\njeu\tgame\t0.5\n");
        assert_eq!(
            lexicon.get(Language::Fr, &key(&["jeu"])),
            [("game", 0.9), ("play", 0.4)]
        );
        assert_eq!(lexicon.get(Language::En, &key(&["game"])), [("jeu", 0.9)]);
        assert_eq!(
            lexicon.get(Language::En, &key(&["stake"])),
            [("enjeu", 1.0)]
        );
        assert!(lexicon.get(Language::Fr, &key(&["game"])).is_empty());
    }

    #[test]
    fn inflections_find_their_word_by_stem() {
        let lexicon = compiled("supprimer\tdelete\t0.8\nsupprimé\tdeleted\t0.6\n");
        let analyzer = Analyzer::default();
        let mut analyses = WordTermsCache::new(&analyzer);
        let stem = stem_key(&mut analyses, "supprimez", Language::Fr).unwrap();
        assert_eq!(
            lexicon.get_by_stem(Language::Fr, &stem),
            [("delete", 0.8), ("deleted", 0.6)]
        );
        assert!(lexicon.get(Language::Fr, &key(&["supprimez"])).is_empty());
    }

    #[test]
    fn phrases_are_keyed_by_their_words() {
        let lexicon = compiled("ligne de commande\tcommand line\t0.8\n");
        assert_eq!(lexicon.longest(), 2, "`de` is a stop word");
        assert_eq!(
            lexicon.get(Language::Fr, &key(&["ligne", "commande"])),
            [("command line", 0.8)]
        );
        assert_eq!(lexicon.key_counts(), [1, 1]);
        assert!(
            lexicon.get_by_stem(Language::Fr, "lign").is_empty(),
            "phrases have no stem"
        );
    }

    #[test]
    fn the_embedded_lexicon_is_the_compilation_of_its_sources() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let lexicon = sources(&data).unwrap();
        let bytes = CompiledLexicon::compile(&Analyzer::default(), &lexicon);
        assert!(
            bytes == crate::translate::EMBEDDED_LEXICON,
            "data/lexicon-fr-en.bin is stale: run `cargo run -p franglais-query --example compile-lexicon`"
        );
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let mut bytes = CompiledLexicon::compile(&Analyzer::default(), &Lexicon::default());
        assert!(CompiledLexicon::from_bytes(bytes.clone()).is_ok());
        bytes.truncate(HEADER - 1);
        assert!(CompiledLexicon::from_bytes(bytes).is_err());
        assert!(
            CompiledLexicon::from_bytes(b"FRGLX\x01\0\0 and more bytes here....".to_vec()).is_err()
        );
    }
}
