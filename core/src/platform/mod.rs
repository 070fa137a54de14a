//! A shop platform's cart (spec §6) read into cartlift's cart (spec §3), exactly.
//!
//! Pure: the platform adapters (`src/platforms/*.js`) fetch the payload and hand its text
//! here, through [`crate::adapter`] (exported by the widget's platform flavours), and get back the §3 cart the page would
//! have sent to `setCart`, plus what the adapter needs to change the cart later (each line's
//! platform key and whether cartlift added it). Money is converted from the platform's own
//! scale to the currency's minor units with [`crate::money::round_half_away_from_zero`], the
//! one rounding rule, and never passes through floating point.

pub mod shopify;
pub mod woocommerce;

use crate::error::{Code, Error, Path};
use crate::integer::{checked_mul, digits_value, pow10};
use crate::json::Json;
use crate::money::{round_half_away_from_zero, Currency, Money, MAX_MINOR};
use serde::Serialize;

/// Which config product each platform item is: `(variant id, product id)` pairs, from each
/// product's `variant_id`, and each of a product's variants' (spec §10): `(variant id, the
/// variant's own id)`, which a cart line names as it names a product.
#[derive(Clone, Debug, Default)]
pub struct Variants(Vec<(String, String)>);

impl Variants {
    /// The pairs, as given.
    pub fn new(pairs: Vec<(String, String)>) -> Variants {
        Variants(pairs)
    }

    /// The `variant_id` of each product of a config's JSON text, and what is wrong with them
    /// (one that is not a whole number or a string, one that two products name). The widget
    /// has checked the rest of the config; variant ids matter only with a platform, so they
    /// are checked here, on the pages that have one, and by `cartlift check`.
    pub fn check(text: &str) -> (Variants, Vec<Error>) {
        match crate::json::parse(text) {
            Ok(tree) => Variants::check_tree(&tree),
            Err(_) => (Variants::default(), Vec::new()),
        }
    }

    /// [`Variants::check`] of a config already parsed into `tree`.
    pub fn check_tree(tree: &Json) -> (Variants, Vec<Error>) {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut errors = Vec::new();
        let Json::Obj(config) = tree else {
            return (Variants::default(), errors);
        };
        let Some((_, Json::Arr(products))) = config.iter().find(|(k, _)| k == "products") else {
            return (Variants::default(), errors);
        };
        let at = Path::root().key("products");
        // Each variant id seen so far, and the product that named it first: one lookup per
        // product, not a scan of the ones before it (a Shopify Function pays per instruction).
        // (A sorted list, not a BTreeMap: the same lookups, 1.7 KB less in the platform module.)
        let mut seen: Vec<(String, usize)> = Vec::new();
        let mut take = |item: &Json, i: usize, path: Path| {
            let (Some(Json::Str(id)), Some(v)) = (field(item, "id"), field(item, "variant_id"))
            else {
                return;
            };
            let Some(variant) = id_text(v) else {
                errors.push(Error::new(
                    Code::BadValue,
                    path,
                    crate::msg!(
                        "a variant_id is the platform's id of the item: a whole number or a string"
                    ),
                ));
                return;
            };
            match seen.binary_search_by(|(v, _)| v.as_str().cmp(&variant)) {
                Ok(at) => {
                    let first = seen[at].1;
                    errors.push(Error::new(Code::DuplicateId, path, crate::msg!("products[{first}] already names the variant {variant}; each product and variant names its own")));
                    return;
                }
                Err(at) => seen.insert(at, (variant.clone(), i)),
            }
            pairs.push((variant, id.clone()));
        };
        for (i, p) in products.iter().enumerate() {
            take(p, i, at.index(i).key("variant_id"));
            if let Some(Json::Arr(variants)) = field(p, "variants") {
                for (j, v) in variants.iter().enumerate() {
                    take(v, i, at.index(i).key("variants").index(j).key("variant_id"));
                }
            }
        }
        (Variants(pairs), errors)
    }

    /// [`Variants::check`]'s variants, whatever is wrong with the others.
    pub fn from_config_json(text: &str) -> Variants {
        Variants::check(text).0
    }

    /// The `(variant id, product id)` pairs.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The product id of a platform item, if the config names it.
    pub fn product(&self, variant: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(v, _)| v == variant)
            .map(|(_, id)| id.as_str())
    }
}

/// What a platform needs of a config's text that the widget does not check: each product's
/// `variant_id` ([`Variants::check`]) and each bundle's and upsell's `discount_code` (text that
/// is not empty), with their paths.
pub fn check_config(text: &str) -> Vec<Error> {
    read_config(text).1
}

/// The config's variants and [`check_config`]'s problems, from one parse of its text: what a
/// platform page reads of a config once, when it is given.
pub fn read_config(text: &str) -> (Variants, Vec<Error>) {
    match crate::json::parse(text) {
        Ok(root) => read_config_tree(&root),
        Err(_) => (Variants::default(), Vec::new()),
    }
}

/// [`read_config`] of a config already parsed into `root` (the widget's platform flavours
/// read it from the parse that gives the widgets their config).
pub fn read_config_tree(root: &Json) -> (Variants, Vec<Error>) {
    let (variants, mut errors) = Variants::check_tree(root);
    for list in ["bundles", "upsells"] {
        let Some(Json::Arr(offers)) = field(root, list) else {
            continue;
        };
        for (i, offer) in offers.iter().enumerate() {
            match field(offer, "discount_code") {
                None => {}
                Some(Json::Str(code)) if !code.trim().is_empty() => {}
                Some(_) => errors.push(Error::new(
                    Code::BadValue,
                    Path::root().key(list).index(i).key("discount_code"),
                    crate::msg!(
                        "a discount_code is the code as the shop knows it, as text: \"BUNDLE10\""
                    ),
                )),
            }
        }
    }
    (variants, errors)
}

/// An id as a platform writes it: a JSON string, or a whole number kept as its digits.
pub fn id_text(v: &Json) -> Option<String> {
    match v {
        Json::Str(s) if !s.is_empty() => Some(s.clone()),
        Json::Num(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => Some(n.clone()),
        _ => None,
    }
}

/// What a platform's cart becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlatformCart {
    /// The cart to give `setCart` (spec §3).
    pub cart: CartOut,
    /// The platform's lines, in the same order as `cart.items`.
    pub lines: Vec<PlatformLine>,
}

crate::json_object!(PlatformCart { cart, lines });

/// A §3 cart, as JSON would carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CartOut {
    /// ISO 4217.
    pub currency: String,
    /// The lines.
    pub items: Vec<LineOut>,
}

crate::json_object!(CartOut { currency, items });

/// A §3 cart line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineOut {
    /// The config's product id, or `platform:<item id>` for an item the config does not name.
    pub id: String,
    /// How many.
    pub quantity: u32,
    /// The platform's price of one, in major units.
    pub price: String,
    /// The platform's price of the whole line, in major units: the line's truth.
    pub line_price: String,
    /// The platform's name for the item, for lines the catalog does not hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `Some(true)` for a goal's gift: the line carries `_cartlift_gift` (spec §11).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<bool>,
}

crate::json_object!(LineOut { id, quantity, price, line_price, title?, gift? });

/// What the adapter needs of a line to change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlatformLine {
    /// The platform's line key (Shopify's `key`, WooCommerce's `key`).
    pub key: String,
    /// The platform's item id (a Shopify variant, a WooCommerce product or variation).
    pub item: String,
    /// The cartlift bundle this line was added for, from its `_cartlift_bundle` property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// The cartlift upsell this line was added for, from its `_cartlift_offer` property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    /// `Some(true)` for a goal's gift line: the one line a gift's removal takes away (never
    /// the shopper's own line of the same product).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<bool>,
}

crate::json_object!(PlatformLine { key, item, bundle?, offer?, gift? });

impl PlatformCart {
    /// As JSON text, for the adapter.
    pub fn to_json(&self) -> String {
        crate::json::to_string(self)
    }
}

/// A platform's cart payload read whole: its currency (at the keys `currency_at`, an ISO 4217
/// code), then each of its `items` by `line` at its path; every bad line is listed, not just
/// the first. `platform` names the platform in the sentences.
pub(crate) fn read_cart(
    text: &str,
    platform: &str,
    currency_at: &[&str],
    mut line: impl FnMut(&Json, &Path, Currency) -> Result<(LineOut, PlatformLine), Error>,
) -> Result<PlatformCart, Vec<Error>> {
    let root = crate::json::parse(text).map_err(|e| vec![e])?;
    let path = currency_at.iter().fold(Path::root(), |p, k| p.key(k));
    let code = match currency_at.iter().try_fold(&root, |v, k| field(v, k)) {
        Some(Json::Str(c)) => c.as_str(),
        _ => {
            return Err(vec![bad(
                &path,
                crate::msg!("{platform}'s cart has no currency"),
            )])
        }
    };
    let Some(currency) = Currency::from_code(code) else {
        return Err(vec![bad(
            &path,
            crate::msg!("{platform}'s cart is in \"{code}\", which is not an ISO 4217 currency"),
        )]);
    };
    let at = Path::root().key("items");
    let Some(Json::Arr(items)) = field(&root, "items") else {
        return Err(vec![bad(
            &at,
            crate::msg!("{platform}'s cart has no items list"),
        )]);
    };
    let mut errors = Vec::new();
    let mut out = PlatformCart {
        cart: CartOut {
            currency: currency.code().to_owned(),
            items: Vec::with_capacity(items.len()),
        },
        lines: Vec::with_capacity(items.len()),
    };
    for (i, item) in items.iter().enumerate() {
        match line(item, &at.index(i), currency) {
            Ok((line, platform)) => {
                out.cart.items.push(line);
                out.lines.push(platform);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A platform's cart line as read: the §3 line (the catalog's product id when the config names
/// the item, else `<platform>:<item>` with the platform's title from the first of
/// `title_keys`; `"gift": true` for a line with `_cartlift_gift`) and what the adapter needs
/// of it (its `key`, and the `_cartlift_bundle` / `_cartlift_offer` / `_cartlift_gift` marks
/// cartlift's own adds carry: Shopify's line `properties`, or the `extensions.cartlift` that
/// cartlift's WooCommerce plugin gives each line, `{"bundle"|"offer"|"gift": id}`).
pub(crate) fn line_of(
    platform: &str,
    item: &Json,
    id: String,
    quantity: u32,
    (unit, total): (Money, Money),
    title_keys: &[&str],
    variants: &Variants,
) -> (LineOut, PlatformLine) {
    let text = |v: Option<&Json>| match v {
        Some(Json::Str(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let plugin = field(item, "extensions").and_then(|e| field(e, "cartlift"));
    let property = |name: &str| {
        text(field(item, "properties").and_then(|p| field(p, name))).or_else(|| {
            text(plugin.and_then(|m| field(m, name.strip_prefix("_cartlift_").unwrap_or(name))))
        })
    };
    let gift = property("_cartlift_gift").map(|_| true);
    let product = variants.product(&id);
    let line = LineOut {
        id: product.map_or_else(
            || {
                let mut named = String::from(platform);
                named.push(':');
                named.push_str(&id);
                named
            },
            str::to_owned,
        ),
        quantity,
        price: unit.to_decimal_string(),
        line_price: total.to_decimal_string(),
        title: match product {
            Some(_) => None,
            None => title_keys.iter().find_map(|k| text(field(item, k))),
        },
        gift,
    };
    let platform_line = PlatformLine {
        key: text(field(item, "key")).unwrap_or_else(|| id.clone()),
        item: id,
        bundle: property("_cartlift_bundle"),
        offer: property("_cartlift_offer"),
        gift,
    };
    (line, platform_line)
}

pub(crate) use crate::json::field;

/// A problem with a platform's payload: the platform answered with something cartlift cannot
/// read as a cart. Its sentence is the checker module's (`crate::msg!`): the adapter asks it
/// for them, as for every problem without one.
pub(crate) fn bad(path: &Path, message: String) -> Error {
    Error::new(Code::Platform, path, message)
}

/// An amount the platform writes as `digits[.digits]` (a JSON number or a string) at
/// `10^-decimals` of the major unit, in `currency`'s minor units, rounded half away from zero
/// when the platform is finer than the currency.
pub(crate) fn scaled(v: &Json, decimals: u32, currency: Currency) -> Option<Money> {
    let text = match v {
        Json::Num(n) | Json::Str(n) => n.as_str(),
        _ => return None,
    };
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let mantissa = digits_value(whole, frac)?;
    let decimals = decimals.checked_add(u32::try_from(frac.len()).ok()?)?;
    let exponent = u32::from(currency.exponent());
    let minor = if exponent >= decimals {
        checked_mul(mantissa, pow10(exponent - decimals)?)?
    } else {
        round_half_away_from_zero(mantissa, pow10(decimals - exponent)?)
    };
    let minor = i64::try_from(minor).ok().filter(|m| *m <= MAX_MINOR)?;
    Some(Money::from_minor(minor, currency))
}

/// A whole number of items.
pub(crate) fn quantity(v: &Json) -> Option<u32> {
    match v {
        Json::Num(n) => n.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Json {
        Json::Num(s.into())
    }

    #[test]
    fn shopify_cents_become_yen_kwd_fils_and_dollar_cents_exactly() {
        let jpy = Currency::from_code("JPY").expect("JPY");
        let kwd = Currency::from_code("KWD").expect("KWD");
        assert_eq!(
            scaled(&num("100000"), 2, jpy).map(|m| m.minor()),
            Some(1000)
        );
        assert_eq!(scaled(&num("1234"), 2, kwd).map(|m| m.minor()), Some(12340));
        assert_eq!(
            scaled(&num("58000"), 2, Currency::USD).map(|m| m.minor()),
            Some(58000)
        );
    }

    #[test]
    fn half_a_yen_rounds_away_from_zero_and_a_fraction_of_a_fils_to_the_nearest() {
        let jpy = Currency::from_code("JPY").expect("JPY");
        let kwd = Currency::from_code("KWD").expect("KWD");
        assert_eq!(
            scaled(&num("100050"), 2, jpy).map(|m| m.minor()),
            Some(1001)
        );
        assert_eq!(
            scaled(&num("100049"), 2, jpy).map(|m| m.minor()),
            Some(1000)
        );
        assert_eq!(
            scaled(&num("123.45"), 2, kwd).map(|m| m.minor()),
            Some(1235)
        );
        assert_eq!(
            scaled(&num("123.44"), 2, kwd).map(|m| m.minor()),
            Some(1234)
        );
    }

    #[test]
    fn negative_exponent_floats_and_huge_amounts_are_not_money() {
        for bad in ["-100", "1e5", "", ".5", "99999999999999999999999999999"] {
            assert_eq!(scaled(&num(bad), 2, Currency::USD), None, "{bad}");
        }
    }

    #[test]
    fn variants_are_read_from_the_config_as_strings_or_whole_numbers() {
        let v = Variants::from_config_json(
            r#"{"currency":"USD","products":[{"id":"a","variant_id":123},{"id":"b","variant_id":"gid-9"},{"id":"c"},{"id":"d","variant_id":1.5}]}"#,
        );
        assert_eq!(v.product("123"), Some("a"));
        assert_eq!(v.product("gid-9"), Some("b"));
        assert_eq!(v.product("1.5"), None);
        assert_eq!(Variants::from_config_json("not json").product("123"), None);
    }
}
