//! Normalization, the second stage: a written word → lowercase parts.
//!
//! Everything here is language-independent on purpose. French elisions
//! (`l’OTAN`) turn up in English sentences and English possessives
//! (`NATO’s`) in French ones, and a segment's language can be misjudged, so
//! both languages get the same treatment. The language-specific steps (stop
//! words, stemming) come after, in [`crate::analysis::chain`].

use std::borrow::Cow;

use super::segment::{is_apostrophe, is_hyphen};
use crate::Language;

/// Longest word part that is indexed, in bytes: longer runs are hashes,
/// base64 or URLs, never something a reader types.
pub const MAX_PART_BYTES: usize = 64;

/// One part of a written word, lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Lowercase text, elision and possessive removed, accents kept (the
    /// stemmers need them).
    pub text: String,
    /// Written in capitals (`US`, `EU`, `OTAN`): never treated as a stop word.
    pub acronym: bool,
}

/// A written word after normalization.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NormalizedWord {
    /// The hyphen-separated parts, in order; a plain word has one.
    pub parts: Vec<Part>,
    /// For a compound, the parts written together (`anti-missiles` →
    /// `antimissiles`), so that it meets the solid spelling.
    pub joined: Option<String>,
}

/// Normalizes one word as found by [`super::segment::words`].
///
/// ```
/// use franglais_index::analysis::normalize::normalize_word;
/// let w = normalize_word("l’anti-missiles");
/// let parts: Vec<&str> = w.parts.iter().map(|p| p.text.as_str()).collect();
/// assert_eq!(parts, ["anti", "missiles"]);
/// assert_eq!(w.joined.as_deref(), Some("antimissiles"));
/// ```
pub fn normalize_word(word: &str) -> NormalizedWord {
    let parts: Vec<Part> = word.split(is_hyphen).map(normalize_part).collect();
    let joined = (parts.len() > 1 && parts.iter().all(|p| !p.text.is_empty()))
        .then(|| parts.iter().map(|p| p.text.as_str()).collect::<String>())
        .filter(|j| j.len() <= MAX_PART_BYTES);
    NormalizedWord { parts, joined }
}

/// Normalizes one hyphen-free part. An over-long part comes back empty so
/// that positions still count it.
fn normalize_part(part: &str) -> Part {
    let mut rest = part;
    // Elision: `l’`, `qu’`, `jusqu’`… at the start.
    if let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        let prefix = &rest[..i];
        let after = &rest[i + c.len_utf8()..];
        let elided = Language::ALL
            .iter()
            .flat_map(|l| l.data().elisions)
            .any(|e| prefix.eq_ignore_ascii_case(e));
        if !after.is_empty() && elided {
            rest = after;
        }
    }
    // English possessive `’s` at the end.
    if let Some(stripped) = strip_possessive(rest) {
        rest = stripped;
    }
    if rest.len() > MAX_PART_BYTES {
        return Part {
            text: String::new(),
            acronym: false,
        };
    }
    let mut letters = 0;
    let mut lowercase_seen = false;
    let mut text = String::with_capacity(rest.len());
    for c in rest.chars() {
        if is_apostrophe(c) {
            continue; // `aujourd’hui` → `aujourdhui`, `don't` → `dont`
        }
        if c.is_alphabetic() {
            letters += 1;
            lowercase_seen |= c.is_lowercase();
        }
        text.extend(c.to_lowercase());
    }
    Part {
        text,
        acronym: letters >= 2 && !lowercase_seen,
    }
}

fn strip_possessive(word: &str) -> Option<&str> {
    let mut chars = word.char_indices().rev();
    let (_, s) = chars.next()?;
    let (i, apostrophe) = chars.next()?;
    (matches!(s, 's' | 'S') && is_apostrophe(apostrophe) && i > 0).then(|| &word[..i])
}

/// Folds accents and ligatures to ASCII letters, so that `défense`,
/// `Defense` and `DÉFENSE` meet once lowercased and stemmed.
///
/// Runs after stemming: Snowball's French suffix rules need the accents
/// (`traversèrent` → `travers`).
///
/// ```
/// use franglais_index::analysis::normalize::fold;
/// assert_eq!(fold("réassurance"), "reassurance");
/// assert_eq!(fold("manœuvres"), "manoeuvres");
/// assert_eq!(fold("plain"), "plain");
/// ```
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None if ('\u{0300}'..='\u{036f}').contains(&c) => {} // combining accent
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Vec<String> {
        normalize_word(word)
            .parts
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn elision_with_both_apostrophes() {
        // Seed 001: « l’OTAN », « d’appréciation », « n’était », « s’est ».
        assert_eq!(parts("l’OTAN"), ["otan"]);
        assert_eq!(parts("l'OTAN"), ["otan"]);
        assert_eq!(parts("d’appréciation"), ["appréciation"]);
        assert_eq!(parts("n’était"), ["était"]);
        assert_eq!(parts("jusqu’au"), ["au"]);
        assert_eq!(parts("qu’a"), ["a"]);
    }

    #[test]
    fn apostrophe_inside_a_word_is_not_an_elision() {
        assert_eq!(parts("aujourd’hui"), ["aujourdhui"]);
    }

    #[test]
    fn english_possessive() {
        // Seed 000: "the Alliance's Defense", "Primakov's plane", seed 003 "France’s".
        assert_eq!(parts("Alliance's"), ["alliance"]);
        assert_eq!(parts("Primakov's"), ["primakov"]);
        assert_eq!(parts("France’s"), ["france"]);
        // A lone `'s` is not stripped to nothing.
        assert_eq!(parts("'s").len(), 1);
    }

    #[test]
    fn compounds_keep_parts_and_joined_form() {
        let w = normalize_word("Otan-Russie");
        assert_eq!(parts("Otan-Russie"), ["otan", "russie"]);
        assert_eq!(w.joined.as_deref(), Some("otanrussie"));
        assert_eq!(normalize_word("antimissile").joined, None);
    }

    #[test]
    fn acronyms_are_marked() {
        let w = normalize_word("US");
        assert!(w.parts[0].acronym);
        assert!(!normalize_word("us").parts[0].acronym);
        assert!(!normalize_word("A").parts[0].acronym);
        assert!(normalize_word("NATO's").parts[0].acronym);
    }

    #[test]
    fn over_long_parts_are_emptied() {
        let long = "x".repeat(MAX_PART_BYTES + 1);
        assert_eq!(parts(&long), [""]);
    }

    #[test]
    fn folding_meets_unaccented_and_capitals() {
        let a = fold(&normalize_word("DÉFENSE").parts[0].text).into_owned();
        let b = fold(&normalize_word("défense").parts[0].text).into_owned();
        assert_eq!(a, "defense");
        assert_eq!(a, b);
        assert_eq!(fold("Tchéquie"), "Tchequie");
        assert_eq!(fold("de\u{301}fense"), "defense");
    }
}
