//! Shopify's AJAX Cart API (`GET /cart.js`): money is an integer at a hundredth of the major
//! unit in every currency (¥1,000 is `100000`, 12.340 KWD is `1234`); lines are matched to
//! products by `variant_id`.
//!
//! A line's unit price is its price before the cart's discounts (`original_price`, falling back
//! to `price` in older responses): Shopify runs Discount Functions on the cart as well as at
//! checkout, so once cartlift's own function has priced a bundle, `final_price` is already the
//! bundle's share, and pricing other offers from it would count that discount twice. Its total
//! is what the shopper pays for it (`final_line_price`, after the line's discounts, falling back
//! to `line_price`), which the shipping bar counts unless the config says
//! `"subtotal": "before_discounts"`.

use super::{
    bad, field, id_text, line_of, quantity, read_cart, scaled, LineOut, PlatformCart, PlatformLine,
    Variants,
};
use crate::error::{Error, Path};
use crate::json::Json;
use crate::money::Currency;

/// Shopify's amounts are in hundredths of the major unit, whatever the currency.
const DECIMALS: u32 = 2;

/// The cart of a `/cart.js` response.
pub fn cart(text: &str, variants: &Variants) -> Result<PlatformCart, Vec<Error>> {
    read_cart(text, "Shopify", &["currency"], |item, at, currency| {
        line(item, at, currency, variants)
    })
}

fn line(
    item: &Json,
    path: &Path,
    currency: Currency,
    variants: &Variants,
) -> Result<(LineOut, PlatformLine), Error> {
    let variant = field(item, "variant_id").and_then(id_text).ok_or_else(|| {
        bad(
            &path.key("variant_id"),
            crate::msg!("a line has no variant_id"),
        )
    })?;
    let count = field(item, "quantity").and_then(quantity).ok_or_else(|| {
        bad(
            &path.key("quantity"),
            crate::msg!("a line has no whole quantity"),
        )
    })?;
    let money = |names: [&str; 2]| {
        names
            .iter()
            .find_map(|n| field(item, n).map(|v| (*n, v)))
            .map(|(n, v)| {
                scaled(v, DECIMALS, currency)
                    .ok_or_else(|| bad(&path.key(n), crate::msg!("not an amount in cents")))
            })
            .unwrap_or_else(|| Err(bad(&path.key(names[1]), crate::msg!("a line has no price"))))
    };
    let unit = money(["original_price", "price"])?;
    let total = money(["final_line_price", "line_price"])?;
    Ok(line_of(
        "shopify",
        item,
        variant,
        count,
        (unit, total),
        &["product_title", "title"],
        variants,
    ))
}
