//! cartlift's pricing core: exact money, the merchant's config with clear errors, and every
//! figure the widgets show. No web dependency: it is tested natively and compiled into the
//! widget's wasm as it is.
//!
//! ```
//! use cartlift_core::{Cart, Config, Context, quote};
//! let config = Config::from_json(r#"{
//!   "currency": "USD",
//!   "products": [{ "id": "mug", "title": "Mug", "price": "65.00" }],
//!   "shipping_bar": { "goals": [{ "threshold": "75.00", "reward": "free shipping" }] }
//! }"#).expect("a valid config");
//! let cart = Cart::from_json(r#"{ "currency": "USD", "items": [{ "id": "mug", "quantity": 1 }] }"#, &config)
//!     .expect("a valid cart");
//! let q = quote(&config, &cart, &Context::default());
//! assert_eq!(q.shipping.expect("a goal applies").remaining.to_decimal_string(), "10.00");
//! ```

// Without `messages`, the sentences (and what is computed only for them) are left out, so
// values named only in a sentence go unused there.
#![cfg_attr(
    not(feature = "messages"),
    allow(unused_variables, unused_imports, dead_code, clippy::if_same_then_else)
)]

/// A merchant-facing sentence, written like `format!`. With the `messages` feature (the
/// default) it is that text; without it, nothing: the arguments are not even evaluated, so
/// the shopper's wasm carries neither the sentences nor their formatting. See
/// [`error::HAS_MESSAGES`].
#[cfg(feature = "messages")]
#[macro_export]
macro_rules! msg {
    ($($t:tt)*) => {
        format!($($t)*)
    };
}

/// Without `messages`: no sentence (see the macro of the same name with the feature).
#[cfg(not(feature = "messages"))]
#[macro_export]
macro_rules! msg {
    ($($t:tt)*) => {
        String::new()
    };
}

pub mod adapter;
pub mod bundles;
pub mod call;
pub mod cart;
pub mod checkout;
pub mod config;
pub mod deals;
pub mod error;
mod ids;
pub mod integer;
pub mod json;
pub mod market;
pub mod money;
pub mod parts;
pub mod platform;
pub mod pricing;
pub mod quote;
pub mod recommend;
pub mod schedule;
pub mod setup;
pub mod shipping;
pub mod sort;
pub mod template;
pub mod tiers;
pub mod upsell;
pub mod visitor;

pub use cart::Cart;
pub use config::Config;
pub use error::Error;
pub use money::{Currency, Money, Percent};
pub use quote::{quote, Context, Quote};
pub use setup::Setup;

/// The JSON Schema of the config, for editors and the README's reference. Native only.
///
/// Its keys are written in sorted order whatever features serde_json was built with (the
/// CLI's `preserve_order`, unified into a workspace build, would otherwise keep schemars'
/// insertion order), so the committed schema is the same from every build.
#[cfg(feature = "schema")]
pub fn config_schema() -> String {
    fn sorted(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Object(members) => {
                let mut members: Vec<(String, Value)> = members.into_iter().collect();
                members.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(members.into_iter().map(|(k, v)| (k, sorted(v))).collect())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
            other => other,
        }
    }
    let schema = schemars::schema_for!(config::raw::RawConfig);
    let value = serde_json::to_value(&schema).unwrap_or_default();
    serde_json::to_string_pretty(&sorted(value)).unwrap_or_default() + "\n"
}
