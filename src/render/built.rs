//! An [`El`] made into DOM nodes: each changing part bound to its memo by a `RenderEffect`,
//! each listener a `gloo-events` listener, all kept in a [`Built`] that releases them when it
//! is dropped; and the tachys traits through which leptos mounts and unmounts it.

use super::list::{list_effect, Items};
use super::{El, Node, Switch, Text};
use cartlift_core::call::Compute;
use cartlift_core::sort::CollectVec;
use gloo_events::EventListener;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::no_attrs;
use leptos::tachys::renderer::Rndr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

/// A built node and what keeps its bindings alive: dropping it stops them, and removes its
/// event listeners.
#[derive(Default)]
pub struct Built {
    pub(super) nodes: Vec<web_sys::Node>,
    pub(super) effects: Vec<RenderEffect<()>>,
    pub(super) lists: Vec<RenderEffect<Items>>,
    pub(super) listeners: Vec<EventListener>,
    /// A list item's own reactive owner: its memos live as long as the item, not as long as
    /// one run of the list's effect (which disposes of what it made when it runs again).
    pub(super) owner: Option<Owner>,
}

/// `f`, run now and again whenever what it reads changes. One function for every such
/// binding: the effect's machinery is compiled once per closure type.
#[inline(never)]
pub(super) fn bound(f: Box<dyn Compute<()> + Send + Sync>) -> RenderEffect<()> {
    RenderEffect::new(move |_| f.compute())
}

impl Built {
    /// Builds `node`, keeping its bindings here, and returns its DOM node.
    fn build(&mut self, node: Node) -> web_sys::Node {
        match node {
            Node::Text(Text::Fixed(s)) => Rndr::create_text_node(&s).into(),
            Node::Text(Text::Live(memo)) => {
                let text = Rndr::create_text_node("");
                let bound = text.clone();
                self.effects.push(RenderEffect::new(move |_| {
                    memo.with(|s| Rndr::set_text(&bound, s))
                }));
                text.into()
            }
            Node::Element(e) => self.element(*e).into(),
        }
    }

    /// Builds the element `e` and all it holds, keeping its bindings here.
    pub(super) fn element(&mut self, e: El) -> Element {
        let el = Rndr::create_element(e.tag, None);
        for (name, value) in e.attrs {
            match value {
                Text::Fixed(v) => Rndr::set_attribute(&el, name, &v),
                Text::Live(memo) => {
                    let bound = el.clone();
                    // Empty is absent: no `href=""` linking to the page itself, no `src=""`.
                    self.effects.push(RenderEffect::new(move |_| {
                        memo.with(|v| match v.is_empty() {
                            true => Rndr::remove_attribute(&bound, name),
                            false => Rndr::set_attribute(&bound, name, v),
                        })
                    }));
                }
            }
        }
        for (switch, when) in e.switches {
            let bound = el.clone();
            self.effects.push(RenderEffect::new(move |_| {
                let on = when.get();
                match switch {
                    Switch::Hidden => {
                        let had_focus = on && holds_focus(&bound);
                        let _ = bound.toggle_attribute_with_force("hidden", on);
                        if had_focus {
                            hand_on_focus(bound.clone());
                        }
                    }
                    Switch::Class(name) => {
                        let _ = bound.class_list().toggle_with_force(name, on);
                    }
                    Switch::Attribute(name) => {
                        let _ = bound.toggle_attribute_with_force(name, on);
                    }
                    Switch::Property(name) => {
                        let _ = js_sys::Reflect::set(&bound, &name.into(), &on.into());
                    }
                }
            }));
        }
        if !e.styles.is_empty() {
            let style = el.unchecked_ref::<HtmlElement>().style();
            for (property, value) in e.styles {
                let style = style.clone();
                self.effects.push(RenderEffect::new(move |_| {
                    value.with(|v| {
                        let _ = style.set_property(property, v);
                    })
                }));
            }
        }
        for (event, handler) in e.listeners {
            self.listeners
                .push(EventListener::new(&el, event, move |ev| {
                    handler.apply(ev.clone())
                }));
        }
        for f in e.effects {
            self.effects.push(bound(f));
        }
        for child in e.children {
            let node = self.build(child);
            let _ = el.append_child(&node);
        }
        if let Some(list) = e.list {
            self.lists.push(list_effect(el.clone(), list));
        }
        el
    }

    /// The elements among the top-level nodes.
    pub(super) fn top_elements(&self) -> Vec<Element> {
        self.nodes
            .iter()
            .filter_map(|n| n.dyn_ref::<Element>().cloned())
            .collect_vec()
    }
}

/// Whether keyboard focus is on `el` or inside it (in its shadow root).
fn holds_focus(el: &Element) -> bool {
    el.get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|root| root.active_element())
        .is_some_and(|active| el.contains(Some(&active)))
}

/// A control hidden while it held focus (an "Add bundle" button once its bundle is in the
/// cart) hands focus to the first sibling that can take it, after it, else before it (the
/// "All in your cart" note that replaces it), so that focus never falls to the page's body
/// (WCAG 2.4.3). Once this change is drawn: the sibling may be shown by the same change.
fn hand_on_focus(hidden: Element) {
    gloo_timers::callback::Timeout::new(0, move || {
        let Some(root) = hidden
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
        else {
            return;
        };
        let after =
            std::iter::successors(hidden.next_element_sibling(), Element::next_element_sibling);
        let before = std::iter::successors(
            hidden.previous_element_sibling(),
            Element::previous_element_sibling,
        );
        for el in after.chain(before) {
            if el.has_attribute("hidden") {
                continue;
            }
            if let Some(h) = el.dyn_ref::<HtmlElement>() {
                let _ = h.focus();
            }
            if root.active_element().as_ref() == Some(&el) {
                return;
            }
        }
    })
    .forget();
}

// A list's items live in its effect's value, which the effect's task holds until it next
// wakes; taken out here, they are released with their element, so that none of their effects
// runs once what it reads (an element's `product`) is disposed of.
impl Drop for Built {
    fn drop(&mut self) {
        for list in &self.lists {
            drop(list.take_value());
        }
    }
}

impl Mountable for Built {
    fn unmount(&mut self) {
        for n in &self.nodes {
            if let Some(parent) = n.parent_node() {
                let _ = parent.remove_child(n);
            }
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&web_sys::Node>) {
        for n in &self.nodes {
            let _ = parent.insert_before(n, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        let Some(first) = self.nodes.first() else {
            return false;
        };
        match first.parent_element() {
            Some(parent) => {
                child.mount(&parent, Some(first));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<Element> {
        self.top_elements()
    }
}

impl Render for El {
    type State = Built;

    fn build(self) -> Built {
        let mut built = Built::default();
        let node = built.element(self).into();
        built.nodes.push(node);
        built
    }

    fn rebuild(self, state: &mut Built) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

no_attrs!(El);

// Server rendering and hydration never happen here (CSR only): there is no HTML to write, and
// hydrating builds afresh.
impl RenderHtml for El {
    type AsyncOutput = El;
    type Owned = El;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> El {
        self
    }

    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> Built {
        self.build()
    }

    fn into_owned(self) -> El {
        self
    }
}
