//! `cartlift collect --db events.sqlite`: the collector of embed §9. The widget sends its
//! events as newline-delimited JSON (`POST /events`); each request's valid lines are written
//! to SQLite in one transaction before the answer, so an acknowledged batch is on disk (WAL
//! mode, `synchronous = FULL`) and survives the process being killed. A line that is not an
//! event is counted and skipped; the rest of its batch is kept. A database that is locked or
//! full answers 503, and the collector goes on.
//!
//! The tables (the same columns suit ClickHouse or BigQuery; see the README):
//! - `events`: one row per event: `received` and `at` (Unix milliseconds), `type`,
//!   `visitor`, the source's `widget`, `offer`, `segment` and `variant`, an order's
//!   `order_id`, `value_minor` and `currency` (exact integer minor units), `items` (JSON).
//! - `assignments`: the first variant each visitor was seen in, per experiment.

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use cartlift_core::money::parse_amount;
use cartlift_core::Currency;
use rusqlite::{params, Connection, ErrorCode};
use serde::Deserialize;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The largest body taken: a widget's batch is a few kilobytes.
pub const MAX_BODY: usize = 1024 * 1024;
/// How much of a body over [`MAX_BODY`] is still read, so that its sender hears the 413;
/// beyond it the connection is cut.
const READ_AT_MOST: usize = 4 * MAX_BODY;
/// The event types the widget sends (spec §4 and §9).
pub const TYPES: &[&str] = &[
    "impression",
    "add-to-cart",
    "remove-from-cart",
    "goal-reached",
    "order",
];
/// How long a write waits for another writer before the batch is answered with 503.
const BUSY_MS: u64 = 2_000;
/// At most this many skipped lines are described in an answer.
const SAID: usize = 10;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  received INTEGER NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  visitor TEXT NOT NULL,
  widget TEXT,
  offer TEXT,
  segment TEXT,
  variant TEXT,
  order_id TEXT,
  value_minor INTEGER,
  currency TEXT,
  items TEXT
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, at);
CREATE INDEX IF NOT EXISTS events_by_visitor ON events (visitor);
CREATE TABLE IF NOT EXISTS assignments (
  visitor TEXT NOT NULL,
  experiment TEXT NOT NULL,
  variant TEXT NOT NULL,
  first_at INTEGER NOT NULL,
  PRIMARY KEY (visitor, experiment)
) WITHOUT ROWID;
";

/// One line of a batch, as the widget writes it. Unknown fields are ignored (a newer widget
/// may say more than this collector keeps).
#[derive(Deserialize)]
struct Line {
    #[serde(rename = "type")]
    kind: String,
    /// Unix milliseconds, by the shopper's clock.
    at: i64,
    /// The random visitor id (spec §8): no other personal data is taken.
    visitor: String,
    #[serde(default)]
    source: Source,
    #[serde(default)]
    experiments: Vec<Assignment>,
    #[serde(default)]
    items: Vec<Item>,
    order: Option<Order>,
}

#[derive(Deserialize, Default)]
struct Source {
    widget: Option<String>,
    offer: Option<String>,
    segment: Option<String>,
    variant: Option<String>,
}

#[derive(Deserialize)]
struct Assignment {
    experiment: String,
    variant: String,
}

#[derive(Deserialize, serde::Serialize)]
struct Item {
    id: String,
    quantity: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<String>,
    /// The platform's variant, where the line came from a platform's checkout (the Shopify
    /// order pixel), kept with the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    variant_id: Option<String>,
    /// The widget and offer that put the line in the cart (an order's lines that cartlift
    /// marked: `_cartlift_bundle`, `_cartlift_offer`), kept with the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    widget: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offer: Option<String>,
}

#[derive(Deserialize)]
struct Order {
    id: Option<String>,
    /// A decimal string, read exactly ("95.00").
    value: String,
    currency: String,
}

/// An event checked and ready to write.
struct Event {
    at: i64,
    kind: String,
    visitor: String,
    source: Source,
    experiments: Vec<Assignment>,
    items: Option<String>,
    order: Option<(Option<String>, i64, String)>,
}

/// A short text field: present, at most `max` characters, no control characters.
fn short(what: &str, text: &str, max: usize) -> Result<(), String> {
    if text.is_empty() || text.chars().count() > max || text.chars().any(char::is_control) {
        Err(format!("{what} must be 1 to {max} printable characters"))
    } else {
        Ok(())
    }
}

/// One line read and checked, or the sentence saying why it is not an event.
fn event(text: &str) -> Result<Event, String> {
    let line: Line = serde_json::from_str(text).map_err(|e| format!("not an event: {e}"))?;
    if !TYPES.contains(&line.kind.as_str()) {
        return Err(format!(
            "\"type\" is {:?}; it must be one of {}",
            line.kind,
            TYPES.join(", ")
        ));
    }
    // From 2020 to 2100: a clock that far off is not a shopper's.
    if !(1_577_836_800_000..=4_102_444_800_000).contains(&line.at) {
        return Err("\"at\" must be Unix milliseconds between 2020 and 2100".into());
    }
    short("\"visitor\"", &line.visitor, 64)?;
    for (what, v) in [
        ("\"source.widget\"", &line.source.widget),
        ("\"source.offer\"", &line.source.offer),
        ("\"source.segment\"", &line.source.segment),
        ("\"source.variant\"", &line.source.variant),
    ] {
        if let Some(v) = v {
            short(what, v, 200)?;
        }
    }
    for a in &line.experiments {
        short("an experiment", &a.experiment, 200)?;
        short("a variant", &a.variant, 200)?;
    }
    let order = match line.order {
        None if line.kind == "order" => return Err("an \"order\" event needs \"order\"".into()),
        None => None,
        Some(o) => {
            let currency = Currency::from_code(&o.currency)
                .ok_or_else(|| format!("{:?} is not an ISO 4217 currency code", o.currency))?;
            let value = parse_amount(&o.value, currency)
                .map_err(|_| format!("the order's value {:?} is not an amount", o.value))?;
            if let Some(id) = &o.id {
                short("the order's id", id, 200)?;
            }
            Some((o.id, value.minor(), currency.code().to_owned()))
        }
    };
    let items = if line.items.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&line.items).map_err(|e| e.to_string())?)
    };
    Ok(Event {
        at: line.at,
        kind: line.kind,
        visitor: line.visitor,
        source: line.source,
        experiments: line.experiments,
        items,
        order,
    })
}

/// The collector's database: one connection, one writer at a time.
pub struct Store {
    db: Mutex<Connection>,
}

impl Store {
    /// Opens (or creates) the database at `path` in WAL mode.
    pub fn open(path: &Path) -> Result<Store, String> {
        let db = Connection::open(path)
            .map_err(|e| format!("{} cannot be opened as a database: {e}", path.display()))?;
        db.busy_timeout(std::time::Duration::from_millis(BUSY_MS))
            .and_then(|()| db.pragma_update(None, "journal_mode", "WAL"))
            .and_then(|()| db.pragma_update(None, "synchronous", "FULL"))
            .and_then(|()| db.execute_batch(SCHEMA))
            .map_err(|e| format!("{} cannot be set up: {e}", path.display()))?;
        Ok(Store { db: Mutex::new(db) })
    }

    /// Writes `events` in one transaction: all of them, or none (and the reason).
    fn write(&self, events: &[Event], received: i64) -> rusqlite::Result<()> {
        let mut db = self
            .db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tx = db.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (received, at, type, visitor, widget, offer, segment, variant, order_id, value_minor, currency, items)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut assign = tx.prepare_cached(
                "INSERT OR IGNORE INTO assignments (visitor, experiment, variant, first_at) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for e in events {
                let (order_id, value, currency) = match &e.order {
                    Some((id, minor, code)) => (id.as_deref(), Some(*minor), Some(code.as_str())),
                    None => (None, None, None),
                };
                insert.execute(params![
                    received,
                    e.at,
                    e.kind,
                    e.visitor,
                    e.source.widget,
                    e.source.offer,
                    e.source.segment,
                    e.source.variant,
                    order_id,
                    value,
                    currency,
                    e.items,
                ])?;
                for a in &e.experiments {
                    assign.execute(params![e.visitor, a.experiment, a.variant, e.at])?;
                }
            }
        }
        tx.commit()
    }

    /// How many events the database holds.
    fn count(&self) -> rusqlite::Result<i64> {
        let db = self
            .db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        db.query_row("SELECT count(*) FROM events", [], |r| r.get(0))
    }
}

/// What the collector serves, and to which shops' pages.
struct Collector {
    store: Store,
    origins: Vec<String>,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A JSON answer, with CORS for an allowed `origin`.
fn answer(status: StatusCode, body: serde_json::Value, origin: Option<&str>) -> Response {
    let mut r = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-store");
    if let Some(o) = origin {
        r = r
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, o)
            .header(header::VARY, "Origin");
    }
    r.body(Body::from(body.to_string())).unwrap_or_default()
}

fn refuse(status: StatusCode, reason: String, origin: Option<&str>) -> Response {
    answer(status, serde_json::json!({ "error": reason }), origin)
}

/// The media types a batch may come as: NDJSON, or `text/plain`, which is what
/// `navigator.sendBeacon` sends a string as (and needs no CORS preflight).
fn batch_type(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    matches!(
        kind.as_deref(),
        Some("application/x-ndjson" | "application/ndjson" | "text/plain")
    )
}

async fn respond(
    State(c): State<Arc<Collector>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| c.origins.iter().any(|a| a == o || a == "*"));
    match (method, uri.path()) {
        (Method::GET, "/health") => match c.store.count() {
            Ok(n) => answer(
                StatusCode::OK,
                serde_json::json!({ "ok": true, "events": n }),
                origin,
            ),
            Err(e) => refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the database cannot be read: {e}"),
                origin,
            ),
        },
        (Method::OPTIONS, "/events") => match origin {
            Some(o) => Response::builder()
                .status(StatusCode::NO_CONTENT)
                .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, o)
                .header(header::ACCESS_CONTROL_ALLOW_METHODS, "POST")
                .header(header::ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                .header(header::ACCESS_CONTROL_MAX_AGE, "86400")
                .header(header::VARY, "Origin")
                .body(Body::empty())
                .unwrap_or_default(),
            None => refuse(
                StatusCode::FORBIDDEN,
                "this origin is not allowed: start the collector with --allow-origin".into(),
                None,
            ),
        },
        (Method::POST, "/events") => events(&c, &headers, body, origin).await,
        (_, "/events" | "/health") => refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "POST /events takes a batch; GET /health says how the collector is".into(),
            origin,
        ),
        _ => refuse(
            StatusCode::NOT_FOUND,
            "the collector has POST /events and GET /health".into(),
            origin,
        ),
    }
}

async fn events(c: &Collector, headers: &HeaderMap, body: Body, origin: Option<&str>) -> Response {
    if headers.contains_key(header::ORIGIN) && origin.is_none() {
        return refuse(
            StatusCode::FORBIDDEN,
            "this origin is not allowed: start the collector with --allow-origin".into(),
            None,
        );
    }
    if !batch_type(headers) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "a batch is newline-delimited JSON: Content-Type application/x-ndjson (or text/plain, as sendBeacon sends it)".into(),
            origin,
        );
    }
    // A body somewhat over the limit is read to its end before the 413: a client still
    // writing when the answer came would see a broken pipe instead of the reason.
    let bytes = to_bytes(body, READ_AT_MOST)
        .await
        .ok()
        .filter(|b| b.len() <= MAX_BODY);
    let Some(bytes) = bytes else {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("a batch may be at most {MAX_BODY} bytes"),
            origin,
        );
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "a batch is UTF-8 text".into(),
            origin,
        );
    };
    let mut good = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match event(line) {
            Ok(e) => good.push(e),
            Err(why) => skipped.push(format!("line {}: {why}", i + 1)),
        }
    }
    if good.is_empty() {
        let reason = if skipped.is_empty() {
            "the batch holds no events".to_owned()
        } else {
            format!("no line of the batch is an event ({})", skipped[0])
        };
        return answer(
            StatusCode::BAD_REQUEST,
            serde_json::json!({ "error": reason, "accepted": 0, "skipped": skipped.len(), "problems": &skipped[..skipped.len().min(SAID)] }),
            origin,
        );
    }
    // The write waits for the disk (and for another writer, up to BUSY_MS): off the
    // runtime's async threads.
    match tokio::task::block_in_place(|| c.store.write(&good, now_ms())) {
        Ok(()) => answer(
            StatusCode::OK,
            serde_json::json!({ "accepted": good.len(), "skipped": skipped.len(), "problems": &skipped[..skipped.len().min(SAID)] }),
            origin,
        ),
        Err(e) => {
            let why = match e.sqlite_error_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                    "the database is locked by another program; send the batch again later"
                }
                Some(ErrorCode::DiskFull) => "the disk is full; nothing of the batch was kept",
                _ => "the batch could not be written; nothing of it was kept",
            };
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("{why} ({e})"),
                origin,
            )
        }
    }
}

/// Serves the collector on `host:port` (port 0: any free one), printing its address, until
/// stopped (or for `exit_after` seconds).
pub fn serve(
    db: &Path,
    host: &str,
    port: u16,
    origins: Vec<String>,
    exit_after: Option<u64>,
) -> Result<(), String> {
    let store = Store::open(db)?;
    let listener = std::net::TcpListener::bind((host, port))
        .map_err(|e| format!("could not listen on {host}:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!(
        "cartlift collect: http://{addr}/events into {}",
        db.display()
    );
    let app = axum::Router::new()
        .fallback(respond)
        .with_state(Arc::new(Collector { store, origins }));
    crate::server::run(listener, app, exit_after, "collector")
}
