//! cartlift's Shopify Discount Function: checkout charges what the widget showed and grants what
//! the shipping bar promised. Two targets share one reading of checkout's input and one pricing
//! by the core that prices the widget:
//!
//! - `cart.lines.discounts.generate.run`: each line [`checkout::discounts`] discounts becomes a
//!   `productDiscountsAdd` candidate of a fixed amount off that line (PRODUCT class), and the
//!   order discount of the highest goal reached ([`checkout::rewards`]) an `orderDiscountsAdd`
//!   candidate of that exact amount off the subtotal, excluded lines left out (ORDER class);
//! - `cart.delivery-options.discounts.generate.run`: a goal's free shipping, 100% off the
//!   cheapest delivery option of each group or off every option (SHIPPING class).
//!
//! The config comes from the discount's metafield in the form `cartlift export` writes for
//! checkout ([`form`]: checked and resolved once, read in one walk). What the shopper's browser
//! claimed about them (segments, experiment variants) comes in the `_cartlift` cart attribute
//! ([`checkout::Claim`]); a cart in another currency than the config's is priced from the
//! config converted at `presentmentCurrencyRate`, by the page's own rule.
//!
//! Shopify's `Decimal` scalar is an `f64` in the `shopify_function` crate; every `Decimal` this
//! function reads or writes is overridden to [`Exact`], its decimal text as Shopify sent it or
//! as the core wrote it, so no amount passes through floating point.

use cartlift_core::cart::Line;
use cartlift_core::checkout::{self, form, Buyer, Claim, Clock, LineDiscount, Mark, Rewards};
use cartlift_core::config::FreeShipping;
use cartlift_core::market::Rate;
use cartlift_core::money::parse_amount;
use cartlift_core::{Cart, Currency};
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
        "Input.presentmentCurrencyRate" => super::Exact,
    })]
    pub mod run {}

    #[query("src/delivery.graphql", custom_scalar_overrides = {
        "Input.cart.lines.cost.amountPerQuantity.amount" => super::Exact,
        "Input.presentmentCurrencyRate" => super::Exact,
        "Input.cart.deliveryGroups.deliveryOptions.cost.amount" => super::Exact,
    })]
    pub mod delivery {}
}

use schema::DiscountClass;

/// What both targets read from checkout's input, as plain borrowed values; the lines are read
/// field by field as pricing needs them ([`LineIn`]).
struct Checkout<'a, L> {
    classes: &'a [DiscountClass],
    /// The compact config of the discount's metafield.
    config: Option<&'a str>,
    /// The `_cartlift` attribute's value.
    claim: Option<&'a str>,
    country: &'a str,
    /// The shop's local date, `2026-11-27`.
    date: &'a str,
    /// `presentmentCurrencyRate`.
    rate: &'a str,
    /// The cart's currency code.
    currency: &'a str,
    lines: &'a [L],
}

/// One cart line as checkout sent it. Each field is read from Shopify's input only when asked
/// for (every read costs instructions): a line whose variant the config does not name is never
/// asked for its marks.
trait LineIn {
    /// How many.
    fn count(&self) -> i32;
    /// The unit cost's decimal text, in the cart's currency.
    fn unit_text(&self) -> &str;
    /// The numeric part of the variant's `gid://shopify/ProductVariant/…`.
    fn variant_id(&self) -> Option<&str>;
    /// What cartlift marked on it.
    fn mark(&self) -> Mark;
    /// Whether it is a goal's gift (`_cartlift_gift`).
    fn is_gift(&self) -> bool;
}

/// [`LineIn`] for a query's own generated line type (each query has its own types).
macro_rules! line_in {
    ($line:ty, $merchandise:path) => {
        impl LineIn for $line {
            fn count(&self) -> i32 {
                *self.quantity()
            }
            fn unit_text(&self) -> &str {
                self.cost().amount_per_quantity().amount().0.as_str()
            }
            fn variant_id(&self) -> Option<&str> {
                use $merchandise as Merchandise;
                match self.merchandise() {
                    Merchandise::ProductVariant(v) => v.id().rsplit('/').next(),
                    _ => None,
                }
            }
            fn mark(&self) -> Mark {
                Mark {
                    bundle: self.bundle().and_then(|a| a.value().cloned()),
                    offer: self.offer().and_then(|a| a.value().cloned()),
                }
            }
            fn is_gift(&self) -> bool {
                self.gift().is_some_and(|a| a.value().is_some())
            }
        }
    };
}

line_in!(
    schema::run::input::cart::Lines,
    schema::run::input::cart::lines::Merchandise
);
line_in!(
    schema::delivery::input::cart::Lines,
    schema::delivery::input::cart::lines::Merchandise
);

/// Reads the header fields both queries share into a [`Checkout`].
macro_rules! read_checkout {
    ($input:expr) => {{
        let input = $input;
        Checkout {
            classes: input.discount().discount_classes(),
            config: input.discount().metafield().map(|m| m.value().as_str()),
            claim: input
                .cart()
                .claim()
                .and_then(|a| a.value())
                .map(String::as_str),
            country: input.localization().country().iso_code().as_str(),
            date: input.shop().local_time().date().as_str(),
            rate: input.presentment_currency_rate().0.as_str(),
            currency: input
                .cart()
                .cost()
                .subtotal_amount()
                .currency_code()
                .as_str(),
            lines: input.cart().lines(),
        }
    }};
}

/// What checkout charges and grants for one cart.
struct Priced {
    currency: Currency,
    /// Off each discounted line (none when the discount is not of the PRODUCT class).
    discounts: Vec<LineDiscount>,
    rewards: Rewards,
}

impl<L: LineIn> Checkout<'_, L> {
    fn has(&self, class: DiscountClass) -> bool {
        self.classes.contains(&class)
    }

    /// Prices the cart, or `None` when there is nothing to price: no config, a config that does
    /// not check, a cart in a currency it cannot read or convert to, an amount it cannot read.
    /// Checkout then goes on at full price; the merchant sees why in the function's log.
    fn priced(&self) -> Option<Priced> {
        let text = self.config?;
        let currency = Currency::from_code(self.currency)?;
        let claim = self.claim.map(Claim::parse).unwrap_or_default();
        let read = match form::read(text, currency, Rate::parse(self.rate), &claim.variants) {
            Ok(read) => read,
            Err(_) => {
                log!("cartlift: the metafield's config cannot price this cart");
                return None;
            }
        };
        let config = read.config;
        // A line's `_cartlift_gift` is read only on a line of a product some goal gives: each
        // read of a line's field costs instructions, and most configs give none.
        let gifts: Vec<usize> = config
            .shipping_bar
            .iter()
            .flat_map(|b| &b.goals)
            .filter_map(|g| config.product_index(g.grants.gift.as_deref()?))
            .collect();
        let (cart, marks) = self.cart(&read.variants, currency, &gifts)?;
        let (start, end) = checkout::local_date_span(self.date)?;
        let clock = Clock::During(start, end);
        let buyer = Buyer::new(&config, &claim, Some(self.country));
        let (discounts, rewards) = if self.has(DiscountClass::Product) {
            checkout::price(config, &cart, &marks, &buyer, clock)
        } else {
            // Nothing off the lines: the goals count the lines at their prices.
            let rewards = checkout::rewards_owned(config, &cart, &[], &buyer, clock);
            (Vec::new(), rewards)
        };
        Some(Priced {
            currency,
            discounts,
            rewards,
        })
    }

    /// The cart as the core reads it, and each line's marks (the gift's only on a line of a
    /// product in `gifts`, the products the goals give); `None` for an amount it cannot read.
    fn cart(
        &self,
        by_variant: &[(u64, usize)],
        currency: Currency,
        gifts: &[usize],
    ) -> Option<(Cart, Vec<Mark>)> {
        let mut cart = Cart::empty(currency);
        cart.country = Some(self.country.to_owned());
        let mut marks = Vec::with_capacity(self.lines.len());
        for line in self.lines {
            let unit = parse_amount(line.unit_text(), currency).ok()?;
            let quantity = u32::try_from(line.count()).ok()?;
            // Read once (a second read measured +10,000 instructions on the 200-line cart):
            // its text is also a gift line's id.
            let variant = line.variant_id();
            let product = variant
                .and_then(|v| v.parse::<u64>().ok())
                .and_then(|v| by_variant.binary_search_by_key(&v, |&(k, _)| k).ok())
                .map(|at| by_variant[at].1);
            let gift = product.is_some_and(|p| gifts.contains(&p)) && line.is_gift();
            cart.lines.push(Line {
                // The core prices a line by its product's index; the id is for the page, but
                // on a gift line it is its variant id: a goal may give one variant only.
                id: match (gift, variant) {
                    (true, Some(v)) => v.to_owned(),
                    _ => String::new(),
                },
                product,
                quantity,
                unit_price: unit,
                total: unit.checked_mul(i64::from(quantity))?,
                gift,
            });
            // Marks matter only on the config's products.
            marks.push(product.map(|_| line.mark()).unwrap_or_default());
        }
        Some((cart, marks))
    }
}

#[shopify_function]
fn cart_lines_discounts_generate_run(
    input: schema::run::Input,
) -> Result<schema::CartLinesDiscountsGenerateRunResult> {
    let checkout = read_checkout!(&input);
    // A line's id is read only for a line that is discounted (each read costs instructions).
    let lines = input.cart().lines();
    let line_id = |i: usize| lines[i].id().clone();
    Ok(schema::CartLinesDiscountsGenerateRunResult {
        operations: checkout
            .priced()
            .map(|p| line_operations(&checkout, &p, &line_id))
            .unwrap_or_default(),
    })
}

#[shopify_function]
fn cart_delivery_options_discounts_generate_run(
    input: schema::delivery::Input,
) -> Result<schema::CartDeliveryOptionsDiscountsGenerateRunResult> {
    let checkout = read_checkout!(&input);
    let free = checkout
        .has(DiscountClass::Shipping)
        .then(|| checkout.priced())
        .flatten()
        .and_then(|p| p.rewards.free_shipping.map(|f| (f, p.currency)));
    let operations = match free {
        Some(((which, message), currency)) => {
            delivery_operations(input.cart().delivery_groups(), which, &message, currency)
        }
        None => Vec::new(),
    };
    Ok(schema::CartDeliveryOptionsDiscountsGenerateRunResult { operations })
}

/// The lines target's operations: the line discounts (PRODUCT class) and the reached goal's
/// order discount (ORDER class).
fn line_operations<L: LineIn>(
    checkout: &Checkout<L>,
    priced: &Priced,
    line_id: &dyn Fn(usize) -> String,
) -> Vec<schema::CartOperation> {
    let mut operations = Vec::new();
    let candidates: Vec<schema::ProductDiscountCandidate> = priced
        .discounts
        .iter()
        .filter_map(|d| product_candidate(d, line_id(d.line)))
        .collect();
    if !candidates.is_empty() {
        operations.push(schema::CartOperation::ProductDiscountsAdd(
            schema::ProductDiscountsAddOperation {
                // Each candidate targets a line of its own, so all of them apply.
                selection_strategy: schema::ProductDiscountSelectionStrategy::All,
                candidates,
            },
        ));
    }
    let order = priced.rewards.order.as_ref();
    if let Some((amount, message)) = order.filter(|_| checkout.has(DiscountClass::Order)) {
        operations.push(schema::CartOperation::OrderDiscountsAdd(
            schema::OrderDiscountsAddOperation {
                selection_strategy: schema::OrderDiscountSelectionStrategy::First,
                candidates: vec![schema::OrderDiscountCandidate {
                    targets: vec![schema::OrderDiscountCandidateTarget::OrderSubtotal(
                        schema::OrderSubtotalTarget {
                            // Lines that do not count toward the goal are not discounted by it.
                            excluded_cart_line_ids: priced
                                .rewards
                                .excluded
                                .iter()
                                .map(|&i| line_id(i))
                                .collect(),
                        },
                    )],
                    message: Some(message.clone()),
                    // The exact amount the core computed, never a percentage for Shopify to round.
                    value: schema::OrderDiscountCandidateValue::FixedAmount(schema::FixedAmount {
                        amount: Exact(amount.to_decimal_string()),
                    }),
                    conditions: None,
                    associated_discount_code: None,
                }],
            },
        ));
    }
    operations
}

/// One line's discount as a candidate: a fixed amount off the whole line, with a message
/// naming what it is for.
fn product_candidate(
    d: &LineDiscount,
    line_id: String,
) -> Option<schema::ProductDiscountCandidate> {
    if d.amount.minor() <= 0 {
        return None;
    }
    Some(schema::ProductDiscountCandidate {
        targets: vec![schema::ProductDiscountCandidateTarget::CartLine(
            schema::CartLineTarget {
                id: line_id,
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

/// Free shipping as delivery discounts: 100% off each group's cheapest option (the first of
/// equals), or off every option of every group.
fn delivery_operations(
    groups: &[schema::delivery::input::cart::DeliveryGroups],
    which: FreeShipping,
    message: &str,
    currency: Currency,
) -> Vec<schema::DeliveryOperation> {
    let hundred = || {
        schema::DeliveryDiscountCandidateValue::Percentage(schema::Percentage {
            value: Exact("100.0".to_owned()),
        })
    };
    let candidates: Vec<schema::DeliveryDiscountCandidate> = groups
        .iter()
        .filter_map(|group| {
            let target = match which {
                FreeShipping::All => schema::DeliveryDiscountCandidateTarget::DeliveryGroup(
                    schema::DeliveryGroupTarget {
                        id: group.id().clone(),
                    },
                ),
                FreeShipping::Cheapest => {
                    let cheapest = group.delivery_options().iter().min_by_key(|o| {
                        // An amount it cannot read is never the cheapest.
                        parse_amount(&o.cost().amount().0, currency).map_or(i64::MAX, |m| m.minor())
                    })?;
                    schema::DeliveryDiscountCandidateTarget::DeliveryOption(
                        schema::DeliveryOptionTarget {
                            handle: cheapest.handle().clone(),
                        },
                    )
                }
            };
            Some(schema::DeliveryDiscountCandidate {
                targets: vec![target],
                value: hundred(),
                message: Some(message.to_owned()),
                associated_discount_code: None,
            })
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    vec![schema::DeliveryOperation::DeliveryDiscountsAdd(
        schema::DeliveryDiscountsAddOperation {
            selection_strategy: schema::DeliveryDiscountSelectionStrategy::All,
            candidates,
        },
    )]
}

fn main() {
    log!("cartlift-discount: call one of the exports cart_lines_discounts_generate_run, cart_delivery_options_discounts_generate_run");
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use shopify_function::run_function_with_input;

    /// Every discount class: a vector is replayed as checkout runs cartlift's discount.
    const ALL: &[&str] = &["PRODUCT", "ORDER", "SHIPPING"];

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

    /// The platform id of a product, or of a product's variant (spec §10), in a vector's config.
    fn variant(v: &Value, item: &str) -> String {
        v["config"]["products"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|p| std::iter::once(p).chain(p["variants"].as_array().into_iter().flatten()))
            .find(|p| p["id"] == item)
            .map(|p| p["variant_id"].to_string())
            .expect("every product and variant of a vector has a variant_id")
    }

    fn currency_of(v: &Value) -> Currency {
        Currency::from_code(v["currency"].as_str().expect("currency")).expect("a known currency")
    }

    /// Two delivery groups of two options each, express listed before the cheaper standard:
    /// 15 and 5 units of the cart's currency.
    fn delivery_groups(exponent: u32) -> Value {
        let unit = 10i64.pow(exponent);
        let group = |g: u32| {
            json!({
                "id": format!("gid://shopify/CartDeliveryGroup/{g}"),
                "deliveryOptions": [
                    { "handle": format!("express-{g}"), "cost": { "amount": shopify_decimal(15 * unit, exponent) } },
                    { "handle": format!("standard-{g}"), "cost": { "amount": shopify_decimal(5 * unit, exponent) } },
                ],
            })
        };
        json!([group(1), group(2)])
    }

    /// The vector as the input Shopify would hand the function: the cart's lines with their
    /// unit prices, variants and marks, the browser's claim, two delivery groups, the
    /// presentment rate, the shop's date, and the compact config in the metafield.
    fn input_of(v: &Value, classes: &[&str]) -> String {
        let exponent = v["exponent"].as_u64().expect("exponent") as u32;
        let currency = currency_of(v);
        let config_text = serde_json::to_string(&v["config"]).expect("config");
        let compact = cartlift_core::checkout::compact(&config_text).expect("the config compacts");
        let lines: Vec<Value> = v["cart"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let id = item["id"].as_str().expect("id");
                let unit = parse_amount(item["price"].as_str().expect("price"), currency).expect("amount");
                let attribute = |key: &str| match v["marks"][i][key].as_str() {
                    Some(value) => json!({ "value": value }),
                    None => Value::Null,
                };
                json!({
                    "id": format!("gid://shopify/CartLine/{i}"),
                    "quantity": item["quantity"],
                    "cost": { "amountPerQuantity": { "amount": shopify_decimal(unit.minor(), exponent) } },
                    "bundle": attribute("bundle"),
                    "offer": attribute("offer"),
                    "gift": attribute("gift"),
                    "merchandise": { "__typename": "ProductVariant", "id": format!("gid://shopify/ProductVariant/{}", variant(v, id)) },
                })
            })
            .collect();
        let claim = match v["claim"].as_str() {
            Some(text) => json!({ "value": text }),
            None => Value::Null,
        };
        json!({
            "cart": { "lines": lines, "claim": claim, "deliveryGroups": delivery_groups(exponent), "cost": { "subtotalAmount": { "currencyCode": currency.code() } } },
            "localization": { "country": { "isoCode": v["country"] } },
            "shop": { "localTime": { "date": v["date"] } },
            "presentmentCurrencyRate": v["rate"].as_str().unwrap_or("1.0"),
            "discount": { "discountClasses": classes, "metafield": { "value": compact } },
        })
        .to_string()
    }

    fn output_json(result: &impl wasm_api::Serialize) -> Value {
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
                let line = line_number(&c["targets"][0]["cartLine"]["id"]);
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

    fn line_number(id: &Value) -> usize {
        id.as_str()
            .and_then(|id| id.rsplit('/').next())
            .and_then(|n| n.parse().ok())
            .expect("a line id")
    }

    /// The order discount, as the golden vectors write it (`{ amount, message }` in minor
    /// units), and the lines it leaves out.
    fn order_off(output: &Value, currency: Currency) -> (Value, Vec<usize>) {
        let ops: Vec<&Value> = output["operations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|op| !op["orderDiscountsAdd"].is_null())
            .collect();
        let Some(op) = ops.first() else {
            return (Value::Null, Vec::new());
        };
        assert_eq!(ops.len(), 1, "one order discount at most");
        let candidates = op["orderDiscountsAdd"]["candidates"]
            .as_array()
            .expect("candidates");
        assert_eq!(candidates.len(), 1, "one order discount at most");
        let c = &candidates[0];
        let amount = c["value"]["fixedAmount"]["amount"]
            .as_str()
            .expect("an exact amount, never a percentage for Shopify to round");
        let excluded = c["targets"][0]["orderSubtotal"]["excludedCartLineIds"]
            .as_array()
            .expect("excluded lines")
            .iter()
            .map(line_number)
            .collect();
        (
            json!({ "amount": parse_amount(amount, currency).expect("exact").minor(), "message": c["message"] }),
            excluded,
        )
    }

    fn run(input: &str) -> schema::CartLinesDiscountsGenerateRunResult {
        run_function_with_input(cart_lines_discounts_generate_run, input)
            .expect("the function runs")
    }

    fn run_delivery(input: &str) -> schema::CartDeliveryOptionsDiscountsGenerateRunResult {
        run_function_with_input(cart_delivery_options_discounts_generate_run, input)
            .expect("the function runs")
    }

    /// What the delivery target frees, as `(target, percent)`: `option:<handle>` or
    /// `group:<n>`, and the message.
    fn freed(output: &Value) -> (Vec<String>, Option<String>) {
        let mut targets = Vec::new();
        let mut message = None;
        for op in output["operations"].as_array().into_iter().flatten() {
            for c in op["deliveryDiscountsAdd"]["candidates"]
                .as_array()
                .into_iter()
                .flatten()
            {
                assert_eq!(
                    c["value"]["percentage"]["value"], "100.0",
                    "free is 100% off"
                );
                let t = &c["targets"][0];
                targets.push(match t["deliveryOption"]["handle"].as_str() {
                    Some(handle) => format!("option:{handle}"),
                    None => format!("group:{}", line_number(&t["deliveryGroup"]["id"])),
                });
                message = c["message"].as_str().map(str::to_owned);
            }
        }
        (targets, message)
    }

    #[test]
    fn every_golden_vector_costs_at_checkout_what_the_widget_showed_to_the_minor_unit() {
        let vectors = golden();
        assert!(
            vectors.len() >= 38,
            "the core's golden vectors are all here"
        );
        let mut currencies = std::collections::BTreeSet::new();
        for v in &vectors {
            let name = v["name"].as_str().expect("name");
            let currency = currency_of(v);
            currencies.insert(currency.code().to_owned());
            let input = input_of(v, ALL);
            let output = output_json(&run(&input));
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
            // The order discount of the goal the bar says holds, its excluded lines left out.
            let (order, excluded) = order_off(&output, currency);
            assert_eq!(order, v["checkout"]["order"], "{name}: the order discount");
            if !order.is_null() {
                let want: Vec<usize> = v["checkout"]["excluded"]
                    .as_array()
                    .expect("excluded")
                    .iter()
                    .map(|l| l.as_u64().expect("line") as usize)
                    .collect();
                assert_eq!(excluded, want, "{name}: the lines the goal leaves out");
            }
            // Free shipping on the cheaper option of both groups, or on both groups whole.
            let (targets, message) = freed(&output_json(&run_delivery(&input)));
            let want = match v["checkout"]["free_shipping"]["options"].as_str() {
                Some("cheapest") => vec!["option:standard-1", "option:standard-2"],
                Some("all") => vec!["group:1", "group:2"],
                _ => vec![],
            };
            assert_eq!(targets, want, "{name}: free shipping");
            assert_eq!(
                message.as_deref(),
                v["checkout"]["free_shipping"]["message"].as_str(),
                "{name}: free shipping's message"
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
            ["EUR", "JPY", "KWD", "USD"]
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
        let output = output_json(&run(&input_of(&vector("usd-bundle-fixed-price"), ALL)));
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
    fn ten_percent_off_150_01_is_15_00_off_the_order_leaving_out_the_warranty() {
        let output = output_json(&run(&input_of(
            &vector("usd-goal-just-over-with-excluded-warranty"),
            ALL,
        )));
        assert_eq!(
            output,
            json!({ "operations": [ { "orderDiscountsAdd": {
                "selectionStrategy": "FIRST",
                "candidates": [ {
                    "targets": [ { "orderSubtotal": { "excludedCartLineIds": ["gid://shopify/CartLine/2"] } } ],
                    "message": "10% off",
                    "value": { "fixedAmount": { "amount": "15.00" } },
                } ],
            } } ] })
        );
    }

    #[test]
    fn free_shipping_takes_100_percent_off_the_cheaper_option_of_each_group() {
        let output = output_json(&run_delivery(&input_of(
            &vector("usd-goal-at-threshold"),
            ALL,
        )));
        let candidate = |g: u32| {
            json!({
                "targets": [ { "deliveryOption": { "handle": format!("standard-{g}") } } ],
                "message": "free shipping",
                "value": { "percentage": { "value": "100.0" } },
            })
        };
        assert_eq!(
            output,
            json!({ "operations": [ { "deliveryDiscountsAdd": {
                "selectionStrategy": "ALL",
                "candidates": [candidate(1), candidate(2)],
            } } ] })
        );
    }

    #[test]
    fn a_cart_one_cent_under_the_goal_ships_at_its_price() {
        for name in ["usd-goal-just-under", "jpy-goal-just-under"] {
            let input = input_of(&vector(name), ALL);
            assert_eq!(run_delivery(&input).operations, vec![], "{name}");
            assert_eq!(run(&input).operations, vec![], "{name}");
        }
    }

    #[test]
    fn a_kwd_amount_keeps_its_three_decimals_and_a_yen_amount_has_none() {
        let kwd = output_json(&run(&input_of(
            &vector("kwd-upsell-percent-of-a-line"),
            ALL,
        )));
        assert_eq!(
            kwd["operations"][0]["productDiscountsAdd"]["candidates"][0]["value"]["fixedAmount"]
                ["amount"],
            "7.888"
        );
        let jpy = output_json(&run(&input_of(
            &vector("jpy-tier-seven-and-a-half-percent"),
            ALL,
        )));
        let candidate = &jpy["operations"][0]["productDiscountsAdd"]["candidates"][0];
        assert_eq!(candidate["value"]["fixedAmount"]["amount"], "465");
        assert_eq!(candidate["message"], "7.5% off for quantity");
    }

    #[test]
    fn each_class_gives_only_its_own_discounts() {
        let v = vector("usd-goal-top-frees-every-option");
        let ops = |classes: &[&str]| -> Vec<String> {
            let input = input_of(&v, classes);
            let mut kinds: Vec<String> = Vec::new();
            for output in [
                output_json(&run(&input)),
                output_json(&run_delivery(&input)),
            ] {
                for op in output["operations"].as_array().into_iter().flatten() {
                    kinds.extend(op.as_object().expect("an operation").keys().cloned());
                }
            }
            kinds
        };
        assert_eq!(
            ops(ALL),
            [
                "productDiscountsAdd",
                "orderDiscountsAdd",
                "deliveryDiscountsAdd"
            ]
        );
        assert_eq!(ops(&["PRODUCT"]), ["productDiscountsAdd"]);
        assert_eq!(ops(&["ORDER"]), ["orderDiscountsAdd"]);
        assert_eq!(ops(&["SHIPPING"]), ["deliveryDiscountsAdd"]);
        assert_eq!(ops(&[]), Vec::<String>::new());
    }

    #[test]
    fn a_missing_or_broken_config_leaves_checkout_at_full_price() {
        let v = vector("usd-goal-top-frees-every-option");
        let mut input: Value = serde_json::from_str(&input_of(&v, ALL)).expect("JSON");
        input["discount"]["metafield"] = Value::Null;
        assert_eq!(run(&input.to_string()).operations, vec![]);
        assert_eq!(run_delivery(&input.to_string()).operations, vec![]);
        input["discount"]["metafield"] =
            json!({ "value": "{\"currency\": \"USD\", \"products\": [" });
        assert_eq!(run(&input.to_string()).operations, vec![]);
        assert_eq!(run_delivery(&input.to_string()).operations, vec![]);
    }

    #[test]
    fn a_cart_in_another_currency_with_no_usable_rate_is_not_discounted() {
        let v = vector("usd-bundle-fixed-price");
        let text = input_of(&v, ALL).replace("\"USD\"", "\"CAD\"");
        let mut input: Value = serde_json::from_str(&text).expect("JSON");
        input["presentmentCurrencyRate"] = json!("0.0");
        assert_eq!(run(&input.to_string()).operations, vec![]);
    }

    #[test]
    fn a_euro_cart_on_a_dollar_store_is_priced_at_the_presentment_rate() {
        // $950 for the laptop and mouse is €874.00 at 0.92: €966.00 of lines, €92.00 off.
        let v = vector("eur-bundle-on-a-dollar-store");
        let off = amounts_off(&output_json(&run(&input_of(&v, ALL))), currency_of(&v));
        assert_eq!(off.iter().map(|(_, a)| a).sum::<i64>(), 9200);
        // At another rate the same cart is priced otherwise: the rate is read, not assumed.
        let mut input: Value = serde_json::from_str(&input_of(&v, ALL)).expect("JSON");
        input["presentmentCurrencyRate"] = json!("0.9");
        let off = amounts_off(&output_json(&run(&input.to_string())), currency_of(&v));
        assert_eq!(off.iter().map(|(_, a)| a).sum::<i64>(), 96600 - 85500);
    }

    #[test]
    fn a_bundle_that_ended_before_the_shops_date_is_not_discounted_but_one_ending_that_day_is() {
        let mut v = vector("usd-bundle-fixed-price");
        v["config"]["bundles"][0]["ends_at"] = json!("2026-11-26T00:00:00Z");
        assert_eq!(run(&input_of(&v, ALL)).operations, vec![]);
        v["config"]["bundles"][0]["ends_at"] = json!("2026-11-27T18:00:00Z");
        assert_eq!(
            amounts_off(&output_json(&run(&input_of(&v, ALL))), Currency::USD),
            vec![(0, 9524), (1, 476)]
        );
    }

    /// A 200-line cart on a 200-product catalog: 30 bundle pairs (60 lines, marked), 10
    /// products at their top volume tier, 5 ticked upsells, a goal's gift (line 198, marked),
    /// and 124 lines the config does not price. Returns the compact config and the function's
    /// input.
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
        let bar = json!({ "goals": [
            { "threshold": "50.00", "reward": "Free shipping", "grants": { "free_shipping": true } },
            { "threshold": "500.00", "reward": "5% off your order", "grants": { "percent_off": 5 } },
            { "threshold": "600.00", "reward": "a free product 198", "grants": { "gift": "p198" } },
        ], "exclude": ["p199"] });
        let config = json!({ "currency": "USD", "products": products, "bundles": bundles, "volume_tiers": tiers, "upsells": upsells, "max_offers": 5, "shipping_bar": bar }).to_string();
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
                    "cost": { "amountPerQuantity": { "amount": if i % 2 == 0 { "19.99" } else { "5.01" } } },
                    "bundle": bundle,
                    "offer": offer,
                    "gift": if i == 198 { json!({ "value": "600.00" }) } else { Value::Null },
                    "merchandise": { "__typename": "ProductVariant", "id": format!("gid://shopify/ProductVariant/{}", if i < 75 || i == 198 { variant(i) } else { variant(1000 + i) }) },
                })
            })
            .collect();
        let input = json!({
            "cart": { "lines": lines, "claim": null, "deliveryGroups": delivery_groups(2), "cost": { "subtotalAmount": { "currencyCode": "USD" } } },
            "localization": { "country": { "isoCode": "US" } },
            "shop": { "localTime": { "date": "2026-11-27" } },
            "presentmentCurrencyRate": "1.0",
            "discount": { "discountClasses": ALL, "metafield": { "value": compact } },
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
        // 60 bundle lines, 10 tier lines, 5 upsells and the gift; the 124 others at their price.
        assert_eq!(off.len(), 76);
        // The gift (two units of product 198 on its line): one unit free, $19.99.
        assert_eq!(off[75], (198, 1999));
        // Every pair is a bundle at 15% off $25.00: $21.25, exactly.
        assert!(off[..60].chunks(2).all(|pair| pair[0].1 + pair[1].1 == 375));
        // Six at 15% off $19.99 ($3.00 off each, $16.99) or $5.01 ($0.75 off, $4.26).
        assert!(off[60..70]
            .iter()
            .all(|&(l, a)| a == if l % 2 == 0 { 6 * 300 } else { 6 * 75 }));
        // One of each upsell at 10% off.
        assert!(off[70..75]
            .iter()
            .all(|&(l, a)| a == if l % 2 == 0 { 200 } else { 50 }));
        // $4,680.01 of lines, $232.00 off them, and the gift's line ($39.98) never counts: 5% of
        // $4,408.03 off the order, $220.40.
        let (order, excluded) =
            order_off(&serde_json::from_str(&output).expect("JSON"), Currency::USD);
        assert_eq!(
            order,
            json!({ "amount": 22040, "message": "5% off your order" })
        );
        // The order's subtotal leaves the gift's line out, as the goals do.
        assert_eq!(excluded, vec![198]);
        let delivery = output_json(&run_delivery(&input)).to_string();
        assert_eq!(
            freed(&serde_json::from_str(&delivery).expect("JSON")),
            (
                vec![
                    "option:standard-1".to_owned(),
                    "option:standard-2".to_owned()
                ],
                Some("Free shipping".to_owned())
            )
        );
        // The sizes, for the README and the runner's report.
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")).ok();
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/two-hundred-lines.delivery-output.json"
            ),
            &delivery,
        )
        .expect("written");
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
