//! The free-shipping bar: how far the cart is from each goal, what to say, and what to suggest.

use crate::cart::{Cart, Line};
use crate::config::{Config, Goal, Grants, ShippingBar};
use crate::json::{Out, ToJson};
use crate::money::{Money, Percent};
use crate::sort::CollectVec;
use crate::template::Segment;
use crate::visitor::{personal_threshold, Shopper};
use serde::Serialize;

/// Where the bar stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BarState {
    /// Nothing in the cart yet.
    Empty,
    /// On the way to a goal.
    Progress,
    /// Every goal reached.
    Achieved,
}

impl ToJson for BarState {
    fn write(&self, out: &mut Out) {
        out.text(match self {
            BarState::Empty => "empty",
            BarState::Progress => "progress",
            BarState::Achieved => "achieved",
        });
    }
}

/// The bar's figures for one cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShippingQuote {
    /// The amount that counts toward the goals: the cart's lines less the excluded products.
    pub subtotal: Money,
    /// The goals that apply to this cart, by increasing threshold.
    pub goals: Vec<GoalState>,
    /// The index in `goals` of the next goal to reach; `None` when all are reached.
    pub next: Option<usize>,
    /// How much more reaches the next goal; zero when all are reached.
    pub remaining: Money,
    /// How full the bar is, toward the last goal, in basis points (0 to 10,000).
    pub progress: Percent,
    /// Empty, on the way, or done.
    pub state: BarState,
    /// The message for the state, with its placeholders filled.
    pub message: Vec<Segment>,
    /// Products to suggest that close the gap to the next goal.
    pub fillers: Vec<Filler>,
    /// The products of the cart's gift lines that no goal reached gives (the cart fell back
    /// below it, or the goal no longer applies): the platform adapters remove those lines, and a
    /// plain page hears `cartlift:remove-from-cart` for them.
    pub stale_gifts: Vec<String>,
}

crate::json_object!(ShippingQuote {
    subtotal,
    goals,
    next,
    remaining,
    progress,
    state,
    message,
    fillers,
    stale_gifts
});

/// A goal's gift (spec §11), for this cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GiftState {
    /// The product given.
    pub product: String,
    /// Of a product with variants (spec §10), the variant given: the one the goal names, else
    /// the shopper's pick or the first available; what the claim adds.
    pub variant: Option<String>,
    /// Its title, for the claim button ("Add your free Tote bag").
    pub title: String,
    /// Whether it can be given: `false` when the variant the goal names, or every variant of
    /// the product, is sold out (no claim is offered then).
    pub available: bool,
    /// Whether a gift line of it is in the cart.
    pub in_cart: bool,
}

crate::json_object!(GiftState {
    product,
    variant,
    title,
    available,
    in_cart
});

/// Whether cart line `line` is of the gift `id` names (spec §11): of its product, any variant
/// of it, or of the one variant it names (spec §10).
pub fn gives(config: &Config, id: &str, line: &Line) -> bool {
    config
        .item_index(id)
        .is_some_and(|(p, v)| line.product == Some(p) && (v.is_none() || line.id == id))
}

/// The gift `id` names, for this cart and shopper; `None` for an id the config does not have
/// (a checked config always has it).
fn gift_state(config: &Config, cart: &Cart, shopper: &Shopper, id: &str) -> Option<GiftState> {
    let (p, named) = config.item_index(id)?;
    let product = &config.products[p];
    let given = named
        .or_else(|| crate::pricing::offered_variant(config, shopper, p))
        .map(|v| &product.variants[v]);
    Some(GiftState {
        product: product.id.clone(),
        variant: given.map(|v| v.id.clone()),
        title: product.title.clone(),
        available: product.variants.is_empty() || given.is_some_and(|v| v.available),
        in_cart: cart
            .lines
            .iter()
            .any(|l| l.gift && l.quantity > 0 && gives(config, id, l)),
    })
}

/// One goal, for this cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoalState {
    /// What the goal unlocks.
    pub reward: String,
    /// The threshold that applies to this cart (its currency and country).
    pub threshold: Money,
    /// Progress toward this goal in basis points: 10,000 exactly when unlocked.
    pub progress: Percent,
    /// How much more unlocks it; zero once unlocked.
    pub remaining: Money,
    /// Whether the cart has reached it.
    pub unlocked: bool,
    /// Seconds until the goal ends, for a countdown.
    pub ends_in_seconds: Option<i64>,
    /// The shopper's typical order, when the goal's threshold is personal and comes from it.
    pub typical: Option<Money>,
    /// The segment it is shown for (see [`crate::visitor::Shopper::segment`]).
    pub segment: Option<String>,
    /// What checkout gives once it is reached (spec §11).
    #[serde(skip_serializing_if = "Grants::is_empty")]
    pub grants: Grants,
    /// Whether checkout gives them to this cart: it has reached the goal, and the goal grants
    /// something.
    pub holds: bool,
    /// The goal's gift, when it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<GiftState>,
}

impl ToJson for GoalState {
    fn write(&self, out: &mut Out) {
        out.open();
        out.key("reward");
        self.reward.write(out);
        out.key("threshold");
        self.threshold.write(out);
        out.key("progress");
        self.progress.write(out);
        out.key("remaining");
        self.remaining.write(out);
        out.key("unlocked");
        self.unlocked.write(out);
        out.key("ends_in_seconds");
        self.ends_in_seconds.write(out);
        out.key("typical");
        self.typical.write(out);
        out.key("segment");
        self.segment.write(out);
        if !self.grants.is_empty() {
            out.key("grants");
            self.grants.write(out);
        }
        out.key("holds");
        self.holds.write(out);
        if let Some(gift) = &self.gift {
            out.key("gift");
            gift.write(out);
        }
        out.close();
    }
}

/// A "cart filler": a product that closes (or nearly closes) the gap to the next goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Filler {
    /// The product's id.
    pub id: String,
    /// The variant offered of a product with variants (spec §10): what an add names.
    pub variant: Option<String>,
    /// The product's title.
    pub title: String,
    /// Its price.
    pub price: Money,
    /// Its image.
    pub image: Option<String>,
    /// Its page.
    pub url: Option<String>,
    /// Whether adding it reaches the next goal.
    pub closes_gap: bool,
}

crate::json_object!(Filler {
    id,
    variant,
    title,
    price,
    image,
    url,
    closes_gap
});

/// The amount that counts toward the goals: every line but the excluded products' and the
/// gifts (a gift never helps reach a goal, its own least of all), at what the shopper pays for
/// it (its total after the cart's line discounts), or with `"subtotal": "before_discounts"` at
/// its price before them.
pub fn basis(bar: &ShippingBar, cart: &Cart) -> Money {
    cart.sum_where(|l| counts(bar, l), bar.before_discounts)
}

/// Whether `line` counts toward the goals: not a gift, not an excluded product.
pub fn counts(bar: &ShippingBar, line: &crate::cart::Line) -> bool {
    !line.gift && line.product.is_none_or(|p| !bar.exclude.contains(&p))
}

/// A goal as it applies to one cart and shopper.
#[derive(Clone, Copy, Debug)]
pub struct Applied<'a> {
    /// The threshold for this cart and shopper.
    pub threshold: Money,
    /// The goal.
    pub goal: &'a Goal,
    /// Seconds until it ends.
    pub ends_in_seconds: Option<i64>,
    /// The shopper's typical order, when the threshold is their personal one.
    pub typical: Option<Money>,
}

/// The goals live at `now` for this shopper, with the threshold that applies to this cart, by
/// increasing threshold: `by_country` for the cart's country, else `by_currency` for a cart in
/// another currency, else the goal's own threshold; and for a goal with a `personal` rule and a
/// shopper with orders in the config's currency, their personal one instead.
pub fn goals_for<'a>(
    bar: &'a ShippingBar,
    config: &Config,
    cart: &Cart,
    country: Option<&str>,
    now: i64,
    shopper: &Shopper,
) -> Vec<Applied<'a>> {
    let home = cart.currency == config.currency;
    let goals: Vec<_> = bar
        .goals
        .iter()
        .filter_map(|g| {
            let live = g.window.live_at(now)?;
            if !shopper.admits(&g.segments) {
                return None;
            }
            let threshold = match country.and_then(|c| g.country_threshold(c)) {
                Some(t) if home => t,
                _ if home => g.threshold,
                _ => g.currency_threshold(cart.currency)?,
            };
            // A build without personalization reads no `personal` rule (crate::parts).
            let typical = g
                .personal
                .filter(|_| crate::parts::PERSONAL && home)
                .and_then(|_| shopper.visitor.typical_order(cart.currency));
            Some(Applied {
                threshold: match (g.personal, typical) {
                    (Some(rule), Some(_)) if crate::parts::PERSONAL => {
                        personal_threshold(threshold, rule, shopper.visitor)
                    }
                    _ => threshold,
                },
                goal: g,
                ends_in_seconds: live.ends_in_seconds,
                typical,
            })
        })
        .collect_vec();
    // A personal threshold may pass the next goal's: the goals stay in the order they are met.
    crate::sort::by_key(goals, &|a| a.threshold.minor())
}

/// Progress of `amount` toward `threshold` in basis points, rounded down so that 100% means
/// reached, never nearly reached.
pub fn progress(amount: Money, threshold: Money) -> Percent {
    let bp = if threshold.minor() <= 0 {
        10_000
    } else {
        let scaled = i128::from(amount.minor().max(0)) * 10_000;
        crate::integer::div_rem(scaled, i128::from(threshold.minor()))
            .0
            .min(10_000)
    };
    Percent::from_basis_points(bp as u32).unwrap_or_default()
}

/// The bar's figures, or `None` when no goal applies to this cart now.
pub fn quote(
    bar: &ShippingBar,
    config: &Config,
    cart: &Cart,
    country: Option<&str>,
    now: i64,
    viewing: &[usize],
    shopper: &Shopper,
) -> Option<ShippingQuote> {
    let goals = goals_for(bar, config, cart, country, now, shopper);
    let subtotal = basis(bar, cart);
    let zero = Money::zero(cart.currency);
    let states: Vec<GoalState> = goals
        .iter()
        .map(|a| {
            let (threshold, goal) = (a.threshold, a.goal);
            let unlocked = subtotal.minor() >= threshold.minor();
            GoalState {
                reward: goal.reward.clone(),
                threshold,
                progress: progress(subtotal, threshold),
                remaining: if unlocked {
                    zero
                } else {
                    Money::from_minor(threshold.minor() - subtotal.minor(), cart.currency)
                },
                unlocked,
                ends_in_seconds: a.ends_in_seconds,
                typical: a.typical,
                segment: shopper.segment(&goal.segments, &config.segments),
                grants: goal.grants.clone(),
                holds: unlocked && !goal.grants.is_empty(),
                gift: goal
                    .grants
                    .gift
                    .as_deref()
                    .filter(|_| crate::parts::GIFTS)
                    .and_then(|id| gift_state(config, cart, shopper, id)),
            }
        })
        .collect_vec();
    let stale_gifts = cart
        .lines
        .iter()
        // A build without the gift reads no `grants.gift`, so it names no line stale either:
        // the page that has a gift in its config loads a build that carries it.
        .filter(|l| crate::parts::GIFTS && l.gift && l.quantity > 0)
        .filter(|l| {
            !states.iter().any(|g| {
                g.unlocked
                    && g.grants
                        .gift
                        .as_deref()
                        .is_some_and(|id| gives(config, id, l))
            })
        })
        .map(|l| l.id.clone())
        .collect_vec();
    let last = states.last()?;
    let next = states.iter().position(|g| !g.unlocked);
    let (state, template, shown) = match next {
        _ if cart.is_empty() => (BarState::Empty, &bar.empty, &states[0]),
        Some(i) => (BarState::Progress, &bar.progress, &states[i]),
        None => (BarState::Achieved, &bar.achieved, last),
    };
    let message = template.fill(|name| match name {
        "remaining" => Segment::Money(shown.remaining),
        "threshold" => Segment::Money(shown.threshold),
        "subtotal" => Segment::Money(subtotal),
        "typical" => Segment::Money(shown.typical.unwrap_or(shown.threshold)),
        _ => Segment::Text(shown.reward.clone()),
    });
    let remaining = next.map_or(zero, |i| states[i].remaining);
    let fillers = match next {
        Some(_) if cart.currency == config.currency => {
            fillers(bar, config, cart, remaining, viewing, shopper)
        }
        _ => Vec::new(),
    };
    Some(ShippingQuote {
        subtotal,
        progress: progress(subtotal, last.threshold),
        goals: states,
        next,
        remaining,
        state,
        message,
        fillers,
        stale_gifts,
    })
}

/// Whether a goal gives product `p` (or one of its variants) free (spec §11): never a filler,
/// since the shopper would pay for what reaching the goal gives them. A build without gifts
/// read none.
fn is_a_gift(bar: &ShippingBar, config: &Config, p: usize) -> bool {
    crate::parts::GIFTS
        && bar.goals.iter().any(|g| {
            g.grants
                .gift
                .as_deref()
                .and_then(|id| config.item_index(id))
                .is_some_and(|(q, _)| q == p)
        })
}

/// Up to `bar.fillers` products that are not in the cart, not excluded, not a goal's gift and
/// not the ones the shopper is looking at, in this order:
///
/// 1. those that close the gap overshooting it by at most half (a $10 gap: $10 to $15), the
///    cheapest first: the gap closed for the least;
/// 2. those below the gap, the dearest first: the most progress without overshooting;
/// 3. those that overshoot further, the cheapest first, only when the others run out.
///
/// So an empty cart $75 from free shipping is offered the $50 mouse, not the $1,000 laptop.
fn fillers(
    bar: &ShippingBar,
    config: &Config,
    cart: &Cart,
    gap: Money,
    viewing: &[usize],
    shopper: &Shopper,
) -> Vec<Filler> {
    if bar.fillers == 0 || gap.is_zero() {
        return Vec::new();
    }
    let candidates: Vec<(usize, Money)> = config
        .products
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            !bar.exclude.contains(i)
                && !viewing.contains(i)
                && !cart.contains(*i)
                && p.offerable()
                && !is_a_gift(bar, config, *i)
        })
        .map(|(i, _)| (i, crate::pricing::offered_price(config, shopper, i)))
        .filter(|(_, price)| !price.is_zero())
        .collect_vec();
    let gap = gap.minor();
    // Amounts are below 2^50, so the three ranks never overlap; ties keep catalog order.
    const RANK: i64 = 1 << 52;
    let candidates = crate::sort::by_key(candidates, &|&(_, price)| {
        let price = price.minor();
        if price >= gap && price - gap <= gap / 2 {
            price
        } else if price < gap {
            RANK + (RANK - price)
        } else {
            3 * RANK + price
        }
    });
    candidates
        .into_iter()
        .take(bar.fillers)
        .map(|(i, price)| {
            let p = &config.products[i];
            let variant =
                crate::pricing::offered_variant(config, shopper, i).map(|v| &p.variants[v]);
            Filler {
                id: p.id.clone(),
                variant: variant.map(|v| v.id.clone()),
                title: p.title.clone(),
                price,
                image: variant.map_or(&p.image, |v| &v.image).clone(),
                url: variant.map_or(&p.url, |v| &v.url).clone(),
                closes_gap: price.minor() >= gap,
            }
        })
        .collect_vec()
}
