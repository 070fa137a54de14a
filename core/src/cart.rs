//! The cart (spec §3): what the page says is in it. cartlift never guesses.

use crate::config::raw::{RawCart, RawLine};
use crate::config::{decode, parse_json, unknown_currency, Config};
use crate::error::{suggestion, Code, Error, Errors, Path};
use crate::money::{parse_amount, Currency, Money, MAX_MINOR};

pub use crate::money::MAX_QUANTITY;

/// A checked cart: every line priced exactly, in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cart {
    /// The cart's currency: the config's, or one that a shipping goal names in `by_currency`.
    pub currency: Currency,
    /// The shopper's country, for goals that differ by country.
    pub country: Option<String>,
    /// The lines, in the page's order.
    pub lines: Vec<Line>,
}

/// One cart line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The product's or the variant's id, as the page sent it.
    pub id: String,
    /// The catalog product, when the config has it (a variant's line: its product's, so that
    /// it counts as its product for bundles, tiers, goals, exclusions and conditions).
    pub product: Option<usize>,
    /// How many.
    pub quantity: u32,
    /// The price of one: the page's `price`, else the catalog's.
    pub unit_price: Money,
    /// The page's `line_price`, else `unit_price` × `quantity`.
    pub total: Money,
    /// A goal's gift (spec §11): it never counts toward a goal.
    pub gift: bool,
}

impl Line {
    /// What the line counts for: its total (after the cart's line discounts), or with `before`
    /// its unit price × quantity. Never overflows: a checked cart holds both at most at
    /// [`MAX_MINOR`].
    pub fn amount(&self, before: bool) -> i64 {
        if before {
            self.unit_price.minor() * i64::from(self.quantity)
        } else {
            self.total.minor()
        }
    }
}

impl Cart {
    /// An empty cart in `currency`.
    pub fn empty(currency: Currency) -> Cart {
        Cart {
            currency,
            country: None,
            lines: Vec::new(),
        }
    }

    /// Parses and checks a cart from its JSON text, against the config's catalog.
    pub fn from_json(text: &str, config: &Config) -> Result<Cart, Vec<Error>> {
        parse_json(text, |v, errs| decode::cart(v, &Path::root(), errs))
            .and_then(|raw| check(&raw, config, &Path::root()))
            .map_err(|errs| crate::config::located(text, errs))
    }

    /// Checks a cart's shape (an object with a currency code and lines of id and quantity)
    /// before any config has arrived to check its ids and prices against.
    pub fn check_shape(text: &str) -> Result<(), Vec<Error>> {
        let raw = parse_json(text, |v, errs| decode::cart(v, &Path::root(), errs))?;
        match Currency::from_code(&raw.currency) {
            Some(_) => Ok(()),
            None => Err(vec![Error::new(
                Code::UnknownCurrency,
                Path::root().key("currency"),
                crate::msg!("{}", unknown_currency(&raw.currency)),
            )]),
        }
    }

    /// Whether the cart holds none of anything.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.quantity == 0)
    }

    /// How many of a catalog product the cart holds, over all its lines but gifts (a gift
    /// completes no bundle, reaches no tier and meets no offer's condition).
    pub fn quantity_of(&self, product: usize) -> u32 {
        self.lines
            .iter()
            .filter(|l| l.product == Some(product) && !l.gift)
            .map(|l| l.quantity)
            .fold(0, u32::saturating_add)
    }

    /// Whether the cart holds at least one of a catalog product.
    pub fn contains(&self, product: usize) -> bool {
        self.quantity_of(product) > 0
    }

    /// The price of one of a product as the cart has it, if a line holds it.
    pub fn unit_price_of(&self, product: usize) -> Option<Money> {
        self.lines
            .iter()
            .find(|l| l.product == Some(product) && l.quantity > 0)
            .map(|l| l.unit_price)
    }

    /// The sum of the totals of the lines `counts` keeps: what the shopper pays for them, after
    /// the cart's line discounts. Never overflows: a checked cart's total is at most
    /// [`MAX_MINOR`].
    pub fn total_where(&self, counts: impl Fn(&Line) -> bool) -> Money {
        self.sum_where(counts, false)
    }

    /// The sum of the lines `counts` keeps at their prices before the cart's discounts (each
    /// line's unit price × quantity), as checkout prices offers.
    pub fn before_discounts_where(&self, counts: impl Fn(&Line) -> bool) -> Money {
        self.sum_where(counts, true)
    }

    /// [`Cart::total_where`], or with `before` [`Cart::before_discounts_where`].
    pub fn sum_where(&self, counts: impl Fn(&Line) -> bool, before: bool) -> Money {
        let minor = self
            .lines
            .iter()
            .filter(|l| counts(l))
            .map(|l| l.amount(before))
            .sum();
        Money::from_minor(minor, self.currency)
    }
}

/// Checks a parsed cart against the config, collecting every problem.
pub fn check(raw: &RawCart, config: &Config, path: &Path) -> Result<Cart, Vec<Error>> {
    let mut errs = Errors::default();
    let currency = match Currency::from_code(&raw.currency) {
        Some(c) if c == config.currency || accepts_currency(config, c) => c,
        Some(c) => {
            errs.push(
                Code::CurrencyMismatch, &path.key("currency"),
                crate::msg!(
                    "the cart is in {c} but the config's prices are in {}; send the cart in {}, or give the shipping goals a by_currency threshold for {c}",
                    config.currency, config.currency
                ),
            );
            c
        }
        None => {
            errs.push(
                Code::UnknownCurrency,
                &path.key("currency"),
                crate::msg!("{}", unknown_currency(&raw.currency)),
            );
            config.currency
        }
    };
    if let Some(country) = &raw.country {
        if !crate::config::is_country_code(country) {
            errs.push(Code::BadCountry, &path.key("country"), crate::msg!("\"{country}\" is not a country code; write it as two capital letters, like \"CA\""));
        }
    }
    let mut lines = Vec::with_capacity(raw.items.len());
    let (mut total, mut before): (i64, i64) = (0, 0);
    for (i, line) in raw.items.iter().enumerate() {
        let lp = path.key("items").index(i);
        if let Some(line) = check_line(line, config, currency, &lp, &mut errs) {
            total = total.saturating_add(line.total.minor());
            before = before.saturating_add(line.amount(true));
            lines.push(line);
        }
    }
    if total.max(before) > MAX_MINOR {
        errs.push(
            Code::TooLarge,
            &path.key("items"),
            "the cart's total is too large to compute",
        );
    }
    errs.into_result(Cart {
        currency,
        country: raw.country.clone(),
        lines,
    })
}

/// Whether a cart in `currency` is accepted because a goal has a threshold for it.
fn accepts_currency(config: &Config, currency: Currency) -> bool {
    config
        .shipping_bar
        .iter()
        .flat_map(|bar| &bar.goals)
        .any(|g| g.currency_threshold(currency).is_some())
}

fn check_line(
    line: &RawLine,
    config: &Config,
    currency: Currency,
    path: &Path,
    errs: &mut Errors,
) -> Option<Line> {
    let item = config.item_index(&line.id);
    let product = item.map(|(p, _)| p);
    let foreign = currency != config.currency;
    if line.quantity > MAX_QUANTITY {
        errs.push(
            Code::BadQuantity,
            &path.key("quantity"),
            crate::msg!(
                "{} is more than the {MAX_QUANTITY} a line may hold",
                line.quantity
            ),
        );
        return None;
    }
    let unit_price = match (&line.price, product) {
        (Some(lit), _) => match parse_amount(lit.text(), currency) {
            Ok(m) => m,
            Err(e) => {
                errs.push(e.code(), &path.key("price"), crate::msg!("{e}"));
                return None;
            }
        },
        (None, Some(p)) if !foreign => match item {
            Some((_, Some(v))) => config.products[p].variants[v].price,
            _ => config.products[p].price,
        },
        (None, Some(_)) => {
            errs.push(Code::MissingKey, &path.key("price"), crate::msg!("the catalog's prices are in {}, so a line of a {currency} cart needs its own price", config.currency));
            return None;
        }
        (None, None) => {
            errs.push(
                Code::UnknownProduct,
                &path.key("id"),
                crate::msg!(
                    "no product has the id \"{}\"{}; give the line a price so it counts toward the subtotal",
                    line.id,
                    suggestion(&line.id, config.products.iter().map(|p| p.id.as_str()))
                ),
            );
            return None;
        }
    };
    // The shop's own line total (after its line discounts) is the line's truth when given.
    let line_total = match &line.line_price {
        Some(lit) => match parse_amount(lit.text(), currency) {
            Ok(m) => Some(m),
            Err(e) => {
                errs.push(e.code(), &path.key("line_price"), crate::msg!("{e}"));
                return None;
            }
        },
        None => unit_price.checked_mul(i64::from(line.quantity)),
    };
    // Both what the line costs and its price before the cart's discounts are held in range.
    let before = unit_price
        .checked_mul(i64::from(line.quantity))
        .filter(|t| t.minor() <= MAX_MINOR);
    let Some(total) = line_total.filter(|t| t.minor() <= MAX_MINOR && before.is_some()) else {
        errs.push(
            Code::TooLarge,
            path,
            "this line's total is too large to compute",
        );
        return None;
    };
    Some(Line {
        id: line.id.clone(),
        product,
        quantity: line.quantity,
        unit_price,
        total,
        gift: line.gift == Some(true),
    })
}
