//! What a merchant reads when the config is wrong: every problem at once, each with its path.

mod common;
use common::*;

fn assert_has(errs: &[String], wanted: &str) {
    assert!(
        errs.iter().any(|e| e == wanted),
        "{wanted:?} not in {errs:#?}"
    );
}

#[test]
fn the_electronics_example_is_valid() {
    assert_eq!(errors(ELECTRONICS), Vec::<String>::new());
}

#[test]
fn mous_in_a_bundle_suggests_mouse_with_the_spec_s_exact_sentence() {
    let text = ELECTRONICS.replacen(
        r#""items": ["laptop", "mouse", "keyboard"]"#,
        r#""items": ["laptop", "mous", "keyboard"]"#,
        1,
    );
    assert_has(
        &errors(&text),
        r#"bundles[1].items[1]: no product has the id "mous" (did you mean "mouse"?)"#,
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let errs = errors(
        r#"{"currency":"USD","locale":"en_US","products":[
              {"id":"a","title":"A","price":"10.999"},
              {"id":"a","title":"A again","price":"-1"},
              {"id":"b","title":"B","price":"5","image":"javascript:alert(1)"}],
            "shipping_bar":{"goals":[{"threshold":"100","reward":"free shipping"},{"threshold":"50","reward":"gift"}],
              "messages":{"progress":"{remainig} to go"},"exclude":["z"]},
            "bundles":[
              {"id":"x","items":["a"],"price":"1"},
              {"id":"x","items":["a","b"]},
              {"id":"y","items":["a","b"],"price":"1","percent_off":5},
              {"id":"z","items":["b","b"],"price":"10.00"},
              {"id":"w","items":["b","b"],"percent_off":101}],
            "volume_tiers":[{"product":"b","tiers":[{"min_quantity":3,"percent_off":10},{"min_quantity":2,"percent_off":20}]}],
            "upsells":[{"id":"u","product":"b","starts_at":"2026-12-01T00:00:00Z","ends_at":"2026-11-01T00:00:00Z"}]}"#,
    );
    for wanted in [
        r#"locale: "en_US" is not a language tag (did you mean "en-US"?); write it like "en-US", "fr-CA" or "ja-JP""#,
        r#"products[0].price: "10.999" has more than 2 decimals, the most USD has"#,
        r#"products[1].id: the id "a" is already used by products[0]; ids must be unique"#,
        r#"products[1].price: "-1" is negative: amounts must be 0 or more"#,
        r#"products[2].image: "javascript:alert(1)" is not allowed: links and images must be http(s) or relative URLs"#,
        "shipping_bar.goals[1].threshold: goals must go up: 50.00 is not more than the goal before it (100.00)",
        r#"shipping_bar.messages.progress: unknown placeholder {remainig} (did you mean "remaining"?); this message can use {remaining}, {threshold}, {reward}, {subtotal}, {typical}"#,
        r#"shipping_bar.exclude[0]: no product has the id "z""#,
        "bundles[0].items: a bundle needs at least two items; this one has 1",
        r#"bundles[1].id: the id "x" is already used by bundles[0]; ids must be unique"#,
        r#"bundles[1]: a bundle needs a price: give one of "price", "percent_off" or "amount_off""#,
        r#"bundles[2]: give only one of "price", "percent_off" or "amount_off"; this bundle has more than one"#,
        "bundles[3].price: the bundle costs 10.00 but its items cost 10.00 on their own, so it saves nothing",
        r#"bundles[4].percent_off: "101" is not between 0 and 100"#,
        "volume_tiers[0].tiers[1].min_quantity: tiers must go up: 2 is not more than the tier before it (3)",
        "upsells[0].starts_at: starts_at is after ends_at, so this would never show",
    ] {
        assert_has(&errs, wanted);
    }
}

#[test]
fn an_unknown_currency_suggests_the_near_one() {
    assert_has(
        &errors(r#"{"currency":"usd","products":[]}"#),
        r#"currency: "usd" is not an ISO 4217 currency code (did you mean "USD"?); write it like "USD", "EUR" or "JPY""#,
    );
    let errs = errors(r#"{"currency":"EUX","products":[]}"#);
    assert!(
        errs[0].starts_with("currency: \"EUX\" is not an ISO 4217 currency code (did you mean"),
        "{errs:?}"
    );
}

#[test]
fn a_misspelt_key_is_an_error_with_a_suggestion_not_silence() {
    let errs = errors(
        r#"{"currency":"USD","products":[],"shipping_bar":{"goals":[{"thresold":"75","reward":"x"}]}}"#,
    );
    assert_eq!(
        errs,
        [
            r#"shipping_bar.goals[0].thresold: unknown key "thresold" (did you mean "threshold"?); the keys here are "threshold", "reward", "by_currency", "by_country", "starts_at", "ends_at", "segments", "personal", "grants""#,
            r#"shipping_bar.goals[0]: "threshold" is missing"#,
        ]
    );
}

#[test]
fn every_problem_of_shape_is_listed_at_once_too() {
    let errs = errors(
        r#"{"currency":"USD","prodcts":[],"products":[{"id":1,"title":"A","price":"1","colour":"red"}],
            "bundles":[{"id":"b","items":"a","price":"1"}],"max_offers":-1,"theme":{"accent":7}}"#,
    );
    assert_eq!(
        errs,
        [
            r#"prodcts: unknown key "prodcts" (did you mean "products"?); the keys here are "currency", "locale", "products", "shipping_bar", "bundles", "volume_tiers", "buy_x_get_y", "upsells", "max_offers", "theme", "labels", "cart", "segments", "experiments", "countdown_hours""#,
            r#"products[0].colour: unknown key "colour"; the keys here are "id", "title", "price", "image", "url", "variant_id", "related", "options", "variants""#,
            "products[0].id: expected text in \"double quotes\", found the number 1",
            "bundles[0].items: expected a list [ ... ], found the text \"a\"",
            "max_offers: expected a whole number from 0, found the number -1",
            "theme.accent: expected text in \"double quotes\", found the number 7",
        ]
    );
}

#[test]
fn wrong_types_and_broken_json_say_where() {
    let first = |text: &str| errors(text).into_iter().next().unwrap_or_default();
    assert_eq!(
        first(r#"{"currency":"USD","products":[{"id":"a","title":"A","price":true}]}"#),
        r#"products[0].price: expected a number such as "12.99", found true"#
    );
    assert_eq!(
        first(r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1"}],"volume_tiers":[{"product":"a","tiers":[{"min_quantity":-2,"percent_off":5}]}]}"#),
        "volume_tiers[0].tiers[0].min_quantity: expected a whole number from 0, found the number -2"
    );
    assert_eq!(
        first(r#"{"currency":"USD","products":[}"#),
        "products[0]: this is not valid JSON: expected a value (text needs \"double quotes\")"
    );
    assert_eq!(
        first(r#"{"currency":"USD","products":["#),
        "products[0]: this is not valid JSON: it ends too early (a missing \"}\" or \"]\"?)"
    );
    assert_eq!(first(r#"{"products":[]}"#), r#".: "currency" is missing"#);
    assert_eq!(
        first(r#"{"currency":5,"products":[]}"#),
        r#"currency: expected text in "double quotes", found the number 5"#
    );
    assert_eq!(
        first(r#"{"currency":"USD","products":{}}"#),
        "products: expected a list [ ... ], found an object { ... }"
    );
}

#[test]
fn bad_times_country_codes_and_theme_values_are_refused() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1"}],
            "shipping_bar":{"goals":[{"threshold":"5","reward":"r","by_country":{"ca":"6"},"by_currency":{"EUR":"5.555"},"ends_at":"tomorrow"}]},
            "theme":{"accent":"red; background:url(//evil)","radius":"8px"}}"#,
    );
    assert_has(
        &errs,
        r#"shipping_bar.goals[0].by_country.ca: "ca" is not a country code; write it as two capital letters, like "CA" or "DE""#,
    );
    assert_has(
        &errs,
        r#"shipping_bar.goals[0].by_currency.EUR: "5.555" has more than 2 decimals, the most EUR has"#,
    );
    assert!(
        errs.iter().any(|e| e
            .starts_with(r#"shipping_bar.goals[0].ends_at: "tomorrow" is not an RFC 3339 time"#)),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.starts_with("theme.accent: ")),
        "{errs:?}"
    );
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

#[test]
fn an_amount_off_larger_than_the_items_is_refused() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1"},{"id":"b","title":"B","price":"2"}],
            "bundles":[{"id":"x","items":["a","b"],"amount_off":"5"}]}"#,
    );
    assert_has(
        &errs,
        "bundles[0].amount_off: 5.00 off is more than the items cost (3.00)",
    );
}

#[test]
fn a_sample_cart_in_the_config_is_checked_with_its_path() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"mouse","title":"M","price":"1"}],
            "cart":{"currency":"USD","items":[{"id":"mose","quantity":1}]}}"#,
    );
    assert_has(
        &errs,
        r#"cart.items[0].id: no product has the id "mose" (did you mean "mouse"?); give the line a price so it counts toward the subtotal"#,
    );
}

#[test]
fn bad_carts_are_refused_with_paths() {
    let c = config(ELECTRONICS);
    let bad = |text: &str| match cartlift_core::Cart::from_json(text, &c) {
        Ok(_) => panic!("{text} should be refused"),
        Err(errs) => errs.iter().map(sentence).collect::<Vec<_>>(),
    };
    assert!(
        bad(r#"{"currency":"USD","items":[{"id":"mouse","quantity":-1}]}"#)[0]
            .starts_with("items[0].quantity: expected a whole number from 0")
    );
    assert!(
        bad(r#"{"currency":"USD","items":[{"id":"mouse","quantity":1.5}]}"#)[0]
            .starts_with("items[0].quantity: expected a whole number from 0")
    );
    assert!(bad(r#"{"currency":"EUR","items":[]}"#)[0]
        .starts_with("currency: the cart is in EUR but the config's prices are in USD"));
    assert!(bad(r#"{"currency":"XXX","items":[]}"#)[0]
        .starts_with("currency: \"XXX\" is not an ISO 4217 currency code"));
    assert!(
        bad("null")[0].starts_with(".: expected an object"),
        "{:?}",
        bad("null")
    );
    assert!(bad(r#""cart""#)[0].starts_with(".: expected an object"));
    assert_eq!(
        bad(r#"{"currency":"USD","items":[{"id":"mouse","quantity":2000000}]}"#),
        ["items[0].quantity: 2000000 is more than the 1000000 a line may hold"]
    );
    assert_eq!(
        bad(r#"{"currency":"USD","items":[{"id":"mouse","quantity":1,"price":"4.999"}]}"#),
        [r#"items[0].price: "4.999" has more than 2 decimals, the most USD has"#]
    );
    // A product the catalog lacks counts when the page prices it.
    let ok = cartlift_core::Cart::from_json(
        r#"{"currency":"USD","items":[{"id":"gift-card","quantity":1,"price":"25"}]}"#,
        &c,
    );
    assert_eq!(ok.map(|c| c.lines[0].total.minor()), Ok(2500));
}

#[test]
fn every_problem_carries_a_stable_code_and_its_line_and_column() {
    use cartlift_core::error::Code;
    let text = "{\n  \"currency\": \"USD\",\n  \"products\": [\n    { \"id\": \"mouse\", \"title\": \"Mouse\", \"price\": \"50.00\" }\n  ],\n  \"bundles\": [ { \"id\": \"b\", \"items\": [\"mouse\", \"mous\"], \"percent_off\": 101 } ]\n}";
    let errs = cartlift_core::Config::from_json(text).unwrap_err();
    let got: Vec<(Code, &str, Option<u32>, Option<u32>)> = errs
        .iter()
        .map(|e| (e.code(), e.path(), e.line(), e.column()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Code::UnknownProduct,
                "bundles[0].items[1]",
                Some(6),
                Some(48)
            ),
            (
                Code::BadPercent,
                "bundles[0].percent_off",
                Some(6),
                Some(57)
            ),
        ]
    );
    assert_eq!(
        errs[0].to_string(),
        "bundles[0].items[1]: no product has the id \"mous\" (did you mean \"mouse\"?) (line 6, column 48)"
    );
    let syntax = cartlift_core::Config::from_json("{\n  \"currency\": USD\n}").unwrap_err();
    assert_eq!(syntax[0].code(), Code::Syntax);
    assert_eq!((syntax[0].line(), syntax[0].column()), (Some(2), Some(15)));
}

#[test]
fn an_out_of_range_percent_is_one_problem_not_also_a_bundle_that_saves_nothing() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"10"},{"id":"b","title":"B","price":"10"}],
            "bundles":[{"id":"x","items":["a","b"],"percent_off":150},{"id":"y","items":["a","b"],"amount_off":"1.234"}]}"#,
    );
    assert_eq!(
        errs,
        [
            "bundles[0].percent_off: \"150\" is not between 0 and 100",
            "bundles[1].amount_off: \"1.234\" has more than 2 decimals, the most USD has",
        ]
    );
}

#[test]
fn an_unclosed_brace_in_a_message_is_a_config_error_with_its_path() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"10"}],
            "shipping_bar":{"goals":[{"threshold":"75","reward":"free shipping"}],"messages":{"progress":"Only {remaining left"}}}"#,
    );
    assert_eq!(
        errs,
        ["shipping_bar.messages.progress: has a \"{\" that is never closed (\"{remaining left\"); write \"{{\" for a brace"]
    );
}

#[test]
fn a_theme_value_outside_the_allow_list_is_refused_with_what_to_write_instead() {
    for bad in [
        "image-set(\"a.png\" 1x)",
        "-webkit-image-set(url(a) 1x)",
        "cross-fade(red, blue)",
    ] {
        let text = format!(
            r#"{{"currency":"USD","products":[],"theme":{{"bg":{}}}}}"#,
            serde_json::to_string(bad).expect("json")
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
        assert!(errs[0].starts_with("theme.bg: "), "{errs:?}");
        assert!(
            errs[0].contains("is not a plain CSS value: write a colour"),
            "{errs:?}"
        );
    }
}

#[test]
fn labels_in_german_are_taken_and_a_typo_is_refused_with_a_suggestion() {
    let ok = r#"{"currency":"EUR","locale":"de-DE","products":[],
        "labels":{"add_bundle":"In den Warenkorb","best_value":"Bester Preis",
                  "tier_quantity":{"one":"Ab {count} Stück","other":"Ab {count} Stück"}}}"#;
    let config = cartlift_core::Config::from_json(ok).expect("valid");
    use cartlift_core::config::labels::Label;
    let text = |t: &cartlift_core::template::Template| {
        plain(&t.fill(|_| cartlift_core::template::Segment::Count(3)))
    };
    assert_eq!(text(config.label(Label::AddBundle)), "In den Warenkorb");
    assert_eq!(text(config.label(Label::BestValue)), "Bester Preis");
    assert_eq!(text(config.label(Label::Details)), "Details");
    assert_eq!(text(config.label(Label::TierQuantity)), "Ab 3 Stück");
    let errs = errors(
        r#"{"currency":"EUR","products":[],"labels":{"add_bundel":"x","tier_discount":{"one":"{percent}"}}}"#,
    );
    assert_eq!(
        errs,
        [
            "labels.add_bundel: there is no label \"add_bundel\" (did you mean \"add_bundle\"?); the schema lists every label",
            "labels.tier_discount: plural forms need an \"other\" form, used for every count the others do not cover",
        ]
    );
}

#[test]
fn labels_keyed_by_language_are_read_with_plural_forms_and_auto_is_a_locale() {
    let text = r#"{"currency":"EUR","locale":"auto","products":[{"id":"a","title":"A","price":"10"}],
        "labels":{"add_bundle":"Add the set",
          "de":{"add_bundle":"Set hinzufügen","tier_quantity":{"one":"Ab {count} Stück","other":"Ab {count} Stück"}},
          "pt-BR":{"best_value":"Melhor preço"}}}"#;
    assert_eq!(errors(text), Vec::<String>::new());
}

#[test]
fn every_language_s_labels_are_checked_each_problem_at_its_path() {
    let errs = errors(
        r#"{"currency":"EUR","products":[{"id":"a","title":"A","price":"10"}],
        "labels":{"fr":{"ajouter_lot":"Ajouter"},"ja":{"tier_unit_price":"{prix} ずつ"},"de-x_y":{"add_bundle":"x"},
          "es":{"nudge":{"one":"{more}"}}}}"#,
    );
    assert_has(
        &errs,
        r#"labels.fr.ajouter_lot: there is no label "ajouter_lot"; the schema lists every label"#,
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("labels.ja.tier_unit_price: ")),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.starts_with(
            r#"labels.de-x_y: "de-x_y" is not a language tag; key labels by language"#
        )),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.starts_with("labels.es.nudge: ")),
        "{errs:#?}"
    );
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

#[test]
fn a_deal_with_an_unknown_product_no_quantity_nothing_off_and_a_repeated_id_says_where_each_is() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"socks","title":"Socks","price":"9.00"}],
            "buy_x_get_y":[
              {"id":"d","buy":{"products":["sock"],"quantity":0},"get":{"products":["socks"],"quantity":1,"percent_off":0}},
              {"id":"d","buy":{"products":[],"quantity":2},"get":{"products":["socks"],"quantity":1,"percent_off":"100"},"limit":0}]}"#,
    );
    let at = paths_of(&errs);
    assert_eq!(
        at,
        [
            "buy_x_get_y[1].id",
            "buy_x_get_y[0].buy.quantity",
            "buy_x_get_y[0].buy.products[0]",
            "buy_x_get_y[0].get.percent_off",
            "buy_x_get_y[1].buy.products",
            "buy_x_get_y[1].limit",
        ],
        "{errs:#?}"
    );
    assert!(errs[2].contains(r#"did you mean "socks""#), "{}", errs[2]);
}

#[test]
fn a_deal_missing_its_get_side_or_with_a_misspelt_key_is_refused_at_its_shape() {
    let errs = errors(
        r#"{"currency":"USD","products":[{"id":"socks","title":"Socks","price":"9.00"}],
            "buy_x_get_y":[{"id":"d","buy":{"products":["socks"],"quantity":2,"qty":1}}]}"#,
    );
    assert_eq!(
        errs,
        [
            r#"buy_x_get_y[0].buy.qty: unknown key "qty"; the keys here are "products", "quantity""#,
            r#"buy_x_get_y[0]: "get" is missing"#,
        ]
    );
}

#[test]
fn a_tier_display_of_grid_and_a_badge_without_the_selector_say_what_to_write() {
    let errs = errors(
        r#"{"currency": "USD", "products": [{"id": "tee", "title": "Tee", "price": "25.00"}],
          "volume_tiers": [
            {"product": "tee", "display": "grid", "tiers": [{"min_quantity": 2, "percent_off": 10}]},
            {"product": "tee", "tiers": [{"min_quantity": 2, "percent_off": 10, "badge": "Best"}]}]}"#,
    );
    assert_has(
        &errs,
        r#"volume_tiers[0].display: "grid" is not a way to show tiers: write "list" (the default) or "selector" (quantities to pick from)"#,
    );
    assert_has(
        &errs,
        r#"volume_tiers[1].tiers[0].badge: a badge is shown only by the selector: add "display": "selector" to this tier set, or remove the badge"#,
    );
}
