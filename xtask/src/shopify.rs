//! An emulation of Shopify's AJAX Cart API for the demo and the tests, under `/shopify/` (the
//! page sets `Shopify.routes.root` to it): `GET cart.js`, `POST cart/add(.js)` (JSON `items[]`
//! or a theme's form), `cart/change(.js)` by line key, `cart/update(.js)`, `cart/clear(.js)`.
//! One in-memory cart per browser (a `cart` cookie), the payload shape of Shopify's
//! `/cart.js` (integer money ×100, `final_line_price`, line `key`s, `properties`), its 422
//! with a `description` when stock runs out, and a switch to inject faults and latency:
//! `POST /shopify/__fault` with `{"status": 500, "times": 1, "delay_ms": 0}`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The emulated store's variants: id, title, price in cents, stock.
const CATALOG: &[(u64, &str, i64, u32)] = &[
    (44000000000001, "Laptop Pro 14", 100000, 5),
    (44000000000002, "Wireless Mouse", 5000, 3),
    (44000000000003, "Keyboard", 15000, 10),
    (44000000000004, "2-year warranty", 1200, 100),
    (44000000000005, "Organic T-shirt", 2500, 20),
    (44000000000006, "Socks", 900, 50),
    (44000000000007, "USB-C Cable", 1200, 50),
    (44000000000008, "Laptop Stand", 4000, 10),
];

#[derive(Clone, Default)]
struct Line {
    key: String,
    variant: u64,
    quantity: u32,
    properties: serde_json::Map<String, Value>,
}

#[derive(Default)]
struct Fault {
    status: u16,
    times: u32,
    delay_ms: u64,
}

/// The carts by cookie, and the next fault.
#[derive(Default)]
pub struct Store {
    carts: Mutex<HashMap<String, Vec<Line>>>,
    fault: Mutex<Fault>,
    next: Mutex<u64>,
}

/// The routes, to merge into the demo server's router.
pub fn routes() -> axum::Router {
    let store = Arc::new(Store::default());
    axum::Router::new()
        .route("/shopify/cart.js", get(cart))
        .route("/shopify/cart/{action}", post(change))
        .route("/shopify/__fault", post(fault))
        .with_state(store)
}

fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("cart=").map(str::to_owned))
}

fn payload(lines: &[Line], token: &str) -> Value {
    let items: Vec<Value> = lines
        .iter()
        .filter_map(|l| {
            let (id, title, price, _) = CATALOG.iter().find(|v| v.0 == l.variant)?;
            let line_price = price * i64::from(l.quantity);
            Some(json!({
                "id": id, "variant_id": id, "key": l.key, "quantity": l.quantity,
                "title": title, "product_title": title,
                "price": price, "original_price": price, "final_price": price,
                "line_price": line_price, "original_line_price": line_price, "final_line_price": line_price,
                "properties": if l.properties.is_empty() { Value::Null } else { Value::Object(l.properties.clone()) },
            }))
        })
        .collect();
    let total: i64 = items
        .iter()
        .filter_map(|i| i["final_line_price"].as_i64())
        .sum();
    let count: u64 = items.iter().filter_map(|i| i["quantity"].as_u64()).sum();
    json!({
        "token": token, "note": null, "attributes": {}, "currency": "USD",
        "original_total_price": total, "total_price": total, "total_discount": 0,
        "item_count": count, "items": items, "requires_shipping": true,
    })
}

/// The injected fault for this request, after its delay, if one is armed.
async fn injected(store: &Store) -> Option<Response> {
    let (status, delay) = {
        let mut f = store.fault.lock().ok()?;
        let delay = f.delay_ms;
        if f.times == 0 {
            return None;
        }
        f.times -= 1;
        (f.status, delay)
    };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Some(
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            json!({"status": status.as_u16(), "message": "Error", "description": "Something went wrong on our side."}).to_string(),
        )
            .into_response(),
    )
}

fn answer(status: StatusCode, body: Value, set: Option<&str>) -> Response {
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    if let Some(t) = set {
        if let Ok(v) = format!("cart={t}; Path=/; SameSite=Lax").parse() {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    r
}

/// The browser's cart token, a fresh one when it has none.
fn session(store: &Store, headers: &HeaderMap) -> (String, bool) {
    match token(headers) {
        Some(t) => (t, false),
        None => {
            let mut n = store
                .next
                .lock()
                .map(|mut n| {
                    *n += 1;
                    *n
                })
                .unwrap_or(0);
            n = n.wrapping_mul(2654435761);
            (format!("c{n:x}{}", std::process::id()), true)
        }
    }
}

async fn cart(State(store): State<Arc<Store>>, headers: HeaderMap) -> Response {
    if let Some(fault) = injected(&store).await {
        return fault;
    }
    let (t, fresh) = session(&store, &headers);
    let lines = store
        .carts
        .lock()
        .map(|c| c.get(&t).cloned().unwrap_or_default())
        .unwrap_or_default();
    answer(
        StatusCode::OK,
        payload(&lines, &t),
        fresh.then_some(t.as_str()),
    )
}

async fn fault(State(store): State<Arc<Store>>, body: Bytes) -> Response {
    let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if let Ok(mut f) = store.fault.lock() {
        *f = Fault {
            status: v["status"]
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(500),
            times: v["times"]
                .as_u64()
                .and_then(|s| u32::try_from(s).ok())
                .unwrap_or(1),
            delay_ms: v["delay_ms"].as_u64().unwrap_or(0),
        };
    }
    StatusCode::NO_CONTENT.into_response()
}

/// The request's fields, from JSON or a form (`id=…&quantity=…`, as a theme's form posts).
fn fields(headers: &HeaderMap, body: &[u8]) -> Value {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if kind.starts_with("application/json") {
        return serde_json::from_slice(body).unwrap_or(Value::Null);
    }
    let mut map = serde_json::Map::new();
    for (k, v) in form_urlencoded::parse(body) {
        map.insert(k.into_owned(), Value::String(v.into_owned()));
    }
    Value::Object(map)
}

fn number(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn refuse(status: StatusCode, description: String) -> Response {
    answer(
        status,
        json!({"status": status.as_u16(), "message": "Cart Error", "description": description}),
        None,
    )
}

async fn change(
    State(store): State<Arc<Store>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(fault) = injected(&store).await {
        return fault;
    }
    let (t, fresh) = session(&store, &headers);
    let set = fresh.then_some(t.as_str());
    let v = fields(&headers, &body);
    let mut carts = match store.carts.lock() {
        Ok(c) => c,
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "busy".into()),
    };
    let lines = carts.entry(t.clone()).or_default();
    match action.trim_end_matches(".js") {
        "add" => {
            let items: Vec<Value> = match v.get("items") {
                Some(Value::Array(items)) => items.clone(),
                _ => vec![v.clone()],
            };
            let mut next = lines.clone();
            let mut added = Vec::new();
            for item in &items {
                let Some(variant) = item.get("id").and_then(number) else {
                    return refuse(StatusCode::BAD_REQUEST, "Parameter Missing or Invalid: Required parameter missing or invalid: items".into());
                };
                let Some((_, title, _, stock)) = CATALOG.iter().find(|c| c.0 == variant) else {
                    return refuse(StatusCode::NOT_FOUND, "Cannot find variant".into());
                };
                let quantity = item.get("quantity").and_then(number).unwrap_or(1) as u32;
                let properties = match item.get("properties") {
                    Some(Value::Object(p)) => p.clone(),
                    _ => serde_json::Map::new(),
                };
                let held: u32 = next
                    .iter()
                    .filter(|l| l.variant == variant)
                    .map(|l| l.quantity)
                    .sum();
                if held + quantity > *stock {
                    return refuse(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("You can't add more {title} to the cart."),
                    );
                }
                let key = format!(
                    "{variant}:{:x}",
                    properties
                        .iter()
                        .map(|(k, v)| k.len() + v.to_string().len() * 31)
                        .sum::<usize>()
                );
                match next.iter_mut().find(|l| l.key == key) {
                    Some(l) => l.quantity += quantity,
                    None => next.push(Line {
                        key: key.clone(),
                        variant,
                        quantity,
                        properties,
                    }),
                }
                added.push(key);
            }
            *lines = next;
            let all = payload(lines, &t);
            let items: Vec<Value> = all["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|i| added.iter().any(|k| i["key"] == *k))
                .cloned()
                .collect();
            answer(StatusCode::OK, json!({"items": items}), set)
        }
        "change" => {
            let id = v.get("id").or_else(|| v.get("line"));
            let quantity = v.get("quantity").and_then(number).unwrap_or(0) as u32;
            let at = match id {
                Some(Value::String(key)) => lines.iter().position(|l| &l.key == key),
                Some(n) => number(n)
                    .and_then(|line| usize::try_from(line).ok())
                    .and_then(|line| line.checked_sub(1))
                    .filter(|i| *i < lines.len()),
                None => None,
            };
            let Some(at) = at else {
                return refuse(StatusCode::BAD_REQUEST, "no line with that key".into());
            };
            if quantity == 0 {
                lines.remove(at);
            } else {
                lines[at].quantity = quantity;
            }
            answer(StatusCode::OK, payload(lines, &t), set)
        }
        "update" => answer(StatusCode::OK, payload(lines, &t), set),
        "clear" => {
            lines.clear();
            answer(StatusCode::OK, payload(lines, &t), set)
        }
        _ => refuse(StatusCode::NOT_FOUND, "Not Found".into()),
    }
}
