//! A shopper paying in another currency than the config's (Shopify Markets): the platform
//! adapter tells the session the currency and the store's rate (`platform::market`), and the
//! config the session took, and every one it takes from then on, is shown converted, by the
//! conversion checkout charges with. A rate that is not one, or an amount too large once
//! converted, is said in full. A platform page's config is parsed once: the mapping of the
//! platform's carts reads the parse that gave the widgets theirs, and a config held for the
//! shopper's market is converted when it is said, not parsed again.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Sends an empty cart in `currency`.
fn empty_cart(currency: &str) -> bool {
    cartlift::set_cart(json(&format!(r#"{{"currency":"{currency}","items":[]}}"#)))
}

#[wasm_bindgen_test]
async fn free_shipping_over_75_dollars_is_over_69_euros_at_0_92_and_75_dollars_again_in_dollars() {
    unremembered();
    let bar = element("cartlift-shipping-bar", &[]);
    assert_eq!(cartlift::platform::market("EUR", "0.92"), "");
    assert!(cartlift::configure(ELECTRONICS.into()));
    assert!(
        empty_cart("EUR"),
        "a cart in euros is the config's currency now"
    );
    tick().await;
    let message = inside(&bar, "[part=message]");
    assert_eq!(text(&message), "Free shipping on orders over €69.00");
    assert!(
        !cartlift::set_cart(json(
            r#"{"currency":"USD","items":[{"id":"socks","quantity":1}]}"#
        )),
        "a cart in dollars is not the shopper's"
    );

    // The shopper pays in the store's dollars again: the config taken is shown as written,
    // without the page giving it again.
    assert_eq!(cartlift::platform::market("", ""), "");
    assert!(empty_cart("USD"));
    tick().await;
    assert_eq!(text(&message), "Free shipping on orders over $75.00");
    assert_eq!(cartlift::platform::market("EUR", "0.92"), "");
    assert!(empty_cart("EUR"));
    tick().await;
    assert_eq!(text(&message), "Free shipping on orders over €69.00");
    assert_eq!(cartlift::platform::market("", ""), "");
    bar.remove();
}

/// A config whose one product is a Shopify variant.
const SOCKS: &str = r#"{"currency":"USD","products":[{"id":"socks","title":"Socks","price":"12.00","variant_id":44012345678901234}],
    "shipping_bar":{"goals":[{"threshold":"40.00","reward":"free shipping"}]}}"#;

#[wasm_bindgen_test]
async fn a_held_config_is_drawn_once_the_market_is_said_and_its_mapping_is_read_from_the_same_parse(
) {
    unremembered();
    let bar = element("cartlift-shipping-bar", &[]);
    tick().await;
    let before = text(&bar);
    // The adapter reads the shopper's cart first, which says their currency.
    cartlift::platform::hold_for_market();
    assert!(cartlift::configure(SOCKS.into()));
    assert_eq!(
        cartlift::platform::platform_config(),
        r#"{"pairs":[["44012345678901234","socks"]],"errors":[]}"#,
        "the mapping read the config the widgets took"
    );
    assert_eq!(
        cartlift::platform::platform_config(),
        "",
        "said once per config"
    );
    let read = cartlift::platform::read_cart(
        "shopify",
        r#"{"currency":"EUR","items":[{"variant_id":44012345678901234,"key":"k","quantity":3,"price":1104,"line_price":3312}]}"#,
    );
    assert!(read.contains(r#""id":"socks","quantity":3"#), "{read}");
    tick().await;
    assert_eq!(
        text(&bar),
        before,
        "nothing drawn in a currency not yet known"
    );
    assert_eq!(cartlift::platform::market("EUR", "0.92"), "");
    assert!(cartlift::set_cart(json(
        r#"{"currency":"EUR","items":[{"id":"socks","quantity":3,"price":"11.04","line_price":"33.12"}]}"#
    )));
    tick().await;
    // €36.80 (40 × 0.92) less €33.12.
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "You're €3.68 away from free shipping"
    );
    assert_eq!(cartlift::platform::market("", ""), "");
    bar.remove();
}

#[wasm_bindgen_test]
async fn a_rate_that_is_not_one_is_said_in_full_and_the_config_keeps_its_dollars() {
    unremembered();
    let answer = cartlift::platform::market("EUR", "abc");
    assert!(
        answer.contains(
            r#""path":"rate","message":"the shop's exchange rate is not a decimal above zero""#
        ),
        "{answer}"
    );
    let answer = cartlift::platform::market("EURO", "0.92");
    assert!(answer.contains(r#""path":"currency""#), "{answer}");
    // Neither was kept.
    assert!(cartlift::configure(ELECTRONICS.into()));
    assert!(empty_cart("USD"));
    let bar = element("cartlift-shipping-bar", &[]);
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "Free shipping on orders over $75.00"
    );
    bar.remove();
}

#[wasm_bindgen_test]
async fn a_laptop_too_dear_once_converted_refuses_the_config_at_its_currency_in_full() {
    unremembered();
    let heard = Heard::new("cartlift:error");
    assert!(cartlift::configure(ELECTRONICS.into()));
    tick().await;
    let before = js_sys::JSON::stringify(&cartlift::state()).ok();
    // $1,000 at a hundred billion to the dollar (10^16 cents) is beyond what cartlift computes
    // with (10^15): the config taken is refused in that market, and so is the next one.
    assert_eq!(cartlift::platform::market("EUR", "100000000000"), "");
    assert!(!cartlift::configure(ELECTRONICS.into()));
    tick().await;
    let details = heard.details();
    assert_eq!(details.len(), 2, "{details:?}");
    for said in &details {
        assert!(said.contains(r#""kind":"config""#), "{said}");
        assert!(
            said.contains(r#""code":"bad_amount","path":"currency","message":"an amount of the config is too large for cartlift once converted to EUR""#),
            "{said}"
        );
    }
    assert_eq!(
        js_sys::JSON::stringify(&cartlift::state()).ok(),
        before,
        "no config was taken: what the page shows stays"
    );
    assert_eq!(cartlift::platform::market("", ""), "");
}
