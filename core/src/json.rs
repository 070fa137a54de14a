//! cartlift's JSON reader: text → [`Json`], with the path and line of a syntax error.
//!
//! Why not serde_json: numbers stay the exact text the merchant wrote (no float parsing, so
//! money never passes through floating point), and the whole reader is a few KB of wasm
//! instead of tens. `config::decode` maps the tree onto the config's types.

use crate::error::{Error, Path};

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

/// Parses JSON text. A syntax error says where, as a path and a line and column.
pub fn parse(text: &str) -> Result<Json, Error> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
        path: Vec::new(),
    };
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.fail(
            "there is more text after the end of the JSON (two documents pasted together?)",
        ));
    }
    Ok(value)
}

enum Step {
    Key(String),
    Index(usize),
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where the parser is, for syntax errors.
    path: Vec<Step>,
}

impl Parser<'_> {
    fn fail(&self, what: &str) -> Error {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let mut path = Path::root();
        for step in &self.path {
            path = match step {
                Step::Key(k) => path.key(k),
                Step::Index(i) => path.index(*i),
            };
        }
        Error::new(
            path,
            format!("this is not valid JSON: {what} (line {line}, column {column})"),
        )
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
        match self.peek() {
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
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.fail("expected \":\" after the key"));
            }
            self.path.push(Step::Key(key.clone()));
            let value = self.value(depth + 1)?;
            self.path.pop();
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
            self.path.push(Step::Index(items.len()));
            let value = self.value(depth + 1)?;
            self.path.pop();
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
        Ok(Json::Num(
            String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned(),
        ))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
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

    fn hex4(&mut self) -> Result<u32, Error> {
        let hex = self
            .bytes
            .get(self.at..self.at + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        self.at += 4;
        hex.ok_or_else(|| self.fail("a \\u escape needs four hex digits"))
    }

    fn unicode(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u")
        {
            self.at += 2;
            let second = self.hex4()?;
            0x10000 + ((first - 0xD800) << 10) + (second.wrapping_sub(0xDC00) & 0x3FF)
        } else {
            first
        };
        // A lone surrogate becomes the replacement character rather than an error.
        Ok(char::from_u32(code).unwrap_or('\u{FFFD}'))
    }
}

/// The value in words, for messages: `the number 1.5`, `a list [ ... ]`.
pub(crate) fn describe(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Num(n) => format!("the number {n}"),
        Json::Str(s) => {
            let short: String = s.chars().take(40).collect();
            format!("the text \"{short}\"")
        }
        Json::Arr(_) => "a list [ ... ]".into(),
        Json::Obj(_) => "an object { ... }".into(),
    }
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
    fn syntax_errors_say_where_with_a_path_and_a_line() {
        let err = parse("{\"bundles\": [\n  {\"id\": \"a\",}\n]}").unwrap_err();
        assert_eq!(err.path, "bundles[0]");
        assert_eq!(
            err.message,
            "this is not valid JSON: expected a key in \"double quotes\" (line 2, column 14)"
        );
        assert!(parse("[01]").is_err());
        assert!(parse("[1.]").is_err());
        assert!(parse("'single'").is_err());
        assert!(parse("{} {}").is_err());
        assert!(parse("\"tab\there\"").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(10_000);
        assert!(parse(&deep)
            .unwrap_err()
            .message
            .contains("nests deeper than 64 levels"));
    }
}
