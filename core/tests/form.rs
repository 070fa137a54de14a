//! The config as checkout reads it (`checkout::form`): what the export writes, what the Shopify
//! Function reads, and that the two say the same as the config the widget reads. The golden
//! vectors price checkout through it (`golden.rs`); these are its own promises.

use cartlift_core::checkout::form::{self, read, write};
use cartlift_core::config::model::UpsellPrice;
use cartlift_core::market::Rate;
use cartlift_core::{Config, Currency, Setup};

const EXPERIMENT: &str = r#"{
  "currency": "USD",
  "products": [
    { "id": "mouse", "title": "Wireless Mouse", "price": "50.00", "variant_id": 44000000000002 },
    { "id": "laptop", "title": "Laptop Pro 14", "price": "1000.00", "variant_id": 44000000000001, "image": "https://example.com/l.png" },
    { "id": "poster", "title": "Poster", "price": "5.00" }
  ],
  "segments": [ { "id": "vip", "when": { "orders_min": 3, "typical_min": "80.00" } } ],
  "shipping_bar": { "goals": [
    { "threshold": "50.00", "reward": "free shipping", "by_currency": { "EUR": "45.00" } },
    { "threshold": "100.00", "reward": "free shipping", "by_country": { "CA": "120.00" }, "grants": { "free_shipping": "all" } }
  ] },
  "bundles": [ { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "950.00", "ends_at": "2027-01-01T00:00:00Z", "segments": ["vip"] } ],
  "upsells": [ { "id": "mouse-deal", "product": "mouse", "title": "A second mouse", "percent_of": { "product": "laptop", "percent": 4 }, "when": { "cart_contains": ["laptop"], "min_subtotal": "500.00" } } ],
  "experiments": [ { "id": "bundle-price", "variants": [
    { "id": "control", "weight": 1 },
    { "id": "cheaper", "weight": 1, "config": { "bundles": [ { "id": "office-2", "title": "Laptop + Mouse", "items": ["laptop", "mouse"], "price": "900.00" } ] } }
  ] } ]
}"#;

fn bundle_price(config: &Config) -> i64 {
    match config.bundles[0].pricing {
        cartlift_core::config::model::BundlePricing::Fixed(m) => m.minor(),
        _ => panic!("a fixed price"),
    }
}

#[test]
fn the_cheaper_variant_prices_the_bundle_at_900_only_for_a_shopper_who_claims_it() {
    let text = write(EXPERIMENT).expect("writes");
    let control = read(&text, Currency::USD, None, &[]).expect("reads");
    assert_eq!(bundle_price(&control.config), 95000);
    let claim = [("bundle-price".to_owned(), "cheaper".to_owned())];
    let cheaper = read(&text, Currency::USD, None, &claim).expect("reads");
    assert_eq!(bundle_price(&cheaper.config), 90000);
    // A variant the config does not have, or another experiment, changes nothing.
    let other = [("bundle-price".to_owned(), "free".to_owned())];
    assert_eq!(
        bundle_price(
            &read(&text, Currency::USD, None, &other)
                .expect("reads")
                .config
        ),
        95000
    );
}

#[test]
fn the_form_keeps_what_checkout_prices_and_leaves_out_the_rest() {
    let text = write(EXPERIMENT).expect("writes");
    assert!(
        text.len() < EXPERIMENT.len() / 2,
        "{} bytes: {text}",
        text.len()
    );
    // Only the products an offer names, the goals that grant something, no image or title.
    assert!(
        !text.contains("poster") && !text.contains("example.com") && !text.contains("Laptop Pro")
    );
    let read = read(&text, Currency::USD, None, &[]).expect("reads");
    let ids: Vec<&str> = read.config.products.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["laptop", "mouse"], "by id");
    assert_eq!(read.variants, [(44000000000001, 0), (44000000000002, 1)]);
    let bar = read.config.shipping_bar.as_ref().expect("a granting goal");
    assert_eq!(bar.goals.len(), 1);
    assert_eq!(bar.goals[0].by_country[0].1.minor(), 12000);
    assert_eq!(
        read.config.segments[0].1.typical_min.map(|m| m.minor()),
        Some(8000)
    );
}

#[test]
fn two_experiments_that_change_the_bundles_are_refused_with_the_reason() {
    let two = EXPERIMENT.replace(
        r#"  ] } ]
}"#,
        r#"  ] },
  { "id": "bundle-title", "variants": [
    { "id": "control", "weight": 1 },
    { "id": "short", "weight": 1, "config": { "bundles": [ { "id": "office-2", "title": "Desk set", "items": ["laptop", "mouse"], "price": "950.00" } ] } }
  ] } ]
}"#,
    );
    assert!(Config::from_json(&two).is_ok(), "a valid config");
    let errors = write(&two).expect_err("refused");
    assert_eq!(errors[0].path(), "experiments");
    assert_eq!(errors[0].code(), cartlift_core::error::Code::BadValue);
}

#[test]
fn a_form_of_another_version_or_with_a_position_past_its_list_is_refused() {
    let text = write(EXPERIMENT).expect("writes");
    let other = text.replacen(&format!("\"form\":{}", form::VERSION), "\"form\":99", 1);
    assert!(read(&other, Currency::USD, None, &[]).is_err());
    let past = text.replacen("[0,1],[\"fixed\"", "[0,7],[\"fixed\"", 1);
    assert_ne!(past, text, "the bundle's items are written [0,1]");
    assert!(read(&past, Currency::USD, None, &[]).is_err());
    assert!(read("{}", Currency::USD, None, &[]).is_err());
    assert!(read("not json", Currency::USD, None, &[]).is_err());
}

#[test]
fn a_cart_in_euros_is_priced_from_the_config_converted_at_the_rate_and_the_merchants_own_thresholds(
) {
    let text = write(EXPERIMENT).expect("writes");
    let eur = Currency::from_code("EUR").expect("EUR");
    let rate = Rate::parse("0.92");
    let read = read(&text, eur, rate, &[]).expect("reads");
    assert_eq!(read.config.currency, eur);
    assert_eq!(bundle_price(&read.config), 87400);
    // No rate: a euro cart cannot be priced from a dollar config.
    assert!(form::read(&text, eur, None, &[]).is_err());
}

/// Every config the project ships, in every currency a store of ours converts to.
fn configs() -> Vec<&'static str> {
    vec![
        EXPERIMENT,
        include_str!("../../www/configs/apparel.json"),
        include_str!("../../www/configs/coffee.json"),
        include_str!("../../www/configs/electronics.json"),
        include_str!("../../www/configs/jpy.json"),
        include_str!("../../www/stores/shopify.json"),
        include_str!("../../www/stores/woocommerce.json"),
    ]
}

/// The amounts checkout prices with, each beside what names it: each product's and variant's
/// price by the product's id, each bundle's pricing and each upsell's price and subtotal
/// bounds by their ids (a product they name by its id), each goal's threshold, its thresholds
/// by country and the amount off it grants. Checkout's form keeps only what it prices, so
/// checkout's list is held to the page's, not the other way.
fn figures(c: &Config) -> Vec<String> {
    let id = |i: usize| c.products.get(i).map_or("?", |p| p.id.as_str());
    let mut out = vec![format!("{:?}", c.currency)];
    for p in &c.products {
        out.push(format!("product {} {:?}", p.id, p.price));
        for v in &p.variants {
            out.push(format!("variant {} {} {:?}", p.id, v.id, v.price));
        }
    }
    for b in &c.bundles {
        out.push(format!("bundle {} {:?}", b.id, b.pricing));
    }
    for u in &c.upsells {
        let price = match u.price {
            UpsellPrice::PercentOfProduct(p, percent) => format!("{percent:?} of {}", id(p)),
            other => format!("{other:?}"),
        };
        out.push(format!(
            "upsell {} {price} {:?} {:?}",
            u.id, u.min_subtotal, u.max_subtotal
        ));
    }
    for g in c.shipping_bar.iter().flat_map(|b| &b.goals) {
        out.push(format!(
            "goal {:?} {:?} {:?}",
            g.threshold, g.by_country, g.grants.amount_off
        ));
    }
    out
}

#[test]
fn the_widget_in_a_market_shows_the_amounts_checkout_charges_in_it() {
    // One conversion, `convert_config`: the page converts its checked setup (and each variant
    // once laid over it), checkout its form. Held equal on every config we ship, at rates
    // that round both ways, for every variant a shopper may be in.
    for text in configs() {
        let form = write(text).expect("writes");
        let setup = Setup::from_json(text).expect("valid");
        let mut claims = vec![Vec::new()];
        for e in &setup.config.experiments {
            for v in &e.variants {
                claims.push(vec![(e.id.clone(), v.id.clone())]);
            }
        }
        for (code, rate) in [
            ("EUR", "0.92"),
            ("JPY", "149.5"),
            ("KWD", "0.3071"),
            ("USD", "1.37"),
        ] {
            let to = Currency::from_code(code).expect("known");
            let rate = Rate::parse(rate).expect("rate");
            if setup.config.currency == to {
                continue;
            }
            let shown = setup.clone().in_market(to, rate).expect("converts");
            for claimed in &claims {
                let page = shown
                    .for_variants(claimed)
                    .config
                    .unwrap_or_else(|| shown.config.clone());
                let checkout = read(&form, to, Some(rate), claimed).expect("reads").config;
                let shown = figures(&page);
                for figure in figures(&checkout) {
                    assert!(
                        shown.contains(&figure),
                        "{code} {claimed:?}: checkout's {figure} is not the page's {shown:?}"
                    );
                }
            }
        }
    }
}

/// Two of each of the config's products in its cart, marked for every bundle and offer, priced
/// as checkout prices it.
fn price_everything(config: Config) {
    use cartlift_core::cart::Line;
    use cartlift_core::checkout::{price, Buyer, Claim, Clock, Mark};
    let mut cart = cartlift_core::Cart::empty(config.currency);
    let mut marks = Vec::new();
    for (i, p) in config.products.iter().enumerate() {
        cart.lines.push(Line {
            id: String::new(),
            product: Some(i),
            quantity: 2,
            unit_price: p.price,
            total: p.price.checked_mul(2).unwrap_or(p.price),
            gift: false,
        });
        marks.push(Mark {
            bundle: config.bundles.first().map(|b| b.id.clone()),
            offer: config.upsells.first().map(|u| u.id.clone()),
        });
    }
    let claim = Claim {
        segments: vec!["vip".into()],
        variants: Vec::new(),
    };
    let buyer = Buyer::new(&config, &claim, Some("CA"));
    let _ = price(
        config,
        &cart,
        &marks,
        &buyer,
        Clock::During(0, 2_000_000_000),
    );
}

proptest::proptest! {
    #[test]
    fn a_form_edited_anywhere_is_read_or_refused_never_a_panic(
        at in 0usize..4000,
        len in 0usize..12,
        with in "[\\[\\]{},:0-9a-z\"-]{0,6}",
    ) {
        let text = write(EXPERIMENT).expect("writes");
        let at = at.min(text.len());
        let end = (at + len).min(text.len());
        if text.is_char_boundary(at) && text.is_char_boundary(end) {
            let edited = format!("{}{with}{}", &text[..at], &text[end..]);
            let claim = [("bundle-price".to_owned(), "cheaper".to_owned())];
            let jpy = Currency::from_code("JPY").expect("JPY");
            for (currency, rate) in [(Currency::USD, None), (jpy, Rate::parse("149.5"))] {
                // What it reads, checkout prices without a panic.
                if let Ok(read) = read(&edited, currency, rate, &claim) {
                    price_everything(read.config);
                }
            }
        }
    }
}
