//! A cart the page sends again unchanged (a theme's cart drawer re-sends it, a platform adapter
//! reads it after each request of the page's): the figures are not computed again, so nothing
//! is told again and no text is rewritten. A changed cart is followed as ever, and the facts the
//! session tells the entry module cross again only when what it reads of them changes (a goal
//! reached), not with every amount to go.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How many times the session has told the entry module its facts.
fn times_told() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"__told".into())
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn one_pair_of_socks_sent_again_tells_nothing_two_move_the_bar_alone_and_nine_reach_free_shipping(
) {
    js_sys::Reflect::set(&js_sys::global(), &"__told".into(), &JsValue::from(0)).ok();
    emit_to("if (name === 'facts') globalThis.__told += 1;");
    unremembered();
    assert!(cartlift::configure(ELECTRONICS.into()));
    let bar = element("cartlift-shipping-bar", &[]);
    assert!(set_cart(&[("socks", 1)]));
    tick().await;
    let message = inside(&bar, "[part=message]");
    assert_eq!(text(&message), "You're $66.00 away from free shipping");
    let told = times_told();
    assert!(told >= 1.0, "the first cart is told");

    assert!(set_cart(&[("socks", 1)]), "the same cart is still taken");
    tick().await;
    assert_eq!(times_told(), told, "nothing new to tell");
    assert_eq!(text(&message), "You're $66.00 away from free shipping");

    assert!(set_cart(&[("socks", 2)]));
    tick().await;
    assert_eq!(text(&message), "You're $57.00 away from free shipping");
    assert_eq!(
        times_told(),
        told,
        "no goal reached: the facts are the same"
    );

    assert!(set_cart(&[("socks", 9)]));
    tick().await;
    assert_eq!(
        times_told(),
        told + 1.0,
        "free shipping reached is told once"
    );
    bar.remove();
}
