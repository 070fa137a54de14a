//! `mine-bundles`: which products are bought together. Orders are transactions (the set of
//! items of each, quantities aside); itemsets of two and three items bought together in at least
//! `--min-orders` orders are counted, and each rule A → C of them gets the association-rule
//! measures as mlxtend's `association_rules` defines them (support, confidence, lift, leverage,
//! conviction), tested against mlxtend's own figures.
//!
//! Two passes over the file, Apriori's way: the first counts items and pairs, the second counts
//! only the triples whose three pairs are frequent. Memory grows with the products and their
//! pairs, never with the orders.

use rustc_hash::FxHashMap as HashMap;
use serde_json::{json, Value};

/// The counts of one pass or two.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Transactions seen.
    pub orders: u64,
    /// Item names, by index.
    pub names: Vec<String>,
    index: HashMap<String, u32>,
    /// Transactions holding each item.
    pub items: Vec<u64>,
    /// Transactions holding each pair `(a, b)`, `a < b`.
    pub pairs: HashMap<(u32, u32), u64>,
    /// Transactions holding each triple `(a, b, c)`, `a < b < c`, of frequent pairs.
    pub triples: HashMap<(u32, u32, u32), u64>,
}

impl Counts {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        self.items.push(0);
        i
    }

    /// A transaction's distinct items, as sorted indices.
    fn basket(&mut self, items: &[&str]) -> Vec<u32> {
        let mut ids: Vec<u32> = items.iter().map(|n| self.id(n)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The first pass: one transaction's items and pairs.
    pub fn first(&mut self, items: &[&str]) {
        let ids = self.basket(items);
        self.orders += 1;
        for (k, &a) in ids.iter().enumerate() {
            self.items[a as usize] += 1;
            for &b in &ids[k + 1..] {
                *self.pairs.entry((a, b)).or_default() += 1;
            }
        }
    }

    /// The second pass: one transaction's triples whose pairs are all in at least `min` orders.
    pub fn second(&mut self, items: &[&str], min: u64) {
        let ids = self.basket(items);
        let frequent = |p: (u32, u32), c: &Counts| c.pairs.get(&p).is_some_and(|&n| n >= min);
        let keep: Vec<u32> = ids
            .into_iter()
            .filter(|&a| self.items[a as usize] >= min)
            .collect();
        for (i, &a) in keep.iter().enumerate() {
            for (j, &b) in keep.iter().enumerate().skip(i + 1) {
                if !frequent((a, b), self) {
                    continue;
                }
                for &c in &keep[j + 1..] {
                    if frequent((a, c), self) && frequent((b, c), self) {
                        *self.triples.entry((a, b, c)).or_default() += 1;
                    }
                }
            }
        }
    }
}

/// One association rule, antecedents → consequents.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The antecedent items, sorted by name.
    pub antecedents: Vec<String>,
    /// The consequent items, sorted by name.
    pub consequents: Vec<String>,
    /// Transactions holding every item of the rule.
    pub orders: u64,
    /// Share of transactions holding the antecedents.
    pub antecedent_support: f64,
    /// Share holding the consequents.
    pub consequent_support: f64,
    /// Share holding all items.
    pub support: f64,
    /// support / antecedent support.
    pub confidence: f64,
    /// confidence / consequent support.
    pub lift: f64,
    /// support − antecedent support × consequent support.
    pub leverage: f64,
    /// (1 − consequent support) / (1 − confidence); `None` for infinity (confidence 1).
    pub conviction: Option<f64>,
}

impl Rule {
    /// Every item of the rule, sorted.
    pub fn items(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .antecedents
            .iter()
            .chain(&self.consequents)
            .cloned()
            .collect();
        all.sort();
        all
    }
}

/// Every rule of the itemsets of two and three items in at least `min_orders` transactions,
/// with a lift of at least `min_lift`, strongest first (lift, then support, then names).
pub fn rules(c: &Counts, min_orders: u64, min_lift: f64) -> Vec<Rule> {
    let n = c.orders.max(1) as f64;
    let count_of = |set: &[u32]| -> u64 {
        match *set {
            [a] => c.items[a as usize],
            [a, b] => c.pairs.get(&(a, b)).copied().unwrap_or(0),
            [a, b, d] => c.triples.get(&(a, b, d)).copied().unwrap_or(0),
            _ => 0,
        }
    };
    let names = |set: &[u32]| -> Vec<String> {
        let mut v: Vec<String> = set.iter().map(|&i| c.names[i as usize].clone()).collect();
        v.sort();
        v
    };
    let mut sets: Vec<(Vec<u32>, u64)> = c
        .pairs
        .iter()
        .filter(|(_, &k)| k >= min_orders)
        .map(|(&(a, b), &k)| (vec![a, b], k))
        .collect();
    sets.extend(
        c.triples
            .iter()
            .filter(|(_, &k)| k >= min_orders)
            .map(|(&(a, b, d), &k)| (vec![a, b, d], k)),
    );
    let mut out = Vec::new();
    for (set, k) in sets {
        // Every split into a non-empty antecedent and consequent.
        let len = set.len();
        for mask in 1..(1u32 << len) - 1 {
            let (ante, cons): (Vec<u32>, Vec<u32>) = {
                let mut a = Vec::new();
                let mut b = Vec::new();
                for (i, &x) in set.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        a.push(x)
                    } else {
                        b.push(x)
                    }
                }
                (a, b)
            };
            let (sa, sc, s) = (
                count_of(&ante) as f64 / n,
                count_of(&cons) as f64 / n,
                k as f64 / n,
            );
            let confidence = s / sa;
            let lift = confidence / sc;
            if lift + 1e-12 < min_lift {
                continue;
            }
            out.push(Rule {
                antecedents: names(&ante),
                consequents: names(&cons),
                orders: k,
                antecedent_support: sa,
                consequent_support: sc,
                support: s,
                confidence,
                lift,
                leverage: s - sa * sc,
                conviction: if confidence >= 1.0 {
                    None
                } else {
                    Some((1.0 - sc) / (1.0 - confidence))
                },
            });
        }
    }
    out.sort_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.support.total_cmp(&a.support))
            .then_with(|| a.items().cmp(&b.items()))
            .then_with(|| a.antecedents.cmp(&b.antecedents))
    });
    out
}

/// A bundle to propose: items bought together, as the config writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// A config id for it (`bundle-keyboard-mouse`).
    pub id: String,
    /// Its items, as keys (config product ids when `--config` named them).
    pub items: Vec<String>,
    /// The suggested discount, in percent.
    pub percent_off: u32,
    /// Transactions holding all of them.
    pub orders: u64,
    /// The strongest lift among the itemset's rules.
    pub lift: f64,
}

/// The strongest itemsets as bundles, at most `top` of them: pairs at 10 % off, triples at
/// 15 % (the more items, the more a shopper is asked to add, the more it should save).
/// A part of a bundle already proposed is skipped. Itemsets are ranked by leverage, the share of orders that hold them beyond chance: lift
/// alone favours rare coincidences, and a bundle is worth offering when many shoppers would
/// take it.
pub fn proposals(rules: &[Rule], top: usize) -> Vec<Proposal> {
    let mut ranked: Vec<&Rule> = rules.iter().collect();
    ranked.sort_by(|a, b| {
        b.leverage
            .total_cmp(&a.leverage)
            .then(b.lift.total_cmp(&a.lift))
            .then_with(|| a.items().cmp(&b.items()))
    });
    let mut out: Vec<Proposal> = Vec::new();
    for r in ranked {
        let items = r.items();
        // A part of a bundle already proposed is not another bundle.
        if out
            .iter()
            .any(|p| items.iter().all(|i| p.items.contains(i)))
        {
            continue;
        }
        let slug: Vec<String> = items
            .iter()
            .map(|i| {
                i.to_ascii_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect()
            })
            .collect();
        out.push(Proposal {
            id: format!("bundle-{}", slug.join("-")),
            percent_off: if items.len() >= 3 { 15 } else { 10 },
            items,
            orders: r.orders,
            lift: r.lift,
        });
        if out.len() >= top {
            break;
        }
    }
    out
}

/// The top complements of each item: the consequents of its one-item rules, by lift.
pub fn complements(rules: &[Rule], top: usize) -> Vec<(String, Vec<(String, f64)>)> {
    let mut by: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    for r in rules
        .iter()
        .filter(|r| r.antecedents.len() == 1 && r.consequents.len() == 1)
    {
        let a = &r.antecedents[0];
        let entry = match by.iter_mut().position(|(x, _)| x == a) {
            Some(i) => &mut by[i].1,
            None => {
                by.push((a.clone(), Vec::new()));
                &mut by.last_mut().expect("just pushed").1
            }
        };
        if entry.len() < top {
            entry.push((r.consequents[0].clone(), r.lift));
        }
    }
    by.sort_by(|a, b| a.0.cmp(&b.0));
    by
}

/// A measure as JSON: a number, or `null` for an infinite conviction.
fn number(x: Option<f64>) -> Value {
    x.and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// The report as `--format json` prints it.
pub fn to_json(
    c: &Counts,
    rules: &[Rule],
    proposals: &[Proposal],
    complements: &[(String, Vec<(String, f64)>)],
    notes: &[String],
) -> Value {
    json!({
        "orders": c.orders,
        "rules": rules.iter().map(|r| json!({
            "items": r.items(),
            "antecedents": r.antecedents,
            "consequents": r.consequents,
            "orders": r.orders,
            "antecedent_support": number(Some(r.antecedent_support)),
            "consequent_support": number(Some(r.consequent_support)),
            "support": number(Some(r.support)),
            "confidence": number(Some(r.confidence)),
            "lift": number(Some(r.lift)),
            "leverage": number(Some(r.leverage)),
            "conviction": number(r.conviction),
        })).collect::<Vec<_>>(),
        "complements": complements.iter().map(|(a, list)| json!({
            "item": a,
            "bought_with": list.iter().map(|(b, lift)| json!({ "item": b, "lift": number(Some(*lift)) })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "bundles": proposals.iter().map(|p| json!({ "id": p.id, "items": p.items, "percent_off": p.percent_off })).collect::<Vec<_>>(),
        "notes": notes,
    })
}
