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
//! [`convert_config`] converts a checked config: the widget on the page
//! ([`crate::Setup::in_market`]) and checkout (the Shopify Function's form) price the same
//! converted config with this one function. Amounts are converted exactly, digit by digit,
//! never through floating point.

use crate::config::Config;
use crate::integer::{checked_mul, digits_value, pow10};
use crate::money::{round_half_away_from_zero, Currency, Money, MAX_MINOR};

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

/// Converts a checked config to `to` at `rate`, in place: its `currency` becomes `to`, and
/// each catalog price (a variant's too), bundle `price` / `amount_off`, upsell `price` /
/// `min_subtotal` / `max_subtotal`, segment `typical_min` / `typical_max`, and goal
/// `threshold`, `by_country`, `personal` and `grants.amount_off` amount is converted at `rate`
/// by [`convert`]; a goal's threshold is its `by_currency` one for `to` when it has it (and its
/// `by_currency` goes, its work done). A config already in `to` is left as it is. `false` when
/// an amount is too large once converted: the config is then part converted, to be dropped.
/// In place: a config moved in and out made the shopper's wasm drop one on the way out (a
/// second copy of its drop glue). Never inlined: the page's setup and each experiment variant
/// laid over it are converted by one body.
#[inline(never)]
pub fn convert_config(config: &mut Config, to: Currency, rate: Rate) -> bool {
    use crate::config::model::{BundlePricing, UpsellPrice};
    use crate::parts::{BUNDLES, PERSONAL, UPSELLS, VARIANTS};
    if config.currency == to {
        return true;
    }
    let mut c = Converting { to, rate, ok: true };
    for p in &mut config.products {
        c.money(&mut p.price);
        // What a build leaves out (`crate::parts`) is empty: its loop goes with it.
        if VARIANTS {
            for v in &mut p.variants {
                c.money(&mut v.price);
            }
        }
    }
    if BUNDLES {
        for b in &mut config.bundles {
            if let BundlePricing::Fixed(m) | BundlePricing::AmountOff(m) = &mut b.pricing {
                c.money(m);
            }
        }
    }
    if UPSELLS {
        for u in &mut config.upsells {
            if let UpsellPrice::Fixed(m) = &mut u.price {
                c.money(m);
            }
            c.maybe(&mut u.min_subtotal);
            c.maybe(&mut u.max_subtotal);
        }
    }
    if PERSONAL {
        for (_, when) in &mut config.segments {
            c.maybe(&mut when.typical_min);
            c.maybe(&mut when.typical_max);
        }
    }
    if let Some(bar) = config.shipping_bar.as_mut() {
        for g in &mut bar.goals {
            // The merchant's own threshold for this currency, else the converted one.
            match g.currency_threshold(to) {
                Some(own) => g.threshold = own,
                None => c.money(&mut g.threshold),
            }
            g.by_currency.clear();
            for (_, m) in &mut g.by_country {
                c.money(m);
            }
            if let Some(p) = g.personal.as_mut() {
                c.maybe(&mut p.round_to);
                c.maybe(&mut p.min);
                c.maybe(&mut p.max);
            }
            c.maybe(&mut g.grants.amount_off);
        }
    }
    config.currency = to;
    c.ok
}

/// Amounts converted in place, remembering whether one was too large. In place and through
/// two calls that are never inlined, where each amount converted by a `?` on its own
/// `Option` made the shopper's wasm carry the conversion's arithmetic at every amount.
struct Converting {
    to: Currency,
    rate: Rate,
    ok: bool,
}

impl Converting {
    #[inline(never)]
    fn money(&mut self, m: &mut Money) {
        match convert(*m, self.to, self.rate) {
            Some(converted) => *m = converted,
            None => self.ok = false,
        }
    }

    #[inline(never)]
    fn maybe(&mut self, m: &mut Option<Money>) {
        if let Some(m) = m {
            self.money(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Code, Error};
    use crate::sort::CollectVec;

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

    #[cfg(feature = "markets")]
    /// The setup as checking `text` gives it, converted to euros at `rate`.
    fn in_euros(text: &str, rate: &str) -> Result<crate::Setup, Error> {
        let setup = crate::Setup::from_json(text).expect("valid");
        setup.in_market(eur(), Rate::parse(rate).expect("rate"))
    }

    #[cfg(feature = "markets")]
    /// The config `claimed` sees, without its experiments (whose variants' partial configs
    /// stay as the merchant wrote them, converted once laid over).
    fn seen(setup: &crate::Setup, claimed: &[(&str, &str)]) -> String {
        let claimed = claimed
            .iter()
            .map(|(e, v)| (e.to_string(), v.to_string()))
            .collect_vec();
        let mut config = setup
            .for_variants(&claimed)
            .config
            .unwrap_or_else(|| setup.config.clone());
        config.experiments.clear();
        format!("{config:?}")
    }

    #[cfg(feature = "markets")]
    #[test]
    fn a_dollar_config_at_0_9_is_the_euro_config_with_the_merchants_own_threshold() {
        let text = r#"{"currency":"USD","products":[{"id":"mug","title":"Mug","price":"65.00"},{"id":"tee","title":"Tee","price":25}],
          "segments":[{"id":"big","when":{"typical_min":"80.00"}}],
          "shipping_bar":{"goals":[{"threshold":"75.00","reward":"free shipping","by_currency":{"EUR":"70.00"}},{"threshold":"150.00","reward":"a tote","by_country":{"CA":"200.00"},"personal":{"above_typical_percent":20,"round_to":"5.00","min":"40.00","max":"150.00"}}]},
          "bundles":[{"id":"b","items":["mug","tee"],"amount_off":"5.00"}],
          "upsells":[{"id":"u","product":"tee","price":"10.00","when":{"min_subtotal":"50.00"}}],
          "experiments":[{"id":"t","variants":[{"id":"control","weight":1},{"id":"t60","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"60.00","reward":"free shipping"}]}}}]}],
          "cart":{"currency":"USD","items":[]}}"#;
        // The same config written in euros by hand: $65 → €58.50, $25 → €22.50, the first goal
        // the merchant's own €70.00, $150 → €135.00, CA $200 → €180.00, $5 off → €4.50,
        // $10 → €9.00, $50 → €45.00, the variant's $60 → €54.00, a segment's typical $80 →
        // €72.00, and the personal rule's $5 / $40 / $150 → €4.50 / €36.00 / €135.00.
        let by_hand = r#"{"currency":"EUR","products":[{"id":"mug","title":"Mug","price":"58.50"},{"id":"tee","title":"Tee","price":"22.50"}],"segments":[{"id":"big","when":{"typical_min":"72.00"}}],"shipping_bar":{"goals":[{"threshold":"70.00","reward":"free shipping"},{"threshold":"135.00","reward":"a tote","by_country":{"CA":"180.00"},"personal":{"above_typical_percent":20,"round_to":"4.50","min":"36.00","max":"135.00"}}]},"bundles":[{"id":"b","items":["mug","tee"],"amount_off":"4.50"}],"upsells":[{"id":"u","product":"tee","price":"9.00","when":{"min_subtotal":"45.00"}}],"experiments":[{"id":"t","variants":[{"id":"control","weight":1},{"id":"t60","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"54.00","reward":"free shipping"}]}}}]}]}"#;
        let converted = in_euros(text, "0.9").expect("converted");
        let euros = crate::Setup::from_json(by_hand).expect("valid");
        for claimed in [&[][..], &[("t", "control")], &[("t", "t60")]] {
            assert_eq!(
                seen(&converted, claimed),
                seen(&euros, claimed),
                "{claimed:?}"
            );
        }
        // The sample cart was in dollars: a shopper in euros never sees it.
        assert!(converted.sample_cart.is_none());
    }

    #[cfg(feature = "markets")]
    #[test]
    fn a_config_already_in_the_shoppers_currency_is_left_as_it_is() {
        let text = r#"{"currency":"EUR","products":[],"cart":{"currency":"EUR","items":[]}}"#;
        let setup = in_euros(text, "1").expect("kept");
        assert!(setup.sample_cart.is_some());
        assert_eq!(
            seen(&setup, &[]),
            seen(&crate::Setup::from_json(text).expect("valid"), &[])
        );
    }

    #[cfg(feature = "markets")]
    #[test]
    fn a_variant_too_large_once_converted_is_left_out_and_its_shopper_sees_the_config() {
        // The variant's $9 trillion goal is under cartlift's ceiling in dollars; at 1,000
        // euros to the dollar it is over. The config itself converts: $75 is €75,000.00.
        let text = r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"10.00"}],
          "shipping_bar":{"goals":[{"threshold":"75.00","reward":"free shipping"}]},
          "experiments":[{"id":"t","variants":[{"id":"control","weight":1},{"id":"big","weight":1,"config":{"shipping_bar":{"goals":[{"threshold":"9000000000000.00","reward":"free shipping"}]}}}]}]}"#;
        let setup = in_euros(text, "1000").expect("the config converts");
        let threshold = |c: &crate::Config| {
            c.shipping_bar
                .as_ref()
                .map(|b| b.goals[0].threshold.minor())
        };
        assert_eq!(threshold(&setup.config), Some(7_500_000));
        let claimed = |v: &str| vec![("t".to_string(), v.to_string())];
        let big = setup.for_variants(&claimed("big"));
        assert!(big.variants.is_empty(), "{:?}", big.variants);
        assert!(
            big.config.is_none(),
            "the shopper sees the converted config"
        );
        let control = setup.for_variants(&claimed("control"));
        assert_eq!(control.variants, claimed("control"));
    }

    #[cfg(feature = "markets")]
    #[test]
    fn an_amount_too_large_once_converted_is_refused_at_the_currency_in_full() {
        // 9 trillion dollars is under cartlift's ceiling; at 1,000 euros to the dollar it is over.
        let text =
            r#"{"currency":"USD","products":[{"id":"a","title":"A","price":"9000000000000.00"}]}"#;
        let error = in_euros(text, "1000").expect_err("refused");
        assert_eq!(error.code(), Code::BadAmount);
        assert_eq!(error.path(), "currency");
        // Said in full in every build: the shopper's wasm has no other module to say it.
        assert!(
            error.message().contains("converted to EUR"),
            "{}",
            error.message()
        );
    }
}
