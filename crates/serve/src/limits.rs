//! [`Limits`]: what a client can make the server do.

use std::time::Duration;

/// Bounds on requests; each one overstepped is a clear error, never a
/// silent cut. The defaults suit one person's search page and scripts on
/// the same machine.
///
/// ```
/// use franglais_serve::Limits;
/// let limits = Limits::default().with_max_limit(50);
/// assert_eq!(limits.max_limit, 50);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Longest query, in characters (a pasted paragraph fits).
    pub max_query_chars: usize,
    /// Most hits per answer (`limit`).
    pub max_limit: usize,
    /// Deepest page (`offset`).
    pub max_offset: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most queries in one `/multi-search`.
    pub max_queries: usize,
    /// Searches run at once; others wait for a turn, first come first
    /// served. Searching is CPU work: more at once than twice the cores
    /// only adds memory (each search thread keeps caches) and lengthens
    /// the slowest answers.
    pub max_concurrent_searches: usize,
    /// How long a search waits for its turn before the answer is "busy".
    pub queue_wait: Duration,
    /// Longest time a request may take, body included (a slow client).
    pub request_timeout: Duration,
    /// Longest time a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// Open connections at once; past that, a new one gets one "busy"
    /// answer and is closed.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_chars: 1000,
            max_limit: 100,
            max_offset: 10_000,
            max_body_bytes: 256 * 1024,
            max_queries: 100,
            max_concurrent_searches: 2 * std::thread::available_parallelism()
                .map_or(1, |n| n.get()),
            queue_wait: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

impl Limits {
    /// With [`Limits::max_limit`] set.
    pub fn with_max_limit(mut self, max_limit: usize) -> Self {
        self.max_limit = max_limit;
        self
    }

    /// With [`Limits::max_concurrent_searches`] set.
    pub fn with_max_concurrent_searches(mut self, searches: usize) -> Self {
        self.max_concurrent_searches = searches.max(1);
        self
    }

    /// With [`Limits::max_connections`] set.
    pub fn with_max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections.max(1);
        self
    }

    /// With [`Limits::request_timeout`] and [`Limits::header_timeout`] set.
    pub fn with_timeouts(mut self, request: Duration, headers: Duration) -> Self {
        self.request_timeout = request;
        self.header_timeout = headers;
        self
    }
}
