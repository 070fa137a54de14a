//! The config checker: walks the decoded config whole, so that the merchant sees every
//! problem at once, and resolves it into the checked [`Config`]. One file per section; the
//! helpers every section uses (amounts, percentages, product ids, URLs, windows, templates,
//! repeated ids) are here.

use crate::sort::CollectVec;
mod bundles;
pub(crate) mod labels;
mod personal;
mod shipping;
mod theme;
mod tiers;
mod upsells;
mod variants;

use super::model::{Config, Product};
use super::raw::*;
use super::safety::{is_safe_url, is_well_formed_locale};
use crate::error::{suggestion, Code, Error, Errors, Path};
use crate::ids::IdIndex;
use crate::money::{parse_amount, parse_percent, Currency, Money, Percent};
use crate::parts::{BUNDLES, PERSONAL, TIERS, UPSELLS, VARIANTS};
use crate::schedule::{parse_rfc3339, Window};
use crate::template::Template;

/// Checks a parsed config whole and resolves it into typed values. The sample `cart` is
/// checked against the result by [`crate::setup`], not here: a cart is checked against a config.
pub fn validate(raw: &RawConfig) -> Result<Config, Vec<Error>> {
    let (config, errs) = resolve(raw);
    errs.into_result(config)
}

/// The config resolved as far as it goes, and every problem found on the way: a stand-in
/// value where something was wrong, so that what depends on it (the sample cart) is checked
/// too and every problem is listed at once.
pub(crate) fn resolve(raw: &RawConfig) -> (Config, Errors) {
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
    // "auto" is the page's language (spec §13): the entry's language module writes it in
    // before the widgets draw; for the tools, and until then, English.
    let auto = raw.locale.as_deref() == Some("auto");
    let locale = match &raw.locale {
        Some(l) if !auto => l.clone(),
        _ => "en-US".to_owned(),
    };
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
        ids: raw.products.iter().map(|p| p.id.clone()).collect_vec(),
        segment_ids: Vec::new(),
        variant_ids: IdIndex::default(),
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
        let variants = if VARIANTS {
            cx.variants(&path, p, price)
        } else {
            Vec::new()
        };
        products.push(Product {
            id: p.id.clone(),
            title: p.title.clone(),
            price,
            image: p.image.clone(),
            url: p.url.clone(),
            related: Vec::new(),
            options: p.options.clone(),
            variants,
        });
    }
    let variant_at = if VARIANTS {
        let (ids, at) = cx.variant_index(&products_path, &products);
        cx.variant_ids = ids;
        at
    } else {
        Vec::new()
    };
    // What a build leaves out (crate::parts) is not checked: its decoder read none of it.
    let (segments, experiments) = if PERSONAL {
        for (p, related) in products
            .iter_mut()
            .zip(cx.related(&products_path, &raw.products))
        {
            p.related = related;
        }
        // Before the offers, which name them.
        (
            cx.segments(&root.key("segments"), &raw.segments),
            cx.experiments(&root.key("experiments"), &raw.experiments),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let countdown_seconds = cx.countdown(&root.key("countdown_hours"), raw.countdown_hours);

    let labels = labels::check(&raw.labels, &root.key("labels"), &mut cx.errs);
    #[cfg(feature = "languages")]
    labels::check_languages(&raw.languages, &root.key("labels"), &mut cx.errs);
    let shipping_bar = raw
        .shipping_bar
        .as_ref()
        .map(|bar| cx.shipping_bar(&root.key("shipping_bar"), bar, &labels));
    let bundles = if BUNDLES {
        cx.bundles(&root.key("bundles"), &raw.bundles, &products)
    } else {
        Vec::new()
    };
    let volume_tiers = if TIERS {
        cx.tier_sets(&root.key("volume_tiers"), &raw.volume_tiers, &labels)
    } else {
        Vec::new()
    };
    let deals = if TIERS {
        cx.deals(&root.key("buy_x_get_y"), &raw.buy_x_get_y)
    } else {
        Vec::new()
    };
    let upsells = if UPSELLS {
        cx.upsells(&root.key("upsells"), &raw.upsells, &products)
    } else {
        Vec::new()
    };
    let (theme, theme_sampled) = match &raw.theme {
        Some(RawThemeChoice::Values(t)) => (cx.theme(&root.key("theme"), t), true),
        Some(RawThemeChoice::Named(ThemeName::None)) => (Vec::new(), false),
        _ => (Vec::new(), true),
    };

    let config = Config {
        currency,
        locale_given: raw.locale.is_some() && !auto,
        locale,
        products,
        index: cx.index,
        variant_index: cx.variant_ids,
        variant_at,
        shipping_bar,
        bundles,
        volume_tiers,
        deals,
        upsells,
        max_offers: raw.max_offers.map_or(1, |n| n as usize),
        theme,
        theme_sampled,
        labels,
        segments,
        experiments,
        countdown_seconds,
    };
    (config, cx.errs)
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
pub(crate) struct Checker {
    errs: Errors,
    currency: Currency,
    index: IdIndex,
    ids: Vec<String>,
    /// The config's segment ids, once `segments` is checked.
    segment_ids: Vec<String>,
    /// Every variant's id (spec §10), once the products are checked: a goal's gift may name one.
    variant_ids: IdIndex,
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
            .collect_vec()
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
        let ids: Vec<&str> = ids.collect_vec();
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
}
