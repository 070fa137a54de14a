//! WooCommerce's Store API under `/wp-json/wc/store/v1/`: `GET cart`, `POST cart/add-item`
//! (`{id, quantity}`), `cart/remove-item` (`{key}`), `cart/apply-coupon` (`{code}`). The payload shape of the Store API's cart
//! (money as strings of minor units with `currency_minor_unit`, `totals.line_subtotal` before
//! coupons and `totals.line_total` after them, line `key`s), its error bodies (`{code, message, data: {status}}`), a `Nonce` issued with every
//! response and required on every write (401 without one, 403 for one it never issued or has
//! expired: `POST /wp-json/__expire-nonces` ages them all, as a day does), and a 409 that carries the fresh cart in
//! `data.cart` when the fault switch asks for one.
//!
//! A coupon that a bundle or upsell of the store's config names as its `discount_code` takes off
//! what cartlift's checkout pricing says for that offer ([`super::checkout`]), as the merchant's
//! coupon is meant to: its lines' `line_total` and the cart's `total_discount` show it.
//!
//! The store also has cartlift's plugin (woocommerce/cartlift/), as far as the Store API shows
//! it: `add-item` keeps a `cartlift: {bundle}` / `{offer}` mark naming an offer of the config
//! on its line (another line than the same product unmarked, as WooCommerce keys lines by their
//! item data), a marked line is priced by cartlift's checkout pricing with no coupon, and
//! `cart/extensions` with namespace `cartlift` keeps the browser's claim, which the cart shows
//! in `extensions.cartlift.claim` and checkout prices with.

use super::checkout::{now, Installed, PricedLine};
use super::{answer, fields, number, session, Faults, CATALOG};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use cartlift_core::checkout::Mark;
use cartlift_core::market::Rate;
use cartlift_core::platform::Variants;
use cartlift_core::Currency;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const COOKIE: &str = "woocommerce_session";
const FIRST_ID: u64 = 101;

/// The store's cartlift config, as the demo's WooCommerce page prints it.
pub const STORE: &str = include_str!("../../../www/stores/woocommerce.json");

#[derive(Clone)]
struct Line {
    key: String,
    id: u64,
    quantity: u32,
    /// The plugin's mark: the offer the line was added for.
    mark: Mark,
    /// The plugin's gift mark: the product a reached goal gives, as the line was added.
    gift: Option<String>,
}

/// A browser's cart and the nonces issued to it.
#[derive(Clone, Default)]
struct Session {
    lines: Vec<Line>,
    coupons: Vec<String>,
    nonces: Vec<String>,
    /// The claim the plugin keeps (`cart/extensions`).
    claim: Option<String>,
}

struct Store {
    sessions: Mutex<HashMap<String, Session>>,
    next: Mutex<u64>,
    faults: Arc<Faults>,
    installed: Installed,
    variants: Variants,
    /// Each offer's coupon, lower case, and the products whose lines it applies to: for a
    /// bundle its items (as `_cartlift_bundle`), for an upsell its product (`_cartlift_offer`).
    coupons: Vec<(String, Mark, Vec<String>)>,
}

impl Store {
    fn new(faults: Arc<Faults>) -> Store {
        let config: Value = serde_json::from_str(STORE).unwrap_or(Value::Null);
        let mut coupons = Vec::new();
        for (list, bundle) in [("bundles", true), ("upsells", false)] {
            for offer in config[list].as_array().into_iter().flatten() {
                let (Some(code), Some(id)) =
                    (offer["discount_code"].as_str(), offer["id"].as_str())
                else {
                    continue;
                };
                let products = if bundle {
                    offer["items"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                } else {
                    offer["product"]
                        .as_str()
                        .map(str::to_owned)
                        .into_iter()
                        .collect()
                };
                let mark = Mark {
                    bundle: bundle.then(|| id.to_owned()),
                    offer: (!bundle).then(|| id.to_owned()),
                };
                coupons.push((code.to_lowercase(), mark, products));
            }
        }
        Store {
            sessions: Mutex::default(),
            next: Mutex::default(),
            faults,
            installed: Installed::new(STORE),
            variants: Variants::from_config_json(STORE),
            coupons,
        }
    }

    /// The plugin's mark of an `add-item` request's `cartlift` member: the id of a bundle or
    /// upsell of the store's config, else none (a forged id is dropped, as the plugin does).
    fn mark_of(&self, given: Option<&Value>) -> Mark {
        let config: Value = serde_json::from_str(STORE).unwrap_or(Value::Null);
        let known = |list: &str, id: &str| {
            config[list]
                .as_array()
                .is_some_and(|offers| offers.iter().any(|o| o["id"] == id))
        };
        let Some(given) = given else {
            return Mark::default();
        };
        match (given["bundle"].as_str(), given["offer"].as_str()) {
            (Some(id), _) if known("bundles", id) => Mark {
                bundle: Some(id.to_owned()),
                offer: None,
            },
            (_, Some(id)) if known("upsells", id) => Mark {
                bundle: None,
                offer: Some(id.to_owned()),
            },
            _ => Mark::default(),
        }
    }

    /// The plugin's gift mark of an `add-item` request's `cartlift` member: a product that a
    /// goal of the store's config gives (`grants.gift`), else none.
    fn gift_of(&self, given: Option<&Value>) -> Option<String> {
        let config: Value = serde_json::from_str(STORE).unwrap_or(Value::Null);
        let id = given?.get("gift")?.as_str()?;
        let goals = config["shipping_bar"]["goals"].as_array()?;
        goals
            .iter()
            .any(|g| g["grants"]["gift"] == id)
            .then(|| id.to_owned())
    }

    /// What cartlift's pricing takes off each line, under the coupons the session applied.
    fn discounts(&self, session: &Session) -> Vec<i64> {
        let ids: Vec<String> = session.lines.iter().map(|l| l.id.to_string()).collect();
        let lines: Vec<PricedLine> = session
            .lines
            .iter()
            .zip(&ids)
            .map(|(l, id)| {
                let product = self.variants.product(id);
                let coupon = self
                    .coupons
                    .iter()
                    .find(|(code, _, products)| {
                        session.coupons.contains(code)
                            && product.is_some_and(|p| products.iter().any(|q| q == p))
                    })
                    .map(|(_, mark, _)| mark.clone())
                    .unwrap_or_default();
                let marked = l.mark.bundle.is_some() || l.mark.offer.is_some();
                let mark = if marked { l.mark.clone() } else { coupon };
                PricedLine {
                    platform: l.id.to_string(),
                    product,
                    quantity: l.quantity,
                    unit: product_of(l.id).map_or(0, |p| p.1),
                    mark,
                    gift: l.gift.is_some(),
                }
            })
            .collect();
        self.installed
            .discounts(
                Currency::USD,
                Rate::one(),
                (session.claim.as_deref(), None),
                &lines,
                now(),
            )
            .lines
            .into_iter()
            .map(|o| o.minor)
            .collect()
    }
}

/// The routes, sharing the emulations' fault switch.
pub fn routes(faults: Arc<Faults>) -> axum::Router {
    let store = Arc::new(Store::new(faults));
    axum::Router::new()
        .route("/wp-json/wc/store/v1/cart", get(cart))
        .route("/wp-json/wc/store/v1/cart/{action}", post(change))
        .route("/wp-json/__expire-nonces", post(expire))
        .with_state(store)
}

fn product_of(id: u64) -> Option<&'static (&'static str, i64, u32)> {
    CATALOG.get(usize::try_from(id.checked_sub(FIRST_ID)?).ok()?)
}

/// The Store API's money fields, in US dollars with two decimals.
fn money(mut fields: serde_json::Map<String, Value>) -> Value {
    for (k, v) in [
        ("currency_code", json!("USD")),
        ("currency_symbol", json!("$")),
        ("currency_minor_unit", json!(2)),
        ("currency_decimal_separator", json!(".")),
        ("currency_thousand_separator", json!(",")),
        ("currency_prefix", json!("$")),
        ("currency_suffix", json!("")),
    ] {
        fields.insert(k.into(), v);
    }
    Value::Object(fields)
}

fn object(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// A line's `extensions`: the plugin gives a line it marked `cartlift`, its mark
/// (`{"bundle"|"offer"|"gift": id}`), for the widget to know its own lines.
fn extensions(l: &Line) -> Value {
    let marks = [
        ("bundle", &l.mark.bundle),
        ("offer", &l.mark.offer),
        ("gift", &l.gift),
    ];
    let mark: serde_json::Map<String, Value> = marks
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_owned(), json!(v.as_ref()?))))
        .collect();
    match mark.is_empty() {
        true => json!({}),
        false => json!({ "cartlift": mark }),
    }
}

fn payload(store: &Store, session: &Session) -> Value {
    let lines = &session.lines;
    let off = store.discounts(session);
    let items: Vec<Value> = lines
        .iter()
        .zip(&off)
        .filter_map(|(l, off)| {
            let (name, price, _) = product_of(l.id)?;
            let subtotal = price * i64::from(l.quantity);
            Some(json!({
                "key": l.key, "id": l.id, "quantity": l.quantity, "name": name,
                "quantity_limits": {"minimum": 1, "maximum": 9999, "multiple_of": 1, "editable": true},
                "prices": money(object(json!({"price": price.to_string(), "regular_price": price.to_string(), "sale_price": price.to_string()}))),
                "totals": money(object(json!({"line_subtotal": subtotal.to_string(), "line_subtotal_tax": "0", "line_total": (subtotal - off).to_string(), "line_total_tax": "0"}))),
                "variation": [], "item_data": [], "extensions": extensions(l),
            }))
        })
        .collect();
    let total: i64 = lines
        .iter()
        .filter_map(|l| product_of(l.id).map(|p| p.1 * i64::from(l.quantity)))
        .sum();
    let discount: i64 = off.iter().sum();
    // Each applied coupon's share: what its offer's lines took off.
    let coupon_total = |code: &str| -> i64 {
        let Some((_, _, products)) = store.coupons.iter().find(|(c, _, _)| c == code) else {
            return 0;
        };
        lines
            .iter()
            .zip(&off)
            .filter(|(l, _)| {
                store
                    .variants
                    .product(&l.id.to_string())
                    .is_some_and(|p| products.iter().any(|q| q == p))
            })
            .map(|(_, o)| *o)
            .sum()
    };
    json!({
        "coupons": session.coupons.iter().map(|c| json!({"code": c, "discount_type": "fixed_cart", "totals": money(object(json!({"total_discount": coupon_total(c).to_string(), "total_discount_tax": "0"})))})).collect::<Vec<_>>(),
        "items": items, "fees": [], "errors": [], "extensions": {"cartlift": {"claim": session.claim}},
        "items_count": lines.iter().map(|l| l.quantity).sum::<u32>(),
        "totals": money(object(json!({
            "total_items": total.to_string(), "total_items_tax": "0", "total_fees": "0", "total_fees_tax": "0",
            "total_discount": discount.to_string(), "total_discount_tax": "0", "total_shipping": null, "total_shipping_tax": null,
            "total_price": (total - discount).to_string(), "total_tax": "0", "tax_lines": [],
        }))),
        "needs_payment": total > 0, "needs_shipping": total > 0,
    })
}

fn error(status: StatusCode, code: &str, message: &str, cart: Option<Value>) -> Response {
    let mut data = json!({ "status": status.as_u16() });
    if let Some(cart) = cart {
        data["cart"] = cart;
    }
    answer(
        status,
        &json!({ "code": code, "message": message, "data": data }),
        None,
    )
}

/// `response` with a fresh nonce for the session (and its cookie when new).
fn with_nonce(mut response: Response, store: &Store, token: &str, fresh: bool) -> Response {
    let n = store
        .next
        .lock()
        .map(|mut n| {
            *n += 1;
            *n
        })
        .unwrap_or(0);
    let nonce = format!("n{:08x}", n.wrapping_mul(2246822519));
    if let Ok(mut sessions) = store.sessions.lock() {
        sessions
            .entry(token.to_owned())
            .or_default()
            .nonces
            .push(nonce.clone());
    }
    if let Ok(v) = HeaderValue::from_str(&nonce) {
        response.headers_mut().insert("Nonce", v);
    }
    if fresh {
        if let Ok(v) = format!("{COOKIE}={token}; Path=/; SameSite=Lax").parse() {
            response
                .headers_mut()
                .insert(axum::http::header::SET_COOKIE, v);
        }
    }
    response
}

/// Every nonce issued so far stops being valid, as a day-old one does.
async fn expire(State(store): State<Arc<Store>>) -> Response {
    if let Ok(mut sessions) = store.sessions.lock() {
        for s in sessions.values_mut() {
            s.nonces.clear();
        }
    }
    answer(StatusCode::OK, &json!({}), None)
}

async fn cart(State(store): State<Arc<Store>>, headers: HeaderMap) -> Response {
    let (t, fresh) = session(&headers, COOKIE, &store.next);
    if let Some(status) = store.faults.next(false).await {
        return error(
            status,
            "woocommerce_rest_unknown_server_error",
            "Unknown server error.",
            None,
        );
    }
    let held = store
        .sessions
        .lock()
        .map(|s| s.get(&t).cloned().unwrap_or_default())
        .unwrap_or_default();
    with_nonce(
        answer(StatusCode::OK, &payload(&store, &held), None),
        &store,
        &t,
        fresh,
    )
}

async fn change(
    State(store): State<Arc<Store>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (t, fresh) = session(&headers, COOKIE, &store.next);
    let response = write(&store, &t, &action, &headers, &body).await;
    with_nonce(response, &store, &t, fresh)
}

async fn write(
    store: &Store,
    token: &str,
    action: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let nonce = headers
        .get("Nonce")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let fault = store.faults.next(true).await;
    let Ok(mut sessions) = store.sessions.lock() else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "busy", "Busy.", None);
    };
    let session = sessions.entry(token.to_owned()).or_default();
    if nonce.is_empty() {
        return error(
            StatusCode::UNAUTHORIZED,
            "woocommerce_rest_missing_nonce",
            "Missing the Nonce header. This endpoint requires a valid nonce.",
            None,
        );
    }
    if !session.nonces.iter().any(|n| n == nonce) {
        return error(
            StatusCode::FORBIDDEN,
            "woocommerce_rest_invalid_nonce",
            "Nonce is invalid.",
            None,
        );
    }
    match fault {
        Some(StatusCode::CONFLICT) => {
            return error(
                StatusCode::CONFLICT,
                "woocommerce_rest_cart_error",
                "The cart has changed since it was last read.",
                Some(payload(store, session)),
            )
        }
        Some(status) => {
            return error(
                status,
                "woocommerce_rest_unknown_server_error",
                "Unknown server error.",
                None,
            )
        }
        None => {}
    }
    let v = fields(headers, body);
    match action {
        "add-item" => {
            let Some(id) = v.get("id").and_then(number) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "rest_missing_callback_param",
                    "Missing parameter(s): id",
                    None,
                );
            };
            let Some((name, _, stock)) = product_of(id) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "woocommerce_rest_cart_invalid_product",
                    "This product cannot be added to the cart.",
                    None,
                );
            };
            let quantity = v.get("quantity").and_then(number).unwrap_or(1) as u32;
            let held: u32 = session
                .lines
                .iter()
                .filter(|l| l.id == id)
                .map(|l| l.quantity)
                .sum();
            if held + quantity > *stock {
                let left = stock.saturating_sub(held);
                return error(StatusCode::BAD_REQUEST, "woocommerce_rest_product_partially_out_of_stock", &format!("You cannot add that amount of &quot;{name}&quot; to the cart because there is not enough stock ({left} remaining)."), None);
            }
            let mark = store.mark_of(v.get("cartlift"));
            let gift = store.gift_of(v.get("cartlift"));
            // WooCommerce keys a line by its product and its item data: a marked line is its own.
            let marks = mark.bundle.iter().chain(&mark.offer);
            let salt = marks.chain(&gift).fold(0u128, |h, s| {
                s.bytes()
                    .fold(h, |h, b| h.wrapping_mul(31).wrapping_add(u128::from(b)))
            });
            let key = format!(
                "{:032x}",
                (u128::from(id) ^ salt).wrapping_mul(0x9e3779b97f4a7c15f39cc0605cedc835)
            );
            match session.lines.iter_mut().find(|l| l.key == key) {
                Some(l) => l.quantity += quantity,
                None => session.lines.push(Line {
                    key,
                    id,
                    quantity,
                    mark,
                    gift,
                }),
            }
            answer(StatusCode::CREATED, &payload(store, session), None)
        }
        "extensions" => {
            // The plugin's update callback: a claim that reads as a JSON object, kept.
            if v.get("namespace").and_then(Value::as_str) == Some("cartlift") {
                let claim = v["data"]["claim"].as_str().filter(|c| {
                    c.len() <= 4096 && serde_json::from_str::<Value>(c).is_ok_and(|t| t.is_object())
                });
                if let Some(claim) = claim {
                    session.claim = Some(claim.to_owned());
                }
            }
            answer(StatusCode::OK, &payload(store, session), None)
        }
        "apply-coupon" => {
            let code = v
                .get("code")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            if code.is_empty() {
                return error(
                    StatusCode::BAD_REQUEST,
                    "woocommerce_rest_cart_coupon_error",
                    "Please enter a coupon code.",
                    None,
                );
            }
            if session.coupons.contains(&code) {
                return error(
                    StatusCode::BAD_REQUEST,
                    "woocommerce_rest_cart_coupon_error",
                    &format!("Coupon code &quot;{code}&quot; already applied!"),
                    None,
                );
            }
            session.coupons.push(code);
            answer(StatusCode::OK, &payload(store, session), None)
        }
        "remove-item" => {
            let key = v.get("key").and_then(Value::as_str).unwrap_or("");
            let Some(at) = session.lines.iter().position(|l| l.key == key) else {
                return error(
                    StatusCode::CONFLICT,
                    "woocommerce_rest_cart_invalid_key",
                    "Cart item no longer exists or is invalid.",
                    Some(payload(store, session)),
                );
            };
            session.lines.remove(at);
            answer(StatusCode::OK, &payload(store, session), None)
        }
        _ => error(
            StatusCode::NOT_FOUND,
            "rest_no_route",
            "No route was found matching the URL and request method.",
            None,
        ),
    }
}
