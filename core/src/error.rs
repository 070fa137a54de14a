//! Errors as values: a stable code, a JSON path into what the merchant or the page wrote, a
//! sentence, and for text that was read, the line and column.
//!
//! Modelled on serde_json's and semver's error modules: the [`Code`] is a public category a
//! program can match on (the preview, the CLI, a shop's monitoring), the sentence is for people,
//! and the position is kept in fields rather than baked into the sentence.
//!
//! Over 300 lines for the [`Code`] table (each code named, for the JSON and the docs) and the
//! path builder both the reader and the checkers use.

use crate::sort::CollectVec;
use serde::Serialize;
use std::fmt;

/// What kind of problem an [`Error`] is: stable names a program can match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// The text is not valid JSON.
    Syntax,
    /// A value of the wrong JSON type (text where a number belongs, …).
    WrongType,
    /// A required key is missing.
    MissingKey,
    /// A key that is not part of the config (often a typo: a suggestion follows).
    UnknownKey,
    /// A key given twice in one object.
    DuplicateKey,
    /// An id that names no product of the catalog.
    UnknownProduct,
    /// An id used twice where ids must be unique.
    DuplicateId,
    /// An amount that is not an amount: not a number, negative, or with too many decimals.
    BadAmount,
    /// A number or a total too large to compute with.
    TooLarge,
    /// A percentage that is not one, or not between 0 and 100.
    BadPercent,
    /// A currency code that ISO 4217 does not have.
    UnknownCurrency,
    /// A cart in a currency the config cannot price.
    CurrencyMismatch,
    /// A malformed language tag.
    BadLocale,
    /// A malformed RFC 3339 time.
    BadTime,
    /// A schedule that could never be live (starts after it ends).
    BadSchedule,
    /// A message template with an unknown placeholder or an unbalanced brace.
    BadTemplate,
    /// A link or image that is not http(s) or relative.
    BadUrl,
    /// A theme value that is not a plain colour, length or font.
    BadCss,
    /// A malformed country code.
    BadCountry,
    /// A bundle or offer priced in none or several ways at once.
    BadPricing,
    /// A bundle with too few or too many items.
    BadBundle,
    /// A bundle that saves the shopper nothing.
    NoSaving,
    /// Goals or tiers that do not go up.
    NotIncreasing,
    /// A quantity out of range.
    BadQuantity,
    /// A value out of range for its key (an empty id, too many fillers, …).
    BadValue,
    /// A `labels` key cartlift does not know.
    UnknownLabel,
    /// The config could not be fetched (`data-src`).
    Unavailable,
    /// The shop's platform refused a change or could not be reached.
    Platform,
    /// A segment id that the config's `segments` do not define.
    UnknownSegment,
    /// A part of the config that the build of cartlift this page loaded does not carry (see
    /// [`crate::parts`]).
    NotLoaded,
}

impl Code {
    /// Every code, for reading one back from its name.
    pub const ALL: [Code; 30] = [
        Code::Syntax,
        Code::WrongType,
        Code::MissingKey,
        Code::UnknownKey,
        Code::DuplicateKey,
        Code::UnknownProduct,
        Code::DuplicateId,
        Code::BadAmount,
        Code::TooLarge,
        Code::BadPercent,
        Code::UnknownCurrency,
        Code::CurrencyMismatch,
        Code::BadLocale,
        Code::BadTime,
        Code::BadSchedule,
        Code::BadTemplate,
        Code::BadUrl,
        Code::BadCss,
        Code::BadCountry,
        Code::BadPricing,
        Code::BadBundle,
        Code::NoSaving,
        Code::NotIncreasing,
        Code::BadQuantity,
        Code::BadValue,
        Code::UnknownLabel,
        Code::Unavailable,
        Code::Platform,
        Code::UnknownSegment,
        Code::NotLoaded,
    ];

    /// The code named `name` (`"unknown_product"`), if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The code as it appears in JSON: `unknown_product`, `syntax`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::WrongType => "wrong_type",
            Code::MissingKey => "missing_key",
            Code::UnknownKey => "unknown_key",
            Code::DuplicateKey => "duplicate_key",
            Code::UnknownProduct => "unknown_product",
            Code::DuplicateId => "duplicate_id",
            Code::BadAmount => "bad_amount",
            Code::TooLarge => "too_large",
            Code::BadPercent => "bad_percent",
            Code::UnknownCurrency => "unknown_currency",
            Code::CurrencyMismatch => "currency_mismatch",
            Code::BadLocale => "bad_locale",
            Code::BadTime => "bad_time",
            Code::BadSchedule => "bad_schedule",
            Code::BadTemplate => "bad_template",
            Code::BadUrl => "bad_url",
            Code::BadCss => "bad_css",
            Code::BadCountry => "bad_country",
            Code::BadPricing => "bad_pricing",
            Code::BadBundle => "bad_bundle",
            Code::NoSaving => "no_saving",
            Code::NotIncreasing => "not_increasing",
            Code::BadQuantity => "bad_quantity",
            Code::BadValue => "bad_value",
            Code::UnknownLabel => "unknown_label",
            Code::Unavailable => "unavailable",
            Code::Platform => "platform",
            Code::UnknownSegment => "unknown_segment",
            Code::NotLoaded => "not_loaded",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem with a config or a cart: what kind, where it is and what is wrong, in words a
/// merchant understands. Displays as `bundles[1].items[0]: no product has the id "mous" (did
/// you mean "mouse"?)`, with ` (line 12, column 20)` after it when the position is known.
///
/// As JSON (in `cartlift:error` and `state()`): `{"code", "path", "message", "line", "column"}`,
/// the last two only when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    code: Code,
    path: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

impl Error {
    /// A problem of kind `code` at `path` (a [`Path`], or a path's text). Not taken as
    /// `Display`: its `to_string` is the standard library's formatting, which the shopper's wasm
    /// leaves out (`xtask/src/shrink.rs` refuses a build that reaches it).
    pub fn new(code: Code, path: impl AsRef<str>, message: impl Into<String>) -> Error {
        let path = path.as_ref();
        Error {
            code,
            path: String::from(if path.is_empty() { "." } else { path }),
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// What kind of problem it is.
    pub fn code(&self) -> Code {
        self.code
    }

    /// Where it is, as a JSON path (`bundles[1].items[0]`); `.` for the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, as a sentence (without the position).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line (from 1) of the text the problem is on, when the problem came from text.
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// The column (from 1, in characters) the problem starts at, when known.
    pub fn column(&self) -> Option<u32> {
        self.column
    }

    /// The same problem, placed at `line` and `column` of the text it came from.
    pub fn at(mut self, line: u32, column: u32) -> Error {
        self.place(line, column);
        self
    }

    /// Places the problem at `line` and `column` of the text it came from.
    pub fn place(&mut self, line: u32, column: u32) {
        self.line = Some(line);
        self.column = Some(column);
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, " (line {l}, column {c})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

/// A JSON path being built while walking a document: `bundles[1].items[0]`.
///
/// Without the `messages` feature it holds nothing: the shopper's wasm needs to know that
/// something is wrong, not where (the checker module, which has the feature, says where), and
/// so builds no path text at all.
#[derive(Clone, Debug, Default)]
pub struct Path(#[cfg(feature = "messages")] String);

impl Path {
    /// The document itself.
    pub fn root() -> Path {
        Path::default()
    }

    /// The path to `key` inside this object.
    pub fn key(&self, key: &str) -> Path {
        #[cfg(feature = "messages")]
        {
            let mut p = self.0.clone();
            push_key(&mut p, key);
            Path(p)
        }
        #[cfg(not(feature = "messages"))]
        {
            let _ = key;
            Path()
        }
    }

    /// The path to item `i` of this array.
    pub fn index(&self, i: usize) -> Path {
        #[cfg(feature = "messages")]
        {
            let mut p = self.0.clone();
            push_index(&mut p, i);
            Path(p)
        }
        #[cfg(not(feature = "messages"))]
        {
            let _ = i;
            Path()
        }
    }

    /// The path as text (empty for the document itself, and without `messages`).
    fn text(&self) -> &str {
        #[cfg(feature = "messages")]
        return &self.0;
        #[cfg(not(feature = "messages"))]
        return "";
    }
}

/// Appends `.key` (or `key` at the root) to a path's text.
pub(crate) fn push_key(path: &mut String, key: &str) {
    if !HAS_MESSAGES {
        return;
    }
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// Appends `[i]` to a path's text.
pub(crate) fn push_index(path: &mut String, i: usize) {
    if !HAS_MESSAGES {
        return;
    }
    path.push('[');
    path.push_str(&i.to_string());
    path.push(']');
}

impl AsRef<str> for Path {
    fn as_ref(&self) -> &str {
        self.text()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text();
        f.write_str(if text.is_empty() { "." } else { text })
    }
}

/// Whether this build writes the sentences of its errors (the `messages` feature). The
/// shopper's wasm does not: it knows every problem's code and path, and fetches the sentences
/// from cartlift's checker module only when a config or cart is refused.
pub const HAS_MESSAGES: bool = cfg!(feature = "messages");

/// Collects problems so that a merchant sees every one of them at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<Error>);

impl Errors {
    /// Records a problem of kind `code` at `path`.
    pub fn push(&mut self, code: Code, path: &Path, message: impl Into<String>) {
        #[cfg(feature = "messages")]
        self.0.push(Error::new(code, path, message));
        #[cfg(not(feature = "messages"))]
        {
            let _ = (path, message);
            self.0.push(Error::new(code, ".", String::new()));
        }
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
    let a: Vec<char> = a.chars().collect_vec();
    let b: Vec<char> = b.chars().collect_vec();
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
    #[cfg(not(feature = "messages"))]
    fn without_sentences_a_bad_config_is_still_refused_by_code_and_nothing_is_said() {
        let errs = crate::Config::from_json(
            r#"{"currency":"usd","products":[{"id":"a","title":"A","price":"1.234"}],"bundles":[{"id":"b","items":["a","x"],"price":"1"}]}"#,
        )
        .unwrap_err();
        let codes: Vec<Code> = errs.iter().map(Error::code).collect();
        assert_eq!(
            codes,
            [Code::UnknownCurrency, Code::BadAmount, Code::UnknownProduct]
        );
        assert!(errs
            .iter()
            .all(|e| e.message().is_empty() && e.path() == "."));
        let syntax = crate::json::parse("{ nope").unwrap_err();
        assert_eq!((syntax.code(), syntax.line()), (Code::Syntax, None));
    }

    #[test]
    fn mous_suggests_mouse_and_a_far_word_suggests_nothing() {
        let ids = ["laptop", "mouse", "keyboard"];
        assert_eq!(did_you_mean("mous", ids), Some("mouse"));
        assert_eq!(did_you_mean("mosue", ids), Some("mouse"));
        assert_eq!(did_you_mean("Laptop", ids), Some("laptop"));
        assert_eq!(did_you_mean("banana", ids), None);
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn paths_read_like_javascript() {
        let p = Path::root().key("bundles").index(1).key("items").index(0);
        assert_eq!(p.to_string(), "bundles[1].items[0]");
        assert_eq!(Path::root().to_string(), ".");
        let e = Error::new(Code::UnknownProduct, &p, "no product has the id \"mous\"");
        assert_eq!(
            e.to_string(),
            "bundles[1].items[0]: no product has the id \"mous\""
        );
        assert_eq!(
            e.at(3, 14).to_string(),
            "bundles[1].items[0]: no product has the id \"mous\" (line 3, column 14)"
        );
    }

    #[test]
    fn every_code_reads_back_from_its_name_and_an_error_list_from_its_json() {
        for c in Code::ALL {
            assert_eq!(Code::from_name(c.as_str()), Some(c));
        }
        assert_eq!(Code::from_name("nope"), None);
        let errs = vec![
            Error::new(
                Code::UnknownProduct,
                "bundles[0].items[1]",
                "no product \"x\"",
            )
            .at(3, 9),
            Error::new(Code::Syntax, ".", "not JSON"),
        ];
        let text = crate::json::to_string(&errs);
        assert_eq!(crate::json::errors_from_json(&text), Some(errs));
        assert_eq!(crate::json::errors_from_json("{}"), None);
        assert_eq!(
            crate::json::errors_from_json(r#"[{"code":"bogus","path":".","message":""}]"#),
            None
        );
    }

    #[test]
    fn an_error_serialises_with_its_code_and_position_only_when_known() {
        let e = Error::new(Code::Syntax, Path::root(), "x");
        assert_eq!(
            crate::json::to_string(&e),
            r#"{"code":"syntax","path":".","message":"x"}"#
        );
        assert_eq!(
            crate::json::to_string(&e.at(2, 5)),
            r#"{"code":"syntax","path":".","message":"x","line":2,"column":5}"#
        );
    }
}
