//! What the report reads from the collector's database: the orders of each visitor in the
//! report's currency, each experiment's variants and their visitors, and each offer's figures.

use super::OfferRow;
use cartlift_core::{Currency, Money};
use rusqlite::{Connection, OpenFlags};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// What the report needs from the database.
pub(super) struct Loaded {
    pub currency: Currency,
    pub other_currencies: u64,
    /// Each visitor's order values in `currency`, with when.
    pub orders: HashMap<String, Vec<(i64, i64)>>,
    /// experiment → variant → visitors.
    pub assignments: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub offers: Vec<OfferRow>,
}

/// Reads the collector's database at `db` (read-only), for `experiment` or every one.
pub(super) fn load(db: &Path, experiment: Option<&str>) -> Result<Loaded, String> {
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
                Ok(OfferRow {
                    widget: r.get::<_, Option<String>>(0)?,
                    offer: r.get::<_, String>(1)?,
                    impressions,
                    interactions: r.get::<_, i64>(3)?,
                    adds,
                    add_rate: (impressions > 0).then(|| adds as f64 / impressions as f64),
                    revenue: Money::from_minor(revenue, currency).to_decimal_string(),
                    // A shipping goal's: how often a cart reached it.
                    reached: r.get::<_, i64>(6)?,
                })
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
