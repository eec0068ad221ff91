//! Load bench of `franglais serve` on loopback (not a timed test): 64
//! clients for 30 s against the man-page index, mixed whole-query and
//! as-you-type (prefix) searches; then the same while `franglais index`
//! commits a changed corpus beside the server, again and again.
//!
//!     cargo build --release -p franglais-cli
//!     cargo run --release -p franglais-serve --example load -- MAN [SECONDS] [CLIENTS]
//!
//! MAN is `make-manpage-corpus OUT`'s folder. The server is the release
//! binary (`target/release/franglais`, or `FRANGLAIS_BIN`), a process of
//! its own so that its peak memory (VmHWM) is its own.
//!
//! A first phase of 5 s with one client gives the latency of an answer
//! when nothing waits. Reported per phase: requests per second, p50/p99 latency, errors (any
//! answer but 200, or no answer), peak memory. In the second phase, one
//! request in ten searches a word found only in 40 marker documents that
//! each other commit adds and the next removes: every answer must count 0
//! or 40 of them, never a mix of two views.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use franglais_index::indexer::{build_index, IndexOptions};

// The benches' reader of the man-page corpus, shared with franglais-query's.
#[path = "../../query/examples/support/man_pages.rs"]
mod man_pages;
use man_pages::name_lines;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Documents the marker word is in, when they are in the index.
const MARKERS: usize = 40;
const MARKER_WORD: &str = "quokkazebre";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: load MAN [SECONDS] [CLIENTS]")?);
    let seconds: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(30);
    let clients: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(64);
    let binary = std::env::var_os("FRANGLAIS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/franglais"));
    if !binary.is_file() {
        return Err(format!(
            "{} not found: cargo build --release -p franglais-cli",
            binary.display()
        )
        .into());
    }
    let work = tempfile::tempdir()?;
    let index = work.path().join("index");
    let markers = work.path().join("markers");
    std::fs::create_dir(&markers)?;
    for i in 0..MARKERS {
        std::fs::write(
            markers.join(format!("marker-{i}.txt")),
            format!("Marker {i}\n\nThe {MARKER_WORD} is a marker word, document {i}."),
        )?;
    }
    let started = Instant::now();
    build_index(&IndexOptions::new(vec![corpus.clone()], &index), |_| {})?;
    println!(
        "index: {} in {:.1} s",
        corpus.display(),
        started.elapsed().as_secs_f64()
    );

    let queries = queries(&corpus)?;
    let mut server = Server::start(&binary, &index)?;
    let duration = Duration::from_secs(seconds);
    println!(
        "server: {} MB resident before load",
        server.memory("VmRSS").unwrap_or(0) / 1024
    );

    // One client first: the latency of an answer when nothing waits.
    let alone = run(
        &server.addr,
        &queries,
        1,
        duration.min(Duration::from_secs(5)),
        None,
    );
    alone.print("one client", server.memory("VmHWM"));
    let quiet = run(&server.addr, &queries, clients, duration, None);
    quiet.print("searches alone", server.memory("VmHWM"));

    // The index changes under the load: markers in, markers out.
    let stop = Arc::new(AtomicBool::new(false));
    let commits = Arc::new(AtomicUsize::new(0));
    let indexer = {
        let (stop, commits) = (stop.clone(), commits.clone());
        let (binary, index, corpus, markers) = (
            binary.clone(),
            index.clone(),
            corpus.clone(),
            markers.clone(),
        );
        std::thread::spawn(move || {
            let mut with_markers = true;
            while !stop.load(Ordering::Relaxed) {
                let mut command = Command::new(&binary);
                command
                    .args(["index", "--index"])
                    .arg(&index)
                    .arg("--corpus")
                    .arg(&corpus);
                if with_markers {
                    command.arg("--corpus").arg(&markers);
                }
                let ok = command
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
                if ok {
                    commits.fetch_add(1, Ordering::Relaxed);
                }
                with_markers = !with_markers;
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    let busy = run(&server.addr, &queries, clients, duration, Some(MARKER_WORD));
    stop.store(true, Ordering::Relaxed);
    let _ = indexer.join();
    busy.print(
        "searches while the index is committed",
        server.memory("VmHWM"),
    );
    println!(
        "  {} commits; marker answers: {} with 0, {} with {MARKERS}, {} mixed",
        commits.load(Ordering::Relaxed),
        busy.markers[0],
        busy.markers[1],
        busy.markers[2]
    );
    server.stop();
    Ok(())
}

/// The server process.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(binary: &Path, index: &Path) -> Result<Server, Box<dyn std::error::Error>> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(binary)
            .args(["serve", "--addr", &addr, "--index"])
            .arg(index)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let mut server = Server { child, addr };
        let started = Instant::now();
        while ureq::get(&format!("http://{}/health", server.addr))
            .call()
            .is_err()
        {
            if started.elapsed() > Duration::from_secs(30) {
                server.stop();
                return Err("the server did not answer /health within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }

    /// A line of /proc/PID/status, in kB.
    fn memory(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Requests: each NAME line's description whole, and cut as typed (its
/// last word to 1-4 characters, prefix on).
fn queries(corpus: &Path) -> std::io::Result<Vec<(String, bool)>> {
    let mut queries = Vec::new();
    for name in name_lines(corpus)? {
        let description = name
            .split_once(" - ")
            .map_or(name.as_str(), |(_, d)| d)
            .trim();
        let words: Vec<&str> = description.split_whitespace().take(4).collect();
        let Some(last) = words.last() else { continue };
        let cut: String = last.chars().take(1 + queries.len() % 4).collect();
        let typed = words[..words.len() - 1]
            .iter()
            .copied()
            .chain([cut.as_str()])
            .collect::<Vec<_>>()
            .join(" ");
        queries.push((description.to_string(), false));
        queries.push((typed, true));
    }
    Ok(queries)
}

/// What one phase measured.
#[derive(Default)]
struct Phase {
    latencies: Vec<Duration>,
    prefix_latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
    elapsed: Duration,
    /// Marker answers counting 0, all, and any other number of markers.
    markers: [usize; 3],
}

impl Phase {
    fn print(&self, name: &str, peak_kb: Option<u64>) {
        let mut all = self.latencies.clone();
        all.sort();
        let mut prefix = self.prefix_latencies.clone();
        prefix.sort();
        let at = |v: &[Duration], p: f64| {
            v.get(((v.len().max(1) - 1) as f64 * p) as usize)
                .map_or(0.0, |d| d.as_secs_f64() * 1e3)
        };
        println!(
            "{name}: {} requests in {:.1} s: {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms (prefix searches: p50 {:.2} ms, p99 {:.2} ms); errors {}{}; server peak memory {} MB",
            all.len() + self.errors,
            self.elapsed.as_secs_f64(),
            (all.len() + self.errors) as f64 / self.elapsed.as_secs_f64(),
            at(&all, 0.5),
            at(&all, 0.99),
            at(&prefix, 0.5),
            at(&prefix, 0.99),
            self.errors,
            self.first_error.as_deref().map(|e| format!(" (first: {e})")).unwrap_or_default(),
            peak_kb.unwrap_or(0) / 1024,
        );
    }
}

/// `clients` threads, each with its own connection, sending requests one
/// after the other for `duration`; with `marker`, one in ten is for it.
fn run(
    addr: &str,
    queries: &[(String, bool)],
    clients: usize,
    duration: Duration,
    marker: Option<&str>,
) -> Phase {
    let started = Instant::now();
    let phases: Vec<Phase> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..clients)
            .map(|client| {
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_secs(30)))
                        .build()
                        .into();
                    let mut phase = Phase::default();
                    let mut i = client * 7919;
                    while started.elapsed() < duration {
                        i += 1;
                        let for_marker = marker.filter(|_| i % 10 == 0);
                        let (query, prefix) = match for_marker {
                            Some(word) => (word, false),
                            None => {
                                let (q, p) = &queries[i % queries.len()];
                                (q.as_str(), *p)
                            }
                        };
                        let t = Instant::now();
                        let answer = agent
                            .get(format!("http://{addr}/search"))
                            .query("q", query)
                            .query("prefix", if prefix { "true" } else { "false" })
                            .call();
                        let took = t.elapsed();
                        match answer {
                            Ok(mut response) if response.status() == 200 => {
                                if prefix {
                                    phase.prefix_latencies.push(took);
                                }
                                phase.latencies.push(took);
                                if for_marker.is_some() {
                                    let total = response
                                        .body_mut()
                                        .read_json::<serde_json::Value>()
                                        .ok()
                                        .and_then(|v| v["total_hits"].as_u64());
                                    let slot = match total {
                                        Some(0) => 0,
                                        Some(n) if n == MARKERS as u64 => 1,
                                        _ => 2,
                                    };
                                    phase.markers[slot] += 1;
                                } else {
                                    let _ = response.body_mut().read_to_vec();
                                }
                            }
                            Ok(mut response) => {
                                phase.errors += 1;
                                let body = response.body_mut().read_to_string().unwrap_or_default();
                                phase
                                    .first_error
                                    .get_or_insert(format!("{}: {body}", response.status()));
                            }
                            Err(e) => {
                                phase.errors += 1;
                                phase.first_error.get_or_insert(e.to_string());
                            }
                        }
                    }
                    phase
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_default())
            .collect()
    });
    let mut total = Phase {
        elapsed: started.elapsed(),
        ..Phase::default()
    };
    for phase in phases {
        total.latencies.extend(phase.latencies);
        total.prefix_latencies.extend(phase.prefix_latencies);
        total.errors += phase.errors;
        if total.first_error.is_none() {
            total.first_error = phase.first_error;
        }
        for k in 0..3 {
            total.markers[k] += phase.markers[k];
        }
    }
    total
}
