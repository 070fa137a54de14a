//! The door the platform adapters go through (`src/platforms/*.js`): JSON text in, JSON
//! text out, as the widget's own exports are. The widget's wasm exports these on its platform
//! flavours (without the sentences); the checker module exports them with the sentences, for
//! the adapter to explain a problem the widget found (see `docs/architecture.md`).

use crate::error::{Code, Error};
use crate::json::Json;
use crate::market::Rate;
use crate::money::Currency;
use crate::platform::{shopify, woocommerce, PlatformCart, Variants};
use crate::setup::Setup;

/// The §3 cart and the lines of a platform's cart payload, read against the config's text:
/// `{"cart": …, "lines": […]}`, or `{"errors": […]}` when the payload is not a cart.
/// `platform` is `shopify` or `woocommerce`.
pub fn read_cart(platform: &str, config: &str, payload: &str) -> String {
    answer(read(platform, config, payload))
}

/// The problems of what only a platform reads in the config (`variant_id`, `discount_code`),
/// as the JSON list `cartlift:error` carries.
pub fn check_config(config: &str) -> String {
    crate::json::to_string(&crate::platform::check_config(config))
}

/// A platform page's config, read from one parse of its text ([`platform_setup`]).
pub struct PlatformSetup {
    /// The setup the widgets show, in the config's own currency (before
    /// [`crate::Setup::in_market`]).
    pub setup: Setup,
    /// The config's variants, for reading the platform's carts ([`read_cart_with`]).
    pub variants: Variants,
    /// The adapter's answer ([`platform_read`]).
    pub answer: String,
}

/// A platform page's config from one parse of its text: the setup the widgets show and what
/// only a platform reads of it ([`platform_read`]); or every problem of the config. The
/// widget's platform flavours take every config this way, so that the mapping reads the
/// config the widgets show.
pub fn platform_setup(text: &str) -> Result<PlatformSetup, Vec<Error>> {
    let tree = crate::json::parse(text).map_err(|e| crate::config::located(text, vec![e]))?;
    let setup = Setup::from_tree(text, &tree)?;
    let (variants, answer) = platform_read(&tree);
    Ok(PlatformSetup {
        setup,
        variants,
        answer,
    })
}

/// What a platform page's adapter reads of a config once, when it is taken: the config's
/// variants, for reading the platform's carts ([`read_cart_with`]), and as JSON its `(variant
/// id, product id)` pairs (each id as text: exact, where a JavaScript number would round an id
/// beyond 2^53) with the problems of what only a platform reads in it:
/// `{"pairs": [[…, …], …], "errors": […]}`.
pub fn platform_read(tree: &Json) -> (Variants, String) {
    let (variants, errors) = crate::platform::read_config_tree(tree);
    // Pushed, not `[…].concat()`: the standard library's join is in no other part of the
    // shopper's wasm, and its four uses (all on platform pages) pushed instead measured a
    // platform page 337 B lighter after brotli.
    let mut text = String::from("{\"pairs\":");
    text.push_str(&crate::json::to_string(variants.pairs()));
    text.push_str(",\"errors\":");
    text.push_str(&crate::json::to_string(&errors));
    text.push('}');
    (variants, text)
}

/// The shopper's currency `currency` and the store's `rate` to it (the price of one unit of the
/// config's currency in it, as Shopify writes `Shopify.currency.rate`), by which the widget
/// shows every figure in the currency the shopper pays in ([`crate::Setup::in_market`]); or
/// the problem (no such currency, a rate that is not one).
pub fn market(currency: &str, rate: &str) -> Result<(Currency, Rate), Vec<Error>> {
    // Said here in full, path and sentence, even without `messages`: two short sentences the
    // adapter would otherwise fetch the checker module for.
    let bad = |path: &str, message: &str| vec![Error::new(Code::Platform, path, message)];
    match (Currency::from_code(currency), Rate::parse(rate)) {
        (Some(to), Some(rate)) => Ok((to, rate)),
        (None, _) => Err(bad(
            "currency",
            "the shop's currency is not an ISO 4217 code",
        )),
        (_, None) => Err(bad(
            "rate",
            "the shop's exchange rate is not a decimal above zero",
        )),
    }
}

/// [`read_cart`] against the config's `variants`, already read ([`platform_setup`]).
pub fn read_cart_with(platform: &str, variants: &Variants, payload: &str) -> String {
    read_cart_by(reader(platform), variants, payload)
}

/// [`read_cart`], as a value.
pub fn read(platform: &str, config: &str, payload: &str) -> Result<PlatformCart, Vec<Error>> {
    read_with(platform, &Variants::from_config_json(config), payload)
}

/// [`read_cart_with`], as a value.
pub fn read_with(
    platform: &str,
    variants: &Variants,
    payload: &str,
) -> Result<PlatformCart, Vec<Error>> {
    reader(platform)(payload, variants)
}

/// A platform's reader of its cart payload: `shopify::cart` or `woocommerce::cart`.
pub type Reader = fn(&str, &Variants) -> Result<PlatformCart, Vec<Error>>;

/// The reader of `platform` (`shopify` or `woocommerce`; Shopify's for any other name).
pub fn reader(platform: &str) -> Reader {
    match platform {
        "woocommerce" => woocommerce::cart,
        _ => shopify::cart,
    }
}

/// [`read_cart_with`] by `read`, one platform's reader: a build for one platform carries only
/// its own.
pub fn read_cart_by(read: Reader, variants: &Variants, payload: &str) -> String {
    answer(read(payload, variants))
}

fn answer(result: Result<PlatformCart, Vec<Error>>) -> String {
    match result {
        Ok(cart) => cart.to_json(),
        Err(errors) => errors_json(&errors),
    }
}

/// `{"errors": […]}`, as `cartlift:error` carries them.
pub fn errors_json(errors: &[Error]) -> String {
    let mut text = String::from("{\"errors\":");
    text.push_str(&crate::json::to_string(errors));
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_at_0_92_are_a_market_and_a_bad_rate_or_currency_is_said_in_full() {
        let eur = Currency::from_code("EUR").expect("EUR");
        assert_eq!(
            market("EUR", "0.92"),
            Ok((eur, Rate::parse("0.92").expect("rate")))
        );
        let said = |e: Result<(Currency, Rate), Vec<Error>>| {
            let e = e.expect_err("refused");
            (e[0].path().to_owned(), e[0].message().is_empty())
        };
        assert_eq!(said(market("EUR", "-1")), ("rate".to_owned(), false));
        assert_eq!(said(market("EURO", "1")), ("currency".to_owned(), false));
    }

    #[test]
    fn a_config_read_once_gives_its_pairs_and_problems_and_reads_its_carts() {
        let config = r#"{"products":[{"id":"kettle","variant_id":44012345678901234},{"id":"mug","variant_id":true}],
            "bundles":[{"id":"b","discount_code":""}]}"#;
        let (variants, text) = platform_read(&crate::json::parse(config).expect("JSON"));
        assert!(
            text.starts_with(r#"{"pairs":[["44012345678901234","kettle"]],"errors":[{"code":"#),
            "{text}"
        );
        assert_eq!(text.matches(r#""code":"#).count(), 2, "{text}");
        let payload = r#"{"currency":"USD","items":[{"variant_id":44012345678901234,"key":"k","quantity":1,"price":1250,"line_price":1250}]}"#;
        assert_eq!(
            read_cart_with("shopify", &variants, payload),
            read_cart("shopify", config, payload)
        );
        assert!(read_cart_with("shopify", &variants, payload).contains(r#""id":"kettle""#));
    }

    #[test]
    fn one_parse_gives_the_widgets_setup_and_the_platforms_pairs() {
        let config = r#"{"currency":"USD","products":[{"id":"kettle","title":"Kettle","price":"25.00","variant_id":7}]}"#;
        let read = platform_setup(config).expect("a valid config");
        assert_eq!(read.setup.config.products[0].id, "kettle");
        assert_eq!(read.answer, r#"{"pairs":[["7","kettle"]],"errors":[]}"#);
        assert_eq!(read.variants.product("7"), Some("kettle"));
        let refused = |text: &str| platform_setup(text).err().expect("refused")[0].code();
        assert_eq!(refused("{not json"), Code::Syntax);
        assert_eq!(
            refused(r#"{"currency":"USD","products":[{"id":"kettle"}]}"#),
            Code::MissingKey
        );
    }

    #[test]
    fn a_shopify_cart_comes_back_as_a_cart_and_a_bad_one_as_errors_with_paths() {
        let config = r#"{"products":[{"id":"kettle","variant_id":7}]}"#;
        let text = read_cart(
            "shopify",
            config,
            r#"{"currency":"USD","items":[{"variant_id":7,"key":"7:a","quantity":2,"price":1250,"line_price":2500}]}"#,
        );
        assert_eq!(
            text,
            r#"{"cart":{"currency":"USD","items":[{"id":"kettle","quantity":2,"price":"12.50","line_price":"25.00"}]},"lines":[{"key":"7:a","item":"7"}]}"#
        );
        let text = read_cart("shopify", config, r#"{"items":[]}"#);
        // Without `messages` (the widget's build) no path is written: the checker module's
        // answer to the same call has it.
        let expected = match crate::error::HAS_MESSAGES {
            true => r#"{"errors":[{"code":"platform","path":"currency""#,
            false => r#"{"errors":[{"code":"platform","path":".""#,
        };
        assert!(text.starts_with(expected), "{text}");
    }
}
