//! The platforms' carts read into cartlift's (spec §6), on real payloads: the prices a
//! shopper would see in the platform's own cart, to the minor unit, in CAD, JPY, KWD and USD.

use cartlift_core::platform::{shopify, woocommerce, Variants};
use cartlift_core::{Cart, Config};

const SHOPIFY: &str = include_str!("fixtures/shopify-cart-populated.json");
const WOO: &str = include_str!("fixtures/woocommerce-store-api-cart.json");

fn variants(pairs: &[(&str, &str)]) -> Variants {
    Variants::new(
        pairs
            .iter()
            .map(|(v, id)| ((*v).to_owned(), (*id).to_owned()))
            .collect(),
    )
}

/// The Shopify fixture in another currency, with every amount of its one line replaced.
fn shopify_in(currency: &str, unit: &str, line: &str, quantity: u32) -> String {
    SHOPIFY
        .replace(
            "\"currency\": \"CAD\"",
            &format!("\"currency\": \"{currency}\""),
        )
        .replace("\"price\": 58000", &format!("\"price\": {unit}"))
        .replace(
            "\"original_price\": 58000",
            &format!("\"original_price\": {unit}"),
        )
        .replace("\"line_price\": 58000", &format!("\"line_price\": {line}"))
        .replace("\"quantity\": 1,", &format!("\"quantity\": {quantity},"))
}

#[test]
fn the_ratio_eight_is_580_canadian_dollars_and_maps_to_the_catalog_product() {
    let out = shopify::cart(SHOPIFY, &variants(&[("38558517710", "ratio-eight")])).expect("read");
    assert_eq!(out.cart.currency, "CAD");
    let line = &out.cart.items[0];
    assert_eq!((line.id.as_str(), line.quantity), ("ratio-eight", 1));
    assert_eq!(
        (line.price.as_str(), line.line_price.as_str()),
        ("580.00", "580.00")
    );
    assert_eq!(line.title, None);
    assert_eq!(out.lines[0].key, "123456:123456");
    assert_eq!(out.lines[0].item, "38558517710");
}

#[test]
fn a_line_not_in_the_catalog_keeps_its_platform_price_and_title() {
    let out = shopify::cart(SHOPIFY, &Variants::default()).expect("read");
    let line = &out.cart.items[0];
    assert_eq!(line.id, "shopify:38558517710");
    assert_eq!(line.line_price, "580.00");
    assert_eq!(line.title.as_deref(), Some("Ratio Eight"));
}

#[test]
fn a_thousand_yen_arrives_as_100000_and_is_1000_yen() {
    let out = shopify::cart(
        &shopify_in("JPY", "100000", "300000", 3),
        &Variants::default(),
    )
    .expect("read");
    assert_eq!(out.cart.items[0].price, "1000");
    assert_eq!(out.cart.items[0].line_price, "3000");
}

#[test]
fn kuwaiti_dinars_arrive_in_hundredths_and_keep_three_decimals() {
    let out =
        shopify::cart(&shopify_in("KWD", "1234", "2468", 2), &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].price, "12.340");
    assert_eq!(out.cart.items[0].line_price, "24.680");
}

#[test]
fn a_58_dollar_line_discount_leaves_the_unit_price_at_580_and_the_line_at_522() {
    // As Shopify returns a line that a Discount Function (cartlift's own bundle, say) priced:
    // `price` and `final_price` are after the discount, `original_price` before it.
    let text = SHOPIFY
        .replace("\"price\": 58000,", "\"price\": 52200,")
        .replace(
            "\"line_price\": 58000,",
            "\"line_price\": 52200, \"final_price\": 52200, \"final_line_price\": 52200,",
        );
    let out = shopify::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].price, "580.00");
    assert_eq!(out.cart.items[0].line_price, "522.00");
}

#[test]
fn an_older_response_without_original_price_reads_price() {
    let text = SHOPIFY.replace("\"original_price\": 58000,", "");
    let out = shopify::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].price, "580.00");
}

#[test]
fn lines_that_cartlift_added_are_known_by_their_private_properties() {
    let text = SHOPIFY.replace(
        "\"properties\": null",
        "\"properties\": {\"_cartlift_bundle\": \"office-2\", \"Engraving\": \"A\"}",
    );
    let out = shopify::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.lines[0].bundle.as_deref(), Some("office-2"));
    assert_eq!(out.lines[0].offer, None);
    let text = SHOPIFY.replace(
        "\"properties\": null",
        "\"properties\": {\"_cartlift_offer\": \"warranty-2y\"}",
    );
    let out = shopify::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.lines[0].offer.as_deref(), Some("warranty-2y"));
}

#[test]
fn a_line_with_cartlift_gift_reads_as_the_goals_gift_and_one_without_it_does_not() {
    let text = SHOPIFY.replace(
        "\"properties\": null",
        "\"properties\": {\"_cartlift_gift\": \"200.00\"}",
    );
    let out = shopify::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].gift, Some(true));
    assert_eq!(out.lines[0].gift, Some(true));
    assert!(out.to_json().contains("\"gift\":true"));
    let out = shopify::cart(SHOPIFY, &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].gift, None);
}

#[test]
fn a_woocommerce_line_the_plugin_marks_as_a_gift_reads_as_the_gift_and_its_key_is_known() {
    // cartlift's plugin gives each line it marked `extensions.cartlift`, the mark it was added with.
    let text = WOO.replacen(
        "\"extensions\": {}",
        "\"extensions\": {\"cartlift\": {\"gift\": \"beanie\"}}",
        1,
    );
    assert_ne!(text, WOO, "the fixture's first line has extensions");
    let out = woocommerce::cart(&text, &variants(&[("38", "beanie")])).expect("read");
    assert_eq!(out.cart.items[0].gift, Some(true));
    assert_eq!(out.lines[0].gift, Some(true));
    assert_eq!(out.cart.items[1].gift, None);
    assert_eq!(out.lines[1].gift, None);
    let text = WOO.replacen(
        "\"extensions\": {}",
        "\"extensions\": {\"cartlift\": {\"bundle\": \"winter\"}}",
        1,
    );
    let out = woocommerce::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.lines[0].bundle.as_deref(), Some("winter"));
    assert_eq!(out.cart.items[0].gift, None);
}

#[test]
fn a_shopify_cart_without_a_currency_or_with_a_fractional_quantity_is_refused_with_its_path() {
    let errs = shopify::cart(
        &SHOPIFY.replace("\"currency\": \"CAD\"", "\"currency\": \"XXQ\""),
        &Variants::default(),
    )
    .expect_err("refused");
    assert_eq!(errs[0].path(), "currency");
    let errs = shopify::cart(
        &SHOPIFY.replace("\"quantity\": 1,", "\"quantity\": 1.5,"),
        &Variants::default(),
    )
    .expect_err("refused");
    assert_eq!(errs[0].path(), "items[0].quantity");
    assert_eq!(errs[0].code().as_str(), "platform");
}

#[test]
fn woocommerce_lines_are_18_and_55_dollars_and_cost_15_30_and_46_75_after_the_coupon() {
    let out = woocommerce::cart(WOO, &variants(&[("38", "beanie"), ("22", "belt")])).expect("read");
    assert_eq!(out.cart.currency, "USD");
    let got: Vec<_> = out
        .cart
        .items
        .iter()
        .map(|l| {
            (
                l.id.as_str(),
                l.quantity,
                l.price.as_str(),
                l.line_price.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("beanie", 1, "18.00", "15.30"),
            ("belt", 1, "55.00", "46.75")
        ]
    );
    assert_eq!(out.lines[1].key, "b6d767d2f8ed5d21a44b0e5886680cb9");
}

#[test]
fn a_store_that_prices_dollars_with_three_decimals_is_read_to_the_nearest_cent() {
    let text = WOO
        .replace("\"currency_minor_unit\": 2", "\"currency_minor_unit\": 3")
        .replace("\"price\": \"1800\"", "\"price\": \"18005\"")
        .replace("\"line_total\": \"1530\"", "\"line_total\": \"15304\"");
    let out = woocommerce::cart(&text, &Variants::default()).expect("read");
    assert_eq!(out.cart.items[0].price, "18.01");
    assert_eq!(out.cart.items[0].line_price, "15.30");
    assert_eq!(out.cart.items[0].id, "woocommerce:38");
    assert_eq!(out.cart.items[0].title.as_deref(), Some("Beanie with Logo"));
}

#[test]
fn the_mapped_cart_is_one_the_widget_takes_and_its_subtotal_is_the_platforms() {
    let config = Config::from_json(
        r#"{"currency":"USD","products":[
            {"id":"beanie","title":"Beanie","price":"20.00","variant_id":38},
            {"id":"belt","title":"Belt","price":"65.00","variant_id":"22"}]}"#,
    )
    .expect("valid config");
    let out = woocommerce::cart(
        WOO,
        &Variants::from_config_json(
            r#"{"products":[{"id":"beanie","variant_id":38},{"id":"belt","variant_id":"22"}]}"#,
        ),
    )
    .expect("read");
    let text = cartlift_core::json::to_string(&out.cart);
    let cart = Cart::from_json(&text, &config).expect("taken");
    // The platform's sale prices (18 and 55), not the catalog's (20 and 65); after the 15%
    // coupon, what the shopper pays for them.
    assert_eq!(cart.before_discounts_where(|_| true).minor(), 7300);
    assert_eq!(cart.total_where(|_| true).minor(), 6205);
    assert_eq!(cart.lines[0].product, Some(0));
}

#[test]
fn a_variant_id_that_is_a_fraction_or_named_twice_is_refused_with_its_path() {
    let text = r#"{"currency":"USD","products":[
            {"id":"a","title":"A","price":"1.00","variant_id":1.5},
            {"id":"b","title":"B","price":"1.00","variant_id":"77"},
            {"id":"c","title":"C","price":"1.00","variant_id":77}]}"#;
    // The widget takes the config; the platform's check names what a platform cannot use.
    assert!(Config::from_json(text).is_ok());
    let (variants, errs) = Variants::check(text);
    assert_eq!(variants.product("77"), Some("b"));
    let paths: Vec<_> = errs.iter().map(|e| (e.path(), e.code().as_str())).collect();
    assert_eq!(
        paths,
        [
            ("products[0].variant_id", "bad_value"),
            ("products[2].variant_id", "duplicate_id")
        ]
    );
}

#[test]
fn a_line_price_of_19_99_for_three_at_6_67_is_the_subtotal_not_20_01() {
    let config = Config::from_json(
        r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"7.00"}]}"#,
    )
    .expect("valid");
    let cart = Cart::from_json(
        r#"{"currency":"USD","items":[{"id":"a","quantity":3,"price":"6.67","line_price":"19.99"}]}"#,
        &config,
    )
    .expect("taken");
    assert_eq!(cart.total_where(|_| true).minor(), 1999);
    assert_eq!(cart.lines[0].unit_price.minor(), 667);
}

#[test]
fn a_discount_code_that_is_empty_or_a_number_is_refused_with_its_path() {
    let text = r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1.00"},{"id":"b","title":"B","price":"1.00"}],
        "bundles":[{"id":"ab","items":["a","b"],"price":"1.50","discount_code":"BUNDLE10"},{"id":"ba","items":["b","a"],"price":"1.50","discount_code":" "}],
        "upsells":[{"id":"u","product":"b","discount_code":10}]}"#;
    // The widget takes the config; what a platform reads is checked where it is read.
    assert!(Config::from_json(text).is_ok());
    let errs = cartlift_core::platform::check_config(text);
    let paths: Vec<_> = errs.iter().map(|e| e.path()).collect();
    assert_eq!(
        paths,
        ["bundles[1].discount_code", "upsells[0].discount_code"]
    );
}
