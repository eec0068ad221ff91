//! From a source document to what gets indexed: the title (the headline,
//! not the site banner), the date where the text gives one, the body, and
//! the boilerplate lines set apart.

use crate::boilerplate::Boilerplate;
use crate::corpus::SourceDocument;
use crate::date::find_date;

/// A headline is at most this many characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// A dateline holds a date and at most this many other words
/// (`Publié le 3 mars 2017`).
const MAX_DATELINE_EXTRA_WORDS: usize = 3;

/// See [`extract`]'s duplicate rule.
pub const MIN_KEPT_SHARE: f64 = 0.2;

/// A site banner or a section name is a few words (`Le Monde Économie`,
/// `News Blogair defense`); a headline rarely is so short.
const BANNER_WORDS: usize = 3;

/// Only the first lines are looked at for a headline or a dateline.
const HEADER_LINES: usize = 6;

/// Where a document's title comes from: what it is worth as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    /// Given with the document (an HTML `<title>`, a JSON Lines `title`).
    Metadata,
    /// A headline line at the top of the text.
    Headline,
    /// None was found: the first words of the text, for display only (they
    /// are body text, and are searched as such).
    Opening,
}

/// A document ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedDocument {
    /// The headline, or the first words of the text if none was found.
    pub title: String,
    /// Where [`ExtractedDocument::title`] comes from.
    pub title_source: TitleSource,
    /// `YYYY-MM-DD` where the text or the record gives a date.
    pub date: Option<String>,
    /// The text without title and boilerplate lines, exactly as written
    /// otherwise (snippets quote it); the dateline stays.
    pub body: String,
    /// The boilerplate lines, one per line.
    pub boilerplate: String,
}

/// Extracts title, date, body and boilerplate from `doc`.
///
/// ```
/// use franglais_index::boilerplate::Boilerplate;
/// use franglais_index::corpus::{RecordMeta, SourceDocument};
/// use franglais_index::document::extract;
/// let doc = SourceDocument {
///     id: "002".into(),
///     path: "corpus/002.txt".into(),
///     text: "January 23, 2022\n\nRussia and NATO note their disagreements\n\nIt was necessary…".into(),
///     meta: RecordMeta::default(),
/// };
/// let extracted = extract(&doc, &Boilerplate::default());
/// assert_eq!(extracted.title, "Russia and NATO note their disagreements");
/// assert_eq!(extracted.date.as_deref(), Some("2022-01-23"));
/// assert_eq!(extracted.body, "January 23, 2022\n\n\nIt was necessary…");
/// ```
pub fn extract(doc: &SourceDocument, boilerplate: &Boilerplate) -> ExtractedDocument {
    let (body_lines, boilerplate_lines) = split_boilerplate(&doc.text, boilerplate);
    let mut date = doc.meta.date.as_deref().map(|d| {
        find_date(d)
            .map(|(d, _)| d.iso())
            .unwrap_or_else(|| d.to_string())
    });
    let mut title = doc
        .meta
        .title
        .as_deref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut title_source = TitleSource::Metadata;

    // The header: the first lines, up to the first line of prose.
    let header = header_lines(&body_lines);
    let mut skip = vec![false; body_lines.len()];
    let mut headlines = Vec::new();
    for &i in &header {
        let trimmed = body_lines[i].trim();
        if let Some((found, extra)) = find_date(trimmed) {
            if extra <= MAX_DATELINE_EXTRA_WORDS {
                // The dateline stays in the body: `2022` and
                // `"January 23"` are searchable text too.
                date.get_or_insert_with(|| found.iso());
                continue;
            }
        }
        if is_headline(trimmed) && !heads_indented_text(&body_lines, i) {
            headlines.push(i);
        }
    }
    if title.is_none() {
        if let Some(i) = headline_of(&header, &headlines, &body_lines) {
            title = Some(body_lines[i].trim().to_string());
            title_source = TitleSource::Headline;
        }
    }
    if let Some(t) = &title {
        // The headline, and the headline repeated (seed 003 prints it twice).
        for &i in &header {
            if body_lines[i].trim() == t {
                skip[i] = true;
            }
        }
    }
    let body = body_lines
        .iter()
        .zip(&skip)
        .filter(|(_, skipped)| !**skipped)
        .map(|(line, _)| *line)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    let title = title.unwrap_or_else(|| {
        title_source = TitleSource::Opening;
        first_words(&body)
    });
    ExtractedDocument {
        title,
        title_source,
        date,
        body,
        boilerplate: boilerplate_lines.join("\n"),
    }
}

/// Splits lines into body and boilerplate. A document that would keep less
/// than [`MIN_KEPT_SHARE`] of its text is a duplicate of another, not
/// boilerplate: it keeps all its lines. (Half was too much: a man page can
/// be mostly the lines its package repeats on every page.)
fn split_boilerplate<'a>(text: &'a str, boilerplate: &Boilerplate) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut body, mut removed) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if boilerplate.contains(line) {
            removed.push(line.trim());
        } else {
            body.push(line);
        }
    }
    let removed_bytes: usize = removed.iter().map(|l| l.len()).sum();
    let total = text.trim().len().max(1);
    if ((total.saturating_sub(removed_bytes)) as f64) < total as f64 * MIN_KEPT_SHARE {
        return (text.lines().collect(), Vec::new());
    }
    (body, removed)
}

/// A headline: short, not ending like a sentence, not a caption in
/// parentheses, and able to name the document at all ([`is_title_like`]).
fn is_headline(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS
        && is_title_like(line)
        && !line.ends_with(['.', ',', ';', ':'])
        && !is_caption(line)
}

/// A caption in parentheses (`(credit: NATO)`): neither headline nor prose.
fn is_caption(line: &str) -> bool {
    line.starts_with('(') && line.ends_with(')')
}

/// Indexes of the header's lines: the first [`HEADER_LINES`] lines with
/// text, up to the first line of prose ([`is_prose`]), which ends it.
fn header_lines(lines: &[&str]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(HEADER_LINES)
        .take_while(|(_, l)| !is_prose(l))
        .map(|(i, _)| i)
        .collect()
}

/// The header line that is the headline, among its `headlines`: the
/// first, unless it is a name of a few words ([`BANNER_WORDS`]) and the
/// header's next line a longer headline: the first is then a site banner
/// or a section name over the headline (`Le Monde Économie`).
fn headline_of(header: &[usize], headlines: &[usize], lines: &[&str]) -> Option<usize> {
    let first = *headlines.first()?;
    let words = |i: usize| lines[i].split_whitespace().count();
    let next = header.iter().find(|&&i| i > first).copied();
    match next {
        Some(next)
            if words(first) <= BANNER_WORDS
                && headlines.contains(&next)
                && words(next) > words(first) =>
        {
            Some(next)
        }
        _ => Some(first),
    }
}

/// A line of the text itself: words that could name something but end as
/// a sentence or run too long for a headline (a caption in parentheses is
/// no prose).
fn is_prose(line: &str) -> bool {
    let line = line.trim();
    is_title_like(line) && !is_headline(line) && !is_caption(line)
}

/// Whether a line could name a document: it has letters, and it is not a
/// page header, a section header, a line of code or command syntax, or an
/// address.
fn is_title_like(line: &str) -> bool {
    line.chars().any(char::is_alphabetic)
        && !is_page_header(line)
        && !is_capitalised_header(line)
        && !looks_like_code(line)
        && !is_address(line)
}

/// Page furniture at the top of a body, which a passage should not open
/// with: a page header or a section header in capitals.
///
/// ```
/// use franglais_index::document::is_furniture;
/// assert!(is_furniture("LS(1)      User Commands      LS(1)"));
/// assert!(is_furniture("NOM"));
/// assert!(!is_furniture("ls [OPTION]... [FILE]..."));
/// ```
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    is_page_header(line) || is_capitalised_header(line)
}

/// Column layouts (`LS(1)   User Commands   LS(1)`) and running heads that
/// start and end with the page's name (`PS(1) User Commands PS(1)`).
fn is_page_header(line: &str) -> bool {
    if line.contains("   ") {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let page_name = |w: &str| w.contains('(') && w.ends_with(')');
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => words.len() > 1 && first == last && page_name(first),
        _ => false,
    }
}

/// A section header in capitals (`NAME`, `NOM`, `SEE ALSO`, `FORMAT DE
/// FICHIERS SCHÉMA PAR DÉFAUT`): a few words, no lower-case letter.
fn is_capitalised_header(line: &str) -> bool {
    const MAX_WORDS: usize = 6;
    line.split_whitespace().count() <= MAX_WORDS
        && line.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !line.chars().any(char::is_lowercase)
}

/// A line of code or of command syntax: comment marks, braces, `#include`,
/// an arrow, a statement's `;`, a function's `():`, an option (`-l,
/// --file`), or a command followed by its `[options]`.
fn looks_like_code(line: &str) -> bool {
    const MARKS: [&str; 9] = [
        "/*", "*/", "#include", "#define", "{", "}", " -> ", "():", "() :",
    ];
    if MARKS.iter().any(|m| line.contains(m)) || line.ends_with(';') {
        return true;
    }
    let mut chars = line.chars();
    if chars.next() == Some('-') && chars.next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    // `kill [options] PID [...]`, `mountpoint -x device`.
    let mut words = line.split_whitespace();
    let command = words.next().unwrap_or("");
    let option = |w: &str| {
        let mut chars = w.chars();
        match chars.next() {
            Some('[') => true,
            Some('-') => chars
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '-'),
            _ => false,
        }
    };
    command
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        && words.next().is_some_and(option)
}

/// A web address or a DOI.
fn is_address(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.starts_with("doi:")
}

/// Whether line `i` is directly followed by a more indented line: a
/// section header in an outline layout (`   Option Syntax` over its
/// indented paragraph), not a headline over its text.
fn heads_indented_text(lines: &[&str], i: usize) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    match lines.get(i + 1) {
        Some(next) if !next.trim().is_empty() => indent(next) > indent(lines[i]),
        _ => false,
    }
}

/// The first words of the first line that could name the document (of the
/// first line, if none could).
fn first_words(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let filled = || {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
    };
    let line = filled()
        .find(|(i, l)| is_title_like(l.trim()) && !heads_indented_text(&lines, *i))
        .or_else(|| filled().next())
        .map_or("", |(_, l)| l.trim());
    let mut title = String::new();
    for word in line.split_whitespace() {
        if title.len() + word.len() > 80 {
            title.push('…');
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{seed_boilerplate, seeds};

    fn extracted() -> Vec<ExtractedDocument> {
        let seeds = seeds();
        let boilerplate = seed_boilerplate(&seeds);
        seeds.iter().map(|d| extract(d, &boilerplate)).collect()
    }

    fn extract_text(text: &str) -> ExtractedDocument {
        let doc = SourceDocument {
            id: "doc".into(),
            path: "doc.txt".into(),
            text: text.into(),
            meta: crate::corpus::RecordMeta::default(),
        };
        extract(&doc, &Boilerplate::default())
    }

    #[test]
    fn a_banner_over_a_headline_is_no_title() {
        let doc = extract_text(
            "Le Monde Économie\n\nLa banque centrale relève ses taux directeurs\n\n\
             La banque centrale a relevé mercredi ses taux d'un demi-point.",
        );
        assert_eq!(doc.title, "La banque centrale relève ses taux directeurs");
        assert_eq!(doc.title_source, TitleSource::Headline);
        assert!(doc.body.starts_with("Le Monde Économie"), "{}", doc.body);
    }

    #[test]
    fn text_that_opens_with_prose_has_no_title_but_its_first_words() {
        let doc = extract_text(
            "This package gathers the shared library of the frobnicator.\n\nInstall it\n\n\
             Run the installer.",
        );
        assert_eq!(doc.title_source, TitleSource::Opening);
        assert!(
            doc.title.starts_with("This package gathers"),
            "{}",
            doc.title
        );
        // A short line below the prose is a section name, not the title.
        assert!(doc.body.contains("Install it"), "{}", doc.body);
    }

    #[test]
    fn seed_titles_are_headlines_not_banners() {
        let titles: Vec<String> = extracted().into_iter().map(|d| d.title).collect();
        assert_eq!(
            titles,
            [
                "Between NATO and Russia, a peaceful game?",
                "The divergence between NATO and Russia persists on the anti-missile shield",
                "Russia and NATO note their disagreements, without ruling out continuing their discussions",
                "In Search of Lost Time: How France May Facilitate Russia-NATO Rapprochement",
                "Premier contact au niveau militaire entre la Russie et l’Otan depuis 2014",
            ]
        );
    }

    #[test]
    fn seed_dates_only_where_the_text_gives_one() {
        let dates: Vec<Option<String>> = extracted().into_iter().map(|d| d.date).collect();
        assert_eq!(
            dates,
            [None, None, Some("2022-01-23".to_string()), None, None]
        );
    }

    #[test]
    fn body_loses_banner_bio_and_repeated_headline() {
        let docs = extracted();
        assert!(!docs[0].body.contains("News Blogair defense"));
        assert!(!docs[0].body.contains("Chief editor of the B2 site"));
        assert!(docs[0].boilerplate.contains("Chief editor of the B2 site"));
        assert!(docs[1].body.starts_with("(credit: NATO)"));
        assert!(!docs[3].body.contains("In Search of Lost Time"));
        assert!(docs[4].body.starts_with("En avril 2016"));
        // The body is quoted exactly.
        assert!(docs[1]
            .body
            .contains("l’ambiance n’était pas à la fête aujourd’hui"));
    }

    #[test]
    fn a_sentence_is_not_a_headline_but_one_word_is() {
        let doc = |text: &str| SourceDocument {
            id: "a".into(),
            path: "a.txt".into(),
            text: text.into(),
            meta: Default::default(),
        };
        let none = Boilerplate::default();
        assert_eq!(
            extract(&doc("Afghanistan\n\nThe transit goes on."), &none).title,
            "Afghanistan"
        );
        let sentence = extract(
            &doc("The cold morning began. War was far away.\nMore."),
            &none,
        );
        assert_eq!(sentence.title, "The cold morning began. War was far away.");
        assert_eq!(
            sentence.body,
            "The cold morning began. War was far away.\nMore."
        );
    }

    fn title_of(text: &str) -> String {
        let doc = SourceDocument {
            id: "a".into(),
            path: "a.txt".into(),
            text: text.into(),
            meta: Default::default(),
        };
        extract(&doc, &Boilerplate::default()).title
    }

    #[test]
    fn a_section_header_is_no_title() {
        let page = "LS(1)        User Commands        LS(1)\n\nNAME\n       ls - list directory contents\n\nSYNOPSIS\n       ls [OPTION]... [FILE]...\n";
        assert_eq!(title_of(page), "ls - list directory contents");
        let french = "NOM\n       kill - Envoyer un signal à un processus\n";
        assert_eq!(title_of(french), "kill - Envoyer un signal à un processus");
        // A heading over its indented paragraph, in an outline layout.
        let outline = "   Option Syntax\n       Since Wget uses GNU getopt to process command-line arguments, every option has a long form.\n";
        assert_eq!(
            title_of(outline),
            "Since Wget uses GNU getopt to process command-line arguments, every option has a…"
        );
    }

    #[test]
    fn a_page_header_code_or_address_is_no_title() {
        let running_head =
            "PS(1) User Commands PS(1)\n\nps - report a snapshot of the current processes.\n";
        assert_eq!(
            title_of(running_head),
            "ps - report a snapshot of the current processes."
        );
        let code = "#include <linux/futex.h> /* Definition of FUTEX_* constants */\n\nThe Linux kernel provides futexes.\n";
        assert_eq!(title_of(code), "The Linux kernel provides futexes.");
        let syntax = "kill [options] PID [...]\n\nLe signal par défaut de kill est TERM.\n";
        assert_eq!(title_of(syntax), "Le signal par défaut de kill est TERM.");
        let arrow = "nom -> chemin-réel\n\ntree - Lister le contenu de répertoires\n";
        assert_eq!(title_of(arrow), "tree - Lister le contenu de répertoires");
        let address = "https://www.lemonde.fr/international/article/2022/01/12/otan.html\n\nL’Otan et la Russie constatent leurs désaccords\n\nLe texte.";
        assert_eq!(
            title_of(address),
            "L’Otan et la Russie constatent leurs désaccords"
        );
    }

    #[test]
    fn headlines_with_a_name_repeated_or_a_dash_stay_titles() {
        // First and last words alike are no running head without `(n)`.
        let repeated = "runlevel - Print previous and current SysV runlevel\n\nText.";
        assert_eq!(
            title_of(repeated),
            "runlevel - Print previous and current SysV runlevel"
        );
        let news = "Ukraine - Russia: talks in Geneva\n\nThe talks went on.";
        assert_eq!(title_of(news), "Ukraine - Russia: talks in Geneva");
        let caps_word = "OTAN : le sommet de Madrid\n\nLe texte.";
        assert_eq!(title_of(caps_word), "OTAN : le sommet de Madrid");
    }

    #[test]
    fn a_duplicate_document_keeps_its_text() {
        let text = "Un titre\nLe même texte dans deux fichiers.";
        let mut counter = crate::boilerplate::LineCounter::default();
        counter.add_document(text);
        counter.add_document(text);
        let boilerplate = counter.finish();
        let doc = SourceDocument {
            id: "a".into(),
            path: "a.txt".into(),
            text: text.into(),
            meta: Default::default(),
        };
        let extracted = extract(&doc, &boilerplate);
        assert_eq!(extracted.title, "Un titre");
        assert_eq!(extracted.body, "Le même texte dans deux fichiers.");
    }
}
