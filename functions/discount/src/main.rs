//! cartlift's Shopify Discount Function (`cart.lines.discounts.generate.run`): checkout charges
//! what the widget showed. The cart's lines, their marks (`_cartlift_bundle`,
//! `_cartlift_offer`) and the config in the discount's metafield go to the same core that
//! prices the widget ([`cartlift_core::checkout::discounts`]); each line it discounts becomes
//! one `productDiscountsAdd` candidate of a fixed amount off that line, written exactly.
//!
//! Shopify's `Decimal` scalar is an `f64` in the `shopify_function` crate; every `Decimal` this
//! function reads or writes is overridden to [`Exact`], its decimal text as Shopify sent it or
//! as the core wrote it, so no amount passes through floating point.

use cartlift_core::cart::Line;
use cartlift_core::checkout::{self, Clock, LineDiscount, Mark};
use cartlift_core::money::parse_amount;
use cartlift_core::platform::Variants;
use cartlift_core::{Cart, Config, Currency};
use shopify_function::prelude::*;
use shopify_function::wasm_api::{self, Context};
use shopify_function::Result;

// SAFETY: a Shopify Function is one thread, run once; nothing is freed before it ends.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::LeakingAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::LeakingAllocator::new()) };

/// A `Decimal` as its exact text (`"904.76"`, `"1000.0"`, `"12.345"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exact(pub String);

impl wasm_api::Deserialize for Exact {
    fn deserialize(value: &wasm_api::Value) -> std::result::Result<Self, wasm_api::read::Error> {
        <String as wasm_api::Deserialize>::deserialize(value).map(Exact)
    }
}

impl wasm_api::Serialize for Exact {
    fn serialize(&self, context: &mut Context) -> std::result::Result<(), wasm_api::write::Error> {
        wasm_api::Serialize::serialize(self.0.as_str(), context)
    }
}

#[typegen("schema.graphql", custom_scalar_overrides = {
    "ProductDiscountCandidateFixedAmount.amount" => super::Exact,
    "FixedAmount.amount" => super::Exact,
    "Percentage.value" => super::Exact,
    "CartLineMinimumSubtotal.minimumAmount" => super::Exact,
    "OrderMinimumSubtotal.minimumAmount" => super::Exact,
})]
pub mod schema {
    #[query("src/run.graphql", custom_scalar_overrides = {
        "Input.cart.lines.cost.amountPerQuantity.amount" => super::Exact,
    })]
    pub mod run {}
}

use schema::run::input::cart::lines::Merchandise;

#[shopify_function]
fn cart_lines_discounts_generate_run(
    input: schema::run::Input,
) -> Result<schema::CartLinesDiscountsGenerateRunResult> {
    Ok(schema::CartLinesDiscountsGenerateRunResult {
        operations: operations(&input),
    })
}

/// The operations for this checkout: none when the discount is not a product discount, the
/// config is missing or invalid, or nothing is discounted.
fn operations(input: &schema::run::Input) -> Vec<schema::CartOperation> {
    let product_class = input
        .discount()
        .discount_classes()
        .contains(&schema::DiscountClass::Product);
    let Some(text) = input.discount().metafield().map(|m| m.value().as_str()) else {
        return Vec::new();
    };
    if !product_class {
        return Vec::new();
    }
    let (config, variants) = match checkout::read_config(text) {
        Ok(read) => read,
        Err(errors) => {
            // Checkout goes on at full price; the merchant sees why in the function's log.
            log!(
                "cartlift: the config in the metafield is not valid ({} problems)",
                errors.len()
            );
            return Vec::new();
        }
    };
    let lines = input.cart().lines();
    let Some((cart, marks)) = read_cart(&config, &variants, input) else {
        return Vec::new();
    };
    let span = checkout::local_date_span(input.shop().local_time().date());
    let Some((start, end)) = span else {
        return Vec::new();
    };
    let country = input.localization().country().iso_code().as_str();
    let found = checkout::discounts(
        &config,
        &cart,
        &marks,
        Some(country),
        Clock::During(start, end),
    );
    let candidates: Vec<schema::ProductDiscountCandidate> = found
        .iter()
        .filter_map(|d| candidate(d, &lines[d.line]))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    vec![schema::CartOperation::ProductDiscountsAdd(
        schema::ProductDiscountsAddOperation {
            // Each candidate targets a line of its own, so all of them apply.
            selection_strategy: schema::ProductDiscountSelectionStrategy::All,
            candidates,
        },
    )]
}

/// The cart as the core reads it, and each line's marks; `None` for a cart the config cannot
/// price (another currency, an amount it cannot read).
fn read_cart(
    config: &Config,
    variants: &Variants,
    input: &schema::run::Input,
) -> Option<(Cart, Vec<Mark>)> {
    // Variant id to product, looked up once per line (a function pays per instruction).
    let by_variant: std::collections::BTreeMap<&str, usize> = variants
        .pairs()
        .iter()
        .filter_map(|(v, id)| config.product_index(id).map(|p| (v.as_str(), p)))
        .collect();
    let lines = input.cart().lines();
    let code = lines.first()?.cost().amount_per_quantity().currency_code();
    let currency = Currency::from_code(code)?;
    let mut cart = Cart::empty(currency);
    cart.country = Some(input.localization().country().iso_code().clone());
    let mut marks = Vec::with_capacity(lines.len());
    for line in lines {
        // A cart has one currency: the first line's says which.
        let unit = parse_amount(&line.cost().amount_per_quantity().amount().0, currency).ok()?;
        let quantity = u32::try_from(*line.quantity()).ok()?;
        let product = match line.merchandise() {
            Merchandise::ProductVariant(v) => v
                .id()
                .rsplit('/')
                .next()
                .and_then(|v| by_variant.get(v).copied()),
            _ => None,
        };
        cart.lines.push(Line {
            // The core names a line by its product; a line of no product is priced, not named.
            id: product.map_or_else(String::new, |p| config.products[p].id.clone()),
            product,
            quantity,
            unit_price: unit,
            total: unit.checked_mul(i64::from(quantity))?,
        });
        marks.push(Mark {
            bundle: line.bundle().and_then(|a| a.value().cloned()),
            offer: line.offer().and_then(|a| a.value().cloned()),
        });
    }
    Some((cart, marks))
}

/// One line's discount as a candidate: a fixed amount off the whole line, with a message
/// naming what it is for.
fn candidate(
    d: &LineDiscount,
    line: &schema::run::input::cart::Lines,
) -> Option<schema::ProductDiscountCandidate> {
    if d.amount.minor() <= 0 {
        return None;
    }
    Some(schema::ProductDiscountCandidate {
        targets: vec![schema::ProductDiscountCandidateTarget::CartLine(
            schema::CartLineTarget {
                id: line.id().clone(),
                quantity: None,
            },
        )],
        message: Some(checkout::message(&d.because)),
        value: schema::ProductDiscountCandidateValue::FixedAmount(
            schema::ProductDiscountCandidateFixedAmount {
                amount: Exact(d.amount.to_decimal_string()),
                applies_to_each_item: None,
            },
        ),
        associated_discount_code: None,
    })
}

fn main() {
    log!("cartlift-discount: call the cart_lines_discounts_generate_run export");
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use shopify_function::run_function_with_input;

    /// Shopify's way of writing a decimal: the shortest form, at least one decimal (`"1000.0"`,
    /// `"904.76"`, `"12.345"`), so the function reads what checkout really sends.
    fn shopify_decimal(minor: i64, exponent: u32) -> String {
        let scale = 10i64.pow(exponent);
        let (whole, frac) = (minor / scale, minor % scale);
        let frac = format!("{frac:0width$}", width = exponent as usize);
        let frac = frac.trim_end_matches('0');
        format!("{whole}.{}", if frac.is_empty() { "0" } else { frac })
    }

    fn golden() -> Vec<Value> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../core/tests/golden");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the core's golden vectors are there")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("JSON")
            })
            .collect()
    }

    /// The variant id of a product in a vector's config.
    fn variant(v: &Value, product: &str) -> String {
        v["config"]["products"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["id"] == product))
            .map(|p| p["variant_id"].to_string())
            .expect("every product of a vector has a variant_id")
    }

    /// The vector as the input Shopify would hand the function: the cart's lines with their
    /// unit prices, variants and marks, the shop's date, and the compact config in the metafield.
    fn input_of(v: &Value, classes: &[&str]) -> String {
        let exponent = v["exponent"].as_u64().expect("exponent") as u32;
        let currency = v["currency"].as_str().expect("currency");
        let config_text = serde_json::to_string(&v["config"]).expect("config");
        let compact = cartlift_core::checkout::compact(&config_text).expect("the config compacts");
        let lines: Vec<Value> = v["cart"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let id = item["id"].as_str().expect("id");
                let config = Config::from_json(&config_text).expect("valid");
                let unit = parse_amount(item["price"].as_str().expect("price"), config.currency).expect("amount");
                let attribute = |key: &str| match v["marks"][i][key].as_str() {
                    Some(value) => json!({ "value": value }),
                    None => Value::Null,
                };
                json!({
                    "id": format!("gid://shopify/CartLine/{i}"),
                    "quantity": item["quantity"],
                    "cost": { "amountPerQuantity": { "amount": shopify_decimal(unit.minor(), exponent), "currencyCode": currency } },
                    "bundle": attribute("bundle"),
                    "offer": attribute("offer"),
                    "merchandise": { "__typename": "ProductVariant", "id": format!("gid://shopify/ProductVariant/{}", variant(v, id)) },
                })
            })
            .collect();
        json!({
            "cart": { "lines": lines },
            "localization": { "country": { "isoCode": v["country"] } },
            "shop": { "localTime": { "date": v["date"] } },
            "discount": { "discountClasses": classes, "metafield": { "value": compact } },
        })
        .to_string()
    }

    fn output_json(result: &schema::CartLinesDiscountsGenerateRunResult) -> Value {
        let mut context = Context::new_with_input(json!({}));
        wasm_api::Serialize::serialize(result, &mut context).expect("the result serializes");
        context
            .finalize_output_and_return()
            .expect("the output is JSON")
    }

    /// What each line has off, in minor units, from the function's output JSON.
    fn amounts_off(output: &Value, currency: Currency) -> Vec<(usize, i64)> {
        let mut out = Vec::new();
        for op in output["operations"].as_array().into_iter().flatten() {
            for c in op["productDiscountsAdd"]["candidates"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let line: usize = c["targets"][0]["cartLine"]["id"]
                    .as_str()
                    .and_then(|id| id.rsplit('/').next())
                    .and_then(|n| n.parse().ok())
                    .expect("a line target");
                let amount = c["value"]["fixedAmount"]["amount"]
                    .as_str()
                    .expect("amounts are decimal strings, never numbers");
                out.push((
                    line,
                    parse_amount(amount, currency)
                        .expect("an exact amount")
                        .minor(),
                ));
            }
        }
        out
    }

    fn run(input: &str) -> schema::CartLinesDiscountsGenerateRunResult {
        run_function_with_input(cart_lines_discounts_generate_run, input)
            .expect("the function runs")
    }

    #[test]
    fn every_golden_vector_costs_at_checkout_what_the_widget_showed_to_the_minor_unit() {
        let vectors = golden();
        assert!(
            vectors.len() >= 15,
            "the core's golden vectors are all here"
        );
        let mut currencies = std::collections::BTreeSet::new();
        for v in &vectors {
            let name = v["name"].as_str().expect("name");
            let currency =
                Currency::from_code(v["currency"].as_str().expect("currency")).expect("known");
            currencies.insert(currency.code().to_owned());
            let output = output_json(&run(&input_of(v, &["PRODUCT"])));
            let off = amounts_off(&output, currency);
            let want: Vec<(usize, i64)> = v["checkout"]["discounts"]
                .as_array()
                .expect("discounts")
                .iter()
                .map(|d| {
                    (
                        d["line"].as_u64().expect("line") as usize,
                        d["amount"].as_i64().expect("amount"),
                    )
                })
                .collect();
            assert_eq!(
                off, want,
                "{name}: the function takes off what the core says"
            );
            // Checkout's total for the claimed lines is the widget's figure.
            let subtotal = |i: usize| {
                let item = &v["cart"]["items"][i];
                parse_amount(item["price"].as_str().expect("price"), currency)
                    .expect("amount")
                    .minor()
                    * item["quantity"].as_i64().expect("quantity")
            };
            for claim in v["claims"].as_array().expect("claims") {
                let charged: i64 = claim["lines"]
                    .as_array()
                    .expect("lines")
                    .iter()
                    .map(|l| l.as_u64().expect("line") as usize)
                    .map(|i| {
                        subtotal(i)
                            - off
                                .iter()
                                .filter(|(l, _)| *l == i)
                                .map(|(_, a)| a)
                                .sum::<i64>()
                    })
                    .sum();
                assert_eq!(
                    Some(charged),
                    claim["minor"].as_i64(),
                    "{name}: {} at checkout",
                    claim["figures"]
                );
            }
        }
        assert_eq!(
            currencies.into_iter().collect::<Vec<_>>(),
            ["JPY", "KWD", "USD"]
        );
    }

    fn vector(name: &str) -> Value {
        golden()
            .into_iter()
            .find(|v| v["name"] == name)
            .expect("the vector exists")
    }

    #[test]
    fn the_950_bundle_is_two_fixed_amounts_written_as_exact_decimal_strings() {
        let output = output_json(&run(&input_of(
            &vector("usd-bundle-fixed-price"),
            &["PRODUCT"],
        )));
        assert_eq!(
            output,
            json!({ "operations": [ { "productDiscountsAdd": {
                "selectionStrategy": "ALL",
                "candidates": [
                    { "targets": [ { "cartLine": { "id": "gid://shopify/CartLine/0" } } ], "message": "Laptop + Mouse", "value": { "fixedAmount": { "amount": "95.24" } } },
                    { "targets": [ { "cartLine": { "id": "gid://shopify/CartLine/1" } } ], "message": "Laptop + Mouse", "value": { "fixedAmount": { "amount": "4.76" } } },
                ],
            } } ] })
        );
    }

    #[test]
    fn a_kwd_amount_keeps_its_three_decimals_and_a_yen_amount_has_none() {
        let kwd = output_json(&run(&input_of(
            &vector("kwd-upsell-percent-of-a-line"),
            &["PRODUCT"],
        )));
        assert_eq!(
            kwd["operations"][0]["productDiscountsAdd"]["candidates"][0]["value"]["fixedAmount"]
                ["amount"],
            "7.888"
        );
        let jpy = output_json(&run(&input_of(
            &vector("jpy-tier-seven-and-a-half-percent"),
            &["PRODUCT"],
        )));
        let candidate = &jpy["operations"][0]["productDiscountsAdd"]["candidates"][0];
        assert_eq!(candidate["value"]["fixedAmount"]["amount"], "465");
        assert_eq!(candidate["message"], "7.5% off for quantity");
    }

    #[test]
    fn an_order_or_shipping_discount_gets_no_product_discounts() {
        let v = vector("usd-bundle-fixed-price");
        assert_eq!(
            run(&input_of(&v, &["ORDER", "SHIPPING"])).operations,
            vec![]
        );
    }

    #[test]
    fn a_missing_or_broken_config_leaves_checkout_at_full_price() {
        let v = vector("usd-bundle-fixed-price");
        let mut input: Value = serde_json::from_str(&input_of(&v, &["PRODUCT"])).expect("JSON");
        input["discount"]["metafield"] = Value::Null;
        assert_eq!(run(&input.to_string()).operations, vec![]);
        input["discount"]["metafield"] =
            json!({ "value": "{\"currency\": \"USD\", \"products\": [" });
        assert_eq!(run(&input.to_string()).operations, vec![]);
    }

    #[test]
    fn a_cart_in_another_currency_is_not_discounted() {
        let v = vector("usd-bundle-fixed-price");
        let text = input_of(&v, &["PRODUCT"]).replace("\"USD\"", "\"CAD\"");
        assert_eq!(run(&text).operations, vec![]);
    }

    #[test]
    fn a_bundle_that_ended_before_the_shops_date_is_not_discounted_but_one_ending_that_day_is() {
        let mut v = vector("usd-bundle-fixed-price");
        v["config"]["bundles"][0]["ends_at"] = json!("2026-11-26T00:00:00Z");
        assert_eq!(run(&input_of(&v, &["PRODUCT"])).operations, vec![]);
        v["config"]["bundles"][0]["ends_at"] = json!("2026-11-27T18:00:00Z");
        assert_eq!(
            amounts_off(
                &output_json(&run(&input_of(&v, &["PRODUCT"]))),
                Currency::USD
            ),
            vec![(0, 9524), (1, 476)]
        );
    }

    /// A 200-line cart on a 200-product catalog: 30 bundle pairs (60 lines, marked), 10
    /// products at their top volume tier, 5 ticked upsells, and 125 lines the config does not
    /// price. Returns the compact config and the function's input.
    pub(crate) fn two_hundred_lines() -> (String, String) {
        let variant = |i: u64| 60000000000000u64 + i;
        let products: Vec<Value> = (0..200u64)
            .map(|i| json!({ "id": format!("p{i}"), "title": format!("Product number {i}"), "price": if i % 2 == 0 { "19.99" } else { "5.01" }, "variant_id": variant(i) }))
            .collect();
        let bundles: Vec<Value> = (0..30)
            .map(|i| json!({ "id": format!("set{i}"), "title": format!("Set {i}"), "items": [format!("p{}", 2 * i), format!("p{}", 2 * i + 1)], "percent_off": 15 }))
            .collect();
        let tiers: Vec<Value> = (60..70)
            .map(|i| json!({ "product": format!("p{i}"), "tiers": [ { "min_quantity": 3, "percent_off": 10 }, { "min_quantity": 6, "percent_off": 15 } ] }))
            .collect();
        let upsells: Vec<Value> = (70..75)
            .map(|i| json!({ "id": format!("up{i}"), "product": format!("p{i}"), "title": format!("Add product {i}"), "percent_off": 10, "when": { "cart_contains": ["p0"] } }))
            .collect();
        let config = json!({ "currency": "USD", "products": products, "bundles": bundles, "volume_tiers": tiers, "upsells": upsells, "max_offers": 5 }).to_string();
        let compact =
            cartlift_core::checkout::compact(&config).expect("the config fits the metafield");
        let lines: Vec<Value> = (0..200u64)
            .map(|i| {
                let (quantity, bundle, offer) = match i {
                    0..=59 => (1, json!({ "value": format!("set{}", i / 2) }), Value::Null),
                    60..=69 => (6, Value::Null, Value::Null),
                    70..=74 => (1, Value::Null, json!({ "value": format!("up{i}") })),
                    _ => (2, Value::Null, Value::Null),
                };
                json!({
                    "id": format!("gid://shopify/CartLine/{i}"),
                    "quantity": quantity,
                    "cost": { "amountPerQuantity": { "amount": if i % 2 == 0 { "19.99" } else { "5.01" }, "currencyCode": "USD" } },
                    "bundle": bundle,
                    "offer": offer,
                    "merchandise": { "__typename": "ProductVariant", "id": format!("gid://shopify/ProductVariant/{}", if i < 75 { variant(i) } else { variant(1000 + i) }) },
                })
            })
            .collect();
        let input = json!({
            "cart": { "lines": lines },
            "localization": { "country": { "isoCode": "US" } },
            "shop": { "localTime": { "date": "2026-11-27" } },
            "discount": { "discountClasses": ["PRODUCT"], "metafield": { "value": compact } },
        })
        .to_string();
        (compact, input)
    }

    #[test]
    fn a_200_line_cart_fits_shopifys_input_output_and_metafield_limits() {
        let (compact, input) = two_hundred_lines();
        assert!(
            compact.len() <= cartlift_core::checkout::METAFIELD_LIMIT,
            "metafield {} B",
            compact.len()
        );
        assert!(input.len() < 128_000, "input {} B", input.len());
        let output = output_json(&run(&input)).to_string();
        assert!(output.len() < 20_000, "output {} B", output.len());
        let off = amounts_off(&serde_json::from_str(&output).expect("JSON"), Currency::USD);
        // 60 bundle lines, 10 tier lines, 5 upsells; the 125 others at their price.
        assert_eq!(off.len(), 75);
        // Every pair is a bundle at 15% off $25.00: $21.25, exactly.
        assert!(off[..60].chunks(2).all(|pair| pair[0].1 + pair[1].1 == 375));
        // Six at 15% off $19.99 ($3.00 off each, $16.99) or $5.01 ($0.75 off, $4.26).
        assert!(off[60..70]
            .iter()
            .all(|&(l, a)| a == if l % 2 == 0 { 6 * 300 } else { 6 * 75 }));
        // One of each upsell at 10% off.
        assert!(off[70..]
            .iter()
            .all(|&(l, a)| a == if l % 2 == 0 { 200 } else { 50 }));
        // The sizes, for the README and the runner's report.
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")).ok();
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/two-hundred-lines.input.json"
            ),
            &input,
        )
        .expect("written");
        // The native build's answer, for `cargo xtask function` to hold the wasm build to.
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/two-hundred-lines.output.json"
            ),
            &output,
        )
        .expect("written");
    }
}
