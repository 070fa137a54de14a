//! `cartlift preview CONFIG.json`: the merchant preview (`www/preview.html`, the widgets of
//! `dist/`) served on 127.0.0.1 with the merchant's file loaded, and reloaded when the file
//! changes (the page asks for it every second; nothing leaves the machine).

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::Response;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the preview serves: the site's `www/` and `dist/`, and the merchant's file.
pub struct Preview {
    /// The repository's `www/`.
    pub www: PathBuf,
    /// The built widget, `dist/`.
    pub dist: PathBuf,
    /// The merchant's config.
    pub file: PathBuf,
}

/// Where the page asks for the merchant's file.
pub const FILE_URL: &str = "/__file/config.json";

fn kind(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

fn answer(status: StatusCode, kind: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        // The merchant is editing: never a stale copy.
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// A file under `dir` for the URL path `rest`, never one outside it.
fn inside(dir: &Path, rest: &str) -> Option<PathBuf> {
    let mut path = dir.join(rest.trim_start_matches('/'));
    if path.is_dir() {
        path = path.join("index.html");
    }
    let real = path.canonicalize().ok()?;
    (real.starts_with(dir.canonicalize().ok()?) && real.is_file()).then_some(real)
}

async fn respond(State(p): State<Arc<Preview>>, uri: Uri) -> Response {
    let path = uri.path();
    if path == FILE_URL {
        return match std::fs::read(&p.file) {
            Ok(body) => answer(StatusCode::OK, "application/json", body),
            Err(e) => answer(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                format!("{} cannot be read: {e}", p.file.display()).into_bytes(),
            ),
        };
    }
    let found = match path.strip_prefix("/cartlift/") {
        Some(rest) => inside(&p.dist, rest),
        None => inside(&p.www, path),
    };
    match found.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => answer(StatusCode::OK, kind(&f), body),
        None => answer(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        ),
    }
}

/// Serves the preview on 127.0.0.1:`port` (0: any free port), printing its address, until
/// stopped (or for `exit_after` seconds).
pub fn serve(preview: Preview, port: u16, exit_after: Option<u64>) -> Result<(), String> {
    if !preview.dist.join("cartlift.js").is_file() {
        return Err(format!(
            "the widget is not built in {}: run `cargo xtask dist` first",
            preview.dist.display()
        ));
    }
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("could not listen on 127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    println!(
        "cartlift preview of {}: http://127.0.0.1:{port}/preview.html?file={FILE_URL}",
        preview.file.display()
    );
    println!("(edit the file and the preview follows; Ctrl-C to stop)");
    let app = axum::Router::new()
        .fallback(respond)
        .with_state(Arc::new(preview));
    crate::server::run(listener, app, exit_after, "preview server")
}
