//! Markets: the config as a shopper paying in another currency sees it.
//!
//! A store sells in one currency (the config's) and may show each shopper prices in theirs
//! (Shopify Markets: `Shopify.currency.active` and `.rate` on the page, `presentmentCurrencyRate`
//! at checkout). Then every figure must be in the shopper's currency: cart lines carry their own
//! prices, percentages apply to those, and each fixed amount of the config (a catalog price, a
//! bundle's price or amount off, an upsell's price, a goal's threshold, a subtotal condition) is
//! the merchant's own figure for that currency where the config gives one (a goal's
//! `by_currency`), else the amount at the store's rate, rounded to the currency's minor unit by
//! [`round_half_away_from_zero`], the one rounding rule.
//!
//! [`config_in`] rewrites a config's JSON text into the shopper's currency, so that the widget
//! (on the page) and checkout (the Shopify Function) price the same converted config with the
//! same code. Amounts are converted exactly, digit by digit, never through floating point.

use crate::config::Config;
use crate::error::{Code, Error, Path};
use crate::integer::{checked_mul, digits_value, pow10};
use crate::json::Json;
use crate::money::{parse_amount, round_half_away_from_zero, Currency, Money, MAX_MINOR};
use crate::sort::CollectVec;

/// How much one unit of the store's currency is in the shopper's: `mantissa / 10^scale`
/// (`"0.92"` is 92 / 10^2). Always above zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    mantissa: i128,
    scale: u32,
}

impl Rate {
    /// The rate written as decimal text (`"0.92"`, `"149.5"`, `"1.0"`, as Shopify writes
    /// `Shopify.currency.rate`), or a JSON number's text; `None` for anything else, for zero,
    /// and for more than 30 digits.
    pub fn parse(text: &str) -> Option<Rate> {
        let text = text.trim();
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let mantissa = digits_value(whole, frac)?;
        let scale = u32::try_from(frac.len()).ok()?;
        (mantissa > 0).then_some(Rate { mantissa, scale })
    }

    /// One to one.
    pub fn one() -> Rate {
        Rate {
            mantissa: 1,
            scale: 0,
        }
    }
}

/// `amount` in `to` at `rate`, rounded half away from zero to `to`'s minor unit; `None` when
/// the result is beyond what cartlift computes with ([`MAX_MINOR`]).
///
/// ```
/// use cartlift_core::market::{convert, Rate};
/// use cartlift_core::{Currency, Money};
/// let eur = Currency::from_code("EUR").unwrap();
/// let jpy = Currency::from_code("JPY").unwrap();
/// let fifty = Money::from_minor(5000, Currency::USD);
/// assert_eq!(convert(fifty, eur, Rate::parse("0.92").unwrap()).unwrap().minor(), 4600);
/// // $0.05 at ¥149.5 is ¥7.475: ¥7.
/// let nickel = Money::from_minor(5, Currency::USD);
/// assert_eq!(convert(nickel, jpy, Rate::parse("149.5").unwrap()).unwrap().minor(), 7);
/// ```
pub fn convert(amount: Money, to: Currency, rate: Rate) -> Option<Money> {
    let from = amount.currency();
    // minor_to = minor_from × rate × 10^(e_to − e_from)
    let mut numerator = checked_mul(i128::from(amount.minor()), rate.mantissa)?;
    let mut denominator = pow10(rate.scale)?;
    let (e_from, e_to) = (u32::from(from.exponent()), u32::from(to.exponent()));
    if e_to >= e_from {
        numerator = checked_mul(numerator, pow10(e_to - e_from)?)?;
    } else {
        denominator = checked_mul(denominator, pow10(e_from - e_to)?)?;
    }
    let minor = round_half_away_from_zero(numerator, denominator);
    let minor = i64::try_from(minor)
        .ok()
        .filter(|m| (0..=MAX_MINOR).contains(m))?;
    Some(Money::from_minor(minor, to))
}

/// The config's JSON `text` with every amount in `to`: its `currency` becomes `to`, each
/// catalog price, bundle `price` / `amount_off`, upsell `price` / `when.min_subtotal` /
/// `when.max_subtotal`, segment `typical_min` / `typical_max`, and goal `threshold`,
/// `by_country`, `personal` and `grants.amount_off` amount is converted at `rate` (in experiment variants' configs
/// too); a goal's threshold is its `by_currency` one for `to` when it has it (and its
/// `by_currency` goes, its work done); the sample `cart` goes (it was in the store's currency).
/// A config already in `to` comes back as it is.
///
/// Refused, with the path of the amount, when an amount cannot be read in the config's currency
/// or is too large once converted; the config's own checker says the rest.
pub fn config_in(text: &str, to: Currency, rate: Rate) -> Result<String, Vec<Error>> {
    let tree = crate::json::parse(text).map_err(|e| vec![e])?;
    let Some(from) = crate::json::field(&tree, "currency").and_then(|c| match c {
        Json::Str(c) => Currency::from_code(c),
        _ => None,
    }) else {
        return Err(vec![Error::new(
            Code::UnknownCurrency,
            Path::root().key("currency"),
            crate::msg!("the config has no ISO 4217 currency to convert from"),
        )]);
    };
    if from == to {
        return Ok(text.to_owned());
    }
    let mut converter = Converter {
        from,
        to,
        rate,
        errors: Vec::new(),
    };
    let Json::Obj(members) = tree else {
        return Ok(text.to_owned());
    };
    let mut out = Vec::with_capacity(members.len());
    for (key, value) in members {
        match key.as_str() {
            "cart" => continue,
            "currency" => out.push((key, Json::Str(to.code().to_owned()))),
            "experiments" => {
                let path = Path::root().key("experiments");
                let value = converter.experiments(value, &path);
                out.push((key, value));
            }
            _ => {
                let path = Path::root().key(&key);
                let value = converter.part(&key, value, &path);
                out.push((key, value));
            }
        }
    }
    if converter.errors.is_empty() {
        Ok(crate::json::tree_to_string(&Json::Obj(out)))
    } else {
        Err(converter.errors)
    }
}

/// A checked config in `to` at `rate`: exactly what checking [`config_in`]'s text gives, with
/// the same [`convert`] and the same fields (held to it by a test), for a host that reads a
/// config already checked (checkout's form, [`crate::checkout::form`]) and would otherwise
/// write it out and check it again. `None` when an amount is too large once converted.
pub fn convert_config(mut config: Config, to: Currency, rate: Rate) -> Option<Config> {
    use crate::config::model::{BundlePricing, UpsellPrice};
    if config.currency == to {
        return Some(config);
    }
    let c = |m: Money| convert(m, to, rate);
    let each = |m: Option<Money>| m.map(c).map_or(Some(None), |m| m.map(Some));
    for p in &mut config.products {
        p.price = c(p.price)?;
        for v in &mut p.variants {
            v.price = c(v.price)?;
        }
    }
    for b in &mut config.bundles {
        b.pricing = match b.pricing {
            BundlePricing::Fixed(m) => BundlePricing::Fixed(c(m)?),
            BundlePricing::AmountOff(m) => BundlePricing::AmountOff(c(m)?),
            other => other,
        };
    }
    for u in &mut config.upsells {
        if let UpsellPrice::Fixed(m) = u.price {
            u.price = UpsellPrice::Fixed(c(m)?);
        }
        u.min_subtotal = each(u.min_subtotal)?;
        u.max_subtotal = each(u.max_subtotal)?;
    }
    for (_, when) in &mut config.segments {
        when.typical_min = each(when.typical_min)?;
        when.typical_max = each(when.typical_max)?;
    }
    if let Some(bar) = config.shipping_bar.as_mut() {
        for g in &mut bar.goals {
            // The merchant's own threshold for this currency, else the converted one.
            g.threshold = match g.currency_threshold(to) {
                Some(own) => own,
                None => c(g.threshold)?,
            };
            g.by_currency.clear();
            for (_, m) in &mut g.by_country {
                *m = c(*m)?;
            }
            if let Some(p) = g.personal.as_mut() {
                p.round_to = each(p.round_to)?;
                p.min = each(p.min)?;
                p.max = each(p.max)?;
            }
            g.grants.amount_off = each(g.grants.amount_off)?;
        }
    }
    config.currency = to;
    Some(config)
}

/// Converts the amounts of one config's parts, collecting what it cannot.
struct Converter {
    from: Currency,
    to: Currency,
    rate: Rate,
    errors: Vec<Error>,
}

impl Converter {
    /// A top-level part of a config (or of a variant's partial config) by its key.
    fn part(&mut self, key: &str, value: Json, path: &Path) -> Json {
        match key {
            "products" => self.each(value, path, |c, item, at| {
                let item = c.amounts(item, at, &["price"]);
                // A variant's own price (spec §10); one it inherits follows the product's.
                c.within(item, "variants", at, |c, variants, at| {
                    c.each(variants, at, |c, v, at| c.amounts(v, at, &["price"]))
                })
            }),
            "bundles" => self.each(value, path, |c, item, at| {
                c.amounts(item, at, &["price", "amount_off"])
            }),
            "upsells" => self.each(value, path, |c, item, at| {
                let item = c.amounts(item, at, &["price"]);
                c.within(item, "when", at, |c, when, at| {
                    c.amounts(when, at, &["min_subtotal", "max_subtotal"])
                })
            }),
            "segments" => self.each(value, path, |c, item, at| {
                c.within(item, "when", at, |c, when, at| {
                    c.amounts(when, at, &["typical_min", "typical_max"])
                })
            }),
            "shipping_bar" => self.within(value, "goals", path, |c, goals, at| {
                c.each(goals, at, |c, goal, at| c.goal(goal, at))
            }),
            _ => value,
        }
    }

    /// `experiments[*].variants[*].config`: each variant's partial config, by the same rules.
    fn experiments(&mut self, value: Json, path: &Path) -> Json {
        self.each(value, path, |c, experiment, at| {
            c.within(experiment, "variants", at, |c, variants, at| {
                c.each(variants, at, |c, variant, at| {
                    c.within(variant, "config", at, |c, config, at| match config {
                        Json::Obj(members) => Json::Obj(
                            members
                                .into_iter()
                                .filter(|(k, _)| k != "cart" && k != "currency")
                                .map(|(k, v)| {
                                    let v = c.part(&k, v, &at.key(&k));
                                    (k, v)
                                })
                                .collect_vec(),
                        ),
                        other => other,
                    })
                })
            })
        })
    }

    /// A shipping goal: its threshold (the merchant's own for `to` when `by_currency` has it),
    /// its per-country thresholds and its personal rule's amounts.
    fn goal(&mut self, goal: Json, path: &Path) -> Json {
        let own = crate::json::field(&goal, "by_currency")
            .and_then(|m| crate::json::field(m, self.to.code()))
            .cloned();
        let Json::Obj(members) = goal else {
            return goal;
        };
        let members = members
            .into_iter()
            .filter(|(k, _)| k != "by_currency")
            .map(|(k, v)| {
                let at = path.key(&k);
                let v = match (k.as_str(), &own) {
                    ("threshold", Some(given)) => given.clone(),
                    ("threshold", None) => self.amount(v, &at),
                    ("by_country", _) => match v {
                        Json::Obj(countries) => Json::Obj(
                            countries
                                .into_iter()
                                .map(|(c, t)| {
                                    let t = self.amount(t, &at.key(&c));
                                    (c, t)
                                })
                                .collect_vec(),
                        ),
                        other => other,
                    },
                    ("personal", _) => self.amounts(v, &at, &["round_to", "min", "max"]),
                    ("grants", _) => self.amounts(v, &at, &["amount_off"]),
                    _ => v,
                };
                (k, v)
            })
            .collect_vec();
        Json::Obj(members)
    }

    /// Each item of a list, converted by `f` at its index.
    fn each(
        &mut self,
        value: Json,
        path: &Path,
        mut f: impl FnMut(&mut Self, Json, &Path) -> Json,
    ) -> Json {
        match value {
            Json::Arr(items) => Json::Arr(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| f(self, item, &path.index(i)))
                    .collect_vec(),
            ),
            other => other,
        }
    }

    /// The member `key` of an object, converted by `f`.
    fn within(
        &mut self,
        value: Json,
        key: &str,
        path: &Path,
        f: impl FnOnce(&mut Self, Json, &Path) -> Json,
    ) -> Json {
        match value {
            Json::Obj(mut members) => {
                if let Some(slot) = members.iter_mut().find(|(k, _)| k == key) {
                    let inner = std::mem::replace(&mut slot.1, Json::Null);
                    slot.1 = f(self, inner, &path.key(key));
                }
                Json::Obj(members)
            }
            other => other,
        }
    }

    /// The members `keys` of an object, each an amount.
    fn amounts(&mut self, value: Json, path: &Path, keys: &[&str]) -> Json {
        match value {
            Json::Obj(members) => Json::Obj(
                members
                    .into_iter()
                    .map(|(k, v)| {
                        let v = if keys.contains(&k.as_str()) {
                            self.amount(v, &path.key(&k))
                        } else {
                            v
                        };
                        (k, v)
                    })
                    .collect_vec(),
            ),
            other => other,
        }
    }

    /// One amount: a decimal in the store's currency becomes decimal text in the shopper's.
    /// `null` stays `null` (an amount left out).
    fn amount(&mut self, value: Json, path: &Path) -> Json {
        let text = match &value {
            Json::Num(t) | Json::Str(t) => t.clone(),
            _ => return value,
        };
        let converted = parse_amount(&text, self.from)
            .ok()
            .and_then(|m| convert(m, self.to, self.rate));
        match converted {
            Some(m) => Json::Str(m.to_decimal_string()),
            None => {
                self.errors.push(Error::new(
                    Code::BadAmount,
                    path,
                    crate::msg!(
                        "{text} cannot be shown in {}: it is not an amount in {}, or too large once converted",
                        self.to,
                        self.from
                    ),
                ));
                value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::from_code("EUR").expect("EUR")
    }

    #[test]
    fn a_rate_is_decimal_text_above_zero() {
        assert_eq!(
            Rate::parse("0.92"),
            Some(Rate {
                mantissa: 92,
                scale: 2
            })
        );
        assert_eq!(Rate::parse("1"), Some(Rate::one()));
        for bad in ["0", "0.000", "-1", "1e3", "", ".5", "1.2.3", "abc"] {
            assert_eq!(Rate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn fifty_dollars_is_46_euros_at_0_92_and_a_kwd_fraction_rounds_half_away() {
        let usd = |m| Money::from_minor(m, Currency::USD);
        let rate = Rate::parse("0.92").expect("rate");
        assert_eq!(
            convert(usd(5000), eur(), rate).map(|m| m.minor()),
            Some(4600)
        );
        // $0.01 × 0.5 is half a cent: a whole cent, away from zero.
        let half = Rate::parse("0.5").expect("rate");
        assert_eq!(convert(usd(1), eur(), half).map(|m| m.minor()), Some(1));
        // $10.00 at 0.30645 KWD is 3.0645 KWD: 3.065 (fils are thousandths).
        let kwd = Currency::from_code("KWD").expect("KWD");
        let rate = Rate::parse("0.30645").expect("rate");
        assert_eq!(convert(usd(1000), kwd, rate).map(|m| m.minor()), Some(3065));
    }

    #[test]
    fn a_config_in_euros_has_its_amounts_converted_and_the_merchants_own_threshold() {
        let text = r#"{"currency":"USD","products":[{"id":"mug","title":"Mug","price":"65.00"},{"id":"tee","title":"Tee","price":25}],
          "shipping_bar":{"goals":[{"threshold":"75.00","reward":"free shipping","by_currency":{"EUR":"70.00"}},{"threshold":"150.00","reward":"a tote","by_country":{"CA":"200.00"}}]},
          "bundles":[{"id":"b","items":["mug","tee"],"amount_off":"5.00"}],
          "upsells":[{"id":"u","product":"tee","price":"10.00","when":{"min_subtotal":"50.00"}}],
          "experiments":[{"id":"t","variants":[{"id":"control","weight":1},{"id":"t60","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"60.00","reward":"free shipping"}]}}}]}],
          "cart":{"currency":"USD","items":[]}}"#;
        let out = config_in(text, eur(), Rate::parse("0.9").expect("rate")).expect("converted");
        assert_eq!(
            out,
            r#"{"currency":"EUR","products":[{"id":"mug","title":"Mug","price":"58.50"},{"id":"tee","title":"Tee","price":"22.50"}],"shipping_bar":{"goals":[{"threshold":"70.00","reward":"free shipping"},{"threshold":"135.00","reward":"a tote","by_country":{"CA":"180.00"}}]},"bundles":[{"id":"b","items":["mug","tee"],"amount_off":"4.50"}],"upsells":[{"id":"u","product":"tee","price":"9.00","when":{"min_subtotal":"45.00"}}],"experiments":[{"id":"t","variants":[{"id":"control","weight":1},{"id":"t60","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"54.00","reward":"free shipping"}]}}}]}]}"#
        );
        // The converted config is a valid config in euros.
        crate::Config::from_json(&out).expect("valid");
    }

    #[test]
    fn a_config_already_in_the_shoppers_currency_is_left_as_it_is() {
        let text = r#"{ "currency": "EUR", "products": [] }"#;
        assert_eq!(config_in(text, eur(), Rate::one()).as_deref(), Ok(text));
    }

    #[test]
    fn an_amount_that_is_not_one_is_refused_with_its_path() {
        let text = r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"12,99"}]}"#;
        let errors = config_in(text, eur(), Rate::one()).expect_err("refused");
        assert_eq!(errors[0].code(), Code::BadAmount);
        // Paths are written only by a build with the sentences (the shopper's wasm has neither).
        if crate::error::HAS_MESSAGES {
            assert_eq!(errors[0].path(), "products[0].price");
        }
    }
}
