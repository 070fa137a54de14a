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
//!
//! Here, what a component writes (`El` and its builder); in [`built`], how an `El` becomes DOM
//! nodes bound to their memos, and how leptos mounts it; in [`list`], the keyed lists.

use cartlift_core::call::{Apply, Compute};
use cartlift_core::sort::CollectVec;
mod built;
mod list;

pub use built::Built;
use leptos::prelude::*;
use std::borrow::Cow;
use web_sys::Event;

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
    Live(ArcMemo<String>),
}

/// What an `ArcMemo<bool>` switches on an element.
#[derive(Clone, Copy)]
enum Switch {
    /// The `hidden` attribute.
    Hidden,
    /// A class.
    Class(&'static str),
    /// A boolean attribute (`disabled`).
    Attribute(&'static str),
    /// A boolean property: a checkbox's or radio's `checked`, an option's `selected` (what
    /// the shopper sees chosen, which the attribute of the same name no longer sets once they
    /// have chosen).
    Property(&'static str),
}

type Handler = Box<dyn Apply<Event, ()> + Send + Sync>;

/// The keys of a list of `n` items keyed by their position, "0" to "n − 1", for
/// [`El::each_position`]. Text, like every list's keys: a second type of key measured a memo
/// type more in the wasm (about 0.4 KB brotli) for nothing a list needs.
#[inline(never)]
pub fn position_keys(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| cartlift_core::integer::decimal_text(i as u64, 0))
        .collect_vec()
}

/// A list's items: their keys (read inside the list's effect, so the list follows them) and
/// the item at an index of those keys.
struct List {
    keys: Box<dyn Compute<Vec<String>> + Send + Sync>,
    item: Box<dyn Apply<usize, El> + Send + Sync>,
    /// Where keyboard focus goes when it was in an item that went and none is left: a
    /// selector in the same shadow root.
    fallback: Option<&'static str>,
}

/// An element and all it holds, as a component returns it:
/// `el("li").part("filler").text(title)`.
pub struct El {
    tag: &'static str,
    attrs: Vec<(&'static str, Text)>,
    switches: Vec<(Switch, ArcMemo<bool>)>,
    styles: Vec<(&'static str, ArcMemo<String>)>,
    listeners: Vec<(&'static str, Handler)>,
    effects: Vec<Box<dyn Compute<()> + Send + Sync>>,
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

/// Runs `f` now and again whenever what it reads changes, for the page's whole life: what the
/// page's session keeps up to date, outside any element.
pub fn for_the_page(f: Box<dyn Compute<()> + Send + Sync>) {
    // Effects rerun on this executor, which leptos starts only when it mounts a view, and this
    // one may come before any (already started: the result says so, nothing to act on).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Kept by forgetting it: dropping an effect stops it, and nothing stops this one.
    std::mem::forget(built::bound(f));
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
    pub fn hidden(mut self, when: ArcMemo<bool>) -> El {
        self.switches.push((Switch::Hidden, when));
        self
    }

    /// Has the class `name` while `when` is true.
    #[inline(never)]
    pub fn class_when(mut self, name: &'static str, when: ArcMemo<bool>) -> El {
        self.switches.push((Switch::Class(name), when));
        self
    }

    /// A checkbox ticked while `when` is true.
    #[inline(never)]
    pub fn checked(mut self, when: ArcMemo<bool>) -> El {
        self.switches.push((Switch::Property("checked"), when));
        self
    }

    /// An `<option>` chosen while `when` is true.
    #[inline(never)]
    pub fn selected(mut self, when: ArcMemo<bool>) -> El {
        self.switches.push((Switch::Property("selected"), when));
        self
    }

    /// Disabled while `when` is true.
    #[inline(never)]
    pub fn disabled(mut self, when: ArcMemo<bool>) -> El {
        self.switches.push((Switch::Attribute("disabled"), when));
        self
    }

    /// Sets a CSS property (on the element, through the CSSOM: allowed under a strict CSP).
    #[inline(never)]
    pub fn style(mut self, property: &'static str, value: ArcMemo<String>) -> El {
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

    /// Appends each of `children`.
    #[inline(never)]
    pub fn children(mut self, children: Vec<El>) -> El {
        for child in children {
            self.children.push(Node::Element(Box::new(child)));
        }
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
    pub fn each(
        self,
        keys: ArcMemo<Vec<String>>,
        item: impl Fn(String) -> El + Send + Sync + 'static,
    ) -> El {
        self.each_keyed(keys, Box::new(item))
    }

    /// [`El::each`] for items that are positions (`keys` from [`position_keys`]): the item
    /// is built from its position.
    pub fn each_position(
        self,
        keys: ArcMemo<Vec<String>>,
        item: impl Fn(usize) -> El + Send + Sync + 'static,
    ) -> El {
        self.each_at(keys, Box::new(item))
    }

    /// [`El::each`] with the item's closure boxed: one copy, not one per list (each list's own
    /// copy measured 1.9 KB brotli over the widgets' eleven lists).
    #[inline(never)]
    fn each_keyed(
        self,
        keys: ArcMemo<Vec<String>>,
        item: Box<dyn Apply<String, El> + Send + Sync>,
    ) -> El {
        let read = keys.clone();
        self.each_at(
            keys,
            Box::new(move |i| {
                // The list asks only for the positions of the keys it has just read.
                let key = read
                    .with_untracked(|k| k.get(i).cloned())
                    .unwrap_or_default();
                item.apply(key)
            }),
        )
    }

    /// [`El::each_position`] with the item's closure boxed.
    #[inline(never)]
    fn each_at(
        mut self,
        keys: ArcMemo<Vec<String>>,
        item: Box<dyn Apply<usize, El> + Send + Sync>,
    ) -> El {
        self.list = Some(List {
            keys: Box::new(move || keys.get()),
            item,
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

impl From<ArcMemo<String>> for Text {
    fn from(m: ArcMemo<String>) -> Text {
        Text::Live(m)
    }
}
