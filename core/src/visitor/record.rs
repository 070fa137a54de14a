//! The record itself: what this browser did (visits, views, orders, where it landed), read
//! from its stored text without trusting it, and written back within its caps.

use crate::json::{field, Json};
use crate::money::{round_half_away_from_zero, Currency, Money};
use crate::sort::CollectVec;
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

crate::json_object!(PastOrder { at, minor, currency, products, id? });

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

crate::json_object!(Visitor { v, id, first, last, visits, viewed, orders, utm_source?, utm_campaign? });

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
        crate::json::to_string(self)
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
            .collect_vec();
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
