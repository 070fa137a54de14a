//! WooCommerce's REST orders JSON (`GET /wp-json/wc/v3/orders`), streamed order by order.

use super::{
    amount, cancelled, finish, key_of, quantity, same_currency, Gathering, Item, Options, Order,
    Summary,
};
use cartlift_core::money::round_half_away_from_zero;
use cartlift_core::{Currency, Money};
use serde::Deserialize;
use std::io::Read;

/// An order of WooCommerce's REST API, as far as cartlift reads it.
#[derive(Deserialize)]
struct WooOrder {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    status: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    line_items: Vec<WooLine>,
}

#[derive(Deserialize)]
struct WooLine {
    #[serde(default)]
    product_id: serde_json::Value,
    #[serde(default)]
    variation_id: serde_json::Value,
    #[serde(default)]
    sku: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    quantity: serde_json::Value,
    /// Before the order's discounts.
    #[serde(default)]
    subtotal: Option<String>,
    /// After them: what the order was worth.
    #[serde(default)]
    total: Option<String>,
}

/// Reads WooCommerce's REST orders JSON, one order at a time.
pub(super) fn read(
    reader: impl Read,
    options: &Options,
    summary: &mut Summary,
    each: &mut dyn FnMut(&Order),
) -> Result<(), String> {
    use serde::de::{Deserializer as _, SeqAccess, Visitor};
    struct Orders<'a> {
        options: &'a Options,
        summary: &'a mut Summary,
        each: &'a mut dyn FnMut(&Order),
    }
    impl<'de> Visitor<'de> for Orders<'_> {
        type Value = Result<(), String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of orders")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut at = 0u64;
            // One order at a time: the array is never held whole.
            loop {
                at += 1;
                let next: Option<serde_json::Value> = seq.next_element()?;
                let Some(value) = next else { return Ok(Ok(())) };
                if let Err(e) = woo_order(value, at, self.options, self.summary, self.each) {
                    return Ok(Err(e));
                }
            }
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = de
        .deserialize_seq(Orders {
            options,
            summary,
            each,
        })
        .map_err(|e| {
            format!(
                "the WooCommerce orders JSON cannot be read at line {}, column {}: {e}",
                e.line(),
                e.column()
            )
        })?;
    result?;
    if summary.orders == 0 && summary.left_out == 0 && summary.skipped == 0 {
        return Err("the WooCommerce orders JSON holds no orders".into());
    }
    Ok(())
}

fn id_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn woo_order(
    value: serde_json::Value,
    at: u64,
    options: &Options,
    summary: &mut Summary,
    each: &mut dyn FnMut(&Order),
) -> Result<(), String> {
    let order: WooOrder = match serde_json::from_value(value) {
        Ok(o) => o,
        Err(e) => {
            return summary.skip(
                options.strict,
                format!("order {at}"),
                format!("not an order: {e}"),
            )
        }
    };
    let id = id_text(&order.id);
    let where_ = format!(
        "order {}",
        if id.is_empty() {
            at.to_string()
        } else {
            id.clone()
        }
    );
    let Some(currency) = Currency::from_code(&order.currency.to_ascii_uppercase()) else {
        return summary.skip(
            options.strict,
            where_,
            format!("{:?} is not a currency code", order.currency),
        );
    };
    same_currency(summary, currency, &where_)?;
    let mut items = Vec::new();
    let mut value = 0i64;
    for line in &order.line_items {
        let q = match &line.quantity {
            serde_json::Value::Number(n) => quantity(&n.to_string()),
            serde_json::Value::String(s) => quantity(s),
            _ => Err("a line item has no quantity".into()),
        };
        let totals = line
            .total
            .as_deref()
            .or(line.subtotal.as_deref())
            .ok_or_else(|| "a line item has no total".to_owned())
            .and_then(|t| amount(t, currency));
        let before = line
            .subtotal
            .as_deref()
            .map(|t| amount(t, currency))
            .transpose();
        match (q, totals, before) {
            (Ok(q), Ok(total), Ok(before)) => {
                value += total.minor();
                // The price of one, before the order's discounts: the subtotal over the quantity.
                let line_price = before.unwrap_or(total).minor();
                let unit = round_half_away_from_zero(i128::from(line_price), i128::from(q)) as i64;
                let (variation, product) = (id_text(&line.variation_id), id_text(&line.product_id));
                let ids: Vec<&str> = [variation.as_str(), product.as_str()]
                    .into_iter()
                    .filter(|i| !i.is_empty() && *i != "0")
                    .collect();
                items.push(Item {
                    key: key_of(options, &ids, line.sku.as_deref().unwrap_or(""), &line.name),
                    quantity: q,
                    unit: Money::from_minor(unit, currency),
                });
            }
            (Err(why), _, _) | (_, Err(why), _) | (_, _, Err(why)) => {
                summary.skip(options.strict, where_.clone(), why)?
            }
        }
    }
    finish(
        Gathering {
            order: Order {
                id,
                value: Money::zero(currency),
                items,
            },
            currency,
            left_out: cancelled(&order.status, ""),
            subtotal: Some(Money::from_minor(value, currency)),
        },
        options,
        summary,
        each,
    );
    Ok(())
}
