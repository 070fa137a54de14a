//! A small static server for the demo and the tests: 127.0.0.1 only, `.wasm` as
//! `application/wasm` (so browsers compile it while it streams), and no caching, so a rebuild
//! shows at once. Ctrl-C stops it; `--exit-after` stops it by itself for tests.

use crate::{root, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// What to serve: URL prefixes mapped to folders, the first match winning.
pub struct Site {
    mounts: Vec<(String, PathBuf)>,
}

impl Site {
    /// The demo: dist/ under /cartlift/, test pages under /pages/, the shop from www/ everywhere else.
    pub fn demo() -> Site {
        let root = root();
        Site {
            mounts: vec![
                ("/cartlift/".into(), root.join("dist")),
                // Test pages that are not the demo (a plain page, hostile pages).
                ("/pages/".into(), root.join("tests/pages")),
                ("/".into(), root.join("www")),
            ],
        }
    }

    /// One folder, with dist/ under /cartlift/ as well.
    pub fn folder(dir: PathBuf) -> Site {
        Site {
            mounts: vec![
                ("/cartlift/".into(), root().join("dist")),
                ("/".into(), dir),
            ],
        }
    }

    fn file_for(&self, url_path: &str) -> Option<PathBuf> {
        let (prefix, dir) = self
            .mounts
            .iter()
            .find(|(p, _)| url_path.starts_with(p.as_str()))?;
        let rest = percent_decode(&url_path[prefix.len()..]);
        let rel = Path::new(&rest);
        // No way out of the folder.
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return None;
        }
        let mut path = dir.join(rel);
        if path.is_dir() {
            path = path.join("index.html");
        }
        path.is_file().then_some(path)
    }
}

/// Serves `site` on 127.0.0.1:`port` until stopped (or for `exit_after`).
pub fn serve(site: &Site, port: u16, exit_after: Option<Duration>) -> Result {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("could not listen on 127.0.0.1:{port}: {e}"))?;
    if let Some(limit) = exit_after {
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            std::process::exit(0);
        });
    }
    eprintln!("serving on http://127.0.0.1:{port}/");
    serve_on(site, &listener);
    Ok(())
}

/// Serves the demo on a free port from a background thread, for the tests; it stops when the
/// process does. Returns the base URL.
pub fn in_background() -> Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| format!("could not listen on 127.0.0.1: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || serve_on(&Site::demo(), &listener));
    Ok(format!("http://127.0.0.1:{port}"))
}

fn serve_on(site: &Site, listener: &TcpListener) {
    std::thread::scope(|s| {
        for stream in listener.incoming().flatten() {
            s.spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let _ = handle(site, stream);
            });
        }
    });
}

fn handle(site: &Site, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers; nothing in them changes the answer.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
            method == "HEAD",
        );
    }
    match site
        .file_for(path)
        .and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
    {
        Some((file, body)) => respond(
            &mut stream,
            "200 OK",
            content_type(&file),
            &body,
            method == "HEAD",
        ),
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found",
            method == "HEAD",
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The Content-Type for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_is_served_as_application_wasm_so_it_compiles_while_streaming() {
        assert_eq!(
            content_type(Path::new("dist/cartlift-abc.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("cartlift.js")),
            "text/javascript; charset=utf-8"
        );
    }

    #[test]
    fn paths_cannot_climb_out_of_the_served_folder() {
        let site = Site::demo();
        assert!(site.file_for("/../Cargo.toml").is_none());
        assert!(site.file_for("/%2e%2e/Cargo.toml").is_none());
        assert!(site.file_for("/configs/electronics.json").is_some());
    }
}
