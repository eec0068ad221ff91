//! The search page in headless Chromium, driven over WebDriver as a reader
//! would use it: typing letter by letter, filtering, opening a document,
//! with the keyboard. Needs Debian's `chromium` and `chromium-driver`
//! (`.ci/install-browser` installs them). Screenshots go to
//! `target/tmp/browser/`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use franglais_index::indexer::{build_index, IndexOptions};
use franglais_query::Searcher;
use franglais_serve::{ServeOptions, Server};
use serde_json::{json, Value};

const SEED_000: &str = "000_414ab96dd8635e50";
const SEED_001: &str = "001_2423e1d528b6a826";
const ENTER: &str = "\u{e007}";
const ESCAPE: &str = "\u{e00c}";

/// chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        for program in ["chromedriver", "chromium"] {
            let found = Command::new(program)
                .arg("--version")
                .stdout(Stdio::null())
                .status();
            assert!(
                found.is_ok_and(|s| s.success()),
                "`{program}` is not installed: run .ci/install-browser (Debian's chromium and chromium-driver)"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Driver) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1200,1000", "--lang=fr-FR"]
        }),
    );
    ClientBuilder::rustls()
        .unwrap()
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

/// Runs `script` until it returns something truthy, for 10 s at most.
async fn wait_for(client: &Client, script: &str) -> Value {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.unwrap();
        let truthy = !matches!(&value, Value::Null | Value::Bool(false))
            && value.as_array().is_none_or(|a| !a.is_empty());
        if truthy {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited in vain for: {script}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn screenshot(client: &Client, name: &str) {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&folder).unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(folder.join(name), png).unwrap();
}

fn seed_index(dir: &Path) -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let index = dir.join("index");
    build_index(&IndexOptions::new(vec![corpus], &index), |_| {}).unwrap();
    index
}

const HIT_IDS: &str = "return Array.from(document.querySelectorAll('#hits a.title')).map(a => decodeURIComponent(a.hash.slice(5)))";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_filtering_and_reading_in_a_real_browser() {
    let dir = tempfile::tempdir().unwrap();
    let index = seed_index(dir.path());
    let options = ServeOptions::default().with_addr("127.0.0.1:0".parse().unwrap());
    let server = Server::start(Searcher::open(&index).unwrap(), &options).unwrap();
    let driver = Driver::start();
    let client = browser(&driver).await;
    client
        .goto(&format!("http://{}/", server.addr()))
        .await
        .unwrap();

    // Letter by letter, as typed: a word cut short finds the words it begins.
    let search_box = client.find(Locator::Css("#q")).await.unwrap();
    for letter in "Stolt".chars() {
        search_box.send_keys(&letter.to_string()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    wait_for(
        &client,
        "return Array.from(document.querySelectorAll('#hits .snippet mark')).some(m => m.textContent === 'Stoltenberg')",
    )
    .await;
    search_box.clear().await.unwrap();
    for letter in "bouclier anti-mis".chars() {
        search_box.send_keys(&letter.to_string()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    let ids = wait_for(
        &client,
        &format!("const ids = (() => {{ {HIT_IDS} }})(); return ids.length >= 2 && ids[0] === '{SEED_001}' ? ids : null"),
    )
    .await;
    assert_eq!(ids[1], SEED_000, "{ids}");
    let marks = client
        .execute("return Array.from(document.querySelectorAll('#hits .snippet mark')).map(m => m.textContent.toLowerCase())", vec![])
        .await
        .unwrap();
    let marks: Vec<&str> = marks
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(marks.contains(&"bouclier"), "{marks:?}");
    assert!(marks.iter().any(|m| m.contains("missile")), "{marks:?}");
    // Accents and French quotes come through as written.
    let text = client
        .execute("return document.querySelector('#hits').textContent", vec![])
        .await
        .unwrap();
    assert!(text.as_str().unwrap().contains("faisabilité"), "{text}");
    screenshot(&client, "results.png").await;

    // English only: the page asks for it, and every hit has English text.
    client
        .find(Locator::Css("#lang"))
        .await
        .unwrap()
        .select_by_value("en")
        .await
        .unwrap();
    let metas = wait_for(
        &client,
        "const asked = performance.getEntriesByType('resource').some(e => e.name.includes('lang=en')); \
         const metas = Array.from(document.querySelectorAll('#hits .meta')).map(m => m.textContent); \
         const english = metas.every(m => { const p = m.split(' · '); return p[p.length - 2].split(' + ').includes('en'); }); \
         return asked && metas.length > 0 && english ? metas : null",
    )
    .await;
    assert!(!metas.as_array().unwrap().is_empty());

    // A date range: only the article dated January 2022 is left.
    let set_since = |day: &str| {
        format!("const s = document.querySelector('#since'); s.value = '{day}'; s.dispatchEvent(new Event('change'));")
    };
    client
        .execute(&set_since("2022-01-01"), vec![])
        .await
        .unwrap();
    wait_for(
        &client,
        &format!("const ids = (() => {{ {HIT_IDS} }})(); return ids.length === 1 && ids[0] === '002_5e6fe0b14c7628e6'"),
    )
    .await;
    client.execute(&set_since(""), vec![]).await.unwrap();
    wait_for(
        &client,
        &format!("return (() => {{ {HIT_IDS} }})().length > 1"),
    )
    .await;

    // Open the first hit with the keyboard alone: focus its link, Enter.
    client
        .execute("document.querySelector('#hits a.title').focus()", vec![])
        .await
        .unwrap();
    let link = client.active_element().await.unwrap();
    link.send_keys(ENTER).await.unwrap();
    let marked = wait_for(
        &client,
        "const r = document.querySelector('#reader'); \
         const marks = Array.from(document.querySelectorAll('#doc-text mark')).map(m => m.textContent); \
         return !r.hidden && marks.length > 0 ? marks : null",
    )
    .await;
    let marked: Vec<String> = marked
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_lowercase())
        .collect();
    // Every match in the whole text: more than a snippet's passage holds.
    assert!(marked.len() >= 3, "{marked:?}");
    assert!(
        marked
            .iter()
            .any(|m| m.contains("shield") || m.contains("bouclier")),
        "{marked:?}"
    );
    screenshot(&client, "reader.png").await;

    // Escape goes back to the results, focus on the link that was opened.
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(ESCAPE)
        .await
        .unwrap();
    wait_for(
        &client,
        "return !document.querySelector('#results').hidden && document.activeElement.classList.contains('title')",
    )
    .await;
    client.close().await.unwrap();
}
