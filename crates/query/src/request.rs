//! [`SearchRequest`]: a query and its options as one JSON object, the form
//! of a line of `franglais search --batch` and of the server's requests
//! (as a line of Elasticsearch's `_msearch`).
//!
//! ```
//! use franglais_query::request::SearchRequest;
//! use franglais_query::{SearchOptions, Sort};
//! let line = r#"{"q": "bouclier anti-missiles", "lang": "en", "limit": 5, "sort": "date", "id": 7}"#;
//! let request: SearchRequest = serde_json::from_str(line).unwrap();
//! let options = request.options(&SearchOptions::default()).unwrap();
//! assert_eq!((options.limit, options.sort), (5, Sort::Date));
//! // A misspelt field is an error, not ignored.
//! assert!(serde_json::from_str::<SearchRequest>(r#"{"q": "x", "langue": "fr"}"#).is_err());
//! ```

use franglais_index::date::Date;
use franglais_index::Language;
use serde::Deserialize;
use serde_json::Value;

use crate::searcher::{SearchOptions, Sort};

/// What a request object may hold, for error messages.
pub const FIELDS: &str = "\"q\" with optional \"id\", \"lang\" (fr, en), \"limit\", \"offset\", \"since\", \"until\" (YYYY-MM-DD, or 30d, 2w), \"sort\" (relevance, date), \"prefix\" (true: the last word as you type), \"explain\"";

/// A query and the options it sets; unset options keep the defaults
/// given to [`SearchRequest::options`]. Unknown fields are refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SearchRequest {
    /// The query.
    pub q: String,
    /// Echoed in the answer, to pair answers with requests.
    #[serde(default)]
    pub id: Option<Value>,
    /// See [`SearchOptions::lang`].
    #[serde(default)]
    pub lang: Option<Language>,
    /// See [`SearchOptions::limit`].
    #[serde(default)]
    pub limit: Option<usize>,
    /// See [`SearchOptions::offset`].
    #[serde(default)]
    pub offset: Option<usize>,
    /// See [`SearchOptions::since`]: `YYYY-MM-DD`, or `30d`, `2w` ago.
    #[serde(default)]
    pub since: Option<String>,
    /// See [`SearchOptions::until`].
    #[serde(default)]
    pub until: Option<String>,
    /// See [`SearchOptions::sort`].
    #[serde(default)]
    pub sort: Option<Sort>,
    /// See [`SearchOptions::prefix`].
    #[serde(default)]
    pub prefix: Option<bool>,
    /// See [`SearchOptions::explain`].
    #[serde(default)]
    pub explain: Option<bool>,
}

impl SearchRequest {
    /// A request for `q` alone.
    pub fn new(q: impl Into<String>) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            ..SearchRequest::default()
        }
    }

    /// `defaults` with each option the request sets. The error names the
    /// field and says how to write it.
    pub fn options(&self, defaults: &SearchOptions) -> Result<SearchOptions, String> {
        let bound = |field: &str, value: &Option<String>| match value {
            None => Ok(None),
            Some(text) => Date::parse_bound(text)
                .map(Some)
                .map_err(|e| format!("\"{field}\": {e}")),
        };
        let mut options = defaults.clone();
        options.since = bound("since", &self.since)?.or(options.since);
        options.until = bound("until", &self.until)?.or(options.until);
        options.sort = self.sort.unwrap_or(options.sort);
        options.lang = self.lang.or(options.lang);
        options.limit = self.limit.unwrap_or(options.limit);
        options.offset = self.offset.unwrap_or(options.offset);
        options.prefix = self.prefix.unwrap_or(options.prefix);
        options.explain = self.explain.unwrap_or(options.explain);
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_given_overrides_the_default_alone() {
        let defaults = SearchOptions::default().with_dates(Date::parse_iso("2022-01-01"), None);
        let request: SearchRequest = serde_json::from_str(
            r#"{"q": "x", "until": "2022-12-31", "sort": "date", "lang": "en", "prefix": true}"#,
        )
        .unwrap();
        let options = request.options(&defaults).unwrap();
        assert_eq!(options.since, Date::parse_iso("2022-01-01"));
        assert_eq!(options.until, Date::parse_iso("2022-12-31"));
        assert_eq!(options.sort, Sort::Date);
        assert_eq!(options.lang, Some(Language::En));
        assert!(options.prefix);
        assert_eq!(options.limit, defaults.limit);
        assert!(serde_json::from_str::<SearchRequest>(r#"{"q": "x", "lang": "de"}"#).is_err());
        let bad: SearchRequest = serde_json::from_str(r#"{"q": "x", "since": "hier"}"#).unwrap();
        assert!(bad.options(&defaults).unwrap_err().starts_with("\"since\""));
    }
}
