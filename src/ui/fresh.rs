//! [`Fresh`]: a list that, when its items change, is built anew in place of the old one.
//!
//! Our lists are short (a few bundles, fillers, tiers) and each item follows its own memos, so
//! the list itself changes only when items come or go. Diffing it element by element would
//! compile a second, larger routine per list (tachys's rebuild of every attribute and child)
//! into the wasm; building it again reuses the routine the first render already needs.
//! A shopper's keyboard focus inside the list stays on the same control of the same row.

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::Mountable;
use leptos::tachys::view::{add_attr::AddAnyAttr, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// A view that is replaced whole, never diffed, when its closure re-runs.
pub struct Fresh<V>(pub V);

impl<V: Render> Render for Fresh<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        let focus = focus_within(&state.elements());
        let mut new = self.0.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
        if let Some(focus) = focus {
            focus.restore(&state.elements());
        }
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

impl<V: AddAnyAttr> AddAnyAttr for Fresh<V> {
    type Output<SomeNewAttr: Attribute> = Fresh<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Fresh(self.0.add_any_attr(attr))
    }
}

// Server rendering and hydration never happen here (CSR only); they forward to the inner view.
impl<V: RenderHtml> RenderHtml for Fresh<V> {
    type AsyncOutput = Fresh<V::AsyncOutput>;
    type Owned = Fresh<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Fresh(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Fresh(self.0.into_owned())
    }
}

/// `iter.collect::<Fresh<_>>()`: item views as a list that is rebuilt whole.
impl<V> FromIterator<V> for Fresh<Vec<V>> {
    fn from_iter<I: IntoIterator<Item = V>>(iter: I) -> Self {
        Fresh(iter.into_iter().collect())
    }
}
