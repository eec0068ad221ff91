//! The search page at `/`: one HTML file with its style and script,
//! embedded in the binary, no build step, nothing loaded from elsewhere.

use axum::http::header;
use axum::response::IntoResponse;

/// The page.
pub(crate) const PAGE: &str = include_str!("page.html");

/// What the page may load: itself and the API of its own origin only (a
/// browser blocks anything else, so nothing leaves the machine).
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `GET /`.
pub(crate) async fn index() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PAGE,
    )
}
