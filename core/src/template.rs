//! Message templates: the merchant's sentence with `{placeholders}` filled by the core with typed
//! values, which the browser formats (amounts for the locale and currency, percentages).

use crate::money::{Money, Percent};
use serde::Serialize;

/// A merchant's message, split into text and the placeholders it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(String),
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

impl Template {
    /// Splits `text` into pieces, refusing placeholders not in `allowed` and unbalanced braces.
    /// `{{` and `}}` stand for literal braces.
    pub fn parse(text: &str, allowed: &[&str]) -> Result<Template, String> {
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
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    if !allowed.contains(&name.as_str()) {
                        let known = allowed
                            .iter()
                            .map(|a| format!("{{{a}}}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let hint = crate::error::suggestion(&name, allowed.iter().copied());
                        return Err(format!(
                            "unknown placeholder {{{name}}}{hint}; this message can use {known}"
                        ));
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Slot(name));
                }
                '}' => {
                    return Err(
                        "has a \"}\" with no \"{\" before it (write \"}}\" for a brace)".into(),
                    )
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Template(pieces))
    }

    /// A message with no placeholders.
    pub fn text(text: &str) -> Template {
        Template(vec![Piece::Text(text.to_owned())])
    }

    /// The message with each placeholder replaced by what `value` gives for its name.
    pub fn fill(&self, value: impl Fn(&str) -> Segment) -> Vec<Segment> {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Segment::Text(t.clone()),
                Piece::Slot(name) => value(name),
            })
            .collect()
    }
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
    fn misspelt_placeholder_is_refused_with_a_suggestion() {
        let err = Template::parse("{remainng} to go", &["remaining", "reward"]).unwrap_err();
        assert!(
            err.contains("unknown placeholder {remainng} (did you mean \"remaining\"?)"),
            "{err}"
        );
        assert!(Template::parse("a } b", &[]).is_err());
        assert!(Template::parse("{{literal}}", &[]).is_ok());
    }
}
