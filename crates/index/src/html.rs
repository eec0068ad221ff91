//! HTML pages: the article's main text, without the page furniture
//! (navigation, menus, footers, share buttons, cookie banners, comment
//! forms), and the page's metadata. The extraction is Mozilla
//! Readability's, as the `dom_smoothie` crate ports it (on html5ever); this
//! module decodes the bytes and maps what it finds onto a corpus record.

use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::Encoding;

use crate::corpus::{decode, RecordMeta, WarningKind};

/// Looked at for a `<meta charset>`: the HTML standard's prescan reads the
/// first 1,024 bytes.
const PRESCAN_BYTES: usize = 1024;

/// What a page holds for the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article's text, paragraphs apart.
    pub text: String,
    /// Title (`og:title`, `<title>` without the site's name…), date
    /// (`article:published_time`, JSON-LD `datePublished`, else the first
    /// `<time datetime>`), address (`<link rel=canonical>`, `og:url`, JSON-LD
    /// `url`) and language (`<html lang>`, a hint).
    pub meta: RecordMeta,
    /// The encoding it was decoded from, when not UTF-8.
    pub encoding: Option<&'static str>,
}

/// Reads a page: decodes it (BOM, then `<meta charset>`, then the corpus
/// rules), extracts its article and metadata.
///
/// ```
/// use franglais_index::html::read_page;
/// let page = read_page(r#"<html lang="fr"><head><title>Le bouclier - Le Journal</title>
///   <meta property="article:published_time" content="2022-01-23T10:00:00+01:00"></head>
///   <body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
///   <article><h1>Le bouclier</h1><p>Le bouclier antimissile de l’OTAN sème la bisbille
///   entre les alliés, qui se retrouvent à Bruxelles pour en débattre longuement.</p>
///   <p>Moscou y voit une menace directe contre ses forces stratégiques.</p></article>
///   <footer>© Le Journal. Tous droits réservés.</footer></body></html>"#.as_bytes()).unwrap();
/// assert!(page.text.contains("bisbille"));
/// assert!(!page.text.contains("Accueil") && !page.text.contains("droits réservés"));
/// assert_eq!(page.meta.date.as_deref(), Some("2022-01-23"));
/// assert_eq!(page.meta.lang.as_deref(), Some("fr"));
/// ```
pub fn read_page(bytes: &[u8]) -> Result<Page, WarningKind> {
    let (html, encoding) = decode_page(bytes)?;
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let document = dom_query::Document::from(html.as_str());
    // Read before Readability reshapes the document.
    let url = first_attr(
        &document,
        &[
            ("link[rel=canonical]", "href"),
            ("meta[property='og:url']", "content"),
        ],
    );
    let time = first_attr(&document, &[("time[datetime]", "datetime")]);
    let headline = document.select("h1").first().text().trim().to_string();
    let article = Readability::with_document(document, None, Some(config))
        .and_then(|mut r| r.parse())
        .map_err(|e| WarningKind::BadHtml(e.to_string()))?;
    let text = article.text_content.trim().to_string();
    if text.is_empty() {
        return Err(WarningKind::Empty);
    }
    let title = Some(without_site_name(article.title.trim(), &headline)).filter(|t| !t.is_empty());
    let meta = RecordMeta {
        title,
        date: article.published_time.or(time).as_deref().map(date_part),
        lang: article.lang.as_deref().and_then(language_code),
        url: url.or(article.url).filter(|u| !u.trim().is_empty()),
    };
    Ok(Page {
        text,
        meta,
        encoding,
    })
}

/// `title` without the site's name after a separator, when what comes
/// before it is the page's headline (`Talks resume | The Courier` over an
/// `<h1>Talks resume</h1>`). Readability strips the name itself only when
/// the headline has three words or more.
fn without_site_name(title: &str, headline: &str) -> String {
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " · "];
    match title.strip_prefix(headline) {
        Some(rest) if !headline.is_empty() && SEPARATORS.iter().any(|s| rest.starts_with(s)) => {
            headline.to_string()
        }
        _ => title.to_string(),
    }
}

/// The value of the first of `(selector, attribute)` the document holds.
fn first_attr(document: &dom_query::Document, wanted: &[(&str, &str)]) -> Option<String> {
    wanted.iter().find_map(|(selector, attribute)| {
        let value = document.select(selector).attr(attribute)?;
        Some(value.trim().to_string()).filter(|v| !v.is_empty())
    })
}

/// The page as text: a BOM decides, then a `<meta charset>` naming another
/// encoding than UTF-8, then the corpus rules (UTF-8, else Windows-1252).
fn decode_page(bytes: &[u8]) -> Result<(String, Option<&'static str>), WarningKind> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        let name = (encoding != encoding_rs::UTF_8).then_some(encoding.name());
        return Ok((text.into_owned(), name));
    }
    match declared_charset(bytes) {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), Some(encoding.name())))
        }
        _ => decode(bytes),
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv … content="…;
/// charset=…">` names in the first bytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// `2022-01-23` of `2022-01-23T10:00:00+01:00`; other forms as given (the
/// indexer reads them as it reads a record's date).
fn date_part(published: &str) -> String {
    let published = published.trim();
    match published.get(..10) {
        Some(day) if published.len() > 10 && published.as_bytes()[10] == b'T' => day.to_string(),
        _ => published.to_string(),
    }
}

/// `fr` of `fr-FR`; languages other than French and English give none.
fn language_code(lang: &str) -> Option<String> {
    let code = lang.trim().get(..2)?.to_ascii_lowercase();
    matches!(code.as_str(), "fr" | "en").then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_charset_decodes_the_page() {
        let page = "<html><head><meta charset=\"windows-1252\"><title>Défense</title></head><body><p>La défense européenne avance lentement, dit le ministre, devant les députés réunis.</p></body></html>";
        let (windows_1252, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let read = read_page(&windows_1252).expect("page");
        assert!(read.text.contains("défense européenne"), "{}", read.text);
        assert_eq!(read.encoding, Some("windows-1252"));
        // A BOM wins over the declaration: the same page in UTF-8.
        let bom = [&[0xEF, 0xBB, 0xBF][..], page.as_bytes()].concat();
        let read = read_page(&bom).expect("page");
        assert!(read.text.contains("défense européenne"), "{}", read.text);
        assert_eq!(read.encoding, None);
    }

    #[test]
    fn a_time_element_dates_a_page_without_metadata() {
        let page = r#"<html lang="en"><head><title>Talks resume | The Courier</title></head><body>
            <article><h1>Talks resume</h1><p class="meta">Published <time datetime="2021-05-04T08:00:00Z">4 May 2021</time></p>
            <p>Negotiators met again in Geneva on Tuesday after a pause of several weeks, and both delegations said the tone had improved.</p>
            <p>The next round is planned for the summer, when the working groups report on verification.</p></article></body></html>"#;
        let read = read_page(page.as_bytes()).expect("page");
        assert_eq!(read.meta.date.as_deref(), Some("2021-05-04"));
        assert_eq!(read.meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(read.meta.url, None);
    }

    #[test]
    fn dates_and_languages_are_normalised() {
        assert_eq!(date_part("2022-01-23T10:00:00+01:00"), "2022-01-23");
        assert_eq!(date_part("2022-01-23"), "2022-01-23");
        assert_eq!(language_code("fr-FR").as_deref(), Some("fr"));
        assert_eq!(language_code("EN"), Some("en".to_string()));
        assert_eq!(language_code("de"), None);
    }
}
