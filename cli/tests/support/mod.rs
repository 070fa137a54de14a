//! A `cartlift collect` for the tests: started on a free port over a fresh database, spoken
//! to over HTTP, stopped when dropped (and by itself after two minutes).
#![allow(dead_code)]

use rusqlite::Connection;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A collector on a free port of 127.0.0.1, over a fresh database; it stops by itself.
pub struct Collector {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    pub db: PathBuf,
}

impl Collector {
    pub fn start(name: &str, origins: &[&str]) -> Collector {
        let dir =
            std::env::temp_dir().join(format!("cartlift-collect-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = dir.join("events.sqlite");
        let mut args = vec![
            "collect",
            "--db",
            db.to_str().expect("path"),
            "--port",
            "0",
            "--exit-after",
            "120",
        ];
        for o in origins {
            args.extend(["--allow-origin", o]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_cartlift"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the collector starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("an address")
            .trim_end_matches("/events")
            .to_owned();
        Collector { child, url, db }
    }

    pub fn post(&self, kind: &str, body: &str) -> (u16, Value) {
        answer(
            ureq::post(&format!("{}/events", self.url))
                .set("Content-Type", kind)
                .send_string(body),
        )
    }

    pub fn rows(&self) -> i64 {
        Connection::open(&self.db)
            .and_then(|c| c.query_row("SELECT count(*) FROM events", [], |r| r.get(0)))
            .expect("the database reads")
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn answer(r: Result<ureq::Response, ureq::Error>) -> (u16, Value) {
    let resp = match r {
        Ok(resp) | Err(ureq::Error::Status(_, resp)) => resp,
        Err(e) => panic!("no answer: {e}"),
    };
    let status = resp.status();
    let text = resp.into_string().expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}
