//! The routes: the JSON API and the page.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use franglais_query::request::{SearchRequest, FIELDS};
use franglais_query::{SearchOptions, SearchResults, Searcher};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::Semaphore;
use tower_http::cors::CorsLayer;

use crate::error::ApiError;
use crate::limits::Limits;
use crate::page;
use crate::params;

/// What every request shares.
pub(crate) struct AppState {
    pub searcher: Arc<Searcher>,
    pub limits: Limits,
    /// Turns to search: searches run on blocking threads, this many at once.
    pub turns: Semaphore,
    /// Why the last reload of the index failed, while it does.
    pub unreadable: Mutex<Option<String>>,
}

impl AppState {
    pub(crate) fn new(searcher: Arc<Searcher>, limits: Limits) -> AppState {
        AppState {
            turns: Semaphore::new(limits.max_concurrent_searches.max(1)),
            searcher,
            limits,
            unreadable: Mutex::new(None),
        }
    }

    /// Runs `work` on a blocking thread once a turn is free (an answer of
    /// "busy" past [`Limits::queue_wait`]).
    async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Searcher) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let turn = tokio::time::timeout(self.limits.queue_wait, self.turns.acquire())
            .await
            .map_err(|_| ApiError::busy())?
            .map_err(|_| ApiError::busy())?;
        let searcher = self.searcher.clone();
        let answer = tokio::task::spawn_blocking(move || work(&searcher))
            .await
            .map_err(|_| ApiError::from(franglais_query::Error::Panicked))?;
        drop(turn);
        answer
    }

    fn unreadable(&self) -> Option<String> {
        self.unreadable
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The application: routes, limits, and CORS for `cors` alone if given.
pub(crate) fn router(state: Arc<AppState>, cors: Option<HeaderValue>) -> Router {
    let body_limit = state.limits.max_body_bytes;
    let app = Router::new()
        .route("/", get(page::index))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/search", get(search))
        .route("/multi-search", post(multi_search))
        .route("/documents/{id}", get(document))
        .route("/health", get(health))
        .route("/stats", get(stats))
        .fallback(|| async {
            ApiError::not_found(
                "no such address; the API is /search, /multi-search, /documents/{id}, /health, /stats",
            )
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state);
    match cors {
        Some(origin) => app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        ),
        None => app,
    }
}

/// An answer as the CLI prints it: the results, with the request's `id`
/// when it has one.
#[derive(Serialize)]
struct Answer {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    #[serde(flatten)]
    results: SearchResults,
}

/// A query string's parameters, as `Query` extracts them (or why not).
type QueryString = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The request and options a query string makes, within the limits.
fn search_request(
    query: QueryString,
    limits: &Limits,
) -> Result<(SearchRequest, SearchOptions), ApiError> {
    let Query(pairs) = query.map_err(|e| ApiError::bad_parameter(e.body_text()))?;
    let request = params::from_pairs(&pairs)?;
    let options = params::options(&request, limits)?;
    Ok((request, options))
}

/// `GET /search?q=…`: the CLI's JSON answer.
async fn search(
    State(state): State<Arc<AppState>>,
    query: QueryString,
) -> Result<Response, ApiError> {
    let (request, options) = search_request(query, &state.limits)?;
    let results = state
        .run(move |searcher| Ok(searcher.search(&request.q, &options)?))
        .await?;
    Ok(Json(Answer { id: None, results }).into_response())
}

/// `POST /multi-search`: a list of request objects (the batch format), or
/// `{"queries": [...]}` as Meilisearch takes it; a list of answers in the
/// same order, each the answer of `/search` or `{"query", "error", "code"}`.
async fn multi_search(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large(format!(
            "the body is over {} bytes; send fewer queries at once",
            state.limits.max_body_bytes
        )),
        _ => ApiError::bad_parameter(e.body_text()),
    })?;
    let requests = read_requests(&body, state.limits.max_queries)?;
    let mut answers: Vec<Option<MultiAnswer>> = (0..requests.len()).map(|_| None).collect();
    let mut valid: Vec<(usize, String, SearchOptions, Option<Value>)> = Vec::new();
    for (i, request) in requests.into_iter().enumerate() {
        let checked = request.and_then(|r| match params::options(&r, &state.limits) {
            Ok(options) => Ok((options, r)),
            Err(e) => Err((r.q.clone(), e)),
        });
        match checked {
            Ok((options, r)) => valid.push((i, r.q, options, r.id)),
            Err((query, error)) => {
                answers[i] = Some(MultiAnswer::Error(error_answer(&query, &error)))
            }
        }
    }
    let queries: Vec<(String, SearchOptions)> = valid
        .iter()
        .map(|(_, q, o, _)| (q.clone(), o.clone()))
        .collect();
    let results = state
        .run(move |searcher| Ok(searcher.search_each(&queries)))
        .await?;
    for ((i, q, _, id), result) in valid.into_iter().zip(results) {
        answers[i] = Some(match result {
            Ok(results) => MultiAnswer::Results(Answer { id, results }),
            Err(e) => MultiAnswer::Error(error_answer(&q, &ApiError::from(e))),
        });
    }
    Ok(Json(answers.into_iter().flatten().collect::<Vec<_>>()).into_response())
}

/// One answer of a multi-search.
#[derive(Serialize)]
#[serde(untagged)]
enum MultiAnswer {
    Results(Answer),
    Error(Value),
}

/// The request objects of a multi-search body; one that does not parse is
/// that entry's error (its query, if it has one, and what is wrong).
type Entry = Result<SearchRequest, (String, ApiError)>;

fn read_requests(body: &[u8], max: usize) -> Result<Vec<Entry>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_parameter(format!(
            "the body is not JSON ({e}); send a list of request objects"
        ))
    })?;
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut object) => match object.remove("queries") {
            Some(Value::Array(list)) => list,
            _ => {
                return Err(ApiError::bad_parameter(
                    "send a list of request objects, or {\"queries\": [...]}",
                ))
            }
        },
        _ => {
            return Err(ApiError::bad_parameter(
                "send a list of request objects, or {\"queries\": [...]}",
            ))
        }
    };
    if list.len() > max {
        return Err(ApiError::bad_parameter(format!(
            "{} queries in one request; the most is {max}",
            list.len()
        )));
    }
    Ok(list
        .into_iter()
        .map(|entry| {
            let query = entry
                .get("q")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            serde_json::from_value::<SearchRequest>(entry).map_err(|e| {
                let message = format!("not a valid request object ({e}); expected {FIELDS}");
                (query, ApiError::bad_parameter(message))
            })
        })
        .collect())
}

fn error_answer(query: &str, error: &ApiError) -> Value {
    let mut body = error.body();
    body["query"] = Value::from(query);
    body
}

/// `GET /documents/{id}`: the stored document; with `q`, every place it
/// matches, highlighted (the search's other parameters apply).
async fn document(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    query: QueryString,
) -> Result<Response, ApiError> {
    let (request, options) = search_request(query, &state.limits)?;
    let missing = || ApiError::not_found(format!("no document with id `{id}` in the index"));
    let wanted = id.clone();
    let found = state
        .run(move |searcher| {
            if request.q.trim().is_empty() {
                let document = searcher.document(&wanted)?;
                return Ok(document.map(|d| Json(d).into_response()));
            }
            let read = searcher.read(&wanted, &request.q, &options)?;
            Ok(read.map(|d| Json(d).into_response()))
        })
        .await?;
    found.ok_or_else(missing)
}

/// `GET /health`: 200 while the index can be read, 503 with the reason
/// when it cannot.
async fn health(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    if let Some(reason) = state.unreadable() {
        return Err(ApiError::index_unavailable(reason));
    }
    Ok(Json(serde_json::json!({ "status": "ok" })).into_response())
}

/// `GET /stats`: documents, languages, index format, last commit.
async fn stats(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let stats = state.run(|searcher| Ok(searcher.stats()?)).await?;
    Ok(Json(stats).into_response())
}
