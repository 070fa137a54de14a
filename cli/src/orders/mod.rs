//! Order exports, read exactly and streamed: one order at a time reaches the caller, so memory
//! does not grow with the number of orders. Three formats, told apart by their content: Shopify's
//! Orders CSV export (one row per line item, order fields on the first row, grouped by `Name`),
//! WooCommerce's REST orders JSON (`GET /wp-json/wc/v3/orders`), and the plain
//! `order_id,product,quantity,price` CSV. Money is read digit by digit into minor units
//! (`cartlift_core::money::parse_amount`), never through floating point.
//!
//! By format: `csv_export` (Shopify's and the plain CSV) and `woocommerce` (the JSON); here,
//! what they share: telling them apart, the orders and items, amounts and quantities, and an
//! order's gathering and keeping.

mod csv_export;
mod woocommerce;

use cartlift_core::money::parse_amount;
use cartlift_core::{Currency, Money};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Shopify's Orders CSV export.
    Shopify,
    /// WooCommerce's REST orders JSON.
    WooCommerce,
    /// `order_id,product,quantity,price`.
    Plain,
}

impl Format {
    /// Its name, as the reports say it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Shopify => "Shopify orders CSV",
            Format::WooCommerce => "WooCommerce orders JSON",
            Format::Plain => "order_id,product,quantity,price CSV",
        }
    }
}

/// One line item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What the item is known by: the config's product id when `--config` names it, else the
    /// SKU, else the name.
    pub key: String,
    /// How many.
    pub quantity: u32,
    /// The price of one.
    pub unit: Money,
}

/// One order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// Its name or number in the export (`#1001`, `727`).
    pub id: String,
    /// What it was worth before shipping and taxes: the cart subtotal a free-shipping goal is
    /// measured against.
    pub value: Money,
    /// Its line items.
    pub items: Vec<Item>,
}

/// A product of a config's catalog: its id, its title and its platform variant id.
type CatalogProduct = (String, String, Option<String>);

/// What a config's catalog says about items, to name them by product id.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Each product of the config.
    pub products: Vec<CatalogProduct>,
}

impl Catalog {
    /// The products of a config's JSON text.
    pub fn from_config(text: &str) -> Catalog {
        let variants = cartlift_core::platform::Variants::from_config_json(text);
        let products = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| v["products"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| {
                let id = p["id"].as_str()?.to_owned();
                let title = p["title"].as_str().unwrap_or_default().to_owned();
                let variant = variants
                    .pairs()
                    .iter()
                    .find(|(_, pid)| *pid == id)
                    .map(|(v, _)| v.clone());
                Some((id, title, variant))
            })
            .collect();
        Catalog { products }
    }

    /// The product an item is: by variant or product id, by SKU equal to a product id, or by
    /// title (letter case aside).
    fn product(&self, ids: &[&str], sku: &str, name: &str) -> Option<&str> {
        let by = |f: &dyn Fn(&CatalogProduct) -> bool| {
            self.products.iter().find(|p| f(p)).map(|p| p.0.as_str())
        };
        by(&|p| p.2.as_deref().is_some_and(|v| ids.contains(&v)))
            .or_else(|| by(&|p| !sku.is_empty() && p.0 == sku))
            .or_else(|| by(&|p| p.0 == name))
            .or_else(|| by(&|p| !p.1.is_empty() && p.1.eq_ignore_ascii_case(name)))
    }
}

/// How to read.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keep cancelled and refunded orders (left out by default).
    pub include_cancelled: bool,
    /// Refuse the file at its first bad row, instead of skipping it.
    pub strict: bool,
    /// The currency of a plain CSV, which does not say.
    pub currency: Option<Currency>,
    /// Items named by the config's product ids.
    pub catalog: Option<Catalog>,
}

/// What a read found besides the orders.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// The export's format.
    pub format: Option<Format>,
    /// The currency of every order.
    pub currency: Option<Currency>,
    /// Orders handed over.
    pub orders: u64,
    /// Cancelled or refunded orders left out.
    pub left_out: u64,
    /// Rows (or orders) skipped as unreadable.
    pub skipped: u64,
    /// The first few of them, each with its line (or order) and why.
    pub skipped_examples: Vec<String>,
}

impl Summary {
    fn skip(&mut self, strict: bool, where_: String, why: String) -> Result<(), String> {
        if strict {
            return Err(format!(
                "{where_}: {why} (--strict refuses the file at its first bad row)"
            ));
        }
        self.skipped += 1;
        if self.skipped_examples.len() < 5 {
            self.skipped_examples.push(format!("{where_}: {why}"));
        }
        Ok(())
    }

    /// A sentence for the end of a report: what was left out and skipped.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.left_out > 0 {
            notes.push(format!(
                "{} cancelled or refunded order{} left out (--include-cancelled keeps them).",
                self.left_out,
                if self.left_out == 1 { "" } else { "s" }
            ));
        }
        if self.skipped > 0 {
            notes.push(format!(
                "{} unreadable row{} skipped: {}{}",
                self.skipped,
                if self.skipped == 1 { "" } else { "s" },
                self.skipped_examples.join("; "),
                if self.skipped as usize > self.skipped_examples.len() {
                    "; …"
                } else {
                    ""
                }
            ));
        }
        notes
    }
}

/// Reads the export at `path`, handing each order kept to `each`. A file that cannot be read,
/// is not an export, or mixes currencies is refused with one sentence.
pub fn read(
    path: &Path,
    options: &Options,
    each: &mut dyn FnMut(&Order),
) -> Result<Summary, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| format!("{shown} cannot be read: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader
        .fill_buf()
        .map_err(|e| format!("{shown} cannot be read: {e}"))?;
    if head.is_empty() {
        return Err(format!("{shown} is empty: export the orders again"));
    }
    if head.contains(&0) {
        return Err(format!("{shown} is not a text file: cartlift reads Shopify's orders CSV, WooCommerce's orders JSON or an order_id,product,quantity,price CSV"));
    }
    // A byte-order mark (spreadsheets write one) is not part of the first column's name.
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let first = reader
        .fill_buf()
        .map_err(|e| format!("{shown} cannot be read: {e}"))?
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace());
    let mut summary = Summary::default();
    if first == Some(b'[') {
        summary.format = Some(Format::WooCommerce);
        woocommerce::read(reader, options, &mut summary, each)?;
    } else {
        csv_export::read(reader, &shown.to_string(), options, &mut summary, each)?;
    }
    Ok(summary)
}

/// A decimal amount of an export: exact, a thousands separator allowed (`1,234.50`).
pub(super) fn amount(text: &str, currency: Currency) -> Result<Money, String> {
    let t = text.trim();
    let plain = if t.contains(',') && is_grouped(t) {
        t.replace(',', "")
    } else {
        t.to_owned()
    };
    parse_amount(&plain, currency).map_err(|e| e.to_string())
}

/// `1,234` or `12,345,678.90`: commas between groups of three digits.
pub(super) fn is_grouped(t: &str) -> bool {
    let whole = t.split('.').next().unwrap_or(t);
    let mut groups = whole.split(',');
    let lead = groups.next().unwrap_or("");
    !lead.is_empty()
        && lead.len() <= 3
        && lead.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn quantity(text: &str) -> Result<u32, String> {
    match text.trim().parse::<i64>() {
        Ok(q) if q > 0 && q <= i64::from(cartlift_core::cart::MAX_QUANTITY) => Ok(q as u32),
        Ok(q) if q <= 0 => Err(format!("the quantity {q} is not a positive number")),
        Ok(q) => Err(format!("the quantity {q} is more than cartlift counts")),
        Err(_) => Err(format!(
            "the quantity {:?} is not a whole number",
            text.trim()
        )),
    }
}

/// Whether an order of this status and cancellation is left out by default.
pub(super) fn cancelled(status: &str, cancelled_at: &str) -> bool {
    !cancelled_at.trim().is_empty()
        || matches!(
            status.trim().to_ascii_lowercase().as_str(),
            "refunded" | "voided" | "cancelled" | "failed" | "trash"
        )
}

/// One order being gathered from consecutive rows.
pub(super) struct Gathering {
    order: Order,
    currency: Currency,
    left_out: bool,
    subtotal: Option<Money>,
}

pub(super) fn finish(
    g: Gathering,
    options: &Options,
    summary: &mut Summary,
    each: &mut dyn FnMut(&Order),
) {
    if g.left_out && !options.include_cancelled {
        summary.left_out += 1;
        return;
    }
    if g.order.items.is_empty() {
        return;
    }
    let mut order = g.order;
    order.value = g.subtotal.unwrap_or_else(|| {
        let sum: i64 = order
            .items
            .iter()
            .map(|i| i.unit.minor() * i64::from(i.quantity))
            .sum();
        Money::from_minor(sum, g.currency)
    });
    summary.orders += 1;
    each(&order);
}

pub(super) fn same_currency(
    summary: &mut Summary,
    currency: Currency,
    where_: &str,
) -> Result<(), String> {
    match summary.currency {
        Some(c) if c != currency => Err(format!(
            "the export mixes currencies ({} and {currency}, {where_}): cartlift compares orders in one currency, so export one currency at a time",
            c
        )),
        _ => {
            summary.currency = Some(currency);
            Ok(())
        }
    }
}

pub(super) fn key_of(options: &Options, ids: &[&str], sku: &str, name: &str) -> String {
    options
        .catalog
        .as_ref()
        .and_then(|c| c.product(ids, sku, name))
        .map(str::to_owned)
        .unwrap_or_else(|| {
            if sku.trim().is_empty() {
                name.trim().to_owned()
            } else {
                sku.trim().to_owned()
            }
        })
}

/// Counts of values, in minor units: what the threshold needs of the orders, bounded by the
/// number of distinct values rather than of orders.
#[derive(Clone, Debug, Default)]
pub struct Tally(pub BTreeMap<i64, u64>);

impl Tally {
    /// One more of `value`, `n` times.
    pub fn add(&mut self, value: i64, n: u64) {
        *self.0.entry(value).or_default() += n;
    }

    /// How many values.
    pub fn count(&self) -> u64 {
        self.0.values().sum()
    }

    /// The `k`-th smallest value (from 0).
    pub fn nth(&self, k: u64) -> Option<i64> {
        let mut seen = 0;
        for (&v, &n) in &self.0 {
            seen += n;
            if k < seen {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_bytes(bytes: &[u8], options: &Options) -> (Result<Summary, String>, Vec<Order>) {
        let dir = std::env::temp_dir().join(format!("cartlift-orders-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!(
            "{:x}.txt",
            bytes
                .iter()
                .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        ));
        std::fs::write(&path, bytes).expect("written");
        let mut orders = Vec::new();
        let result = read(&path, options, &mut |o| orders.push(o.clone()));
        let _ = std::fs::remove_file(&path);
        (result, orders)
    }

    #[test]
    fn a_plain_csv_groups_consecutive_rows_and_values_each_order_exactly() {
        let (r, orders) = read_bytes(
            b"order_id,product,quantity,price\n1,A,2,0.10\n1,B,1,0.20\n2,A,3,0.10\n",
            &Options::default(),
        );
        assert_eq!(r.map(|s| s.orders), Ok(2));
        assert_eq!(orders[0].value, Money::from_minor(40, Currency::USD));
        assert_eq!(orders[1].value, Money::from_minor(30, Currency::USD));
    }

    #[test]
    fn a_catalog_names_items_by_title_sku_or_variant() {
        let catalog = Catalog::from_config(
            r#"{"products":[{"id":"mouse","title":"Wireless Mouse","price":"1.00","variant_id":102}]}"#,
        );
        assert_eq!(catalog.product(&["102"], "", "x"), Some("mouse"));
        assert_eq!(catalog.product(&[], "mouse", "x"), Some("mouse"));
        assert_eq!(catalog.product(&[], "", "wireless mouse"), Some("mouse"));
        assert_eq!(catalog.product(&[], "MOU-1", "Keyboard"), None);
    }

    #[test]
    fn thousands_separators_are_read_only_where_they_group_three_digits() {
        assert_eq!(
            amount("1,234.50", Currency::USD),
            Ok(Money::from_minor(123_450, Currency::USD))
        );
        assert!(amount("12,34", Currency::USD).is_err());
        assert!(amount("1,2345.00", Currency::USD).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any bytes at all, as any of the three formats: an answer or a sentence, never a panic.
        #[test]
        fn any_file_gets_an_answer_or_a_sentence(body in proptest::collection::vec(any::<u8>(), 0..400), kind in 0u8..3) {
            let head: &[u8] = match kind {
                0 => b"order_id,product,quantity,price\n",
                1 => b"Name,Financial Status,Currency,Subtotal,Cancelled at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku\n",
                _ => b"[",
            };
            let mut bytes = head.to_vec();
            bytes.extend(body);
            let (result, orders) = read_bytes(&bytes, &Options::default());
            if let Ok(summary) = result {
                prop_assert_eq!(summary.orders as usize, orders.len());
            }
        }

        /// Rows of text that look like orders: every order kept is worth the sum of its lines.
        #[test]
        fn an_orders_value_is_the_sum_of_its_lines(rows in proptest::collection::vec((0u8..5, 1u32..50, 0u32..100_000), 1..40)) {
            let mut text = String::from("order_id,product,quantity,price\n");
            for (order, q, cents) in &rows {
                text.push_str(&format!("{order},P,{q},{}.{:02}\n", cents / 100, cents % 100));
            }
            let (result, orders) = read_bytes(text.as_bytes(), &Options::default());
            prop_assert!(result.is_ok());
            for o in &orders {
                let sum: i64 = o.items.iter().map(|i| i.unit.minor() * i64::from(i.quantity)).sum();
                prop_assert_eq!(o.value.minor(), sum);
            }
        }
    }
}
