//! A shopper paying in another currency than the config's (Shopify Markets): the platform
//! adapter tells the session the currency and the store's rate (`platform::market`), and every
//! config the session takes from then on is shown converted, by the conversion checkout charges
//! with. A rate that is not one, or an amount too large once converted, is said in full.
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

    // The shopper pays in the store's dollars again: the next config is shown as written.
    assert_eq!(cartlift::platform::market("", ""), "");
    assert!(cartlift::configure(ELECTRONICS.into()));
    assert!(empty_cart("USD"));
    tick().await;
    assert_eq!(text(&message), "Free shipping on orders over $75.00");
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
    let before = js_sys::JSON::stringify(&cartlift::state()).ok();
    // $1,000 at a hundred billion to the dollar (10^16 cents) is beyond what cartlift computes
    // with (10^15).
    assert_eq!(cartlift::platform::market("EUR", "100000000000"), "");
    assert!(!cartlift::configure(ELECTRONICS.into()));
    tick().await;
    let details = heard.details();
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(details[0].contains(r#""kind":"config""#), "{}", details[0]);
    assert!(
        details[0].contains(r#""code":"bad_amount","path":"currency","message":"an amount of the config in USD is too large for cartlift once converted to EUR""#),
        "{}",
        details[0]
    );
    assert_eq!(
        js_sys::JSON::stringify(&cartlift::state()).ok(),
        before,
        "no config was taken: what the page shows stays"
    );
}
