//! French ↔ English lexicons as text: the user's `--lexicon` files and the
//! sources of the embedded lexicon (`data/`).
//!
//! One pair per line: French, a tab, English, and optionally a tab and the
//! pair's confidence, a number in (0, 1] (1 when absent): how sure it is
//! that the two mean the same. Ranking counts a translation in proportion
//! to it. `#` starts a comment; blank lines are ignored. A word with
//! several translations takes several lines.

use std::path::Path;

/// A lexicon line that cannot be read, or a file that cannot be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// A line is not `french<TAB>english[<TAB>confidence]`.
    #[error("{source_name}:{line}: {reason}; expected `french<TAB>english[<TAB>confidence]`")]
    Line {
        /// The file (or the name given to [`Lexicon::parse`]).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The file cannot be read.
    #[error("cannot read lexicon {path}: {reason}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// One pair of a lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The French word or phrase.
    pub fr: String,
    /// The English word or phrase.
    pub en: String,
    /// How sure the pair is, in (0, 1].
    pub confidence: f32,
}

/// French ↔ English pairs of words or phrases.
///
/// ```
/// use franglais_query::lexicon::Lexicon;
/// let lexicon = Lexicon::parse("# défense\nguerre froide\tCold War\nbillard\tpool\t0.4\n", "mine.tsv").unwrap();
/// assert_eq!(lexicon.len(), 2);
/// assert_eq!(lexicon.pairs()[1].confidence, 0.4);
/// assert!(Lexicon::parse("no tab here", "mine.tsv").unwrap_err().to_string().contains("mine.tsv:1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    pairs: Vec<Pair>,
}

impl Lexicon {
    /// Parses lexicon text; `source_name` names it in errors.
    pub fn parse(text: &str, source_name: &str) -> Result<Lexicon, LexiconError> {
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let pair = parse_line(content).map_err(|reason| LexiconError::Line {
                source_name: source_name.to_string(),
                line: i + 1,
                reason: reason.to_string(),
            })?;
            pairs.push(pair);
        }
        Ok(Lexicon { pairs })
    }

    /// Reads a lexicon file.
    pub fn from_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError::Unreadable {
            path: name.clone(),
            reason: e.to_string(),
        })?;
        Lexicon::parse(&text, &name)
    }

    /// Adds the pairs of `other`.
    pub fn extend(&mut self, other: Lexicon) {
        self.pairs.extend(other.pairs);
    }

    /// The pairs, in the order read.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there is no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// One line's pair, or why it is not one.
fn parse_line(content: &str) -> Result<Pair, &'static str> {
    let mut fields = content.split('\t').map(str::trim);
    let (Some(fr), Some(en)) = (fields.next(), fields.next()) else {
        return Err("a French and an English side are needed");
    };
    if fr.is_empty() || en.is_empty() {
        return Err("a French and an English side are needed");
    }
    let confidence = match fields.next() {
        None => 1.0,
        Some(text) => match text.parse::<f32>() {
            Ok(c) if c > 0.0 && c <= 1.0 => c,
            _ => return Err("the confidence must be a number above 0 and at most 1"),
        },
    };
    if fields.next().is_some() {
        return Err("more than three tab-separated fields");
    }
    Ok(Pair {
        fr: fr.to_string(),
        en: en.to_string(),
        confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::parse("ok\tok\n\ta\tb\tc\td\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().starts_with("mine.tsv:2: "), "{err}");
        let err = Lexicon::parse("a\tb\t1.5\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().contains("confidence"), "{err}");
        let err = Lexicon::parse("a\tb\tsure\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().contains("mine.tsv:1"), "{err}");
    }

    #[test]
    fn an_unreadable_file_is_said_so_without_the_format() {
        let err = Lexicon::from_file(Path::new("/nonexistent/lexicon.tsv")).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("cannot read lexicon /nonexistent/lexicon.tsv"),
            "{text}"
        );
        assert!(!text.contains("expected"), "{text}");
    }

    #[test]
    fn confidence_defaults_to_one() {
        let lexicon = Lexicon::parse("paix\tpeace\nbillard\tpool\t0.25\n", "t").unwrap();
        let confidences: Vec<f32> = lexicon.pairs().iter().map(|p| p.confidence).collect();
        assert_eq!(confidences, [1.0, 0.25]);
    }
}
