//! The query language, parsed leniently: any string is a query.
//!
//! - `word word`: documents with any of the words, those with all first;
//! - `"exact phrase"`: must appear as written (after analysis);
//! - `-word`, `-"phrase"`: must not appear;
//! - `a OR b`: either counts as the same query word;
//! - `title:word`, `title:"phrase"`: in the title only.
//!
//! Malformed input degrades to plain words: an unclosed quote runs to the
//! end, parentheses are ignored, an empty `title:` or a lone `-` is dropped,
//! an unknown `field:` is searched as text.

/// Where a unit must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title, body (and boilerplate, with a small weight).
    Anywhere,
    /// The title only.
    Title,
}

/// The smallest thing a query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// One written word (possibly a compound: `anti-missiles`).
    Word(String),
    /// Words that must appear together, in order.
    Phrase(String),
}

/// How a clause takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Counts for ranking: documents with more such clauses rank higher.
    Should,
    /// Required (quoted phrases).
    Must,
    /// Excluded (`-word`).
    MustNot,
}

/// One query word: alternatives joined by `OR`, all in one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Required, optional or excluded.
    pub occur: Occur,
    /// Where it must match.
    pub scope: Scope,
    /// Any of these satisfies the clause.
    pub alternatives: Vec<Unit>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The clauses in the order written.
    pub clauses: Vec<Clause>,
}

#[derive(Debug)]
struct Lexeme {
    unit: Unit,
    excluded: bool,
    scope: Scope,
}

/// Parses `query`; never fails.
///
/// ```
/// use franglais_query::syntax::{parse, Occur, Scope, Unit};
/// let q = parse(r#"bouclier "guerre froide" -Chicago title:OTAN Rasmussen OR Stoltenberg"#);
/// assert_eq!(q.clauses.len(), 5);
/// assert_eq!(q.clauses[1].alternatives, [Unit::Phrase("guerre froide".into())]);
/// assert_eq!(q.clauses[1].occur, Occur::Must);
/// assert_eq!(q.clauses[2].occur, Occur::MustNot);
/// assert_eq!(q.clauses[3].scope, Scope::Title);
/// assert_eq!(q.clauses[4].alternatives.len(), 2);
/// // Malformed input is still a query.
/// assert_eq!(parse(r#"(( "bouclier"#).clauses[0].alternatives, [Unit::Word("bouclier".into())]);
/// ```
pub fn parse(query: &str) -> ParsedQuery {
    let lexemes = lex(query);
    let mut clauses: Vec<Clause> = Vec::new();
    let mut join_next = false;
    for item in lexemes {
        let lexeme = match item {
            Token::Or => {
                join_next = !clauses.is_empty();
                continue;
            }
            Token::Lexeme(lexeme) => lexeme,
        };
        let occur = match (&lexeme.unit, lexeme.excluded) {
            (_, true) => Occur::MustNot,
            (Unit::Phrase(_), false) => Occur::Must,
            (Unit::Word(_), false) => Occur::Should,
        };
        if join_next {
            if let Some(last) = clauses.last_mut() {
                if last.occur != Occur::MustNot
                    && occur != Occur::MustNot
                    && last.scope == lexeme.scope
                {
                    // `a OR "b c"`: the group is optional like its words.
                    last.occur = Occur::Should;
                    last.alternatives.push(lexeme.unit);
                    join_next = false;
                    continue;
                }
            }
        }
        join_next = false;
        clauses.push(Clause {
            occur,
            scope: lexeme.scope,
            alternatives: vec![lexeme.unit],
        });
    }
    ParsedQuery { clauses }
}

enum Token {
    Lexeme(Lexeme),
    Or,
}

fn lex(query: &str) -> Vec<Token> {
    // Control characters and parentheses separate like spaces.
    let cleaned: String = query
        .chars()
        .map(|c| {
            if c.is_control() || c == '(' || c == ')' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut tokens = Vec::new();
    let mut rest = cleaned.as_str();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut excluded = false;
        let mut scope = Scope::Anywhere;
        if let Some(after) = rest.strip_prefix('-') {
            excluded = true;
            rest = after;
        }
        if rest
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("title:"))
        {
            scope = Scope::Title;
            rest = &rest[6..];
        }
        if let Some(after) = rest.strip_prefix(['"', '“', '”', '«', '»']) {
            let end = after.find(['"', '“', '”', '«', '»']).unwrap_or(after.len());
            let phrase = after[..end].trim().to_string();
            let close = after[end..].chars().next().map_or(0, char::len_utf8);
            rest = &after[end + close..];
            match phrase.split_whitespace().count() {
                0 => {}
                1 => tokens.push(Token::Lexeme(Lexeme {
                    unit: Unit::Word(phrase),
                    excluded,
                    scope,
                })),
                _ => tokens.push(Token::Lexeme(Lexeme {
                    unit: Unit::Phrase(phrase),
                    excluded,
                    scope,
                })),
            }
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if word == "OR" && !excluded && scope == Scope::Anywhere {
            tokens.push(Token::Or);
        } else if !word.is_empty() {
            // A word holding a quote (`a"b`) is searched as its letters.
            let word: String = word
                .chars()
                .map(|c| {
                    if matches!(c, '"' | '“' | '”' | '«' | '»') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            for part in word.split_whitespace() {
                tokens.push(Token::Lexeme(Lexeme {
                    unit: Unit::Word(part.to_string()),
                    excluded,
                    scope,
                }));
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &ParsedQuery) -> Vec<(Occur, Scope, Vec<Unit>)> {
        q.clauses
            .iter()
            .map(|c| (c.occur, c.scope, c.alternatives.clone()))
            .collect()
    }

    #[test]
    fn plain_words() {
        let q = parse("bouclier anti-missiles");
        assert_eq!(
            words(&q),
            [
                (
                    Occur::Should,
                    Scope::Anywhere,
                    vec![Unit::Word("bouclier".into())]
                ),
                (
                    Occur::Should,
                    Scope::Anywhere,
                    vec![Unit::Word("anti-missiles".into())]
                ),
            ]
        );
    }

    #[test]
    fn unbalanced_quote_runs_to_the_end() {
        let q = parse("\"bouclier anti-missiles");
        assert_eq!(
            q.clauses[0].alternatives,
            [Unit::Phrase("bouclier anti-missiles".into())]
        );
    }

    #[test]
    fn malformed_inputs_never_fail() {
        for q in [
            "((",
            "title:",
            "-",
            "\"",
            "OR",
            "OR OR a",
            "a OR",
            "-\"\"",
            "title:\"",
            "))((",
            "\u{0}\u{7}",
            "européenne",
            "-été",
            "é",
        ] {
            let parsed = parse(q);
            assert!(
                parsed.clauses.iter().all(|c| !c.alternatives.is_empty()),
                "{q}"
            );
        }
        assert!(parse("((").clauses.is_empty());
        assert!(parse("title:").clauses.is_empty());
        assert_eq!(parse("OR OR a").clauses.len(), 1);
    }

    #[test]
    fn exclusions_and_titles() {
        let q = parse("-\"guerre froide\" title:Russie");
        assert_eq!(q.clauses[0].occur, Occur::MustNot);
        assert_eq!(
            q.clauses[0].alternatives,
            [Unit::Phrase("guerre froide".into())]
        );
        assert_eq!(q.clauses[1].scope, Scope::Title);
    }

    #[test]
    fn lowercase_or_is_a_word_and_or_joins_phrases() {
        assert_eq!(parse("war or peace").clauses.len(), 3);
        let q = parse("\"cold war\" OR \"guerre froide\"");
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.clauses[0].occur, Occur::Should);
    }

    #[test]
    fn unknown_fields_are_text() {
        let q = parse("author:Verheyde");
        assert_eq!(
            q.clauses[0].alternatives,
            [Unit::Word("author:Verheyde".into())]
        );
    }
}
