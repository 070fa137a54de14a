//! Keyed lists ([`El::each`](super::El::each)): when the keys change, an item whose key stays
//! keeps its nodes (and so keyboard focus), a new key's item is built under an owner of its
//! own, a gone key's item is dropped, and only the nodes out of place are moved.
//!
//! This file and `built.rs` need each other, the one cycle between files the layers test
//! allows: an item is built content (`Built`), and built content may hold a list (`Items`).
//! They are one renderer, split so that the keyed diff can be read on its own.

use super::built::Built;
use super::List;
use cartlift_core::sort::CollectVec;
use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// A list's items as built: their keys and what each holds, in order.
#[derive(Default)]
pub(super) struct Items {
    keys: Vec<String>,
    built: Vec<Built>,
}

/// Keeps the end of `parent`'s children to one item per key, as [`El::each`] says.
pub(super) fn list_effect(parent: Element, list: List) -> RenderEffect<Items> {
    // Items are owned by what owns the list, so that they outlive a run of its effect; weakly,
    // so that the list does not keep its owner alive once the element is released.
    let owner = Owner::current().map(|o| o.downgrade());
    RenderEffect::new(move |old: Option<Items>| {
        let keys = list.keys.compute();
        let owner = owner.as_ref().and_then(WeakOwner::upgrade);
        untrack(|| {
            reconcile(
                &parent,
                old.unwrap_or_default(),
                keys,
                &list,
                owner.as_ref(),
            )
        })
    })
}

/// A list item built under an owner of its own, a child of `parent`.
fn build_item(list: &List, i: usize, parent: Option<&Owner>) -> Built {
    let owner = match parent {
        Some(p) => p.with(Owner::new),
        None => Owner::new(),
    };
    let mut b = Built::default();
    owner.with(|| {
        let node = b.element(list.item.apply(i)).into();
        b.nodes.push(node);
    });
    b.owner = Some(owner);
    b
}

fn reconcile(
    parent: &Element,
    old: Items,
    keys: Vec<String>,
    list: &List,
    owner: Option<&Owner>,
) -> Items {
    let root: Option<ShadowRoot> = parent.get_root_node().dyn_into().ok();
    let active = root.as_ref().and_then(ShadowRoot::active_element);
    let Items {
        keys: old_keys,
        built: old_built,
    } = old;
    let mut unused: Vec<Option<Built>> = old_built.into_iter().map(Some).collect_vec();
    let mut built = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        let same = (0..old_keys.len()).find(|&j| old_keys[j] == *key && unused[j].is_some());
        let item = same
            .and_then(|j| unused[j].take())
            .unwrap_or_else(|| build_item(list, i, owner));
        built.push(item);
    }
    // Whether the focus is in an item that is going.
    let lost = active.as_ref().is_some_and(|a| {
        unused
            .iter()
            .flatten()
            .flat_map(Built::top_elements)
            .any(|top| top.contains(Some(a)))
    });
    // In order at the end of the parent, moving only what is out of place.
    let mut next: Option<web_sys::Node> = None;
    for n in built.iter().rev().flat_map(|b| b.nodes.iter().rev()) {
        let placed = n.parent_node().as_ref() == Some(parent.as_ref()) && n.next_sibling() == next;
        if !placed {
            let _ = parent.insert_before(n, next.as_ref());
        }
        next = Some(n.clone());
    }
    for mut gone in unused.into_iter().flatten() {
        gone.unmount();
    }
    if let (Some(active), Some(root)) = (active, root) {
        refocus(&root, &active, lost, list.fallback);
    }
    Items { keys, built }
}

/// Puts keyboard focus back after a list changed: on the same control if its item stayed (a
/// moved node loses focus), else, when its item went, on the list's fallback.
fn refocus(root: &ShadowRoot, active: &Element, lost: bool, fallback: Option<&'static str>) {
    let target = if active.is_connected() {
        Some(active.clone())
    } else if lost {
        fallback.and_then(|s| root.query_selector(s).ok().flatten())
    } else {
        None
    };
    if let Some(target) = target {
        if root.active_element().as_ref() != Some(&target) {
            if let Ok(el) = target.dyn_into::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}
