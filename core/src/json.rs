//! cartlift's JSON reader: text → [`Json`] → serde's derived types, with the path of every
//! problem and a merchant's sentence for it.
//!
//! Why not serde_json: numbers stay the exact text the merchant wrote (no float parsing, so
//! money never passes through floating point), the path is known while descending (no second
//! pass), and the whole reader is a few KB of wasm instead of tens. serde's derive still maps
//! the document onto the config types, and schemars still reads them for the JSON Schema.

use crate::error::{did_you_mean, Error, Path};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

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

/// Reads a `T` from JSON text: parse, then serde's derive, with every path and message ours.
pub fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    let value = parse(text)?;
    T::deserialize(De {
        v: &value,
        at: &Seg::Root,
    })
    .map_err(|e| {
        Error::new(
            e.path.unwrap_or_else(|| Path::root().to_string()),
            e.message,
        )
    })
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

/// Where a value sits, as a chain on the stack (no allocation until an error needs it).
#[derive(Clone, Copy)]
enum Seg<'p> {
    Root,
    Key(&'p Seg<'p>, &'p str),
    Index(&'p Seg<'p>, usize),
}

impl Seg<'_> {
    fn path(&self) -> Path {
        match self {
            Seg::Root => Path::root(),
            Seg::Key(parent, k) => parent.path().key(k),
            Seg::Index(parent, i) => parent.path().index(*i),
        }
    }
}

/// A problem met while mapping the document onto the config types.
#[derive(Debug)]
pub struct DeError {
    path: Option<String>,
    message: String,
}

impl DeError {
    fn at(mut self, seg: &Seg<'_>) -> DeError {
        if self.path.is_none() {
            self.path = Some(seg.path().to_string());
        }
        self
    }

    fn new(seg: &Seg<'_>, message: String) -> DeError {
        DeError {
            path: None,
            message,
        }
        .at(seg)
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            path: None,
            message: msg.to_string(),
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let hint = did_you_mean(field, expected.iter().copied())
            .map(|c| format!(" (did you mean \"{c}\"?)"))
            .unwrap_or_default();
        let known = expected
            .iter()
            .filter(|k| !k.starts_with('$'))
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        DeError::custom(format!(
            "unknown key \"{field}\"{hint}; the keys here are {known}"
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::custom(format!("\"{field}\" is missing"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::custom(format!("\"{field}\" is given twice"))
    }

    // serde's own wording would format floats (and link float printing into the wasm).
    fn invalid_type(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::custom(format!("expected {expected}"))
    }

    fn invalid_value(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::custom(format!("expected {expected}"))
    }
}

/// The newtype name by which [`crate::config::raw::Literal`] asks for a number's exact text.
pub const LITERAL: &str = "$cartlift::Literal";

fn describe(v: &Json) -> String {
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

struct De<'a, 'p> {
    v: &'a Json,
    at: &'p Seg<'p>,
}

impl De<'_, '_> {
    fn expected(&self, what: &str) -> DeError {
        DeError::new(
            self.at,
            format!("expected {what}, found {}", describe(self.v)),
        )
    }

    fn whole(&self) -> Result<u64, DeError> {
        match self.v {
            Json::Num(n) if n.bytes().all(|b| b.is_ascii_digit()) => n
                .parse::<u64>()
                .map_err(|_| self.expected("a whole number that is not so large")),
            _ => Err(self.expected("a whole number from 0")),
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let at = self.at;
        match self.v {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Num(_) => {
                let n = self.whole()?;
                visitor.visit_u64(n)
            }
            Json::Str(s) => visitor.visit_str(s),
            Json::Arr(items) => visitor.visit_seq(Seq {
                items: items.iter(),
                index: 0,
                at,
            }),
            Json::Obj(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
                at,
            }),
        }
        .map_err(|e| e.at(at))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Json::Bool(b) => visitor.visit_bool::<DeError>(*b).map_err(|e| e.at(self.at)),
            _ => Err(self.expected("true or false")),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let n = self.whole()?;
        let n =
            u32::try_from(n).map_err(|_| self.expected("a whole number that is not so large"))?;
        visitor.visit_u32::<DeError>(n).map_err(|e| e.at(self.at))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let n = self.whole()?;
        visitor.visit_u64::<DeError>(n).map_err(|e| e.at(self.at))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Json::Str(s) => visitor.visit_str::<DeError>(s).map_err(|e| e.at(self.at)),
            _ => Err(self.expected("text in \"double quotes\"")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name != LITERAL {
            return visitor.visit_newtype_struct(self);
        }
        match self.v {
            Json::Num(n) => visitor.visit_str(n),
            Json::Str(s) => visitor.visit_string(format!("\"{s}\"")),
            _ => Err(self.expected("a number such as \"12.99\"")),
        }
        .map_err(|e| e.at(self.at))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Json::Arr(items) => visitor
                .visit_seq(Seq {
                    items: items.iter(),
                    index: 0,
                    at: self.at,
                })
                .map_err(|e| e.at(self.at)),
            _ => Err(self.expected("a list [ ... ]")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.v {
            Json::Obj(entries) => visitor
                .visit_map(Map {
                    entries: entries.iter(),
                    value: None,
                    at: self.at,
                })
                .map_err(|e| e.at(self.at)),
            _ => Err(self.expected("an object { ... }")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct enum identifier
    }
}

struct Seq<'a, 'p> {
    items: std::slice::Iter<'a, Json>,
    index: usize,
    at: &'p Seg<'p>,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(v) = self.items.next() else {
            return Ok(None);
        };
        let seg = Seg::Index(self.at, self.index);
        self.index += 1;
        seed.deserialize(De { v, at: &seg })
            .map(Some)
            .map_err(|e| e.at(&seg))
    }
}

struct Map<'a, 'p> {
    entries: std::slice::Iter<'a, (String, Json)>,
    value: Option<&'a (String, Json)>,
    at: &'p Seg<'p>,
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let seg = Seg::Key(self.at, &entry.0);
        let key: de::value::StrDeserializer<'_, DeError> = entry.0.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(|e| e.at(&seg))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, v)) = self.value.take() else {
            return Err(DeError::new(self.at, "a value without its key".into()));
        };
        let seg = Seg::Key(self.at, key);
        seed.deserialize(De { v, at: &seg }).map_err(|e| e.at(&seg))
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
