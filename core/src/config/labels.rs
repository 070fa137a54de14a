//! `labels` (spec §7): every word the widgets show or announce, keyed by name, with English
//! defaults. One table ([`LABELS`]) is the source for the checker, the widgets and the JSON
//! Schema, so a label cannot exist in one and not the others.

use crate::sort::CollectVec;
use crate::template::Template;

/// A label of the widgets, by the order of [`LABELS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)] // each is described in LABELS, which the schema and README show
pub enum Label {
    BundlesCaption,
    ColumnBundle,
    ColumnItemsTotal,
    ColumnBundlePrice,
    ColumnYouSave,
    ColumnAdd,
    InYourCart,
    AddBundle,
    BestValue,
    Details,
    Saving,
    BarEmpty,
    BarProgress,
    BarAchieved,
    ProgressLabel,
    FillersLabel,
    AddFiller,
    UpsellPrice,
    UpsellUnlocks,
    TiersLabel,
    TierQuantity,
    TierDiscount,
    TierUnitPrice,
    YourPrice,
    Nudge,
    ConfigProblems,
    PlatformSoldOut,
    PlatformRefused,
    PlatformOffline,
    PlatformFailed,
    CompleteSet,
    AddRest,
    AllInCart,
    RecommendationsCaption,
    ColumnItem,
    ColumnPrice,
    EndsIn,
    DurationHours,
    DurationMinutes,
    DurationSeconds,
    CountdownStarted,
    OfferEnded,
    DealFree,
    DealPercent,
    DealNudgeFree,
    DealNudgePercent,
    DealSaving,
    SelectorQuantity,
    SelectorSaving,
    SelectorAdd,
    GiftClaim,
}

/// One label: its key in `labels`, its English default, the placeholders it may use, and
/// (for the schema, so not in the wasm) where the shopper meets it.
pub struct LabelDef {
    /// The key in `labels`.
    pub key: &'static str,
    /// The English default.
    pub default: &'static str,
    /// The placeholders it may use.
    pub placeholders: &'static [&'static str],
    /// Where the shopper sees or hears it: the schema's description.
    #[cfg(feature = "schema")]
    pub about: &'static str,
}

const fn def(
    key: &'static str,
    default: &'static str,
    placeholders: &'static [&'static str],
    _about: &'static str,
) -> LabelDef {
    LabelDef {
        key,
        default,
        placeholders,
        #[cfg(feature = "schema")]
        about: _about,
    }
}

/// A label of a part a build may leave out (`crate::parts`): in a build without the part its
/// English default is empty, so that the build carries none of its text (the widget that
/// shows it is not in that build either).
const fn of(
    carried: bool,
    key: &'static str,
    default: &'static str,
    placeholders: &'static [&'static str],
    about: &'static str,
) -> LabelDef {
    def(key, if carried { default } else { "" }, placeholders, about)
}

/// Placeholders of the shipping bar's messages.
pub const BAR: &[&str] = &["remaining", "threshold", "reward", "subtotal", "typical"];
/// Placeholders of a duration.
const DURATION: &[&str] = &["hours", "minutes", "seconds"];
/// Placeholders of a tier set's nudge.
pub const NUDGE: &[&str] = &["more", "percent", "product"];
/// Placeholders of a buy X get Y deal's words.
const DEAL: &[&str] = &["buy", "get", "percent", "more"];

/// Every label, in the order of [`Label`].
pub const LABELS: &[LabelDef] = &[
    of(crate::parts::BUNDLES, "bundles_caption", "Frequently bought together", &[], "The bundle table's caption."),
    of(crate::parts::BUNDLES, "column_bundle", "Bundle", &[], "The bundle table's first column header."),
    of(crate::parts::BUNDLES, "column_items_total", "Items total", &[], "The header of the items' total on their own."),
    of(crate::parts::BUNDLES, "column_bundle_price", "Bundle price", &[], "The header of the bundle price."),
    of(crate::parts::BUNDLES, "column_you_save", "You save", &[], "The header of the saving (and each card's label on phones)."),
    of(crate::parts::BUNDLES, "column_add", "Add to cart", &[], "The add buttons' column header, read by screen readers only."),
    of(crate::parts::BUNDLES, "in_your_cart", "(in your cart)", &[], "After a bundle item the cart already holds."),
    of(crate::parts::BUNDLES, "add_bundle", "Add bundle", &[], "The bundle's add button; screen readers hear it with the bundle's title."),
    of(crate::parts::BUNDLES, "best_value", "Best value", &[], "The badge on the bundle that saves the most."),
    of(crate::parts::BUNDLES, "details", "Details", &[], "The link to a bundle's page."),
    of(crate::parts::BUNDLES, "saving", "{amount} ({percent})", &["amount", "percent"], "A bundle's saving: the amount and the percentage."),
    def("bar_empty", "Spend {threshold} to unlock {reward}", BAR, "The shipping bar while the cart is empty, unless shipping_bar.messages.empty says otherwise."),
    def("bar_progress", "You're {remaining} away from {reward}", BAR, "The shipping bar on the way to a goal, unless shipping_bar.messages.progress says otherwise."),
    def("bar_achieved", "You've unlocked {reward}!", BAR, "The shipping bar when every goal is reached, unless shipping_bar.messages.achieved says otherwise."),
    def("progress_label", "Progress toward your rewards", &[], "The progress bar's name for screen readers."),
    def("fillers_label", "Suggestions to reach your reward", &[], "The name of the list of cart fillers."),
    def("add_filler", "Add", &[], "A cart filler's add button; screen readers hear it with the product's title."),
    of(crate::parts::UPSELLS, "upsell_price", "{title} for {price}", &["title", "price"], "The upsell checkbox's label."),
    of(crate::parts::UPSELLS, "upsell_unlocks", "This also unlocks {rewards}", &["rewards"], "Under an upsell whose price reaches a goal."),
    of(crate::parts::TIERS, "tiers_label", "Quantity discounts on {product}", &["product"], "The name of a product's list of tiers."),
    of(crate::parts::TIERS, "tier_quantity", "Buy {count}+", &["count"], "A tier's quantity; plural forms follow {count}."),
    of(crate::parts::TIERS, "tier_discount", "{percent} off", &["percent"], "A tier's discount."),
    of(crate::parts::TIERS, "tier_unit_price", "{price} each", &["price"], "A tier's price of one."),
    of(crate::parts::TIERS, "your_price", "Your price", &[], "The mark on the tier in force."),
    of(crate::parts::TIERS, "nudge", "Add {more} more to save {percent}", NUDGE, "The nudge toward the next tier, unless the tier set has its own; plural forms follow {more}."),
    def("config_problems", "cartlift could not use this config:", &[], "Above the list of problems an element with `preview` shows."),
    // The platform sentences' English lives in the adapters (src/platforms/common.js), which
    // only platform pages load: here an empty default keeps it out of every page's wasm.
    def("platform_sold_out", "", &[], "With `data-platform`: under the widget whose add the platform refused as sold out, when the platform wrote no sentence of its own. English, kept in the adapter so that only platform pages carry it: \"Sorry, that's sold out.\""),
    def("platform_refused", "", &[], "With `data-platform`: under the widget whose add or remove the platform refused. English, kept in the adapter so that only platform pages carry it: \"That couldn't be added to your cart.\""),
    def("platform_offline", "", &[], "With `data-platform`: under the widget whose change could not reach the platform, offline. English, kept in the adapter so that only platform pages carry it: \"You seem to be offline; nothing was changed.\""),
    def("platform_failed", "", &[], "With `data-platform`: under the widget whose change the platform failed (a server error, no answer within 10 seconds). English, kept in the adapter so that only platform pages carry it: \"The cart could not be updated. Please try again.\""),
    of(crate::parts::BUNDLES, "complete_set", "Complete the set: add {items} for {price}, save {saving}", &["items", "price", "saving"], "A bundle partly in the cart: what adding the rest costs and saves."),
    of(crate::parts::BUNDLES, "add_rest", "Complete the set", &[], "The add button of a bundle partly in the cart; screen readers hear it with the bundle's title."),
    of(crate::parts::BUNDLES, "all_in_cart", "All in your cart", &[], "In place of the add button of a bundle wholly in the cart."),
    of(crate::parts::PERSONAL, "recommendations_caption", "Recommended for you", &[], "The caption of <cartlift-recommendations>."),
    of(crate::parts::PERSONAL, "column_item", "Item", &[], "The recommendations' first column header."),
    of(crate::parts::PERSONAL, "column_price", "Price", &[], "The header of a recommended item's own price."),
    def("ends_in", "Ends in {time}", &["time"], "An offer's countdown, shown in the last countdown_hours before its ends_at."),
    def("duration_hours", "{hours} h {minutes} min", DURATION, "A countdown's time of an hour or more."),
    def("duration_minutes", "{minutes} min", DURATION, "A countdown's time under an hour."),
    def("duration_seconds", "{seconds} s", DURATION, "A countdown's time in its last minute."),
    def("countdown_started", "{offer} ends in {time}", &["offer", "time"], "Announced to screen readers once, when an offer's countdown appears."),
    def("offer_ended", "{offer} has ended", &["offer"], "Announced to screen readers when an offer with a countdown ends."),
    of(crate::parts::TIERS, "deal_free", "Buy {buy}, get {get} free", DEAL, "A buy X get Y deal whose got units are free, in `<cartlift-tiers>` of each of its products; plural forms follow {get}."),
    of(crate::parts::TIERS, "deal_percent", "Buy {buy}, get {get} at {percent} off", DEAL, "A buy X get Y deal with a discount under 100%; plural forms follow {get}."),
    of(crate::parts::TIERS, "deal_nudge_free", "Add {more} more to get {get} free", DEAL, "The nudge toward a free deal's next application; plural forms follow {more}."),
    of(crate::parts::TIERS, "deal_nudge_percent", "Add {more} more to get {get} at {percent} off", DEAL, "The nudge toward a deal's next application; plural forms follow {more}."),
    of(crate::parts::TIERS, "deal_saving", "You save {amount}", &["amount"], "What a deal takes off the cart, once it applies."),
    of(crate::parts::TIERS, "selector_quantity", "Buy {count}", &["count"], "A quantity of the selector (`\"display\": \"selector\"`), beside its unit price (`tier_unit_price`) and total; plural forms follow {count}."),
    of(crate::parts::TIERS, "selector_saving", "Save {amount}", &["amount"], "What a quantity of the selector saves against the full price."),
    of(crate::parts::TIERS, "selector_add", "Add {count} to cart", &["count"], "The selector's add button, for the quantity chosen; plural forms follow {count}."),
    of(crate::parts::GIFTS, "gift_claim", "Add your free {gift}", &["gift"], "The shipping bar's button that adds a reached goal's gift (`grants.gift`); {gift} is the product's title."),
];

/// The config's labels, each a checked template, in the order of [`Label`].
#[derive(Clone, Debug)]
pub struct Labels(Vec<Template>);

impl Labels {
    /// The label's template.
    pub fn get(&self, label: Label) -> &Template {
        &self.0[label as usize]
    }
}

impl Default for Labels {
    /// The English defaults: what [`Labels::filled`] makes of no labels (one routine for these
    /// and the checker's, which measured 180 bytes of wasm less than a loop of its own).
    fn default() -> Labels {
        Labels::filled(&mut |_| None)
    }
}

impl Labels {
    /// Each label's template from `given` (the merchant's, checked by the caller), else its
    /// English default, in the order of [`Label`]. Not generic: one body for every caller.
    pub(crate) fn filled(given: &mut dyn FnMut(&LabelDef) -> Option<Template>) -> Labels {
        Labels(
            LABELS
                .iter()
                .map(|l| given(l).unwrap_or_else(|| default_template(l)))
                .collect_vec(),
        )
    }
}

/// A label's English default as a template.
pub(crate) fn default_template(l: &LabelDef) -> Template {
    Template::parse(l.default, l.placeholders).unwrap_or_else(|_| Template::text(l.default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_a_valid_template_and_the_table_follows_the_enum() {
        assert_eq!(LABELS.len(), Label::GiftClaim as usize + 1);
        assert_eq!(LABELS[Label::AddBundle as usize].key, "add_bundle");
        assert_eq!(LABELS[Label::BestValue as usize].key, "best_value");
        assert_eq!(LABELS[Label::Nudge as usize].key, "nudge");
        for l in LABELS {
            assert!(
                Template::parse(l.default, l.placeholders).is_ok(),
                "{}",
                l.key
            );
        }
    }
}
