//! What a page hands cartlift as one JSON text: the merchant's config, and with it, for previews
//! and demos, a sample `cart` (spec §2), checked against that config. Here, above both, so that
//! the config's checker never calls the cart's and the arrows run one way.

use crate::cart::{self, Cart};
use crate::config::{decode, located, resolve, Config};
use crate::error::{Error, Errors, Path};
use crate::json::Json;
#[cfg(feature = "markets")]
use crate::market::{convert_config, Rate};
#[cfg(feature = "markets")]
use crate::money::Currency;
use crate::sort::CollectVec;
use crate::visitor::{overlay, variant};

/// A checked config and its checked sample cart.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The config.
    pub config: Config,
    /// The config's sample cart, if it has one: shown until the page sends a cart of its own.
    pub sample_cart: Option<Cart>,
    /// The config's tree, kept when an experiment has a variant to lay over it.
    tree: Option<Json>,
    /// The shopper's currency and the store's rate to it, when they pay in another currency
    /// than the config's ([`Setup::in_market`]): a variant laid over the config is converted
    /// too. Only in a build with `markets` (a field of 32 bytes, aligned for its `i128`, made
    /// every flavour's wasm larger where nothing converts).
    #[cfg(feature = "markets")]
    market: Option<(Currency, Rate)>,
}

/// The config one shopper sees: the variant of each experiment they are in laid over it.
#[derive(Clone, Debug)]
pub struct Chosen {
    /// The config with their variants' changes; `None` when they change nothing (the
    /// [`Setup`]'s config is theirs).
    pub config: Option<Config>,
    /// `(experiment, variant)` for each experiment they are in.
    pub variants: Vec<(String, String)>,
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
                let tree = (crate::parts::PERSONAL
                    && config
                        .experiments
                        .iter()
                        .flat_map(|e| &e.variants)
                        .any(|v| v.overlay.is_some()))
                .then(|| tree.clone());
                if let Some(tree) = tree.as_ref().filter(|_| errs.is_empty()) {
                    check_variants(&config, tree, &mut errs);
                }
                errs.into_result(Setup {
                    config,
                    sample_cart,
                    tree,
                    #[cfg(feature = "markets")]
                    market: None,
                })
            }
            _ => Err(errs.into_result(()).err().unwrap_or_default()),
        }
        .map_err(|errs| located(text, errs))
    }
}

/// Every variant's partial config laid over the config must make a valid config by itself:
/// its problems are reported under `experiments[i].variants[j].config`. Checked once the
/// config itself is valid: a variant laid over a config with a mistake has that mistake too,
/// and it is reported once, at its own path.
fn check_variants(config: &Config, tree: &Json, errs: &mut Errors) {
    for (i, e) in config.experiments.iter().enumerate() {
        for (j, v) in e.variants.iter().enumerate() {
            let Some(partial) = &v.overlay else { continue };
            if let Err(problems) = checked(&overlay(tree, partial)) {
                let at = Path::root()
                    .key("experiments")
                    .index(i)
                    .key("variants")
                    .index(j)
                    .key("config");
                for p in problems {
                    errs.push(p.code(), &at, crate::msg!("{}: {}", p.path(), p.message()));
                }
            }
        }
    }
}

/// A config tree decoded and checked (a variant's, laid over the merchant's).
fn checked(tree: &Json) -> Result<Config, Vec<Error>> {
    let mut errs = Errors::default();
    match decode::config(tree, &mut errs) {
        Some(raw) if errs.is_empty() => {
            let (config, errs) = resolve(&raw);
            errs.into_result(config)
        }
        _ => Err(errs.into_result(()).err().unwrap_or_default()),
    }
}

impl Setup {
    /// The config the shopper with `visitor_id` sees: in each experiment, the variant
    /// [`variant`] gives them (sticky and weighted), or the one `forced` names (the page's
    /// `?cartlift_variant=`, for the merchant), laid over the config in the experiments'
    /// order. Without an id (the shopper declined to be remembered), the first variant of
    /// each: nothing about the browser chooses. Each variant was checked alone; if two together make a config that is not valid,
    /// the later is left out, and so is its experiment from `variants` (that shopper is not
    /// counted in it).
    pub fn for_visitor(&self, visitor_id: Option<&str>, forced: &[String]) -> Chosen {
        self.choose(|e| {
            let weights: Vec<u32> = e.variants.iter().map(|v| v.weight).collect_vec();
            e.variants
                .iter()
                .position(|v| forced.contains(&v.id))
                .or_else(|| match visitor_id {
                    Some(id) => variant(id, &e.id, &weights),
                    None => Some(0),
                })
        })
    }

    /// The config a shopper in the variants `claimed` (`(experiment, variant)`, as their browser
    /// wrote them on the cart) sees, as checkout prices it: each experiment's claimed variant,
    /// else its first. Variants and experiments the config does not have are ignored.
    pub fn for_variants(&self, claimed: &[(String, String)]) -> Chosen {
        self.choose(|e| {
            let named = claimed.iter().find(|(x, _)| *x == e.id);
            Some(
                named
                    .and_then(|(_, v)| e.variants.iter().position(|w| w.id == *v))
                    .unwrap_or(0),
            )
        })
    }

    /// The setup as a shopper paying in `to` sees it (spec §6, Shopify Markets): every amount
    /// of the config in `to` at `rate` by [`convert_config`], the conversion checkout prices
    /// with, and so each variant an experiment lays over it once laid; the sample cart goes (it
    /// is in the config's currency). A setup already in `to` is kept as it is. Refused when an
    /// amount is too large once converted; a variant that is, is left out for the shopper
    /// like a variant that makes no valid config with the others ([`Setup::for_visitor`]).
    /// With the `markets` feature only: the widget's flavours without a platform never convert.
    #[cfg(feature = "markets")]
    pub fn in_market(mut self, to: Currency, rate: Rate) -> Result<Setup, Error> {
        if self.config.currency == to {
            return Ok(self);
        }
        if convert_config(&mut self.config, to, rate) {
            self.sample_cart = None;
            self.market = Some((to, rate));
            return Ok(self);
        }
        // Said in full, without the `messages` feature too: no other module can say it, as
        // the config is valid in its own currency (which the merchant knows: the sentence
        // names the shopper's).
        let mut said =
            String::from("an amount of the config is too large for cartlift once converted to ");
        said.push_str(to.code());
        Err(Error::new(crate::error::Code::BadAmount, "currency", said))
    }

    /// `config` (a variant laid over this setup's) in the setup's market, if it is in one;
    /// `None` when an amount is too large once converted.
    fn in_its_market(&self, config: Config) -> Option<Config> {
        #[cfg(feature = "markets")]
        if let Some((to, rate)) = self.market {
            let mut config = config;
            return convert_config(&mut config, to, rate).then_some(config);
        }
        Some(config)
    }

    /// The config with the variant `pick` chooses in each experiment laid over it.
    fn choose(&self, pick: impl Fn(&crate::config::Experiment) -> Option<usize>) -> Chosen {
        let mut variants = Vec::new();
        let mut tree = self.tree.clone();
        let mut config: Option<Config> = None;
        // A build without personalization has no experiments (crate::parts).
        let experiments = match crate::parts::PERSONAL {
            true => self.config.experiments.as_slice(),
            false => &[],
        };
        for e in experiments {
            let Some(v) = pick(e).map(|i| &e.variants[i]) else {
                continue;
            };
            if let (Some(partial), Some(base)) = (&v.overlay, &tree) {
                let laid = overlay(base, partial);
                let converted = checked(&laid).ok().and_then(|c| self.in_its_market(c));
                match converted {
                    Some(c) => {
                        config = Some(c);
                        tree = Some(laid);
                    }
                    None => continue,
                }
            }
            variants.push((e.id.clone(), v.id.clone()));
        }
        Chosen { config, variants }
    }
}

impl Config {
    /// Parses and checks a config from its JSON text, its sample cart included (see
    /// [`Setup::from_json`], which keeps the sample).
    pub fn from_json(text: &str) -> Result<Config, Vec<Error>> {
        Setup::from_json(text).map(|s| s.config)
    }
}
