//! The two commands that learn from the store's own orders, `recommend-threshold` and
//! `mine-bundles`: each reads the order export (`orders`), runs its analysis (`threshold`,
//! `mine`), and prints it or, with `--apply`, writes it into the config (`apply`).

use crate::{apply, mine, orders, plot, print_json, read_text, threshold};
use crate::{Failure, Outcome, Reading};
use cartlift_core::{Config, Currency, Money};
use orders::{Catalog, Options, Tally};
use std::path::{Path, PathBuf};

/// Reading options and the config's text, if any.
fn options(reading: &Reading) -> Result<(Options, Option<(PathBuf, String)>), Failure> {
    let config = match &reading.config {
        Some(p) => Some((p.clone(), read_text(p)?)),
        None => None,
    };
    let config_currency = config
        .as_ref()
        .and_then(|(_, t)| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|v| v["currency"].as_str().and_then(Currency::from_code));
    let currency =
        match &reading.currency {
            Some(code) => Some(Currency::from_code(&code.to_ascii_uppercase()).ok_or_else(
                || Failure::BadInput(format!("{code:?} is not an ISO 4217 currency code")),
            )?),
            None => config_currency,
        };
    Ok((
        Options {
            include_cancelled: reading.include_cancelled,
            strict: reading.strict,
            currency,
            catalog: config.as_ref().map(|(_, t)| Catalog::from_config(t)),
        },
        config,
    ))
}

/// A spinner on stderr while orders are read (hidden when stderr is not a terminal).
fn progress(what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(what.to_owned());
    bar
}

fn shown(m: Money) -> String {
    format!("{} {}", m.to_decimal_string(), m.currency())
}

#[allow(clippy::too_many_arguments)]
pub fn recommend(
    path: &Path,
    reading: &Reading,
    margin: Option<&str>,
    shipping: Option<&str>,
    plot_to: Option<&Path>,
    apply: bool,
    json: bool,
) -> Outcome {
    let (opts, config) = options(reading)?;
    let economics_text = match (margin, shipping) {
        (Some(m), Some(s)) => Some((m, s)),
        (None, None) => None,
        _ => {
            return Err(Failure::BadInput(
                "--margin and --shipping-cost go together: each candidate's cost needs both".into(),
            ))
        }
    };
    let mut values = Tally::default();
    let mut items = Tally::default();
    let mut sum: i128 = 0;
    let bar = progress("reading orders");
    let mut read = 0u64;
    let summary = orders::read(path, &opts, &mut |o| {
        values.add(o.value.minor(), 1);
        sum += i128::from(o.value.minor());
        for i in &o.items {
            items.add(i.unit.minor(), u64::from(i.quantity));
        }
        read += 1;
        if read.is_multiple_of(10_000) {
            bar.set_message(format!("{read} orders read"));
        }
    })
    .map_err(Failure::BadInput)?;
    bar.finish_and_clear();
    let Some(currency) = summary.currency else {
        return Err(Failure::BadInput(format!(
            "{} holds no orders to learn from",
            path.display()
        )));
    };
    if summary.orders == 0 {
        return Err(Failure::BadInput(format!(
            "{} holds no orders to learn from once cancelled and refunded ones are left out",
            path.display()
        )));
    }
    let economics = match economics_text {
        Some((m, s)) => Some((
            threshold::fraction_bp(m).map_err(Failure::BadInput)?,
            cartlift_core::money::parse_amount(s, currency)
                .map_err(|e| Failure::BadInput(format!("--shipping-cost: {e}")))?,
        )),
        None => None,
    };
    let current = config
        .as_ref()
        .and_then(|(_, t)| Config::from_json(t).ok())
        .and_then(|c| {
            c.shipping_bar
                .and_then(|b| b.goals.first().map(|g| g.threshold))
        });
    let stats = threshold::stats(currency, &values, &items, sum);
    let candidates = threshold::candidates(&stats, &values, current, economics);
    let (best, why) = threshold::recommend(&stats, &candidates, &shown);
    let mut notes = summary.notes();
    if let Some(out) = plot_to {
        plot::histogram(out, &stats, &candidates, best.threshold, &shown)
            .map_err(Failure::BadInput)?;
        notes.push(format!("The histogram is in {}.", out.display()));
    }
    if apply {
        if let Some((cpath, text)) = &config {
            apply::apply_threshold(cpath, text, best.threshold)?;
            notes.push(format!(
                "{} now has {} as its first goal's threshold.",
                cpath.display(),
                shown(best.threshold)
            ));
        }
    }
    if json {
        print_json(&threshold::to_json(&stats, &candidates, best, &why, &notes));
        return Ok(());
    }
    out!(
        "{} orders ({}), {}",
        stats.orders,
        summary.format.map_or("", |f| f.name()),
        currency
    );
    out!("  average order value  {}", shown(stats.aov));
    for (p, m) in &stats.percentiles {
        out!(
            "  {:<19}  {}",
            if *p == 50 {
                "median (p50)".to_owned()
            } else {
                format!("p{p}")
            },
            shown(*m)
        );
    }
    out!("  median item price    {}", shown(stats.median_item));
    out!("\nCandidates:");
    for c in &candidates {
        let money_part = c.economics.map_or(String::new(), |e| {
            format!(", net {} per order", shown(e.net))
        });
        out!(
            "  {:>14}  {:<34} {:>3}% already reach it, {:>3}% within one item{money_part}",
            shown(c.threshold),
            c.source,
            threshold::pct(c.above, stats.orders),
            threshold::pct(c.within_reach, stats.orders)
        );
    }
    out!("\nRecommended: {}\n  {why}", shown(best.threshold));
    for n in notes {
        out!("  {n}");
    }
    Ok(())
}

pub fn mine(
    path: &Path,
    reading: &Reading,
    min_orders: u64,
    min_lift: f64,
    top: usize,
    apply: bool,
    json: bool,
) -> Outcome {
    let (opts, config) = options(reading)?;
    if min_orders == 0 {
        return Err(Failure::BadInput("--min-orders must be at least 1".into()));
    }
    let mut counts = mine::Counts::default();
    let bar = progress("counting items and pairs");
    let summary = orders::read(path, &opts, &mut |o| {
        let keys: Vec<&str> = o.items.iter().map(|i| i.key.as_str()).collect();
        counts.first(&keys);
    })
    .map_err(Failure::BadInput)?;
    // The second pass only when some pair is frequent enough to make a triple.
    if counts.pairs.values().filter(|&&n| n >= min_orders).count() >= 3 {
        bar.set_message("counting triples");
        orders::read(path, &opts, &mut |o| {
            let keys: Vec<&str> = o.items.iter().map(|i| i.key.as_str()).collect();
            counts.second(&keys, min_orders);
        })
        .map_err(Failure::BadInput)?;
    }
    bar.finish_and_clear();
    if summary.orders == 0 {
        return Err(Failure::BadInput(format!(
            "{} holds no orders to learn from",
            path.display()
        )));
    }
    let rules = mine::rules(&counts, min_orders, min_lift);
    let complements = mine::complements(&rules, top);
    let proposals = mine::proposals(&rules, top);
    let mut notes = summary.notes();
    if apply {
        if let Some((cpath, text)) = &config {
            let (added, related) = apply::apply_bundles(cpath, text, &proposals, &complements)?;
            notes.push(format!(
                "{added} bundle{} added to {}, and `related` lists to {related} product{} (for <cartlift-recommendations>).",
                if added == 1 { "" } else { "s" },
                cpath.display(),
                if related == 1 { "" } else { "s" },
            ));
        }
    }
    if json {
        print_json(&mine::to_json(
            &counts,
            &rules,
            &proposals,
            &complements,
            &notes,
        ));
        return Ok(());
    }
    out!(
        "{} orders ({}), {} items",
        counts.orders,
        summary.format.map_or("", |f| f.name()),
        counts.names.len()
    );
    if rules.is_empty() {
        out!("\nNo items are bought together in {min_orders} orders or more with a lift of {min_lift} or more: try a lower --min-orders or --min-lift.");
    } else {
        out!("\nBought together (rules A → B, strongest first):");
        for r in rules.iter().take(20) {
            out!(
                "  {} → {}: {} orders, support {:.3}, confidence {:.2}, lift {:.2}",
                r.antecedents.join(" + "),
                r.consequents.join(" + "),
                r.orders,
                r.support,
                r.confidence,
                r.lift
            );
        }
        if rules.len() > 20 {
            out!(
                "  … {} more (--format json lists them all)",
                rules.len() - 20
            );
        }
        out!("\nBought most with each item (by lift):");
        for (item, with) in complements.iter().take(12) {
            let list: Vec<String> = with
                .iter()
                .map(|(b, lift)| format!("{b} ({lift:.2})"))
                .collect();
            out!("  {item}: {}", list.join(", "));
        }
        if complements.len() > 12 {
            out!(
                "  … {} more items (--format json lists them all)",
                complements.len() - 12
            );
        }
        out!("\nProposed bundles:");
        for p in &proposals {
            out!(
                "  {} = {} at {}% off ({} orders, lift {:.2})",
                p.id,
                p.items.join(" + "),
                p.percent_off,
                p.orders,
                p.lift
            );
        }
    }
    for n in notes {
        out!("  {n}");
    }
    Ok(())
}
