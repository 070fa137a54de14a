//! The config as checkout reads it: what `cartlift export shopify-function` writes into the
//! discount's metafield ([`write`]) and the Shopify Function reads on every run ([`read`]).
//!
//! Why not the merchant's JSON: a function pays for every instruction, and reading a config as
//! the widget does (parse, decode collecting every problem, check, resolve ids; for a Markets
//! cart, convert the text and do it all again; for an experiment, overlay and check again)
//! took 2.1 M of the 200-line cart's instructions. The form is the config already checked and
//! resolved by the same core, holding only what prices checkout: amounts in minor units,
//! percentages in basis points, times in Unix seconds, products by position (sorted by id, so
//! that their index is built without sorting), segments by position, and each experiment
//! variant's changes as whole sections. Reading it is one parse and one walk. A form that is
//! not one (a hand edit, another version) is refused with a code and no sentence: checkout then
//! charges full price. It is never a panic: every position is checked against its list.
//!
//! ```text
//! {"form":1, "currency":"USD",
//!  "products": [[id, price, variant_id|null|[variant_id…]], …],
//!  "segments": [[id, {when}], …],
//!  "bundles":  [[id, title, [item…], ["fixed"|"percent"|"amount", n], window, [segment…]], …],
//!  "tiers":    [[product, [[min_quantity, percent], …], window, [segment…]], …],
//!  "deals":    [[id, [buy…], buy_quantity, [get…], get_quantity, percent, limit|null], …],
//!  "upsells":  [[id, title, product, price, percent_off|null, [contains…], [contains_all…],
//!                min_subtotal|null, max_subtotal|null, window, [segment…]], …],
//!  "bar": {"goals": [[threshold, [[currency, amount]…], [[country, amount]…], reward, window,
//!                     [segment…], [free_shipping|null, percent_off|null, amount_off|null,
//!                     gift product (only when the goal gives one), its variant's platform id
//!                     (only when it names one variant)]], …],
//!          "exclude": [product…], "before_discounts": bool},
//!  "experiments": [[id, [variant…]], …],
//!  "variants": [[experiment, variant, {section: …}], …]}
//! ```
//! A window is `null` or `[starts_at|null, ends_at|null]`; an upsell's price is `["catalog"]`,
//! `["fixed", amount]`, `["product", product, percent]` or `["subtotal", percent]`.

use crate::config::model::{
    Bundle, BundlePricing, Config, Deal, FreeShipping, Goal, Grants, Product, ShippingBar, Tier,
    TierSet, Upsell, UpsellPrice,
};
use crate::error::{Code, Error};
use crate::json::Json;
use crate::market::Rate;
use crate::money::{Currency, Money, Percent, MAX_MINOR};
use crate::schedule::Window;
use crate::sort::CollectVec;
use crate::template::Template;
use crate::visitor::When;

/// The version [`write`] writes and [`read`] reads.
pub const VERSION: u32 = 1;

/// The sections an experiment variant may change, in the order they are written.
const SECTIONS: [&str; 7] = [
    "products", "segments", "bundles", "tiers", "deals", "upsells", "bar",
];

/// What [`read`] gives checkout.
#[derive(Debug)]
pub struct Read {
    /// The config for this cart: in its currency, with the claimed experiment variants.
    pub config: Config,
    /// Each product's numeric platform variant id (Shopify's), with the product's position,
    /// sorted by id for lookup.
    pub variants: Vec<(u64, usize)>,
}

// ---------------------------------------------------------------------------------------
// Writing (the export, natively).

/// The form of a config's JSON text, checked first as the widget checks it.
pub fn write(text: &str) -> Result<String, Vec<Error>> {
    let tree = crate::json::parse(text).map_err(|e| vec![e])?;
    let setup = crate::setup::Setup::from_tree(text, &tree)?;
    let variant_ids = variant_ids(&tree, &setup.config);
    // What a shopper no experiment has placed sees: every experiment at its first variant.
    let base = setup
        .for_variants(&[])
        .config
        .unwrap_or_else(|| setup.config.clone());
    let sections_of = |config: &Config| -> Vec<(&'static str, Json)> {
        let named = named_products(config);
        SECTIONS
            .iter()
            .filter_map(|&s| section(s, config, &named, &variant_ids).map(|v| (s, v)))
            .collect_vec()
    };
    let mut top: Vec<(String, Json)> = vec![
        ("form".into(), int(i64::from(VERSION))),
        (
            "currency".into(),
            Json::Str(base.currency.code().to_owned()),
        ),
    ];
    let base_sections = sections_of(&base);
    top.extend(
        base_sections
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone())),
    );
    let mut experiments = Vec::new();
    let mut variants = Vec::new();
    // Which experiment changes each section: two may not change the same one (checkout could
    // not tell what their variants make together).
    let mut changed_by: Vec<(&str, usize)> = Vec::new();
    for (e, experiment) in setup.config.experiments.iter().enumerate() {
        experiments.push(Json::Arr(vec![
            Json::Str(experiment.id.clone()),
            Json::Arr(
                experiment
                    .variants
                    .iter()
                    .map(|v| Json::Str(v.id.clone()))
                    .collect_vec(),
            ),
        ]));
        for (v, variant) in experiment.variants.iter().enumerate().skip(1) {
            let chosen = setup.for_variants(&[(experiment.id.clone(), variant.id.clone())]);
            let config = chosen.config.unwrap_or_else(|| setup.config.clone());
            let mine = sections_of(&config);
            let differs = |s: &str| {
                mine.iter().find(|(k, _)| *k == s).map(|(_, v)| v)
                    != base_sections.iter().find(|(k, _)| *k == s).map(|(_, v)| v)
            };
            // Positions in the other sections follow the products and segments: when either
            // changes, every section is the variant's.
            let all = differs("products") || differs("segments");
            let changed: Vec<(String, Json)> = SECTIONS
                .iter()
                .filter(|s| all || differs(s))
                .map(|&s| {
                    let value = mine
                        .iter()
                        .find(|(k, _)| *k == s)
                        .map_or(Json::Null, |(_, v)| v.clone());
                    (s.to_owned(), value)
                })
                .collect_vec();
            for (s, _) in &changed {
                let s = SECTIONS.iter().copied().find(|k| k == s).unwrap_or("");
                match changed_by.iter().find(|(k, _)| *k == s) {
                    Some(&(_, other)) if other != e => {
                        return Err(vec![Error::new(
                            Code::BadValue,
                            crate::error::Path::root().key("experiments"),
                            crate::msg!(
                                "the experiments \"{}\" and \"{}\" both change the config's {s}: checkout cannot price their variants together; run one of them at a time",
                                setup.config.experiments[other].id,
                                experiment.id
                            ),
                        )]);
                    }
                    Some(_) => {}
                    None => changed_by.push((s, e)),
                }
            }
            if !changed.is_empty() {
                variants.push(Json::Arr(vec![
                    int(e as i64),
                    int(v as i64),
                    Json::Obj(changed),
                ]));
            }
        }
    }
    if !experiments.is_empty() {
        top.push(("experiments".into(), Json::Arr(experiments)));
    }
    if !variants.is_empty() {
        top.push(("variants".into(), Json::Arr(variants)));
    }
    Ok(crate::json::tree_to_string(&Json::Obj(top)))
}

/// Each product's and product variant's platform variant id, by its id, from the config's tree
/// and every experiment variant's overlay.
fn variant_ids(tree: &Json, config: &Config) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut add = |products: Option<&Json>| {
        let Some(Json::Arr(products)) = products else {
            return;
        };
        let variants = products
            .iter()
            .flat_map(|p| match crate::json::field(p, "variants") {
                Some(Json::Arr(list)) => list.as_slice(),
                _ => &[],
            });
        for p in products.iter().chain(variants) {
            let (Some(Json::Str(id)), Some(v)) = (
                crate::json::field(p, "id"),
                crate::json::field(p, "variant_id"),
            ) else {
                continue;
            };
            if let Some(v) = crate::platform::id_text(v) {
                pairs.retain(|(i, _)| i != id);
                pairs.push((id.clone(), v));
            }
        }
    };
    add(crate::json::field(tree, "products"));
    for v in config.experiments.iter().flat_map(|e| &e.variants) {
        add(v
            .overlay
            .as_ref()
            .and_then(|o| crate::json::field(o, "products")));
    }
    pairs
}

/// The positions of the products checkout needs, in the order of their ids: those an offer,
/// a goal or a segment names (a line of another product is priced at its own price).
fn named_products(config: &Config) -> Vec<usize> {
    let mut named: Vec<usize> = Vec::new();
    for b in &config.bundles {
        named.extend(&b.items);
    }
    named.extend(config.volume_tiers.iter().map(|t| t.product));
    for (_, d) in &config.deals {
        named.extend(&d.buy);
        named.extend(&d.get);
    }
    for u in &config.upsells {
        named.push(u.product);
        named.extend(&u.cart_contains);
        named.extend(&u.cart_contains_all);
        if let UpsellPrice::PercentOfProduct(p, _) = u.price {
            named.push(p);
        }
    }
    if let Some(bar) = &config.shipping_bar {
        named.extend(&bar.exclude);
        // A gift line is priced by its product (a variant's too, spec §10).
        named.extend(
            bar.goals
                .iter()
                .filter_map(|g| Some(config.item_index(g.grants.gift.as_deref()?)?.0)),
        );
    }
    let ids: Vec<&str> = config.products.iter().map(|p| p.id.as_str()).collect_vec();
    let order = crate::sort::positions(ids.len(), &|a, b| ids[a] <= ids[b]);
    order
        .into_iter()
        .filter(|p| named.contains(p))
        .collect_vec()
}

fn int(n: i64) -> Json {
    Json::Num(n.to_string())
}

fn text(s: &str) -> Json {
    Json::Str(s.to_owned())
}

fn money(m: Money) -> Json {
    int(m.minor())
}

fn percent(p: Percent) -> Json {
    int(i64::from(p.basis_points()))
}

fn optional<T>(v: Option<T>, f: impl Fn(T) -> Json) -> Json {
    v.map_or(Json::Null, f)
}

fn window(w: Window) -> Json {
    if w.starts_at.is_none() && w.ends_at.is_none() {
        return Json::Null;
    }
    Json::Arr(vec![optional(w.starts_at, int), optional(w.ends_at, int)])
}

fn positions(list: &[usize], at: &dyn Fn(usize) -> Option<usize>) -> Json {
    Json::Arr(
        list.iter()
            .filter_map(|&i| at(i))
            .map(|i| int(i as i64))
            .collect_vec(),
    )
}

/// One section of a config, or `None` when it has nothing (no segments, no bar that grants).
fn section(
    name: &str,
    config: &Config,
    named: &[usize],
    variant_ids: &[(String, String)],
) -> Option<Json> {
    // A product's position in the form.
    let at = |p: usize| named.iter().position(|&n| n == p);
    let seg = |s: usize| Some(s);
    let segments = |list: &[usize]| positions(list, &seg);
    let items = |list: &[usize]| positions(list, &at);
    let value = match name {
        "products" => Json::Arr(
            named
                .iter()
                .map(|&p| {
                    let product = &config.products[p];
                    let platform_id = |id: &str| {
                        variant_ids
                            .iter()
                            .find(|(i, _)| i == id)
                            .map(|(_, v)| text(v))
                    };
                    // A product with variants (spec §10): the platform ids of the product and
                    // of each variant, every one a line of the product at checkout.
                    let variant = if product.variants.is_empty() {
                        platform_id(&product.id).unwrap_or(Json::Null)
                    } else {
                        Json::Arr(
                            std::iter::once(product.id.as_str())
                                .chain(product.variants.iter().map(|v| v.id.as_str()))
                                .filter_map(platform_id)
                                .collect_vec(),
                        )
                    };
                    Json::Arr(vec![text(&product.id), money(product.price), variant])
                })
                .collect_vec(),
        ),
        "segments" if config.segments.is_empty() => return None,
        "segments" => Json::Arr(
            config
                .segments
                .iter()
                .map(|(id, when)| Json::Arr(vec![text(id), when_json(when)]))
                .collect_vec(),
        ),
        "bundles" if config.bundles.is_empty() => return None,
        "bundles" => Json::Arr(
            config
                .bundles
                .iter()
                .map(|b| {
                    let pricing = match b.pricing {
                        BundlePricing::Fixed(m) => Json::Arr(vec![text("fixed"), money(m)]),
                        BundlePricing::PercentOff(p) => {
                            Json::Arr(vec![text("percent"), percent(p)])
                        }
                        BundlePricing::AmountOff(m) => Json::Arr(vec![text("amount"), money(m)]),
                    };
                    Json::Arr(vec![
                        text(&b.id),
                        text(&b.title),
                        items(&b.items),
                        pricing,
                        window(b.window),
                        segments(&b.segments),
                    ])
                })
                .collect_vec(),
        ),
        "tiers" if config.volume_tiers.is_empty() => return None,
        "tiers" => Json::Arr(
            config
                .volume_tiers
                .iter()
                .map(|t| {
                    let tiers = t
                        .tiers
                        .iter()
                        .map(|tier| {
                            Json::Arr(vec![
                                int(i64::from(tier.min_quantity)),
                                percent(tier.percent_off),
                            ])
                        })
                        .collect_vec();
                    Json::Arr(vec![
                        optional(at(t.product), |p| int(p as i64)),
                        Json::Arr(tiers),
                        window(t.window),
                        segments(&t.segments),
                    ])
                })
                .collect_vec(),
        ),
        "deals" if config.deals.is_empty() => return None,
        "deals" => Json::Arr(
            config
                .deals
                .iter()
                .map(|(id, d)| {
                    Json::Arr(vec![
                        text(id),
                        items(&d.buy),
                        int(i64::from(d.buy_quantity)),
                        items(&d.get),
                        int(i64::from(d.get_quantity)),
                        percent(d.percent_off),
                        optional(d.limit, |l| int(i64::from(l))),
                    ])
                })
                .collect_vec(),
        ),
        "upsells" if config.upsells.is_empty() => return None,
        "upsells" => Json::Arr(
            config
                .upsells
                .iter()
                .map(|u| {
                    let price = match u.price {
                        UpsellPrice::Catalog => Json::Arr(vec![text("catalog")]),
                        UpsellPrice::Fixed(m) => Json::Arr(vec![text("fixed"), money(m)]),
                        UpsellPrice::PercentOfProduct(p, pct) => Json::Arr(vec![
                            text("product"),
                            optional(at(p), |p| int(p as i64)),
                            percent(pct),
                        ]),
                        UpsellPrice::PercentOfSubtotal(pct) => {
                            Json::Arr(vec![text("subtotal"), percent(pct)])
                        }
                    };
                    Json::Arr(vec![
                        text(&u.id),
                        text(&u.title),
                        optional(at(u.product), |p| int(p as i64)),
                        price,
                        optional(u.percent_off, percent),
                        items(&u.cart_contains),
                        items(&u.cart_contains_all),
                        optional(u.min_subtotal, money),
                        optional(u.max_subtotal, money),
                        window(u.window),
                        segments(&u.segments),
                    ])
                })
                .collect_vec(),
        ),
        "bar" => {
            let bar = config.shipping_bar.as_ref()?;
            // Only the goals that grant something matter at checkout.
            let goals: Vec<Json> = bar
                .goals
                .iter()
                .filter(|g| !g.grants.is_empty())
                .map(|g| {
                    let mut grants = vec![
                        optional(g.grants.free_shipping, |f| {
                            text(match f {
                                FreeShipping::Cheapest => "cheapest",
                                FreeShipping::All => "all",
                            })
                        }),
                        optional(g.grants.percent_off, percent),
                        optional(g.grants.amount_off, money),
                    ];
                    // The gift only when there is one: a form without gifts reads as before.
                    // By its product, and when it names one variant, that variant's platform
                    // id after it: the one line that is the gift.
                    if let Some((p, v)) = g
                        .grants
                        .gift
                        .as_deref()
                        .and_then(|id| config.item_index(id))
                    {
                        let product = &config.products[p];
                        grants.push(text(&product.id));
                        if let Some(v) = v {
                            let id = &product.variants[v].id;
                            let platform = variant_ids.iter().find(|(i, _)| i == id);
                            grants.push(text(platform.map_or("", |(_, v)| v.as_str())));
                        }
                    }
                    let grants = Json::Arr(grants);
                    Json::Arr(vec![
                        money(g.threshold),
                        Json::Arr(
                            g.by_currency
                                .iter()
                                .map(|(c, m)| Json::Arr(vec![text(c.code()), money(*m)]))
                                .collect_vec(),
                        ),
                        Json::Arr(
                            g.by_country
                                .iter()
                                .map(|(c, m)| Json::Arr(vec![text(c), money(*m)]))
                                .collect_vec(),
                        ),
                        text(&g.reward),
                        window(g.window),
                        segments(&g.segments),
                        grants,
                    ])
                })
                .collect_vec();
            if goals.is_empty() {
                return None;
            }
            Json::Obj(vec![
                ("goals".into(), Json::Arr(goals)),
                ("exclude".into(), items(&bar.exclude)),
                ("before_discounts".into(), Json::Bool(bar.before_discounts)),
            ])
        }
        _ => return None,
    };
    Some(value)
}

/// A segment's conditions, only those it has.
fn when_json(w: &When) -> Json {
    let mut m: Vec<(String, Json)> = Vec::new();
    let mut put = |k: &str, v: Json| m.push((k.to_owned(), v));
    if let Some(r) = w.returning {
        put("returning", Json::Bool(r));
    }
    if let Some(n) = w.orders_min {
        put("orders_min", int(i64::from(n)));
    }
    if let Some(n) = w.orders_max {
        put("orders_max", int(i64::from(n)));
    }
    if let Some(t) = w.typical_min {
        put("typical_min", money(t));
    }
    if let Some(t) = w.typical_max {
        put("typical_max", money(t));
    }
    let list = |l: &[String]| Json::Arr(l.iter().map(|s| text(s)).collect_vec());
    if !w.viewed.is_empty() {
        put("viewed", list(&w.viewed));
    }
    if !w.bought.is_empty() {
        put("bought", list(&w.bought));
    }
    if !w.country.is_empty() {
        put("country", list(&w.country));
    }
    if let Some(n) = w.max_width {
        put("max_width", int(i64::from(n)));
    }
    if let Some(n) = w.min_width {
        put("min_width", int(i64::from(n)));
    }
    if let Some(s) = &w.utm_source {
        put("utm_source", text(s));
    }
    if let Some(s) = &w.utm_campaign {
        put("utm_campaign", text(s));
    }
    Json::Obj(m)
}

// ---------------------------------------------------------------------------------------
// Reading (checkout, in the function's wasm).

type R<T> = Result<T, Error>;

/// Anything the reader does not expect: the form is not one [`write`] wrote.
fn bad() -> Error {
    Error::new(
        Code::BadValue,
        ".",
        crate::msg!("the metafield does not hold a config written by `cartlift export shopify-function` (version {VERSION})"),
    )
}

fn arr(v: Json) -> R<Vec<Json>> {
    match v {
        Json::Arr(items) => Ok(items),
        _ => Err(bad()),
    }
}

/// A whole number from `lo` to `hi`.
fn num(v: &Json, lo: i64, hi: i64) -> R<i64> {
    let Json::Num(n) = v else { return Err(bad()) };
    n.parse::<i64>()
        .ok()
        .filter(|n| (lo..=hi).contains(n))
        .ok_or_else(bad)
}

fn string(v: Json) -> R<String> {
    match v {
        Json::Str(s) => Ok(s),
        _ => Err(bad()),
    }
}

fn amount(v: &Json, currency: Currency) -> R<Money> {
    Ok(Money::from_minor(num(v, 0, MAX_MINOR)?, currency))
}

fn basis_points(v: &Json) -> R<Percent> {
    Percent::from_basis_points(num(v, 0, 10_000)? as u32).ok_or_else(bad)
}

fn nullable<T>(v: &Json, f: impl Fn(&Json) -> R<T>) -> R<Option<T>> {
    match v {
        Json::Null => Ok(None),
        v => f(v).map(Some),
    }
}

/// A position in a list of `len`.
fn index(v: &Json, len: usize) -> R<usize> {
    Ok(num(v, 0, len as i64 - 1)? as usize)
}

fn indices(v: Json, len: usize) -> R<Vec<usize>> {
    each(v, |i| index(&i, len))
}

/// Each member of an array, read by `item`. A loop rather than a `?`-collecting iterator
/// (`collect::<Result<Vec<_>, _>>()`): the Function's wasm held one of those per item type,
/// and this loop in their place measured 6.7 KB smaller (205,521 → 198,806 B).
fn each<T>(v: Json, mut item: impl FnMut(Json) -> R<T>) -> R<Vec<T>> {
    let members = arr(v)?;
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        out.push(item(m)?);
    }
    Ok(out)
}

fn time_window(v: &Json) -> R<Window> {
    match v {
        Json::Null => Ok(Window::default()),
        Json::Arr(ends) if ends.len() == 2 => {
            let t = |v: &Json| nullable(v, |v| num(v, i64::MIN, i64::MAX));
            Ok(Window {
                starts_at: t(&ends[0])?,
                ends_at: t(&ends[1])?,
            })
        }
        _ => Err(bad()),
    }
}

/// A fixed-length tuple's members.
fn tuple<const N: usize>(v: Json) -> R<[Json; N]> {
    arr(v)?.try_into().map_err(|_| bad())
}

/// The form's `text` as the config checkout prices a cart in `currency` with: converted at
/// `rate` (Shopify's `presentmentCurrencyRate`) when the cart is in another currency than the
/// config's ([`crate::market::convert_config`], the page's conversion), with the variants
/// `claimed` of each experiment (the first of each otherwise).
pub fn read(
    text: &str,
    currency: Currency,
    rate: Option<Rate>,
    claimed: &[(String, String)],
) -> R<Read> {
    let Json::Obj(top) = crate::json::parse(text)? else {
        return Err(bad());
    };
    let mut form = Form::default();
    let mut experiments: Vec<(String, Vec<String>)> = Vec::new();
    let mut changes: Vec<Json> = Vec::new();
    let mut own: Option<Currency> = None;
    let mut version = None;
    for (key, value) in top {
        match key.as_str() {
            "form" => version = Some(num(&value, 0, i64::from(u32::MAX))?),
            "currency" => own = Currency::from_code(&string(value)?),
            "experiments" => {
                for e in arr(value)? {
                    let [id, variants] = tuple(e)?;
                    let variants = each(variants, string)?;
                    experiments.push((string(id)?, variants));
                }
            }
            "variants" => changes = arr(value)?,
            _ => form.sections.push((key, value)),
        }
    }
    if version != Some(i64::from(VERSION)) {
        return Err(bad());
    }
    let own = own.ok_or_else(bad)?;
    // Each experiment's variant: the claimed one, else its first; its changed sections replace
    // the base's (the export made sure no two experiments change the same section).
    for change in changes {
        let [e, v, sections] = tuple(change)?;
        let (e, v) = (
            num(&e, 0, i64::MAX)? as usize,
            num(&v, 0, i64::MAX)? as usize,
        );
        let (experiment, variants) = experiments.get(e).ok_or_else(bad)?;
        let variant = variants.get(v).ok_or_else(bad)?;
        let chosen = claimed
            .iter()
            .find(|(x, _)| x == experiment)
            .is_some_and(|(_, w)| w == variant);
        if !chosen {
            continue;
        }
        let Json::Obj(sections) = sections else {
            return Err(bad());
        };
        for (key, value) in sections {
            form.sections.retain(|(k, _)| *k != key);
            form.sections.push((key, value));
        }
    }
    let (config, variants) = form.config(own)?;
    let mut config = config;
    if config.currency != currency {
        let rate = rate.ok_or_else(bad)?;
        if !crate::market::convert_config(&mut config, currency, rate) {
            return Err(bad());
        }
    }
    Ok(Read { config, variants })
}

/// The sections of a form, once the variants have replaced theirs.
#[derive(Default)]
struct Form {
    sections: Vec<(String, Json)>,
}

impl Form {
    fn take(&mut self, name: &str) -> Json {
        self.sections
            .iter()
            .position(|(k, _)| k == name)
            .map_or(Json::Null, |i| self.sections.swap_remove(i).1)
    }

    fn config(mut self, currency: Currency) -> R<(Config, Vec<(u64, usize)>)> {
        let mut products = Vec::new();
        let mut variants = Vec::new();
        for (i, p) in arr(self.take("products"))?.into_iter().enumerate() {
            let [id, price, variant] = tuple(p)?;
            // One platform id, or a product with variants' list of them (spec §10).
            let ids = match variant {
                Json::Arr(list) => list,
                one => vec![one],
            };
            for v in ids {
                if let Json::Str(v) = &v {
                    // Shopify's variant ids are numbers; another platform's are not looked up
                    // here.
                    if let Ok(v) = v.parse::<u64>() {
                        variants.push((v, i));
                    }
                }
            }
            products.push(Product {
                id: string(id)?,
                title: String::new(),
                price: amount(&price, currency)?,
                image: None,
                url: None,
                related: Vec::new(),
                options: Vec::new(),
                variants: Vec::new(),
            });
        }
        variants.sort_unstable();
        let n = products.len();
        let segments = match self.take("segments") {
            Json::Null => Vec::new(),
            v => each(v, |s| {
                let [id, when] = tuple(s)?;
                Ok((string(id)?, when_of(when, currency)?))
            })?,
        };
        let s = segments.len();
        let bundles = list(self.take("bundles"), |b| {
            let [id, title, items, pricing, window, segs] = tuple(b)?;
            let [kind, value] = tuple(pricing)?;
            let pricing = match string(kind)?.as_str() {
                "fixed" => BundlePricing::Fixed(amount(&value, currency)?),
                "percent" => BundlePricing::PercentOff(basis_points(&value)?),
                "amount" => BundlePricing::AmountOff(amount(&value, currency)?),
                _ => return Err(bad()),
            };
            let items = indices(items, n)?;
            if items.is_empty() {
                return Err(bad());
            }
            Ok(Bundle {
                id: string(id)?,
                title: string(title)?,
                items,
                pricing,
                url: None,
                window: time_window(&window)?,
                segments: indices(segs, s)?,
            })
        })?;
        let volume_tiers = list(self.take("tiers"), |t| {
            let [product, tiers, window, segs] = tuple(t)?;
            let tiers = each(tiers, |tier| {
                let [min, pct] = tuple(tier)?;
                Ok(Tier {
                    min_quantity: num(&min, 1, i64::from(u32::MAX))? as u32,
                    percent_off: basis_points(&pct)?,
                    // How the widget shows the tiers: nothing checkout charges depends on it.
                    badge: None,
                })
            })?;
            if tiers.is_empty() {
                return Err(bad());
            }
            Ok(TierSet {
                product: index(&product, n)?,
                tiers,
                nudge: Template::text(""),
                window: time_window(&window)?,
                segments: indices(segs, s)?,
                selector: false,
            })
        })?;
        let deals = list(self.take("deals"), |d| {
            let [id, buy, bq, get, gq, pct, limit] = tuple(d)?;
            let (buy, get) = (indices(buy, n)?, indices(get, n)?);
            if buy.is_empty() || get.is_empty() {
                return Err(bad());
            }
            let positive = |v: &Json| Ok(num(v, 1, i64::from(u32::MAX))? as u32);
            let deal = Deal {
                buy,
                buy_quantity: positive(&bq)?,
                get,
                get_quantity: positive(&gq)?,
                percent_off: basis_points(&pct)?,
                limit: nullable(&limit, positive)?,
            };
            Ok((string(id)?, deal))
        })?;
        let upsells = list(self.take("upsells"), |u| {
            let [id, title, product, price, percent_off, contains, all, min, max, window, segs] =
                tuple(u)?;
            let mut price = arr(price)?.into_iter();
            let kind = string(price.next().ok_or_else(bad)?)?;
            let mut next = || price.next().ok_or_else(bad);
            let price = match kind.as_str() {
                "catalog" => UpsellPrice::Catalog,
                "fixed" => UpsellPrice::Fixed(amount(&next()?, currency)?),
                "product" => {
                    let p = index(&next()?, n)?;
                    UpsellPrice::PercentOfProduct(p, basis_points(&next()?)?)
                }
                "subtotal" => UpsellPrice::PercentOfSubtotal(basis_points(&next()?)?),
                _ => return Err(bad()),
            };
            Ok(Upsell {
                id: string(id)?,
                product: index(&product, n)?,
                title: string(title)?,
                description: None,
                price,
                percent_off: nullable(&percent_off, basis_points)?,
                cart_contains: indices(contains, n)?,
                cart_contains_all: indices(all, n)?,
                min_subtotal: nullable(&min, |v| amount(v, currency))?,
                max_subtotal: nullable(&max, |v| amount(v, currency))?,
                window: time_window(&window)?,
                segments: indices(segs, s)?,
            })
        })?;
        let shipping_bar = match self.take("bar") {
            Json::Null => None,
            Json::Obj(bar) => Some(shipping_bar(bar, currency, n, s)?),
            _ => return Err(bad()),
        };
        let (index, _) = crate::ids::IdIndex::new(products.iter().map(|p| p.id.as_str()));
        let config = Config {
            currency,
            locale: "en-US".to_owned(),
            locale_given: false,
            products,
            index,
            variant_index: Default::default(),
            variant_at: Vec::new(),
            shipping_bar,
            bundles,
            volume_tiers,
            deals,
            upsells,
            max_offers: usize::MAX,
            theme: Vec::new(),
            theme_sampled: false,
            labels: Default::default(),
            segments,
            experiments: Vec::new(),
            countdown_seconds: 0,
        };
        Ok((config, variants))
    }
}

fn list<T>(v: Json, item: impl Fn(Json) -> R<T>) -> R<Vec<T>> {
    match v {
        Json::Null => Ok(Vec::new()),
        v => each(v, item),
    }
}

fn shipping_bar(
    members: Vec<(String, Json)>,
    currency: Currency,
    n: usize,
    s: usize,
) -> R<ShippingBar> {
    let mut goals = Vec::new();
    let mut exclude = Vec::new();
    let mut before_discounts = false;
    for (key, value) in members {
        match key.as_str() {
            "goals" => {
                goals = each(value, |g| goal(g, currency, s))?;
            }
            "exclude" => exclude = indices(value, n)?,
            "before_discounts" => before_discounts = matches!(value, Json::Bool(true)),
            _ => return Err(bad()),
        }
    }
    if goals.is_empty() {
        return Err(bad());
    }
    Ok(ShippingBar {
        goals,
        empty: Template::text(""),
        progress: Template::text(""),
        achieved: Template::text(""),
        exclude,
        fillers: 0,
        before_discounts,
    })
}

fn goal(g: Json, currency: Currency, s: usize) -> R<Goal> {
    let [threshold, by_currency, by_country, reward, window, segs, grants] = tuple(g)?;
    let by_currency = each(by_currency, |pair| {
        let [code, m] = tuple(pair)?;
        let c = Currency::from_code(&string(code)?).ok_or_else(bad)?;
        Ok((c, amount(&m, c)?))
    })?;
    let by_country = each(by_country, |pair| {
        let [country, m] = tuple(pair)?;
        Ok((string(country)?, amount(&m, currency)?))
    })?;
    let mut grants = arr(grants)?;
    // A variant's gift (spec §10) has its platform id fifth, after its product.
    let gift_line = match grants.len() {
        5 => grants.pop().map(string).transpose()?,
        _ => None,
    };
    let gift = match grants.len() {
        4 => grants.pop().map(string).transpose()?,
        3 => None,
        _ => return Err(bad()),
    };
    let [free, pct, off]: [Json; 3] = grants.try_into().map_err(|_| bad())?;
    let free_shipping = match free {
        Json::Null => None,
        Json::Str(s) if s == "cheapest" => Some(FreeShipping::Cheapest),
        Json::Str(s) if s == "all" => Some(FreeShipping::All),
        _ => return Err(bad()),
    };
    Ok(Goal {
        threshold: amount(&threshold, currency)?,
        by_currency,
        by_country,
        reward: string(reward)?,
        window: time_window(&window)?,
        segments: indices(segs, s)?,
        personal: None,
        grants: Grants {
            free_shipping,
            percent_off: nullable(&pct, basis_points)?,
            amount_off: nullable(&off, |v| amount(v, currency))?,
            gift,
            gift_line,
            auto: false,
        },
    })
}

fn when_of(v: Json, currency: Currency) -> R<When> {
    let Json::Obj(members) = v else {
        return Err(bad());
    };
    let mut w = When::default();
    let whole = |v: &Json| Ok::<u32, Error>(num(v, 0, i64::from(u32::MAX))? as u32);
    let strings = |v: Json| each(v, string);
    for (key, value) in members {
        match key.as_str() {
            "returning" => w.returning = Some(matches!(value, Json::Bool(true))),
            "orders_min" => w.orders_min = Some(whole(&value)?),
            "orders_max" => w.orders_max = Some(whole(&value)?),
            "typical_min" => w.typical_min = Some(amount(&value, currency)?),
            "typical_max" => w.typical_max = Some(amount(&value, currency)?),
            "viewed" => w.viewed = strings(value)?,
            "bought" => w.bought = strings(value)?,
            "country" => w.country = strings(value)?,
            "max_width" => w.max_width = Some(whole(&value)?),
            "min_width" => w.min_width = Some(whole(&value)?),
            "utm_source" => w.utm_source = Some(string(value)?),
            "utm_campaign" => w.utm_campaign = Some(string(value)?),
            _ => return Err(bad()),
        }
    }
    Ok(w)
}
