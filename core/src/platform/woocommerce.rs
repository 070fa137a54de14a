//! WooCommerce's Store API (`GET /wp-json/wc/store/v1/cart`): money is a string of the
//! store's minor units, scaled by the response's `currency_minor_unit` (the store's decimals
//! setting, which need not be ISO's: a store may price JPY with 2 decimals, or USD with 0);
//! a line's unit price is `prices.price` (before cart coupons) and its total `totals.line_total`
//! (what the shopper pays for it, after coupons; the shipping bar counts it unless the config
//! says `"subtotal": "before_discounts"`); lines are matched to products by `id` (a product or
//! variation).

use super::{
    bad, field, id_text, line_of, quantity, read_cart, scaled, LineOut, PlatformCart, PlatformLine,
    Variants,
};
use crate::error::{Error, Path};
use crate::json::Json;
use crate::money::{Currency, Money};

/// The cart of a Store API cart response (or the `data.cart` of its 409).
pub fn cart(text: &str, variants: &Variants) -> Result<PlatformCart, Vec<Error>> {
    read_cart(
        text,
        "WooCommerce",
        &["totals", "currency_code"],
        |item, at, currency| line(item, at, currency, variants),
    )
}

/// An amount of a Store API money object: `object[name]` at its `currency_minor_unit`.
fn amount(
    object: Option<&Json>,
    name: &str,
    path: &Path,
    currency: Currency,
) -> Result<Money, Error> {
    let path = path.key(name);
    let value = object
        .and_then(|o| field(o, name))
        .ok_or_else(|| bad(&path, crate::msg!("missing")))?;
    let decimals = object
        .and_then(|o| field(o, "currency_minor_unit"))
        .and_then(quantity)
        .filter(|d| *d <= 18)
        .ok_or_else(|| bad(&path, crate::msg!("the amount has no currency_minor_unit")))?;
    scaled(value, decimals, currency)
        .ok_or_else(|| bad(&path, crate::msg!("not an amount in minor units")))
}

fn line(
    item: &Json,
    path: &Path,
    currency: Currency,
    variants: &Variants,
) -> Result<(LineOut, PlatformLine), Error> {
    let id = field(item, "id")
        .and_then(id_text)
        .ok_or_else(|| bad(&path.key("id"), crate::msg!("a line has no product id")))?;
    let count = field(item, "quantity").and_then(quantity).ok_or_else(|| {
        bad(
            &path.key("quantity"),
            crate::msg!("a line has no whole quantity"),
        )
    })?;
    let unit = amount(
        field(item, "prices"),
        "price",
        &path.key("prices"),
        currency,
    )?;
    let total = amount(
        field(item, "totals"),
        "line_total",
        &path.key("totals"),
        currency,
    )?;
    Ok(line_of(
        "woocommerce",
        item,
        id,
        count,
        (unit, total),
        &["name"],
        variants,
    ))
}
