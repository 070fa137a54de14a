//! Faithful emulations of the shop platforms cartlift adapts to, for the demo and the tests:
//! Shopify's AJAX Cart API ([`shopify`]) and WooCommerce's Store API ([`woocommerce`]). Both
//! sell the same store (the demo's catalog), keep one in-memory cart per browser (a cookie),
//! answer in each platform's own payload shapes and status codes, and take a switch that
//! injects the next faults and latency: `POST /__fault` with `{"status": 500, "times": 1,
//! "delay_ms": 0, "reads": false}` (a status of 200 injects only the delay; the next writes
//! get it, and reads too with `"reads": true`, so a page's own background reads of the cart
//! do not use up a fault meant for the shopper's click).

pub mod checkout;
pub mod shopify;
pub mod woocommerce;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The store both platforms sell: title, price in cents, stock. Shopify's variant ids are
/// `44000000000001` on; WooCommerce's product ids `101` on.
pub const CATALOG: &[(&str, i64, u32)] = &[
    ("Laptop Pro 14", 100000, 5),
    ("Wireless Mouse", 5000, 3),
    ("Keyboard", 15000, 10),
    ("2-year warranty", 1200, 100),
    ("Organic T-shirt", 2500, 20),
    ("Socks", 900, 50),
    ("USB-C Cable", 1200, 50),
    ("Laptop Stand", 4000, 10),
    // The shirt's sizes and the stand's colours (spec §10), each a variant of its own; the
    // XL shirt sold out.
    ("Organic T-shirt - S", 2500, 20),
    ("Organic T-shirt - M", 2500, 20),
    ("Organic T-shirt - L", 2700, 20),
    ("Organic T-shirt - XL", 2700, 0),
    ("Laptop Stand - Silver", 4000, 10),
    ("Laptop Stand - Space grey", 4500, 10),
];

/// The next faults to inject.
#[derive(Default)]
pub struct Faults(Mutex<(u16, u32, u64, bool)>);

impl Faults {
    /// The status to answer this request (a write, or a read) with instead, after the armed delay, when a fault is
    /// armed; `None` (after the delay) for a delay-only fault or none.
    pub async fn next(&self, write: bool) -> Option<StatusCode> {
        let (status, delay) = {
            let mut f = self.0.lock().ok()?;
            if f.1 == 0 || !(write || f.3) {
                return None;
            }
            f.1 -= 1;
            (f.0, f.2)
        };
        tokio::time::sleep(Duration::from_millis(delay)).await;
        (status != 200)
            .then(|| StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
    }
}

/// What a store's pages print where its cartlift config goes (on Shopify, the app embed prints
/// the app's metafield there), and that config: the demo server fills the pages with the same
/// config its emulated store's discounts are priced by.
pub const STORE_CONFIGS: &[(&str, &str)] = &[
    ("{{ shopify.store_config }}", shopify::STORE),
    ("{{ woocommerce.store_config }}", woocommerce::STORE),
];

/// The routes of both emulations and the fault switch, to merge into the demo server.
pub fn routes() -> axum::Router {
    let faults = Arc::new(Faults::default());
    axum::Router::new()
        .route("/__fault", axum::routing::post(arm))
        .with_state(faults.clone())
        .merge(shopify::routes(faults.clone()))
        .merge(woocommerce::routes(faults))
}

async fn arm(State(faults): State<Arc<Faults>>, body: Bytes) -> Response {
    let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let field = |k: &str, default: u64| v[k].as_u64().unwrap_or(default);
    if let Ok(mut f) = faults.0.lock() {
        *f = (
            u16::try_from(field("status", 500)).unwrap_or(500),
            u32::try_from(field("times", 1)).unwrap_or(1),
            field("delay_ms", 0),
            v["reads"].as_bool().unwrap_or(false),
        );
    }
    StatusCode::NO_CONTENT.into_response()
}

/// The browser's session from the cookie `name`, or a fresh one (and so `true`).
pub fn session(headers: &HeaderMap, name: &str, next: &Mutex<u64>) -> (String, bool) {
    let prefix = format!("{name}=");
    let found = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(prefix.as_str()).map(str::to_owned));
    match found {
        Some(t) => (t, false),
        None => {
            let n = next
                .lock()
                .map(|mut n| {
                    *n += 1;
                    *n
                })
                .unwrap_or(0);
            (
                format!("s{:x}{}", n.wrapping_mul(2654435761), std::process::id()),
                true,
            )
        }
    }
}

/// A JSON answer, setting the session cookie `(name, token)` when it is new.
pub fn answer(status: StatusCode, body: &Value, cookie: Option<(&str, &str)>) -> Response {
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    if let Some((name, token)) = cookie {
        if let Ok(v) = format!("{name}={token}; Path=/; SameSite=Lax").parse() {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    r
}

/// A request's fields, from JSON or a form (`id=…&quantity=…`, as a theme's form posts).
pub fn fields(headers: &HeaderMap, body: &[u8]) -> Value {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if kind.starts_with("application/json") {
        return serde_json::from_slice(body).unwrap_or(Value::Null);
    }
    let map = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    Value::Object(map)
}

/// A whole number, written as a number or as text.
pub fn number(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}
