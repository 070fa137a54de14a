//! The four elements in Chromium: the worked examples render with the right text and ARIA,
//! events carry what the page needs, and nothing leaks between elements or from the page.
#![cfg(target_arch = "wasm32")]

mod support;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn configure_electronics() {
    unremembered();
    assert!(
        cartlift::configure(ELECTRONICS.into()),
        "the example config is valid"
    );
}

#[wasm_bindgen_test]
async fn a_65_dollar_cart_is_ten_dollars_away_with_progressbar_values() {
    configure_electronics();
    let bar = element("cartlift-shipping-bar", &[]);
    // $65 = t-shirt $25 + stand $40.
    assert!(set_cart(&[("tshirt", 1), ("stand", 1)]));
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "You're $10.00 away from free shipping"
    );
    let progress = inside(&bar, "[role=progressbar]");
    assert_eq!(
        progress.get_attribute("aria-valuemin").as_deref(),
        Some("0")
    );
    assert_eq!(
        progress.get_attribute("aria-valuemax").as_deref(),
        Some("100")
    );
    // $65 of the last goal, $150: 43.33%.
    assert_eq!(
        progress.get_attribute("aria-valuenow").as_deref(),
        Some("43")
    );
    assert_eq!(
        progress.get_attribute("aria-valuetext").as_deref(),
        Some("You're $10.00 away from free shipping")
    );
    assert_eq!(
        inside(&bar, "[part=message]")
            .get_attribute("aria-live")
            .as_deref(),
        Some("polite")
    );
    let fill: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(inside(&bar, "[part=fill]")).expect("fill");
    assert_eq!(
        fill.style().get_property_value("width").ok().as_deref(),
        Some("43.33%")
    );
    // Fillers: not in the cart; the $12 cable closes the $10 gap without overshooting far,
    // then the dearest below the gap, the $9 socks (the $50 mouse would overshoot by $40).
    let fillers: Vec<String> = all_inside(&bar, "[part=filler]").iter().map(text).collect();
    assert_eq!(fillers, ["USB-C Cable $12.00 Add", "Socks $9.00 Add"]);

    // A second setCart changes the figures.
    assert!(set_cart(&[("tshirt", 1), ("stand", 1), ("cable", 1)]));
    tick().await;
    assert_eq!(
        text(&inside(&bar, "[part=message]")),
        "You're $73.00 away from a free tote bag"
    );
    assert_eq!(
        progress.get_attribute("aria-valuenow").as_deref(),
        Some("51")
    );
    bar.remove();
}

/// Three small products and a $40 goal: the fillers follow the cart closely.
const SMALL_SHOP: &str = r#"{"currency":"USD","products":[
    {"id":"a","title":"Pin","price":"5.00"},{"id":"b","title":"Patch","price":"6.00"},{"id":"c","title":"Cap","price":"30.00"}],
    "shipping_bar":{"goals":[{"threshold":"40.00","reward":"free shipping"}],"fillers":2}}"#;

/// Presses the bar's gift claim and returns what the page heard it add.
async fn claim_the_gift(bar: &web_sys::HtmlElement) -> Vec<String> {
    let added = Heard::new("cartlift:add-to-cart");
    wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&inside(bar, "button[part=gift]"))
        .expect("a button")
        .click();
    tick().await;
    added.details()
}

/// Gives the page a cart in dollars of `items` (JSON objects, comma-separated).
fn usd_cart(items: &str) -> bool {
    cartlift::set_cart(json(&format!(r#"{{"currency":"USD","items":[{items}]}}"#)))
}

fn focused(el: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    el.shadow_root().and_then(|r| r.active_element())
}

#[wasm_bindgen_test]
async fn focus_stays_on_the_same_products_button_when_the_fillers_change_and_goes_to_the_message_when_none_are_left(
) {
    assert!(cartlift::configure(SMALL_SHOP.into()));
    let bar = element("cartlift-shipping-bar", &[]);
    // A $30 cap, $10 to go: the patch ($6), then the pin ($5).
    assert!(set_cart(&[("c", 1)]));
    tick().await;
    let titles = |bar: &web_sys::HtmlElement| -> Vec<String> {
        all_inside(bar, ".filler-title").iter().map(text).collect()
    };
    assert_eq!(titles(&bar), ["Patch", "Pin"]);
    let pin: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(all_inside(&bar, "[part=filler-add]").remove(1))
            .expect("button");
    pin.focus().expect("focus");
    assert_eq!(pin.get_attribute("aria-label").as_deref(), Some("Add: Pin"));

    // The patch joins the cart: $4 to go, and the pin is the one suggestion left, now first.
    // Keyboard focus is still on the pin's button, the very same node.
    assert!(set_cart(&[("c", 1), ("b", 1)]));
    tick().await;
    assert_eq!(titles(&bar), ["Pin"]);
    let buttons = all_inside(&bar, "[part=filler-add]");
    assert_eq!(buttons[0], web_sys::Element::from(pin.clone()));
    assert_eq!(focused(&bar), Some(buttons[0].clone()));

    // The pin joins too: the goal is reached, no filler is left, and focus is on the message,
    // not lost to the top of the page.
    assert!(set_cart(&[("c", 1), ("b", 1), ("a", 1)]));
    tick().await;
    assert!(all_inside(&bar, "[part=filler]").is_empty());
    assert_eq!(focused(&bar), Some(inside(&bar, "[part=message]")));
    bar.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn the_laptop_table_shows_both_bundles_with_savings_and_marks_the_best_value() {
    configure_electronics();
    let table = element("cartlift-bundles", &[("product", "laptop")]);
    assert!(set_cart(&[("laptop", 1)]));
    tick().await;
    assert_eq!(
        text(&inside(&table, "caption")),
        "Frequently bought together"
    );
    assert_eq!(all_inside(&table, "thead th").len(), 5);
    let rows = all_inside(&table, "[part~=row]");
    assert_eq!(rows.len(), 2);
    assert!(
        text(&rows[0]).contains("$1,050.00 $950.00 $100.00 (9.52%)"),
        "{}",
        text(&rows[0])
    );
    assert!(
        text(&rows[1]).contains("$1,200.00 $1,020.00 $180.00 (15%)"),
        "{}",
        text(&rows[1])
    );
    assert_eq!(rows[0].get_attribute("part").as_deref(), Some("row"));
    assert_eq!(
        rows[1].get_attribute("part").as_deref(),
        Some("row best-value")
    );
    assert!(text(&rows[0]).contains("Laptop Pro 14 (in your cart)"));

    // The mouse joining the cart changes its note in place: same rows, same items.
    let mouse_item = rows[0]
        .query_selector(".items li:nth-child(2)")
        .ok()
        .flatten()
        .expect("the mouse's item");
    assert_eq!(text(&mouse_item), "Wireless Mouse");
    assert!(set_cart(&[("laptop", 1), ("mouse", 1)]));
    tick().await;
    assert_eq!(text(&mouse_item), "Wireless Mouse (in your cart)");
    assert!(mouse_item.is_connected());
    assert_eq!(all_inside(&table, "[part~=row]"), rows);
    assert!(set_cart(&[("laptop", 1)]));
    tick().await;

    // Adding a bundle tells the page which items, at which share of the bundle price: with the
    // laptop in the cart, only the mouse it lacks ("Complete the set"); with none, both.
    let heard = Heard::new("cartlift:add-to-cart");
    let add: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(
        rows[0]
            .query_selector("[part=add]")
            .ok()
            .flatten()
            .expect("add"),
    )
    .expect("button");
    assert_eq!(text(&add), "Complete the set");
    add.click();
    assert!(set_cart(&[]));
    tick().await;
    assert_eq!(text(&add), "Add bundle");
    add.click();
    assert_eq!(
        heard.details(),
        [
            r#"{"items":[{"id":"mouse","quantity":1,"price":"45.24"}],"source":{"widget":"bundles","offer":"office-2"}}"#,
            r#"{"items":[{"id":"laptop","quantity":1,"price":"904.76"},{"id":"mouse","quantity":1,"price":"45.24"}],"source":{"widget":"bundles","offer":"office-2"}}"#
        ]
    );
    table.remove();
}

#[wasm_bindgen_test]
async fn two_shirts_show_the_10_percent_tier_active_and_nudge_to_20() {
    configure_electronics();
    let tiers = element("cartlift-tiers", &[("product", "tshirt")]);
    assert!(set_cart(&[("tshirt", 2)]));
    tick().await;
    let rows = all_inside(&tiers, "[part~=tier]");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].get_attribute("part").as_deref(),
        Some("tier active")
    );
    assert_eq!(rows[1].get_attribute("part").as_deref(), Some("tier"));
    assert_eq!(text(&rows[0]), "Buy 2+ 10% off $22.50 each Your price");
    assert_eq!(
        text(&inside(&tiers, "[part=nudge]")),
        "Add 1 more to save 20%"
    );
    assert!(set_cart(&[("tshirt", 3)]));
    tick().await;
    assert_eq!(
        rows[1].get_attribute("part").as_deref(),
        Some("tier active")
    );
    assert_eq!(text(&inside(&tiers, "[part=nudge]")), "");
    tiers.remove();
}

#[wasm_bindgen_test]
async fn three_socks_on_a_3_for_2_save_9_dollars_and_nudge_to_3_more() {
    let config = r#"{"currency":"USD","products":[
          {"id":"wool-socks","title":"Socks","price":"9.00"},{"id":"beanie","title":"Hat","price":"20.00"}],
        "buy_x_get_y":[
          {"id":"socks-3for2","buy":{"products":["wool-socks"],"quantity":2},"get":{"products":["wool-socks"],"quantity":1,"percent_off":100}},
          {"id":"hat-half","buy":{"products":["wool-socks"],"quantity":1},"get":{"products":["beanie"],"quantity":1,"percent_off":50},"limit":1}]}"#;
    assert!(cartlift::configure(config.into()));
    let socks = element("cartlift-tiers", &[("product", "wool-socks")]);
    let hat = element("cartlift-tiers", &[("product", "beanie")]);
    assert!(set_cart(&[("wool-socks", 2)]));
    tick().await;
    // Socks have no tiers: the element shows their two deals alone.
    assert!(!socks.hidden());
    assert!(all_inside(&socks, "[part~=tier]").is_empty());
    let deals = all_inside(&socks, "[part=deal]");
    assert_eq!(deals.len(), 2);
    assert_eq!(
        text(&deals[0]),
        "Buy 2, get 1 free Add 1 more to get 1 free"
    );
    // The hat's deal takes one sock bought and a hat got: one hat more makes it apply.
    assert_eq!(text(&deals[1]), "Buy 1, get 1 at 50% off");
    assert_eq!(
        text(&inside(&hat, "[part=deal]")),
        "Buy 1, get 1 at 50% off Add 1 more to get 1 at 50% off"
    );
    let nudge = deals[0].query_selector("[part=nudge]").ok().flatten();
    assert_eq!(
        nudge.and_then(|n| n.get_attribute("aria-live")).as_deref(),
        Some("polite")
    );
    assert!(set_cart(&[("wool-socks", 3), ("beanie", 1)]));
    tick().await;
    // The cheapest sock is free ($9.00); the next free one takes 3 more.
    assert_eq!(
        text(&deals[0]),
        "Buy 2, get 1 free You save $9.00 Add 3 more to get 1 free"
    );
    // The hat is half off once, its limit: no nudge.
    assert_eq!(
        text(&inside(&hat, "[part=deal]")),
        "Buy 1, get 1 at 50% off You save $10.00"
    );
    socks.remove();
    hat.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn a_tee_selector_offers_1_2_or_3_with_3_most_popular_chosen_and_adds_2_when_2_is_picked() {
    let config = r#"{"currency":"USD","products":[{"id":"organic-tee","title":"Tee","price":"25.00"}],
        "volume_tiers":[{"product":"organic-tee","display":"selector","tiers":[
          {"min_quantity":2,"percent_off":10},
          {"min_quantity":3,"percent_off":20,"badge":"Most popular"}]}]}"#;
    assert!(cartlift::configure(config.into()));
    let tiers = element("cartlift-tiers", &[("product", "organic-tee")]);
    assert!(set_cart(&[]));
    tick().await;
    // The list of tiers gives way to a radio group named for the product.
    assert!(inside(&tiers, ".tier-list").has_attribute("hidden"));
    let selector = inside(&tiers, "fieldset[part=selector]");
    assert!(!selector.has_attribute("hidden"));
    assert_eq!(text(&inside(&tiers, "legend")), "Quantity discounts on Tee");
    let options = all_inside(&tiers, "[part=option]");
    let texts: Vec<String> = options.iter().map(text).collect();
    assert_eq!(
        texts,
        [
            "Buy 1 $25.00 each $25.00",
            "Buy 2 $22.50 each $45.00 Save $5.00",
            "Buy 3 Most popular $20.00 each $60.00 Save $15.00",
        ]
    );
    let radios: Vec<web_sys::HtmlInputElement> = all_inside(&tiers, "[part=option] input")
        .into_iter()
        .map(|r| wasm_bindgen::JsCast::dyn_into(r).expect("an input"))
        .collect();
    assert!(radios
        .iter()
        .all(|r| r.type_() == "radio" && r.name() == "quantity"));
    // The merchant's badge is the suggestion: chosen until the shopper picks.
    let checked: Vec<bool> = radios.iter().map(|r| r.checked()).collect();
    assert_eq!(checked, [false, false, true]);
    let add = inside(&tiers, "button[part=add]");
    assert_eq!(text(&add), "Add 3 to cart");
    radios[1].click();
    tick().await;
    assert_eq!(text(&add), "Add 2 to cart");
    let checked: Vec<bool> = radios.iter().map(|r| r.checked()).collect();
    assert_eq!(checked, [false, true, false]);
    let added = Heard::new("cartlift:add-to-cart");
    wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&add)
        .expect("a button")
        .click();
    tick().await;
    assert_eq!(
        added.details(),
        [
            r#"{"items":[{"id":"organic-tee","quantity":2}],"source":{"widget":"tiers","offer":"organic-tee"}}"#
        ]
    );
    // The choice stays the shopper's as the cart changes; the figures follow the cart.
    assert!(set_cart(&[("organic-tee", 2)]));
    tick().await;
    assert_eq!(text(&add), "Add 2 to cart");
    tiers.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn three_lamps_reach_200_and_the_bar_offers_the_free_tote_which_is_sent_once_and_taken_back_below(
) {
    let config = r#"{"currency":"USD","products":[{"id":"lamp","title":"Lamp","price":"95.00"},
        {"id":"tote","title":"Tote bag","price":"15.00"}],
        "shipping_bar":{"goals":[{"threshold":"200.00","reward":"a free tote bag","grants":{"gift":"tote"}}]}}"#;
    assert!(cartlift::configure(config.into()));
    let bar = element("cartlift-shipping-bar", &[]);
    assert!(usd_cart(r#"{"id":"lamp","quantity":2}"#));
    tick().await;
    let claim = inside(&bar, "button[part=gift]");
    // $190: no gift to claim yet.
    assert!(claim.has_attribute("hidden"));
    assert!(usd_cart(r#"{"id":"lamp","quantity":3}"#));
    tick().await;
    assert!(!claim.has_attribute("hidden"));
    assert_eq!(text(&claim), "Add your free Tote bag");
    assert_eq!(
        claim_the_gift(&bar).await,
        [
            r#"{"items":[{"id":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    // The page adds it, marked: the button goes, and the tote counts for nothing.
    assert!(usd_cart(
        r#"{"id":"lamp","quantity":3},{"id":"tote","quantity":1,"gift":true}"#
    ));
    tick().await;
    assert!(claim.has_attribute("hidden"));
    // A lamp goes: $190, below the goal: the page hears once that the gift is to be removed.
    let removed = Heard::new("cartlift:remove-from-cart");
    assert!(usd_cart(
        r#"{"id":"lamp","quantity":2},{"id":"tote","quantity":1,"gift":true}"#
    ));
    assert!(until(5, || removed.details().len() == 1).await);
    assert_eq!(
        removed.details(),
        [
            r#"{"items":[{"id":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    // The same cart again says nothing more.
    assert!(usd_cart(
        r#"{"id":"lamp","quantity":2},{"id":"tote","quantity":1,"gift":true}"#
    ));
    after_timer(50).await;
    assert_eq!(removed.details().len(), 1);
    bar.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn the_free_tote_in_colours_is_claimed_black_once_picked_and_a_goal_naming_natural_offers_no_picker(
) {
    let config = r#"{"currency":"USD","products":[{"id":"lamp","title":"Lamp","price":"95.00"},
        {"id":"tote","title":"Tote bag","price":"15.00","options":["Colour"],"variants":[
          {"id":"tote-natural","options":["Natural"]},
          {"id":"tote-black","options":["Black"],"price":"18.00"},
          {"id":"tote-red","options":["Red"],"available":false}]}],
        "shipping_bar":{"goals":[{"threshold":"200.00","reward":"a free tote bag","grants":{"gift":"tote"}}]}}"#;
    assert!(cartlift::configure(config.into()));
    let bar = element("cartlift-shipping-bar", &[]);
    assert!(usd_cart(r#"{"id":"lamp","quantity":2}"#));
    tick().await;
    // $190: nothing to claim, no colour to pick.
    assert!(all_inside(&bar, "select[part=variant]").is_empty());
    assert!(usd_cart(r#"{"id":"lamp","quantity":3}"#));
    tick().await;
    let colour: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::dyn_into(inside(&bar, "select[part=variant]")).expect("a select");
    assert_eq!(colour.value(), "Natural");
    assert_eq!(text(&inside(&bar, "label.variant .variant-name")), "Colour");
    assert!(inside(&bar, "option[value=Red]").has_attribute("disabled"));
    colour.set_value("Black");
    let change = web_sys::Event::new("change").expect("an event");
    assert!(colour.dispatch_event(&change).is_ok());
    tick().await;
    assert_eq!(
        claim_the_gift(&bar).await,
        [
            r#"{"items":[{"id":"tote-black","product":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    // Claimed in black: the button and the picker go.
    assert!(usd_cart(
        r#"{"id":"lamp","quantity":3},{"id":"tote-black","quantity":1,"gift":true}"#
    ));
    tick().await;
    assert!(inside(&bar, "button[part=gift]").has_attribute("hidden"));
    assert!(all_inside(&bar, "select[part=variant]").is_empty());
    // Below the goal, the page hears the black tote's line is to go, naming its product.
    let removed = Heard::new("cartlift:remove-from-cart");
    assert!(usd_cart(
        r#"{"id":"lamp","quantity":2},{"id":"tote-black","quantity":1,"gift":true}"#
    ));
    assert!(until(5, || removed.details().len() == 1).await);
    assert_eq!(
        removed.details(),
        [
            r#"{"items":[{"id":"tote-black","product":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    // A goal that names the natural tote: no colour to pick, the natural one is what is added.
    assert!(cartlift::configure(
        config
            .replace(r#""gift":"tote""#, r#""gift":"tote-natural""#)
            .into()
    ));
    assert!(usd_cart(r#"{"id":"lamp","quantity":3}"#));
    tick().await;
    assert!(!inside(&bar, "button[part=gift]").has_attribute("hidden"));
    assert!(all_inside(&bar, "select[part=variant]").is_empty());
    assert_eq!(
        claim_the_gift(&bar).await,
        [
            r#"{"items":[{"id":"tote-natural","product":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    bar.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn an_auto_gift_is_sent_once_when_the_goal_is_reached_and_not_again_once_removed() {
    let config = r#"{"currency":"USD","products":[{"id":"lamp","title":"Lamp","price":"95.00"},
        {"id":"tote","title":"Tote bag","price":"15.00"}],
        "shipping_bar":{"goals":[{"threshold":"200.00","reward":"a free tote bag","grants":{"gift":"tote","auto":true}}]}}"#;
    assert!(cartlift::configure(config.into()));
    let added = Heard::new("cartlift:add-to-cart");
    assert!(usd_cart(r#"{"id":"lamp","quantity":3}"#));
    assert!(until(5, || added.details().len() == 1).await);
    assert_eq!(
        added.details(),
        [
            r#"{"items":[{"id":"tote","quantity":1,"gift":true}],"source":{"widget":"gift","offer":"tote"}}"#
        ]
    );
    // The shopper took it out: still above the goal, it is not given again on this page.
    assert!(usd_cart(r#"{"id":"lamp","quantity":4}"#));
    after_timer(50).await;
    assert_eq!(added.details().len(), 1);
    configure_electronics();
}

#[wasm_bindgen_test]
async fn ticking_the_upsell_dispatches_add_to_cart_and_the_cart_confirms_it() {
    configure_electronics();
    let upsell = element("cartlift-upsell", &[]);
    assert!(set_cart(&[("laptop", 1)]));
    tick().await;
    let label = inside(&upsell, "label");
    assert_eq!(text(&label), "Add a 2-year warranty for $12.00");
    let checkbox: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(inside(&upsell, "input[part=checkbox]")).expect("checkbox");
    assert_eq!(checkbox.type_(), "checkbox");
    assert!(!checkbox.checked());
    let added = Heard::new("cartlift:add-to-cart");
    checkbox.click();
    tick().await;
    assert_eq!(
        added.details(),
        [
            r#"{"items":[{"id":"warranty","quantity":1,"price":"12.00"}],"source":{"widget":"upsell","offer":"warranty-2y"}}"#
        ]
    );
    // Optimistic while pending: ticked, and the offer says it is busy until the cart follows.
    assert!(checkbox.checked());
    let offer = inside(&upsell, ".offer");
    assert_eq!(offer.get_attribute("aria-busy").as_deref(), Some("true"));
    // The page adds it; the checkbox stays ticked because the cart says so.
    assert!(set_cart(&[("laptop", 1), ("warranty", 1)]));
    tick().await;
    assert!(checkbox.checked());
    assert_eq!(offer.get_attribute("aria-busy").as_deref(), Some("false"));
    // Unticking asks for removal.
    let removed = Heard::new("cartlift:remove-from-cart");
    checkbox.click();
    tick().await;
    assert_eq!(
        removed.details(),
        [
            r#"{"items":[{"id":"warranty","quantity":1,"price":"12.00"}],"source":{"widget":"upsell","offer":"warranty-2y"}}"#
        ]
    );
    // The page refuses (the cart does not change): a new cart without the change puts it back.
    assert!(set_cart(&[("laptop", 1), ("warranty", 1)]));
    tick().await;
    assert!(checkbox.checked());
    upsell.remove();
}

#[wasm_bindgen_test]
async fn two_bundle_tables_on_one_page_stay_independent() {
    configure_electronics();
    let laptop = element("cartlift-bundles", &[("product", "laptop")]);
    let shirt = element("cartlift-bundles", &[("product", "tshirt")]);
    assert!(set_cart(&[]));
    tick().await;
    assert_eq!(all_inside(&laptop, "[part~=row]").len(), 2);
    let shirt_rows = all_inside(&shirt, "[part~=row]");
    assert_eq!(shirt_rows.len(), 1);
    assert!(
        text(&shirt_rows[0]).contains("$34.00 $29.00 $5.00 (14.71%)"),
        "{}",
        text(&shirt_rows[0])
    );
    // Changing one element's product changes only that one.
    cartlift::attribute_changed(id_of(&shirt), "product".into(), Some("keyboard".into()));
    tick().await;
    assert_eq!(all_inside(&shirt, "[part~=row]").len(), 1);
    assert!(text(&all_inside(&shirt, "[part~=row]")[0]).contains("Laptop + Mouse + Keyboard"));
    assert_eq!(all_inside(&laptop, "[part~=row]").len(), 2);
    laptop.remove();
    shirt.remove();
}

#[wasm_bindgen_test]
async fn page_css_with_important_rules_does_not_reach_inside() {
    configure_electronics();
    let style = document().create_element("style").expect("style");
    // Rules written for the page's own markup, which would match the widgets' insides if they
    // were not in a shadow root; and a colour on the element itself, which the widget takes on
    // (inherited text colour is how it matches the theme).
    style.set_text_content(Some(".message, .add, div, span, td, button { color: red !important; display: block !important; font-size: 40px !important } p, span, table { all: unset !important } cartlift-shipping-bar { color: rgb(0, 0, 128) }"));
    document()
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
    let bar = element("cartlift-shipping-bar", &[]);
    let table = element("cartlift-bundles", &[("product", "laptop")]);
    assert!(set_cart(&[("mouse", 1)]));
    tick().await;
    let window = web_sys::window().expect("window");
    let computed = |el: &web_sys::Element, prop: &str| {
        window
            .get_computed_style(el)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value(prop).ok())
            .unwrap_or_default()
    };
    let message = inside(&bar, "[part=message]");
    let red = "rgb(255, 0, 0)";
    assert_eq!(computed(&message, "color"), "rgb(0, 0, 128)");
    assert_ne!(computed(&message, "font-size"), "40px");
    assert_eq!(computed(&inside(&table, "table"), "display"), "table");
    assert_ne!(computed(&inside(&table, "[part=add]"), "color"), red);
    // The widget's own CSS does not leak out either.
    let outside = document().create_element("button").expect("button");
    outside.set_class_name("add");
    document()
        .body()
        .expect("body")
        .append_child(&outside)
        .expect("append");
    assert_ne!(
        computed(&outside, "background-color"),
        computed(&inside(&table, "[part=add]"), "background-color")
    );
    style.remove();
    outside.remove();
    bar.remove();
    table.remove();
}

#[wasm_bindgen_test]
async fn a_right_to_left_page_mirrors_the_bar_so_it_fills_from_the_right() {
    configure_electronics();
    let bar = element("cartlift-shipping-bar", &[("dir", "rtl")]);
    assert!(set_cart(&[("mouse", 1)]));
    tick().await;
    let fill = inside(&bar, "[part=fill]");
    let track = inside(&bar, "[part=bar]");
    let (f, t) = (
        fill.get_bounding_client_rect(),
        track.get_bounding_client_rect(),
    );
    assert!(
        (f.right() - (t.right() - 1.0)).abs() < 1.5,
        "fill ends at {} but the bar at {}",
        f.right(),
        t.right()
    );
    assert!(f.left() > t.left() + 10.0);
    bar.remove();
}

#[wasm_bindgen_test]
async fn removed_elements_release_their_views() {
    configure_electronics();
    let before = cartlift::mounted_count();
    let el = element("cartlift-upsell", &[]);
    assert_eq!(cartlift::mounted_count(), before + 1);
    cartlift::unmount(id_of(&el));
    el.remove();
    assert_eq!(cartlift::mounted_count(), before);
    // The shadow root now shows the fallback again.
    assert!(el
        .shadow_root()
        .expect("shadow")
        .query_selector("slot")
        .ok()
        .flatten()
        .is_some());
}

#[wasm_bindgen_test]
async fn state_returns_every_figure_as_plain_json() {
    configure_electronics();
    assert!(set_cart(&[("laptop", 1), ("tshirt", 2)]));
    let state = js_sys::JSON::stringify(&cartlift::state())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    assert!(
        state.contains(r#""subtotal":{"amount":"1050.00","minor":105000,"currency":"USD"}"#),
        "{state}"
    );
    assert!(
        state.contains(r#""saving":{"amount":"100.00","minor":10000,"currency":"USD"}"#),
        "{state}"
    );
    assert!(state.contains(r#""state":"achieved""#), "{state}");
}

#[wasm_bindgen_test]
fn the_minified_stylesheet_parses_to_the_same_rules_as_the_source() {
    let rules = |css: &str| -> Vec<String> {
        let sheet = web_sys::CssStyleSheet::new().expect("constructable");
        sheet.replace_sync(css).expect("parses");
        let list = sheet.css_rules().expect("readable");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|r| r.css_text())
            // The browser keeps a value that uses a custom property as it was written, so the
            // space the minifier drops after a comma (`var(--a, var(--b))`) shows there; it
            // means nothing, and is the one difference allowed.
            .map(|text| text.replace(", ", ","))
            .collect()
    };
    let source = rules(include_str!("../src/style.css"));
    assert!(source.len() > 20, "the stylesheet has its rules");
    assert_eq!(rules(cartlift::elements::CSS), source);
    assert!(cartlift::elements::CSS.len() < include_str!("../src/style.css").len());
}

/// Waits (up to `seconds`) for `ready`, checking each tenth of a second: for what changes on
/// its own, like a schedule's boundary.
async fn until(seconds: u32, ready: impl Fn() -> bool) -> bool {
    for _ in 0..seconds * 10 {
        if ready() {
            return true;
        }
        after_timer(100).await;
    }
    ready()
}

fn rfc3339_in(seconds: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        js_sys::Date::now() + seconds * 1000.0,
    ));
    date.to_iso_string().as_string().expect("an ISO time")
}

#[wasm_bindgen_test]
async fn a_bundle_that_starts_in_two_seconds_appears_and_one_that_ends_then_goes_by_themselves() {
    let (opens, closes) = (rfc3339_in(2.0), rfc3339_in(2.0));
    let config = format!(
        r#"{{"currency":"USD","products":[{{"id":"a","title":"Mug","price":"10"}},{{"id":"b","title":"Tea","price":"10"}}],
            "bundles":[{{"id":"soon","title":"Soon","items":["a","b"],"price":"15","starts_at":"{opens}"}},
                       {{"id":"now","title":"Now","items":["a","b"],"price":"18","ends_at":"{closes}"}}]}}"#
    );
    assert!(cartlift::configure(config.as_str().into()));
    let table = element("cartlift-bundles", &[("product", "a")]);
    assert!(set_cart(&[]));
    tick().await;
    let titles = || -> Vec<String> {
        all_inside(&table, ".bundle-title")
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(titles(), ["Now"]);
    // No cart change, no configure: the boundary alone changes the table.
    assert!(until(6, || titles() == ["Soon"]).await, "{:?}", titles());
    table.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn an_unticked_cart_puts_the_checkbox_back_after_the_wait() {
    configure_electronics();
    cartlift::ui::upsell::set_pending_ms(200);
    let upsell = element("cartlift-upsell", &[]);
    assert!(set_cart(&[("laptop", 1)]));
    tick().await;
    let checkbox: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(inside(&upsell, "input[part=checkbox]")).expect("checkbox");
    checkbox.click();
    tick().await;
    assert!(checkbox.checked());
    // The page never adds the warranty: after the wait, the checkbox says what the cart says.
    assert!(until(3, || !checkbox.checked()).await);
    assert_eq!(
        inside(&upsell, ".offer")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("false")
    );
    cartlift::ui::upsell::set_pending_ms(cartlift::ui::upsell::PENDING_MS);
    upsell.remove();
}

#[wasm_bindgen_test]
async fn the_configs_theme_colours_the_bar_and_the_pages_own_property_wins() {
    unremembered();
    let themed = ELECTRONICS.replacen(
        r#""currency": "USD","#,
        r##""currency": "USD", "theme": {"accent": "#123456"},"##,
        1,
    );
    assert!(cartlift::configure(themed.as_str().into()));
    let bar = element("cartlift-shipping-bar", &[]);
    assert!(set_cart(&[("mouse", 1)]));
    tick().await;
    let fill_colour = |bar: &web_sys::HtmlElement| {
        web_sys::window()
            .and_then(|w| {
                w.get_computed_style(&inside(bar, "[part=fill]"))
                    .ok()
                    .flatten()
            })
            .and_then(|s| s.get_property_value("background-color").ok())
            .unwrap_or_default()
    };
    assert_eq!(fill_colour(&bar), "rgb(18, 52, 86)");
    bar.style()
        .set_property("--cartlift-accent", "rgb(1, 2, 3)")
        .expect("style");
    tick().await;
    assert_eq!(fill_colour(&bar), "rgb(1, 2, 3)");
    bar.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn one_more_item_and_two_more_items_take_their_plural_forms_and_german_labels_show() {
    let config = r#"{"currency":"EUR","locale":"de-DE","products":[{"id":"t","title":"Hemd","price":"20"}],
        "volume_tiers":[{"product":"t","tiers":[{"min_quantity":3,"percent_off":10}]}],
        "labels":{"nudge":{"one":"Noch {more} Stück für {percent} Rabatt","other":"Noch {more} Stücke für {percent} Rabatt"},
                  "tier_quantity":"Ab {count} Stück","your_price":"Ihr Preis"}}"#;
    assert!(cartlift::configure(config.into()));
    let tiers = element("cartlift-tiers", &[("product", "t")]);
    let cart = |n: u32| {
        cartlift::set_cart(json(&format!(
            r#"{{"currency":"EUR","items":[{{"id":"t","quantity":{n}}}]}}"#
        )))
    };
    assert!(cart(1));
    tick().await;
    assert_eq!(
        text(&inside(&tiers, "[part=nudge]")),
        "Noch 2 Stücke für 10 % Rabatt"
    );
    assert!(cart(2));
    tick().await;
    assert_eq!(
        text(&inside(&tiers, "[part=nudge]")),
        "Noch 1 Stück für 10 % Rabatt"
    );
    assert!(cart(3));
    tick().await;
    assert_eq!(
        text(&inside(&tiers, "[part~=tier]")),
        "Ab 3 Stück 10 % off 18,00 € each Ihr Preis"
    );
    tiers.remove();
    configure_electronics();
}

#[wasm_bindgen_test]
async fn picking_the_xl_tee_makes_the_outfit_33_60_and_adds_tee_xl_black_naming_its_product() {
    let config = r#"{"currency":"USD","products":[
        {"id":"tee","title":"Organic T-shirt","price":"25.00","options":["Size","Colour"],
         "variants":[{"id":"tee-s-black","options":["S","Black"]},
                     {"id":"tee-m-black","options":["M","Black"]},
                     {"id":"tee-xl-black","options":["XL","Black"],"price":"27.00"},
                     {"id":"tee-s-white","options":["S","White"],"available":false}]},
        {"id":"cap","title":"Cap","price":"15.00"}],
        "bundles":[{"id":"outfit","title":"Tee + Cap","items":["tee","cap"],"percent_off":20}]}"#;
    assert!(cartlift::configure(config.into()));
    let bundles = element("cartlift-bundles", &[("product", "tee")]);
    assert!(set_cart(&[]));
    tick().await;
    // One labelled select per option of the tee, none for the cap.
    let selects: Vec<web_sys::HtmlSelectElement> = all_inside(&bundles, "select[part=variant]")
        .into_iter()
        .map(|s| wasm_bindgen::JsCast::dyn_into(s).expect("a select"))
        .collect();
    assert_eq!(selects.len(), 2);
    let labels: Vec<String> = all_inside(&bundles, "label.variant .variant-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(labels, ["Size", "Colour"]);
    // The first available variant is chosen; the sold-out white is shown, disabled.
    assert_eq!(selects[0].value(), "S");
    assert_eq!(selects[1].value(), "Black");
    let white = inside(&bundles, "select[part=variant] option[value=White]");
    assert!(white.has_attribute("disabled"));
    assert_eq!(text(&inside(&bundles, ".price")), "$32.00");
    // XL: $27 + $15 = $42, 20% off.
    selects[0].set_value("XL");
    let change = web_sys::Event::new("change").expect("an event");
    assert!(selects[0].dispatch_event(&change).is_ok());
    tick().await;
    assert_eq!(text(&inside(&bundles, ".price")), "$33.60");
    assert_eq!(selects[0].value(), "XL");
    let added = Heard::new("cartlift:add-to-cart");
    wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&inside(&bundles, "button[part=add]"))
        .expect("a button")
        .click();
    tick().await;
    assert_eq!(
        added.details(),
        [
            r#"{"items":[{"id":"tee-xl-black","product":"tee","quantity":1,"price":"21.60"},{"id":"cap","quantity":1,"price":"12.00"}],"source":{"widget":"bundles","offer":"outfit"}}"#
        ]
    );
    // A medium black tee in the cart completes the set with the cap: mixed variants.
    assert!(set_cart(&[("tee-m-black", 1), ("cap", 1)]));
    tick().await;
    assert!(!inside(&bundles, "[part=all-in-cart]").has_attribute("hidden"));
    bundles.remove();
    configure_electronics();
}
