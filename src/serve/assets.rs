//! The page and its scripts, built into the binary: the workbench needs no network.
//! `editor.js` is CodeMirror 6 with the policy language, bundled from `web/` (`npm run
//! build` there; the bundle is committed, so building jaring never needs npm).

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("assets/index.html");
const APP: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");
const EDITOR: &str = include_str!("assets/editor.js");

/// What every page answer says: no caching of data, no framing by another site, no
/// scripts or styles from anywhere else.
fn answer(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn index() -> Response {
    answer("text/html; charset=utf-8", INDEX)
}

pub async fn asset(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "app.js" => answer("text/javascript; charset=utf-8", APP),
        "editor.js" => answer("text/javascript; charset=utf-8", EDITOR),
        "style.css" => answer("text/css; charset=utf-8", STYLE),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
