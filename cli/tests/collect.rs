//! `cartlift collect`, spoken to over HTTP as a shop's page would: batches kept whole or line by
//! line, refusals with a reason, CORS for the shop, durability across `kill -9`, and a locked
//! database answered with 503 while the collector carries on.

mod support;

use rusqlite::Connection;
use serde_json::Value;
use support::{answer, Collector};

const NDJSON: &str = "application/x-ndjson";

fn impression(visitor: &str, offer: &str) -> String {
    format!(
        r#"{{"type":"impression","at":1764620000123,"visitor":"{visitor}","source":{{"widget":"bundles","offer":"{offer}","variant":"t60"}},"experiments":[{{"experiment":"threshold","variant":"t60"}}]}}"#
    )
}

#[test]
fn a_batch_of_three_events_is_acknowledged_and_written_with_the_order_s_value_in_cents() {
    let c = Collector::start("three", &[]);
    let batch = [
        impression("v1", "office-2"),
        r#"{"type":"add-to-cart","at":1764620001000,"visitor":"v1","source":{"widget":"bundles","offer":"office-2"},"items":[{"id":"laptop","quantity":1,"price":"904.76"}]}"#.to_owned(),
        r##"{"type":"order","at":1764620002000,"visitor":"v1","order":{"id":"#1001","value":"95.50","currency":"USD"}}"##.to_owned(),
    ]
    .join("\n");
    let (status, body) = c.post(NDJSON, &batch);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["accepted"], 3);
    assert_eq!(body["skipped"], 0);
    let (status, health) = answer(ureq::get(&format!("{}/health", c.url)).call());
    assert_eq!((status, &health["events"]), (200, &Value::from(3)));

    let db = Connection::open(&c.db).expect("db");
    let order: (String, i64, String) = db
        .query_row(
            "SELECT order_id, value_minor, currency FROM events WHERE type = 'order'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the order");
    assert_eq!(order, ("#1001".into(), 9550, "USD".into()));
    let assigned: String = db
        .query_row(
            "SELECT variant FROM assignments WHERE visitor = 'v1' AND experiment = 'threshold'",
            [],
            |r| r.get(0),
        )
        .expect("the assignment");
    assert_eq!(assigned, "t60");
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn lines_that_are_not_events_are_counted_and_skipped_and_the_rest_of_the_batch_is_kept() {
    let c = Collector::start("mixed", &[]);
    let batch = [
        impression("v1", "a"),
        "not json at all".to_owned(),
        r#"{"type":"purchase","at":1764620000000,"visitor":"v1"}"#.to_owned(),
        r#"{"type":"impression","at":12,"visitor":"v1"}"#.to_owned(),
        r#"{"type":"impression","at":1764620000000}"#.to_owned(),
        r#"{"type":"order","at":1764620000000,"visitor":"v1"}"#.to_owned(),
        r#"{"type":"order","at":1764620000000,"visitor":"v1","order":{"value":"1.005","currency":"USD"}}"#.to_owned(),
        r#"{"type":"order","at":1764620000000,"visitor":"v1","order":{"value":"10","currency":"usd"}}"#.to_owned(),
        String::new(),
        // A field this collector does not know is ignored, not a reason to refuse.
        r#"{"type":"goal-reached","at":1764620000000,"visitor":"v1","source":{"widget":"shipping-bar","offer":"free-shipping"},"newer_field":true}"#.to_owned(),
    ]
    .join("\n");
    let (status, body) = c.post(NDJSON, &batch);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["accepted"], 2, "{body}");
    assert_eq!(body["skipped"], 7, "{body}");
    let problems: Vec<&str> = body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        problems[0].starts_with("line 2: not an event"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("line 3: \"type\" is \"purchase\""),
        "{problems:?}"
    );
    assert!(
        problems[2].contains("between 2020 and 2100"),
        "{problems:?}"
    );
    assert!(
        problems[3].contains("missing field `visitor`"),
        "{problems:?}"
    );
    assert!(problems[4].contains("needs \"order\""), "{problems:?}");
    assert!(
        problems[5].contains("\"1.005\" is not an amount"),
        "{problems:?}"
    );
    assert!(
        problems[6].contains("\"usd\" is not an ISO 4217"),
        "{problems:?}"
    );
    assert_eq!(c.rows(), 2);

    // A batch with no event at all is refused, and says why.
    let (status, body) = c.post(NDJSON, "{}\n[1,2]");
    assert_eq!(status, 400);
    assert_eq!(body["skipped"], 2);
    assert!(body["error"]
        .as_str()
        .expect("reason")
        .starts_with("no line of the batch is an event"));
}

#[test]
fn a_wrong_content_type_is_415_a_body_over_1_mb_is_413_and_sendbeacon_s_text_plain_is_taken() {
    let c = Collector::start("refusals", &[]);
    let (status, body) = c.post("application/x-www-form-urlencoded", &impression("v", "a"));
    assert_eq!(status, 415);
    assert!(body["error"]
        .as_str()
        .expect("reason")
        .contains("application/x-ndjson"));
    let big = std::iter::repeat_n(impression("v", "a"), 8_000)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(big.len() > 1024 * 1024);
    let (status, body) = c.post(NDJSON, &big);
    assert_eq!(status, 413, "{body}");
    assert_eq!(c.rows(), 0, "nothing of a refused batch is kept");
    let (status, _) = c.post("text/plain;charset=UTF-8", &impression("v", "a"));
    assert_eq!(status, 200);
    let (status, _) = answer(ureq::get(&format!("{}/nowhere", c.url)).call());
    assert_eq!(status, 404);
}

#[test]
fn the_shop_s_origin_gets_cors_and_another_origin_is_refused() {
    let c = Collector::start("cors", &["https://shop.example"]);
    let preflight = ureq::request("OPTIONS", &format!("{}/events", c.url))
        .set("Origin", "https://shop.example")
        .set("Access-Control-Request-Method", "POST")
        .call()
        .expect("preflight");
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://shop.example")
    );
    let ok = ureq::post(&format!("{}/events", c.url))
        .set("Origin", "https://shop.example")
        .set("Content-Type", NDJSON)
        .send_string(&impression("v", "a"))
        .expect("taken");
    assert_eq!(
        ok.header("access-control-allow-origin"),
        Some("https://shop.example")
    );
    let (status, _) = answer(
        ureq::post(&format!("{}/events", c.url))
            .set("Origin", "https://elsewhere.example")
            .set("Content-Type", NDJSON)
            .send_string(&impression("v", "a")),
    );
    assert_eq!(status, 403);
    assert_eq!(c.rows(), 1);
}

#[test]
fn an_acknowledged_batch_survives_kill_9() {
    let mut c = Collector::start("kill", &[]);
    let batch: Vec<String> = (0..500)
        .map(|i| impression(&format!("v{i}"), "a"))
        .collect();
    let (status, body) = c.post(NDJSON, &batch.join("\n"));
    assert_eq!((status, &body["accepted"]), (200, &Value::from(500)));
    // SIGKILL: no chance to flush or close anything.
    c.child.kill().expect("killed");
    c.child.wait().expect("gone");
    assert_eq!(c.rows(), 500);
}

#[test]
fn a_locked_database_is_a_503_with_a_reason_and_the_collector_goes_on() {
    let c = Collector::start("locked", &[]);
    let (status, _) = c.post(NDJSON, &impression("v", "a"));
    assert_eq!(status, 200);
    // Another program takes the write lock and holds it past the collector's wait.
    let other = Connection::open(&c.db).expect("db");
    other.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let (status, body) = c.post(NDJSON, &impression("v", "b"));
    assert_eq!(status, 503, "{body}");
    assert!(
        body["error"].as_str().expect("reason").contains("locked"),
        "{body}"
    );
    other.execute_batch("ROLLBACK").expect("unlock");
    let (status, _) = c.post(NDJSON, &impression("v", "c"));
    assert_eq!(status, 200);
    assert_eq!(c.rows(), 2);
}

/// The load figure the README states: 100,000 events from 8 concurrent clients in batches of
/// 100, as widgets send them. It holds every event to be kept exactly once; how fast is
/// printed, not asserted (the machines are shared and noisy).
#[test]
fn a_hundred_thousand_events_from_eight_concurrent_clients_are_all_kept() {
    const CLIENTS: usize = 8;
    const BATCHES: usize = 125;
    const PER_BATCH: usize = 100;
    let c = Collector::start("load", &[]);
    let url = format!("{}/events", c.url);
    let started = std::time::Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let url = url.clone();
            std::thread::spawn(move || {
                let agent = ureq::agent();
                for b in 0..BATCHES {
                    let batch: Vec<String> = (0..PER_BATCH)
                        .map(|i| impression(&format!("c{client}-b{b}-{i}"), "a"))
                        .collect();
                    let resp = agent
                        .post(&url)
                        .set("Content-Type", NDJSON)
                        .send_string(&batch.join("\n"))
                        .expect("acknowledged");
                    assert_eq!(resp.status(), 200);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a client");
    }
    let seconds = started.elapsed().as_secs_f64();
    let total = CLIENTS * BATCHES * PER_BATCH;
    assert_eq!(c.rows(), i64::try_from(total).expect("fits"));
    let distinct: i64 = Connection::open(&c.db)
        .and_then(|db| {
            db.query_row("SELECT count(DISTINCT visitor) FROM events", [], |r| {
                r.get(0)
            })
        })
        .expect("reads");
    assert_eq!(distinct, i64::try_from(total).expect("fits"), "each once");
    println!(
        "collect: {total} events from {CLIENTS} clients in {seconds:.2} s: {:.0} events/s",
        total as f64 / seconds
    );
}
