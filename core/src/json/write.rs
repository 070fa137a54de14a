//! JSON text from cartlift's own results: what the widget hands the page (`cartlift.state()`,
//! event details, the adapters' answers), parsed there with one `JSON.parse`.
//!
//! Written by hand rather than through serde's `Serialize`: each type's [`ToJson`] calls
//! [`Out::key`] and its members' writers in turn, where serde's derive compiled each type's
//! `serialize` and each list's `collect_seq` against a `Serializer` (this module's own, before)
//! as generic code of its own. Measured on the wasm (brotli, before dist's own shrinking): the
//! `full` flavour 118,714 → 117,367 B (−1.3 KB), `bar` 87,610 → 86,405 B (−1.2 KB). A table of
//! `(key, &dyn ToJson)` members handed to one function measured only −36 B: each member's
//! vtable and slot cost what the calls save. The types keep their `#[derive(Serialize)]` as the
//! specification of their JSON: `core/tests/oracles.rs` holds these writers to serde_json's
//! text for the same values (every golden vector's and example store's `state()`, the visitor
//! record, refusals, a platform's cart, any text), and native tools may still use serde.

use crate::call::Apply2;

/// A parsed tree as minified JSON text, each number exactly as it was written.
pub fn tree_to_string(v: &super::Json) -> String {
    fn go(v: &super::Json, out: &mut String) {
        use super::Json;
        match v {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    go(item, out);
                }
                out.push(']');
            }
            Json::Obj(members) => {
                out.push('{');
                for (i, (k, item)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k);
                    out.push(':');
                    go(item, out);
                }
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    go(v, &mut out);
    out
}

/// Appends `s` as a JSON string, escaping what JSON requires.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(u32::from(c) >> 4) as usize]));
                out.push(char::from(HEX[(u32::from(c) & 15) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A value cartlift writes as JSON.
pub trait ToJson {
    /// Appends the value's JSON to `out`.
    fn write(&self, out: &mut Out);
}

/// JSON text being written. An object is written as `open`, then `key` and the member's value
/// for each member, then `close`: a member left out is simply not written (serde's
/// `skip_serializing_if`), and the comma before a member or item is due unless the text so far
/// ends where the object or list began.
#[derive(Default)]
pub struct Out(String);

impl Out {
    /// `s` as a JSON string.
    pub fn text(&mut self, s: &str) {
        write_str(&mut self.0, s);
    }

    /// An integer.
    pub fn int(&mut self, n: i128) {
        if n < 0 {
            self.0.push('-');
        }
        // cartlift's integers are at most 64 bits wide.
        let magnitude = u64::try_from(n.unsigned_abs()).unwrap_or(u64::MAX);
        self.0.push_str(&crate::integer::decimal_text(magnitude, 0));
    }

    /// Begins an object.
    pub fn open(&mut self) {
        self.0.push('{');
    }

    /// Begins the member `key` of the object being written; its value follows.
    pub fn key(&mut self, key: &str) {
        self.comma('{');
        write_str(&mut self.0, key);
        self.0.push(':');
    }

    /// Ends the object.
    pub fn close(&mut self) {
        self.0.push('}');
    }

    /// A list of `len` items, each written by `item`: one body for every list, the item's own
    /// writer the only code each element type adds.
    pub fn list(&mut self, len: usize, item: &impl Fn(usize, &mut Out)) {
        self.list_of(len, item);
    }

    #[inline(never)]
    fn list_of(&mut self, len: usize, item: &dyn for<'a> Apply2<usize, &'a mut Out, ()>) {
        self.0.push('[');
        for i in 0..len {
            self.comma('[');
            item.apply2(i, self);
        }
        self.0.push(']');
    }

    fn comma(&mut self, opened: char) {
        if !self.0.ends_with(opened) {
            self.0.push(',');
        }
    }

    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }
}

/// `impl ToJson` for a struct whose JSON is an object of the fields named, in their order,
/// each under its own name: `json_object!(DealNext { product, more });`. A field written
/// `name?` is an `Option` left out when it is `None` (serde's `skip_serializing_if =
/// "Option::is_none"`). The fields are said once, here, where a hand-written `write` said each
/// twice; what it expands to is the same code.
#[macro_export]
macro_rules! json_object {
    ($ty:ty { $($fields:tt)* }) => {
        impl $crate::json::ToJson for $ty {
            fn write(&self, out: &mut $crate::json::Out) {
                out.open();
                $crate::json_object!(@fields self, out; $($fields)*);
                out.close();
            }
        }
    };
    (@fields $this:ident, $out:ident; ) => {};
    (@fields $this:ident, $out:ident; $field:ident ? $(, $($rest:tt)*)?) => {
        if let Some(v) = &$this.$field {
            $out.key(stringify!($field));
            $crate::json::ToJson::write(v, $out);
        }
        $crate::json_object!(@fields $this, $out; $($($rest)*)?);
    };
    (@fields $this:ident, $out:ident; $field:ident $(, $($rest:tt)*)?) => {
        $out.key(stringify!($field));
        $crate::json::ToJson::write(&$this.$field, $out);
        $crate::json_object!(@fields $this, $out; $($($rest)*)?);
    };
}

/// The JSON text of `value`.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = Out::default();
    value.write(&mut out);
    out.0
}

impl ToJson for str {
    fn write(&self, out: &mut Out) {
        out.text(self);
    }
}

impl ToJson for String {
    fn write(&self, out: &mut Out) {
        out.text(self);
    }
}

impl ToJson for bool {
    fn write(&self, out: &mut Out) {
        out.raw(if *self { "true" } else { "false" });
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write(&self, out: &mut Out) {
                out.int(*self as i128);
            }
        }
    )*};
}
integers!(u16, u32, u64, usize, i64);

impl<T: ToJson> ToJson for Option<T> {
    fn write(&self, out: &mut Out) {
        match self {
            Some(v) => v.write(out),
            None => out.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write(&self, out: &mut Out) {
        out.list(self.len(), &|i, out| self[i].write(out));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, out: &mut Out) {
        self.as_slice().write(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write(&self, out: &mut Out) {
        (**self).write(out);
    }
}

/// Here rather than beside the error: the core's layers put `error` below `json`.
impl ToJson for crate::error::Error {
    fn write(&self, out: &mut Out) {
        out.open();
        out.key("code");
        out.text(self.code().as_str());
        out.key("path");
        out.text(self.path());
        out.key("message");
        out.text(self.message());
        if let Some(v) = self.line() {
            out.key("line");
            v.write(out);
        }
        if let Some(v) = self.column() {
            out.key("column");
            v.write(out);
        }
        out.close();
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write(&self, out: &mut Out) {
        out.list(2, &|i, out| match i {
            0 => self.0.write(out),
            _ => self.1.write(out),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{to_string, Out, ToJson};

    struct Line<'a> {
        id: &'a str,
        quantity: u32,
        price: Option<String>,
        note: Option<bool>,
        tags: Vec<(String, String)>,
        minor: i64,
    }

    impl ToJson for Line<'_> {
        fn write(&self, out: &mut Out) {
            out.open();
            out.key("id");
            self.id.write(out);
            out.key("quantity");
            self.quantity.write(out);
            if let Some(p) = &self.price {
                out.key("price");
                p.write(out);
            }
            out.key("note");
            self.note.write(out);
            out.key("tags");
            self.tags.write(out);
            out.key("minor");
            self.minor.write(out);
            out.close();
        }
    }

    #[test]
    fn a_line_with_quotes_and_control_characters_reads_back_as_json() {
        let line = Line {
            id: "mug \"large\"\n\\\u{1}",
            quantity: 3,
            price: None,
            note: Some(true),
            tags: vec![("é ✓".into(), String::new())],
            minor: -1_000_000_000_000_000,
        };
        assert_eq!(
            to_string(&line),
            r#"{"id":"mug \"large\"\n\\\u0001","quantity":3,"note":true,"tags":[["é ✓",""]],"minor":-1000000000000000}"#
        );
    }

    #[test]
    fn an_empty_list_and_a_missing_value_are_brackets_and_null() {
        let none: Option<u32> = None;
        assert_eq!(to_string(&Vec::<u32>::new()), "[]");
        assert_eq!(to_string(&none), "null");
        assert_eq!(to_string(&u64::MAX), "18446744073709551615");
    }
}
