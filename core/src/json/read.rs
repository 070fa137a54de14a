//! cartlift's JSON reader: text → [`Json`], with the path, line and column of a syntax error,
//! and [`locate`], which finds where in the text a path's value is (to place every problem of
//! a config, not only syntax errors, at its line and column).
//!
//! Why not serde_json: numbers stay the exact text the merchant wrote (no float parsing, so
//! money never passes through floating point), and the whole reader is a few KB of wasm
//! instead of tens. `config::decode` maps the tree onto the config's types. Held to serde_json
//! by a property test (`core/tests/oracles.rs`): both accept and refuse the same documents and
//! read them to the same values, with one difference on purpose: a lone UTF-16 surrogate in a
//! `\u` escape reads as U+FFFD here, where serde_json refuses the document.
//!
//! One file over 300 lines because the reader and [`locate`] walk the same grammar and share
//! its scanner; split, each would carry a copy.

use crate::error::{push_index, push_key, Code, Error};
use crate::sort::CollectVec;

/// How deep arrays and objects may nest: far beyond any config, and shallow enough that a
/// hostile `[[[[…` cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A parsed JSON value. Numbers keep their literal text.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, exactly as written (`12.99`, `-1e3`).
    Num(String),
    /// A string, unescaped.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in document order.
    Obj(Vec<(String, Json)>),
}

/// A member of an object by its key (the first, if the text gave it twice); `None` for a
/// missing key or a value that is not an object.
pub fn field<'a>(v: &'a Json, name: &str) -> Option<&'a Json> {
    match v {
        Json::Obj(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    }
}

/// Parses JSON text. A syntax error says where, as a path and a line and column.
pub fn parse(text: &str) -> Result<Json, Error> {
    let mut p = Parser::new(text, &[]);
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.fail(
            "there is more text after the end of the JSON (two documents pasted together?)",
        ));
    }
    Ok(value)
}

/// Where each of `paths` (as [`crate::error::Path`] writes them; `.` is the whole document)
/// starts in `text`, as a line and a column (from 1, in characters), in one pass over the
/// text. `None` for a path the text does not hold. Meant for placing errors, so it is only run
/// when there are some.
pub fn locate(text: &str, paths: &[&str]) -> Vec<Option<(u32, u32)>> {
    let unsorted: Vec<&str> = paths
        .iter()
        .map(|p| if *p == "." { "" } else { p })
        .collect_vec();
    // The core's one sort (a second sort routine would cost the wasm its own copy).
    let order = crate::sort::positions(unsorted.len(), &|a, b| unsorted[a] <= unsorted[b]);
    let mut sorted: Vec<&str> = order.into_iter().map(|i| unsorted[i]).collect_vec();
    sorted.dedup();
    let mut p = Parser::new(text, &sorted);
    // A syntax error ends the walk; what was found before it stays found.
    let _ = p.value(0);
    paths
        .iter()
        .map(|path| {
            let path = if *path == "." { "" } else { path };
            let i = sorted.binary_search(&path).ok()?;
            p.found[i].map(|at| p.position(at))
        })
        .collect_vec()
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Where the parser is, written as an error path (`bundles[1].items`).
    path: String,
    /// Paths to find (sorted), and where each value was found.
    wanted: &'a [&'a str],
    found: Vec<Option<usize>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, wanted: &'a [&'a str]) -> Parser<'a> {
        Parser {
            text,
            bytes: text.as_bytes(),
            at: 0,
            path: String::new(),
            wanted,
            found: vec![None; wanted.len()],
        }
    }

    /// The line and column (in characters) of byte `at`.
    fn position(&self, at: usize) -> (u32, u32) {
        let before = &self.bytes[..at.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Characters, not bytes: count the bytes that start one.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        (line as u32, column as u32)
    }

    fn fail(&self, what: &str) -> Error {
        let err = Error::new(
            Code::Syntax,
            &self.path,
            crate::msg!("this is not valid JSON: {what}"),
        );
        if !crate::error::HAS_MESSAGES {
            // Where it is, the checker module says.
            return err;
        }
        let (line, column) = self.position(self.at);
        err.at(line, column)
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Json, Error> {
        if depth > MAX_DEPTH {
            return Err(self.fail("it nests deeper than 64 levels"));
        }
        let next = self.peek();
        if crate::error::HAS_MESSAGES && !self.wanted.is_empty() {
            if let Ok(i) = self.wanted.binary_search(&self.path.as_str()) {
                self.found[i].get_or_insert(self.at);
            }
        }
        match next {
            None => Err(self.fail("it ends too early (a missing \"}\" or \"]\"?)")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.bytes[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.fail("expected a value (text needs \"double quotes\")"))
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, Error> {
        self.at += 1;
        let mut entries = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Obj(entries));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key in \"double quotes\""));
            }
            let key_at = self.at;
            let key = self.string()?;
            let len = self.path.len();
            push_key(&mut self.path, &key);
            // An unknown or repeated key is reported at the key itself.
            if crate::error::HAS_MESSAGES && !self.wanted.is_empty() {
                if let Ok(i) = self.wanted.binary_search(&self.path.as_str()) {
                    self.found[i].get_or_insert(key_at);
                }
            }
            if !self.eat(b':') {
                return Err(self.fail("expected \":\" after the key"));
            }
            let value = self.value(depth + 1)?;
            self.path.truncate(len);
            entries.push((key, value));
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(Json::Obj(entries));
            }
            let what = match self.peek() {
                None => "it ends too early (a missing \"}\"?)",
                Some(b'"') => "expected \",\" between entries",
                Some(_) => "expected \",\" or \"}\"",
            };
            return Err(self.fail(what));
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, Error> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Arr(items));
        }
        loop {
            let len = self.path.len();
            push_index(&mut self.path, items.len());
            let value = self.value(depth + 1)?;
            self.path.truncate(len);
            items.push(value);
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(Json::Arr(items));
            }
            let what = match self.peek() {
                None => "it ends too early (a missing \"]\"?)",
                Some(_) => "expected \",\" or \"]\"",
            };
            return Err(self.fail(what));
        }
    }

    fn number(&mut self) -> Result<Json, Error> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            p.at - from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        let int = digits(self);
        let leading_zero = int > 1 && self.bytes[int_start] == b'0';
        let mut ok = int > 0 && !leading_zero;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            ok &= digits(self) > 0;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            ok &= digits(self) > 0;
        }
        if !ok {
            return Err(self.fail("a number is malformed"));
        }
        // ASCII from `start` to `at`: whole characters of the text.
        Ok(Json::Num(
            self.text.get(start..self.at).unwrap_or_default().to_owned(),
        ))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.at += 1;
        let start = self.at;
        // Most strings have no escape: up to the closing quote they are a slice of the text,
        // copied at once (a quote is ASCII, so the slice is whole characters).
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => {
                    if let Some(plain) = self.text.get(start..self.at) {
                        self.at += 1;
                        return Ok(plain.to_owned());
                    }
                    break;
                }
                b'\\' | 0..=0x1f => break,
                _ => self.at += 1,
            }
        }
        let mut out: Vec<u8> = self.bytes[start..self.at].to_vec();
        loop {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(self.fail("a string has no closing quote"));
            };
            self.at += 1;
            match b {
                b'"' => {
                    return String::from_utf8(out)
                        .map_err(|_| self.fail("a string is not valid UTF-8"))
                }
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.at) else {
                        return Err(self.fail("a string has no closing quote"));
                    };
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return Err(self.fail("a string has an unknown escape")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => {
                    return Err(
                        self.fail("a string has a raw line break or control character (write \\n)")
                    )
                }
                _ => out.push(b),
            }
        }
    }

    /// Exactly four hex digits (`\u+041` is not an escape, as in every JSON reader).
    fn hex4(&mut self) -> Result<u32, Error> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .bytes
                .get(self.at)
                .and_then(|&b| char::from(b).to_digit(16));
            match digit {
                Some(d) => value = value * 16 + d,
                None => return Err(self.fail("a \\u escape needs four hex digits")),
            }
            self.at += 1;
        }
        Ok(value)
    }

    /// The character of a `\u` escape (its backslash and `u` read). A surrogate pair makes one
    /// character; a surrogate without its other half is U+FFFD, and what follows it is read
    /// as itself (`\ud800\u0041` is U+FFFD then `A`).
    fn unicode(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let resume = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            // Not the low half: read it again as an escape of its own.
            self.at = resume;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

/// The value in words, for messages: `the number 1.5`, `a list [ ... ]`.
pub(crate) fn describe(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => if *b { "true" } else { "false" }.into(),
        Json::Num(n) => crate::msg!("the number {n}"),
        Json::Str(s) => {
            let short: String = s.chars().take(40).collect();
            crate::msg!("the text \"{short}\"")
        }
        Json::Arr(_) => "a list [ ... ]".into(),
        Json::Obj(_) => "an object { ... }".into(),
    }
}

/// Reads back a list of errors as [`Error`] serialises them (`[{"code", "path", "message",
/// "line"?, "column"?}, …]`): how the widget takes the sentences its checker module wrote.
/// `None` if the text is not such a list.
pub fn errors_from_json(text: &str) -> Option<Vec<Error>> {
    let Json::Arr(items) = parse(text).ok()? else {
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Json::Obj(fields) = item else { return None };
        let field = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        let text = |k: &str| match field(k) {
            Some(Json::Str(s)) => Some(s.clone()),
            _ => None,
        };
        let number = |k: &str| match field(k) {
            Some(Json::Num(n)) => n.parse::<u32>().ok(),
            _ => None,
        };
        let mut e = Error::new(
            Code::from_name(&text("code")?)?,
            text("path")?,
            text("message")?,
        );
        if let (Some(l), Some(c)) = (number("line"), number("column")) {
            e.place(l, c);
        }
        out.push(e);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_text() {
        assert_eq!(
            parse("[12.99, -1e3, 0.30000000000000001]"),
            Ok(Json::Arr(vec![
                Json::Num("12.99".into()),
                Json::Num("-1e3".into()),
                Json::Num("0.30000000000000001".into())
            ]))
        );
    }

    #[test]
    fn strings_unescape_including_surrogate_pairs() {
        assert_eq!(
            parse(r#""a\"b\\c\n\u00e9\ud83d\ude00""#),
            Ok(Json::Str("a\"b\\c\né😀".into()))
        );
    }

    #[test]
    fn a_lone_surrogate_is_a_replacement_character_and_what_follows_it_is_kept() {
        assert_eq!(
            parse(r#""\ud800\u0041""#),
            Ok(Json::Str("\u{FFFD}A".into()))
        );
        assert_eq!(parse(r#""\ud800x""#), Ok(Json::Str("\u{FFFD}x".into())));
        assert_eq!(parse(r#""\udc00""#), Ok(Json::Str("\u{FFFD}".into())));
        assert_eq!(
            parse(r#""\ud800\ud800\udc00""#),
            Ok(Json::Str("\u{FFFD}\u{10000}".into()))
        );
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn a_u_escape_is_exactly_four_hex_digits() {
        for bad in [
            r#""\u+041""#,
            r#""\u-041""#,
            r#""\u04""#,
            r#""\u 041""#,
            r#""\u""#,
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(
                err.message(),
                "this is not valid JSON: a \\u escape needs four hex digits",
                "{bad}"
            );
        }
        assert_eq!(parse(r#""\u0041""#), Ok(Json::Str("A".into())));
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn syntax_errors_say_where_with_a_path_and_a_line_and_column_as_fields() {
        let err = parse("{\"bundles\": [\n  {\"id\": \"a\",}\n]}").unwrap_err();
        assert_eq!(err.code(), Code::Syntax);
        assert_eq!(err.path(), "bundles[0]");
        assert_eq!(
            err.message(),
            "this is not valid JSON: expected a key in \"double quotes\""
        );
        assert_eq!((err.line(), err.column()), (Some(2), Some(14)));
        assert!(parse("[01]").is_err());
        assert!(parse("[1.]").is_err());
        assert!(parse("'single'").is_err());
        assert!(parse("{} {}").is_err());
        assert!(parse("\"tab\there\"").is_err());
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn columns_count_characters_not_bytes() {
        let err = parse("{\"é\": x}").unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(1), Some(7)));
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn locate_finds_values_and_keys_in_one_pass() {
        let text = "{\n  \"products\": [\n    {\"id\": \"mug\", \"titel\": \"Mug\"}\n  ]\n}";
        let found = locate(
            text,
            &[
                "products[0].titel",
                "products[0]",
                ".",
                "nowhere",
                "products",
            ],
        );
        assert_eq!(
            found,
            [
                Some((3, 19)),
                Some((3, 5)),
                Some((1, 1)),
                None,
                Some((2, 3))
            ]
        );
    }

    #[test]
    #[cfg(feature = "messages")] // it reads the sentence
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(10_000);
        assert!(parse(&deep)
            .unwrap_err()
            .message()
            .contains("nests deeper than 64 levels"));
    }
}
