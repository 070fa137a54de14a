//! cartlift's renderer: a small, type-erased DOM builder that leptos's reactive graph drives.
//!
//! Components (`src/ui/`) describe their DOM as plain data, an [`El`]: a tag, attributes,
//! children, and the parts that change bound to memos of the page's quote. One routine here
//! builds every `El`; each changing text, attribute, class or property is a leptos
//! `RenderEffect` over its memo, so a cart change touches only the text that changed. The
//! signals, memos, effects and owners are leptos's; the DOM building is ours.
//!
//! Why not leptos's `view!`: it compiles every element, attribute and child of every template
//! into its own build, update and mount routines; for the four widgets that was about 36 KB
//! brotli of the wasm (measured by building without them), a third of the bundle. An `El` is
//! still a leptos view (it implements tachys's `Render`), mounted and disposed of by leptos.
//! That ties this module to tachys's semi-internal traits, which is why `leptos` is pinned with
//! `=` in Cargo.toml.
//!
//! Lists are keyed ([`El::each`]): when the keys change, the items whose key stays keep their
//! DOM nodes (and so keyboard focus), new keys are built, gone ones are dropped, and only the
//! nodes out of place are moved. Event listeners are `gloo-events` listeners, removed when
//! their node's bindings are dropped. Text is always set as text (`createTextNode`,
//! `setAttribute`), never parsed as HTML, so a page that requires Trusted Types accepts it.

use gloo_events::EventListener;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::no_attrs;
use leptos::tachys::renderer::Rndr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, ShadowRoot};

/// A child: an element or text.
enum Node {
    Element(Box<El>),
    Text(Text),
}

/// Text, or an attribute's value: fixed, or following a memo.
pub enum Text {
    /// Set once.
    Fixed(Cow<'static, str>),
    /// Set again whenever the memo changes.
    Live(Memo<String>),
}

/// What a `Memo<bool>` switches on an element.
#[derive(Clone, Copy)]
enum Switch {
    /// The `hidden` attribute.
    Hidden,
    /// A class.
    Class(&'static str),
    /// The `checked` property of a checkbox.
    Checked,
}

type Handler = Box<dyn Fn(Event) + Send + Sync>;

/// What identifies a list item across updates: the same key, the same DOM nodes.
pub trait ListKey: Clone + PartialEq + Send + Sync + 'static {
    /// The key as text, compared between the old and the new list.
    fn key(&self) -> String;
}

impl ListKey for String {
    fn key(&self) -> String {
        self.clone()
    }
}

impl ListKey for usize {
    fn key(&self) -> String {
        self.to_string()
    }
}

/// A list's items: their keys (read inside the list's effect, so the list follows them) and
/// the item at an index of those keys.
struct List {
    keys: Box<dyn Fn() -> Vec<String> + Send + Sync>,
    item: Box<dyn Fn(usize) -> Option<El> + Send + Sync>,
    /// Where keyboard focus goes when it was in an item that went and none is left: a
    /// selector in the same shadow root.
    fallback: Option<&'static str>,
}

/// An element and all it holds, as a component returns it:
/// `el("li").part("filler").text(title)`.
pub struct El {
    tag: &'static str,
    attrs: Vec<(&'static str, Text)>,
    switches: Vec<(Switch, Memo<bool>)>,
    styles: Vec<(&'static str, Memo<String>)>,
    listeners: Vec<(&'static str, Handler)>,
    effects: Vec<Box<dyn Fn() + Send + Sync>>,
    children: Vec<Node>,
    list: Option<List>,
}

/// An element with this tag name.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El {
        tag,
        attrs: Vec::new(),
        switches: Vec::new(),
        styles: Vec::new(),
        listeners: Vec::new(),
        effects: Vec::new(),
        children: Vec::new(),
        list: None,
    }
}

impl El {
    /// Sets an attribute, fixed or following a memo (absent while the memo's value is empty).
    #[inline(never)]
    pub fn attr(mut self, name: &'static str, value: impl Into<Text>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// The `class` attribute.
    #[inline(never)]
    pub fn class(self, names: &'static str) -> El {
        self.attr("class", names)
    }

    /// The `part` attribute: the stable names of spec §5.
    #[inline(never)]
    pub fn part(self, name: impl Into<Text>) -> El {
        self.attr("part", name)
    }

    /// Hidden while `when` is true.
    #[inline(never)]
    pub fn hidden(mut self, when: Memo<bool>) -> El {
        self.switches.push((Switch::Hidden, when));
        self
    }

    /// Has the class `name` while `when` is true.
    #[inline(never)]
    pub fn class_when(mut self, name: &'static str, when: Memo<bool>) -> El {
        self.switches.push((Switch::Class(name), when));
        self
    }

    /// A checkbox ticked while `when` is true.
    #[inline(never)]
    pub fn checked(mut self, when: Memo<bool>) -> El {
        self.switches.push((Switch::Checked, when));
        self
    }

    /// Sets a CSS property (on the element, through the CSSOM: allowed under a strict CSP).
    #[inline(never)]
    pub fn style(mut self, property: &'static str, value: Memo<String>) -> El {
        self.styles.push((property, value));
        self
    }

    /// Calls `handler` on each `event` (`"click"`, `"change"`).
    #[inline(never)]
    pub fn on(
        mut self,
        event: &'static str,
        handler: impl Fn(Event) + Send + Sync + 'static,
    ) -> El {
        self.listeners.push((event, Box::new(handler)));
        self
    }

    /// Runs `f` now and again whenever what it reads changes, for as long as the element is
    /// shown.
    #[inline(never)]
    pub fn effect(mut self, f: impl Fn() + Send + Sync + 'static) -> El {
        self.effects.push(Box::new(f));
        self
    }

    /// Appends a child element.
    #[inline(never)]
    pub fn child(mut self, child: El) -> El {
        self.children.push(Node::Element(Box::new(child)));
        self
    }

    /// Appends text, fixed or following a memo.
    #[inline(never)]
    pub fn text(mut self, text: impl Into<Text>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    /// Ends the element with one item per key. When the keys change, an item whose key stays
    /// keeps its nodes (and keyboard focus), a new key's item is built, a gone key's item is
    /// dropped; each item follows its own memos, so the list changes only with its keys.
    #[inline(never)]
    pub fn each<K: ListKey>(
        mut self,
        keys: Memo<Vec<K>>,
        item: impl Fn(K) -> El + Send + Sync + 'static,
    ) -> El {
        self.list = Some(List {
            keys: Box::new(move || keys.with(|k| k.iter().map(ListKey::key).collect())),
            item: Box::new(move |i| keys.with_untracked(|k| k.get(i).cloned()).map(&item)),
            fallback: None,
        });
        self
    }

    /// When keyboard focus was on an item of this element's list that went, and no item is
    /// left to take it, it goes to the element `selector` finds in the same shadow root
    /// (which should be focusable: `tabindex="-1"`), not to the top of the page.
    #[inline(never)]
    pub fn focus_fallback(mut self, selector: &'static str) -> El {
        if let Some(list) = self.list.as_mut() {
            list.fallback = Some(selector);
        }
        self
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text::Fixed(Cow::Borrowed(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Fixed(Cow::Owned(s))
    }
}

impl From<Memo<String>> for Text {
    fn from(m: Memo<String>) -> Text {
        Text::Live(m)
    }
}

/// A built node and what keeps its bindings alive: dropping it stops them, and removes its
/// event listeners.
#[derive(Default)]
pub struct Built {
    nodes: Vec<web_sys::Node>,
    effects: Vec<RenderEffect<()>>,
    lists: Vec<RenderEffect<Items>>,
    listeners: Vec<EventListener>,
    /// A list item's own reactive owner: its memos live as long as the item, not as long as
    /// one run of the list's effect (which disposes of what it made when it runs again).
    owner: Option<Owner>,
}

/// A list's items as built: their keys and what each holds, in order.
#[derive(Default)]
struct Items {
    keys: Vec<String>,
    built: Vec<Built>,
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

    fn element(&mut self, e: El) -> Element {
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
                        let _ = bound.toggle_attribute_with_force("hidden", on);
                    }
                    Switch::Class(name) => {
                        let _ = bound.class_list().toggle_with_force(name, on);
                    }
                    Switch::Checked => {
                        if let Some(input) = bound.dyn_ref::<web_sys::HtmlInputElement>() {
                            input.set_checked(on);
                        }
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
                    handler(ev.clone())
                }));
        }
        for f in e.effects {
            self.effects.push(RenderEffect::new(move |_| f()));
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
    fn top_elements(&self) -> Vec<Element> {
        self.nodes
            .iter()
            .filter_map(|n| n.dyn_ref::<Element>().cloned())
            .collect()
    }
}

/// Keeps the end of `parent`'s children to one item per key, as [`El::each`] says.
fn list_effect(parent: Element, list: List) -> RenderEffect<Items> {
    // Items are owned by what owns the list, so that they outlive a run of its effect; weakly,
    // so that the list does not keep its owner alive once the element is released.
    let owner = Owner::current().map(|o| o.downgrade());
    RenderEffect::new(move |old: Option<Items>| {
        let keys = (list.keys)();
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
        if let Some(el) = (list.item)(i) {
            let node = b.element(el).into();
            b.nodes.push(node);
        }
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
    let mut unused: Vec<Option<Built>> = old_built.into_iter().map(Some).collect();
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
