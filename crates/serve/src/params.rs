//! Requests as the API takes them: the parameters of `GET /search` and the
//! objects of `POST /multi-search` both become a
//! [`franglais_query::request::SearchRequest`], checked against [`Limits`].

use franglais_index::Language;
use franglais_query::request::SearchRequest;
use franglais_query::{SearchOptions, Sort};

use crate::error::ApiError;
use crate::limits::Limits;

/// Parameters `GET /search` and `GET /documents/{id}` understand.
pub const SEARCH_PARAMETERS: &str =
    "q, lang (fr, en), limit, offset, since, until (YYYY-MM-DD, or 30d, 2w), sort (relevance, date), prefix, explain";

/// The request that query-string `pairs` make. Unknown parameters and
/// values that do not parse are refused by name.
pub fn from_pairs(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
    let mut request = SearchRequest::new("");
    for (name, value) in pairs {
        match name.as_str() {
            "q" => request.q = value.clone(),
            "lang" if value.is_empty() => {}
            "lang" => request.lang = Some(language(value)?),
            "limit" => request.limit = Some(number(name, value)?),
            "offset" => request.offset = Some(number(name, value)?),
            "since" if value.is_empty() => {}
            "since" => request.since = Some(value.clone()),
            "until" if value.is_empty() => {}
            "until" => request.until = Some(value.clone()),
            "sort" => request.sort = Some(sort(value)?),
            "prefix" => request.prefix = Some(flag(name, value)?),
            "explain" => request.explain = Some(flag(name, value)?),
            _ => {
                return Err(ApiError::bad_parameter(format!(
                    "unknown parameter `{name}`; the parameters are: {SEARCH_PARAMETERS}"
                )))
            }
        }
    }
    Ok(request)
}

/// The options of `request`, within `limits`.
pub fn options(request: &SearchRequest, limits: &Limits) -> Result<SearchOptions, ApiError> {
    let chars = request.q.chars().count();
    if chars > limits.max_query_chars {
        return Err(ApiError::bad_parameter(format!(
            "the query is {chars} characters long; the most is {}",
            limits.max_query_chars
        )));
    }
    let options = request
        .options(&SearchOptions::default())
        .map_err(ApiError::bad_parameter)?;
    if options.limit > limits.max_limit {
        return Err(ApiError::bad_parameter(format!(
            "`limit` is {}; the most is {} (page with `offset`)",
            options.limit, limits.max_limit
        )));
    }
    if options.offset > limits.max_offset {
        return Err(ApiError::bad_parameter(format!(
            "`offset` is {}; the most is {} (narrow the query, or filter by date)",
            options.offset, limits.max_offset
        )));
    }
    Ok(options)
}

fn language(value: &str) -> Result<Language, ApiError> {
    Language::from_code(value)
        .ok_or_else(|| ApiError::bad_parameter(format!("`lang` is `{value}`; it may be fr or en")))
}

fn number(name: &str, value: &str) -> Result<usize, ApiError> {
    value.parse().map_err(|_| {
        ApiError::bad_parameter(format!("`{name}` is `{value}`; it must be a whole number"))
    })
}

fn sort(value: &str) -> Result<Sort, ApiError> {
    match value {
        "relevance" | "" => Ok(Sort::Relevance),
        "date" => Ok(Sort::Date),
        _ => Err(ApiError::bad_parameter(format!(
            "`sort` is `{value}`; it may be relevance or date"
        ))),
    }
}

fn flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "" | "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::bad_parameter(format!(
            "`{name}` is `{value}`; it may be true or false"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parameters_become_options_within_limits() {
        let limits = Limits::default();
        let request = from_pairs(&pairs(&[
            ("q", "bouclier"),
            ("lang", "en"),
            ("limit", "5"),
            ("sort", "date"),
            ("prefix", "true"),
            ("since", ""),
        ]))
        .unwrap();
        let options = options(&request, &limits).unwrap();
        assert_eq!(options.lang, Some(Language::En));
        assert_eq!((options.limit, options.sort), (5, Sort::Date));
        assert!(options.prefix && options.since.is_none());

        let error = from_pairs(&pairs(&[("q", "x"), ("langue", "fr")])).unwrap_err();
        assert!(error.message.contains("`langue`"), "{}", error.message);
        let error = from_pairs(&pairs(&[("limit", "ten")])).unwrap_err();
        assert!(error.message.contains("`limit`"), "{}", error.message);
        let too_many = from_pairs(&pairs(&[("q", "x"), ("limit", "101")])).unwrap();
        assert!(super::options(&too_many, &limits).is_err());
        let long = SearchRequest::new("a".repeat(1001));
        assert!(super::options(&long, &limits)
            .unwrap_err()
            .message
            .contains("1001 characters"));
    }
}
