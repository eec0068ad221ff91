//! franglais-serve: a franglais index over HTTP, on loopback by default: a
//! JSON search API (`/search`, `/multi-search`, `/documents/{id}`,
//! `/health`, `/stats`) and a search page at `/` that answers as you type.
//!
//! The library crates know nothing of HTTP; this crate adds it for
//! `franglais serve` and for embedders who want the same server.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use franglais_serve::{ServeOptions, Server};
//! let searcher = franglais_query::Searcher::open("index")?;
//! let server = Server::start(searcher, &ServeOptions::default())?;
//! println!("http://{}/", server.addr());
//! server.wait(); // until the process is stopped
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

mod api;
pub mod error;
pub mod limits;
mod listener;
mod page;
pub mod params;
mod reload;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderValue;
use franglais_query::Searcher;

pub use error::ApiError;
pub use limits::Limits;

/// The address served when none is given: loopback only.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    7700,
));

/// How often the server looks for a new commit of the index.
pub const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// How to serve.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServeOptions {
    /// Where to listen ([`DEFAULT_ADDR`]; port 0 picks a free one).
    pub addr: SocketAddr,
    /// The one origin allowed to call the API from a page of its own
    /// (CORS); none by default.
    pub cors: Option<String>,
    /// What a client can make the server do.
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            addr: DEFAULT_ADDR,
            cors: None,
            limits: Limits::default(),
        }
    }
}

impl ServeOptions {
    /// With [`ServeOptions::addr`] set.
    pub fn with_addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// With [`ServeOptions::cors`] set.
    pub fn with_cors(mut self, origin: Option<String>) -> Self {
        self.cors = origin;
        self
    }

    /// With [`ServeOptions::limits`] set.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound (in use, not this machine's…).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The `--cors` origin is not a valid header value.
    #[error(
        "`{0}` is not an origin; write it as scheme://host[:port], e.g. http://localhost:3000"
    )]
    BadOrigin(String),
    /// The server's threads could not be started.
    #[error("cannot start the server's threads: {0}")]
    Runtime(std::io::Error),
}

/// A running server: its own threads, stopped when dropped.
///
/// Searches in flight when the index is committed again finish on the view
/// they started with; the next ones see the new commit (the index is
/// looked at every [`RELOAD_EVERY`]).
pub struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// Binds `options.addr` and serves `searcher` from threads of its own.
    pub fn start(searcher: Searcher, options: &ServeOptions) -> Result<Server, ServeError> {
        let cors = options
            .cors
            .as_deref()
            .map(|origin| {
                HeaderValue::from_str(origin)
                    .ok()
                    .filter(|_| origin.contains("://"))
                    .ok_or_else(|| ServeError::BadOrigin(origin.to_string()))
            })
            .transpose()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("franglais-serve")
            .build()
            .map_err(ServeError::Runtime)?;
        // Bound without the runtime's `block_on`: `start` may be called from
        // async code, where blocking on another runtime is refused.
        let bind_error = |source| ServeError::Bind {
            addr: options.addr,
            source,
        };
        let listener = std::net::TcpListener::bind(options.addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(bind_error)?
        };
        let addr = listener.local_addr().map_err(bind_error)?;
        let state = Arc::new(api::AppState::new(
            Arc::new(searcher),
            options.limits.clone(),
        ));
        let app = api::router(state.clone(), cors);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let limits = options.limits.clone();
        let thread = std::thread::Builder::new()
            .name("franglais-serve".into())
            .spawn(move || {
                runtime.spawn(reload::watch(state));
                runtime.block_on(listener::accept(listener, app, limits, async {
                    let _ = stopped.await;
                }));
                // Connections still open are dropped with the runtime.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })
            .map_err(ServeError::Runtime)?;
        Ok(Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address served (with the port picked, if 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (it stops when dropped, or with the
    /// process).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
