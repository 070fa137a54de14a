//! The CSV exports: Shopify's Orders CSV (one row per line item, order fields on the first
//! row, grouped by `Name`) and the plain `order_id,product,quantity,price` CSV.

use super::{
    amount, cancelled, finish, key_of, quantity, same_currency, Format, Gathering, Item, Options,
    Order, Summary,
};
use cartlift_core::{Currency, Money};
use std::io::Read;

/// Reads a CSV export (Shopify's Orders CSV, or the plain `order_id,product,quantity,price`),
/// told apart by its header.
pub(super) fn read(
    reader: impl Read,
    shown: &str,
    options: &Options,
    summary: &mut Summary,
    each: &mut dyn FnMut(&Order),
) -> Result<(), String> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| format!("{shown}: the header cannot be read: {e}"))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let plain = ["order_id", "quantity", "product", "price"].map(col);
    let shopify = [
        "Name",
        "Lineitem quantity",
        "Lineitem name",
        "Lineitem price",
    ]
    .map(col);
    let format = if shopify.iter().all(Option::is_some) {
        Format::Shopify
    } else if plain.iter().all(Option::is_some) {
        Format::Plain
    } else {
        return Err(format!("{shown} is not an orders export cartlift knows: its header should be Shopify's (Name, …, Lineitem quantity, Lineitem name, Lineitem price, …) or order_id,product,quantity,price"));
    };
    summary.format = Some(format);
    let [id_c, qty_c, name_c, price_c] = if format == Format::Shopify {
        shopify
    } else {
        plain
    }
    .map(|c| c.unwrap_or(0));
    let (sku_c, currency_c, status_c, cancelled_c, subtotal_c) = (
        col("Lineitem sku"),
        col("Currency"),
        col("Financial Status"),
        col("Cancelled at"),
        col("Subtotal"),
    );
    let default_currency = options.currency.unwrap_or(Currency::USD);
    let mut current: Option<Gathering> = None;
    let mut last_code = String::new();
    // Bytes, not strings: only the fields read are checked as UTF-8 (a third less time on a
    // million rows).
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                summary.skip(options.strict, format!("line {line}"), format!("{e}"))?;
                continue;
            }
        }
        rows += 1;
        let line = record.position().map_or(rows + 1, |p| p.line());
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(|b| std::str::from_utf8(b).unwrap_or("\u{FFFD}"))
                .unwrap_or("")
                .trim()
        };
        let id = field(Some(id_c));
        if id.is_empty() {
            summary.skip(
                options.strict,
                format!("line {line}"),
                "the row names no order".into(),
            )?;
            continue;
        }
        // A new order begins where the name changes.
        if current.as_ref().is_none_or(|g| g.order.id != id) {
            if let Some(g) = current.take() {
                finish(g, options, summary, each);
            }
            let currency = match (format, field(currency_c)) {
                // The same code as the order before: looked up once, not per order.
                (Format::Shopify, code) if !code.is_empty() && code == last_code => {
                    summary.currency.unwrap_or(default_currency)
                }
                (Format::Shopify, code) if !code.is_empty() => {
                    match Currency::from_code(&code.to_ascii_uppercase()) {
                        Some(c) => {
                            last_code = code.to_owned();
                            c
                        }
                        None => {
                            summary.skip(
                                options.strict,
                                format!("line {line}"),
                                format!("{code:?} is not a currency code"),
                            )?;
                            continue;
                        }
                    }
                }
                _ => default_currency,
            };
            same_currency(summary, currency, &format!("line {line}"))?;
            let subtotal = match field(subtotal_c) {
                "" => None,
                text => amount(text, currency).ok(),
            };
            current = Some(Gathering {
                order: Order {
                    id: id.to_owned(),
                    value: Money::zero(currency),
                    items: Vec::new(),
                },
                currency,
                left_out: cancelled(field(status_c), field(cancelled_c)),
                subtotal,
            });
        }
        let Some(g) = current.as_mut() else { continue };
        let item = quantity(field(Some(qty_c)))
            .and_then(|q| amount(field(Some(price_c)), g.currency).map(|p| (q, p)));
        match item {
            Ok((quantity, unit)) => {
                let name = field(Some(name_c));
                let sku = field(sku_c);
                g.order.items.push(Item {
                    key: key_of(options, &[], sku, name),
                    quantity,
                    unit,
                });
            }
            Err(why) => summary.skip(options.strict, format!("line {line}"), why)?,
        }
    }
    if let Some(g) = current.take() {
        finish(g, options, summary, each);
    }
    if rows == 0 {
        return Err(format!("{shown} has a header and no orders"));
    }
    Ok(())
}
