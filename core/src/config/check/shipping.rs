//! Checking `shipping_bar`: goals, their thresholds by currency and country, rewards, fillers.

use super::unknown_currency;
use super::Checker;
use crate::config::labels::{self, Label, Labels};
use crate::config::model::{FreeShipping, Goal, Grants, ShippingBar};
use crate::config::raw::*;
use crate::config::safety::is_country_code;
use crate::error::{Code, Path};
use crate::money::{Currency, Money};
use crate::parts::VARIANTS;

impl Checker {
    /// Checks a goal's `grants`: one of `percent_off` (above 0, at most 100) and `amount_off`
    /// (above 0), and none on a goal whose threshold is personal (checkout cannot see the
    /// shopper's order history, so it could not grant at that threshold).
    fn grants(&mut self, path: &Path, raw: &RawGrants, personal: bool) -> Grants {
        let percent_off = raw
            .percent_off
            .as_ref()
            .map(|p| self.percent(&path.key("percent_off"), p));
        let amount_off = raw
            .amount_off
            .as_ref()
            .map(|a| self.amount(&path.key("amount_off"), a));
        if percent_off.is_some_and(|p| p.basis_points() == 0)
            || amount_off.is_some_and(|a| a.is_zero())
        {
            self.errs.push(
                Code::BadValue,
                path,
                "a goal's discount must take something off: more than 0",
            );
        }
        if percent_off.is_some() && amount_off.is_some() {
            self.errs.push(
                Code::BadValue,
                path,
                "give percent_off or amount_off, not both",
            );
        }
        if personal {
            self.errs.push(
                Code::BadValue,
                path,
                "checkout cannot see a shopper's past orders, so it cannot grant at a personal threshold: give this goal a fixed threshold, or put the grants on another goal",
            );
        }
        // A gift is one of the config's products, or one of their variants (spec §10); `auto`
        // says how it is given, so it needs one.
        let gift = raw.gift.as_ref().and_then(|id| {
            if !(VARIANTS && self.variant_ids.get(id).is_some()) {
                self.product(&path.key("gift"), id)?;
            }
            Some(id.clone())
        });
        let auto = raw.auto == Some(true);
        if raw.auto.is_some() && raw.gift.is_none() {
            self.errs.push(
                Code::BadValue,
                &path.key("auto"),
                "auto adds the goal's gift without a click: name the gift with \"gift\", or leave auto out",
            );
        }
        Grants {
            free_shipping: match raw.free_shipping {
                Some(RawFreeShipping::Cheapest) => Some(FreeShipping::Cheapest),
                Some(RawFreeShipping::All) => Some(FreeShipping::All),
                _ => None,
            },
            percent_off,
            amount_off,
            gift,
            gift_line: None,
            auto,
        }
    }

    /// Checks `shipping_bar` and resolves it.
    pub(super) fn shipping_bar(
        &mut self,
        path: &Path,
        bar: &RawShippingBar,
        labels: &Labels,
    ) -> ShippingBar {
        let goals_path = path.key("goals");
        if bar.goals.is_empty() {
            self.errs.push(
                Code::BadValue,
                &goals_path,
                "the bar needs at least one goal",
            );
        }
        let mut goals: Vec<Goal> = Vec::new();
        for (i, g) in bar.goals.iter().enumerate() {
            let gp = goals_path.index(i);
            let threshold = self.amount(&gp.key("threshold"), &g.threshold);
            if threshold.is_zero() {
                self.errs.push(
                    Code::BadValue,
                    &gp.key("threshold"),
                    "a threshold must be more than 0",
                );
            }
            if let Some(prev) = goals.last() {
                if threshold.minor() <= prev.threshold.minor() {
                    self.errs.push(
                        Code::NotIncreasing,
                        &gp.key("threshold"),
                        crate::msg!(
                            "goals must go up: {} is not more than the goal before it ({})",
                            threshold.to_decimal_string(),
                            prev.threshold.to_decimal_string()
                        ),
                    );
                }
            }
            let mut by_currency = Vec::new();
            for (code, lit) in &g.by_currency {
                let p = gp.key("by_currency").key(code);
                match Currency::from_code(code) {
                    Some(c) => {
                        let amount = self.amount_in(&p, lit, c);
                        by_currency.push((c, amount));
                    }
                    None => self.errs.push(
                        Code::UnknownCurrency,
                        &p,
                        crate::msg!("{}", unknown_currency(code)),
                    ),
                }
            }
            let mut by_country = Vec::new();
            for (country, lit) in &g.by_country {
                let p = gp.key("by_country").key(country);
                if !is_country_code(country) {
                    self.errs.push(
                        Code::BadCountry, &p,
                        crate::msg!("\"{country}\" is not a country code; write it as two capital letters, like \"CA\" or \"DE\""),
                    );
                }
                let amount = self.amount(&p, lit);
                by_country.push((country.clone(), amount));
            }
            if g.reward.trim().is_empty() {
                self.errs.push(
                    Code::BadValue,
                    &gp.key("reward"),
                    "say what the goal unlocks, like \"free shipping\"",
                );
            }
            let window = self.window(&gp, g.starts_at.as_deref(), g.ends_at.as_deref());
            let segments = self.segment_list(&gp, &g.segments);
            let personal = g
                .personal
                .as_ref()
                .filter(|_| crate::parts::PERSONAL)
                .map(|r| self.personal(&gp.key("personal"), r));
            let grants = g
                .grants
                .as_ref()
                .map(|r| self.grants(&gp.key("grants"), r, personal.is_some()))
                .unwrap_or_default();
            goals.push(Goal {
                threshold,
                by_currency,
                by_country,
                reward: g.reward.clone(),
                window,
                segments,
                personal,
                grants,
            });
        }
        // Per-currency and per-country thresholds must go up too, or the bar would go backwards.
        // Each key once, in the order the goals first give them (so the problems come in order).
        let mut keys: Vec<String> = Vec::new();
        for key in goals.iter().flat_map(|g| {
            g.by_currency
                .iter()
                .map(|(c, _)| c.code().to_owned())
                .chain(g.by_country.iter().map(|(c, _)| c.clone()))
        }) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for key in keys {
            let mut prev: Option<Money> = None;
            for (i, g) in goals.iter().enumerate() {
                let t = Currency::from_code(&key)
                    .and_then(|c| g.currency_threshold(c))
                    .or_else(|| g.country_threshold(&key));
                if let (Some(t), Some(p)) = (t, prev) {
                    if t.minor() <= p.minor() {
                        let which = if g.country_threshold(&key).is_some() {
                            "by_country"
                        } else {
                            "by_currency"
                        };
                        self.errs.push(
                            Code::NotIncreasing,
                            &goals_path.index(i).key(which).key(&key),
                            crate::msg!(
                                "goals must go up: {} is not more than the goal before it ({})",
                                t.to_decimal_string(),
                                p.to_decimal_string()
                            ),
                        );
                    }
                }
                prev = t.or(prev);
            }
        }
        let m = bar.messages.as_ref();
        let mp = path.key("messages");
        let mut message = |key: &str, text: Option<&String>, label: Label| {
            let text = text.map(|t| RawText::Plain(t.clone()));
            self.template(&mp.key(key), text.as_ref(), labels.get(label), labels::BAR)
        };
        let empty = message("empty", m.and_then(|m| m.empty.as_ref()), Label::BarEmpty);
        let progress = message(
            "progress",
            m.and_then(|m| m.progress.as_ref()),
            Label::BarProgress,
        );
        let achieved = message(
            "achieved",
            m.and_then(|m| m.achieved.as_ref()),
            Label::BarAchieved,
        );
        let exclude = self.products(&path.key("exclude"), &bar.exclude);
        let fillers = bar.fillers.unwrap_or(0);
        if fillers > 20 {
            self.errs.push(
                Code::BadValue,
                &path.key("fillers"),
                crate::msg!("{fillers} suggestions would crowd the cart; use 20 or fewer"),
            );
        }
        let before_discounts = match bar.subtotal.as_deref() {
            None | Some("after_discounts") => false,
            Some("before_discounts") => true,
            Some(other) => {
                self.errs.push(
                    Code::BadValue,
                    &path.key("subtotal"),
                    crate::msg!("\"{other}\" is not a subtotal: write \"after_discounts\" (what the shopper pays for the items, the default) or \"before_discounts\""),
                );
                false
            }
        };
        ShippingBar {
            goals,
            empty,
            progress,
            achieved,
            exclude,
            fillers: fillers.min(20) as usize,
            before_discounts,
        }
    }
}
