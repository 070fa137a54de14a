//! The report as one self-contained HTML page, its plots drawn in place as SVG.

use super::{text, Report};

/// A decimal string of the report as a number of major units, for a plot's axis only.
fn plotted(v: &str) -> Option<f64> {
    v.parse::<f64>().ok()
}

/// The self-contained HTML report: the text, and per experiment two SVG plots drawn in place
/// (AOV per variant with its 95% interval; the AOV difference from the control as orders came
/// in). Nothing is fetched from anywhere.
pub fn html(r: &Report) -> Result<String, String> {
    use plotters::prelude::*;
    let fail = |e: &dyn std::fmt::Display| format!("the plot cannot be drawn: {e}");
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let currency = r.currency.as_str();
    let mut body = vec![format!(
        "<h1>cartlift report</h1>\n<pre>{}</pre>",
        escape(&text(r))
    )];
    for e in &r.experiments {
        let name = e.experiment.as_str();
        let variants = &e.variants;
        let bars: Vec<(String, f64, f64, f64)> = variants
            .iter()
            .filter_map(|v| {
                let a = v.aov.as_ref()?;
                Some((
                    v.variant.clone(),
                    plotted(&a.estimate)?,
                    plotted(&a.low)?,
                    plotted(&a.high)?,
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
                let points: Vec<(i64, f64)> = v
                    .cumulative_lift
                    .as_ref()?
                    .iter()
                    .filter_map(|p| Some((p.day, plotted(&p.aov_difference)?)))
                    .collect();
                (!points.is_empty()).then(|| (v.variant.clone(), points))
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
