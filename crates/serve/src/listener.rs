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
        let header_timeout = limits.header_timeout;
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            // Past the limit: one answer saying so, then the connection
            // closes (a bounded task: one request, the header timeout).
            let limit = limits.max_connections;
            http.keep_alive(false);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_: hyper::Request<Incoming>| {
                    let busy = ApiError {
                        message: format!(
                            "all the server's connections are in use ({limit}); retry in a moment"
                        ),
                        ..ApiError::busy()
                    };
                    std::future::ready(Ok::<_, std::convert::Infallible>(busy.into_response()))
                });
                let _ = http.serve_connection(TokioIo::new(stream), service).await;
            });
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                app.clone().oneshot(request)
            });
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
