//! From the parsed JSON tree to the config's raw types, collecting every problem of shape at
//! once: unknown keys (with "did you mean"), wrong types, missing keys, keys given twice.
//!
//! Hand-written rather than serde's derive, for two measured reasons: serde stops at the first
//! problem, and its derived code was 16 KB of the wasm (brotli). The keys each object accepts
//! are its raw type's own (`RawGoal::KEYS`, declared with its fields by [`super::raw`]'s
//! `object!`), so the JSON Schema, which schemars derives from the same fields, cannot drift
//! from what is accepted; `cargo xtask test` holds each decoder to reading every key of its
//! list (`xtask/src/decoder_keys.rs`).
//!
//! Long because it has one small decoder per config object, in the order of [`super::raw`]:
//! read top to bottom, each is its object's fields.

use super::raw::*;
use crate::error::{suggestion, Code, Errors, Path};
use crate::json::{describe, Json};
use crate::parts::{Part, NOT_LOADED};
use crate::sort::CollectVec;

/// An object's values by key, once its keys have been checked.
struct Fields<'a> {
    path: Path,
    keys: &'static [&'static str],
    values: Vec<Option<&'a Json>>,
}

/// Reads `v` as an object whose keys are `keys`; every other key is a problem.
fn fields<'a>(
    v: &'a Json,
    path: &Path,
    keys: &'static [&'static str],
    errs: &mut Errors,
) -> Option<Fields<'a>> {
    let Json::Obj(entries) = v else {
        errs.push(
            Code::WrongType,
            path,
            crate::msg!("expected an object {{ ... }}, found {}", describe(v)),
        );
        return None;
    };
    let mut values = vec![None; keys.len()];
    for (key, value) in entries {
        match keys.iter().position(|k| same(k, key)) {
            Some(i) if values[i].is_some() => errs.push(
                Code::DuplicateKey,
                &path.key(key),
                crate::msg!("\"{key}\" is given twice"),
            ),
            Some(i) => values[i] = Some(value),
            None => {
                errs.push(
                    Code::UnknownKey,
                    &path.key(key),
                    crate::msg!(
                        "unknown key \"{key}\"{}; the keys here are {}",
                        suggestion(key, keys.iter().copied()),
                        keys.iter()
                            .filter(|k| !k.starts_with('$'))
                            .map(|k| format!("\"{k}\""))
                            .collect_vec()
                            .join(", ")
                    ),
                );
            }
        }
    }
    Some(Fields {
        path: path.clone(),
        keys,
        values,
    })
}

/// Whether two keys are equal, the first bytes compared before the rest (most keys of a list
/// differ there; a full comparison is a call in wasm, and checkout pays per instruction).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

type Leaf<T> = fn(&Json, &Path, &mut Errors) -> Option<T>;

impl<'a> Fields<'a> {
    fn value(&self, key: &str) -> Option<&'a Json> {
        // The same literal as in the key list, mostly: compared by address first.
        let i = self
            .keys
            .iter()
            .position(|k| std::ptr::eq(*k, key) || same(k, key))?;
        self.values[i].filter(|v| **v != Json::Null)
    }

    /// The value at `key` (not `null`) and its path; a key that `must` be there and is not is
    /// a problem. Not generic, so that the typed readers below compile to a call and their
    /// leaf: one copy of this for every type read.
    #[inline(never)]
    fn at(&self, key: &str, must: bool, errs: &mut Errors) -> Option<(&'a Json, Path)> {
        match self.value(key) {
            Some(v) => Some((v, self.path.key(key))),
            None => {
                if must {
                    errs.push(
                        Code::MissingKey,
                        &self.path,
                        crate::msg!("\"{key}\" is missing"),
                    );
                }
                None
            }
        }
    }

    /// A key that must be there.
    fn required<T>(&self, key: &str, errs: &mut Errors, read: Leaf<T>) -> Option<T> {
        let (v, path) = self.at(key, true, errs)?;
        read(v, &path, errs)
    }

    /// A key that may be left out (or `null`).
    fn optional<T>(&self, key: &str, errs: &mut Errors, read: Leaf<T>) -> Option<T> {
        let (v, path) = self.at(key, false, errs)?;
        read(v, &path, errs)
    }

    /// A list that may be left out: empty then.
    fn list<T>(&self, key: &str, errs: &mut Errors, item: Leaf<T>) -> Vec<T> {
        match self.at(key, false, errs) {
            Some((v, path)) => list(v, &path, errs, item),
            None => Vec::new(),
        }
    }

    /// A key of `part`: read by `read` when this build carries the part; when it does not, the
    /// key given is a problem ([`Code::NotLoaded`]) and the value stays empty. `part` is a
    /// constant, so a build without the part has none of `read`'s code.
    fn part<T: Default>(
        &self,
        part: Part,
        key: &str,
        errs: &mut Errors,
        read: impl FnOnce(&Self, &mut Errors) -> T,
    ) -> T {
        if part.carried() {
            return read(self, errs);
        }
        if self.value(key).is_some() {
            // With its sentence and a path even without `messages`: the checker module carries
            // every part, so only this build can say what it lacks. Without `messages` there is
            // no path text, and the key alone is said.
            let path = match crate::error::HAS_MESSAGES {
                true => self.path.key(key).to_string(),
                false => key.to_owned(),
            };
            errs.push_error(crate::error::Error::new(Code::NotLoaded, path, NOT_LOADED));
        }
        T::default()
    }

    /// A map from codes to values that may be left out: empty then. A short list in the
    /// merchant's order (a map type would add its own code to the wasm); a key given twice
    /// keeps its last value, as JSON readers do.
    fn map<T>(&self, key: &str, errs: &mut Errors, item: Leaf<T>) -> Vec<(String, T)> {
        let Some(v) = self.value(key) else {
            return Vec::new();
        };
        let path = self.path.key(key);
        let Json::Obj(entries) = v else {
            errs.push(
                Code::WrongType,
                &path,
                crate::msg!("expected an object {{ ... }}, found {}", describe(v)),
            );
            return Vec::new();
        };
        let mut out: Vec<(String, T)> = Vec::new();
        for (k, v) in entries {
            if let Some(t) = item(v, &path.key(k), errs) {
                match out.iter_mut().find(|(seen, _)| seen == k) {
                    Some(slot) => slot.1 = t,
                    None => out.push((k.clone(), t)),
                }
            }
        }
        out
    }
}

fn list<T>(v: &Json, path: &Path, errs: &mut Errors, item: Leaf<T>) -> Vec<T> {
    items(v, path, errs)
        .iter()
        .enumerate()
        .filter_map(|(i, v)| item(v, &path.index(i), errs))
        .collect_vec()
}

/// The items of a list; anything else is a problem, and no items. Not generic (see
/// [`Fields::at`]).
#[inline(never)]
fn items<'v>(v: &'v Json, path: &Path, errs: &mut Errors) -> &'v [Json] {
    match v {
        Json::Arr(items) => items,
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!("expected a list [ ... ], found {}", describe(v)),
            );
            &[]
        }
    }
}

fn string(v: &Json, path: &Path, errs: &mut Errors) -> Option<String> {
    match v {
        Json::Str(s) => Some(s.clone()),
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!("expected text in \"double quotes\", found {}", describe(v)),
            );
            None
        }
    }
}

fn literal(v: &Json, path: &Path, errs: &mut Errors) -> Option<Literal> {
    match v {
        Json::Num(n) => Some(Literal::Number(n.clone())),
        Json::Str(s) => Some(Literal::Text(s.clone())),
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!("expected a number such as \"12.99\", found {}", describe(v)),
            );
            None
        }
    }
}

fn whole(v: &Json, path: &Path, errs: &mut Errors) -> Option<u32> {
    let n = match v {
        Json::Num(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse::<u32>().ok(),
        _ => None,
    };
    if n.is_none() {
        errs.push(
            Code::WrongType,
            path,
            crate::msg!("expected a whole number from 0, found {}", describe(v)),
        );
    }
    n
}

fn boolean(v: &Json, path: &Path, errs: &mut Errors) -> Option<bool> {
    match v {
        Json::Bool(b) => Some(*b),
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!("expected true or false, found {}", describe(v)),
            );
            None
        }
    }
}

fn strings(v: &Json, path: &Path, errs: &mut Errors) -> Option<Vec<String>> {
    Some(list(v, path, errs, string))
}

/// Text the shopper reads: a string, or an object of plural forms whose values are strings.
fn text(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawText> {
    match v {
        Json::Str(s) => Some(RawText::Plain(s.clone())),
        Json::Obj(forms) => {
            let mut out = Vec::with_capacity(forms.len());
            for (form, value) in forms {
                out.push((form.clone(), string(value, &path.key(form), errs)?));
            }
            Some(RawText::Plural(out))
        }
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!(
                    "expected text in \"double quotes\" or plural forms {{\"one\": …, \"other\": …}}, found {}",
                    describe(v)
                ),
            );
            None
        }
    }
}

/// `labels` with the tools' reading (spec §13): its texts by label, and apart, the objects
/// under keys that name a language (no label's key starts with two or three letters and a
/// hyphen or ends there).
#[cfg(feature = "languages")]
#[allow(clippy::type_complexity)] // the two halves of RawConfig's labels, as it names them
fn labels_by_language(
    v: &Json,
    path: &Path,
    errs: &mut Errors,
) -> Option<(
    Vec<(String, RawText)>,
    Vec<(String, Vec<(String, RawText)>)>,
)> {
    let Json::Obj(members) = v else {
        errs.push(
            Code::WrongType,
            path,
            crate::msg!("expected an object {{ ... }}, found {}", describe(v)),
        );
        return None;
    };
    let (mut flat, mut languages) = (Vec::new(), Vec::new());
    for (key, v) in members {
        let at = path.key(key);
        let language = key.split('-').next().unwrap_or_default();
        match v {
            Json::Obj(inner)
                if (2..=3).contains(&language.len())
                    && language.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                let texts = inner
                    .iter()
                    .filter_map(|(label, v)| Some((label.clone(), text(v, &at.key(label), errs)?)))
                    .collect_vec();
                languages.push((key.clone(), texts));
            }
            _ => flat.extend(text(v, &at, errs).map(|t| (key.clone(), t))),
        }
    }
    Some((flat, languages))
}

/// The keys of each object, by the name the JSON Schema gives it.
pub const KEYS: &[(&str, &[&str])] = &[
    ("Config", RawConfig::KEYS),
    ("Product", RawProduct::KEYS),
    ("ProductVariant", RawProductVariant::KEYS),
    ("ShippingBar", RawShippingBar::KEYS),
    ("Goal", RawGoal::KEYS),
    ("Grants", RawGrants::KEYS),
    ("Messages", RawMessages::KEYS),
    ("Bundle", RawBundle::KEYS),
    ("TierSet", RawTierSet::KEYS),
    ("Deal", RawDeal::KEYS),
    ("DealBuy", RawDealBuy::KEYS),
    ("DealGet", RawDealGet::KEYS),
    ("Tier", RawTier::KEYS),
    ("Upsell", RawUpsell::KEYS),
    ("PercentOf", RawPercentOf::KEYS),
    ("When", RawWhen::KEYS),
    ("ShopperSegment", RawSegment::KEYS),
    ("Audience", RawAudience::KEYS),
    ("Personal", RawPersonal::KEYS),
    ("Experiment", RawExperiment::KEYS),
    ("Variant", RawVariant::KEYS),
    ("Theme", RawTheme::KEYS),
    ("Cart", RawCart::KEYS),
    ("Line", RawLine::KEYS),
];

/// The whole config; `None` (with the problems in `errs`) when its shape is wrong anywhere.
pub fn config(v: &Json, errs: &mut Errors) -> Option<RawConfig> {
    let f = fields(v, &Path::root(), RawConfig::KEYS, errs)?;
    // Every key is read before a missing one ends the decoding, so all problems are listed.
    let currency = f.required("currency", errs, string);
    let products = f.required("products", errs, |v, p, e| Some(list(v, p, e, product)));
    #[cfg(feature = "languages")]
    let (labels, languages) = f
        .optional("labels", errs, labels_by_language)
        .unwrap_or_default();
    let schema = f.optional("$schema", errs, string);
    let locale = f.optional("locale", errs, string);
    let shipping_bar = f.optional("shipping_bar", errs, shipping_bar);
    let bundles = f.part(Part::Bundles, "bundles", errs, |f, e| {
        f.list("bundles", e, bundle)
    });
    let volume_tiers = f.part(Part::Tiers, "volume_tiers", errs, |f, e| {
        f.list("volume_tiers", e, tier_set)
    });
    // Shown by the tiers' element, beside the tiers: the same part.
    let buy_x_get_y = f.part(Part::Tiers, "buy_x_get_y", errs, |f, e| {
        f.list("buy_x_get_y", e, deal)
    });
    let upsells = f.part(Part::Upsells, "upsells", errs, |f, e| {
        f.list("upsells", e, upsell)
    });
    let max_offers = f.optional("max_offers", errs, whole);
    let theme = f.optional("theme", errs, theme);
    #[cfg(not(feature = "languages"))]
    let labels = f.map("labels", errs, text);
    let cart = f.optional("cart", errs, cart);
    let segments = f.part(Part::Personal, "segments", errs, |f, e| {
        f.list("segments", e, segment)
    });
    let experiments = f.part(Part::Personal, "experiments", errs, |f, e| {
        f.list("experiments", e, experiment)
    });
    let countdown_hours = f.optional("countdown_hours", errs, whole);
    let (Some(currency), Some(products)) = (currency, products) else {
        return None;
    };
    let config = RawConfig {
        schema,
        locale,
        shipping_bar,
        bundles,
        volume_tiers,
        buy_x_get_y,
        upsells,
        max_offers,
        theme,
        #[cfg(not(feature = "languages"))]
        labels,
        #[cfg(feature = "languages")]
        labels,
        #[cfg(feature = "languages")]
        languages,
        cart,
        segments,
        experiments,
        countdown_hours,
        currency,
        products,
    };
    Some(config)
}

fn product(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawProduct> {
    let f = fields(v, path, RawProduct::KEYS, errs)?;
    let (id, title, price) = (
        f.required("id", errs, string),
        f.required("title", errs, string),
        f.required("price", errs, literal),
    );
    // `variant_id` is accepted here and read where it is used, by the platform module (which
    // checks it on the pages that have a platform) and by `cartlift check`: 0.1 KB brotli
    // the widget's wasm need not carry.
    let (image, url) = (
        f.optional("image", errs, string),
        f.optional("url", errs, string),
    );
    let related = f.part(Part::Personal, "related", errs, |f, e| {
        f.list("related", e, string)
    });
    let (options, variants) = f.part(Part::Variants, "variants", errs, |f, e| {
        (
            f.list("options", e, string),
            f.optional("variants", e, |v, p, e| {
                Some(list(v, p, e, product_variant))
            }),
        )
    });
    let (Some(id), Some(title), Some(price)) = (id, title, price) else {
        return None;
    };
    Some(RawProduct {
        id,
        title,
        price,
        image,
        url,
        variant_id: None,
        related,
        options,
        variants,
    })
}

/// A product's variant; its `variant_id` is read, like the product's, by the platform module.
fn product_variant(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawProductVariant> {
    let f = fields(v, path, RawProductVariant::KEYS, errs)?;
    let (id, options) = (
        f.required("id", errs, string),
        f.required("options", errs, |v, p, e| Some(list(v, p, e, string))),
    );
    let (price, image, url, available) = (
        f.optional("price", errs, literal),
        f.optional("image", errs, string),
        f.optional("url", errs, string),
        f.optional("available", errs, boolean),
    );
    let (Some(id), Some(options)) = (id, options) else {
        return None;
    };
    Some(RawProductVariant {
        id,
        options,
        variant_id: None,
        price,
        image,
        url,
        available,
    })
}

fn shipping_bar(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawShippingBar> {
    let f = fields(v, path, RawShippingBar::KEYS, errs)?;
    let goals = f.required("goals", errs, |v, p, e| Some(list(v, p, e, goal)));
    let messages = f.optional("messages", errs, messages);
    let exclude = f.list("exclude", errs, string);
    let fillers = f.optional("fillers", errs, whole);
    let subtotal = f.optional("subtotal", errs, string);
    let goals = goals?;
    Some(RawShippingBar {
        goals,
        messages,
        exclude,
        fillers,
        subtotal,
    })
}

fn goal(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawGoal> {
    let f = fields(v, path, RawGoal::KEYS, errs)?;
    let (threshold, reward) = (
        f.required("threshold", errs, literal),
        f.required("reward", errs, string),
    );
    let (by_currency, by_country) = (
        f.map("by_currency", errs, literal),
        f.map("by_country", errs, literal),
    );
    let (starts_at, ends_at) = (
        f.optional("starts_at", errs, string),
        f.optional("ends_at", errs, string),
    );
    let (segments, personal) = (
        f.part(Part::Personal, "segments", errs, |f, e| {
            f.list("segments", e, string)
        }),
        f.part(Part::Personal, "personal", errs, |f, e| {
            f.optional("personal", e, personal)
        }),
    );
    let grants = f.optional("grants", errs, grants);
    let (Some(threshold), Some(reward)) = (threshold, reward) else {
        return None;
    };
    Some(RawGoal {
        segments,
        personal,
        grants,
        threshold,
        reward,
        by_currency,
        by_country,
        starts_at,
        ends_at,
    })
}

fn messages(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawMessages> {
    let f = fields(v, path, RawMessages::KEYS, errs)?;
    Some(RawMessages {
        empty: f.optional("empty", errs, string),
        progress: f.optional("progress", errs, string),
        achieved: f.optional("achieved", errs, string),
    })
}

fn bundle(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawBundle> {
    let f = fields(v, path, RawBundle::KEYS, errs)?;
    let (id, items) = (
        f.required("id", errs, string),
        f.required("items", errs, strings),
    );
    let title = f.optional("title", errs, string);
    let price = f.optional("price", errs, literal);
    let percent_off = f.optional("percent_off", errs, literal);
    let amount_off = f.optional("amount_off", errs, literal);
    let url = f.optional("url", errs, string);
    let starts_at = f.optional("starts_at", errs, string);
    let ends_at = f.optional("ends_at", errs, string);
    let segments = f.part(Part::Personal, "segments", errs, |f, e| {
        f.list("segments", e, string)
    });
    let (Some(id), Some(items)) = (id, items) else {
        return None;
    };
    Some(RawBundle {
        title,
        price,
        percent_off,
        amount_off,
        url,
        starts_at,
        ends_at,
        // Read by the platform adapters from the text, as `variant_id` is.
        discount_code: None,
        segments,
        id,
        items,
    })
}

fn tier_set(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawTierSet> {
    let f = fields(v, path, RawTierSet::KEYS, errs)?;
    let (product, tiers) = (
        f.required("product", errs, string),
        f.required("tiers", errs, |v, p, e| Some(list(v, p, e, tier))),
    );
    let nudge = f.optional("nudge", errs, text);
    let starts_at = f.optional("starts_at", errs, string);
    let ends_at = f.optional("ends_at", errs, string);
    let segments = f.part(Part::Personal, "segments", errs, |f, e| {
        f.list("segments", e, string)
    });
    let display = f.optional("display", errs, string);
    let (Some(product), Some(tiers)) = (product, tiers) else {
        return None;
    };
    Some(RawTierSet {
        display,
        nudge,
        starts_at,
        ends_at,
        segments,
        product,
        tiers,
    })
}

fn tier(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawTier> {
    let f = fields(v, path, RawTier::KEYS, errs)?;
    let (min_quantity, percent_off) = (
        f.required("min_quantity", errs, whole),
        f.required("percent_off", errs, literal),
    );
    let badge = f.optional("badge", errs, string);
    let (Some(min_quantity), Some(percent_off)) = (min_quantity, percent_off) else {
        return None;
    };
    Some(RawTier {
        min_quantity,
        percent_off,
        badge,
    })
}

fn deal(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawDeal> {
    let f = fields(v, path, RawDeal::KEYS, errs)?;
    let (id, buy, get) = (
        f.required("id", errs, string),
        f.required("buy", errs, deal_buy),
        f.required("get", errs, deal_get),
    );
    let limit = f.optional("limit", errs, whole);
    let (Some(id), Some(buy), Some(get)) = (id, buy, get) else {
        return None;
    };
    Some(RawDeal {
        limit,
        id,
        buy,
        get,
    })
}

fn deal_buy(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawDealBuy> {
    let f = fields(v, path, RawDealBuy::KEYS, errs)?;
    let (products, quantity) = (
        f.required("products", errs, strings),
        f.required("quantity", errs, whole),
    );
    let (Some(products), Some(quantity)) = (products, quantity) else {
        return None;
    };
    Some(RawDealBuy { products, quantity })
}

fn deal_get(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawDealGet> {
    let f = fields(v, path, RawDealGet::KEYS, errs)?;
    let (products, quantity, percent_off) = (
        f.required("products", errs, strings),
        f.required("quantity", errs, whole),
        f.required("percent_off", errs, literal),
    );
    let (Some(products), Some(quantity), Some(percent_off)) = (products, quantity, percent_off)
    else {
        return None;
    };
    Some(RawDealGet {
        products,
        quantity,
        percent_off,
    })
}

fn upsell(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawUpsell> {
    let f = fields(v, path, RawUpsell::KEYS, errs)?;
    let (id, product) = (
        f.required("id", errs, string),
        f.required("product", errs, string),
    );
    let title = f.optional("title", errs, string);
    let description = f.optional("description", errs, string);
    let price = f.optional("price", errs, literal);
    let percent_of = f.optional("percent_of", errs, percent_of);
    let percent_off = f.optional("percent_off", errs, literal);
    let when = f.optional("when", errs, when);
    let starts_at = f.optional("starts_at", errs, string);
    let ends_at = f.optional("ends_at", errs, string);
    let segments = f.part(Part::Personal, "segments", errs, |f, e| {
        f.list("segments", e, string)
    });
    let (Some(id), Some(product)) = (id, product) else {
        return None;
    };
    Some(RawUpsell {
        title,
        description,
        price,
        percent_of,
        percent_off,
        when,
        starts_at,
        ends_at,
        discount_code: None,
        segments,
        id,
        product,
    })
}

fn percent_of(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawPercentOf> {
    let f = fields(v, path, RawPercentOf::KEYS, errs)?;
    let percent = f.required("percent", errs, literal);
    let product = f.optional("product", errs, string);
    let subtotal = f.optional("subtotal", errs, boolean);
    let percent = percent?;
    Some(RawPercentOf {
        product,
        subtotal,
        percent,
    })
}

fn when(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawWhen> {
    let f = fields(v, path, RawWhen::KEYS, errs)?;
    Some(RawWhen {
        cart_contains: f.list("cart_contains", errs, string),
        cart_contains_all: f.list("cart_contains_all", errs, string),
        min_subtotal: f.optional("min_subtotal", errs, literal),
        max_subtotal: f.optional("max_subtotal", errs, literal),
    })
}

fn segment(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawSegment> {
    let f = fields(v, path, RawSegment::KEYS, errs)?;
    let (id, when) = (
        f.required("id", errs, string),
        f.required("when", errs, audience),
    );
    let (Some(id), Some(when)) = (id, when) else {
        return None;
    };
    Some(RawSegment { id, when })
}

fn audience(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawAudience> {
    let f = fields(v, path, RawAudience::KEYS, errs)?;
    Some(RawAudience {
        returning: f.optional("returning", errs, boolean),
        orders_min: f.optional("orders_min", errs, whole),
        orders_max: f.optional("orders_max", errs, whole),
        typical_min: f.optional("typical_min", errs, literal),
        typical_max: f.optional("typical_max", errs, literal),
        viewed: f.list("viewed", errs, string),
        bought: f.list("bought", errs, string),
        country: f.list("country", errs, string),
        max_width: f.optional("max_width", errs, whole),
        min_width: f.optional("min_width", errs, whole),
        utm_source: f.optional("utm_source", errs, string),
        utm_campaign: f.optional("utm_campaign", errs, string),
    })
}

fn personal(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawPersonal> {
    let f = fields(v, path, RawPersonal::KEYS, errs)?;
    let above = f.required("above_typical_percent", errs, literal);
    let round_to = f.optional("round_to", errs, literal);
    let min = f.optional("min", errs, literal);
    let max = f.optional("max", errs, literal);
    let above = above?;
    Some(RawPersonal {
        round_to,
        min,
        max,
        above_typical_percent: above,
    })
}

fn grants(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawGrants> {
    let f = fields(v, path, RawGrants::KEYS, errs)?;
    Some(RawGrants {
        free_shipping: f.optional("free_shipping", errs, free_shipping),
        percent_off: f.optional("percent_off", errs, literal),
        amount_off: f.optional("amount_off", errs, literal),
        gift: f.part(Part::Gifts, "gift", errs, |f, e| {
            f.optional("gift", e, string)
        }),
        auto: f.part(Part::Gifts, "auto", errs, |f, e| {
            f.optional("auto", e, boolean)
        }),
    })
}

fn free_shipping(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawFreeShipping> {
    match v {
        Json::Bool(true) => Some(RawFreeShipping::Cheapest),
        Json::Bool(false) => Some(RawFreeShipping::No),
        Json::Str(s) if s == "all" => Some(RawFreeShipping::All),
        _ => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!("expected true, false or \"all\", found {}", describe(v)),
            );
            None
        }
    }
}

fn experiment(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawExperiment> {
    let f = fields(v, path, RawExperiment::KEYS, errs)?;
    let (id, variants) = (
        f.required("id", errs, string),
        f.required("variants", errs, |v, p, e| Some(list(v, p, e, variant))),
    );
    let (Some(id), Some(variants)) = (id, variants) else {
        return None;
    };
    Some(RawExperiment { id, variants })
}

fn variant(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawVariant> {
    let f = fields(v, path, RawVariant::KEYS, errs)?;
    let (id, weight) = (
        f.required("id", errs, string),
        f.required("weight", errs, whole),
    );
    // The partial config is kept as its tree: it is checked laid over the config, by
    // `Setup`, so that its problems are the config's own.
    let config = f.optional("config", errs, |v, p, e| match v {
        Json::Obj(_) => Some(v.clone()),
        _ => {
            e.push(
                Code::WrongType,
                p,
                crate::msg!(
                    "expected an object of config keys {{ ... }}, found {}",
                    describe(v)
                ),
            );
            None
        }
    });
    let (Some(id), Some(weight)) = (id, weight) else {
        return None;
    };
    Some(RawVariant { id, weight, config })
}

fn theme(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawThemeChoice> {
    match v {
        Json::Str(s) if s == "auto" => return Some(RawThemeChoice::Named(ThemeName::Auto)),
        Json::Str(s) if s == "none" => return Some(RawThemeChoice::Named(ThemeName::None)),
        Json::Str(_) => {
            errs.push(
                Code::WrongType,
                path,
                crate::msg!(
                    "expected \"auto\", \"none\" or an object of colours, found {}",
                    describe(v)
                ),
            );
            return None;
        }
        _ => {}
    }
    let f = fields(v, path, RawTheme::KEYS, errs)?;
    Some(RawThemeChoice::Values(RawTheme {
        accent: f.optional("accent", errs, string),
        text: f.optional("text", errs, string),
        muted: f.optional("muted", errs, string),
        bg: f.optional("bg", errs, string),
        radius: f.optional("radius", errs, string),
        font: f.optional("font", errs, string),
    }))
}

/// A cart (spec §3); `None` (with the problems in `errs`) when its shape is wrong anywhere.
pub fn cart(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawCart> {
    let f = fields(v, path, RawCart::KEYS, errs)?;
    let (currency, items) = (
        f.required("currency", errs, string),
        f.required("items", errs, |v, p, e| Some(list(v, p, e, line))),
    );
    let country = f.optional("country", errs, string);
    let (Some(currency), Some(items)) = (currency, items) else {
        return None;
    };
    Some(RawCart {
        country,
        currency,
        items,
    })
}

fn line(v: &Json, path: &Path, errs: &mut Errors) -> Option<RawLine> {
    let f = fields(v, path, RawLine::KEYS, errs)?;
    let (id, quantity) = (
        f.required("id", errs, string),
        f.required("quantity", errs, whole),
    );
    let price = f.optional("price", errs, literal);
    let line_price = f.optional("line_price", errs, literal);
    let title = f.optional("title", errs, string);
    let gift = f.optional("gift", errs, boolean);
    let (Some(id), Some(quantity)) = (id, quantity) else {
        return None;
    };
    Some(RawLine {
        price,
        line_price,
        title,
        gift,
        id,
        quantity,
    })
}
