//! The parts of cartlift a build carries, and the parts a config uses.
//!
//! A shop page loads the smallest widget build that carries every part its config uses (the
//! entry module decides from the config before it fetches the wasm; see `docs/architecture.md`,
//! "Flavours"). Each part is a cargo feature of this crate; native builds (the CLI, the checker,
//! checkout's function, the tests) carry all of them. A build without a part reads a config
//! that uses it as refused, with [`Code::NotLoaded`](crate::error::Code::NotLoaded) at the key,
//! never silently: the code for it is not in the build.
//!
//! The switches are constants, so that an `if` on one leaves the other branch's code out of
//! the build as surely as a `#[cfg]` would, while both branches are still type-checked.

use crate::json::Json;
use crate::sort::CollectVec;

/// A part a build may leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// `bundles`: the bundle table and its "complete the set".
    Bundles,
    /// `volume_tiers`: quantity breaks; and `buy_x_get_y`, which the same element shows.
    Tiers,
    /// `upsells`: the checkout upsell checkbox.
    Upsells,
    /// Spec §8's personalization: `segments` (and the offers' lists of them), a goal's
    /// `personal` threshold, `experiments`, and recommendations (`related` products and
    /// `<cartlift-recommendations>`).
    Personal,
    /// Spec §11's free gift: a goal's `grants.gift` (and `auto`), the shipping bar's claim
    /// button, and the page's add and remove events for it.
    Gifts,
    /// Spec §10's products with variants: a product's `options` and `variants`, the shopper's
    /// pick of each, carts naming variants.
    Variants,
}

impl Part {
    /// Every part, in the order the flavours add them.
    pub const ALL: [Part; 6] = [
        Part::Bundles,
        Part::Tiers,
        Part::Upsells,
        Part::Personal,
        Part::Gifts,
        Part::Variants,
    ];

    /// Whether this build carries the part.
    pub const fn carried(self) -> bool {
        match self {
            Part::Bundles => BUNDLES,
            Part::Tiers => TIERS,
            Part::Upsells => UPSELLS,
            Part::Personal => PERSONAL,
            Part::Gifts => GIFTS,
            Part::Variants => VARIANTS,
        }
    }

    /// Its name, as the build's feature and the entry module say it.
    pub const fn name(self) -> &'static str {
        match self {
            Part::Bundles => "bundles",
            Part::Tiers => "tiers",
            Part::Upsells => "upsells",
            Part::Personal => "personal",
            Part::Gifts => "gifts",
            Part::Variants => "variants",
        }
    }
}

/// Whether this build carries bundles.
pub const BUNDLES: bool = cfg!(feature = "bundles");
/// Whether this build carries volume tiers.
pub const TIERS: bool = cfg!(feature = "tiers");
/// Whether this build carries upsells.
pub const UPSELLS: bool = cfg!(feature = "upsells");
/// Whether this build carries personalization (segments, personal thresholds, experiments,
/// recommendations).
pub const PERSONAL: bool = cfg!(feature = "personal");
/// Whether this build carries the free gift.
pub const GIFTS: bool = cfg!(feature = "gifts");
/// Whether this build carries products with variants.
pub const VARIANTS: bool = cfg!(feature = "variants");

/// What a build without the part says of a key that needs it (the widget's wasm carries this
/// one sentence: it is the page's build, not the merchant's config, that lacks something).
pub const NOT_LOADED: &str = "this page loaded a build of cartlift without this part, chosen from the config it had when the page opened; give the config element data-build=\"full\" if the page configures more later";

/// The parts a config's JSON uses, in [`Part::ALL`]'s order: the oracle of the entry module's
/// own choice (`src/loader/parts.js`), which makes the same decision before any wasm is there.
/// A config that is not an object uses none.
pub fn used(config: &Json) -> Vec<Part> {
    let Json::Obj(top) = config else {
        return Vec::new();
    };
    let goals = match get(top, "shipping_bar") {
        Some(Json::Obj(bar)) => objects(get(bar, "goals")),
        _ => Vec::new(),
    };
    // Every offer that may list segments.
    let mut offers = goals.clone();
    for key in ["bundles", "volume_tiers", "upsells"] {
        offers.extend(objects(get(top, key)));
    }
    let products = objects(get(top, "products"));
    let personal = given(top, "segments")
        || given(top, "experiments")
        || goals.iter().any(|g| given(g, "personal"))
        || offers.iter().any(|o| given(o, "segments"))
        || products.iter().any(|p| given(p, "related"));
    Part::ALL
        .into_iter()
        .filter(|part| match part {
            Part::Bundles => given(top, "bundles"),
            Part::Tiers => given(top, "volume_tiers") || given(top, "buy_x_get_y"),
            Part::Upsells => given(top, "upsells"),
            Part::Personal => personal,
            Part::Gifts => goals.iter().any(|g| match get(g, "grants") {
                Some(Json::Obj(grants)) => given(grants, "gift") || given(grants, "auto"),
                _ => false,
            }),
            Part::Variants => products
                .iter()
                .any(|p| given(p, "variants") || given(p, "options")),
        })
        .collect_vec()
}

/// The value of `key` in `object`, unless it is `null`.
fn get<'a>(object: &'a [(String, Json)], key: &str) -> Option<&'a Json> {
    object
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Json::Null))
}

/// Whether `key` holds something: a value, a list or an object that is not empty.
fn given(object: &[(String, Json)], key: &str) -> bool {
    match get(object, key) {
        Some(Json::Arr(items)) => !items.is_empty(),
        Some(Json::Obj(members)) => !members.is_empty(),
        Some(_) => true,
        None => false,
    }
}

/// The objects of a list (anything else in it, or no list, is none).
fn objects(list: Option<&Json>) -> Vec<&[(String, Json)]> {
    match list {
        Some(Json::Arr(items)) => items
            .iter()
            .filter_map(|i| match i {
                Json::Obj(o) => Some(o.as_slice()),
                _ => None,
            })
            .collect_vec(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;
    use crate::Config;

    const BAR: &str = r#"{"currency":"USD","products":[{"id":"mug","title":"Mug","price":"12.00"}],
        "shipping_bar":{"goals":[{"threshold":"75.00","reward":"free shipping"}]}"#;

    fn with(extra: &str) -> String {
        format!("{BAR},{extra}}}")
    }

    fn used_by(text: &str) -> Vec<Part> {
        used(&crate::json::parse(text).expect("JSON"))
    }

    #[test]
    fn a_config_with_only_a_shipping_bar_uses_no_part_and_each_offer_list_its_own() {
        assert_eq!(used_by(&format!("{BAR}}}")), vec![]);
        assert_eq!(used_by(&with(r#""bundles":[],"upsells":null"#)), vec![]);
        assert_eq!(
            used_by(&with(r#""bundles":[{}],"upsells":[{}]"#)),
            vec![Part::Bundles, Part::Upsells]
        );
        assert_eq!(used_by(&with(r#""volume_tiers":[{}]"#)), vec![Part::Tiers]);
        assert_eq!(used_by(&with(r#""buy_x_get_y":[{}]"#)), vec![Part::Tiers]);
    }

    #[test]
    fn segments_a_personal_goal_an_offer_for_a_segment_and_related_products_are_personalization() {
        assert_eq!(used_by(&with(r#""segments":[{}]"#)), vec![Part::Personal]);
        assert_eq!(
            used_by(&with(r#""experiments":[{}]"#)),
            vec![Part::Personal]
        );
        let personal_goal = BAR.replace(
            r#""reward":"free shipping""#,
            r#""reward":"free shipping","personal":{"above_typical_percent":10}"#,
        );
        assert_eq!(used_by(&format!("{personal_goal}}}")), vec![Part::Personal]);
        assert_eq!(
            used_by(&with(r#""upsells":[{"segments":["vip"]}]"#)),
            vec![Part::Upsells, Part::Personal]
        );
        let related = BAR.replace(r#""price":"12.00""#, r#""price":"12.00","related":["cup"]"#);
        assert_eq!(used_by(&format!("{related}}}")), vec![Part::Personal]);
        assert_eq!(used_by("[1]"), vec![]);
    }

    #[test]
    fn a_build_without_bundles_refuses_a_config_with_them_at_bundles_as_not_loaded() {
        let text =
            with(r#""bundles":[{"id":"b","title":"B","items":["mug","mug"],"percent_off":"10"}]"#);
        let result = Config::from_json(&text);
        if BUNDLES {
            assert!(result.is_ok(), "{result:?}");
        } else {
            let errors = result.expect_err("refused");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].code(), Code::NotLoaded);
            assert_eq!(errors[0].path(), "bundles", "{errors:?}");
            assert!(errors[0].message().contains("data-build"));
        }
    }

    #[test]
    fn a_goal_that_gives_a_gift_uses_the_gifts_part_and_free_shipping_alone_does_not() {
        let goal = |grants: &str| {
            let g = BAR.replace(
                r#""reward":"free shipping""#,
                &format!(r#""reward":"a mug","grants":{grants}"#),
            );
            used_by(&format!("{g}}}"))
        };
        assert_eq!(goal(r#"{"gift":"mug"}"#), vec![Part::Gifts]);
        assert_eq!(goal(r#"{"gift":"mug","auto":true}"#), vec![Part::Gifts]);
        assert_eq!(goal(r#"{"free_shipping":true}"#), vec![]);
        assert_eq!(goal(r#"{"gift":null}"#), vec![]);
    }

    #[test]
    fn a_build_without_the_gift_refuses_a_goals_gift_at_its_path_as_not_loaded() {
        let text = BAR.replace(
            r#""reward":"free shipping""#,
            r#""reward":"a mug","grants":{"gift":"mug"}"#,
        ) + "}";
        let result = Config::from_json(&text);
        if GIFTS {
            assert!(result.is_ok(), "{result:?}");
        } else {
            let errors = result.expect_err("refused");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].code(), Code::NotLoaded);
            assert!(errors[0].path().ends_with("gift"), "{errors:?}");
        }
    }

    #[test]
    fn a_build_without_personalization_refuses_segments_where_they_are_given() {
        let text = with(r#""segments":[{"id":"vip","when":{"orders_min":2}}]"#);
        let result = Config::from_json(&text);
        if PERSONAL {
            assert!(result.is_ok(), "{result:?}");
        } else {
            let errors = result.expect_err("refused");
            assert_eq!(errors[0].code(), Code::NotLoaded);
            assert_eq!(errors[0].path(), "segments", "{errors:?}");
        }
    }
}
