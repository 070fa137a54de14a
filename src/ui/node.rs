//! [`El`]: what a component returns, the widget's DOM described as plain data, with the parts
//! that change bound to memos.
//!
//! leptos's `view!` compiles every element, attribute and child of every template into its
//! own build, update and mount routines; for the four widgets that was ≈ 36 KB brotli of the
//! wasm (measured by building without them), a third of the bundle. Described as data, one
//! routine builds them all: each changing text, attribute, class or property is a
//! `RenderEffect` over a memo, and a list is built anew when its keys change. The components
//! stay leptos components (an `El` is a leptos view, mounted and disposed of by leptos) and
//! keep leptos's fine-grained updates: a cart change touches only the text that changed.
//!
//! Text is always set as text (`createTextNode`, `setAttribute`), never parsed as HTML.

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

/// A list's items: how many there are (read inside the list's effect, so the list is built
/// anew when it changes) and the item at an index.
struct List {
    len: Box<dyn Fn() -> usize + Send + Sync>,
    item: Box<dyn Fn(usize) -> Option<El> + Send + Sync>,
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
    /// Sets an attribute, fixed or following a memo.
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

    /// Appends a child element if there is one.
    #[inline(never)]
    pub fn child_if(self, child: Option<El>) -> El {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    /// Appends text, fixed or following a memo.
    #[inline(never)]
    pub fn text(mut self, text: impl Into<Text>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    /// Ends the element with one item per key, built anew (keyboard focus kept on the same
    /// control) whenever the keys change. Our lists are short and each item follows its own
    /// memos, so a list changes only when items come or go.
    #[inline(never)]
    pub fn each<K>(
        mut self,
        keys: Memo<Vec<K>>,
        item: impl Fn(K) -> El + Send + Sync + 'static,
    ) -> El
    where
        K: Clone + PartialEq + Send + Sync + 'static,
    {
        self.list = Some(List {
            len: Box::new(move || keys.with(Vec::len)),
            item: Box::new(move |i| keys.with_untracked(|k| k.get(i).cloned()).map(&item)),
        });
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

/// A built node and what keeps its bindings alive: dropping it stops them.
#[derive(Default)]
pub struct Built {
    nodes: Vec<web_sys::Node>,
    effects: Vec<RenderEffect<()>>,
    lists: Vec<RenderEffect<Built>>,
    listeners: Vec<Closure<dyn FnMut(JsValue)>>,
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
                    self.effects.push(RenderEffect::new(move |_| {
                        memo.with(|v| Rndr::set_attribute(&bound, name, v))
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
            let closure: Closure<dyn FnMut(JsValue)> =
                Closure::wrap(Box::new(move |ev: JsValue| handler(ev.unchecked_into())));
            let _ = el.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            self.listeners.push(closure);
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

/// Keeps `parent`'s children to one per item, built anew whenever the list's length is read
/// as changed (it is read from a memo of the keys, so any change of keys counts).
fn list_effect(parent: Element, list: List) -> RenderEffect<Built> {
    RenderEffect::new(move |old: Option<Built>| {
        let n = (list.len)();
        let focus = old.as_ref().and_then(|o| focus_within(&o.top_elements()));
        let mut new = Built::default();
        untrack(|| {
            for i in 0..n {
                if let Some(item) = (list.item)(i) {
                    let node: web_sys::Node = new.element(item).into();
                    let _ = parent.append_child(&node);
                    new.nodes.push(node);
                }
            }
        });
        // The old items are removed after the new ones are in, so the list never collapses.
        if let Some(mut old) = old {
            old.unmount();
        }
        if let Some(focus) = focus {
            focus.restore(&new.top_elements());
        }
        new
    })
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

/// Where the focus was in a list: which item, and the child indexes down to the control.
struct Focus {
    item: usize,
    path: Vec<u32>,
}

fn focus_within(items: &[Element]) -> Option<Focus> {
    let root: ShadowRoot = items.first()?.get_root_node().dyn_into().ok()?;
    let mut node = root.active_element()?;
    let item = items.iter().position(|i| i.contains(Some(&node)))?;
    let mut path = Vec::new();
    while node != items[item] {
        let parent = node.parent_element()?;
        let siblings = parent.children();
        path.push((0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&node))?);
        node = parent;
    }
    path.reverse();
    Some(Focus { item, path })
}

impl Focus {
    /// Focuses the same control in the new list (its last item if the list got shorter).
    fn restore(&self, items: &[Element]) -> Option<()> {
        let mut node = items
            .get(self.item.min(items.len().checked_sub(1)?))?
            .clone();
        for &i in &self.path {
            node = node.children().item(i)?;
        }
        node.dyn_into::<HtmlElement>().ok()?.focus().ok()
    }
}
