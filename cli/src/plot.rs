//! The histogram of order values with the threshold candidates marked, as SVG (plotters).

use crate::threshold::{Candidate, Stats};
use cartlift_core::Money;
use plotters::prelude::*;

/// Writes the histogram to `path`. `shown` writes an amount for the labels.
pub fn histogram(
    path: &std::path::Path,
    stats: &Stats,
    candidates: &[Candidate],
    recommended: Money,
    shown: &dyn Fn(Money) -> String,
) -> Result<(), String> {
    let unit = 10i64.pow(u32::from(stats.currency.exponent()));
    // Whole major units on the axis: a plot needs no cents.
    let major = |m: Money| (m.minor() / unit) as i32;
    let (Some(first), Some(last)) = (stats.bins.first(), stats.bins.last()) else {
        return Err("there are no orders to plot".into());
    };
    let lo = major(first.0).min(
        candidates
            .iter()
            .map(|c| major(c.threshold))
            .min()
            .unwrap_or(i32::MAX),
    );
    let hi = major(last.1).max(
        candidates
            .iter()
            .map(|c| major(c.threshold))
            .max()
            .unwrap_or(0)
            + 1,
    );
    let top = stats.bins.iter().map(|b| b.2).max().unwrap_or(1).max(1);
    // Room above the bars for the legend.
    let ceiling = top + top * (candidates.len() as u64 + 2) / 10 + 1;
    let root = SVGBackend::new(path, (960, 540)).into_drawing_area();
    let fail = |e: &dyn std::fmt::Display| format!("the plot cannot be drawn: {e}");
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "Order values of {} orders ({}): where the free-shipping threshold could go",
                stats.orders, stats.currency
            ),
            ("sans-serif", 22),
        )
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(lo..hi, 0u64..ceiling)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_desc(format!("Order value ({})", stats.currency))
        .y_desc("Orders")
        .x_label_formatter(&|v| shown(Money::from_minor(i64::from(*v) * unit, stats.currency)))
        .label_style(("sans-serif", 15))
        .draw()
        .map_err(|e| fail(&e))?;
    let bar = RGBColor(120, 144, 156);
    chart
        .draw_series(stats.bins.iter().map(|&(a, b, n)| {
            Rectangle::new([(major(a), 0), (major(b), n)], bar.mix(0.85).filled())
        }))
        .map_err(|e| fail(&e))?;
    // The candidates: a line each, in a colour of its own, named in the legend; the
    // recommended one thicker, and first.
    let palette = [
        RGBColor(190, 90, 40),
        RGBColor(120, 60, 160),
        RGBColor(30, 110, 190),
        RGBColor(170, 40, 90),
        RGBColor(90, 90, 90),
        RGBColor(150, 120, 0),
    ];
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    order.sort_by_key(|c| (c.threshold != recommended, c.threshold.minor()));
    for (k, c) in order.into_iter().enumerate() {
        let best = c.threshold == recommended;
        let colour = if best {
            RGBColor(11, 110, 79)
        } else {
            palette[k % palette.len()]
        };
        let x = major(c.threshold);
        let width = if best { 4 } else { 2 };
        let label = if best {
            format!("{}: recommended ({})", shown(c.threshold), c.source)
        } else {
            format!("{}: {}", shown(c.threshold), c.source)
        };
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x, 0), (x, ceiling)],
                colour.stroke_width(width),
            )))
            .map_err(|e| fail(&e))?
            .label(label)
            .legend(move |(lx, ly)| {
                PathElement::new(vec![(lx, ly), (lx + 24, ly)], colour.stroke_width(width))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 15))
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}
