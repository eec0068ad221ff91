//! [`ApiError`]: what went wrong, as JSON `{"error": "...", "code": "..."}`
//! with the HTTP status that says it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answer. `code` is stable, for scripts; `message` says what to
/// do, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable, machine-readable code (`bad_parameter`, `not_found`…).
    pub code: &'static str,
    /// What went wrong and what to do.
    pub message: String,
}

impl ApiError {
    /// 400: a parameter or body the server cannot use.
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            message: message.into(),
        }
    }

    /// 404: no such document or page.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }

    /// 413: a body over the limit.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "too_large",
            message: message.into(),
        }
    }

    /// 503: the index cannot be read now.
    pub fn index_unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "index_unavailable",
            message: message.into(),
        }
    }

    /// 503: too many searches waiting.
    pub fn busy() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: "the server is busy with other searches; retry in a moment".into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({ "error": self.message, "code": self.code })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// A search error: the index could not be read, so the service is
/// unavailable until it can be; or a bug (a search panicked).
impl From<franglais_query::Error> for ApiError {
    fn from(error: franglais_query::Error) -> ApiError {
        match error {
            franglais_query::Error::Panicked => ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                code: "internal",
                message: error.to_string(),
            },
            _ => ApiError::index_unavailable(error.to_string()),
        }
    }
}
