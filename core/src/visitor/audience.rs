//! Who a shopper is on a page, for the config's audience rules: a goal's personal threshold
//! from the typical order, segment conditions, and the segments a shopper is in (or, at
//! checkout, claims).

use super::record::{Visitor, VERSION};
use crate::money::{Currency, Money, Percent};
use crate::sort::CollectVec;
/// A goal's `personal` rule: a threshold just above this shopper's typical order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Personal {
    /// How far above the typical order.
    pub above_typical: Percent,
    /// Rounded up to a multiple of this (none: not rounded).
    pub round_to: Option<Money>,
    /// Never below this.
    pub min: Option<Money>,
    /// Never above this.
    pub max: Option<Money>,
}

/// The goal's threshold for this shopper: with order history in the goal's currency, the
/// typical order raised by the rule's percentage, rounded up to `round_to`, clamped to
/// `min`..`max`; without it, the goal's own `threshold`.
pub fn personal_threshold(threshold: Money, rule: Personal, visitor: &Visitor) -> Money {
    let Some(typical) = visitor.typical_order(threshold.currency()) else {
        return threshold;
    };
    let raised = typical.minor() + typical.percent(rule.above_typical).minor();
    let rounded = match rule.round_to.map(|r| r.minor()).filter(|&r| r > 0) {
        Some(step) => (raised + step - 1).div_euclid(step) * step,
        None => raised,
    };
    let clamped = rounded
        .max(rule.min.map_or(i64::MIN, |m| m.minor()))
        .min(rule.max.map_or(i64::MAX, |m| m.minor()));
    Money::from_minor(clamped, threshold.currency())
}

/// What the page knows that a segment may ask about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The shopper's country (ISO 3166-1 alpha-2), when the page says.
    pub country: Option<String>,
    /// The viewport's width in CSS pixels.
    pub width: Option<u32>,
}

/// A segment's conditions (`when`), all of which must hold; an empty condition holds for all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct When {
    /// New (`false`) or returning (`true`) shoppers.
    pub returning: Option<bool>,
    /// At least this many orders so far.
    pub orders_min: Option<u32>,
    /// At most this many.
    pub orders_max: Option<u32>,
    /// A typical order of at least this.
    pub typical_min: Option<Money>,
    /// A typical order of at most this.
    pub typical_max: Option<Money>,
    /// Viewed any of these products.
    pub viewed: Vec<String>,
    /// Bought any of these before.
    pub bought: Vec<String>,
    /// In one of these countries.
    pub country: Vec<String>,
    /// A viewport at most this wide (phones).
    pub max_width: Option<u32>,
    /// A viewport at least this wide.
    pub min_width: Option<u32>,
    /// Landed from this `utm_source`.
    pub utm_source: Option<String>,
    /// Landed from this `utm_campaign`.
    pub utm_campaign: Option<String>,
}

impl When {
    /// Whether it asks only where the shopper is (`country`): something checkout knows of the
    /// cart itself, so it need not take the browser's word for it.
    pub fn only_country(&self) -> bool {
        *self
            == When {
                country: self.country.clone(),
                ..When::default()
            }
    }

    /// Whether this shopper, on this page, is in the segment.
    pub fn holds(&self, visitor: &Visitor, page: &Page) -> bool {
        let orders = visitor.orders.len() as u32;
        let typical = |currency: Currency| visitor.typical_order(currency);
        let same = |want: &Option<String>, got: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| got.as_ref().is_some_and(|g| g.eq_ignore_ascii_case(w)))
        };
        self.returning.is_none_or(|r| r == visitor.returning())
            && self.orders_min.is_none_or(|m| orders >= m)
            && self.orders_max.is_none_or(|m| orders <= m)
            && self
                .typical_min
                .is_none_or(|m| typical(m.currency()).is_some_and(|t| t.minor() >= m.minor()))
            && self
                .typical_max
                .is_none_or(|m| typical(m.currency()).is_some_and(|t| t.minor() <= m.minor()))
            && (self.viewed.is_empty() || self.viewed.iter().any(|p| visitor.viewed.contains(p)))
            && (self.bought.is_empty() || self.bought.iter().any(|p| visitor.bought(p)))
            && (self.country.is_empty()
                || page
                    .country
                    .as_ref()
                    .is_some_and(|c| self.country.iter().any(|w| w.eq_ignore_ascii_case(c))))
            && self
                .max_width
                .is_none_or(|w| page.width.is_some_and(|x| x <= w))
            && self
                .min_width
                .is_none_or(|w| page.width.is_some_and(|x| x >= w))
            && same(&self.utm_source, &visitor.utm_source)
            && same(&self.utm_campaign, &visitor.utm_campaign)
    }
}

/// Which of the config's segments (`(id, when)`, in its order) this shopper is in, on this
/// page: one flag per segment.
pub fn memberships(defined: &[(String, When)], visitor: &Visitor, page: &Page) -> Vec<bool> {
    defined
        .iter()
        .map(|(_, when)| when.holds(visitor, page))
        .collect_vec()
}

/// A browser cartlift knows nothing of.
static NOBODY: Visitor = Visitor {
    v: VERSION,
    id: String::new(),
    first: 0,
    last: 0,
    visits: 0,
    viewed: Vec::new(),
    orders: Vec::new(),
    utm_source: None,
    utm_campaign: None,
};

/// Who a quote is for: what their browser did here, and the segments they are in.
#[derive(Clone, Debug)]
pub struct Shopper<'a> {
    /// The visitor record.
    pub visitor: &'a Visitor,
    /// One flag per config segment; `None`: not known, so every offer stands (checkout, where
    /// the platform cannot tell who the shopper is, honours what the widget offered).
    member: Option<Vec<bool>>,
    /// The variant they picked of a product (spec §10), `(product, variant)` by index: what
    /// every offer of that product prices and adds. Others are offered in their first
    /// available variant ([`crate::pricing::offered_variant`]).
    pub picks: Vec<(usize, usize)>,
}

impl<'a> Shopper<'a> {
    /// `visitor` on `page`, against the config's segment definitions.
    pub fn new(visitor: &'a Visitor, page: &Page, defined: &[(String, When)]) -> Shopper<'a> {
        Shopper {
            visitor,
            // A build without personalization has no segments to be in (crate::parts).
            member: Some(if crate::parts::PERSONAL {
                memberships(defined, visitor, page)
            } else {
                Vec::new()
            }),
            picks: Vec::new(),
        }
    }

    /// The shopper checkout prices for (spec §8 at checkout): in each of `defined` (the
    /// config's segments) that asks only for a country, when `country` (the cart's) is one of
    /// them; in any other when the browser claimed it (`claimed`: the segments it showed offers
    /// for, written on the cart) and the cart's country does not contradict it. Nothing of their
    /// browser's history is known, so no goal is personal.
    pub fn at_checkout(
        defined: &[(String, When)],
        claimed: &[String],
        country: Option<&str>,
    ) -> Shopper<'static> {
        let member = defined
            .iter()
            .map(|(id, when)| {
                let here = when.country.is_empty()
                    || country
                        .is_some_and(|c| when.country.iter().any(|w| w.eq_ignore_ascii_case(c)));
                here && (when.only_country() || claimed.contains(id))
            })
            .collect_vec();
        Shopper {
            visitor: &NOBODY,
            member: Some(member),
            picks: Vec::new(),
        }
    }

    /// A shopper of whom nothing is known: every offer stands, no goal is personal.
    pub fn anyone() -> Shopper<'static> {
        Shopper {
            visitor: &NOBODY,
            member: None,
            picks: Vec::new(),
        }
    }

    /// Whether an offer limited to `segments` (indices into the config's) is for them; no
    /// segments means everyone.
    pub fn admits(&self, segments: &[usize]) -> bool {
        // A build without personalization reads no offer's `segments` (crate::parts).
        if !crate::parts::PERSONAL {
            return true;
        }
        match &self.member {
            None => true,
            Some(member) => {
                segments.is_empty() || segments.iter().any(|&s| member.get(s) == Some(&true))
            }
        }
    }

    /// The name of the first of an offer's `segments` (indices into `defined`, the config's)
    /// they are in: the segment the offer is shown for, which its events name in
    /// `source.segment`. `None` for an offer for everyone, or when nothing is known of them.
    pub fn segment(&self, segments: &[usize], defined: &[(String, When)]) -> Option<String> {
        if !crate::parts::PERSONAL {
            return None;
        }
        let member = self.member.as_ref()?;
        let &s = segments.iter().find(|&&s| member.get(s) == Some(&true))?;
        defined.get(s).map(|(name, _)| name.clone())
    }
}
