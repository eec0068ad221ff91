//! Accepting connections: hyper's HTTP/1 server with a header read timeout
//! (a client that sends its request a byte at a time is cut off), at most
//! [`Limits::max_connections`] at once, and a time limit on each request.

use std::future::Future;
use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::error::ApiError;
use crate::limits::Limits;

/// Serves `app` on `listener` until `shutdown` completes.
pub(crate) async fn accept(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let timeout = limits.request_timeout;
    let app = app.layer(axum::middleware::from_fn(move |request, next| {
        within(timeout, request, next)
    }));
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait, go on.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return,
        };
        // Past the limit, the connection is closed at once.
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            continue;
        };
        let app = app.clone();
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                app.clone().oneshot(request)
            });
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Runs a request within `timeout`, or answers 408 (a client too slow to
/// send its body, a search that never ends).
async fn within(timeout: std::time::Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError {
            status: axum::http::StatusCode::REQUEST_TIMEOUT,
            code: "timeout",
            message: format!(
                "the request took more than {} s; send it whole at once",
                timeout.as_secs()
            ),
        }
        .into_response(),
    }
}
