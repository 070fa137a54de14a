//! The config exactly as the merchant writes it (spec §2), before any check.
//!
//! [`super::decode`] fills these from the tree cartlift's JSON reader makes (no serde
//! deserializer is involved); with the `schema` feature, schemars derives the JSON Schema from
//! them, which is why they carry serde attributes there. Amounts, percentages and times are
//! kept as the text written; they are read exactly, and checked all at once, by
//! [`super::validate`].
//!
//! Long because each field's doc comment is the merchant's reference: the JSON Schema, the
//! README's config tables and `cartlift.d.ts` are generated from these.

/// Declares a config object: its struct, and `KEYS`, the keys the merchant may write in it, one
/// per field in the fields' order (a field's name, or the key written after `as`). The one
/// declaration the decoder's key lists follow from, as the JSON Schema (schemars derives it from
/// the same fields), the README's tables and `cartlift.d.ts` do. Fields after `also` hold what
/// is read from another object's key, and are no key of their own. The name after the struct's
/// `as` is its name in the schema (`RawGoal as "Goal"`); every object derives `Debug` and
/// `Clone`, and with `schema` its JSON Schema, unknown keys refused.
macro_rules! object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $schema_name:literal {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident $(as $key:literal)? : $ty:ty,
            )*
        } $(also {
            $(
                $(#[$also_meta:meta])*
                pub $also:ident : $also_ty:ty,
            )*
        })?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[cfg_attr(feature = "schema", derive(JsonSchema))]
        #[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
        #[cfg_attr(feature = "schema", schemars(rename = $schema_name))]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            $($(
                $(#[$also_meta])*
                pub $also: $also_ty,
            )*)?
        }

        impl $name {
            /// The keys this object may have.
            pub const KEYS: &'static [&'static str] = &[$(object!(@key $field $($key)?)),*];
        }
    };
    (@key $field:ident $key:literal) => { $key };
    (@key $field:ident) => { stringify!($field) };
}

#[cfg(feature = "schema")]
use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A number as the merchant wrote it, kept as the text written so that it is never rounded
/// through floating point: read exactly by [`crate::money::parse_amount`] and
/// [`crate::money::parse_percent`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Literal {
    /// A JSON number (`12.99`): its digits.
    Number(String),
    /// A JSON string (`"12.99"`): its text, without the quotes.
    Text(String),
}

impl Literal {
    /// The text written, without the quotes of a string.
    pub fn text(&self) -> &str {
        match self {
            Literal::Number(t) | Literal::Text(t) => t,
        }
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for Literal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal in major units, as a string (\"12.99\") or a number (12.99). Never more decimals than the currency has.",
            "anyOf": [
                { "type": "string", "pattern": "^\\s*\\+?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?\\s*$" },
                { "type": "number", "minimum": 0 }
            ]
        })
    }
}

/// Text the shopper reads: a string, or plural forms by CLDR category (`{"one": "…", "other":
/// "…"}`), the form picked by the browser's `Intl.PluralRules` for the count the text names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawText {
    /// One text for every count.
    Plain(String),
    /// `(category, text)` in the merchant's order.
    Plural(Vec<(String, String)>),
}

#[cfg(feature = "schema")]
impl JsonSchema for RawText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let form = |name: &str| serde_json::json!({ "type": "string", "description": format!("The text for counts in the \"{name}\" category.") });
        schemars::json_schema!({
            "description": "Text, or plural forms by CLDR category (\"one\", \"other\", …; \"other\" is required), picked by the browser's Intl.PluralRules for the count the text names.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "zero": form("zero"), "one": form("one"), "two": form("two"),
                        "few": form("few"), "many": form("many"), "other": form("other")
                    },
                    "required": ["other"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The pattern of a key of `labels` that names a language (spec §13): a language tag, whose
/// first part of two or three letters no label's key has.
pub const LANGUAGE_KEY: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

/// The schema of `labels`: one optional key per label of [`super::labels::LABELS`], and
/// objects of them keyed by language ([`LanguageLabelsSchema`]).
#[cfg(feature = "schema")]
pub struct LabelsSchema;

/// The schema of one language's labels in `labels` (spec §13).
#[cfg(feature = "schema")]
pub struct LanguageLabelsSchema;

/// One optional key per label, each its text with its description and default.
#[cfg(feature = "schema")]
fn label_properties(generator: &mut schemars::SchemaGenerator) -> serde_json::Value {
    let text = generator.subschema_for::<RawText>();
    let mut properties = serde_json::Map::new();
    for l in super::labels::LABELS {
        let mut entry = text.clone().to_value();
        if let Some(obj) = entry.as_object_mut() {
            obj.insert(
                "description".into(),
                format!("{} Default \"{}\".", l.about, l.default).into(),
            );
        }
        properties.insert(l.key.into(), entry);
    }
    properties.into()
}

#[cfg(feature = "schema")]
impl JsonSchema for LanguageLabelsSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LanguageLabels".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One language's labels (spec §13), read on pages in that language: \"de\" serves \"de-AT\" pages too, and the closest tag wins. A label left out is the flat one's, else cartlift's own words.",
            "type": "object",
            "properties": label_properties(generator),
            "additionalProperties": false
        })
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for LabelsSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Labels".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let language = generator.subschema_for::<LanguageLabelsSchema>();
        schemars::json_schema!({
            "description": "Every word the widgets show or announce, by name, with English defaults (spec §7); or keyed by language, {\"de\": {…}, \"fr\": {…}} (spec §13). Placeholders as in the defaults.",
            "type": "object",
            "properties": label_properties(generator),
            "patternProperties": { LANGUAGE_KEY: language },
            "additionalProperties": false
        })
    }
}

object! {
    /// The whole config (spec §2).
    pub struct RawConfig as "Config" {
        /// Lets an editor find this schema; ignored by cartlift.
        #[cfg_attr(feature = "schema", serde(rename = "$schema", default))]
        pub schema as "$schema": Option<String>,
        /// The ISO 4217 code every price is in, e.g. "USD", "EUR", "JPY".
        pub currency: String,
        /// The BCP 47 language tag amounts and text are formatted for, e.g. "en-US", "de-DE", "ar-EG", or "auto": the page's language (`Shopify.locale` on Shopify, else `<html lang>`), followed when the page switches language. Default "en-US".
        #[cfg_attr(feature = "schema", serde(default))]
        pub locale: Option<String>,
        /// The catalog: every product a widget may show, suggest or price.
        pub products: Vec<RawProduct>,
        /// The free-shipping progress bar.
        #[cfg_attr(feature = "schema", serde(default))]
        pub shipping_bar: Option<RawShippingBar>,
        /// "Frequently bought together" bundles.
        #[cfg_attr(feature = "schema", serde(default))]
        pub bundles: Vec<RawBundle>,
        /// Quantity discounts ("buy 3, save 20%"), one set per product.
        #[cfg_attr(feature = "schema", serde(default))]
        pub volume_tiers: Vec<RawTierSet>,
        /// Buy X get Y deals (spec §12: "buy 2 socks, get 1 free"), computed into `cartlift.state()`'s `deals`. Not yet shown by `<cartlift-tiers>` nor charged at checkout: see the README's "Buy X get Y".
        #[cfg_attr(feature = "schema", serde(default))]
        pub buy_x_get_y: Vec<RawDeal>,
        /// Order bumps shown as a checkbox ("Add a 2-year warranty for $12.00").
        #[cfg_attr(feature = "schema", serde(default))]
        pub upsells: Vec<RawUpsell>,
        /// How many upsell offers to show at once. Default 1: don't overwhelm the shopper.
        #[cfg_attr(feature = "schema", serde(default))]
        pub max_offers: Option<u32>,
        /// The widgets' look: "auto" (the default: the page's typography and text colour, and the accent, radius and weight of the page's primary button), "none" (the page's typography and text colour only), or colours, radius and font to use (anything left out is "auto").
        #[cfg_attr(feature = "schema", serde(default))]
        pub theme: Option<RawThemeChoice>,
        /// The words the widgets show (spec §7): in the config's own language, or keyed by language (spec §13: `{"de": {...}, "fr": {...}}`), the page's language winning over the flat ones.
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<LabelsSchema>"))]
        pub labels: Vec<(String, RawText)>,
        /// A sample cart for previews and demos: shown until the page calls setCart, and never to shoppers once it has. The preview's embed snippet leaves it out.
        #[cfg_attr(feature = "schema", serde(default))]
        pub cart: Option<RawCart>,
        /// Groups of shoppers, by what this browser did here and by the page (spec §8): `{"id": "vip", "when": {"orders_min": 3}}`. Any goal, bundle, tier set or upsell may then list the `segments` it is shown to. Worked out in the shopper's browser; nothing is sent anywhere.
        #[cfg_attr(feature = "schema", serde(default))]
        pub segments: Vec<RawSegment>,
        /// A/B tests (spec §8): each shopper is put, at random but for good, in one weighted variant of each experiment, and sees the config with that variant's `config` laid over it. `?cartlift_variant=ID` in the page's URL forces a variant, for the merchant.
        #[cfg_attr(feature = "schema", serde(default))]
        pub experiments: Vec<RawExperiment>,
        /// How many hours before its `ends_at` an offer shows a countdown ("Ends in 2 h 14 min"). Default 24; 0 shows none.
        #[cfg_attr(feature = "schema", serde(default))]
        pub countdown_hours: Option<u32>,
    } also {
        /// The objects of `labels` keyed by language (spec §13), `(tag, labels)` in the merchant's
        /// order. Read by the tools only: the widget's wasm is handed the page's language, flat.
        #[cfg(feature = "languages")]
        #[cfg_attr(feature = "schema", serde(skip))]
        pub languages: Vec<(String, Vec<(String, RawText)>)>,
    }
}

object! {
    /// A group of shoppers.
    pub struct RawSegment as "ShopperSegment" {
        /// The merchant's name for the group, listed in an offer's `segments`.
        pub id: String,
        /// Who is in it: every condition given must hold.
        pub when: RawAudience,
    }
}

object! {
    /// A segment's conditions, on what this browser did in the shop and on the page. Every condition given must hold (so a minimum above its maximum matches no one); with none, everyone is in.
    #[derive(Default)]
    pub struct RawAudience as "Audience" {
        /// `true`: shoppers who visited before (30 minutes apart) or ordered; `false`: first-time visitors.
        #[cfg_attr(feature = "schema", serde(default))]
        pub returning: Option<bool>,
        /// At least this many orders placed from this browser.
        #[cfg_attr(feature = "schema", serde(default))]
        pub orders_min: Option<u32>,
        /// At most this many orders.
        #[cfg_attr(feature = "schema", serde(default))]
        pub orders_max: Option<u32>,
        /// A typical (median) order of at least this, in the config's currency.
        #[cfg_attr(feature = "schema", serde(default))]
        pub typical_min: Option<Literal>,
        /// A typical (median) order of at most this, in the config's currency.
        #[cfg_attr(feature = "schema", serde(default))]
        pub typical_max: Option<Literal>,
        /// Viewed any of these product ids.
        #[cfg_attr(feature = "schema", serde(default))]
        pub viewed: Vec<String>,
        /// Bought any of these product ids before.
        #[cfg_attr(feature = "schema", serde(default))]
        pub bought: Vec<String>,
        /// In one of these countries (ISO 3166 alpha-2), as the cart or the page says.
        #[cfg_attr(feature = "schema", serde(default))]
        pub country: Vec<String>,
        /// A viewport at most this many CSS pixels wide (phones: 600).
        #[cfg_attr(feature = "schema", serde(default))]
        pub max_width: Option<u32>,
        /// A viewport at least this many CSS pixels wide.
        #[cfg_attr(feature = "schema", serde(default))]
        pub min_width: Option<u32>,
        /// Landed on the shop from a URL with this `utm_source` (any case).
        #[cfg_attr(feature = "schema", serde(default))]
        pub utm_source: Option<String>,
        /// Landed on the shop from a URL with this `utm_campaign` (any case).
        #[cfg_attr(feature = "schema", serde(default))]
        pub utm_campaign: Option<String>,
    }
}

object! {
    /// A goal within this shopper's reach: for shoppers with orders in the config's currency, the threshold is their typical (median) order raised by `above_typical_percent`, rounded up to `round_to` and held within `min` and `max`; everyone else gets the goal's `threshold`. The reward is real only if checkout grants it at that amount: pair it with a discount the platform applies.
    pub struct RawPersonal as "Personal" {
        /// How far above the typical order, 0 to 100 percent.
        pub above_typical_percent: Literal,
        /// Rounded up to a multiple of this amount: "5.00".
        #[cfg_attr(feature = "schema", serde(default))]
        pub round_to: Option<Literal>,
        /// Never below this amount.
        #[cfg_attr(feature = "schema", serde(default))]
        pub min: Option<Literal>,
        /// Never above this amount.
        #[cfg_attr(feature = "schema", serde(default))]
        pub max: Option<Literal>,
    }
}

object! {
    /// An A/B test.
    pub struct RawExperiment as "Experiment" {
        /// The merchant's name for the test, in every event's `source.variant`.
        pub id: String,
        /// At least two; a shopper is in variant `i` with chance `weight[i] / Σ weight`.
        pub variants: Vec<RawVariant>,
    }
}

object! {
    /// One arm of an experiment.
    pub struct RawVariant as "Variant" {
        /// The variant's name: "control", "t60".
        pub id: String,
        /// Its share of shoppers, relative to the other variants' weights.
        pub weight: u32,
        /// Parts of the config this variant changes, laid over the config: objects merge key by key, anything else (lists, text, numbers) replaces the config's, so `{"upsells": []}` shows no upsell and `{"shipping_bar": {"goals": [...]}}` changes only the goals. Without it, the config as it is (a control).
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(
            feature = "schema",
            schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")
        )]
        pub config: Option<crate::json::Json>,
    }
}

object! {
    /// A product of the catalog.
    pub struct RawProduct as "Product" {
        /// The merchant's own id for the product, used everywhere else in the config and the cart.
        pub id: String,
        /// The name shown to shoppers.
        pub title: String,
        /// The price of one, in the config's currency.
        pub price: Literal,
        /// An image URL: http(s) or relative.
        #[cfg_attr(feature = "schema", serde(default))]
        pub image: Option<String>,
        /// The product page: http(s) or relative.
        #[cfg_attr(feature = "schema", serde(default))]
        pub url: Option<String>,
        /// The platform's purchasable item (spec §6): a Shopify variant id, a WooCommerce product or variation id; a JSON string or a whole number. Needed with `data-platform`.
        /// (The widget reads only the key: the platform module and `cartlift check` read the value from the text, so this stays `None` after decoding.)
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<VariantId>"))]
        pub variant_id: Option<Literal>,
        /// Products to recommend with this one ("Recommended for you", `<cartlift-recommendations>`), most related first. `cartlift mine-bundles --apply` writes them from the shop's orders.
        #[cfg_attr(feature = "schema", serde(default))]
        pub related: Vec<String>,
        /// The names of the product's options, in order ("Size", "Colour"), when it comes in variants (spec §10): the shopper picks one value of each.
        #[cfg_attr(feature = "schema", serde(default))]
        pub options: Vec<String>,
        /// Its variants (spec §10): each purchasable on its own, picked by the shopper wherever the product is offered. Bundles, tiers, goals, exclusions and upsell conditions speak of the product; a cart line may name either.
        #[cfg_attr(feature = "schema", serde(default))]
        pub variants: Option<Vec<RawProductVariant>>,
    }
}

object! {
    /// One variant of a product (spec §10): a size, a colour, a shade.
    pub struct RawProductVariant as "ProductVariant" {
        /// Its own id, unique across every product and variant: what a cart line and the add-to-cart events name.
        pub id: String,
        /// Its value of each of the product's `options`, in their order: `["XL", "Black"]`.
        pub options: Vec<String>,
        /// The platform's purchasable item for this variant (spec §6): a Shopify variant id, a WooCommerce variation id; a JSON string or a whole number.
        /// (Read, like the product's, by the platform module and `cartlift check` from the text.)
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<VariantId>"))]
        pub variant_id: Option<Literal>,
        /// Its price, when it differs from the product's: in the config's currency.
        #[cfg_attr(feature = "schema", serde(default))]
        pub price: Option<Literal>,
        /// Its image, when it differs from the product's: http(s) or relative.
        #[cfg_attr(feature = "schema", serde(default))]
        pub image: Option<String>,
        /// Its page, when it differs from the product's: http(s) or relative.
        #[cfg_attr(feature = "schema", serde(default))]
        pub url: Option<String>,
        /// `false`: shown (its choice disabled) but never added. A product none of whose variants is available is not offered anywhere.
        #[cfg_attr(feature = "schema", serde(default))]
        pub available: Option<bool>,
    }
}

/// A platform's id: a JSON string or a whole number.
#[cfg(feature = "schema")]
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum VariantId {
    /// As text: "44012345678901".
    Text(String),
    /// As a number: 44012345678901.
    Number(u64),
}

object! {
    /// The free-shipping progress bar.
    pub struct RawShippingBar as "ShippingBar" {
        /// Goals in increasing order of threshold: free shipping at 75, a gift at 150.
        pub goals: Vec<RawGoal>,
        /// What the bar says when the cart is empty, on the way to a goal, and when every goal is reached.
        #[cfg_attr(feature = "schema", serde(default))]
        pub messages: Option<RawMessages>,
        /// Product ids that do not count toward the goals (gift cards, warranties).
        #[cfg_attr(feature = "schema", serde(default))]
        pub exclude: Vec<String>,
        /// How many "cart filler" products to suggest that close the gap to the next goal. Default 0.
        #[cfg_attr(feature = "schema", serde(default))]
        pub fillers: Option<u32>,
        /// Which subtotal counts toward the goals: "after_discounts" (the default: what the shopper will pay for the items, after the cart's line discounts) or "before_discounts" (the items at their prices). Match the store's own rule for free shipping, so that the bar and checkout agree.
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<Subtotal>"))]
        pub subtotal: Option<String>,
    }
}

// The schema's type only: the decoder reads the text, and the checker judges it.
/// Which subtotal counts toward the shipping goals.
#[cfg(feature = "schema")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
#[allow(dead_code)]
enum Subtotal {
    /// What the shopper will pay for the items: each line after the cart's line discounts (the default).
    AfterDiscounts,
    /// The items at their prices, before any cart discount.
    BeforeDiscounts,
}

object! {
    /// One goal of the shipping bar.
    pub struct RawGoal as "Goal" {
        /// The subtotal that unlocks the reward, in the config's currency.
        pub threshold: Literal,
        /// What the shopper unlocks, as it reads in the messages: "free shipping".
        pub reward: String,
        /// Thresholds for carts in other currencies: {"EUR": "70.00"}.
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Literal>"))]
        pub by_currency: Vec<(String, Literal)>,
        /// Thresholds for shoppers in given countries (ISO 3166 alpha-2), in the config's currency: {"CA": "100.00"}.
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Literal>"))]
        pub by_country: Vec<(String, Literal)>,
        /// When the goal starts to apply (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub starts_at: Option<String>,
        /// When the goal stops applying (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub ends_at: Option<String>,
        /// Applies only to shoppers in one of these segments (ids from the config's `segments`). Default: everyone.
        #[cfg_attr(feature = "schema", serde(default))]
        pub segments: Vec<String>,
        /// A threshold within each shopper's reach, from their past orders (in the config's currency only).
        #[cfg_attr(feature = "schema", serde(default))]
        pub personal: Option<RawPersonal>,
        /// What checkout gives once the goal is reached (spec §11): `{"free_shipping": true}`, `{"percent_off": 10}` or `{"amount_off": "5.00"}`, through cartlift's Shopify Function. Without it the reward is words only: the store must grant it by a rule of its own.
        #[cfg_attr(feature = "schema", serde(default))]
        pub grants: Option<RawGrants>,
    }
}

object! {
    /// What checkout gives for a reached goal.
    #[derive(Default)]
    pub struct RawGrants as "Grants" {
        /// `true`: 100% off the cheapest delivery option of each delivery group; `"all"`: off every option.
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<FreeShippingSchema>"))]
        pub free_shipping: Option<RawFreeShipping>,
        /// A percentage off the order's subtotal (the items that count toward the goals).
        #[cfg_attr(feature = "schema", serde(default))]
        pub percent_off: Option<Literal>,
        /// An amount off the order's subtotal, in the config's currency.
        #[cfg_attr(feature = "schema", serde(default))]
        pub amount_off: Option<Literal>,
        /// A product given free once the goal is reached (its id), or one of its variants (spec §10): the bar shows a button that adds it (a product with variants in the colour or size the shopper picks beside it), one unit costs nothing at checkout while the goal holds, and it never counts toward a goal.
        #[cfg_attr(feature = "schema", serde(default))]
        pub gift: Option<String>,
        /// With `gift`: `true` adds the gift without a click once the goal is reached (not again once the shopper removes it).
        #[cfg_attr(feature = "schema", serde(default))]
        pub auto: Option<bool>,
    }
}

/// A goal's `free_shipping`, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawFreeShipping {
    /// `false`: none.
    No,
    /// `true`: the cheapest option of each delivery group.
    Cheapest,
    /// `"all"`: every option.
    All,
}

// The schema's type only: `true`, `false` or `"all"`.
/// Free shipping: `true` (the cheapest option of each delivery group), `"all"` (every option), or `false`.
#[cfg(feature = "schema")]
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum FreeShippingSchema {
    /// `true` or `false`.
    Flag(bool),
    /// `"all"`.
    Every(AllOptions),
}

// The schema's type only.
#[cfg(feature = "schema")]
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum AllOptions {
    /// Every delivery option.
    All,
}

object! {
    /// The shipping bar's messages. Placeholders: {remaining}, {threshold}, {reward}, {subtotal}.
    pub struct RawMessages as "Messages" {
        /// Shown while the cart is empty. Default: the `bar_empty` label, "Spend {threshold} to unlock {reward}".
        #[cfg_attr(feature = "schema", serde(default))]
        pub empty: Option<String>,
        /// Shown on the way to a goal. Default: the `bar_progress` label, "You're {remaining} away from {reward}".
        #[cfg_attr(feature = "schema", serde(default))]
        pub progress: Option<String>,
        /// Shown when every goal is reached. Default: the `bar_achieved` label, "You've unlocked {reward}!".
        #[cfg_attr(feature = "schema", serde(default))]
        pub achieved: Option<String>,
    }
}

object! {
    /// A "frequently bought together" bundle. Give exactly one of `price`, `percent_off`, `amount_off`. At the cart's prices (a sale price, say) a bundle that would save nothing is not offered: `state().bundles_left_out` says so, and the merchant preview lists it.
    pub struct RawBundle as "Bundle" {
        /// The merchant's id for the bundle, sent with add-to-cart events.
        pub id: String,
        /// The bundle's name. Default: its items' titles joined with " + ".
        #[cfg_attr(feature = "schema", serde(default))]
        pub title: Option<String>,
        /// Product ids, at least two. An id may repeat ("two shirts").
        pub items: Vec<String>,
        /// A fixed price for the whole bundle.
        #[cfg_attr(feature = "schema", serde(default))]
        pub price: Option<Literal>,
        /// A percentage off the items' total, 0 to 100. The discount is rounded half away from zero to the minor unit, so on a tie the price rounds down.
        #[cfg_attr(feature = "schema", serde(default))]
        pub percent_off: Option<Literal>,
        /// An amount off the items' total.
        #[cfg_attr(feature = "schema", serde(default))]
        pub amount_off: Option<Literal>,
        /// A page with the bundle's details: http(s) or relative.
        #[cfg_attr(feature = "schema", serde(default))]
        pub url: Option<String>,
        /// When the bundle starts to be offered (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub starts_at: Option<String>,
        /// When the bundle stops being offered (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub ends_at: Option<String>,
        /// A discount code the platform honours at checkout, applied when the shopper adds this offer with `data-platform` (Shopify's `cart/update.js`, WooCommerce's `cart/apply-coupon`).
        /// (Read by the platform adapters from the text: `None` after the widget's decoding.)
        #[cfg_attr(feature = "schema", serde(default))]
        pub discount_code: Option<String>,
        /// Shown only to shoppers in one of these segments (ids from the config's `segments`). Default: everyone.
        #[cfg_attr(feature = "schema", serde(default))]
        pub segments: Vec<String>,
    }
}

object! {
    /// Quantity discounts for one product.
    pub struct RawTierSet as "TierSet" {
        /// The product id the tiers apply to.
        pub product: String,
        /// Tiers in increasing order of quantity and discount.
        pub tiers: Vec<RawTier>,
        /// The nudge toward the next tier. Placeholders: {more}, {percent}, {product}; plural forms follow {more}. Default: the `nudge` label.
        #[cfg_attr(feature = "schema", serde(default))]
        pub nudge: Option<RawText>,
        /// When the tiers start to apply (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub starts_at: Option<String>,
        /// When the tiers stop applying (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub ends_at: Option<String>,
        /// Applies only to shoppers in one of these segments (ids from the config's `segments`). Default: everyone.
        #[cfg_attr(feature = "schema", serde(default))]
        pub segments: Vec<String>,
        /// How `<cartlift-tiers>` shows the tiers: "list" (the default: each tier and the one in force) or "selector" (a radio group of quantities, one unit and each tier's `min_quantity`, each with its unit price, total, saving and badge, and a button that adds the chosen quantity).
        #[cfg_attr(feature = "schema", serde(default))]
        #[cfg_attr(feature = "schema", schemars(with = "Option<TierDisplay>"))]
        pub display: Option<String>,
    }
}

// The schema's type only: the decoder reads the text, and the checker judges it.
/// How a tier set is shown.
#[cfg(feature = "schema")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
#[allow(dead_code)]
enum TierDisplay {
    /// Each tier, the one in force marked, and the nudge to the next (the default).
    List,
    /// A radio group of quantities with an add button: the shopper picks how many.
    Selector,
}

object! {
    /// One volume tier: from `min_quantity` on, each unit costs `percent_off` less. The discount on one unit is rounded half away from zero to the minor unit, so on a tie the price rounds down (10% off $0.25 is $0.22).
    pub struct RawTier as "Tier" {
        /// The quantity from which the tier applies, at least 1.
        pub min_quantity: u32,
        /// The discount on each unit, 0 to 100, rounded half away from zero to the minor unit.
        pub percent_off: Literal,
        /// A few words the selector shows on this quantity ("Most popular"); only with `"display": "selector"`.
        #[cfg_attr(feature = "schema", serde(default))]
        pub badge: Option<String>,
    }
}

object! {
    /// A buy X get Y deal: once `buy.quantity` units of the `buy` products are in the cart, `get.quantity` units of the `get` products take `get.percent_off`, the cheapest first, a unit never counted as both bought and got; as many times as the cart allows, up to `limit`.
    pub struct RawDeal as "Deal" {
        /// The merchant's id for the deal, unique among the deals.
        pub id: String,
        /// What the shopper buys.
        pub buy: RawDealBuy,
        /// What they get for it.
        pub get: RawDealGet,
        /// The most times the deal applies to one cart, at least 1. Default: as many as the cart allows.
        #[cfg_attr(feature = "schema", serde(default))]
        pub limit: Option<u32>,
    }
}

object! {
    /// The side of a deal the shopper buys.
    pub struct RawDealBuy as "DealBuy" {
        /// The products whose units count as bought (any mix of them).
        pub products: Vec<String>,
        /// How many units each time the deal applies, at least 1.
        pub quantity: u32,
    }
}

object! {
    /// The side of a deal the shopper gets.
    pub struct RawDealGet as "DealGet" {
        /// The products whose units may be got (the cheapest in the cart are).
        pub products: Vec<String>,
        /// How many units each time the deal applies, at least 1.
        pub quantity: u32,
        /// What each unit got takes off its own price, more than 0 and at most 100 (free), rounded half away from zero to the minor unit.
        pub percent_off: Literal,
    }
}

object! {
    /// An order bump: a checkbox that adds one product.
    pub struct RawUpsell as "Upsell" {
        /// The merchant's id for the offer, sent with add- and remove-from-cart events.
        pub id: String,
        /// The product the checkbox adds.
        pub product: String,
        /// The checkbox's label. Default: the product's title.
        #[cfg_attr(feature = "schema", serde(default))]
        pub title: Option<String>,
        /// A line under the label.
        #[cfg_attr(feature = "schema", serde(default))]
        pub description: Option<String>,
        /// A fixed price instead of the catalog price.
        #[cfg_attr(feature = "schema", serde(default))]
        pub price: Option<Literal>,
        /// A price that is a percentage of a cart line or of the subtotal (shipping protection).
        #[cfg_attr(feature = "schema", serde(default))]
        pub percent_of: Option<RawPercentOf>,
        /// A discount shown against the full price, 0 to 100; the discount rounds half away from zero, so on a tie the price rounds down.
        #[cfg_attr(feature = "schema", serde(default))]
        pub percent_off: Option<Literal>,
        /// When the offer shows; with no conditions it always does.
        #[cfg_attr(feature = "schema", serde(default))]
        pub when: Option<RawWhen>,
        /// When the offer starts (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub starts_at: Option<String>,
        /// When the offer ends (RFC 3339).
        #[cfg_attr(feature = "schema", serde(default))]
        pub ends_at: Option<String>,
        /// A discount code the platform honours at checkout, applied when the shopper adds this offer with `data-platform` (Shopify's `cart/update.js`, WooCommerce's `cart/apply-coupon`).
        /// (Read by the platform adapters from the text: `None` after the widget's decoding.)
        #[cfg_attr(feature = "schema", serde(default))]
        pub discount_code: Option<String>,
        /// Shown only to shoppers in one of these segments (ids from the config's `segments`). Default: everyone.
        #[cfg_attr(feature = "schema", serde(default))]
        pub segments: Vec<String>,
    }
}

object! {
    /// What an upsell's price is a percentage of: `{"product": "laptop", "percent": 10}` or
    /// `{"subtotal": true, "percent": 2}`.
    pub struct RawPercentOf as "PercentOf" {
        /// A product id: the price is a percentage of that cart line.
        #[cfg_attr(feature = "schema", serde(default))]
        pub product: Option<String>,
        /// `true`: the price is a percentage of the cart subtotal without the offer's own line (so ticking it does not change its price).
        #[cfg_attr(feature = "schema", serde(default))]
        pub subtotal: Option<bool>,
        /// The percentage, 0 to 100.
        pub percent: Literal,
    }
}

object! {
    /// Conditions for an upsell to show.
    pub struct RawWhen as "When" {
        /// Shows when the cart holds any of these product ids.
        #[cfg_attr(feature = "schema", serde(default))]
        pub cart_contains: Vec<String>,
        /// Shows when the cart holds all of these product ids.
        #[cfg_attr(feature = "schema", serde(default))]
        pub cart_contains_all: Vec<String>,
        /// Shows when the subtotal is at least this.
        #[cfg_attr(feature = "schema", serde(default))]
        pub min_subtotal: Option<Literal>,
        /// Shows when the subtotal is at most this.
        #[cfg_attr(feature = "schema", serde(default))]
        pub max_subtotal: Option<Literal>,
    }
}

/// How the widgets look: sampled from the page, or given.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
#[cfg_attr(feature = "schema", schemars(rename = "ThemeChoice"))]
pub enum RawThemeChoice {
    /// "auto" or "none".
    Named(ThemeName),
    /// Values to use; the rest is sampled as with "auto".
    Values(RawTheme),
}

/// A theme by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "lowercase"))]
pub enum ThemeName {
    /// Accent, radius and weight from the page's primary button (the default).
    Auto,
    /// Nothing sampled from the page's button: the page's typography and text colour, buttons
    /// in the browser's own text and background colours.
    None,
}

object! {
    /// The widgets' look. Each value is a CSS value; the page's CSS custom properties
    /// `--cartlift-accent` and so on win over these.
    #[derive(Default)]
    pub struct RawTheme as "Theme" {
        /// Buttons, the bar's fill, the best-value mark: "#0a7c55".
        #[cfg_attr(feature = "schema", serde(default))]
        pub accent: Option<String>,
        /// Body text colour.
        #[cfg_attr(feature = "schema", serde(default))]
        pub text: Option<String>,
        /// Secondary text colour.
        #[cfg_attr(feature = "schema", serde(default))]
        pub muted: Option<String>,
        /// Background colour.
        #[cfg_attr(feature = "schema", serde(default))]
        pub bg: Option<String>,
        /// Corner radius: "8px".
        #[cfg_attr(feature = "schema", serde(default))]
        pub radius: Option<String>,
        /// Font stack: "Inter, system-ui, sans-serif".
        #[cfg_attr(feature = "schema", serde(default))]
        pub font: Option<String>,
    }
}

object! {
    /// A cart (spec §3), as the page sends it to `setCart`.
    pub struct RawCart as "Cart" {
        /// The cart's ISO 4217 currency.
        pub currency: String,
        /// The lines of the cart.
        pub items: Vec<RawLine>,
        /// The shopper's country (ISO 3166 alpha-2), for goals that differ by country.
        #[cfg_attr(feature = "schema", serde(default))]
        pub country: Option<String>,
    }
}

object! {
    /// One cart line.
    pub struct RawLine as "Line" {
        /// The product id.
        pub id: String,
        /// How many, a whole number from 0.
        pub quantity: u32,
        /// The shop's price for one, overriding the catalog's. A product on several lines is priced by its first line wherever cartlift needs its price (bundles, tiers, upsells).
        #[cfg_attr(feature = "schema", serde(default))]
        pub price: Option<Literal>,
        /// The shop's price for the whole line (after its own line discounts), overriding price × quantity in the subtotal. The platform adapters always send it.
        #[cfg_attr(feature = "schema", serde(default))]
        pub line_price: Option<Literal>,
        /// The line's title, for products cartlift's catalog does not hold.
        #[cfg_attr(feature = "schema", serde(default))]
        pub title: Option<String>,
        /// `true` for a goal's gift (what the page added for `cartlift:add-to-cart` with `source.widget: "gift"`): it never counts toward a goal, and one unit is free while the goal that gives it holds. The platform adapters set it from the line's `_cartlift_gift` property.
        #[cfg_attr(feature = "schema", serde(default))]
        pub gift: Option<bool>,
    }
}
