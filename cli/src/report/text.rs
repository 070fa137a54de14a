//! The report as text for the terminal.

use super::{Report, Shown};

/// The report as text for the terminal.
pub fn text(r: &Report) -> String {
    let mut out = Vec::new();
    let pct = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |x| format!("{:.1}%", x * 100.0));
    let shares = |v: &Option<Shown<f64>>| match v {
        None => "–".to_owned(),
        Some(s) => format!(
            "{} ({} to {})",
            pct(Some(s.estimate)),
            pct(Some(s.low)),
            pct(Some(s.high))
        ),
    };
    let amounts = |v: &Option<Shown<String>>| match v {
        None => "–".to_owned(),
        Some(s) => format!("{} ({} to {})", s.estimate, s.low, s.high),
    };
    out.push(format!("Offers (revenue in {}):", r.currency));
    if r.offers.is_empty() {
        out.push("  no offer events yet".into());
    }
    for o in &r.offers {
        out.push(format!(
            "  {} {}: {} impressions, {} interactions, {} adds (add rate {}), revenue {}{}",
            o.widget.as_deref().unwrap_or("?"),
            o.offer,
            o.impressions,
            o.interactions,
            o.adds,
            pct(o.add_rate),
            o.revenue,
            if o.reached > 0 {
                format!(", reached {} times", o.reached)
            } else {
                String::new()
            }
        ));
    }
    for e in &r.experiments {
        out.push(format!(
            "\nExperiment {} (control: {}), 95% intervals:",
            e.experiment, e.control
        ));
        for v in &e.variants {
            out.push(format!(
                "  {}: {} visitors, {} orders, conversion {}, AOV {}, revenue per visitor {}",
                v.variant,
                v.visitors,
                v.orders,
                shares(&v.conversion),
                amounts(&v.aov),
                amounts(&v.revenue_per_visitor)
            ));
            if let Some(s) = &v.sentence {
                let p = v
                    .vs_control
                    .as_ref()
                    .and_then(|c| c.aov_p)
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
    for n in &r.notes {
        out.push(format!("  {n}"));
    }
    out.join("\n")
}
