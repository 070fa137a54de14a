//! The statistics of the report: exact sums of minor units, and the 95% intervals and tests
//! built on them (Student's t, Welch, Wilson, two proportions), with the sample a test needs.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Exact moments of integer values (minor units).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct Sample {
    /// How many values.
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
