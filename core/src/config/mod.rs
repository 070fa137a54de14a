//! The merchant's config (spec §2): read by cartlift's own JSON reader and decoder, then
//! checked whole, so that a merchant sees every problem at once, each with its code, its path,
//! a sentence, and its line and column in the text.

pub mod decode;
pub mod labels;
pub mod raw;
mod text;

use crate::cart::{self, Cart};
use crate::error::{suggestion, Code, Error, Errors, Path};
use crate::ids::IdIndex;
use crate::money::{parse_amount, parse_percent, Currency, Money, Percent, MAX_MINOR};
use crate::schedule::{parse_rfc3339, Window};
use crate::template::Template;
use labels::{Label, Labels};
use raw::*;

pub use text::{is_country_code, is_safe_url, is_well_formed_locale};

/// The most items a bundle may hold (which also keeps every bundle total far from overflow).
pub const MAX_BUNDLE_ITEMS: usize = 50;

/// A checked config: every id resolved, every amount exact, every window read.
#[derive(Clone, Debug)]
pub struct Config {
    /// The currency every catalog price is in.
    pub currency: Currency,
    /// The BCP 47 tag the browser formats for.
    pub locale: String,
    /// The catalog, in the merchant's order.
    pub products: Vec<Product>,
    index: IdIndex,
    /// The free-shipping bar, if configured.
    pub shipping_bar: Option<ShippingBar>,
    /// Bundles, in the merchant's order.
    pub bundles: Vec<Bundle>,
    /// Volume tier sets, in the merchant's order.
    pub volume_tiers: Vec<TierSet>,
    /// Upsell offers, in the merchant's order.
    pub upsells: Vec<Upsell>,
    /// How many upsell offers show at once.
    pub max_offers: usize,
    /// The theme's values by key (`accent`, `radius`, …); the widget names the CSS property.
    pub theme: Vec<(&'static str, String)>,
    /// Whether what the theme does not give is sampled from the page's primary button
    /// (`"auto"`, the default), or left to cartlift's own (`"none"`).
    pub theme_sampled: bool,
    /// Every word the widgets show, the merchant's or the English default.
    pub labels: Labels,
    /// The sample cart, if the config has one.
    pub cart: Option<Cart>,
}

/// A product of the catalog.
#[derive(Clone, Debug)]
pub struct Product {
    /// The merchant's id.
    pub id: String,
    /// The name shown to shoppers.
    pub title: String,
    /// The price of one.
    pub price: Money,
    /// An http(s) or relative image URL.
    pub image: Option<String>,
    /// An http(s) or relative product page URL.
    pub url: Option<String>,
}

/// The free-shipping bar.
#[derive(Clone, Debug)]
pub struct ShippingBar {
    /// Goals by increasing threshold.
    pub goals: Vec<Goal>,
    /// Shown while the cart is empty.
    pub empty: Template,
    /// Shown on the way to a goal.
    pub progress: Template,
    /// Shown when every goal is reached.
    pub achieved: Template,
    /// Products (by index) that do not count toward the goals: a few, so a list.
    pub exclude: Vec<usize>,
    /// How many cart fillers to suggest.
    pub fillers: usize,
}

/// A goal of the shipping bar.
#[derive(Clone, Debug)]
pub struct Goal {
    /// The threshold in the config's currency.
    pub threshold: Money,
    /// Thresholds for carts in other currencies (each currency once; a few, so a list).
    pub by_currency: Vec<(Currency, Money)>,
    /// Thresholds for shoppers in given countries (each country once).
    pub by_country: Vec<(String, Money)>,
    /// What the shopper unlocks.
    pub reward: String,
    /// When the goal applies.
    pub window: Window,
}

impl Goal {
    /// The threshold for carts in `currency`, if the goal has one.
    pub fn currency_threshold(&self, currency: Currency) -> Option<Money> {
        self.by_currency
            .iter()
            .find(|(c, _)| *c == currency)
            .map(|&(_, m)| m)
    }

    /// The threshold for shoppers in `country`, if the goal has one.
    pub fn country_threshold(&self, country: &str) -> Option<Money> {
        self.by_country
            .iter()
            .find(|(c, _)| c == country)
            .map(|&(_, m)| m)
    }
}

/// How a bundle is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundlePricing {
    /// A fixed price for the whole bundle.
    Fixed(Money),
    /// A percentage off the items' total.
    PercentOff(Percent),
    /// An amount off the items' total.
    AmountOff(Money),
}

/// A "frequently bought together" bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The merchant's id.
    pub id: String,
    /// The name shown to shoppers.
    pub title: String,
    /// The items, as product indices; an index may repeat.
    pub items: Vec<usize>,
    /// How the bundle is priced.
    pub pricing: BundlePricing,
    /// A details page.
    pub url: Option<String>,
    /// When the bundle is offered.
    pub window: Window,
}

/// Volume tiers of one product.
#[derive(Clone, Debug)]
pub struct TierSet {
    /// The product, as an index.
    pub product: usize,
    /// Tiers by increasing quantity.
    pub tiers: Vec<Tier>,
    /// The nudge toward the next tier.
    pub nudge: Template,
    /// When the tiers apply.
    pub window: Window,
}

/// One volume tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    /// The quantity from which it applies.
    pub min_quantity: u32,
    /// The discount on each unit.
    pub percent_off: Percent,
}

/// How an upsell is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpsellPrice {
    /// The product's catalog price (or the cart's price for it).
    Catalog,
    /// A fixed price.
    Fixed(Money),
    /// A percentage of a cart line (by product index).
    PercentOfProduct(usize, Percent),
    /// A percentage of the cart subtotal.
    PercentOfSubtotal(Percent),
}

/// An order bump.
#[derive(Clone, Debug)]
pub struct Upsell {
    /// The merchant's id.
    pub id: String,
    /// The product it adds, as an index.
    pub product: usize,
    /// The checkbox's label.
    pub title: String,
    /// A line under the label.
    pub description: Option<String>,
    /// How the price is found.
    pub price: UpsellPrice,
    /// A discount shown against the full price.
    pub percent_off: Option<Percent>,
    /// Shows when the cart holds any of these (empty: no such condition).
    pub cart_contains: Vec<usize>,
    /// Shows when the cart holds all of these.
    pub cart_contains_all: Vec<usize>,
    /// Shows from this subtotal.
    pub min_subtotal: Option<Money>,
    /// Shows up to this subtotal.
    pub max_subtotal: Option<Money>,
    /// When the offer runs.
    pub window: Window,
}

impl Config {
    /// Parses and checks a config from its JSON text. On failure, every problem found, each
    /// with its path.
    pub fn from_json(text: &str) -> Result<Config, Vec<Error>> {
        parse_json(text, decode::config)
            .and_then(|raw| validate(&raw))
            .map_err(|errs| located(text, errs))
    }

    /// The template of a label.
    pub fn label(&self, label: Label) -> &Template {
        self.labels.get(label)
    }

    /// The first `starts_at` or `ends_at` of any goal, bundle, tier set or upsell that comes
    /// after `now` (Unix seconds): when the figures change by themselves next.
    pub fn next_boundary(&self, now: i64) -> Option<i64> {
        let mut windows: Vec<Window> = Vec::new();
        if let Some(bar) = &self.shipping_bar {
            windows.extend(bar.goals.iter().map(|g| g.window));
        }
        windows.extend(self.bundles.iter().map(|b| b.window));
        windows.extend(self.volume_tiers.iter().map(|t| t.window));
        windows.extend(self.upsells.iter().map(|u| u.window));
        let mut next: Option<i64> = None;
        for w in windows {
            for t in [w.starts_at, w.ends_at].into_iter().flatten() {
                if t > now && next.is_none_or(|n| t < n) {
                    next = Some(t);
                }
            }
        }
        next
    }

    /// The index of the product with this id.
    pub fn product_index(&self, id: &str) -> Option<usize> {
        self.index.get(id)
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.product_index(id).map(|i| &self.products[i])
    }

    /// Zero in the config's currency.
    pub fn zero(&self) -> Money {
        Money::zero(self.currency)
    }
}

/// `errs` with the line and column of each, found in `text` (one pass for all of them).
pub(crate) fn located(text: &str, mut errs: Vec<Error>) -> Vec<Error> {
    if !crate::error::HAS_MESSAGES {
        return errs;
    }
    let found = {
        let paths: Vec<&str> = errs.iter().map(Error::path).collect();
        crate::json::locate(text, &paths)
    };
    for (e, at) in errs.iter_mut().zip(found) {
        if let (None, Some((line, column))) = (e.line(), at) {
            e.place(line, column);
        }
    }
    errs
}

/// Reads JSON text and decodes it with `decode`: a syntax error, or every problem of shape.
pub(crate) fn parse_json<T>(
    text: &str,
    decode: impl FnOnce(&crate::json::Json, &mut Errors) -> Option<T>,
) -> Result<T, Vec<Error>> {
    let json = crate::json::parse(text).map_err(|e| vec![e])?;
    let mut errs = Errors::default();
    match decode(&json, &mut errs) {
        Some(value) if errs.is_empty() => Ok(value),
        _ => Err(errs.into_result(()).err().unwrap_or_default()),
    }
}

/// Checks a parsed config whole and resolves it into typed values.
pub fn validate(raw: &RawConfig) -> Result<Config, Vec<Error>> {
    let root = Path::root();
    let mut errs = Errors::default();

    let currency = match Currency::from_code(&raw.currency) {
        Some(c) => c,
        None => {
            errs.push(
                Code::UnknownCurrency,
                &root.key("currency"),
                crate::msg!("{}", unknown_currency(&raw.currency)),
            );
            // Keep checking everything else against a stand-in, so all problems are listed.
            Currency::USD
        }
    };
    let locale = raw.locale.clone().unwrap_or_else(|| "en-US".to_owned());
    if !is_well_formed_locale(&locale) {
        errs.push(
            Code::BadLocale,
            &root.key("locale"),
            crate::msg!(
                "\"{locale}\" is not a language tag{}; write it like \"en-US\", \"fr-CA\" or \"ja-JP\"",
                if locale.contains('_') {
                    format!(" (did you mean \"{}\"?)", locale.replace('_', "-"))
                } else {
                    String::new()
                }
            ),
        );
    }

    let (index, repeats) = IdIndex::new(raw.products.iter().map(|p| p.id.as_str()));
    let mut cx = Checker {
        errs,
        currency,
        index,
        ids: raw.products.iter().map(|p| p.id.clone()).collect(),
    };

    let products_path = root.key("products");
    let mut products = Vec::with_capacity(raw.products.len());
    for (i, p) in raw.products.iter().enumerate() {
        let path = products_path.index(i);
        if p.id.trim().is_empty() {
            cx.errs
                .push(Code::BadValue, &path.key("id"), "a product needs an id");
        } else if let Some(first) = repeats[i] {
            cx.errs.push(
                Code::DuplicateId,
                &path.key("id"),
                crate::msg!(
                    "the id \"{}\" is already used by products[{first}]; ids must be unique",
                    p.id
                ),
            );
        }
        let price = cx.amount(&path.key("price"), &p.price);
        cx.url(&path.key("image"), p.image.as_deref());
        cx.url(&path.key("url"), p.url.as_deref());
        products.push(Product {
            id: p.id.clone(),
            title: p.title.clone(),
            price,
            image: p.image.clone(),
            url: p.url.clone(),
        });
    }

    let labels = labels::check(&raw.labels, &root.key("labels"), &mut cx.errs);
    let shipping_bar = raw
        .shipping_bar
        .as_ref()
        .map(|bar| cx.shipping_bar(&root.key("shipping_bar"), bar, &labels));
    let bundles = cx.bundles(&root.key("bundles"), &raw.bundles, &products);
    let volume_tiers = cx.tier_sets(&root.key("volume_tiers"), &raw.volume_tiers, &labels);
    let upsells = cx.upsells(&root.key("upsells"), &raw.upsells, &products);
    let (theme, theme_sampled) = match &raw.theme {
        Some(RawThemeChoice::Values(t)) => (cx.theme(&root.key("theme"), t), true),
        Some(RawThemeChoice::Named(ThemeName::None)) => (Vec::new(), false),
        _ => (Vec::new(), true),
    };

    let mut config = Config {
        currency,
        locale,
        products,
        index: cx.index,
        shipping_bar,
        bundles,
        volume_tiers,
        upsells,
        max_offers: raw.max_offers.map_or(1, |n| n as usize),
        theme,
        theme_sampled,
        labels,
        cart: None,
    };
    let mut errs = cx.errs;
    if let Some(sample) = &raw.cart {
        match cart::check(sample, &config, &root.key("cart")) {
            Ok(c) => config.cart = Some(c),
            Err(list) => list.into_iter().for_each(|e| errs.push_error(e)),
        }
    }
    errs.into_result(config)
}

/// "XYZ is not an ISO 4217 currency code (did you mean ...)".
pub(crate) fn unknown_currency(code: &str) -> String {
    let upper = code.to_ascii_uppercase();
    let hint = if upper != code && Currency::from_code(&upper).is_some() {
        crate::msg!(" (did you mean \"{upper}\"?)")
    } else {
        suggestion(&upper, Currency::all_codes())
    };
    crate::msg!("\"{code}\" is not an ISO 4217 currency code{hint}; write it like \"USD\", \"EUR\" or \"JPY\"")
}

/// Walks the raw config, collecting problems.
struct Checker {
    errs: Errors,
    currency: Currency,
    index: IdIndex,
    ids: Vec<String>,
}

impl Checker {
    fn amount(&mut self, path: &Path, lit: &Literal) -> Money {
        self.amount_in(path, lit, self.currency)
    }

    #[inline(never)]
    fn amount_in(&mut self, path: &Path, lit: &Literal, currency: Currency) -> Money {
        parse_amount(lit.text(), currency).unwrap_or_else(|e| {
            self.errs.push(e.code(), path, crate::msg!("{e}"));
            Money::zero(currency)
        })
    }

    /// The amount, or `None` (the problem recorded) when it is not one.
    #[inline(never)]
    fn amount_or_none(&mut self, path: &Path, lit: &Literal) -> Option<Money> {
        parse_amount(lit.text(), self.currency)
            .map_err(|e| self.errs.push(e.code(), path, crate::msg!("{e}")))
            .ok()
    }

    /// The percentage, or `None` (the problem recorded) when it is not one.
    #[inline(never)]
    fn percent_or_none(&mut self, path: &Path, lit: &Literal) -> Option<Percent> {
        parse_percent(lit.text())
            .map_err(|e| self.errs.push(Code::BadPercent, path, e))
            .ok()
    }

    fn percent(&mut self, path: &Path, lit: &Literal) -> Percent {
        self.percent_or_none(path, lit).unwrap_or_default()
    }

    #[inline(never)]
    fn product(&mut self, path: &Path, id: &str) -> Option<usize> {
        let found = self.index.get(id);
        if found.is_none() {
            self.errs.push(
                Code::UnknownProduct,
                path,
                crate::msg!(
                    "no product has the id \"{id}\"{}",
                    suggestion(id, self.ids.iter().map(String::as_str))
                ),
            );
        }
        found
    }

    #[inline(never)]
    fn products(&mut self, path: &Path, ids: &[String]) -> Vec<usize> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.product(&path.index(i), id))
            .collect()
    }

    #[inline(never)]
    fn url(&mut self, path: &Path, url: Option<&str>) {
        if let Some(u) = url {
            if !is_safe_url(u) {
                self.errs.push(
                    Code::BadUrl,
                    path,
                    crate::msg!(
                        "\"{}\" is not allowed: links and images must be http(s) or relative URLs",
                        u.chars().take(60).collect::<String>()
                    ),
                );
            }
        }
    }

    #[inline(never)]
    fn window(&mut self, path: &Path, starts_at: Option<&str>, ends_at: Option<&str>) -> Window {
        let mut read = |key: &str, t: Option<&str>| {
            t.and_then(|t| {
                parse_rfc3339(t)
                    .map_err(|e| self.errs.push(Code::BadTime, &path.key(key), e))
                    .ok()
            })
        };
        let window = Window {
            starts_at: read("starts_at", starts_at),
            ends_at: read("ends_at", ends_at),
        };
        if let (Some(s), Some(e)) = (window.starts_at, window.ends_at) {
            if s > e {
                self.errs.push(
                    Code::BadSchedule,
                    &path.key("starts_at"),
                    "starts_at is after ends_at, so this would never show",
                );
            }
        }
        window
    }

    /// The merchant's text as a template, or (when absent or refused) the label's.
    #[inline(never)]
    fn template(
        &mut self,
        path: &Path,
        text: Option<&RawText>,
        default: &Template,
        allowed: &[&str],
    ) -> Template {
        text.and_then(|t| labels::template(t, allowed, path, &mut self.errs))
            .unwrap_or_else(|| default.clone())
    }

    fn duplicate_ids<'a>(&mut self, path: &Path, ids: impl Iterator<Item = &'a str>, what: &str) {
        let ids: Vec<&str> = ids.collect();
        let (_, repeats) = IdIndex::new(ids.iter().copied());
        for (i, first) in repeats.into_iter().enumerate() {
            if let Some(first) = first {
                let id = ids[i];
                self.errs.push(
                    Code::DuplicateId,
                    &path.index(i).key("id"),
                    crate::msg!(
                        "the id \"{id}\" is already used by {what}[{first}]; ids must be unique"
                    ),
                );
            }
        }
    }

    fn shipping_bar(&mut self, path: &Path, bar: &RawShippingBar, labels: &Labels) -> ShippingBar {
        let goals_path = path.key("goals");
        if bar.goals.is_empty() {
            self.errs.push(
                Code::BadValue,
                &goals_path,
                "the bar needs at least one goal",
            );
        }
        let mut goals: Vec<Goal> = Vec::new();
        for (i, g) in bar.goals.iter().enumerate() {
            let gp = goals_path.index(i);
            let threshold = self.amount(&gp.key("threshold"), &g.threshold);
            if threshold.is_zero() {
                self.errs.push(
                    Code::BadValue,
                    &gp.key("threshold"),
                    "a threshold must be more than 0",
                );
            }
            if let Some(prev) = goals.last() {
                if threshold.minor() <= prev.threshold.minor() {
                    self.errs.push(
                        Code::NotIncreasing,
                        &gp.key("threshold"),
                        crate::msg!(
                            "goals must go up: {} is not more than the goal before it ({})",
                            threshold.to_decimal_string(),
                            prev.threshold.to_decimal_string()
                        ),
                    );
                }
            }
            let mut by_currency = Vec::new();
            for (code, lit) in &g.by_currency {
                let p = gp.key("by_currency").key(code);
                match Currency::from_code(code) {
                    Some(c) => {
                        let amount = self.amount_in(&p, lit, c);
                        by_currency.push((c, amount));
                    }
                    None => self.errs.push(
                        Code::UnknownCurrency,
                        &p,
                        crate::msg!("{}", unknown_currency(code)),
                    ),
                }
            }
            let mut by_country = Vec::new();
            for (country, lit) in &g.by_country {
                let p = gp.key("by_country").key(country);
                if !is_country_code(country) {
                    self.errs.push(
                        Code::BadCountry, &p,
                        crate::msg!("\"{country}\" is not a country code; write it as two capital letters, like \"CA\" or \"DE\""),
                    );
                }
                let amount = self.amount(&p, lit);
                by_country.push((country.clone(), amount));
            }
            if g.reward.trim().is_empty() {
                self.errs.push(
                    Code::BadValue,
                    &gp.key("reward"),
                    "say what the goal unlocks, like \"free shipping\"",
                );
            }
            let window = self.window(&gp, g.starts_at.as_deref(), g.ends_at.as_deref());
            goals.push(Goal {
                threshold,
                by_currency,
                by_country,
                reward: g.reward.clone(),
                window,
            });
        }
        // Per-currency and per-country thresholds must go up too, or the bar would go backwards.
        // Each key once, in the order the goals first give them (so the problems come in order).
        let mut keys: Vec<String> = Vec::new();
        for key in goals.iter().flat_map(|g| {
            g.by_currency
                .iter()
                .map(|(c, _)| c.code().to_owned())
                .chain(g.by_country.iter().map(|(c, _)| c.clone()))
        }) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for key in keys {
            let mut prev: Option<Money> = None;
            for (i, g) in goals.iter().enumerate() {
                let t = Currency::from_code(&key)
                    .and_then(|c| g.currency_threshold(c))
                    .or_else(|| g.country_threshold(&key));
                if let (Some(t), Some(p)) = (t, prev) {
                    if t.minor() <= p.minor() {
                        let which = if g.country_threshold(&key).is_some() {
                            "by_country"
                        } else {
                            "by_currency"
                        };
                        self.errs.push(
                            Code::NotIncreasing,
                            &goals_path.index(i).key(which).key(&key),
                            crate::msg!(
                                "goals must go up: {} is not more than the goal before it ({})",
                                t.to_decimal_string(),
                                p.to_decimal_string()
                            ),
                        );
                    }
                }
                prev = t.or(prev);
            }
        }
        let m = bar.messages.as_ref();
        let mp = path.key("messages");
        let mut message = |key: &str, text: Option<&String>, label: Label| {
            let text = text.map(|t| RawText::Plain(t.clone()));
            self.template(&mp.key(key), text.as_ref(), labels.get(label), labels::BAR)
        };
        let empty = message("empty", m.and_then(|m| m.empty.as_ref()), Label::BarEmpty);
        let progress = message(
            "progress",
            m.and_then(|m| m.progress.as_ref()),
            Label::BarProgress,
        );
        let achieved = message(
            "achieved",
            m.and_then(|m| m.achieved.as_ref()),
            Label::BarAchieved,
        );
        let exclude = self.products(&path.key("exclude"), &bar.exclude);
        let fillers = bar.fillers.unwrap_or(0);
        if fillers > 20 {
            self.errs.push(
                Code::BadValue,
                &path.key("fillers"),
                crate::msg!("{fillers} suggestions would crowd the cart; use 20 or fewer"),
            );
        }
        ShippingBar {
            goals,
            empty,
            progress,
            achieved,
            exclude,
            fillers: fillers.min(20) as usize,
        }
    }

    fn bundles(&mut self, path: &Path, raw: &[RawBundle], products: &[Product]) -> Vec<Bundle> {
        self.duplicate_ids(path, raw.iter().map(|b| b.id.as_str()), "bundles");
        let mut out = Vec::with_capacity(raw.len());
        for (i, b) in raw.iter().enumerate() {
            let bp = path.index(i);
            if b.items.len() > MAX_BUNDLE_ITEMS {
                self.errs.push(
                    Code::BadBundle,
                    &bp.key("items"),
                    crate::msg!(
                        "a bundle may hold at most {MAX_BUNDLE_ITEMS} items; this one has {}",
                        b.items.len()
                    ),
                );
            }
            if b.items.len() < 2 {
                self.errs.push(
                    Code::BadBundle,
                    &bp.key("items"),
                    crate::msg!(
                        "a bundle needs at least two items; this one has {}",
                        b.items.len()
                    ),
                );
            }
            let items = self.products(&bp.key("items"), &b.items);
            // `None` when the pricing is missing, doubled or refused: then nothing more is said
            // about it (a refused percentage is one problem, not also "saves nothing").
            let pricing = match (&b.price, &b.percent_off, &b.amount_off) {
                (Some(p), None, None) => self
                    .amount_or_none(&bp.key("price"), p)
                    .map(BundlePricing::Fixed),
                (None, Some(p), None) => self
                    .percent_or_none(&bp.key("percent_off"), p)
                    .map(BundlePricing::PercentOff),
                (None, None, Some(a)) => self
                    .amount_or_none(&bp.key("amount_off"), a)
                    .map(BundlePricing::AmountOff),
                (None, None, None) => {
                    self.errs.push(Code::BadPricing, &bp, "a bundle needs a price: give one of \"price\", \"percent_off\" or \"amount_off\"");
                    None
                }
                _ => {
                    self.errs.push(Code::BadPricing, &bp, "give only one of \"price\", \"percent_off\" or \"amount_off\"; this bundle has more than one");
                    None
                }
            };
            let window = self.window(&bp, b.starts_at.as_deref(), b.ends_at.as_deref());
            self.url(&bp.key("url"), b.url.as_deref());
            let Some(pricing) = pricing else { continue };
            // Only judge the price when every item resolved, or the total would be wrong.
            if items.len() == b.items.len() && (2..=MAX_BUNDLE_ITEMS).contains(&items.len()) {
                let total: i64 = items.iter().map(|&i| products[i].price.minor()).sum();
                let total = Money::from_minor(total, self.currency);
                let price = crate::bundles::bundle_price(pricing, total);
                let key = match pricing {
                    BundlePricing::Fixed(_) => "price",
                    BundlePricing::PercentOff(_) => "percent_off",
                    BundlePricing::AmountOff(_) => "amount_off",
                };
                if total.minor() > MAX_MINOR {
                    self.errs.push(
                        Code::TooLarge,
                        &bp.key("items"),
                        crate::msg!(
                            "the items cost {} together, more than cartlift computes with ({})",
                            total.to_decimal_string(),
                            Money::from_minor(MAX_MINOR, self.currency).to_decimal_string()
                        ),
                    );
                } else if price.minor() >= total.minor() {
                    self.errs.push(
                        Code::NoSaving, &bp.key(key),
                        crate::msg!(
                            "the bundle costs {} but its items cost {} on their own, so it saves nothing",
                            price.to_decimal_string(),
                            total.to_decimal_string()
                        ),
                    );
                } else if price.minor() < 0 {
                    self.errs.push(
                        Code::BadPricing,
                        &bp.key(key),
                        crate::msg!(
                            "{} off is more than the items cost ({})",
                            match pricing {
                                BundlePricing::AmountOff(a) => a.to_decimal_string(),
                                _ => String::new(),
                            },
                            total.to_decimal_string()
                        ),
                    );
                }
            }
            let title = b.title.clone().unwrap_or_else(|| {
                items
                    .iter()
                    .map(|&i| products[i].title.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            });
            out.push(Bundle {
                id: b.id.clone(),
                title,
                items,
                pricing,
                url: b.url.clone(),
                window,
            });
        }
        out
    }

    fn tier_sets(&mut self, path: &Path, raw: &[RawTierSet], labels: &Labels) -> Vec<TierSet> {
        let (_, repeats) = IdIndex::new(raw.iter().map(|set| set.product.as_str()));
        let mut out = Vec::new();
        for (i, set) in raw.iter().enumerate() {
            let sp = path.index(i);
            if let Some(first) = repeats[i] {
                self.errs.push(Code::DuplicateId, &sp.key("product"), crate::msg!("\"{}\" already has tiers in volume_tiers[{first}]; put all its tiers in one set", set.product));
            }
            let product = self.product(&sp.key("product"), &set.product);
            if set.tiers.is_empty() {
                self.errs.push(
                    Code::BadValue,
                    &sp.key("tiers"),
                    "a tier set needs at least one tier",
                );
            }
            let mut tiers: Vec<Tier> = Vec::new();
            for (j, t) in set.tiers.iter().enumerate() {
                let tp = sp.key("tiers").index(j);
                let percent_off = self.percent(&tp.key("percent_off"), &t.percent_off);
                if t.min_quantity == 0 {
                    self.errs.push(
                        Code::BadValue,
                        &tp.key("min_quantity"),
                        "min_quantity must be at least 1",
                    );
                }
                if let Some(prev) = tiers.last() {
                    if t.min_quantity <= prev.min_quantity {
                        self.errs.push(
                            Code::NotIncreasing,
                            &tp.key("min_quantity"),
                            crate::msg!(
                                "tiers must go up: {} is not more than the tier before it ({})",
                                t.min_quantity,
                                prev.min_quantity
                            ),
                        );
                    }
                    if percent_off <= prev.percent_off {
                        self.errs.push(
                            Code::NotIncreasing,
                            &tp.key("percent_off"),
                            "tiers must go up: buying more must save more than the tier before it",
                        );
                    }
                }
                tiers.push(Tier {
                    min_quantity: t.min_quantity,
                    percent_off,
                });
            }
            let nudge = self.template(
                &sp.key("nudge"),
                set.nudge.as_ref(),
                labels.get(Label::Nudge),
                labels::NUDGE,
            );
            let window = self.window(&sp, set.starts_at.as_deref(), set.ends_at.as_deref());
            if let Some(product) = product {
                out.push(TierSet {
                    product,
                    tiers,
                    nudge,
                    window,
                });
            }
        }
        out
    }

    fn upsells(&mut self, path: &Path, raw: &[RawUpsell], products: &[Product]) -> Vec<Upsell> {
        self.duplicate_ids(path, raw.iter().map(|u| u.id.as_str()), "upsells");
        let mut out = Vec::new();
        for (i, u) in raw.iter().enumerate() {
            let up = path.index(i);
            let product = self.product(&up.key("product"), &u.product);
            let fixed = u.price.as_ref().map(|p| self.amount(&up.key("price"), p));
            let percent_of = u.percent_of.as_ref().and_then(|po| {
                let pp = up.key("percent_of");
                let percent = self.percent(&pp.key("percent"), &po.percent);
                match (&po.product, po.subtotal) {
                    (Some(id), None | Some(false)) => self.product(&pp.key("product"), id).map(|p| UpsellPrice::PercentOfProduct(p, percent)),
                    (None, Some(true)) => Some(UpsellPrice::PercentOfSubtotal(percent)),
                    _ => {
                        self.errs.push(Code::BadPricing, &pp, "give either \"product\" or \"subtotal\": true, to say what the percentage is of");
                        None
                    }
                }
            });
            if fixed.is_some() && u.percent_of.is_some() {
                self.errs.push(
                    Code::BadPricing,
                    &up,
                    "give only one of \"price\" and \"percent_of\"",
                );
            }
            let price = match (fixed, percent_of) {
                (Some(m), _) => UpsellPrice::Fixed(m),
                (None, Some(p)) => p,
                (None, None) => UpsellPrice::Catalog,
            };
            let percent_off = u
                .percent_off
                .as_ref()
                .map(|p| self.percent(&up.key("percent_off"), p));
            let wp = up.key("when");
            let (mut any, mut all, mut min, mut max) = (Vec::new(), Vec::new(), None, None);
            if let Some(w) = &u.when {
                any = self.products(&wp.key("cart_contains"), &w.cart_contains);
                all = self.products(&wp.key("cart_contains_all"), &w.cart_contains_all);
                min = w
                    .min_subtotal
                    .as_ref()
                    .map(|m| self.amount(&wp.key("min_subtotal"), m));
                max = w
                    .max_subtotal
                    .as_ref()
                    .map(|m| self.amount(&wp.key("max_subtotal"), m));
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo.minor() > hi.minor() {
                        self.errs.push(Code::BadValue, &wp.key("min_subtotal"), "min_subtotal is more than max_subtotal, so this offer would never show");
                    }
                }
            }
            let window = self.window(&up, u.starts_at.as_deref(), u.ends_at.as_deref());
            let Some(product) = product else { continue };
            out.push(Upsell {
                id: u.id.clone(),
                product,
                title: u
                    .title
                    .clone()
                    .unwrap_or_else(|| products[product].title.clone()),
                description: u.description.clone(),
                price,
                percent_off,
                cart_contains: any,
                cart_contains_all: all,
                min_subtotal: min,
                max_subtotal: max,
                window,
            });
        }
        out
    }

    fn theme(&mut self, path: &Path, t: &RawTheme) -> Vec<(&'static str, String)> {
        let entries = [
            ("accent", &t.accent),
            ("text", &t.text),
            ("muted", &t.muted),
            ("bg", &t.bg),
            ("radius", &t.radius),
            ("font", &t.font),
        ];
        let mut out = Vec::new();
        for (key, value) in entries {
            let Some(value) = value else { continue };
            if text::is_safe_css_value(value) {
                out.push((key, value.clone()));
            } else {
                self.errs.push(
                    Code::BadCss,
                    &path.key(key),
                    crate::msg!(
                        "\"{}\" is not a plain CSS value: write a colour (\"#0a7c55\", \"rgb(10 124 85)\"), a length (\"8px\") or a font stack (\"Inter, sans-serif\")",
                        value.chars().take(60).collect::<String>()
                    ),
                );
            }
        }
        out
    }
}
