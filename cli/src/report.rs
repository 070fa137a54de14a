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

use cartlift_core::{Currency, Money};
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Exact moments of integer values (minor units).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct Sample {
    pub n: u64,
    sum: i128,
    sum_sq: i128,
}

impl Sample {
    pub fn add(&mut self, x: i64) {
        self.n += 1;
        self.sum += i128::from(x);
        self.sum_sq += i128::from(x) * i128::from(x);
    }

    #[cfg(test)]
    pub fn of(values: impl IntoIterator<Item = i64>) -> Sample {
        let mut s = Sample::default();
        for v in values {
            s.add(v);
        }
        s
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        self.sum as f64 / self.n as f64
    }

    /// The sample variance (n − 1), from the exact sums.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = i128::from(self.n);
        (n * self.sum_sq - self.sum * self.sum) as f64 / (n * (n - 1)) as f64
    }
}

/// An estimate with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    #[cfg(test)]
    pub fn covers(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

const Z95: f64 = 1.959_963_984_540_054;

fn t_quantile(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(Z95, |t| t.inverse_cdf(0.975))
}

/// The mean with Student's t 95% interval (`None` below two values).
pub fn mean_interval(s: &Sample) -> Option<Interval> {
    (s.n >= 2).then(|| {
        let half = t_quantile((s.n - 1) as f64) * (s.variance() / s.n as f64).sqrt();
        Interval {
            estimate: s.mean(),
            low: s.mean() - half,
            high: s.mean() + half,
        }
    })
}

/// `b − a` with Welch's 95% interval and two-sided p-value (`None` below two values each).
pub fn welch(a: &Sample, b: &Sample) -> Option<(Interval, f64)> {
    if a.n < 2 || b.n < 2 {
        return None;
    }
    let (va, vb) = (a.variance() / a.n as f64, b.variance() / b.n as f64);
    let se = (va + vb).sqrt();
    let diff = b.mean() - a.mean();
    if se == 0.0 {
        let p = if diff == 0.0 { 1.0 } else { 0.0 };
        return Some((
            Interval {
                estimate: diff,
                low: diff,
                high: diff,
            },
            p,
        ));
    }
    let df = (va + vb).powi(2) / (va.powi(2) / (a.n - 1) as f64 + vb.powi(2) / (b.n - 1) as f64);
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    let half = t.inverse_cdf(0.975) * se;
    let p = 2.0 * (1.0 - t.cdf((diff / se).abs()));
    Some((
        Interval {
            estimate: diff,
            low: diff - half,
            high: diff + half,
        },
        p.clamp(0.0, 1.0),
    ))
}

/// A proportion `k / n` with Wilson's 95% interval.
pub fn wilson(k: u64, n: u64) -> Option<Interval> {
    (n > 0).then(|| {
        let (k, n) = (k as f64, n as f64);
        let p = k / n;
        let z2 = Z95 * Z95;
        let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
        Interval {
            estimate: p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        }
    })
}

/// `p_b − p_a` with the normal 95% interval, and the pooled z-test's two-sided p-value.
pub fn proportions(ka: u64, na: u64, kb: u64, nb: u64) -> Option<(Interval, f64)> {
    if na == 0 || nb == 0 {
        return None;
    }
    let (pa, pb) = (ka as f64 / na as f64, kb as f64 / nb as f64);
    let diff = pb - pa;
    let se = (pa * (1.0 - pa) / na as f64 + pb * (1.0 - pb) / nb as f64).sqrt();
    let pooled = (ka + kb) as f64 / (na + nb) as f64;
    let se0 = (pooled * (1.0 - pooled) * (1.0 / na as f64 + 1.0 / nb as f64)).sqrt();
    let p = if se0 == 0.0 {
        1.0
    } else {
        let normal = Normal::new(0.0, 1.0).ok()?;
        2.0 * (1.0 - normal.cdf((diff / se0).abs()))
    };
    Some((
        Interval {
            estimate: diff,
            low: diff - Z95 * se,
            high: diff + Z95 * se,
        },
        p.clamp(0.0, 1.0),
    ))
}

/// Orders a variant needs to see a change of `mde_percent` of the control's AOV with 80%
/// power at the 5% level (two-sided), from the variances seen so far.
pub fn planned_orders(control: &Sample, variant: &Sample, mde_percent: u32) -> Option<u64> {
    let effect = control.mean() * f64::from(mde_percent) / 100.0;
    let variance = (control.variance() + variant.variance()) / 2.0;
    if effect <= 0.0 || variance <= 0.0 {
        return None;
    }
    let z = Z95 + 0.841_621_233_572_914_3;
    Some((2.0 * z * z * variance / (effect * effect)).ceil() as u64)
}

/// One variant's figures: per visitor, the number of orders and their total.
#[derive(Default)]
pub struct Outcomes {
    pub visitors: u64,
    pub converted: u64,
    /// Each order's value.
    pub orders: Sample,
    /// Each visitor's revenue (0 without an order).
    pub revenue: Sample,
}

impl Outcomes {
    pub fn visitor(&mut self, orders: &[i64]) {
        self.visitors += 1;
        if !orders.is_empty() {
            self.converted += 1;
        }
        for &o in orders {
            self.orders.add(o);
        }
        self.revenue.add(orders.iter().sum());
    }
}

fn money(x: f64, currency: Currency) -> Money {
    // The one rounding rule, half away from zero, once per amount shown.
    Money::from_minor(x.round() as i64, currency)
}

fn amount(x: f64, currency: Currency) -> String {
    let m = money(x, currency);
    let text = m.to_decimal_string();
    match text.strip_prefix('-') {
        Some(abs) => format!("−{abs} {}", currency.code()),
        None => format!("{text} {}", currency.code()),
    }
}

fn interval_json(i: Option<Interval>, currency: Option<Currency>) -> Value {
    match (i, currency) {
        (None, _) => Value::Null,
        (Some(i), Some(c)) => json!({
            "estimate": money(i.estimate, c).to_decimal_string(),
            "low": money(i.low, c).to_decimal_string(),
            "high": money(i.high, c).to_decimal_string(),
        }),
        (Some(i), None) => json!({ "estimate": i.estimate, "low": i.low, "high": i.high }),
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
) -> Vec<Value> {
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
            out.push(json!({
                "day": day,
                "orders": a.n + b.n,
                "aov_difference": money(b.mean() - a.mean(), currency).to_decimal_string(),
            }));
        }
    }
    out
}

/// What the report needs from the database.
struct Loaded {
    currency: Currency,
    other_currencies: u64,
    /// Each visitor's order values in `currency`, with when.
    orders: HashMap<String, Vec<(i64, i64)>>,
    /// experiment → variant → visitors.
    assignments: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    offers: Vec<Value>,
}

fn load(db: &Path, experiment: Option<&str>) -> Result<Loaded, String> {
    if !db.is_file() {
        return Err(format!(
            "{} cannot be read: there is no such file",
            db.display()
        ));
    }
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("{} cannot be opened: {e}", db.display()))?;
    let fail = |e: rusqlite::Error| {
        format!(
            "{} is not a cartlift collector's database: {e}",
            db.display()
        )
    };
    let mut currencies: Vec<(String, i64)> = c
        .prepare("SELECT currency, count(*) FROM events WHERE type = 'order' AND currency IS NOT NULL GROUP BY currency ORDER BY count(*) DESC, currency")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(fail)?;
    let (code, _) = if currencies.is_empty() {
        ("USD".to_owned(), 0)
    } else {
        currencies.remove(0)
    };
    let currency = Currency::from_code(&code)
        .ok_or_else(|| format!("{code:?} in the database is not a currency"))?;
    let other_currencies = currencies
        .iter()
        .map(|(_, n)| u64::try_from(*n).unwrap_or(0))
        .sum();
    let mut orders: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    {
        let mut s = c
            .prepare("SELECT visitor, value_minor, at FROM events WHERE type = 'order' AND currency = ?1")
            .map_err(fail)?;
        let rows = s
            .query_map([&code], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(fail)?;
        for row in rows {
            let (v, value, at) = row.map_err(fail)?;
            orders.entry(v).or_default().push((value, at));
        }
    }
    let mut assignments: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    {
        let mut s = c
            .prepare("SELECT experiment, variant, visitor FROM assignments WHERE ?1 IS NULL OR experiment = ?1")
            .map_err(fail)?;
        let rows = s
            .query_map([experiment], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .map_err(fail)?;
        for row in rows {
            let (e, v, visitor) = row.map_err(fail)?;
            assignments
                .entry(e)
                .or_default()
                .entry(v)
                .or_default()
                .push(visitor);
        }
    }
    if let Some(e) = experiment {
        if !assignments.contains_key(e) {
            return Err(format!(
                "no visitor of experiment {e:?} is in {}",
                db.display()
            ));
        }
    }
    let offers = c
        .prepare(
            "WITH adders AS (
               SELECT visitor, widget, offer, min(at) AS first FROM events
               WHERE type = 'add-to-cart' GROUP BY visitor, widget, offer),
             attributed AS (
               SELECT a.widget, a.offer, sum(o.value_minor) AS revenue FROM adders a
               JOIN events o ON o.visitor = a.visitor AND o.type = 'order' AND o.currency = ?1 AND o.at >= a.first
               GROUP BY a.widget, a.offer)
             SELECT e.widget, e.offer,
               sum(e.type = 'impression'), sum(e.type IN ('add-to-cart', 'remove-from-cart')),
               sum(e.type = 'add-to-cart'), coalesce(max(t.revenue), 0), sum(e.type = 'goal-reached')
             FROM events e LEFT JOIN attributed t ON t.widget IS e.widget AND t.offer IS e.offer
             WHERE e.offer IS NOT NULL AND e.type <> 'order'
             GROUP BY e.widget, e.offer ORDER BY e.widget, e.offer",
        )
        .and_then(|mut s| {
            s.query_map([&code], |r| {
                let impressions: i64 = r.get(2)?;
                let adds: i64 = r.get(4)?;
                let revenue: i64 = r.get(5)?;
                Ok(json!({
                    "widget": r.get::<_, Option<String>>(0)?,
                    "offer": r.get::<_, String>(1)?,
                    "impressions": impressions,
                    "interactions": r.get::<_, i64>(3)?,
                    "adds": adds,
                    "add_rate": if impressions > 0 { Value::from(adds as f64 / impressions as f64) } else { Value::Null },
                    "revenue": Money::from_minor(revenue, currency).to_decimal_string(),
                    // A shipping goal's: how often a cart reached it.
                    "reached": r.get::<_, i64>(6)?,
                }))
            })?
            .collect()
        })
        .map_err(fail)?;
    Ok(Loaded {
        currency,
        other_currencies,
        orders,
        assignments,
        offers,
    })
}

/// The report's options.
pub struct Options<'a> {
    pub experiment: Option<&'a str>,
    pub control: Option<&'a str>,
    pub mde_percent: u32,
}

/// The report as JSON (what `--format json` prints; the text and HTML are drawn from it).
pub fn report(db: &Path, opts: &Options) -> Result<Value, String> {
    let data = load(db, opts.experiment)?;
    let currency = data.currency;
    let c = Some(currency);
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
            let mut row = json!({
                "variant": variant,
                "control": *variant == control,
                "visitors": o.visitors,
                "orders": o.orders.n,
                "conversion": interval_json(wilson(o.converted, o.visitors), None),
                "aov": interval_json(mean_interval(&o.orders), c),
                "revenue_per_visitor": interval_json(mean_interval(&o.revenue), c),
            });
            if *variant != control {
                let aov = welch(&base.orders, &o.orders);
                let rpv = welch(&base.revenue, &o.revenue);
                let conv = proportions(base.converted, base.visitors, o.converted, o.visitors);
                let planned = planned_orders(&base.orders, &o.orders, opts.mde_percent);
                let have = base.orders.n.min(o.orders.n);
                row["vs_control"] = json!({
                    "aov": interval_json(aov.map(|a| a.0), c),
                    "aov_p": aov.map(|a| a.1),
                    "revenue_per_visitor": interval_json(rpv.map(|a| a.0), c),
                    "revenue_per_visitor_p": rpv.map(|a| a.1),
                    "conversion": interval_json(conv.map(|a| a.0), None),
                    "conversion_p": conv.map(|a| a.1),
                    "planned_orders": planned,
                });
                row["cumulative_lift"] =
                    Value::from(cumulative_lift(&base_dated, &dated(visitors), currency));
                row["sentence"] = Value::from(sentence(
                    variant,
                    aov.map(|a| a.0),
                    planned.map(|p| (have, p)),
                    currency,
                ));
            }
            rows.push(row);
        }
        experiments.push(json!({ "experiment": name, "control": control, "variants": rows }));
    }
    let mut notes = Vec::new();
    if data.other_currencies > 0 {
        notes.push(format!(
            "{} orders in other currencies than {} are left out.",
            data.other_currencies,
            currency.code()
        ));
    }
    Ok(json!({
        "currency": currency.code(),
        "method": "conversion: Wilson 95% intervals, difference by the normal interval and a pooled two-proportion z-test; AOV and revenue per visitor: Student's t 95% intervals, difference by Welch's t-test",
        "offers": data.offers,
        "experiments": experiments,
        "notes": notes,
    }))
}

/// The report as text for the terminal.
pub fn text(r: &Value) -> String {
    let mut out = Vec::new();
    let pct = |v: &Value| {
        v.as_f64()
            .map_or_else(|| "–".to_owned(), |x| format!("{:.1}%", x * 100.0))
    };
    let range = |v: &Value, as_pct: bool| {
        if v.is_null() {
            return "–".to_owned();
        }
        if as_pct {
            format!(
                "{} ({} to {})",
                pct(&v["estimate"]),
                pct(&v["low"]),
                pct(&v["high"])
            )
        } else {
            let s = |k: &str| v[k].as_str().unwrap_or("").to_owned();
            format!("{} ({} to {})", s("estimate"), s("low"), s("high"))
        }
    };
    out.push(format!(
        "Offers (revenue in {}):",
        r["currency"].as_str().unwrap_or("")
    ));
    let offers = r["offers"].as_array().cloned().unwrap_or_default();
    if offers.is_empty() {
        out.push("  no offer events yet".into());
    }
    for o in offers {
        let reached = o["reached"].as_i64().unwrap_or(0);
        out.push(format!(
            "  {} {}: {} impressions, {} interactions, {} adds (add rate {}), revenue {}{}",
            o["widget"].as_str().unwrap_or("?"),
            o["offer"].as_str().unwrap_or("?"),
            o["impressions"],
            o["interactions"],
            o["adds"],
            pct(&o["add_rate"]),
            o["revenue"].as_str().unwrap_or("0"),
            if reached > 0 {
                format!(", reached {reached} times")
            } else {
                String::new()
            }
        ));
    }
    for e in r["experiments"].as_array().into_iter().flatten() {
        out.push(format!(
            "\nExperiment {} (control: {}), 95% intervals:",
            e["experiment"].as_str().unwrap_or("?"),
            e["control"].as_str().unwrap_or("?")
        ));
        for v in e["variants"].as_array().into_iter().flatten() {
            out.push(format!(
                "  {}: {} visitors, {} orders, conversion {}, AOV {}, revenue per visitor {}",
                v["variant"].as_str().unwrap_or("?"),
                v["visitors"],
                v["orders"],
                range(&v["conversion"], true),
                range(&v["aov"], false),
                range(&v["revenue_per_visitor"], false)
            ));
            if let Some(s) = v["sentence"].as_str() {
                let p = v["vs_control"]["aov_p"]
                    .as_f64()
                    .map_or_else(String::new, |p| {
                        if p < 0.001 {
                            " (p < 0.001)".to_owned()
                        } else {
                            format!(" (p = {p:.3})")
                        }
                    });
                out.push(format!("    {s}{p}"));
            }
        }
    }
    for n in r["notes"].as_array().into_iter().flatten() {
        out.push(format!("  {}", n.as_str().unwrap_or("")));
    }
    out.join("\n")
}

/// A decimal string of the report as a number of major units, for a plot's axis only.
fn plotted(v: &Value) -> Option<f64> {
    v.as_str().and_then(|s| s.parse::<f64>().ok())
}

/// The self-contained HTML report: the text, and per experiment two SVG plots drawn in place
/// (AOV per variant with its 95% interval; the AOV difference from the control as orders came
/// in). Nothing is fetched from anywhere.
pub fn html(r: &Value) -> Result<String, String> {
    use plotters::prelude::*;
    let fail = |e: &dyn std::fmt::Display| format!("the plot cannot be drawn: {e}");
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let currency = r["currency"].as_str().unwrap_or("");
    let mut body = vec![format!(
        "<h1>cartlift report</h1>\n<pre>{}</pre>",
        escape(&text(r))
    )];
    for e in r["experiments"].as_array().into_iter().flatten() {
        let name = e["experiment"].as_str().unwrap_or("?");
        let variants = e["variants"].as_array().cloned().unwrap_or_default();
        let bars: Vec<(String, f64, f64, f64)> = variants
            .iter()
            .filter_map(|v| {
                let a = &v["aov"];
                Some((
                    v["variant"].as_str()?.to_owned(),
                    plotted(&a["estimate"])?,
                    plotted(&a["low"])?,
                    plotted(&a["high"])?,
                ))
            })
            .collect();
        let mut aov_svg = String::new();
        if !bars.is_empty() {
            // The axis spans the intervals, so that their widths show.
            let lo = bars.iter().map(|b| b.2).fold(f64::INFINITY, f64::min);
            let hi = bars.iter().map(|b| b.3).fold(f64::NEG_INFINITY, f64::max);
            let pad = (hi - lo).max(0.01) * 0.5;
            let (lo, hi) = ((lo - pad).max(0.0), hi + pad);
            {
                let root = SVGBackend::with_string(&mut aov_svg, (720, 360)).into_drawing_area();
                root.fill(&WHITE).map_err(|e| fail(&e))?;
                let mut chart = ChartBuilder::on(&root)
                    .caption(
                        format!("{name}: AOV per variant, 95% interval ({currency})"),
                        ("sans-serif", 18),
                    )
                    .margin(16)
                    .x_label_area_size(32)
                    .y_label_area_size(64)
                    .build_cartesian_2d(-0.5..bars.len() as f64 - 0.5, lo..hi)
                    .map_err(|e| fail(&e))?;
                let labels: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
                chart
                    .configure_mesh()
                    .disable_x_mesh()
                    .x_labels(bars.len())
                    .x_label_formatter(&|x| {
                        let i = x.round();
                        if (x - i).abs() < 0.01 && i >= 0.0 {
                            labels.get(i as usize).cloned().unwrap_or_default()
                        } else {
                            String::new()
                        }
                    })
                    .draw()
                    .map_err(|e| fail(&e))?;
                for (i, b) in bars.iter().enumerate() {
                    let x = i as f64;
                    chart
                        .draw_series(std::iter::once(ErrorBar::new_vertical(
                            x,
                            b.2,
                            b.1,
                            b.3,
                            BLUE.filled(),
                            12,
                        )))
                        .map_err(|e| fail(&e))?;
                    chart
                        .draw_series(std::iter::once(Circle::new((x, b.1), 5, BLUE.filled())))
                        .map_err(|e| fail(&e))?;
                }
                root.present().map_err(|e| fail(&e))?;
            }
        }
        let mut lift_svg = String::new();
        let lines: Vec<(String, Vec<(i64, f64)>)> = variants
            .iter()
            .filter_map(|v| {
                let points: Vec<(i64, f64)> = v["cumulative_lift"]
                    .as_array()?
                    .iter()
                    .filter_map(|p| Some((p["day"].as_i64()?, plotted(&p["aov_difference"])?)))
                    .collect();
                (!points.is_empty())
                    .then(|| (v["variant"].as_str().unwrap_or("?").to_owned(), points))
            })
            .collect();
        if !lines.is_empty() {
            let days = lines
                .iter()
                .flat_map(|l| l.1.iter().map(|p| p.0))
                .max()
                .unwrap_or(0)
                + 1;
            let lo = lines
                .iter()
                .flat_map(|l| l.1.iter().map(|p| p.1))
                .fold(0.0, f64::min);
            let hi = lines
                .iter()
                .flat_map(|l| l.1.iter().map(|p| p.1))
                .fold(0.0, f64::max);
            let pad = ((hi - lo) * 0.15).max(1.0);
            {
                let root = SVGBackend::with_string(&mut lift_svg, (720, 360)).into_drawing_area();
                root.fill(&WHITE).map_err(|e| fail(&e))?;
                let mut chart = ChartBuilder::on(&root)
                    .caption(
                        format!("{name}: AOV difference from the control so far ({currency})"),
                        ("sans-serif", 18),
                    )
                    .margin(16)
                    .x_label_area_size(32)
                    .y_label_area_size(64)
                    .build_cartesian_2d(0..days, (lo - pad)..(hi + pad))
                    .map_err(|e| fail(&e))?;
                chart
                    .configure_mesh()
                    .x_desc("day")
                    .draw()
                    .map_err(|e| fail(&e))?;
                chart
                    .draw_series(LineSeries::new([(0, 0.0), (days, 0.0)], BLACK.mix(0.4)))
                    .map_err(|e| fail(&e))?;
                for (k, (variant, points)) in lines.iter().enumerate() {
                    let colour = Palette99::pick(k).to_rgba();
                    chart
                        .draw_series(LineSeries::new(
                            points.iter().copied(),
                            colour.stroke_width(2),
                        ))
                        .map_err(|e| fail(&e))?
                        .label(variant.clone())
                        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour));
                }
                chart
                    .configure_series_labels()
                    .border_style(BLACK)
                    .draw()
                    .map_err(|e| fail(&e))?;
                root.present().map_err(|e| fail(&e))?;
            }
        }
        body.push(format!("<h2>{}</h2>\n{aov_svg}\n{lift_svg}", escape(name)));
    }
    Ok(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>cartlift report</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}pre{{white-space:pre-wrap}}svg{{max-width:100%;height:auto}}</style></head>\n<body>\n{}\n</body>\n</html>\n",
        body.join("\n")
    ))
}

#[cfg(test)]
mod tests {
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
