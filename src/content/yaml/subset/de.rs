//! Deserializing from the subset's tree the way serde_yaml would from the
//! same text: plain scalars resolved by YAML 1.1's rules, anything unsure
//! a [`Bail`] that sends the caller to serde_yaml.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

use super::Node;

/// How serde_yaml reads a plain scalar where any value may go.
enum Plain {
    Null,
    Bool(bool),
    /// Could be a number (or `.inf`, `.nan`): left to serde_yaml, whose
    /// exact rules (radixes, leading zeros) are not repeated here.
    Number,
    Text,
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn resolve(s: &str) -> Plain {
    if is_null(s) {
        return Plain::Null;
    }
    if let Some(b) = boolean(s) {
        return Plain::Bool(b);
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    // Rust's float syntax also takes `inf` and `nan` in any case; serde_yaml
    // adds `.inf` and `.nan`.
    let starts_numeric = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let dotted = unsigned.eq_ignore_ascii_case(".inf") || unsigned.eq_ignore_ascii_case(".nan");
    if dotted || s.parse::<f64>().is_ok() || (starts_numeric && hex_like(unsigned)) {
        return Plain::Number;
    }
    Plain::Text
}

/// Digits in some radix after an optional `0x`/`0o`/`0b`: maybe an integer.
fn hex_like(s: &str) -> bool {
    let digits = ["0x", "0o", "0b"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    let digits = digits.strip_prefix(['+', '-']).unwrap_or(digits);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Any failure: the caller falls back to serde_yaml.
#[derive(Debug)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the front-matter subset")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

macro_rules! bail {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Bail> { Err(Bail) })*
    };
}

impl<'de> Deserializer<'de> for &Node<'de> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, true) => match resolve(s) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Number => Err(Bail),
                Plain::Text => visitor.visit_str(s),
            },
            Node::Scalar(s, false) => visitor.visit_str(s),
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Node::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), value: None }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, true) => visitor.visit_bool(boolean(s).ok_or(Bail)?),
            _ => Err(Bail),
        }
    }

    /// serde_yaml hands any scalar to a string as written (`1984`, `true`).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, _) => visitor.visit_str(s),
            _ => Err(Bail),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, true) if is_null(s) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, true) if is_null(s) => visitor.visit_unit(),
            _ => Err(Bail),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Bail),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self {
            Node::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), value: None }),
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        self.deserialize_map(visitor)
    }

    /// A unit variant by name, as serde_yaml reads one from a scalar.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        match self {
            Node::Scalar(s, _) => {
                let word: StrDeserializer<Bail> = s.as_ref().into_deserializer();
                word.deserialize_enum(name, variants, visitor)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value, Bail> {
        Err(Bail)
    }

    bail!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf);
}

struct Items<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Bail> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'n, 'a> {
    entries: std::slice::Iter<'n, (&'a str, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Bail> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Bail> {
        seed.deserialize(self.value.take().ok_or(Bail)?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
