//! The full computation on a large shop: 10,000 products, 1,000 bundles, 200 cart lines.

use cartlift_core::{quote, Cart, Config, Context};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A config with `products` products, `bundles` three-item bundles, tiers, goals and upsells.
fn large_shop(products: usize, bundles: usize) -> String {
    let mut s = String::from(r#"{"currency":"USD","locale":"en-US","products":["#);
    for i in 0..products {
        if i > 0 {
            s.push(',');
        }
        s += &format!(
            r#"{{"id":"p{i}","title":"Product {i}","price":"{}.{:02}"}}"#,
            5 + i % 200,
            i % 100
        );
    }
    s += r#"],"shipping_bar":{"goals":[{"threshold":"75","reward":"free shipping"},{"threshold":"50000","reward":"a gift"}],"fillers":3},"bundles":["#;
    for b in 0..bundles {
        if b > 0 {
            s.push(',');
        }
        let (x, y, z) = (
            b * 7 % products,
            (b * 7 + 1) % products,
            (b * 13 + 5) % products,
        );
        s += &format!(
            r#"{{"id":"b{b}","items":["p{x}","p{y}","p{z}"],"percent_off":{}}}"#,
            5 + b % 30
        );
    }
    s += r#"],"volume_tiers":["#;
    for t in 0..100 {
        if t > 0 {
            s.push(',');
        }
        s += &format!(
            r#"{{"product":"p{t}","tiers":[{{"min_quantity":2,"percent_off":5}},{{"min_quantity":5,"percent_off":10}}]}}"#
        );
    }
    s += r#"],"max_offers":3,"upsells":[{"id":"u1","product":"p1","when":{"cart_contains":["p0"]}},{"id":"u2","product":"p2","percent_of":{"subtotal":true,"percent":2}}]}"#;
    s
}

fn cart_text(lines: usize) -> String {
    let items: Vec<String> = (0..lines)
        .map(|i| format!(r#"{{"id":"p{}","quantity":{}}}"#, i * 3, 1 + i % 4))
        .collect();
    format!(r#"{{"currency":"USD","items":[{}]}}"#, items.join(","))
}

fn bench(c: &mut Criterion) {
    let config_text = large_shop(10_000, 1_000);
    let config = Config::from_json(&config_text).expect("valid large shop");
    let cart_json = cart_text(200);
    let cart = Cart::from_json(&cart_json, &config).expect("valid cart");
    let cx = Context::default();

    c.bench_function("quote: 10k products, 1k bundles, 200 lines", |b| {
        b.iter(|| quote(black_box(&config), black_box(&cart), black_box(&cx)))
    });
    c.bench_function("parse + check the config: 10k products, 1k bundles", |b| {
        b.iter(|| Config::from_json(black_box(&config_text)))
    });
    c.bench_function("parse + check a 200-line cart", |b| {
        b.iter(|| Cart::from_json(black_box(&cart_json), black_box(&config)))
    });
    let small =
        Config::from_json(include_str!("../../www/configs/electronics.json")).expect("valid");
    let small_cart = Cart::from_json(
        r#"{"currency":"USD","items":[{"id":"laptop","quantity":1},{"id":"tshirt","quantity":2}]}"#,
        &small,
    )
    .expect("valid");
    c.bench_function("quote: the electronics example", |b| {
        b.iter(|| quote(black_box(&small), black_box(&small_cart), black_box(&cx)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
