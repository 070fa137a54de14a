//! How the page talks to cartlift: the page's one session (its state, [`session`]),
//! `window.cartlift`'s functions, and the events of spec §4. Every config comes through
//! [`configure`]: the config element's too, which the entry module hands over (in the page's
//! language, spec §13), as it does a `data-src` config it fetched and a platform adapter's.

pub mod events;
pub mod gifts;
pub mod refusal;
pub mod session;
pub mod store;
pub mod visitor;

use cartlift_core::Error;
use wasm_bindgen::JsValue;

/// The query string's value for `name`, decoded.
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    // Most pages have no query string: no parser is made for it (start-up asks three times).
    if search.is_empty() {
        return None;
    }
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
        .filter(|v| !v.is_empty())
}

/// Takes a config's JSON text into the store (see [`store::Store::configure`]); then an order
/// the page reported before any config is recorded with it.
pub fn configure(text: &str) -> Result<(), Vec<Error>> {
    store::Store::configure(text)?;
    visitor::record_pending();
    Ok(())
}

/// The shopper's market, said by a platform's adapter (see [`store::set_market`]); then an
/// order the page reported before the widgets had a config to price it is recorded with it.
#[cfg(feature = "platform")]
pub fn set_market(market: session::Market) {
    store::set_market(market);
    visitor::record_pending();
}

/// The JSON text of a value the page handed over: a string is taken as JSON text (so a config
/// keeps its numbers exact), anything else is serialised by the browser's `JSON.stringify`.
/// Never throws: a value JSON cannot hold (a cycle, a BigInt, a throwing getter) is an error.
pub fn json_text(value: &JsValue, strings_are_json: bool) -> Result<String, Vec<Error>> {
    if strings_are_json {
        if let Some(s) = value.as_string() {
            return Ok(s);
        }
    }
    let not_json = || {
        vec![Error::new(
            cartlift_core::error::Code::WrongType,
            ".",
            "this is not a JSON object (it could not be turned into JSON)",
        )]
    };
    match js_sys::JSON::stringify(value) {
        Ok(s) => s.as_string().ok_or_else(not_json),
        Err(_) => Err(not_json()),
    }
}

/// A value for the page, as a plain object made by the browser's `JSON.parse` from the core's
/// JSON text: one call across the boundary instead of one per field. `null` if it cannot be.
pub fn to_js(value: &dyn cartlift_core::json::ToJson) -> JsValue {
    js_sys::JSON::parse(&cartlift_core::json::to_string(value)).unwrap_or(JsValue::NULL)
}
