//! The `cartlift` command as a merchant runs it: each command on the fixtures (Shopify's and
//! WooCommerce's exports, mlxtend's transactions, a generated set), its exit codes, its JSON,
//! and every kind of bad input getting one sentence and never a panic.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn cartlift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cartlift"))
        .args(args)
        .output()
        .expect("cartlift runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = cartlift(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document on stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A file in a fresh temporary folder of this test.
fn temp(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cartlift-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("written");
    path
}

/// `mine-bundles` on mlxtend's baskets (3 orders, lift 1), written into `config` with `--apply`.
fn mine_and_apply(config: &Path) -> Vec<String> {
    let orders = fixture("baskets-mlxtend.csv");
    let args = [
        "mine-bundles",
        s(&orders),
        "--min-orders",
        "3",
        "--min-lift",
        "1",
    ];
    let into = ["--config", s(config), "--apply"];
    args.iter().chain(&into).map(|a| (*a).to_owned()).collect()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn the_shopify_export_gives_aov_592_75_and_median_557_50_with_two_orders_left_out() {
    let v = json(&[
        "recommend-threshold",
        s(&fixture("shopify-orders-sample.csv")),
    ]);
    // #1001 65.00, #1002 1200.00, #1005 1050.00, #1006 56.00; #1003 refunded, #1004 cancelled.
    assert_eq!(v["orders"], 4);
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["aov"], "592.75");
    assert_eq!(v["median"], "557.50");
    assert_eq!(v["percentiles"]["p25"], "62.75");
    assert_eq!(v["median_item_price"], "22.50");
    assert_eq!(v["recommended"]["threshold"], "700.00");
    assert!(v["notes"][0]
        .as_str()
        .unwrap_or("")
        .starts_with("2 cancelled or refunded orders left out"));
    let kept = json(&[
        "recommend-threshold",
        s(&fixture("shopify-orders-sample.csv")),
        "--include-cancelled",
    ]);
    assert_eq!(kept["orders"], 6);
}

#[test]
fn the_woocommerce_export_is_valued_by_its_line_totals_in_euros() {
    let v = json(&[
        "recommend-threshold",
        s(&fixture("woocommerce-orders-sample.json")),
    ]);
    // 727: 25.00 + 18.00 (its 68.50 total has shipping and tax); 728: 12.50; 729 cancelled.
    assert_eq!(v["orders"], 2);
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["aov"], "27.75");
}

#[test]
fn with_margin_and_shipping_every_candidate_has_its_cost_and_the_best_net_is_recommended() {
    let v = json(&[
        "recommend-threshold",
        s(&fixture("generated-orders.csv")),
        "--margin",
        "0.4",
        "--shipping-cost",
        "6.50",
    ]);
    let candidates = v["candidates"].as_array().expect("candidates");
    assert!(candidates.len() >= 3);
    let net = |c: &Value| {
        c["per_order"]["net"]
            .as_str()
            .and_then(|t| t.parse::<f64>().ok())
            .expect("a net amount")
    };
    let best = candidates.iter().map(net).fold(f64::MIN, f64::max);
    let chosen = candidates
        .iter()
        .find(|c| c["threshold"] == v["recommended"]["threshold"])
        .expect("the recommendation is a candidate");
    assert_eq!(net(chosen), best);
    // On this store every candidate gives away more shipping than it wins back.
    let reason = v["recommended"]["reason"].as_str().unwrap_or("");
    assert!(reason.contains("costs the least"), "{reason}");
    assert!(best < 0.0);
}

#[test]
fn the_plot_is_an_svg_with_every_candidate_labelled() {
    let out = std::env::temp_dir().join(format!("cartlift-plot-{}.svg", std::process::id()));
    let v = json(&[
        "recommend-threshold",
        s(&fixture("generated-orders.csv")),
        "--plot",
        s(&out),
    ]);
    let svg = std::fs::read_to_string(&out).expect("the plot was written");
    assert!(svg.starts_with("<svg"));
    for c in v["candidates"].as_array().expect("candidates") {
        assert!(
            svg.contains(c["threshold"].as_str().expect("threshold")),
            "{} is labelled",
            c["threshold"]
        );
    }
    assert!(svg.contains("recommended"));
}

/// Every rule of `ours` matches mlxtend's, and there are as many.
fn same_rules(ours: &Value, theirs: &Value) {
    let key = |r: &Value| (r["antecedents"].to_string(), r["consequents"].to_string());
    let mut a: Vec<&Value> = ours["rules"].as_array().expect("rules").iter().collect();
    let mut b: Vec<&Value> = theirs["rules"].as_array().expect("rules").iter().collect();
    a.sort_by_key(|r| key(r));
    b.sort_by_key(|r| key(r));
    assert_eq!(
        a.iter().map(|r| key(r)).collect::<Vec<_>>(),
        b.iter().map(|r| key(r)).collect::<Vec<_>>(),
        "the same rules as mlxtend"
    );
    for (x, y) in a.iter().zip(&b) {
        for m in [
            "antecedent_support",
            "consequent_support",
            "support",
            "confidence",
            "lift",
            "leverage",
            "conviction",
        ] {
            match (x[m].as_f64(), y[m].as_f64()) {
                (Some(p), Some(q)) => assert!(
                    (p - q).abs() < 1e-9,
                    "{m} of {:?}: {p} vs mlxtend's {q}",
                    key(x)
                ),
                (None, None) => {}
                other => panic!("{m} of {:?}: {other:?}", key(x)),
            }
        }
    }
}

#[test]
fn mlxtends_five_transactions_give_mlxtends_16_rules_and_figures() {
    let theirs: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("baskets-mlxtend.mlxtend.json")).expect("expected"),
    )
    .expect("JSON");
    let ours = json(&[
        "mine-bundles",
        s(&fixture("baskets-mlxtend.csv")),
        "--min-orders",
        "3",
        "--min-lift",
        "1",
    ]);
    assert_eq!(ours["orders"], 5);
    assert_eq!(theirs["rules"].as_array().map(Vec::len), Some(16));
    same_rules(&ours, &theirs);
    // Onion's top complement is Eggs (lift 1.25), as its one-item rules say.
    let onion = ours["complements"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["item"] == "Onion"))
        .expect("Onion has complements");
    assert_eq!(onion["bought_with"][0]["item"], "Eggs");
    // Eggs + Kidney Beans + Onion is the strongest itemset: the first bundle, at 15% off.
    assert_eq!(
        ours["bundles"][0]["items"],
        serde_json::json!(["Eggs", "Kidney Beans", "Onion"])
    );
    assert_eq!(ours["bundles"][0]["percent_off"], 15);
}

#[test]
fn a_generated_set_of_400_orders_gives_mlxtends_rules_and_finds_the_planted_bundles() {
    let theirs: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("generated-orders.mlxtend.json")).expect("expected"),
    )
    .expect("JSON");
    let ours = json(&[
        "mine-bundles",
        s(&fixture("generated-orders.csv")),
        "--min-orders",
        "8",
        "--min-lift",
        "1.2",
        "--top",
        "5",
    ]);
    same_rules(&ours, &theirs);
    let bundles: Vec<String> = ours["bundles"]
        .as_array()
        .expect("bundles")
        .iter()
        .map(|b| b["items"].to_string())
        .collect();
    for planted in [
        r#"["P05","P06","P07"]"#,
        r#"["P01","P02"]"#,
        r#"["P03","P04"]"#,
    ] {
        assert!(
            bundles.iter().any(|b| b == planted),
            "{planted} is proposed: {bundles:?}"
        );
    }
}

#[test]
fn check_exits_0_on_a_good_config_1_with_line_and_column_on_a_bad_one_and_2_on_a_missing_file() {
    let good = cartlift(&[
        "check",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../www/configs/electronics.json"
        ),
    ]);
    assert_eq!(good.status.code(), Some(0));
    let bad = temp("bad.json", b"{\n  \"currency\": \"USD\",\n  \"products\": [ { \"id\": \"a\", \"title\": \"A\", \"price\": \"12.999\" } ]\n}\n");
    let out = cartlift(&["check", s(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(":3:"), "the line is given: {text}");
    assert!(text.contains("bad_amount at products[0].price"), "{text}");
    let v: Value =
        serde_json::from_slice(&cartlift(&["--format", "json", "check", s(&bad)]).stdout)
            .expect("JSON");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["code"], "bad_amount");
    assert_eq!(v["errors"][0]["line"], 3);
    let missing = cartlift(&["check", "/nonexistent/config.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot be read"));
}

#[test]
fn check_also_reads_what_only_a_platform_reads() {
    let dup = temp("dup.json", br#"{"currency":"USD","products":[{"id":"a","title":"A","price":"1.00","variant_id":7},{"id":"b","title":"B","price":"2.00","variant_id":7}]}"#);
    let out = cartlift(&["check", s(&dup)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("products[1].variant_id"));
}

#[test]
fn schema_is_the_committed_schema_byte_for_byte() {
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../www/cartlift.schema.json"
    ))
    .expect("committed");
    assert_eq!(cartlift(&["schema"]).stdout, committed);
}

#[test]
fn export_writes_the_form_checkout_reads_and_refuses_one_over_10000_bytes() {
    let out = cartlift(&[
        "export",
        "shopify-function",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../www/configs/electronics.json"
        ),
    ]);
    assert!(out.status.success());
    let form: Value = serde_json::from_slice(&out.stdout).expect("the form is JSON");
    // The config checked and resolved: products as [id, price in cents, variant], no labels.
    assert_eq!(form["form"], 1);
    assert_eq!(
        form["products"][0][0], "keyboard",
        "the products offers name, by id"
    );
    assert!(form["products"][0][1].is_u64());
    assert!(form.get("labels").is_none() && form.get("shipping_bar").is_none());
    // As JSON, with what the app sends to create the discount.
    let made = json(&[
        "export",
        "shopify-function",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../www/configs/electronics.json"
        ),
    ]);
    assert_eq!(made["key"], "cartlift");
    assert_eq!(
        made["discount"]["discountClasses"],
        serde_json::json!(["PRODUCT", "ORDER", "SHIPPING"])
    );
    assert_eq!(made["discount"]["combinesWith"]["productDiscounts"], false);
    assert_eq!(made["discount"]["metafields"][0]["namespace"], "$app");
    assert_eq!(made["discount"]["metafields"][0]["value"], made["value"]);
    let products: Vec<String> = (0..400).map(|i| format!(r#"{{"id":"product-number-{i}","title":"Product {i}","price":"1.00","variant_id":{i}}}"#)).collect();
    let bundles: Vec<String> = (0..200).map(|i| format!(r#"{{"id":"bundle-{i}","items":["product-number-{}","product-number-{}"],"percent_off":10}}"#, 2 * i, 2 * i + 1)).collect();
    let big = temp(
        "big.json",
        format!(
            r#"{{"currency":"USD","products":[{}],"bundles":[{}]}}"#,
            products.join(","),
            bundles.join(",")
        )
        .as_bytes(),
    );
    let out = cartlift(&["export", "shopify-function", s(&big)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds at most 10000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn apply_writes_the_threshold_and_merges_bundles_without_touching_the_merchants_own() {
    let config = temp(
        "apply.json",
        br#"{"currency":"USD","products":[{"id":"Eggs","title":"Eggs","price":"1.00"},{"id":"Onion","title":"Onion","price":"1.00"},{"id":"Kidney Beans","title":"Kidney Beans","price":"1.00"}],"bundles":[{"id":"mine","title":"Mine","items":["Eggs","Onion"],"percent_off":5}],"shipping_bar":{"goals":[{"threshold":"10.00","reward":"free shipping"}]}}"#,
    );
    let v = json(
        &mine_and_apply(&config)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let after: Value =
        serde_json::from_str(&std::fs::read_to_string(&config).expect("read")).expect("JSON");
    let bundles = after["bundles"].as_array().expect("bundles");
    assert_eq!(
        bundles[0]["id"], "mine",
        "the merchant's bundle stays first and as it was"
    );
    assert_eq!(bundles[0]["percent_off"], 5);
    // The triple is added; its pairs are parts of it, and the next pair has Milk, which the
    // config does not sell.
    assert_eq!(bundles.len(), 2, "{v}");
    assert_eq!(
        bundles[1]["items"],
        serde_json::json!(["Eggs", "Kidney Beans", "Onion"])
    );
    assert_eq!(bundles[1]["percent_off"], 15);
    // Each product is given what is bought with it, by lift, from what the config sells (Milk,
    // Yogurt and the rest are not): the recommendations' `related` lists.
    let related = |id: &str| {
        after["products"]
            .as_array()
            .expect("products")
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["related"].clone())
            .expect("product")
    };
    assert_eq!(
        related("Eggs"),
        serde_json::json!(["Onion", "Kidney Beans"]),
        "{v}"
    );
    assert_eq!(
        related("Onion"),
        serde_json::json!(["Eggs", "Kidney Beans"]),
        "{v}"
    );
    assert_eq!(
        related("Kidney Beans"),
        serde_json::json!(["Eggs", "Onion"]),
        "{v}"
    );
    // Key order is the merchant's.
    let text = std::fs::read_to_string(&config).expect("read");
    assert!(text.find("\"currency\"") < text.find("\"products\""));
    json(&[
        "recommend-threshold",
        s(&fixture("baskets-mlxtend.csv")),
        "--config",
        s(&config),
        "--apply",
    ]);
    let after: Value =
        serde_json::from_str(&std::fs::read_to_string(&config).expect("read")).expect("JSON");
    assert_ne!(after["shipping_bar"]["goals"][0]["threshold"], "10.00");
}

#[test]
fn apply_to_a_config_that_is_a_list_or_whose_shipping_bar_is_text_is_an_error_not_a_panic() {
    for (name, text, says) in [
        ("list.json", &b"[1, 2]"[..], "the config is not an object"),
        (
            "bar.json",
            br#"{"currency":"USD","products":[],"shipping_bar":"free over 50"}"#,
            "\"shipping_bar\" is not an object",
        ),
        (
            "goals.json",
            br#"{"currency":"USD","products":[],"shipping_bar":{"goals":{"threshold":"5"}}}"#,
            "\"shipping_bar.goals\" is not a list",
        ),
    ] {
        let config = temp(name, text);
        let out = cartlift(&[
            "recommend-threshold",
            s(&fixture("baskets-mlxtend.csv")),
            "--config",
            s(&config),
            "--apply",
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
        assert_eq!(
            std::fs::read(&config).expect("read"),
            text,
            "{name} untouched"
        );
    }
    let config = temp("mine-list.json", b"[]");
    let out = cartlift(
        &mine_and_apply(&config)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the config is not an object"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read as _;
    // Both write through `out!`, the code a closed pipe is handled by: the schema, and a
    // report of many lines.
    let orders = fixture("baskets-mlxtend.csv");
    for args in [vec!["schema"], vec!["recommend-threshold", s(&orders)]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cartlift"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("cartlift runs");
        drop(child.stdout.take());
        let status = child.wait().expect("it ends");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("read");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
        assert!(
            status.code().is_some_and(|c| c == 0),
            "{args:?}: {status:?}"
        );
    }
}

#[test]
fn bad_input_gets_one_sentence_or_a_skipped_count_never_a_panic() {
    let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        ("empty.csv", b"".to_vec(), 2, "is empty"),
        (
            "header.csv",
            b"order_id,product,quantity,price\n".to_vec(),
            2,
            "no orders",
        ),
        (
            "binary.csv",
            vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2],
            2,
            "not a text file",
        ),
        (
            "unknown.csv",
            b"a,b,c\n1,2,3\n".to_vec(),
            2,
            "not an orders export",
        ),
        (
            "json.json",
            b"[{\"id\": 1, \"currency\": \"EUR\", \"line_items\": [ ".to_vec(),
            2,
            "cannot be read at line 1",
        ),
        (
            "mixed.csv",
            b"order_id,product,quantity,price\n1,A,1,1.00\n".to_vec(),
            0,
            "",
        ),
    ];
    for (name, bytes, code, says) in cases {
        let out = cartlift(&["recommend-threshold", s(&temp(name, &bytes))]);
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{name}");
    }
    // BOM, CRLF, a quoted comma and newline in a name, a thousands separator: all read.
    let tidy = temp("tidy.csv", b"\xEF\xBB\xBForder_id,product,quantity,price\r\n1,\"Keyboard, mechanical\nblue\",1,\"1,234.50\"\r\n2,Mouse,2,10.00\r\n");
    let v = json(&["recommend-threshold", s(&tidy)]);
    assert_eq!(v["orders"], 2);
    assert_eq!(v["aov"], "627.25");
    // Too many decimals, a negative quantity: skipped and counted, each named by its line.
    let rough = temp(
        "rough.csv",
        b"order_id,product,quantity,price\n1,A,1,1.999\n2,B,-1,5.00\n3,C,1,5.00\n",
    );
    let v = json(&["recommend-threshold", s(&rough)]);
    assert_eq!(v["orders"], 1);
    let note = v["notes"][0].as_str().unwrap_or("");
    assert!(note.starts_with("2 unreadable rows skipped"), "{note}");
    assert!(
        note.contains("line 2") && note.contains("line 3") && note.contains("-1"),
        "{note}"
    );
    let strict = cartlift(&["recommend-threshold", s(&rough), "--strict"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(stderr(&strict).contains("line 2"));
    // Two currencies in one export are refused with one sentence.
    let two = temp("two.json", br#"[{"id":1,"status":"completed","currency":"EUR","line_items":[{"name":"A","quantity":1,"subtotal":"1.00","total":"1.00"}]},{"id":2,"status":"completed","currency":"USD","line_items":[{"name":"B","quantity":1,"subtotal":"1.00","total":"1.00"}]}]"#);
    let out = cartlift(&["recommend-threshold", s(&two)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("mixes currencies (EUR and USD, order 2)"),
        "{}",
        stderr(&out)
    );
}
