//! `recommend-threshold`: what the free-shipping threshold should be, from the store's own
//! orders. The seed formula (average order value plus 15 % or 20 %, rounded up to a clean
//! number), where order values cluster, how many orders already reach each candidate and how
//! many are within one typical item of it, and, given the margin and the shipping cost, what
//! each candidate would cost and earn. Every amount is exact, in minor units; each figure that
//! divides is rounded once, by the core's rule (half away from zero).

use crate::orders::Tally;
use cartlift_core::money::round_half_away_from_zero;
use cartlift_core::{Currency, Money};
use serde_json::{json, Value};

/// What the orders say.
#[derive(Clone, Debug)]
pub struct Stats {
    /// The currency of every order.
    pub currency: Currency,
    /// How many orders.
    pub orders: u64,
    /// The average order value.
    pub aov: Money,
    /// p25, p50 (the median), p75, p90, by linear interpolation between order statistics (as
    /// numpy's default does), rounded once.
    pub percentiles: [(u8, Money); 4],
    /// The median price of one item (each unit sold counts once).
    pub median_item: Money,
    /// Order values in bins: `(from, to, orders)`, `to` exclusive.
    pub bins: Vec<(Money, Money, u64)>,
}

/// A threshold worth considering, and what it would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The threshold.
    pub threshold: Money,
    /// Where it comes from (`AOV + 15%`).
    pub source: String,
    /// Orders already at or above it.
    pub above: u64,
    /// Orders below it by less than one median item price.
    pub within_reach: u64,
    /// With a margin and a shipping cost: what free shipping at this threshold costs and earns,
    /// per order of the history, if every order within reach tops up to it.
    pub economics: Option<Economics>,
}

/// A candidate's money, per order (exact, rounded once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Economics {
    /// Shipping given away, on the orders above and those that top up.
    pub cost: Money,
    /// The margin on what the topped-up orders add.
    pub earned: Money,
    /// `earned - cost`.
    pub net: Money,
}

/// A margin (`0.4`) or a fraction as basis points (4000), exactly; at most four decimals.
pub fn fraction_bp(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 4;
    let bad = || format!("--margin takes a fraction between 0 and 1, like 0.4 for 40%, not {t:?}");
    if !ok {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let frac: u32 = format!("{frac:0<4}").parse().map_err(|_| bad())?;
    let bp = whole * 10_000 + frac;
    if bp > 10_000 {
        return Err(bad());
    }
    Ok(bp)
}

fn money(minor: i64, currency: Currency) -> Money {
    Money::from_minor(minor, currency)
}

/// The `p`-th percentile of the values, by linear interpolation.
fn percentile(values: &Tally, n: u64, p: u8) -> i64 {
    if n == 0 {
        return 0;
    }
    let h = (n - 1) * u64::from(p);
    let (lo, frac) = (h / 100, h % 100);
    let a = values.nth(lo).unwrap_or(0);
    let b = values.nth((lo + 1).min(n - 1)).unwrap_or(a);
    round_half_away_from_zero(
        i128::from(a) * 100 + i128::from(frac) * i128::from(b - a),
        100,
    ) as i64
}

/// Clean steps, in major units: 1, 5, 10, 25, 50, 100, 250, 500, 1000, …
fn clean_steps() -> impl Iterator<Item = i64> {
    [1i64, 5].into_iter().chain((1..15u32).flat_map(|k| {
        let p = 10i64.pow(k);
        [p, p * 5 / 2, p * 5]
    }))
}

/// The step that makes `minor` a clean number: the largest clean step at most an eighth of it.
fn step_for(minor: i64, currency: Currency) -> i64 {
    let unit = 10i64.pow(u32::from(currency.exponent()));
    clean_steps()
        .map(|s| s * unit)
        .take_while(|&s| s * 8 <= minor.max(unit * 8))
        .last()
        .unwrap_or(unit)
}

/// `minor` rounded up to a clean number ($41.27 → $45.00, ¥4,127 → ¥4,500).
pub fn clean_up(minor: i64, currency: Currency) -> i64 {
    let step = step_for(minor, currency);
    (minor + step - 1).div_euclid(step) * step
}

/// The orders' figures, from the tally of order values and of item prices.
pub fn stats(currency: Currency, values: &Tally, items: &Tally, sum: i128) -> Stats {
    let n = values.count();
    let aov = if n == 0 {
        0
    } else {
        round_half_away_from_zero(sum, i128::from(n)) as i64
    };
    let percentiles = [25u8, 50, 75, 90].map(|p| (p, money(percentile(values, n, p), currency)));
    let median_item = money(percentile(items, items.count(), 50), currency);
    // Bins of a clean width across p5..p95, so that the histogram shows the body, not the tail.
    let (p5, p95) = (percentile(values, n, 5), percentile(values, n, 95));
    let width = step_for(((p95 - p5) / 12).max(1) * 8, currency);
    let start = p5.div_euclid(width) * width;
    let mut bins: Vec<(Money, Money, u64)> = Vec::new();
    let mut from = start;
    while from <= p95 && bins.len() < 40 {
        let to = from + width;
        let count = values.0.range(from..to).map(|(_, &c)| c).sum();
        bins.push((money(from, currency), money(to, currency), count));
        from = to;
    }
    Stats {
        currency,
        orders: n,
        aov: money(aov, currency),
        percentiles,
        median_item,
        bins,
    }
}

/// The candidates: the seed formula (AOV + 15 %, + 20 %), just above where orders cluster,
/// the current threshold when the config has one, and a step above and below the seed.
pub fn candidates(
    stats: &Stats,
    values: &Tally,
    current: Option<Money>,
    economics: Option<(u32, Money)>,
) -> Vec<Candidate> {
    let c = stats.currency;
    let aov = i128::from(stats.aov.minor());
    let mut list: Vec<(i64, String)> = Vec::new();
    for pct in [15, 20] {
        let t = round_half_away_from_zero(aov * (100 + pct), 100) as i64;
        list.push((clean_up(t, c), format!("AOV + {pct}%")));
    }
    if let Some(&(_, to, count)) = stats
        .bins
        .iter()
        .max_by_key(|b| (b.2, std::cmp::Reverse(b.0.minor())))
    {
        if count > 0 {
            list.push((
                clean_up(to.minor(), c),
                "just above where orders cluster".into(),
            ));
        }
    }
    if let Some(t) = current {
        list.push((t.minor(), "your current threshold".into()));
    }
    let seed = list[0].0;
    let step = step_for(seed, c);
    list.push((seed + step, "one step above AOV + 15%".into()));
    if seed - step > 0 {
        list.push((seed - step, "one step below AOV + 15%".into()));
    }
    // One entry per threshold, the first reason kept, in increasing order.
    let mut seen: Vec<(i64, String)> = Vec::new();
    for (t, why) in list {
        match seen.iter_mut().find(|(s, _)| *s == t) {
            Some(_) => {}
            None => seen.push((t, why)),
        }
    }
    seen.sort_by_key(|(t, _)| *t);
    let reach = stats.median_item.minor();
    seen.into_iter()
        .map(|(t, source)| {
            let above: u64 = values.0.range(t..).map(|(_, &n)| n).sum();
            let within: Vec<(i64, u64)> = values
                .0
                .range((t - reach).max(0)..t)
                .filter(|(&v, _)| t - v < reach)
                .map(|(&v, &n)| (v, n))
                .collect();
            let within_reach = within.iter().map(|(_, n)| n).sum();
            let economics = economics.map(|(margin_bp, shipping)| {
                let n = i128::from(stats.orders.max(1));
                let added: i128 = within
                    .iter()
                    .map(|&(v, k)| i128::from(t - v) * i128::from(k))
                    .sum();
                let earned =
                    round_half_away_from_zero(added * i128::from(margin_bp), 10_000 * n) as i64;
                let cost = round_half_away_from_zero(
                    i128::from(shipping.minor()) * i128::from(above + within_reach),
                    n,
                ) as i64;
                Economics {
                    cost: money(cost, c),
                    earned: money(earned, c),
                    net: money(earned - cost, c),
                }
            });
            Candidate {
                threshold: money(t, c),
                source,
                above,
                within_reach,
                economics,
            }
        })
        .collect()
}

/// The share `k` of `n` as a whole percentage, for sentences.
pub fn pct(k: u64, n: u64) -> u64 {
    if n == 0 {
        0
    } else {
        round_half_away_from_zero(i128::from(k) * 100, i128::from(n)) as u64
    }
}

/// The candidate to recommend, and why, in one sentence.
pub fn recommend<'a>(
    stats: &Stats,
    candidates: &'a [Candidate],
    shown: &dyn Fn(Money) -> String,
) -> (&'a Candidate, String) {
    let n = stats.orders;
    let best = if candidates.iter().all(|c| c.economics.is_some()) {
        candidates.iter().max_by_key(|c| {
            (
                c.economics.map_or(i64::MIN, |e| e.net.minor()),
                std::cmp::Reverse(c.threshold.minor()),
            )
        })
    } else {
        candidates.iter().find(|c| c.source == "AOV + 15%")
    };
    let best = best.unwrap_or(&candidates[0]);
    let reach = format!(
        "{}% of orders are within one item ({}) of it and {}% already reach it",
        pct(best.within_reach, n),
        shown(stats.median_item),
        pct(best.above, n)
    );
    let why = match best.economics {
        Some(e) if e.net.minor() >= 0 => format!(
            "{} earns the most: {reach}; if those top up, free shipping there nets {} per order ({} more margin, {} of shipping given away).",
            shown(best.threshold),
            shown(e.net),
            shown(e.earned),
            shown(e.cost)
        ),
        Some(e) => format!(
            "{} costs the least: {reach}; even if those top up, free shipping there costs {} per order ({} of shipping given away, {} more margin back): it pays only if it wins orders these figures cannot see.",
            shown(best.threshold),
            shown(Money::from_minor(-e.net.minor(), e.net.currency())),
            shown(e.cost),
            shown(e.earned)
        ),
        None => format!(
            "{} is your average order ({}) plus 15%, rounded up: {reach}.",
            shown(best.threshold),
            shown(stats.aov)
        ),
    };
    (best, why)
}

/// An amount as the JSON reports write it: its exact decimal text.
pub fn decimal(m: Money) -> Value {
    Value::String(m.to_decimal_string())
}

/// The report as `--format json` prints it.
pub fn to_json(
    stats: &Stats,
    candidates: &[Candidate],
    best: &Candidate,
    why: &str,
    notes: &[String],
) -> Value {
    let pcts: serde_json::Map<String, Value> = stats
        .percentiles
        .iter()
        .map(|(p, m)| (format!("p{p}"), decimal(*m)))
        .collect();
    json!({
        "orders": stats.orders,
        "currency": stats.currency.code(),
        "aov": decimal(stats.aov),
        "median": decimal(stats.percentiles[1].1),
        "percentiles": pcts,
        "median_item_price": decimal(stats.median_item),
        "recommended": { "threshold": decimal(best.threshold), "reason": why },
        "candidates": candidates.iter().map(|c| {
            let mut v = json!({
                "threshold": decimal(c.threshold),
                "source": c.source,
                "orders_above": c.above,
                "share_above": pct(c.above, stats.orders) as f64 / 100.0,
                "orders_within_reach": c.within_reach,
                "share_within_reach": pct(c.within_reach, stats.orders) as f64 / 100.0,
            });
            if let Some(e) = c.economics {
                v["per_order"] = json!({ "cost": decimal(e.cost), "earned": decimal(e.earned), "net": decimal(e.net) });
            }
            v
        }).collect::<Vec<_>>(),
        "histogram": stats.bins.iter().map(|(a, b, n)| json!({ "from": decimal(*a), "to": decimal(*b), "orders": n })).collect::<Vec<_>>(),
        "notes": notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    #[test]
    fn clean_numbers_round_41_27_up_to_45_and_4127_yen_to_4500() {
        assert_eq!(clean_up(4127, Currency::USD), 4500);
        assert_eq!(clean_up(4307, Currency::USD), 4500);
        assert_eq!(clean_up(13_800, Currency::USD), 14_000);
        assert_eq!(clean_up(640, Currency::USD), 700);
        let jpy = Currency::from_code("JPY").expect("JPY");
        assert_eq!(clean_up(4127, jpy), 4500);
        assert_eq!(clean_up(4500, jpy), 4500);
    }

    #[test]
    fn a_margin_of_0_4_is_4000_basis_points_and_nonsense_is_refused() {
        assert_eq!(fraction_bp("0.4"), Ok(4000));
        assert_eq!(fraction_bp("0.125"), Ok(1250));
        assert_eq!(fraction_bp("1"), Ok(10_000));
        for bad in ["40%", "1.5", "-0.2", "0.12345", ""] {
            assert!(fraction_bp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_median_of_10_20_30_40_is_25_by_interpolation_as_numpy_has_it() {
        let mut t = Tally::default();
        for v in [1000, 2000, 3000, 4000] {
            t.add(v, 1);
        }
        assert_eq!(percentile(&t, 4, 50), 2500);
        assert_eq!(percentile(&t, 4, 25), 1750);
        assert_eq!(percentile(&t, 4, 90), 3700);
    }

    #[test]
    fn aov_35_89_recommends_45_with_the_share_within_one_item() {
        let mut values = Tally::default();
        let mut items = Tally::default();
        let mut sum = 0i128;
        // Ten orders: 35.89 on average.
        for v in [1000, 2000, 2598, 2598, 3000, 3500, 4000, 4400, 5293, 7500] {
            values.add(v, 1);
            sum += i128::from(v);
        }
        items.add(1200, 10);
        let s = stats(Currency::USD, &values, &items, sum);
        assert_eq!(s.aov, usd(3589));
        let list = candidates(&s, &values, None, None);
        let shown = |m: Money| format!("${}", m.to_decimal_string());
        let (best, why) = recommend(&s, &list, &shown);
        assert_eq!(best.threshold, usd(4500));
        // 35.00, 40.00 and 44.00 are within $12.00 of $45.00; 52.93 and 75.00 reach it.
        assert_eq!((best.within_reach, best.above), (3, 2));
        assert_eq!(why, "$45.00 is your average order ($35.89) plus 15%, rounded up: 30% of orders are within one item ($12.00) of it and 20% already reach it.");
    }

    #[test]
    fn with_margin_and_shipping_each_candidate_says_what_it_costs_and_earns() {
        let mut values = Tally::default();
        let mut items = Tally::default();
        for v in [4000, 4400] {
            values.add(v, 1);
        }
        items.add(1000, 2);
        let s = stats(Currency::USD, &values, &items, 8400);
        let list = candidates(&s, &values, None, Some((4000, usd(650))));
        let at_50 = list
            .iter()
            .find(|c| c.threshold == usd(5000))
            .expect("$50 is a candidate");
        // $44 is within $10 of $50: it adds $6 at 40% margin ($2.40), over 2 orders $1.20 each;
        // shipping $6.50 on that one order is $3.25 per order.
        assert_eq!(
            at_50.economics,
            Some(Economics {
                cost: usd(325),
                earned: usd(120),
                net: usd(-205)
            })
        );
    }
}
