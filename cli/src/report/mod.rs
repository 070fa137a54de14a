//! `cartlift report --db events.sqlite`: what each offer and each experiment variant did, from
//! the collector's database.
//!
//! - Per offer: impressions, interactions (adds and removes), adds, the add rate, and the
//!   revenue of the orders its adders placed afterwards.
//! - Per variant: visitors, orders, conversion (Wilson 95% interval), AOV and revenue per
//!   visitor (Student's t 95% intervals), and against the control their difference with a
//!   Welch 95% interval and p-value (conversion: the normal interval of the difference and a
//!   pooled two-proportion z-test), and a sentence.
//!
//! Order values are summed exactly in integer minor units; the statistics built on them
//! (variances, quantiles, p-values) are floating point, and every amount shown is brought back
//! to minor units once, rounded half away from zero as everywhere in cartlift.
//!
//! By concern: [`stats`] (the intervals and tests), `load` (the database), this module (the
//! report as a typed value, which `--format json` serialises), `text` and `html` (drawn from it).

mod html;
mod load;
pub mod stats;
mod text;

pub use html::html;
pub use text::text;

use cartlift_core::{Currency, Money};
use serde::Serialize;
use stats::{
    mean_interval, planned_orders, proportions, welch, wilson, Interval, Outcomes, Sample,
};
use std::path::Path;

/// The whole report: what `--format json` prints, and what the text and the HTML are drawn
/// from.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The currency every amount is in (orders in others are left out: see `notes`).
    pub currency: String,
    /// How the intervals and tests are computed.
    pub method: &'static str,
    /// Each offer's figures, by widget and offer.
    pub offers: Vec<OfferRow>,
    /// Each experiment's variants against its control.
    pub experiments: Vec<ExperimentReport>,
    /// What the figures leave out, in sentences.
    pub notes: Vec<String>,
}

/// One offer's figures.
#[derive(Debug, Serialize)]
pub struct OfferRow {
    /// Its widget (`bundles`, `shipping-bar`, …), when the events named one.
    pub widget: Option<String>,
    /// Its id (a bundle's, a goal's reward, …).
    pub offer: String,
    /// How often it was at least half visible for a second (once per page view).
    pub impressions: i64,
    /// Adds and removes.
    pub interactions: i64,
    /// Adds alone.
    pub adds: i64,
    /// Adds per impression, when it was seen.
    pub add_rate: Option<f64>,
    /// What the orders its adders placed afterwards came to, in the report's currency.
    pub revenue: String,
    /// A shipping goal's: how often a cart reached it.
    pub reached: i64,
}

/// One experiment: its control and every variant.
#[derive(Debug, Serialize)]
pub struct ExperimentReport {
    /// Its id.
    pub experiment: String,
    /// The variant the others are compared with.
    pub control: String,
    /// Every variant, the control among them.
    pub variants: Vec<VariantRow>,
}

/// An estimate with its 95% interval, as shown: amounts as decimal text in the report's
/// currency, shares as fractions.
#[derive(Debug, Serialize)]
pub struct Shown<T> {
    /// The estimate.
    pub estimate: T,
    /// The interval's low end.
    pub low: T,
    /// The interval's high end.
    pub high: T,
}

/// One variant's figures (and, for a variant other than the control, how it compares).
#[derive(Debug, Serialize)]
pub struct VariantRow {
    /// Its id.
    pub variant: String,
    /// Whether it is the control.
    pub control: bool,
    /// Visitors assigned to it.
    pub visitors: u64,
    /// Their orders.
    pub orders: u64,
    /// Visitors who ordered, as a share.
    pub conversion: Option<Shown<f64>>,
    /// The average order value.
    pub aov: Option<Shown<String>>,
    /// Revenue per visitor (0 for those without an order).
    pub revenue_per_visitor: Option<Shown<String>>,
    /// Against the control (not on the control itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vs_control: Option<VsControl>,
    /// Day by day, the AOV difference from the control so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cumulative_lift: Option<Vec<LiftPoint>>,
    /// What it did, in a sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// A variant against the control: the differences' 95% intervals and p-values, and the orders
/// a variant needs to show the smallest effect asked for.
#[derive(Debug, Serialize)]
pub struct VsControl {
    /// The AOV difference (Welch).
    pub aov: Option<Shown<String>>,
    /// Its p-value.
    pub aov_p: Option<f64>,
    /// The revenue-per-visitor difference (Welch).
    pub revenue_per_visitor: Option<Shown<String>>,
    /// Its p-value.
    pub revenue_per_visitor_p: Option<f64>,
    /// The conversion difference (normal interval).
    pub conversion: Option<Shown<f64>>,
    /// Its p-value (pooled two-proportion z-test).
    pub conversion_p: Option<f64>,
    /// Orders a variant needs to show the smallest effect asked for (`--mde-percent`).
    pub planned_orders: Option<u64>,
}

/// The AOV difference from the control on one day of the experiment, with the orders so far.
#[derive(Debug, Serialize)]
pub struct LiftPoint {
    /// Days since the experiment's first order.
    pub day: i64,
    /// Orders of both so far.
    pub orders: u64,
    /// The variant's AOV so far less the control's, as decimal text.
    pub aov_difference: String,
}
fn money(x: f64, currency: Currency) -> Money {
    // The one rounding rule, half away from zero, once per amount shown.
    Money::from_minor(x.round() as i64, currency)
}

/// An interval of amounts, as shown (decimal text, rounded once).
fn amounts(i: Option<Interval>, currency: Currency) -> Option<Shown<String>> {
    let text = |x: f64| money(x, currency).to_decimal_string();
    i.map(|i| Shown {
        estimate: text(i.estimate),
        low: text(i.low),
        high: text(i.high),
    })
}

/// An interval of shares, as shown (fractions).
fn shares(i: Option<Interval>) -> Option<Shown<f64>> {
    i.map(|i| Shown {
        estimate: i.estimate,
        low: i.low,
        high: i.high,
    })
}

fn amount(x: f64, currency: Currency) -> String {
    let m = money(x, currency);
    let text = m.to_decimal_string();
    match text.strip_prefix('-') {
        Some(abs) => format!("−{abs} {}", currency.code()),
        None => format!("{text} {}", currency.code()),
    }
}

/// The sentence for `name` against the control, on AOV.
pub fn sentence(
    name: &str,
    diff: Option<Interval>,
    reached: Option<(u64, u64)>,
    currency: Currency,
) -> String {
    let Some(d) = diff else {
        return format!("{name}: too few orders yet to compare with the control.");
    };
    let ci = format!(
        "(95% CI {} to {})",
        amount(d.low, currency),
        amount(d.high, currency)
    );
    let effect = if d.low > 0.0 {
        format!("{name} raised AOV by {} {ci}", amount(d.estimate, currency))
    } else if d.high < 0.0 {
        format!(
            "{name} lowered AOV by {} {ci}",
            amount(-d.estimate, currency)
        )
    } else {
        format!(
            "{name} made no clear difference to AOV: {} {ci}",
            amount(d.estimate, currency)
        )
    };
    let progress = match reached {
        Some((have, need)) if have < need => format!(
            "; keep running: {}% of the planned sample",
            have * 100 / need.max(1)
        ),
        Some((_, need)) => format!("; the planned sample ({need} orders a variant) is reached"),
        None => String::new(),
    };
    format!("{effect}{progress}.")
}

/// Day by day (days since the experiment's first order), the variant's AOV so far less the
/// control's: how the lift settles as orders come in.
fn cumulative_lift(
    control: &[(i64, i64)],
    variant: &[(i64, i64)],
    currency: Currency,
) -> Vec<LiftPoint> {
    const DAY_MS: i64 = 86_400_000;
    let first = control
        .first()
        .map(|o| o.1)
        .into_iter()
        .chain(variant.first().map(|o| o.1))
        .min();
    let Some(first) = first else {
        return Vec::new();
    };
    let last = control
        .iter()
        .chain(variant)
        .map(|o| o.1)
        .max()
        .unwrap_or(first);
    let (mut a, mut b) = (Sample::default(), Sample::default());
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for day in 0..=((last - first) / DAY_MS) {
        let end = first + (day + 1) * DAY_MS;
        while i < control.len() && control[i].1 < end {
            a.add(control[i].0);
            i += 1;
        }
        while j < variant.len() && variant[j].1 < end {
            b.add(variant[j].0);
            j += 1;
        }
        if a.n > 0 && b.n > 0 {
            out.push(LiftPoint {
                day,
                orders: a.n + b.n,
                aov_difference: money(b.mean() - a.mean(), currency).to_decimal_string(),
            });
        }
    }
    out
}

/// The report's options.
pub struct Options<'a> {
    pub experiment: Option<&'a str>,
    pub control: Option<&'a str>,
    pub mde_percent: u32,
}

/// The report of the database at `db` (what `--format json` prints; the text and HTML are
/// drawn from it).
pub fn report(db: &Path, opts: &Options) -> Result<Report, String> {
    let data = load::load(db, opts.experiment)?;
    let currency = data.currency;
    let mut experiments = Vec::new();
    for (name, variants) in &data.assignments {
        let control = opts
            .control
            .filter(|c| variants.contains_key(*c))
            .or_else(|| variants.contains_key("control").then_some("control"))
            .or_else(|| variants.keys().next().map(String::as_str))
            .unwrap_or("control")
            .to_owned();
        let outcome = |visitors: &[String]| {
            let mut o = Outcomes::default();
            for v in visitors {
                let values: Vec<i64> = data
                    .orders
                    .get(v)
                    .map(|list| list.iter().map(|&(value, _)| value).collect())
                    .unwrap_or_default();
                o.visitor(&values);
            }
            o
        };
        let base = outcome(&variants[&control]);
        let dated = |visitors: &[String]| {
            let mut list: Vec<(i64, i64)> = visitors
                .iter()
                .flat_map(|v| data.orders.get(v).into_iter().flatten().copied())
                .collect();
            list.sort_by_key(|&(_, at)| at);
            list
        };
        let base_dated = dated(&variants[&control]);
        let mut rows = Vec::new();
        for (variant, visitors) in variants {
            let o = outcome(visitors);
            let mut row = VariantRow {
                variant: variant.clone(),
                control: *variant == control,
                visitors: o.visitors,
                orders: o.orders.n,
                conversion: shares(wilson(o.converted, o.visitors)),
                aov: amounts(mean_interval(&o.orders), currency),
                revenue_per_visitor: amounts(mean_interval(&o.revenue), currency),
                vs_control: None,
                cumulative_lift: None,
                sentence: None,
            };
            if *variant != control {
                let aov = welch(&base.orders, &o.orders);
                let rpv = welch(&base.revenue, &o.revenue);
                let conv = proportions(base.converted, base.visitors, o.converted, o.visitors);
                let planned = planned_orders(&base.orders, &o.orders, opts.mde_percent);
                let have = base.orders.n.min(o.orders.n);
                row.vs_control = Some(VsControl {
                    aov: amounts(aov.map(|a| a.0), currency),
                    aov_p: aov.map(|a| a.1),
                    revenue_per_visitor: amounts(rpv.map(|a| a.0), currency),
                    revenue_per_visitor_p: rpv.map(|a| a.1),
                    conversion: shares(conv.map(|a| a.0)),
                    conversion_p: conv.map(|a| a.1),
                    planned_orders: planned,
                });
                row.cumulative_lift =
                    Some(cumulative_lift(&base_dated, &dated(visitors), currency));
                row.sentence = Some(sentence(
                    variant,
                    aov.map(|a| a.0),
                    planned.map(|p| (have, p)),
                    currency,
                ));
            }
            rows.push(row);
        }
        experiments.push(ExperimentReport {
            experiment: name.clone(),
            control,
            variants: rows,
        });
    }
    let mut notes = Vec::new();
    if data.other_currencies > 0 {
        notes.push(format!(
            "{} orders in other currencies than {} are left out.",
            data.other_currencies,
            currency.code()
        ));
    }
    Ok(Report {
        currency: currency.code().to_owned(),
        method: "conversion: Wilson 95% intervals, difference by the normal interval and a pooled two-proportion z-test; AOV and revenue per visitor: Student's t 95% intervals, difference by Welch's t-test",
        offers: data.offers,
        experiments,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::stats::*;
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// An order value in cents around `mean` dollars (uniform ± 60%), drawn from `rng`.
    fn order(rng: &mut StdRng, mean: i64) -> i64 {
        let cents = mean * 100;
        rng.gen_range(cents * 4 / 10..=cents * 16 / 10)
    }

    /// A simulated experiment: `n` visitors a variant, each ordering with probability 30%,
    /// orders averaging $50 in the control and $50 + `lift` in the variant.
    fn simulate(seed: u64, n: usize, lift: i64) -> (Outcomes, Outcomes) {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut control = Outcomes::default();
        let mut variant = Outcomes::default();
        for _ in 0..n {
            let a: Vec<i64> = (rng.gen_bool(0.3))
                .then(|| order(&mut rng, 50))
                .into_iter()
                .collect();
            control.visitor(&a);
            let b: Vec<i64> = (rng.gen_bool(0.3))
                .then(|| order(&mut rng, 50 + lift))
                .into_iter()
                .collect();
            variant.visitor(&b);
        }
        (control, variant)
    }

    #[test]
    fn a_true_4_dollar_lift_is_found_and_its_interval_covers_it_in_about_95_of_200_simulations() {
        let mut covered = 0;
        let mut found = 0;
        for seed in 0..200 {
            let (c, v) = simulate(seed, 2_000, 4);
            let (diff, p) = welch(&c.orders, &v.orders).expect("enough orders");
            if diff.covers(400.0) {
                covered += 1;
            }
            if diff.low > 0.0 && p < 0.05 {
                found += 1;
            }
        }
        // 95% of 200 is 190; the binomial's 99.9% band is about ±10.
        assert!((180..=200).contains(&covered), "covered {covered} of 200");
        assert!(found >= 150, "the lift was found {found} times of 200");
    }

    #[test]
    fn with_no_true_difference_about_5_percent_of_200_simulations_claim_one() {
        let mut claimed = 0;
        let mut covered = 0;
        for seed in 1_000..1_200 {
            let (c, v) = simulate(seed, 2_000, 0);
            let (diff, p) = welch(&c.orders, &v.orders).expect("enough orders");
            if p < 0.05 {
                claimed += 1;
            }
            if diff.covers(0.0) {
                covered += 1;
            }
        }
        assert!(claimed <= 20, "{claimed} of 200 claimed a difference");
        assert_eq!(
            claimed + covered,
            200,
            "a claim is exactly an interval without 0"
        );
    }

    #[test]
    fn conversion_intervals_cover_the_true_30_percent_in_about_95_of_200_simulations() {
        let covered = (0..200)
            .filter(|&seed| {
                let (c, _) = simulate(seed + 5_000, 2_000, 0);
                wilson(c.converted, c.visitors)
                    .expect("visitors")
                    .covers(0.3)
            })
            .count();
        assert!((180..=200).contains(&covered), "covered {covered} of 200");
    }

    #[test]
    fn welch_matches_scipy_on_a_worked_example() {
        // scipy 1.x: ttest_ind([3, 5, 7, 9, 11], [1, 2, 3, 4], equal_var=False) gives
        // statistic 2.8947038440620463, pvalue 0.030286153937034287, df 5.520787746170677,
        // and confidence_interval(0.95) (0.6146319194859551, 8.385368080514045).
        let a = Sample::of([1, 2, 3, 4]);
        let b = Sample::of([3, 5, 7, 9, 11]);
        let (diff, p) = welch(&a, &b).expect("enough");
        assert!((diff.estimate - 4.5).abs() < 1e-12);
        assert!((p - 0.030_286_153_937_034_287).abs() < 1e-9, "p = {p}");
        assert!(
            (diff.low - 0.614_631_919_485_955_1).abs() < 1e-9,
            "{diff:?}"
        );
        assert!((diff.high - 8.385_368_080_514_045).abs() < 1e-9, "{diff:?}");
    }

    #[test]
    fn the_sentence_says_raised_by_4_10_and_how_much_of_the_sample_is_in() {
        let usd = Currency::from_code("USD").expect("USD");
        let d = Interval {
            estimate: 410.0,
            low: 120.0,
            high: 700.0,
        };
        assert_eq!(
            sentence("t60", Some(d), Some((620, 1000)), usd),
            "t60 raised AOV by 4.10 USD (95% CI 1.20 USD to 7.00 USD); keep running: 62% of the planned sample."
        );
        let none = Interval {
            estimate: -30.0,
            low: -150.0,
            high: 90.0,
        };
        assert_eq!(
            sentence("t60", Some(none), Some((1000, 1000)), usd),
            "t60 made no clear difference to AOV: −0.30 USD (95% CI −1.50 USD to 0.90 USD); the planned sample (1000 orders a variant) is reached."
        );
    }
}
