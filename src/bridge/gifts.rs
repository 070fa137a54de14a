//! A goal's gift given and taken back with the goal (spec §11): when a goal with
//! `"gift": …, "auto": true` is reached and its gift is not in the cart, the page hears
//! `cartlift:add-to-cart` for it (once per page: a shopper who removes it is not given it
//! again); when the cart falls back below the goal that gives a gift line, the page hears
//! `cartlift:remove-from-cart` for it (once while it stays so). Both on the document, with
//! `source.widget: "gift"`; the platform adapters act on them, a plain page does as it does
//! for any add or removal. The claim button itself is the shipping bar's.

use super::events::{cart_change, Item, Source};
use super::session::{self, Store};
use cartlift_core::sort::CollectVec;
use cartlift_core::Quote;
use leptos::prelude::untrack;

/// Says what `quote` asks of the gifts and has not been said yet.
pub fn follow(quote: &Quote) {
    let Some(bar) = &quote.shipping else {
        return;
    };
    // By product: a shopper who removes an added gift is not given it again in another variant.
    let auto: Vec<String> = bar
        .goals
        .iter()
        .filter(|g| g.unlocked && g.grants.auto)
        .filter_map(|g| {
            g.gift
                .as_ref()
                .filter(|gift| gift.available && !gift.in_cart)
        })
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
    // What an add adds: the variant given of a product with variants (spec §10).
    let added = add.into_iter().map(|product| {
        let variant = bar
            .goals
            .iter()
            .filter_map(|g| g.gift.as_ref())
            .find(|g| g.product == product)
            .and_then(|g| g.variant.clone());
        (true, product, variant)
    });
    // A removal names the gift line's id, and its product when that is a variant's.
    let removed = remove.into_iter().map(|id| {
        let product = untrack(|| {
            Store::get().with_config(|c| {
                let c = c?;
                let (p, v) = c.item_index(&id)?;
                v.map(|_| c.products[p].id.clone())
            })
        });
        match product {
            Some(product) => (false, product, Some(id)),
            None => (false, id, None),
        }
    });
    for (adding, product, variant) in added.chain(removed) {
        let item = Item {
            id: variant.as_deref().unwrap_or(&product),
            product: variant.as_ref().map(|_| product.as_str()),
            quantity: 1,
            price: None,
            gift: Some(true),
        };
        let source = Source {
            widget: "gift",
            offer: &product,
        };
        cart_change(&document, adding, vec![item], source);
    }
}
