//! The custom elements' life in Rust: each connected element gets an open shadow root with the
//! shared stylesheet adopted (works under a strict `style-src` CSP, nothing leaks in or out) and
//! its component mounted; a disconnected element releases all it held.

use crate::bridge::store::Store;
use crate::render::Built;
use crate::ui::{
    bundles::Bundles, recommendations::Recommendations, shipping_bar::ShippingBar, tiers::Tiers,
    upsell::Upsell, Frame, Kind,
};
use cartlift_core::parts::{BUNDLES, PERSONAL, TIERS, UPSELLS};
use leptos::mount::{mount_to_renderer, UnmountHandle};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, HtmlElement, ShadowRootInit, ShadowRootMode};

/// The widgets' CSS, adopted by every shadow root: `src/style.css` minified by `build.rs`.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

/// What an element holds while connected.
struct Mounted {
    /// Dropping it unmounts the view and disposes of its reactive owner.
    _view: UnmountHandle<(Built, Built, Built)>,
    /// Keeps the config's theme on the element's wrapper.
    _effects: [RenderEffect<()>; 1],
    /// The element, whose shadow root is emptied when it is released.
    host: HtmlElement,
    /// The `product` attribute.
    product: ArcRwSignal<Option<String>>,
    /// Whether the `preview` attribute is present.
    preview: ArcRwSignal<bool>,
    /// The `limit` attribute (recommendations).
    limit: ArcRwSignal<Option<String>>,
}

thread_local! {
    /// By id; a page holds a few elements, so a list.
    static MOUNTED: RefCell<Vec<(u32, Mounted)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new().ok().and_then(|s| s.replace_sync(CSS).ok().map(|()| s));
}

/// Renders `host` (a `cartlift-*` element) and returns the id the element keeps for the
/// later calls, or `None` when it is not one of ours or has no room for a shadow root.
pub fn mount(host: HtmlElement) -> Option<u32> {
    let kind = Kind::from_tag(&host.tag_name())?;
    let shadow = match host.shadow_root() {
        Some(s) => s,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    // DOM calls, never innerHTML: a page that requires Trusted Types refuses any string there.
    shadow.replace_children_with_node_0();
    if let Some(sheet) = SHEET.with(Clone::clone) {
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
    let root: HtmlElement = web_sys::window()?
        .document()?
        .create_element("div")
        .ok()?
        .dyn_into()
        .ok()?;
    root.set_class_name("root");
    let _ = root.set_attribute("part", "root");
    shadow.append_child(&root).ok()?;

    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    // Reference-counted, like the session's signals: held by this record, the view's
    // closures and the session's list of products viewed; all dropped with the element.
    let product = ArcRwSignal::new(host.get_attribute("product"));
    let preview = ArcRwSignal::new(host.has_attribute("preview"));
    let limit = ArcRwSignal::new(host.get_attribute("limit"));
    // One mount for every kind: the kind only picks the component (each returns an `El`).
    let view = mount_to_renderer(&root, {
        let (product, preview, limit) = (product.clone(), preview.clone(), limit.clone());
        move || {
            let widget = match kind {
                Kind::ShippingBar => view! { <ShippingBar /> },
                Kind::Bundles if BUNDLES => view! { <Bundles product=product /> },
                Kind::Upsell if UPSELLS => view! { <Upsell host=id /> },
                Kind::Tiers if TIERS => view! { <Tiers product=product /> },
                Kind::Recommendations if PERSONAL => view! { <Recommendations limit=limit /> },
                // A kind this build leaves out (its config has none of it): nothing to show, as
                // a full build shows for a config without such offers.
                _ => View::new(crate::render::el("div")),
            };
            let (fallback, problems) = view! { <Frame preview=preview /> }.into_inner();
            (fallback, problems, widget)
        }
    });
    // After the mount, which readies leptos's executor that effects run on.
    let effects = [theme(root.clone(), host.clone())];
    Store::viewing(&product, true);
    // Remembered in this browser's record as viewed (spec §8).
    if let Some(id) = product.get_untracked() {
        crate::bridge::visitor::viewed(&id);
    }
    let mounted = Mounted {
        _view: view,
        _effects: effects,
        host,
        product,
        preview,
        limit,
    };
    MOUNTED.with(|m| m.borrow_mut().push((id, mounted)));
    warn_of_sample();
    Some(id)
}

/// Releases what the element held: its view, its signals and its listeners. The shadow root
/// stays (it cannot be removed), emptied, so the fallback shows again if it is re-added.
pub fn unmount(id: u32) {
    let gone = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let i = m.iter().position(|(i, _)| *i == id)?;
        Some(m.swap_remove(i).1)
    });
    if let Some(m) = gone {
        let Mounted {
            _view,
            _effects,
            host,
            product,
            preview,
            limit,
        } = m;
        drop(_view);
        drop(_effects);
        Store::viewing(&product, false);
        drop((product, preview, limit));
        if let (Some(shadow), Some(slot)) = (
            host.shadow_root(),
            host.owner_document()
                .and_then(|d| d.create_element("slot").ok()),
        ) {
            shadow.replace_children_with_node_1(&slot);
        }
    }
}

/// Follows a change of an observed attribute (`product`, `preview`).
pub fn attribute_changed(id: u32, name: &str, value: Option<String>) {
    MOUNTED.with(|m| {
        if let Some((_, m)) = m.borrow().iter().find(|(i, _)| *i == id) {
            match name {
                "product" => {
                    if let Some(id) = &value {
                        crate::bridge::visitor::viewed(id);
                    }
                    m.product.set(value);
                }
                "preview" => m.preview.set(value.is_some()),
                "limit" => m.limit.set(value),
                _ => {}
            }
        }
    });
}

/// How many elements are mounted now (for tests: removed elements must release theirs).
pub fn mounted_count() -> usize {
    MOUNTED.with(|m| m.borrow().len())
}

/// Sets the config's `theme` as CSS custom properties on the shadow root's wrapper, through the
/// CSSOM (not a style attribute, which a strict CSP would block), and the wrapper's `lang`.
/// The page's own `--cartlift-*` properties still win, as the stylesheet reads them first.
fn theme(root: HtmlElement, host: HtmlElement) -> RenderEffect<()> {
    let store = Store::get();
    RenderEffect::new(move |_| {
        let style = root.style();
        for name in ["accent", "text", "muted", "bg", "radius", "font"] {
            let _ = style.remove_property(&("--cfg-".to_owned() + name));
        }
        store.with_config(|c| {
            for (name, value) in c.iter().flat_map(|c| c.theme.iter()) {
                let _ = style.set_property(&("--cfg-".to_owned() + name), value);
            }
            // `theme: "none"`: nothing sampled from the page's button.
            let plain = c.is_some_and(|c| !c.theme_sampled);
            let _ = root.class_list().toggle_with_force("plain", plain);
            // The language of the widget's words, so screen readers pronounce them as they are
            // written: the config's `locale` when it names one, else the page's.
            let lang = match c {
                Some(c) if c.locale_given => Some(c.locale.clone()),
                _ => host
                    .closest("[lang]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.get_attribute("lang")),
            };
            match lang {
                Some(lang) => {
                    let _ = root.set_attribute("lang", &lang);
                }
                None => {
                    let _ = root.remove_attribute("lang");
                }
            }
        });
    })
}

thread_local! {
    static SAMPLE_WARNED: Cell<bool> = const { Cell::new(false) };
}

/// One console warning per page when an element without `preview` shows the config's sample
/// cart: on a live shop, every shopper would see it as their own. Checked when an element
/// mounts and when a config is taken (the two ways a sample comes to be shown).
pub fn warn_of_sample() {
    let showing = Store::get().sample_shown();
    let outside_preview =
        MOUNTED.with(|m| m.borrow().iter().any(|(_, m)| !m.preview.get_untracked()));
    if showing && outside_preview && !SAMPLE_WARNED.with(|w| w.replace(true)) {
        web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(
            "cartlift: shown to every shopper, the config's sample \"cart\" (for previews and demos) would be theirs: call cartlift.setCart() with the real cart, or remove \"cart\" from the config.",
        ));
    }
}

/// A JS value for an optional id, for the entry module.
pub fn id_value(id: Option<u32>) -> JsValue {
    id.map_or(JsValue::NULL, JsValue::from)
}
