//! The HTTP API, with a real client, against a server started on a free
//! loopback port over the bundled corpus.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use franglais_index::indexer::{build_index, IndexOptions};
use franglais_query::Searcher;
use franglais_serve::{Limits, ServeOptions, Server};
use serde_json::Value;

const SEED_000: &str = "000_414ab96dd8635e50";
const SEED_001: &str = "001_2423e1d528b6a826";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// A copy of the bundled corpus and its index, in a temporary folder.
fn seed_index() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus_copy = dir.path().join("corpus");
    std::fs::create_dir(&corpus_copy).unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus_copy.join(path.file_name().unwrap())).unwrap();
    }
    let index = dir.path().join("index");
    build_index(
        &IndexOptions::new(vec![corpus_copy.clone()], &index),
        |_| {},
    )
    .unwrap();
    (dir, corpus_copy, index)
}

fn start(index: &Path, options: ServeOptions) -> Server {
    let options = options.with_addr("127.0.0.1:0".parse().unwrap());
    Server::start(Searcher::open(index).unwrap(), &options).unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// `GET` `path` with `params`: status and JSON body.
fn get(server: &Server, path: &str, params: &[(&str, &str)]) -> (u16, Value) {
    let mut request = agent().get(format!("http://{}{path}", server.addr()));
    for (name, value) in params {
        request = request.query(*name, *value);
    }
    let mut response = request.call().unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().unwrap())
}

fn post(server: &Server, path: &str, body: &str) -> (u16, Value) {
    let mut response = agent()
        .post(format!("http://{}{path}", server.addr()))
        .header("content-type", "application/json")
        .send(body)
        .unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_json().unwrap())
}

fn ids(answer: &Value) -> Vec<&str> {
    answer["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect()
}

/// The highlighted words of `text` (`[start, end)` character offsets).
fn marked(text: &str, highlights: &Value) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    highlights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            chars[a..b].iter().collect()
        })
        .collect()
}

#[test]
fn search_answers_as_the_cli_does_with_prefixes_and_filters() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    let (status, answer) = get(
        &server,
        "/search",
        &[("q", "bouclier anti-mis"), ("prefix", "true")],
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["query"], "bouclier anti-mis");
    assert_eq!(ids(&answer)[..2], [SEED_001, SEED_000]);
    let first = &answer["hits"][0];
    let words = marked(
        first["snippet"]["text"].as_str().unwrap(),
        &first["snippet"]["highlights"],
    );
    assert!(words.iter().any(|w| w == "bouclier"), "{words:?}");

    let (_, english) = get(
        &server,
        "/search",
        &[
            ("q", "bouclier anti-missiles"),
            ("lang", "en"),
            ("limit", "2"),
        ],
    );
    assert_eq!(english["hits"].as_array().unwrap().len(), 2);
    for hit in english["hits"].as_array().unwrap() {
        assert!(
            hit["langs"]
                .as_array()
                .unwrap()
                .contains(&Value::from("en")),
            "{hit}"
        );
    }
    let (_, dated) = get(
        &server,
        "/search",
        &[("q", "Otan"), ("since", "2022-01-01")],
    );
    assert_eq!(ids(&dated), ["002_5e6fe0b14c7628e6"]);
}

#[test]
fn multi_search_answers_each_query_in_order() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    let body = r#"[
        {"q": "bouclier anti-missiles", "limit": 1, "id": "a"},
        {"q": "x", "langue": "fr"},
        {"q": "Stolt", "prefix": true, "id": 3}
    ]"#;
    let (status, answers) = post(&server, "/multi-search", body);
    assert_eq!(status, 200, "{answers}");
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(
        (answers[0]["id"].as_str(), ids(&answers[0])),
        (Some("a"), vec![SEED_001])
    );
    assert_eq!(answers[1]["code"], "bad_parameter");
    assert!(
        answers[1]["error"].as_str().unwrap().contains("langue"),
        "{}",
        answers[1]
    );
    assert_eq!(answers[2]["id"], 3);
    assert_eq!(answers[2]["total_hits"], 1);
    // Meilisearch's form, too.
    let (_, wrapped) = post(&server, "/multi-search", r#"{"queries": [{"q": "OTAN"}]}"#);
    assert_eq!(wrapped.as_array().unwrap().len(), 1);
}

#[test]
fn a_document_comes_whole_with_every_match_highlighted() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    let path = format!("/documents/{SEED_001}");
    let (status, document) = get(&server, &path, &[("q", "bouclier")]);
    assert_eq!(status, 200, "{document}");
    let text = document["text"].as_str().unwrap();
    let words = marked(text, &document["highlights"]);
    let in_text = text.to_lowercase().matches("bouclier").count();
    assert!(in_text >= 2 && words.len() >= in_text, "{words:?}");
    assert!(
        words.iter().all(
            |w| w.to_lowercase().starts_with("bouclier") || w.to_lowercase().contains("shield")
        ),
        "{words:?}"
    );
    assert_eq!(document["id"], SEED_001);
    // Without q: the document alone.
    let (_, plain) = get(&server, &path, &[]);
    assert_eq!(plain["text"], document["text"]);
    assert!(plain.get("highlights").is_none());
    let (status, missing) = get(&server, "/documents/nope", &[]);
    assert_eq!((status, missing["code"].as_str()), (404, Some("not_found")));
}

#[test]
fn health_and_stats() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    assert_eq!(
        get(&server, "/health", &[]),
        (200, serde_json::json!({"status": "ok"}))
    );
    let (status, stats) = get(&server, "/stats", &[]);
    assert_eq!(status, 200);
    assert_eq!(stats["documents"], 5);
    assert_eq!(
        (
            stats["languages"]["en"].as_u64(),
            stats["languages"]["fr"].as_u64()
        ),
        (Some(4), Some(2))
    );
    assert_eq!(stats["format"], franglais_index::schema::FORMAT_VERSION);
    assert!(stats["last_commit"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn bad_requests_get_a_json_error_naming_what_to_fix() {
    let (_dir, _corpus, index) = seed_index();
    let limits = Limits::default();
    let server = start(&index, ServeOptions::default().with_limits(limits.clone()));
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("q", "x"), ("lang", "de")], "`lang`"),
        (&[("q", "x"), ("limit", "1000")], "`limit`"),
        (&[("q", "x"), ("offset", "-1")], "`offset`"),
        (&[("q", "x"), ("since", "hier")], "since"),
        (&[("q", "x"), ("color", "red")], "`color`"),
    ];
    for (params, named) in cases {
        let (status, error) = get(&server, "/search", params);
        assert_eq!(
            (status, error["code"].as_str()),
            (400, Some("bad_parameter")),
            "{params:?}"
        );
        assert!(error["error"].as_str().unwrap().contains(named), "{error}");
    }
    let long = "mot ".repeat(300);
    let (status, error) = get(&server, "/search", &[("q", &long)]);
    assert_eq!(status, 400);
    assert!(
        error["error"].as_str().unwrap().contains("1200 characters"),
        "{error}"
    );
    let (status, error) = post(&server, "/multi-search", "{not json");
    assert_eq!(
        (status, error["code"].as_str()),
        (400, Some("bad_parameter"))
    );
    let many = format!("[{}]", vec![r#"{"q": "x"}"#; 101].join(","));
    assert_eq!(post(&server, "/multi-search", &many).0, 400);
    let huge = format!(r#"[{{"q": "{}"}}]"#, "x".repeat(limits.max_body_bytes));
    let (status, error) = post(&server, "/multi-search", &huge);
    assert_eq!((status, error["code"].as_str()), (413, Some("too_large")));
    let (status, error) = get(&server, "/etc/passwd", &[]);
    assert_eq!((status, error["code"].as_str()), (404, Some("not_found")));
    let (status, _) = get(&server, "/documents/..%2F..%2Fetc%2Fpasswd", &[]);
    assert_eq!(status, 404);
}

#[test]
fn a_new_commit_is_picked_up_without_a_restart() {
    let (_dir, corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    assert_eq!(
        get(&server, "/search", &[("q", "Zelensky")]).1["total_hits"],
        0
    );
    std::fs::write(
        corpus.join("new.txt"),
        "Kyiv\n\nVolodymyr Zelensky met NATO ministers in Kyiv.",
    )
    .unwrap();
    build_index(&IndexOptions::new(vec![corpus], &index), |_| {}).unwrap();
    let started = Instant::now();
    let mut total = Value::Null;
    while started.elapsed() < Duration::from_secs(10) {
        total = get(&server, "/search", &[("q", "Zelensky")]).1["total_hits"].clone();
        if total == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(total, 1);
    assert_eq!(get(&server, "/stats", &[]).1["documents"], 6);
}

#[test]
fn an_unreadable_index_is_reported_by_health_and_the_last_view_still_answers() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    std::fs::remove_file(index.join("meta.json")).unwrap();
    let started = Instant::now();
    let mut health = (200, Value::Null);
    while started.elapsed() < Duration::from_secs(10) && health.0 == 200 {
        std::thread::sleep(Duration::from_millis(100));
        health = get(&server, "/health", &[]);
    }
    assert_eq!(
        (health.0, health.1["code"].as_str()),
        (503, Some("index_unavailable")),
        "{health:?}"
    );
    assert_eq!(get(&server, "/search", &[("q", "bouclier")]).0, 200);
}

#[test]
fn cors_only_for_the_origin_given() {
    let (_dir, _corpus, index) = seed_index();
    let origin = "http://localhost:3000";
    let closed = start(&index, ServeOptions::default());
    let open = start(
        &index,
        ServeOptions::default().with_cors(Some(origin.into())),
    );
    let allowed = |server: &Server| {
        let response = agent()
            .get(format!("http://{}/search?q=Otan", server.addr()))
            .header("origin", origin)
            .call()
            .unwrap();
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(allowed(&closed), None);
    assert_eq!(allowed(&open).as_deref(), Some(origin));
    let bad = ServeOptions::default()
        .with_addr("127.0.0.1:0".parse().unwrap())
        .with_cors(Some("localhost".into()));
    assert!(Server::start(Searcher::open(&index).unwrap(), &bad).is_err());
}

#[test]
fn a_client_that_sends_its_headers_slowly_is_cut_off() {
    let (_dir, _corpus, index) = seed_index();
    let limits =
        Limits::default().with_timeouts(Duration::from_secs(5), Duration::from_millis(500));
    let server = start(&index, ServeOptions::default().with_limits(limits));
    let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /search?q=Otan HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    // The server closes the connection (with a 408 or without a word).
    let _ = stream.read_to_end(&mut answer);
    assert!(started.elapsed() < Duration::from_secs(5), "not cut off");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[test]
fn past_the_connection_limit_a_client_is_told_the_server_is_busy() {
    let (_dir, _corpus, index) = seed_index();
    let limits = Limits::default().with_max_connections(1);
    let server = start(&index, ServeOptions::default().with_limits(limits));
    // One connection open, idle: the one allowed.
    let held = std::net::TcpStream::connect(server.addr()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let (status, error) = get(&server, "/search", &[("q", "Otan")]);
    assert_eq!(
        (status, error["code"].as_str()),
        (503, Some("busy")),
        "{error}"
    );
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("connections are in use (1)"),
        "{error}"
    );
    drop(held);
    // Its place is free again.
    let started = Instant::now();
    while get(&server, "/search", &[("q", "Otan")]).0 != 200 {
        assert!(started.elapsed() < Duration::from_secs(10), "still busy");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_page_is_served_whole_and_loads_nothing_from_elsewhere() {
    let (_dir, _corpus, index) = seed_index();
    let server = start(&index, ServeOptions::default());
    let mut response = agent()
        .get(format!("http://{}/", server.addr()))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let policy = response
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"),
        "{policy}"
    );
    let page = response.body_mut().read_to_string().unwrap();
    assert!(page.contains("<input"), "no search box");
    for outside in ["http://", "https://", "//cdn", "@import"] {
        assert!(!page.contains(outside), "the page refers to {outside}");
    }
}
