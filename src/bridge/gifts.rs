//! A goal's gift given and taken back with the goal (spec §11): when a goal with
//! `"gift": …, "auto": true` is reached and its gift is not in the cart, the page hears
//! `cartlift:add-to-cart` for it (once per page: a shopper who removes it is not given it
//! again); when the cart falls back below the goal that gives a gift line, the page hears
//! `cartlift:remove-from-cart` for it (once while it stays so). Both on the document, with
//! `source.widget: "gift"`; the platform adapters act on them, a plain page does as it does
//! for any add or removal. The claim button itself is the shipping bar's.

use super::events::{cart_change, Item, Source};
use super::session;
use cartlift_core::sort::CollectVec;
use cartlift_core::Quote;

/// Says what `quote` asks of the gifts and has not been said yet.
pub fn follow(quote: &Quote) {
    let Some(bar) = &quote.shipping else {
        return;
    };
    let auto: Vec<String> = bar
        .goals
        .iter()
        .filter(|g| g.unlocked && g.grants.auto)
        .filter_map(|g| g.gift.as_ref().filter(|gift| !gift.in_cart))
        .map(|gift| gift.product.clone())
        .collect_vec();
    let (add, remove) = session::with(|s| {
        let mut said = s.gifts.borrow_mut();
        let add: Vec<String> = auto
            .into_iter()
            .filter(|p| !said.added.contains(p))
            .collect_vec();
        said.added.extend(add.iter().cloned());
        // A line no longer to be removed may be reported again if it comes to be.
        said.removing.retain(|p| bar.stale_gifts.contains(p));
        let remove: Vec<String> = bar
            .stale_gifts
            .iter()
            .filter(|p| !said.removing.contains(p))
            .cloned()
            .collect_vec();
        said.removing.extend(remove.iter().cloned());
        (add, remove)
    });
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (adding, products) in [(true, add), (false, remove)] {
        for id in &products {
            let item = Item {
                id,
                product: None,
                quantity: 1,
                price: None,
                gift: Some(true),
            };
            let source = Source {
                widget: "gift",
                offer: id,
            };
            cart_change(&document, adding, vec![item], source);
        }
    }
}
