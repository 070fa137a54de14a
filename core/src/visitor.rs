//! What cartlift remembers of one browser (spec §8), and what that means for the quote: the
//! pure part of personalization. The widget keeps the record in one versioned `localStorage`
//! key (a small bridge module reads and writes the text); everything here is the text's
//! meaning, tested natively: reading a stored record without ever trusting it, recording
//! visits, views and orders within their caps, the typical order, the personal threshold,
//! segment conditions, and the deterministic, sticky assignment to experiment variants.
//!
//! Nothing here sends anything anywhere; the record holds no name, address or email, only what
//! this browser did in this shop.

use crate::json::{field, Json};
use crate::money::{round_half_away_from_zero, Currency, Money, Percent};
use serde::Serialize;

/// The record's format version: a stored record of another version is migrated or dropped.
pub const VERSION: u32 = 1;
/// The most products viewed that are kept (the latest).
pub const MAX_VIEWED: usize = 50;
/// The most orders that are kept (the latest).
pub const MAX_ORDERS: usize = 20;
/// A stored text longer than this is not a record cartlift wrote: it is dropped unread.
pub const MAX_STORED_BYTES: usize = 16 * 1024;
/// Visits are apart when the browser was away this long (30 minutes, as analytics count them).
pub const VISIT_GAP_SECONDS: i64 = 30 * 60;

/// One past order: when, what it was worth, what it held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PastOrder {
    /// Unix seconds.
    pub at: i64,
    /// Its value, in minor units of `currency`.
    pub minor: i64,
    /// Its currency's ISO code.
    pub currency: String,
    /// The product ids it held.
    pub products: Vec<String>,
    /// The platform's order id, when known: an order is recorded once however often its
    /// confirmation page is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// What this browser did in this shop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Visitor {
    /// The format version.
    pub v: u32,
    /// A random id of this browser, for experiments (not a person: it is never sent but with
    /// events, and `forget` replaces it).
    pub id: String,
    /// The first visit, Unix seconds (0: none yet).
    pub first: i64,
    /// The latest activity, Unix seconds.
    pub last: i64,
    /// Visits so far.
    pub visits: u32,
    /// Product ids viewed, oldest first, at most [`MAX_VIEWED`], each once.
    pub viewed: Vec<String>,
    /// Orders, oldest first, at most [`MAX_ORDERS`].
    pub orders: Vec<PastOrder>,
    /// The `utm_source` of the URL this visit landed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    /// The `utm_campaign` of the URL this visit landed on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utm_campaign: Option<String>,
}

/// The `utm_*` parameters of the URL a page was opened at (what a visit landed on, when the
/// visit starts there).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Landing {
    /// `utm_source`.
    pub utm_source: Option<String>,
    /// `utm_campaign`.
    pub utm_campaign: Option<String>,
}

/// A whole number from 0 of at most 18 digits (so it fits an i64). By hand: `str::parse`
/// for i64 would be a parser of its own in the widget's wasm (1.5 KB brotli with the rest).
fn int(v: Option<&Json>) -> Option<i64> {
    match v {
        Some(Json::Num(n))
            if (1..=18).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(n.bytes().fold(0, |acc, b| acc * 10 + i64::from(b - b'0')))
        }
        _ => None,
    }
}

fn text(v: Option<&Json>) -> Option<String> {
    match v {
        Some(Json::Str(s)) if s.len() <= 200 => Some(s.clone()),
        _ => None,
    }
}

/// Absent: `Some(None)`; text: `Some(Some(text))`; anything else: `None` (not to be trusted).
fn optional_text(v: Option<&Json>) -> Option<Option<String>> {
    match v {
        None | Some(Json::Null) => Some(None),
        v => text(v).map(Some),
    }
}

fn texts(v: Option<&Json>, max: usize) -> Option<Vec<String>> {
    match v {
        Some(Json::Arr(items)) if items.len() <= max => {
            // A loop, not `collect::<Option<_>>`, which is code of its own for each type.
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(text(Some(i))?);
            }
            Some(out)
        }
        None => Some(Vec::new()),
        _ => None,
    }
}

impl Visitor {
    /// A browser cartlift has not seen, with `id` (fresh random text from the page).
    pub fn new(id: &str) -> Visitor {
        Visitor {
            v: VERSION,
            id: id.to_owned(),
            ..Visitor::default()
        }
    }

    /// The record in `stored`, or a new one (with `fresh_id`) when there is none or it cannot
    /// be trusted: not JSON, too long, another version that cannot be migrated, a field of the
    /// wrong kind, more entries than cartlift keeps, times or amounts out of range.
    pub fn from_stored(stored: Option<&str>, fresh_id: &str) -> Visitor {
        stored
            .filter(|t| t.len() <= MAX_STORED_BYTES)
            .and_then(|t| crate::json::parse(t).ok())
            .and_then(|tree| Visitor::read(&tree))
            .unwrap_or_else(|| Visitor::new(fresh_id))
    }

    fn read(tree: &Json) -> Option<Visitor> {
        // Version 0 (the draft before `v`) had no id: it is migrated with none, and gets one
        // below; any other version is dropped.
        let v = int(field(tree, "v")).unwrap_or(0);
        if !(0..=i64::from(VERSION)).contains(&v) {
            return None;
        }
        let id = text(field(tree, "id")).filter(|s| !s.is_empty() && s.len() <= 64)?;
        let times = |k| int(field(tree, k)).filter(|t| (0..=253_402_300_799).contains(t));
        let (first, last) = (times("first")?, times("last")?);
        let visits = u32::try_from(int(field(tree, "visits"))?).ok()?;
        let viewed = texts(field(tree, "viewed"), MAX_VIEWED)?;
        let mut orders = Vec::new();
        match field(tree, "orders") {
            Some(Json::Arr(list)) if list.len() <= MAX_ORDERS => {
                for o in list {
                    let currency =
                        text(field(o, "currency")).filter(|c| Currency::from_code(c).is_some())?;
                    orders.push(PastOrder {
                        at: int(field(o, "at"))?,
                        minor: int(field(o, "minor")).filter(|&m| m <= crate::money::MAX_MINOR)?,
                        currency,
                        products: texts(field(o, "products"), 200)?,
                        id: optional_text(field(o, "id"))?,
                    });
                }
            }
            None => {}
            _ => return None,
        }
        (first <= last).then_some(Visitor {
            v: VERSION,
            id,
            first,
            last,
            visits,
            viewed,
            orders,
            utm_source: optional_text(field(tree, "utm_source"))?,
            utm_campaign: optional_text(field(tree, "utm_campaign"))?,
        })
    }

    /// The record as stored: one JSON text.
    pub fn to_stored(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }

    /// A page view at `now`, opened at a URL with `landing`'s `utm_*`: the first visit, or a
    /// new visit after [`VISIT_GAP_SECONDS`] away, which lands there; within a visit, the
    /// landing stays the visit's first page's.
    pub fn visit(&mut self, now: i64, landing: &Landing) {
        let new_visit = self.visits == 0 || now - self.last >= VISIT_GAP_SECONDS;
        if self.visits == 0 {
            self.first = now;
        }
        if new_visit {
            self.visits = self.visits.saturating_add(1);
            self.utm_source = landing.utm_source.clone();
            self.utm_campaign = landing.utm_campaign.clone();
        }
        self.last = self.last.max(now);
    }

    /// A product viewed: it becomes the latest, once.
    pub fn view(&mut self, product: &str) {
        self.viewed.retain(|p| p != product);
        self.viewed.push(product.to_owned());
        let over = self.viewed.len().saturating_sub(MAX_VIEWED);
        self.viewed.drain(..over);
    }

    /// An order placed at `now`, worth `value`, holding `products`; with the platform's `id`,
    /// recorded once (`false`: it was already).
    pub fn order(
        &mut self,
        value: Money,
        products: Vec<String>,
        now: i64,
        id: Option<String>,
    ) -> bool {
        if id.is_some() && self.orders.iter().any(|o| o.id == id) {
            return false;
        }
        self.orders.push(PastOrder {
            at: now,
            minor: value.minor(),
            currency: value.currency().code().to_owned(),
            products,
            id,
        });
        let over = self.orders.len().saturating_sub(MAX_ORDERS);
        self.orders.drain(..over);
        true
    }

    /// Whether this browser has been here before this visit, or ordered.
    pub fn returning(&self) -> bool {
        self.visits > 1 || !self.orders.is_empty()
    }

    /// The typical order in `currency`: the median of the orders in it (the lower middle of an
    /// even count and the upper, halved, rounded half away from zero), if there are any.
    pub fn typical_order(&self, currency: Currency) -> Option<Money> {
        let values: Vec<i64> = self
            .orders
            .iter()
            .filter(|o| o.currency == currency.code())
            .map(|o| o.minor)
            .collect();
        if values.is_empty() {
            return None;
        }
        // The core's one sort (each `sort` on a new type is kilobytes of the widget's wasm).
        let order = crate::sort::positions(values.len(), &|a, b| values[a] <= values[b]);
        let n = order.len();
        let at = |i: usize| values[order[i]];
        let median = if n % 2 == 1 {
            at(n / 2)
        } else {
            round_half_away_from_zero(i128::from(at(n / 2 - 1)) + i128::from(at(n / 2)), 2) as i64
        };
        Some(Money::from_minor(median, currency))
    }

    /// Whether the shopper bought `product` before.
    pub fn bought(&self, product: &str) -> bool {
        self.orders
            .iter()
            .any(|o| o.products.iter().any(|p| p == product))
    }
}

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

/// The variant of an experiment this visitor is in: sticky (the same id and experiment give
/// the same variant on every page and visit) and weighted (variant `i` for a share
/// `weights[i] / Σ weights` of ids). `None` when no weight is positive. The id is hashed with
/// the experiment's, so one visitor's variants in two experiments are independent.
pub fn variant(visitor_id: &str, experiment: &str, weights: &[u32]) -> Option<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if total == 0 {
        return None;
    }
    // FNV-1a over "experiment\0id", then a 64-bit finalizer (splitmix64's) so that ids that
    // differ in their last character still spread over the whole range.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in experiment
        .bytes()
        .chain(std::iter::once(0))
        .chain(visitor_id.bytes())
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    // Multiply-shift into 0..total: no modulo bias worth the name for weights this small.
    let mut point = ((u128::from(h) * u128::from(total)) >> 64) as u64;
    for (i, &w) in weights.iter().enumerate() {
        if point < u64::from(w) {
            return Some(i);
        }
        point -= u64::from(w);
    }
    None
}

/// Which of the config's segments (`(id, when)`, in its order) this shopper is in, on this
/// page: one flag per segment.
pub fn memberships(defined: &[(String, When)], visitor: &Visitor, page: &Page) -> Vec<bool> {
    defined
        .iter()
        .map(|(_, when)| when.holds(visitor, page))
        .collect()
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
            .collect();
        Shopper {
            visitor: &NOBODY,
            member: Some(member),
        }
    }

    /// A shopper of whom nothing is known: every offer stands, no goal is personal.
    pub fn anyone() -> Shopper<'static> {
        Shopper {
            visitor: &NOBODY,
            member: None,
        }
    }

    /// Whether an offer limited to `segments` (indices into the config's) is for them; no
    /// segments means everyone.
    pub fn admits(&self, segments: &[usize]) -> bool {
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
        let member = self.member.as_ref()?;
        let &s = segments.iter().find(|&&s| member.get(s) == Some(&true))?;
        defined.get(s).map(|(name, _)| name.clone())
    }
}

/// A variant's partial config laid over the base config, as JSON trees: objects merge key by
/// key (the variant's value wins), anything else (arrays, strings, numbers, `null`) replaces
/// the base's whole. So `{"shipping_bar": {"goals": [...]}}` changes the goals and keeps the
/// bar's messages, and `{"upsells": []}` shows a variant no upsell at all.
pub fn overlay(base: &Json, partial: &Json) -> Json {
    match (base, partial) {
        (Json::Obj(b), Json::Obj(p)) => {
            let mut out: Vec<(String, Json)> = b
                .iter()
                .map(|(k, v)| match p.iter().find(|(pk, _)| pk == k) {
                    Some((_, pv)) => (k.clone(), overlay(v, pv)),
                    None => (k.clone(), v.clone()),
                })
                .collect();
            out.extend(
                p.iter()
                    .filter(|(k, _)| !b.iter().any(|(bk, _)| bk == k))
                    .cloned(),
            );
            Json::Obj(out)
        }
        (_, p) => p.clone(),
    }
}
