//! Shopify's AJAX Cart API under `/shopify/` (the page sets `Shopify.routes.root` to it), as a
//! live store answers it: `GET cart.js`, `POST cart/add(.js)` (JSON `items[]` or a theme's form),
//! `cart/change(.js)` by line key (or 1-based `line`), `cart/update(.js)` (`discount` codes),
//! `cart/clear(.js)`; a 422 with a `description` when stock runs out, 400 and 404 as Shopify
//! words them.
//!
//! As a live store, and unlike a plain catalog:
//! - **the newest line comes first** (Shopify's order since API 2023-10), so a theme that
//!   addresses lines by position must re-render after any change it did not make;
//! - **cartlift's own discounts are on the cart**: Shopify runs Discount Functions on the cart as
//!   well as at checkout, so each line carries what cartlift's checkout pricing takes off it
//!   ([`super::checkout`], the function's own code) in Shopify's fields: `original_price` /
//!   `original_line_price` before it, `price` / `discounted_price` / `final_price` /
//!   `final_line_price` / `line_price` after it (as Liquid's `line_item.price` includes line
//!   discounts), `total_discount`, `discounts` and `line_level_discount_allocations`;
//! - **Markets**: the `cart_currency` cookie (Shopify's own) chooses the cart's currency among
//!   [`RATES`]; prices and discounts are in it, converted from the store's dollars at the
//!   rate and rounded by cartlift's one rule. `GET __shopify.js` is what a store prints into
//!   every page's head (`Shopify.routes.root`, `Shopify.currency` with its rate, `Shopify.locale`,
//!   `Shopify.country`); a page's `?currency=EUR` switches the shopper's currency, as Shopify's
//!   localization form does.
//!
//! A write's `sections` (an array or a comma-separated string, at most five) come back rendered
//! in its answer's `sections`, as Shopify's Section Rendering API returns them with a cart change;
//! `GET cart?section_id=ID` renders one on its own, `GET cart?sections=A,B` several as JSON. The sections a Dawn theme renders
//! (`cart-icon-bubble`, `cart-drawer`, `cart-notification-button`) are rendered as Dawn's are
//! shaped; any other id as a plain list of the lines.

use super::checkout::{money, now, Installed, Off, PricedLine};
use super::{answer, fields, number, session, Faults, CATALOG};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use cartlift_core::checkout::{self, Mark};
use cartlift_core::market::{convert, Rate};
use cartlift_core::platform::Variants;
use cartlift_core::{Currency, Money};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const COOKIE: &str = "cart";
/// Shopify's cookie for the shopper's currency.
const CURRENCY_COOKIE: &str = "cart_currency";
const FIRST_VARIANT: u64 = 44000000000001;

/// The store's cartlift config: what the demo's Shopify pages print inline (from the app's
/// metafield, on a real store) and what its discount function reads.
pub const STORE: &str = include_str!("../../../www/stores/shopify.json");

/// The currencies the emulated store sells in, and the price of a dollar in each, as Shopify
/// writes `Shopify.currency.rate`.
pub const RATES: &[(&str, &str)] = &[("USD", "1.0"), ("EUR", "0.92"), ("JPY", "149.5")];

#[derive(Clone)]
struct Line {
    key: String,
    variant: u64,
    quantity: u32,
    properties: serde_json::Map<String, Value>,
}

/// A browser's cart: its lines (newest first), the discount codes and the attributes it
/// carries.
#[derive(Clone, Default)]
struct Cart {
    lines: Vec<Line>,
    codes: Vec<String>,
    attributes: serde_json::Map<String, Value>,
}

struct Store {
    carts: Mutex<HashMap<String, Cart>>,
    next: Mutex<u64>,
    faults: Arc<Faults>,
    installed: Installed,
    variants: Variants,
}

/// The routes, sharing the emulations' fault switch.
pub fn routes(faults: Arc<Faults>) -> axum::Router {
    let store = Arc::new(Store {
        carts: Mutex::default(),
        next: Mutex::default(),
        faults,
        installed: Installed::new(STORE),
        variants: Variants::from_config_json(STORE),
    });
    axum::Router::new()
        .route("/shopify/cart.js", get(cart))
        .route("/shopify/cart", get(section))
        .route("/shopify/cart/{action}", post(change))
        .route("/shopify/__shopify.js", get(globals))
        .with_state(store)
}

/// The catalog entry of a variant id.
fn variant(id: u64) -> Option<&'static (&'static str, i64, u32)> {
    CATALOG.get(usize::try_from(id.checked_sub(FIRST_VARIANT)?).ok()?)
}

/// The shopper's currency (the `cart_currency` cookie) and its rate to the store's dollars.
fn market(headers: &HeaderMap) -> (Currency, Rate) {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("cart_currency="))
        .and_then(|code| RATES.iter().find(|(c, _)| *c == code));
    let (code, rate) = chosen.copied().unwrap_or(RATES[0]);
    (
        Currency::from_code(code).unwrap_or(Currency::USD),
        Rate::parse(rate).unwrap_or_else(Rate::one),
    )
}

/// A cart as the store prices it: each line's unit price in the shopper's currency, and what
/// cartlift's checkout pricing takes off it.
struct Priced<'a> {
    line: &'a Line,
    title: &'static str,
    unit: i64,
    off: i64,
    discount: String,
}

/// The emulated store's shoppers are all in the United States (`Shopify.country`).
const COUNTRY: &str = "US";

fn price<'a>(
    store: &Store,
    cart: &'a Cart,
    currency: Currency,
    rate: Rate,
) -> (Vec<Priced<'a>>, Option<Off>) {
    let known: Vec<(&Line, &'static str, i64)> = cart
        .lines
        .iter()
        .filter_map(|l| {
            let (title, cents, _) = variant(l.variant)?;
            let unit = convert(Money::from_minor(*cents, Currency::USD), currency, rate)?;
            Some((l, *title, unit.minor()))
        })
        .collect();
    let text = |l: &Line, name: &str| {
        l.properties
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let ids: Vec<String> = known
        .iter()
        .map(|(l, _, _)| l.variant.to_string())
        .collect();
    let priced: Vec<PricedLine> = known
        .iter()
        .zip(&ids)
        .map(|((l, _, unit), id)| PricedLine {
            platform: id.clone(),
            product: store.variants.product(id),
            quantity: l.quantity,
            unit: *unit,
            mark: Mark {
                bundle: text(l, "_cartlift_bundle"),
                offer: text(l, "_cartlift_offer"),
            },
            gift: l.properties.contains_key("_cartlift_gift"),
        })
        .collect();
    let claim = cart
        .attributes
        .get(checkout::CLAIM_ATTRIBUTE)
        .and_then(Value::as_str);
    let off = store
        .installed
        .discounts(currency, rate, (claim, Some(COUNTRY)), &priced, now());
    let lines = known
        .into_iter()
        .zip(off.lines)
        .map(|((line, title, unit), off)| Priced {
            line,
            title,
            unit,
            off: off.minor,
            discount: off.title,
        })
        .collect();
    (lines, off.order)
}

fn payload(store: &Store, cart: &Cart, token: &str, currency: Currency, rate: Rate) -> Value {
    let (priced, order) = price(store, cart, currency, rate);
    // Shopify writes every currency ×100 (¥1,000 is 100000); the store's currencies
    // (`RATES`) have at most two decimals.
    let x100 = |minor: i64| minor * 10i64.pow(2u32.saturating_sub(currency.exponent().into()));
    let items: Vec<Value> = priced
        .iter()
        .map(|p| {
            let l = p.line;
            let original = p.unit * i64::from(l.quantity);
            let final_line = original - p.off;
            let final_unit = cartlift_core::money::round_half_away_from_zero(
                i128::from(final_line),
                i128::from(l.quantity.max(1)),
            ) as i64;
            let allocations: Vec<Value> = (p.off > 0)
                .then(|| json!({
                    "amount": x100(p.off),
                    "discount_application": {
                        "type": "automatic", "key": format!("cartlift-{}", l.key), "title": p.discount,
                        "description": null, "value": x100(p.off), "value_type": "fixed_amount",
                        "allocation_method": "across", "target_selection": "explicit",
                        "target_type": "line_item", "total_allocated_amount": x100(p.off),
                    },
                }))
                .into_iter()
                .collect();
            let discounts: Vec<Value> = (p.off > 0)
                .then(|| json!({ "amount": x100(p.off), "title": p.discount }))
                .into_iter()
                .collect();
            json!({
                "id": l.variant, "variant_id": l.variant, "key": l.key, "quantity": l.quantity,
                "title": p.title, "product_title": p.title,
                "original_price": x100(p.unit), "price": x100(final_unit),
                "discounted_price": x100(final_unit), "final_price": x100(final_unit),
                "original_line_price": x100(original), "line_price": x100(final_line),
                "final_line_price": x100(final_line),
                "total_discount": x100(p.off), "line_level_total_discount": x100(p.off),
                "discounts": discounts, "line_level_discount_allocations": allocations,
                "properties": if l.properties.is_empty() { Value::Null } else { Value::Object(l.properties.clone()) },
            })
        })
        .collect();
    let sum = |name: &str| -> i64 { items.iter().filter_map(|i| i[name].as_i64()).sum() };
    let count: u64 = items.iter().filter_map(|i| i["quantity"].as_u64()).sum();
    // A reached goal's order discount: Shopify lists it apart from the lines, and takes it off
    // the total, not off the items' subtotal.
    let order_off = order.as_ref().map_or(0, |o| x100(o.minor));
    let cart_level: Vec<Value> = order
        .iter()
        .map(|o| {
            json!({
                "type": "automatic", "key": "cartlift-order", "title": o.title, "description": null,
                "value": x100(o.minor), "value_type": "fixed_amount", "allocation_method": "across",
                "target_selection": "all", "target_type": "line_item",
                "total_allocated_amount": x100(o.minor),
            })
        })
        .collect();
    json!({
        "token": token, "note": null, "attributes": cart.attributes, "currency": currency.code(),
        "original_total_price": sum("original_line_price"),
        "items_subtotal_price": sum("final_line_price"),
        "total_discount": sum("total_discount") + order_off,
        "total_price": sum("final_line_price") - order_off,
        "item_count": count, "items": items, "requires_shipping": true,
        "cart_level_discount_applications": cart_level,
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

fn held(store: &Store, token: &str) -> Cart {
    store
        .carts
        .lock()
        .map(|c| c.get(token).cloned().unwrap_or_default())
        .unwrap_or_default()
}

async fn cart(State(store): State<Arc<Store>>, headers: HeaderMap) -> Response {
    if let Some(status) = store.faults.next(false).await {
        return refuse(status, "Something went wrong on our side.");
    }
    let (t, fresh) = session(&headers, COOKIE, &store.next);
    let (currency, rate) = market(&headers);
    answer(
        StatusCode::OK,
        &payload(&store, &held(&store, &t), &t, currency, rate),
        fresh.then_some((COOKIE, t.as_str())),
    )
}

/// `GET cart?section_id=ID`: one cart section as HTML, as Dawn's cart drawer re-renders itself;
/// `GET cart?sections=A,B`: several, as JSON by id (Shopify's Section Rendering API).
async fn section(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let param = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .filter(|v| !v.is_empty())
    };
    let (t, _) = session(&headers, COOKIE, &store.next);
    let (currency, rate) = market(&headers);
    let cart = held(&store, &t);
    let (priced, _) = price(&store, &cart, currency, rate);
    // `?sections=a,b`: the Section Rendering API's JSON of several sections.
    if let Some(ids) = param("sections") {
        let rendered: serde_json::Map<String, Value> = section_ids(&json!({ "sections": ids }))
            .into_iter()
            .map(|id| {
                let html = section_html(&id, &priced, currency);
                (id, Value::String(html))
            })
            .collect();
        return answer(StatusCode::OK, &Value::Object(rendered), None);
    }
    let Some(id) = param("section_id") else {
        return refuse(StatusCode::NOT_FOUND, "Not Found");
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        section_html(&id, &priced, currency),
    )
        .into_response()
}

/// `GET __shopify.js`: the globals a Shopify store prints into every page's head, for the
/// shopper's currency: the page's `?currency=` when it names one the store sells in (which
/// also sets the `cart_currency` cookie, as Shopify's localization form does), else the cookie's.
async fn globals() -> Response {
    let rates: serde_json::Map<String, Value> = RATES
        .iter()
        .map(|(c, r)| ((*c).to_owned(), json!(r)))
        .collect();
    let script = format!(
        "// What a Shopify store prints into a page's head (emulated by cargo xtask serve).\n\
         (() => {{\n\
           const rates = {};\n\
           const asked = new URLSearchParams(location.search).get('currency');\n\
           const kept = document.cookie.match(/(?:^|; ){CURRENCY_COOKIE}=([A-Z]{{3}})/)?.[1];\n\
           const active = rates[asked] ? asked : rates[kept] ? kept : 'USD';\n\
           document.cookie = `{CURRENCY_COOKIE}=${{active}}; path=/; SameSite=Lax`;\n\
           window.Shopify = Object.assign(window.Shopify || {{}}, {{\n\
             shop: 'cartlift-demo.myshopify.com', locale: 'en', country: 'US',\n\
             currency: {{ active, rate: rates[active] }}, routes: {{ root: '/shopify/' }},\n\
           }});\n\
         }})();\n",
        Value::Object(rates)
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        script,
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
    let (currency, rate) = market(&headers);
    apply(&store, &action, &t, cookie, &v, currency, rate)
}

/// The change itself, under the carts' lock: the answer, with the sections the request asked
/// for rendered for the cart as it now is.
fn apply(
    store: &Store,
    action: &str,
    t: &str,
    cookie: Option<(&str, &str)>,
    v: &Value,
    currency: Currency,
    rate: Rate,
) -> Response {
    let Ok(mut carts) = store.carts.lock() else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "busy");
    };
    let cart = carts.entry(t.to_owned()).or_default();
    let mut out = match action.trim_end_matches(".js") {
        "add" => match add(&mut cart.lines, v) {
            Ok(added) => {
                let all = payload(store, cart, t, currency, rate);
                let items: Vec<&Value> = all["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|i| added.iter().any(|k| i["key"] == *k))
                    .collect();
                json!({ "items": items })
            }
            Err((status, description)) => return refuse(status, &description),
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
                return refuse(StatusCode::BAD_REQUEST, "no valid id or line parameter");
            };
            if quantity == 0 {
                cart.lines.remove(at);
            } else {
                let stock = variant(cart.lines[at].variant).map_or(0, |v| v.2);
                let others: u32 = cart
                    .lines
                    .iter()
                    .enumerate()
                    .filter(|(i, l)| *i != at && l.variant == cart.lines[at].variant)
                    .map(|(_, l)| l.quantity)
                    .sum();
                // As Shopify: the line takes what stock allows.
                cart.lines[at].quantity = quantity.min(stock.saturating_sub(others)).max(1);
            }
            payload(store, cart, t, currency, rate)
        }
        // `discount`: the codes to apply, comma-separated, as Shopify takes them.
        "update" => {
            // Shopify's rule: an attribute set to "" (or null) is removed.
            if let Some(Value::Object(attributes)) = v.get("attributes") {
                for (k, value) in attributes {
                    match value {
                        Value::Null => {
                            cart.attributes.remove(k);
                        }
                        Value::String(s) if s.is_empty() => {
                            cart.attributes.remove(k);
                        }
                        value => {
                            cart.attributes.insert(k.clone(), value.clone());
                        }
                    }
                }
            }
            if let Some(Value::String(codes)) = v.get("discount") {
                cart.codes = codes
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            payload(store, cart, t, currency, rate)
        }
        "clear" => {
            cart.lines.clear();
            payload(store, cart, t, currency, rate)
        }
        _ => return refuse(StatusCode::NOT_FOUND, "Not Found"),
    };
    let ids = section_ids(v);
    if !ids.is_empty() {
        let (priced, _) = price(store, cart, currency, rate);
        let rendered: serde_json::Map<String, Value> = ids
            .into_iter()
            .map(|id| {
                let html = section_html(&id, &priced, currency);
                (id, Value::String(html))
            })
            .collect();
        if let Value::Object(o) = &mut out {
            o.insert("sections".into(), Value::Object(rendered));
        }
    }
    answer(StatusCode::OK, &out, cookie)
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// A theme's cart section as the store would render it: Dawn's shapes for its own section ids,
/// else the lines and the item count.
fn section_html(id: &str, priced: &[Priced], currency: Currency) -> String {
    let count: u32 = priced.iter().map(|p| p.line.quantity).sum();
    let total: i64 = priced
        .iter()
        .map(|p| p.unit * i64::from(p.line.quantity) - p.off)
        .sum();
    let discount: i64 = priced.iter().map(|p| p.off).sum();
    let shown = |minor| escape(&money(minor, currency));
    let inner = match id {
        // Dawn's header cart icon: `#cart-icon-bubble`'s content.
        "cart-icon-bubble" => {
            let bubble = if count > 0 {
                format!("<div class=\"cart-count-bubble\"><span aria-hidden=\"true\">{count}</span><span class=\"visually-hidden\">{count} items</span></div>")
            } else {
                String::new()
            };
            format!("<span class=\"cart-icon\">Cart</span>{bubble}")
        }
        // Dawn's "View my cart (2)" button of its notification.
        "cart-notification-button" => format!("View my cart ({count})"),
        // Dawn's drawer: `<cart-drawer>` with `#CartDrawer`, the items and the footer.
        "cart-drawer" => {
            let empty = if count == 0 { " is-empty" } else { "" };
            let rows: String = priced
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let n = i + 1;
                    let l = p.line;
                    let title = escape(p.title);
                    let original = p.unit * i64::from(l.quantity);
                    let was = if p.off > 0 {
                        format!(" <s class=\"cart-item__old-price\">{}</s> <span class=\"cart-item__discount\">{} (−{})</span>", shown(original), escape(&p.discount), shown(p.off))
                    } else {
                        String::new()
                    };
                    format!(
                        "<li class=\"cart-item\" id=\"CartDrawer-Item-{n}\" data-key=\"{key}\"><span class=\"cart-item__name\">{title}</span> <span class=\"cart-item__price\">{price}</span>{was} \
                         <quantity-input class=\"quantity\"><button type=\"button\" name=\"minus\" data-index=\"{n}\" aria-label=\"Decrease quantity for {title}\">−</button>\
                         <input class=\"quantity__input\" type=\"number\" data-index=\"{n}\" value=\"{q}\" min=\"0\" aria-label=\"Quantity for {title}\">\
                         <button type=\"button\" name=\"plus\" data-index=\"{n}\" aria-label=\"Increase quantity for {title}\">+</button></quantity-input></li>",
                        key = escape(&l.key),
                        price = shown(original - p.off),
                        q = l.quantity,
                    )
                })
                .collect();
            let savings = if discount > 0 {
                format!(
                    "<p class=\"cart-drawer__discounts\">Discounts −{}</p>",
                    shown(discount)
                )
            } else {
                String::new()
            };
            format!(
                "<cart-drawer class=\"drawer{empty}\"><div id=\"CartDrawer\" class=\"cart-drawer\"><div class=\"drawer__inner{empty}\">\
                 <p class=\"drawer__inner-empty\">Your cart is empty</p>\
                 <cart-drawer-items class=\"{items_class}\"><ol id=\"CartDrawer-CartItems\" class=\"cart-items\">{rows}</ol></cart-drawer-items>\
                 <div class=\"cart-drawer__footer\">{savings}<p class=\"totals\">Subtotal <span class=\"totals__total-value\">{subtotal}</span></p><p class=\"cart-count\">{count}</p></div>\
                 </div></div></cart-drawer>",
                items_class = empty.trim(),
                subtotal = shown(total),
            )
        }
        _ => {
            let lines: String = priced
                .iter()
                .map(|p| {
                    format!(
                        "<li data-key=\"{}\">{} × {}</li>",
                        escape(&p.line.key),
                        p.line.quantity,
                        escape(p.title)
                    )
                })
                .collect();
            format!("<ul class=\"cart-lines\">{lines}</ul><p class=\"cart-total\">{}</p><p class=\"cart-count\">{count}</p>", shown(total))
        }
    };
    let id = escape(id);
    format!("<div id=\"shopify-section-{id}\" class=\"shopify-section\">{inner}</div>")
}

/// Adds every item of a request or none of them, as Shopify does; the keys of the lines added.
/// New lines go first, in the request's order, as Shopify lists the newest line first.
fn add(lines: &mut Vec<Line>, v: &Value) -> Result<Vec<String>, (StatusCode, String)> {
    let items = match v.get("items") {
        Some(Value::Array(items)) => items.clone(),
        _ => vec![v.clone()],
    };
    let mut next = lines.clone();
    let mut added = Vec::new();
    let mut fresh = 0;
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
            None => {
                next.insert(
                    fresh,
                    Line {
                        key: key.clone(),
                        variant: id,
                        quantity,
                        properties,
                    },
                );
                fresh += 1;
            }
        }
        added.push(key);
    }
    *lines = next;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store {
            carts: Mutex::default(),
            next: Mutex::default(),
            faults: Arc::default(),
            installed: Installed::new(STORE),
            variants: Variants::from_config_json(STORE),
        }
    }

    fn bundle_cart() -> Cart {
        let mut lines = vec![];
        add(&mut lines, &json!({"id": 44000000000006u64, "quantity": 1})).expect("socks");
        let mark = json!({"_cartlift_bundle": "office-2"});
        add(
            &mut lines,
            &json!({"items": [
                {"id": 44000000000001u64, "quantity": 1, "properties": mark},
                {"id": 44000000000002u64, "quantity": 1, "properties": mark},
            ]}),
        )
        .expect("bundle");
        Cart {
            lines,
            ..Cart::default()
        }
    }

    #[test]
    fn the_newest_lines_come_first_in_the_order_they_were_added() {
        let cart = bundle_cart();
        let order: Vec<u64> = cart.lines.iter().map(|l| l.variant).collect();
        assert_eq!(order, [44000000000001, 44000000000002, 44000000000006]);
    }

    #[test]
    fn the_bundle_lines_carry_cartlifts_discount_as_shopify_writes_it() {
        let p = payload(&store(), &bundle_cart(), "t", Currency::USD, Rate::one());
        let laptop = &p["items"][0];
        assert_eq!(laptop["original_price"], 100000);
        assert_eq!(laptop["final_line_price"], 90476);
        assert_eq!(laptop["price"], 90476);
        assert_eq!(laptop["total_discount"], 9524);
        assert_eq!(
            laptop["line_level_discount_allocations"][0]["discount_application"]["title"],
            "Laptop + Mouse"
        );
        assert_eq!(p["items"][1]["final_line_price"], 4524);
        assert_eq!(p["items"][2]["total_discount"], 0);
        // $950 for the set and $9 socks; $100 off in all.
        assert_eq!(p["total_price"], 95900);
        assert_eq!(p["original_total_price"], 105900);
        assert_eq!(p["total_discount"], 10000);
    }

    #[test]
    fn in_yen_every_amount_is_written_times_100_and_the_bundle_costs_142025_yen() {
        let jpy = Currency::from_code("JPY").expect("JPY");
        let p = payload(
            &store(),
            &bundle_cart(),
            "t",
            jpy,
            Rate::parse("149.5").expect("rate"),
        );
        assert_eq!(p["currency"], "JPY");
        // $1,000 is ¥149,500: written ×100.
        assert_eq!(p["items"][0]["original_price"], 14_950_000);
        // The set is $950 × 149.5 = ¥142,025.
        let set: i64 = (0..2)
            .filter_map(|i| p["items"][i]["final_line_price"].as_i64())
            .sum();
        assert_eq!(set, 14_202_500);
    }

    #[test]
    fn dawns_drawer_section_lists_the_lines_by_place_with_their_discounts() {
        let store = store();
        let cart = bundle_cart();
        let html = section_html(
            "cart-drawer",
            &price(&store, &cart, Currency::USD, Rate::one()).0,
            Currency::USD,
        );
        assert!(
            html.contains("id=\"CartDrawer-Item-1\" data-key=\"44000000000001:"),
            "{html}"
        );
        assert!(html.contains("Laptop + Mouse (−$95.24)"), "{html}");
        assert!(html.contains("Subtotal <span class=\"totals__total-value\">$959.00</span>"));
        let bubble = section_html("cart-icon-bubble", &[], Currency::USD);
        assert!(
            !bubble.contains("cart-count-bubble"),
            "an empty cart shows no count"
        );
    }
}
