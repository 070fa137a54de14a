//! Every amount, percentage and count the shopper reads is formatted by the browser's
//! `Intl.NumberFormat` for the config's locale and currency, from exact decimal text (never a
//! float: `format("10.00")` is read as a decimal by the browser).

use cartlift_core::integer::decimal_text;
use cartlift_core::template::{Plural, Segment};
use cartlift_core::{Money, Percent};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The browser's `Intl.NumberFormat`. Bound here with `catch`, so that a locale the
    /// browser refuses becomes an error value, not an exception thrown into the page.
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = NumberFormat, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn format(this: &NumberFormat, value: &str) -> Result<String, JsValue>;

    /// The browser's `Intl.PluralRules`: which plural form a count takes in a language.
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = PluralRules, catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn select(this: &PluralRules, n: u32) -> Result<String, JsValue>;

    /// The browser's `Intl.ListFormat`: "a, b and c" in the shopper's language.
    #[wasm_bindgen(js_namespace = Intl, js_name = ListFormat)]
    type ListFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = ListFormat, catch)]
    fn new(locale: &str) -> Result<ListFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_name = format)]
    fn format_list(this: &ListFormat, items: &JsValue) -> Result<String, JsValue>;
}

thread_local! {
    /// The browser's formatters by locale and style; building one is far slower than using it
    /// (a fresh `Intl.PluralRules` and `Intl.ListFormat` per text were a tenth of a cart
    /// update's time, measured). A handful of entries at most (one locale, a few styles): a
    /// list, searched without allocating, since this runs for every amount on every update.
    static FORMATTERS: RefCell<Vec<(String, String, Option<JsValue>)>> = const { RefCell::new(Vec::new()) };
}

/// The browser's formatter for `locale` and `style` ("percent", "count", "plural", "list" or
/// a currency code), made once.
fn formatter(locale: &str, style: &str) -> Option<JsValue> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let found = cache.iter().position(|(l, s, _)| l == locale && s == style);
        let i = found.unwrap_or_else(|| {
            cache.push((
                locale.to_owned(),
                style.to_owned(),
                new_formatter(locale, style),
            ));
            cache.len() - 1
        });
        cache[i].2.clone()
    })
}

/// The formatter for `style` ("percent", "count", "plural", "list" or a currency code),
/// falling back to en-US when the browser refuses the locale.
fn new_formatter(locale: &str, style: &str) -> Option<JsValue> {
    match style {
        "plural" => {
            return PluralRules::new(locale)
                .or_else(|_| PluralRules::new("en-US"))
                .ok()
                .map(Into::into)
        }
        "list" => {
            return ListFormat::new(locale)
                .or_else(|_| ListFormat::new("en-US"))
                .ok()
                .map(Into::into)
        }
        _ => {}
    }
    let options = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), &v).ok();
    match style {
        "percent" => {
            set("style", "percent".into());
            set("maximumFractionDigits", 2.into());
        }
        "count" => {
            set("maximumFractionDigits", 0.into());
        }
        currency => {
            set("style", "currency".into());
            set("currency", currency.into());
        }
    }
    NumberFormat::new(locale, &options)
        .or_else(|_| NumberFormat::new("en-US", &options))
        .ok()
        .map(Into::into)
}

/// `value` (decimal text) by the number formatter for `style`.
fn number(locale: &str, style: &str, value: &str) -> Option<String> {
    formatter(locale, style)?
        .unchecked_into::<NumberFormat>()
        .format(value)
        .ok()
}

/// `$10.00`, `1.234,50 €`, `￥1,200`, `د.ك.‏ 1.250`.
pub fn money(m: Money, locale: &str) -> String {
    let decimal = m.to_decimal_string();
    number(locale, m.currency().code(), &decimal)
        .unwrap_or_else(|| decimal + " " + m.currency().code())
}

/// `9.52%` from 952 basis points.
pub fn percent(p: Percent, locale: &str) -> String {
    let bp = p.basis_points();
    let fraction = decimal_text(bp.into(), 4);
    number(locale, "percent", &fraction).unwrap_or_else(|| width(p))
}

/// A whole number in the locale's digits.
pub fn count(n: u32, locale: &str) -> String {
    let digits = decimal_text(n.into(), 0);
    number(locale, "count", &digits).unwrap_or(digits)
}

/// The plural form `n` takes in `locale` ("one" for 1 in English, "few" for 3 in Polish), by
/// the browser's `Intl.PluralRules`; `other` if the browser has none.
pub fn plural(n: u32, locale: &str) -> Plural {
    formatter(locale, "plural")
        .and_then(|r| r.unchecked_into::<PluralRules>().select(n).ok())
        .map_or(Plural::Other, |name| Plural::from_name(&name))
}

/// "free shipping and a free tote bag": items joined as the locale joins them.
pub fn list(items: &[String], locale: &str) -> String {
    // As JSON text, parsed by the browser: no array built call by call across the boundary.
    let array =
        js_sys::JSON::parse(&cartlift_core::json::to_string(items)).unwrap_or(JsValue::NULL);
    formatter(locale, "list")
        .and_then(|f| f.unchecked_into::<ListFormat>().format_list(&array).ok())
        .unwrap_or_else(|| joined(items, ", "))
}

/// `items` with `sep` between them, as `[String]::join` makes it (its oracle in the tests
/// below): a loop of pushes, where the standard library's generic copy measured 0.3 KB brotli
/// more on every flavour.
pub fn joined(items: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// A filled message as the text the shopper reads.
pub fn message(segments: &[Segment], locale: &str) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Money(m) => money(*m, locale),
            Segment::Percent(p) => percent(*p, locale),
            Segment::Count(n) => count(*n, locale),
        })
        .collect()
}

/// A CSS width for a progress in basis points, without floats: 8666 → `86.66%`.
pub fn width(p: Percent) -> String {
    decimal_text(p.basis_points().into(), 2) + "%"
}

#[cfg(test)]
mod tests {
    use super::joined;

    /// The standard library's `join` is the oracle of the hand-written loop.
    #[test]
    fn joined_is_what_join_makes_for_no_one_and_many_items() {
        let cases: [&[&str]; 5] = [
            &[],
            &["free shipping"],
            &["free shipping", "a tote bag"],
            &["", "", ""],
            &["Ende in 2 Std.", "", "Angebot vorbei", "ü"],
        ];
        for case in cases {
            let items: Vec<String> = case.iter().map(|s| (*s).to_owned()).collect();
            for sep in ["", " ", ", ", "、"] {
                assert_eq!(joined(&items, sep), items.join(sep), "{items:?} {sep:?}");
            }
        }
    }
}
