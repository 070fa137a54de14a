//! Helpers for the browser tests: mount an element, wait for leptos, read the shadow root.
#![allow(dead_code)]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

pub const ELECTRONICS: &str = include_str!("../../www/configs/electronics.json");

/// Turns remembering off, as `data-consent="false"` would: a shopper without a visitor id sees
/// each experiment's first variant (the demo's control, whose figures these tests state)
/// rather than the one a random id would draw.
pub fn unremembered() {
    cartlift::consent(false);
}

/// Gives the session an emitter of the body `body` (its arguments `target, name, text`, as the
/// entry module's), and the page's effect that tells it the facts, as `start()` does.
pub fn emit_to(body: &str) {
    cartlift::bridge::events::set_emitter(js_sys::Function::new_with_args(
        "target, name, text",
        body,
    ));
    cartlift::render::for_the_page(Box::new(cartlift::bridge::events::tell_facts));
}

/// Leptos applies DOM updates asynchronously: wait for its executor's next tick (as leptos's
/// own tests do) before asserting.
pub async fn tick() {
    leptos::task::tick().await;
}

/// Waits for a browser timer of `ms` (for what changes on its own clock, like a schedule's
/// boundary), then for leptos.
pub async fn after_timer(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
    tick().await;
}

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// A `cartlift-*` element with `attrs`, added to the page and mounted as the entry would.
pub fn element(tag: &str, attrs: &[(&str, &str)]) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element(tag)
        .expect("element")
        .dyn_into()
        .expect("html element");
    for (k, v) in attrs {
        el.set_attribute(k, v).expect("attribute");
    }
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    let id = cartlift::mount(el.clone());
    assert!(id.as_f64().is_some(), "{tag} did not mount");
    js_sys::Reflect::set(&el, &"_cartlift".into(), &id).expect("keep id");
    el
}

/// The id `element` kept on the element.
pub fn id_of(el: &HtmlElement) -> u32 {
    js_sys::Reflect::get(el, &"_cartlift".into())
        .ok()
        .and_then(|v| v.as_f64())
        .expect("mounted") as u32
}

/// The first element inside `el`'s shadow root matching `selector`.
pub fn inside(el: &HtmlElement, selector: &str) -> Element {
    el.shadow_root()
        .expect("shadow root")
        .query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Every element inside the shadow root matching `selector`.
pub fn all_inside(el: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = el
        .shadow_root()
        .expect("shadow root")
        .query_selector_all(selector)
        .expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect()
}

/// The text a shopper reads in `node` (rendered text: hidden parts left out), spaces folded.
pub fn text(node: &Element) -> String {
    let rendered = node
        .dyn_ref::<HtmlElement>()
        .map(HtmlElement::inner_text)
        .or_else(|| node.text_content())
        .unwrap_or_default();
    rendered.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("json")
}

pub fn set_cart(items: &[(&str, u32)]) -> bool {
    let lines: Vec<String> = items
        .iter()
        .map(|(id, q)| format!(r#"{{"id":"{id}","quantity":{q}}}"#))
        .collect();
    cartlift::set_cart(json(&format!(
        r#"{{"currency":"USD","items":[{}]}}"#,
        lines.join(",")
    )))
}

/// Records the `detail` of every `name` event heard on the document.
pub struct Heard {
    events: std::rc::Rc<std::cell::RefCell<Vec<JsValue>>>,
    _listener: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::CustomEvent)>,
    name: String,
}

/// Dispatches the widget's events as the entry module's emitter does (the tests mount
/// elements without the entry): each detail parsed from its JSON text, bubbling and composed.
pub fn emitting() {
    let emit = js_sys::Function::new_with_args(
        "target, name, text",
        "target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: JSON.parse(text) }))",
    );
    cartlift::bridge::events::set_emitter(emit);
}

impl Heard {
    pub fn new(name: &str) -> Heard {
        emitting();
        let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = events.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
            move |e: web_sys::CustomEvent| sink.borrow_mut().push(e.detail()),
        );
        document()
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .expect("listen");
        Heard {
            events,
            _listener: listener,
            name: name.to_owned(),
        }
    }

    /// The details heard so far, as JSON text.
    pub fn details(&self) -> Vec<String> {
        self.events
            .borrow()
            .iter()
            .map(|d| {
                js_sys::JSON::stringify(d)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default()
            })
            .collect()
    }
}

impl Drop for Heard {
    fn drop(&mut self) {
        let _ = document().remove_event_listener_with_callback(
            &self.name,
            self._listener.as_ref().unchecked_ref(),
        );
    }
}
