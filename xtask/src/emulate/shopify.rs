//! Shopify's AJAX Cart API under `/shopify/` (the page sets `Shopify.routes.root` to it):
//! `GET cart.js`, `POST cart/add(.js)` (JSON `items[]` or a theme's form), `cart/change(.js)`
//! by line key (or 1-based `line`), `cart/update(.js)` (`discount` codes), `cart/clear(.js)`. The `/cart.js`
//! payload shape (integer money ×100, `final_line_price`, line `key`s, `properties`), a 422
//! with a `description` when stock runs out, 400 and 404 as Shopify words them. A write's
//! `sections` (an array or a comma-separated string, at most five) come back rendered in its
//! answer's `sections`, as Shopify's Section Rendering API returns them with a cart change;
//! `GET cart?section_id=ID` renders one on its own.

use super::{answer, fields, number, session, Faults, CATALOG};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const COOKIE: &str = "cart";
const FIRST_VARIANT: u64 = 44000000000001;

#[derive(Clone)]
struct Line {
    key: String,
    variant: u64,
    quantity: u32,
    properties: serde_json::Map<String, Value>,
}

/// A browser's cart: its lines and the discount codes it carries.
#[derive(Clone, Default)]
struct Cart {
    lines: Vec<Line>,
    codes: Vec<String>,
}

#[derive(Default)]
struct Store {
    carts: Mutex<HashMap<String, Cart>>,
    next: Mutex<u64>,
    faults: Arc<Faults>,
}

/// The routes, sharing the emulations' fault switch.
pub fn routes(faults: Arc<Faults>) -> axum::Router {
    let store = Arc::new(Store {
        faults,
        ..Store::default()
    });
    axum::Router::new()
        .route("/shopify/cart.js", get(cart))
        .route("/shopify/cart", get(section))
        .route("/shopify/cart/{action}", post(change))
        .with_state(store)
}

/// The catalog entry of a variant id.
fn variant(id: u64) -> Option<&'static (&'static str, i64, u32)> {
    CATALOG.get(usize::try_from(id.checked_sub(FIRST_VARIANT)?).ok()?)
}

fn payload(cart: &Cart, token: &str) -> Value {
    let items: Vec<Value> = cart
        .lines
        .iter()
        .filter_map(|l| {
            let (title, price, _) = variant(l.variant)?;
            let line_price = price * i64::from(l.quantity);
            Some(json!({
                "id": l.variant, "variant_id": l.variant, "key": l.key, "quantity": l.quantity,
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
        "discount_codes": cart.codes.iter().map(|c| json!({"code": c, "applicable": true})).collect::<Vec<_>>(),
    })
}

fn refuse(status: StatusCode, description: &str) -> Response {
    answer(
        status,
        &json!({"status": status.as_u16(), "message": "Cart Error", "description": description}),
        None,
    )
}

async fn cart(State(store): State<Arc<Store>>, headers: HeaderMap) -> Response {
    if let Some(status) = store.faults.next(false).await {
        return refuse(status, "Something went wrong on our side.");
    }
    let (t, fresh) = session(&headers, COOKIE, &store.next);
    let held = store
        .carts
        .lock()
        .map(|c| c.get(&t).cloned().unwrap_or_default())
        .unwrap_or_default();
    answer(
        StatusCode::OK,
        &payload(&held, &t),
        fresh.then_some((COOKIE, t.as_str())),
    )
}

/// `GET cart?section_id=ID`: one cart section as HTML, as Dawn's cart drawer re-renders itself.
async fn section(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    use axum::response::IntoResponse;
    let id = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "section_id")
        .map(|(_, v)| v.into_owned());
    let Some(id) = id.filter(|i| !i.is_empty()) else {
        return refuse(StatusCode::NOT_FOUND, "Not Found");
    };
    let (t, _) = session(&headers, COOKIE, &store.next);
    let held = store
        .carts
        .lock()
        .map(|c| c.get(&t).cloned().unwrap_or_default())
        .unwrap_or_default();
    (
        StatusCode::OK,
        [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
        section_html(&id, &held),
    )
        .into_response()
}

async fn change(
    State(store): State<Arc<Store>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(status) = store.faults.next(true).await {
        return refuse(status, "Something went wrong on our side.");
    }
    let (t, fresh) = session(&headers, COOKIE, &store.next);
    let cookie = fresh.then_some((COOKIE, t.as_str()));
    let v = fields(&headers, &body);
    let (answered, rendered) = apply(&store, &action, &t, cookie, &v);
    with_sections(answered, rendered).await
}

/// The change itself, under the carts' lock: the answer, and the sections the request asked for.
fn apply(
    store: &Store,
    action: &str,
    t: &str,
    cookie: Option<(&str, &str)>,
    v: &Value,
) -> (Response, serde_json::Map<String, Value>) {
    let Ok(mut carts) = store.carts.lock() else {
        return (
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "busy"),
            Default::default(),
        );
    };
    let cart = carts.entry(t.to_owned()).or_default();
    let answered = match action.trim_end_matches(".js") {
        "add" => match add(&mut cart.lines, v) {
            Ok(added) => {
                let all = payload(cart, t);
                let items: Vec<&Value> = all["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|i| added.iter().any(|k| i["key"] == *k))
                    .collect();
                answer(StatusCode::OK, &json!({ "items": items }), cookie)
            }
            Err((status, description)) => refuse(status, &description),
        },
        "change" => {
            let quantity = v.get("quantity").and_then(number).unwrap_or(0) as u32;
            // `id` is a line key or a variant id; `line` the line's place, from 1.
            let at = match (v.get("id"), v.get("line").and_then(number)) {
                (Some(Value::String(key)), _) if key.contains(':') => {
                    cart.lines.iter().position(|l| &l.key == key)
                }
                (Some(id), _) => {
                    number(id).and_then(|id| cart.lines.iter().position(|l| l.variant == id))
                }
                (None, Some(line)) => usize::try_from(line)
                    .ok()
                    .and_then(|line| line.checked_sub(1))
                    .filter(|i| *i < cart.lines.len()),
                (None, None) => None,
            };
            let Some(at) = at else {
                return (
                    refuse(StatusCode::BAD_REQUEST, "no valid id or line parameter"),
                    Default::default(),
                );
            };
            if quantity == 0 {
                cart.lines.remove(at);
            } else {
                cart.lines[at].quantity = quantity;
            }
            answer(StatusCode::OK, &payload(cart, t), cookie)
        }
        // `discount`: the codes to apply, comma-separated, as Shopify takes them.
        "update" => {
            if let Some(Value::String(codes)) = v.get("discount") {
                cart.codes = codes
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            answer(StatusCode::OK, &payload(cart, t), cookie)
        }
        "clear" => {
            cart.lines.clear();
            answer(StatusCode::OK, &payload(cart, t), cookie)
        }
        _ => refuse(StatusCode::NOT_FOUND, "Not Found"),
    };
    let rendered = rendered(v, cart);
    (answered, rendered)
}

/// The ids a request asks to have rendered: `sections` as an array or a comma-separated string.
fn section_ids(v: &Value) -> Vec<String> {
    let ids: Vec<String> = match v.get("sections") {
        Some(Value::Array(ids)) => ids
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(ids)) => ids.split(',').map(|i| i.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    // Shopify renders at most five sections with a cart change.
    ids.into_iter().filter(|i| !i.is_empty()).take(5).collect()
}

/// A theme's cart section as the store would render it: the lines and the item count.
fn section_html(id: &str, cart: &Cart) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let mut lines = String::new();
    let mut count = 0;
    for l in &cart.lines {
        let Some((title, _, _)) = variant(l.variant) else {
            continue;
        };
        count += l.quantity;
        lines.push_str(&format!(
            "<li data-key=\"{}\">{} × {}</li>",
            escape(&l.key),
            l.quantity,
            escape(title)
        ));
    }
    let id = escape(id);
    format!("<div id=\"shopify-section-{id}\" class=\"shopify-section\"><ul class=\"cart-lines\">{lines}</ul><p class=\"cart-count\">{count}</p></div>")
}

/// The sections a request asked for, rendered for the cart as it now is.
fn rendered(v: &Value, cart: &Cart) -> serde_json::Map<String, Value> {
    section_ids(v)
        .into_iter()
        .map(|id| {
            let html = section_html(&id, cart);
            (id, Value::String(html))
        })
        .collect()
}

/// A good answer with the sections its request asked for added; any other answer as it is.
async fn with_sections(answered: Response, rendered: serde_json::Map<String, Value>) -> Response {
    if rendered.is_empty() || answered.status() != StatusCode::OK {
        return answered;
    }
    let (parts, body) = answered.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "busy");
    };
    let mut out: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut out {
        o.insert("sections".into(), Value::Object(rendered));
    }
    Response::from_parts(parts, axum::body::Body::from(out.to_string()))
}

/// Adds every item of a request or none of them, as Shopify does; the keys of the lines added.
fn add(lines: &mut Vec<Line>, v: &Value) -> Result<Vec<String>, (StatusCode, String)> {
    let items = match v.get("items") {
        Some(Value::Array(items)) => items.clone(),
        _ => vec![v.clone()],
    };
    let mut next = lines.clone();
    let mut added = Vec::new();
    for item in &items {
        let Some(id) = item.get("id").and_then(number) else {
            return Err((
                StatusCode::BAD_REQUEST,
                "Parameter Missing or Invalid: Required parameter missing or invalid: items".into(),
            ));
        };
        let Some((title, _, stock)) = variant(id) else {
            return Err((StatusCode::NOT_FOUND, "Cannot find variant".into()));
        };
        let quantity = item.get("quantity").and_then(number).unwrap_or(1) as u32;
        let properties = match item.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => serde_json::Map::new(),
        };
        let held: u32 = next
            .iter()
            .filter(|l| l.variant == id)
            .map(|l| l.quantity)
            .sum();
        if held + quantity > *stock {
            return Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("You can't add more {title} to the cart."),
            ));
        }
        // Shopify's keys: the variant, and a digest of the properties (so a line with them is its own).
        let digest = properties
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
            .bytes()
            .fold(0xcbf29ce484222325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
            });
        let key = format!("{id}:{digest:016x}");
        match next.iter_mut().find(|l| l.key == key) {
            Some(l) => l.quantity += quantity,
            None => next.push(Line {
                key: key.clone(),
                variant: id,
                quantity,
                properties,
            }),
        }
        added.push(key);
    }
    *lines = next;
    Ok(added)
}
