//! Countdowns in Chromium: an offer ending within `countdown_hours` says when, screen readers
//! hear of it once when it starts and once when it ends, and the offer is gone at its end.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `seconds` from now, as the config's ISO 8601 text (whole seconds, UTC).
fn from_now(seconds: f64) -> String {
    let whole = (js_sys::Date::now() / 1000.0).floor() + seconds;
    let iso: String = js_sys::Date::new(&(whole * 1000.0).into())
        .to_iso_string()
        .into();
    // "2026-12-01T22:30:00.000Z": the milliseconds are always zero here.
    iso.replace(".000Z", "Z")
}

fn config(ends_at: &str) -> String {
    format!(
        r#"{{"currency":"USD","locale":"en-US",
        "products":[{{"id":"laptop","title":"Laptop","price":"1000.00"}},{{"id":"mouse","title":"Mouse","price":"50.00"}}],
        "bundles":[{{"id":"pair","title":"Laptop + Mouse","items":["laptop","mouse"],"price":"950.00","ends_at":"{ends_at}"}}]}}"#
    )
}

#[wasm_bindgen_test]
async fn a_bundle_ending_in_2_h_14_min_30_s_says_ends_in_2_h_14_min_and_says_it_once_to_screen_readers(
) {
    unremembered();
    assert!(cartlift::configure(
        config(&from_now(2.0 * 3600.0 + 14.0 * 60.0 + 30.0)).into()
    ));
    let table = element("cartlift-bundles", &[("product", "laptop")]);
    assert!(set_cart(&[]));
    tick().await;
    assert_eq!(
        text(&inside(&table, "[part=countdown]")),
        "Ends in 2 h 14 min"
    );
    let announcer = inside(&table, "[role=status]");
    assert_eq!(text(&announcer), "Laptop + Mouse ends in 2 h 14 min");
    // The countdown is not a live region of its own: only the announcer speaks.
    assert!(!inside(&table, "[part=countdown]").has_attribute("aria-live"));
    table.remove();
}

#[wasm_bindgen_test]
async fn a_bundle_beyond_countdown_hours_shows_no_countdown() {
    unremembered();
    assert!(cartlift::configure(config(&from_now(30.0 * 3600.0)).into()));
    let table = element("cartlift-bundles", &[("product", "laptop")]);
    assert!(set_cart(&[]));
    tick().await;
    assert_eq!(all_inside(&table, "[part~=row]").len(), 1);
    assert!(inside(&table, "[part=countdown]").has_attribute("hidden"));
    table.remove();
}

#[wasm_bindgen_test]
async fn a_bundle_in_its_last_seconds_counts_each_second_and_at_its_end_is_gone_and_said_to_have_ended(
) {
    unremembered();
    assert!(cartlift::configure(config(&from_now(3.0)).into()));
    let table = element("cartlift-bundles", &[("product", "laptop")]);
    assert!(set_cart(&[]));
    tick().await;
    let first = text(&inside(&table, "[part=countdown]"));
    assert!(
        ["Ends in 3 s", "Ends in 2 s"].contains(&first.as_str()),
        "{first}"
    );
    // The store's timer moves `now` on by itself: a second later, a second less.
    after_timer(1_100).await;
    let next = text(&inside(&table, "[part=countdown]"));
    assert_ne!(next, first, "it counts down each second");
    // Past the end: the offer is gone, and the announcer says it ended.
    after_timer(3_000).await;
    assert!(all_inside(&table, "[part~=row]").is_empty());
    assert_eq!(
        text(&inside(&table, "[role=status]")),
        "Laptop + Mouse has ended"
    );
    table.remove();
}
