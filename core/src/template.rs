//! Message templates: the merchant's sentence with `{placeholders}` filled by the core with typed
//! values, which the browser formats (amounts for the locale and currency, percentages).
//!
//! A template may have plural forms (`{"one": "Add {more} more item", "other": "Add {more} more
//! items"}`), by the CLDR categories `Intl.PluralRules` gives. Which form a count takes depends
//! on the language, so the caller picks it: the widget asks the browser, and anything without
//! one (the CLI, `state()`) uses `other`.

use crate::json::{Out, ToJson};
use crate::money::{Money, Percent};
use crate::sort::CollectVec;
use serde::Serialize;

/// A merchant's message, split into text and the placeholders it names, per plural form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(Vec<(Plural, Vec<Piece>)>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(String),
}

/// The plural form of `count` in `locale` (the widget asks the browser's `Intl.PluralRules`).
pub type PluralRule = fn(count: u32, locale: &str) -> Plural;

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other`: every template has it; the only form of a plain string.
    Other,
}

impl Plural {
    /// The six categories, by their names.
    pub const ALL: [(&'static str, Plural); 6] = [
        ("zero", Plural::Zero),
        ("one", Plural::One),
        ("two", Plural::Two),
        ("few", Plural::Few),
        ("many", Plural::Many),
        ("other", Plural::Other),
    ];

    /// The category `Intl.PluralRules` calls `name`; `other` for anything else.
    pub fn from_name(name: &str) -> Plural {
        Plural::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(Plural::Other, |&(_, p)| p)
    }
}

/// One piece of a filled message: text to show as is, or a value for the browser to format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Text, shown as text (never as HTML).
    Text(String),
    /// An amount, formatted for the locale and currency.
    Money(Money),
    /// A percentage in basis points, formatted as a percentage.
    Percent(Percent),
    /// A count, formatted as a whole number.
    Count(u32),
}

impl ToJson for Segment {
    fn write(&self, out: &mut Out) {
        out.open();
        match self {
            Segment::Text(t) => {
                out.key("text");
                t.write(out);
            }
            Segment::Money(m) => {
                out.key("money");
                m.write(out);
            }
            Segment::Percent(p) => {
                out.key("percent");
                p.write(out);
            }
            Segment::Count(n) => {
                out.key("count");
                n.write(out);
            }
        }
        out.close();
    }
}

impl Template {
    /// Splits `text` into pieces, refusing placeholders not in `allowed`, a `{` that is never
    /// closed and a `}` that was never opened. `{{` and `}}` stand for literal braces.
    pub fn parse(text: &str, allowed: &[&str]) -> Result<Template, String> {
        Ok(Template(vec![(Plural::Other, pieces(text, allowed)?)]))
    }

    /// A template with plural forms, `(category name, text)`, which must include `other`.
    /// The error names the form it is about.
    pub fn plural(forms: &[(String, String)], allowed: &[&str]) -> Result<Template, String> {
        let mut out = Vec::new();
        for (name, text) in forms {
            let Some(&(_, form)) = Plural::ALL.iter().find(|(n, _)| n == name) else {
                return Err(crate::msg!(
                    "\"{name}\" is not a plural form{}; the forms are \"zero\", \"one\", \"two\", \"few\", \"many\" and \"other\"",
                    crate::error::suggestion(name, Plural::ALL.iter().map(|(n, _)| *n))
                ));
            };
            let parsed =
                pieces(text, allowed).map_err(|e| crate::msg!("the \"{name}\" form {e}"))?;
            out.push((form, parsed));
        }
        if !out.iter().any(|(f, _)| *f == Plural::Other) {
            return Err(crate::msg!(
                "plural forms need an \"other\" form, used for every count the others do not cover"
            ));
        }
        Ok(Template(out))
    }

    /// A message with no placeholders.
    pub fn text(text: &str) -> Template {
        Template(vec![(Plural::Other, vec![Piece::Text(text.to_owned())])])
    }

    /// Whether the template has forms other than `other`, so that the count matters.
    pub fn is_plural(&self) -> bool {
        self.0.len() > 1
    }

    /// The `form` message (`other` when it has no such form) with each placeholder replaced
    /// by what `value` gives for its name.
    pub fn fill_form(&self, form: Plural, value: impl Fn(&str) -> Segment) -> Vec<Segment> {
        let pieces = self
            .0
            .iter()
            .find(|(f, _)| *f == form)
            .or_else(|| self.0.iter().find(|(f, _)| *f == Plural::Other))
            .map_or(&[][..], |(_, p)| p.as_slice());
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Segment::Text(t.clone()),
                Piece::Slot(name) => value(name),
            })
            .collect_vec()
    }

    /// The `other` message with each placeholder replaced by what `value` gives for its name.
    pub fn fill(&self, value: impl Fn(&str) -> Segment) -> Vec<Segment> {
        self.fill_form(Plural::Other, value)
    }
}

fn pieces(text: &str, allowed: &[&str]) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    name.push(c);
                }
                if !closed {
                    return Err(crate::msg!(
                        "has a \"{{\" that is never closed (\"{{{name}\"); write \"{{{{\" for a brace"
                    ));
                }
                if !allowed.contains(&name.as_str()) {
                    return Err(if allowed.is_empty() {
                        crate::msg!(
                            "unknown placeholder {{{name}}}; this text takes no placeholders"
                        )
                    } else {
                        crate::msg!(
                            "unknown placeholder {{{name}}}{}; this message can use {}",
                            crate::error::suggestion(&name, allowed.iter().copied()),
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect_vec()
                                .join(", ")
                        )
                    });
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Slot(name));
            }
            '}' => {
                return Err(crate::msg!(
                    "has a \"}}\" with no \"{{\" before it (write \"}}}}\" for a brace)"
                ))
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_message_has_text_and_a_remaining_slot() {
        let t = Template::parse("You're {remaining} away", &["remaining"]).expect("valid");
        let filled = t.fill(|_| Segment::Count(7));
        assert_eq!(
            filled,
            vec![
                Segment::Text("You're ".into()),
                Segment::Count(7),
                Segment::Text(" away".into())
            ]
        );
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn misspelt_placeholder_is_refused_with_a_suggestion() {
        let err = Template::parse("{remainng} to go", &["remaining", "reward"]).unwrap_err();
        assert!(
            err.contains("unknown placeholder {remainng} (did you mean \"remaining\"?)"),
            "{err}"
        );
        assert!(Template::parse("a } b", &[]).is_err());
        assert!(Template::parse("{{literal}}", &[]).is_ok());
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn an_unclosed_brace_is_refused_even_when_its_name_is_allowed() {
        let err = Template::parse("Add {more", &["more"]).unwrap_err();
        assert_eq!(
            err,
            "has a \"{\" that is never closed (\"{more\"); write \"{{\" for a brace"
        );
        assert!(Template::parse("{", &[]).is_err());
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn one_more_item_and_two_more_items_take_their_own_forms() {
        let forms = [
            ("one".to_owned(), "Add {more} more item".to_owned()),
            ("other".to_owned(), "Add {more} more items".to_owned()),
        ];
        let t = Template::plural(&forms, &["more"]).expect("valid");
        assert!(t.is_plural());
        let text = |form| {
            t.fill_form(form, |_| Segment::Count(1))
                .into_iter()
                .map(|s| match s {
                    Segment::Text(t) => t,
                    _ => "N".into(),
                })
                .collect::<String>()
        };
        assert_eq!(text(Plural::One), "Add N more item");
        assert_eq!(text(Plural::Other), "Add N more items");
        // A form the template lacks falls back to `other`.
        assert_eq!(text(Plural::Few), "Add N more items");
        let no_other = [("one".to_owned(), "x".to_owned())];
        assert!(Template::plural(&no_other, &[])
            .unwrap_err()
            .contains("\"other\""));
        let typo = [
            ("onee".to_owned(), "x".to_owned()),
            ("other".to_owned(), "y".to_owned()),
        ];
        assert!(Template::plural(&typo, &[])
            .unwrap_err()
            .contains("(did you mean \"one\"?)"));
    }
}
