//! What a page hands cartlift as one JSON text: the merchant's config, and with it, for previews
//! and demos, a sample `cart` (spec §2), checked against that config. Here, above both, so that
//! the config's checker never calls the cart's and the arrows run one way.

use crate::cart::{self, Cart};
use crate::config::{decode, located, resolve, Config};
use crate::error::{Error, Errors, Path};

/// A checked config and its checked sample cart.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The config.
    pub config: Config,
    /// The config's sample cart, if it has one: shown until the page sends a cart of its own.
    pub sample_cart: Option<Cart>,
}

impl Setup {
    /// Parses and checks a config from its JSON text, its sample cart included. On failure,
    /// every problem found (of the config and of the sample), each with its path and place.
    pub fn from_json(text: &str) -> Result<Setup, Vec<Error>> {
        let tree = crate::json::parse(text).map_err(|e| located(text, vec![e]))?;
        Setup::from_tree(text, &tree)
    }

    /// [`Setup::from_json`] of a text already parsed into `tree` (for a reader that needs the
    /// tree for more than the config, such as checkout's variant ids).
    pub fn from_tree(text: &str, tree: &crate::json::Json) -> Result<Setup, Vec<Error>> {
        let mut errs = Errors::default();
        match decode::config(tree, &mut errs) {
            Some(raw) if errs.is_empty() => {
                let (config, mut errs) = resolve(&raw);
                let sample_cart = raw.cart.as_ref().and_then(|sample| {
                    cart::check(sample, &config, &Path::root().key("cart"))
                        .map_err(|list| list.into_iter().for_each(|e| errs.push_error(e)))
                        .ok()
                });
                errs.into_result(Setup {
                    config,
                    sample_cart,
                })
            }
            _ => Err(errs.into_result(()).err().unwrap_or_default()),
        }
        .map_err(|errs| located(text, errs))
    }
}

impl Config {
    /// Parses and checks a config from its JSON text, its sample cart included (see
    /// [`Setup::from_json`], which keeps the sample).
    pub fn from_json(text: &str) -> Result<Config, Vec<Error>> {
        Setup::from_json(text).map(|s| s.config)
    }
}
