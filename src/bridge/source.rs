//! Where the config comes from (spec §1): the `<script type="application/json"
//! id="cartlift-config">` element's text, or with `data-src`, the JSON at that URL.

use super::store::Store;
use cartlift_core::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a `data-src` fetch may take before it is given up (and tried once more).
const FETCH_TIMEOUT_MS: u32 = 8_000;

/// Reads the page's config element, if it has one. Without one, the page calls
/// `cartlift.configure()` when it is ready.
pub fn load_from_page() {
    let Some(script) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cartlift-config"))
    else {
        return;
    };
    match script.get_attribute("data-src") {
        Some(url) => wasm_bindgen_futures::spawn_local(async move {
            let result = match fetch_text(&url).await {
                Ok(text) => Ok(text),
                // One retry, for a passing network fault; a wrong answer is not retried.
                Err(Fetch::Retry(_)) => fetch_text(&url).await.map_err(Fetch::message),
                Err(e) => Err(e.message()),
            };
            match result {
                Ok(text) => {
                    let _ = Store::configure(&text);
                }
                Err(message) => super::events::config_rejected(&[Error::new("data-src", message)]),
            }
        }),
        None => {
            let _ = Store::configure(&script.text_content().unwrap_or_default());
        }
    }
}

enum Fetch {
    /// Worth one more try: the network failed or timed out, or the server erred (5xx).
    Retry(String),
    /// Not worth another: the server answered, but not with a config.
    Final(String),
}

impl Fetch {
    fn message(self) -> String {
        match self {
            Fetch::Retry(m) | Fetch::Final(m) => m,
        }
    }
}

async fn fetch_text(url: &str) -> Result<String, Fetch> {
    let window = web_sys::window().ok_or_else(|| Fetch::Final("no window to fetch from".into()))?;
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timer = controller
        .clone()
        .map(|c| gloo_timers::callback::Timeout::new(FETCH_TIMEOUT_MS, move || c.abort()));
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
            let aborted = e.dyn_ref::<js_sys::Error>().is_some_and(|e| e.name() == "AbortError");
            Fetch::Retry(if aborted {
                format!("fetching the config from {url} took longer than {} seconds", FETCH_TIMEOUT_MS / 1000)
            } else {
                format!("the config could not be fetched from {url} (network error or blocked by the page's policy)")
            })
        })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| Fetch::Final("fetch did not answer with a response".into()))?;
    let status = response.status();
    if !response.ok() {
        let message = format!("fetching the config from {url} failed with HTTP {status}");
        return Err(if status >= 500 {
            Fetch::Retry(message)
        } else {
            Fetch::Final(message)
        });
    }
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .map_err(|_| Fetch::Retry(format!("the config from {url} stopped arriving")))?,
        Err(_) => JsValue::from_str(""),
    };
    drop(timer);
    let text = text.as_string().unwrap_or_default();
    let start = text.trim_start();
    if start.is_empty() {
        return Err(Fetch::Final(format!(
            "{url} answered with an empty body, not a config"
        )));
    }
    if start.starts_with('<') {
        return Err(Fetch::Final(format!(
            "{url} answered with HTML, not a JSON config (a wrong URL, or a login page?)"
        )));
    }
    Ok(text)
}
