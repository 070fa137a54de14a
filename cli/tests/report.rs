//! `cartlift report` on what a simulated shop sent the collector: two experiments, one with a
//! true $4.00 AOV lift and one with none, and offers with known counts. The report finds the
//! lift, says so in a sentence, calls the other no difference, and draws its plots in one file.

mod support;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::process::Command;
use support::Collector;

fn cartlift(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cartlift"))
        .args(args)
        .output()
        .expect("cartlift runs")
}

/// A simulated shop: `n` visitors, each in a variant of both experiments at random; 30% order
/// once, for $30.00 to $70.00 (uniform, so $50.00 on average), $4.00 more in "lift"'s "t60".
/// Every visitor sees the office-2 bundle; every tenth adds it.
fn simulate(n: usize, seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let start: i64 = 1_764_547_200_000; // 2025-12-01, and a day more every n / 10 visitors
    let mut lines = Vec::new();
    for i in 0..n {
        let visitor = format!("{:032x}", rng.gen::<u128>());
        let lift = if rng.gen_bool(0.5) { "t60" } else { "control" };
        let null = if rng.gen_bool(0.5) { "b" } else { "a" };
        let at = start + (i as i64) * 86_400_000 * 10 / n as i64;
        let experiments = format!(
            r#"[{{"experiment":"lift","variant":"{lift}"}},{{"experiment":"null","variant":"{null}"}}]"#
        );
        lines.push(format!(
            r#"{{"type":"impression","at":{at},"visitor":"{visitor}","source":{{"widget":"bundles","offer":"office-2"}},"experiments":{experiments}}}"#
        ));
        if i % 10 == 0 {
            lines.push(format!(
                r#"{{"type":"add-to-cart","at":{},"visitor":"{visitor}","source":{{"widget":"bundles","offer":"office-2"}},"items":[{{"id":"laptop","quantity":1}}]}}"#,
                at + 1
            ));
        }
        if rng.gen_bool(0.3) {
            let cents = rng.gen_range(3_000..=7_000) + if lift == "t60" { 400 } else { 0 };
            lines.push(format!(
                r#"{{"type":"order","at":{},"visitor":"{visitor}","experiments":{experiments},"order":{{"value":"{}.{:02}","currency":"USD"}}}}"#,
                at + 2,
                cents / 100,
                cents % 100
            ));
        }
    }
    lines
}

#[test]
fn the_report_finds_a_4_dollar_lift_calls_the_null_experiment_no_difference_and_counts_the_offer() {
    let collector = Collector::start("report", &[]);
    let db = collector.db.clone();
    let lines = simulate(20_000, 7);
    let impressions = lines
        .iter()
        .filter(|l| l.contains(r#""type":"impression""#))
        .count();
    let adds = lines
        .iter()
        .filter(|l| l.contains(r#""type":"add-to-cart""#))
        .count();
    for batch in lines.chunks(500) {
        let (status, body) = collector.post("application/x-ndjson", &batch.join("\n"));
        assert_eq!(status, 200, "{body}");
    }
    drop(collector);

    let html = db.with_file_name("report.html");
    let out = cartlift(&[
        "--format",
        "json",
        "report",
        "--db",
        db.to_str().expect("path"),
        "--html",
        html.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["currency"], "USD");
    let offer = &r["offers"][0];
    assert_eq!(offer["offer"], "office-2");
    assert_eq!(offer["impressions"], impressions);
    assert_eq!(offer["adds"], adds);

    let experiment = |name: &str| {
        r["experiments"]
            .as_array()
            .expect("experiments")
            .iter()
            .find(|e| e["experiment"] == name)
            .cloned()
            .expect("experiment")
    };
    let lift = experiment("lift");
    assert_eq!(lift["control"], "control");
    let t60 = &lift["variants"][1];
    assert_eq!(t60["variant"], "t60");
    let diff = &t60["vs_control"]["aov"];
    let (low, high): (f64, f64) = (
        diff["low"].as_str().expect("low").parse().expect("amount"),
        diff["high"]
            .as_str()
            .expect("high")
            .parse()
            .expect("amount"),
    );
    assert!(low > 0.0 && low <= 4.0 && high >= 4.0, "{diff}");
    assert!(t60["vs_control"]["aov_p"].as_f64().expect("p") < 0.05);
    let said = t60["sentence"].as_str().expect("sentence");
    assert!(said.starts_with("t60 raised AOV by "), "{said}");
    assert!(said.contains("(95% CI "), "{said}");
    // The visitors split about evenly, and about 30% of them ordered.
    let visitors = |v: &Value| v["visitors"].as_u64().expect("visitors");
    assert_eq!(visitors(&lift["variants"][0]) + visitors(t60), 20_000);
    let conversion: f64 = t60["conversion"]["estimate"].as_f64().expect("rate");
    assert!((0.27..0.33).contains(&conversion), "{conversion}");

    let null = experiment("null");
    assert_eq!(
        null["control"], "a",
        "no variant is called control: the first is"
    );
    let b = &null["variants"][1];
    assert!(
        b["sentence"]
            .as_str()
            .expect("sentence")
            .starts_with("b made no clear difference to AOV"),
        "{b}"
    );
    // Day by day, the lift as the orders came in: ten days of them.
    assert!(t60["cumulative_lift"].as_array().expect("days").len() >= 9);

    let page = std::fs::read_to_string(&html).expect("the HTML report");
    assert!(page.contains("<svg"), "plots drawn in place");
    assert_eq!(
        page.matches("<svg").count(),
        4,
        "two plots for each experiment"
    );
    for fetched in ["<script", "<link", "src=", "@import"] {
        assert!(!page.contains(fetched), "self-contained: no {fetched}");
    }
    assert!(page.contains("t60 raised AOV by"));

    // Text for the terminal says the same.
    let text = cartlift(&[
        "report",
        "--db",
        db.to_str().expect("path"),
        "--experiment",
        "lift",
    ]);
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("t60 raised AOV by"), "{said}");
    assert!(!said.contains("Experiment null"), "{said}");
}

#[test]
fn a_missing_database_or_experiment_is_one_sentence_and_exit_2() {
    let out = cartlift(&["report", "--db", "/nonexistent/events.sqlite"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no such file"));
}
