//! Errors as values: a JSON path into what the merchant or the page wrote, and a sentence.

use serde::Serialize;
use std::fmt;

/// One problem with a config or a cart: where it is and what is wrong, in words a merchant
/// understands. Displays as `bundles[1].items[0]: no product has the id "mous" (did you mean "mouse"?)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// Where the problem is, as a JSON path (`bundles[1].items[0]`); `.` for the whole document.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl Error {
    /// A problem at `path`.
    pub fn new(path: impl fmt::Display, message: impl Into<String>) -> Error {
        let path = path.to_string();
        Error {
            path: if path.is_empty() { ".".into() } else { path },
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// A JSON path being built while walking a document: `bundles[1].items[0]`.
#[derive(Clone, Debug, Default)]
pub struct Path(String);

impl Path {
    /// The document itself.
    pub fn root() -> Path {
        Path(String::new())
    }

    /// The path to `key` inside this object.
    pub fn key(&self, key: &str) -> Path {
        if self.0.is_empty() {
            Path(key.to_owned())
        } else {
            Path(format!("{}.{key}", self.0))
        }
    }

    /// The path to item `i` of this array.
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "." } else { &self.0 })
    }
}

/// Collects problems so that a merchant sees every one of them at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<Error>);

impl Errors {
    /// Records a problem at `path`.
    pub fn push(&mut self, path: &Path, message: impl Into<String>) {
        self.0.push(Error::new(path, message));
    }

    /// Records a problem found elsewhere, path and all.
    pub fn push_error(&mut self, error: Error) {
        self.0.push(error);
    }

    /// Whether nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was wrong, else every problem found.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Error>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// The candidate nearest to `typed`, when it is near enough to be a likely typo.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed_lower = typed.to_ascii_lowercase();
    let limit = match typed.chars().count() {
        0..=2 => 0,
        3..=4 => 1,
        5..=7 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .filter(|c| *c != typed)
        .filter(|c| !c.is_empty())
        .map(|c| (edit_distance(&typed_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `" (did you mean \"x\"?)"`, or nothing when no candidate is near.
pub fn suggestion<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(typed, candidates)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours each cost one (`mosue` is one step from `mouse`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * w + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mous_suggests_mouse_and_a_far_word_suggests_nothing() {
        let ids = ["laptop", "mouse", "keyboard"];
        assert_eq!(did_you_mean("mous", ids), Some("mouse"));
        assert_eq!(did_you_mean("mosue", ids), Some("mouse"));
        assert_eq!(did_you_mean("Laptop", ids), Some("laptop"));
        assert_eq!(did_you_mean("banana", ids), None);
    }

    #[test]
    fn paths_read_like_javascript() {
        let p = Path::root().key("bundles").index(1).key("items").index(0);
        assert_eq!(p.to_string(), "bundles[1].items[0]");
        assert_eq!(Path::root().to_string(), ".");
        assert_eq!(
            Error::new(&p, "no product has the id \"mous\"").to_string(),
            "bundles[1].items[0]: no product has the id \"mous\""
        );
    }
}
