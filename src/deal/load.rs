//! Reading a deal file: bytes → JSON value, with syntax errors at file:line:column, and a
//! locator that turns a JSON path back into a line and column for later diagnostics.
//!
//! What is refused, each as a diagnostic at file:line:column: a file larger than
//! [`MAX_DEAL_BYTES`], text that is not UTF-8 (UTF-16 and UTF-32 are named as such; a
//! UTF-8 byte-order mark is skipped), JSON syntax errors, nesting deeper than serde_json's
//! limit of 128, and a key that appears twice in one object (JSON leaves that open; we
//! refuse it rather than let the last one silently win).

use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, JsonPath, Seg};

/// The largest deal file read: 4 MiB (a full deal with every unit is a few dozen KiB).
pub const MAX_DEAL_BYTES: u64 = 4 * 1024 * 1024;

/// A deal file's text and its parsed JSON.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from (for messages).
    pub name: String,
    /// The raw text.
    pub text: String,
    /// The parsed JSON.
    pub json: serde_json::Value,
}

impl Source {
    /// Reads and parses a deal file.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let cannot = |e: std::io::Error| {
            Diagnostic::error(format!("cannot read the deal file: {e}")).in_file(path)
        };
        let size = std::fs::metadata(path).map_err(cannot)?.len();
        if size > MAX_DEAL_BYTES {
            return Err(too_large(&path.display().to_string(), size));
        }
        let bytes = std::fs::read(path).map_err(cannot)?;
        Source::from_bytes(&path.display().to_string(), bytes)
    }

    /// Parses the bytes of a deal file: size, encoding, then JSON.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        if bytes.len() as u64 > MAX_DEAL_BYTES {
            return Err(too_large(name, bytes.len() as u64));
        }
        let text = decode(name, bytes)?;
        Source::parse(name, text)
    }

    /// Parses deal text that came from somewhere other than a file.
    pub fn parse(name: &str, text: String) -> Result<Source, Diagnostic> {
        let text = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        if text.trim().is_empty() {
            return Err(Diagnostic::error("the deal file is empty")
                .in_file(name)
                .line_col(1, 1)
                .help("start from `dealdraft init`"));
        }
        let mut de = serde_json::Deserializer::from_str(&text);
        let json = ValueSeed {
            path: String::new(),
        }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            let msg = e.to_string();
            // serde_json appends " at line L column C"; we print the location up front.
            let msg = msg
                .rsplit_once(" at line ")
                .map(|(m, _)| m.to_string())
                .unwrap_or(msg);
            Diagnostic::error(format!("invalid JSON: {msg}"))
                .in_file(name)
                .line_col(e.line().max(1), e.column().max(1))
        })?;
        Ok(Source {
            name: name.to_string(),
            text,
            json,
        })
    }

    /// `d` placed in this file: its line and column from its field path (where it has one).
    pub fn place(&self, mut d: Diagnostic) -> Diagnostic {
        if let Some(path) = &d.location.path {
            d.location.line_col = self.locate(path);
        }
        d.in_file(&self.name)
    }

    /// The 1-based line and column where the value at `path` starts, or where the closest
    /// existing ancestor starts if the path is not in the file (e.g. a default value).
    pub fn locate(&self, path: &JsonPath) -> Option<(usize, usize)> {
        let mut best = None;
        for n in (0..=path.0.len()).rev() {
            if let Some(off) = locate_offset(&self.text, &path.0[..n]) {
                best = Some(off);
                break;
            }
        }
        best.map(|off| line_col(&self.text, off))
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offset of the value at `path` in JSON `text` (which must be valid JSON).
fn locate_offset(text: &str, path: &[Seg]) -> Option<usize> {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    for seg in path {
        match (seg, b.get(pos)?) {
            (Seg::Key(want), b'{') => {
                pos = skip_ws(b, pos + 1);
                loop {
                    if b.get(pos)? == &b'}' {
                        return None;
                    }
                    let key_end = skip_string(b, pos)?;
                    let key: String = serde_json::from_str(&text[pos..key_end]).ok()?;
                    pos = skip_ws(b, key_end);
                    pos = skip_ws(b, pos + 1); // ':'
                    if &key == want {
                        break;
                    }
                    pos = skip_ws(b, skip_value(b, pos)?);
                    if b.get(pos)? == &b',' {
                        pos = skip_ws(b, pos + 1);
                    }
                }
            }
            (Seg::Index(want), b'[') => {
                pos = skip_ws(b, pos + 1);
                for _ in 0..*want {
                    if b.get(pos)? == &b']' {
                        return None;
                    }
                    pos = skip_ws(b, skip_value(b, pos)?);
                    if b.get(pos)? == &b',' {
                        pos = skip_ws(b, pos + 1);
                    }
                }
                if b.get(pos)? == &b']' {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(pos)
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

fn skip_string(b: &[u8], pos: usize) -> Option<usize> {
    if b.get(pos)? != &b'"' {
        return None;
    }
    let mut i = pos + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => skip_string(b, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            while i < b.len() {
                match b[i] {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let mut i = pos;
            while i < b.len() && !matches!(b[i], b',' | b'}' | b']') && !b[i].is_ascii_whitespace()
            {
                i += 1;
            }
            Some(i)
        }
    }
}

fn too_large(name: &str, size: u64) -> Diagnostic {
    Diagnostic::error(format!(
        "the deal file is {size} bytes; the largest deal file read is {MAX_DEAL_BYTES} bytes"
    ))
    .in_file(name)
    .line_col(1, 1)
    .help("a deal file holds the positions of one negotiation: a few KiB of JSON")
}

/// The bytes as UTF-8 text, or an error that names the encoding it looks like.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let other = match bytes.as_slice() {
        [0, 0, 0xFE, 0xFF, ..] | [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32"),
        [0xFE, 0xFF, ..] | [0xFF, 0xFE, ..] => Some("UTF-16"),
        // No byte-order mark, but `{` or whitespace next to a NUL byte.
        [0, b, ..] | [b, 0, ..] if b.is_ascii() => Some("UTF-16"),
        _ => None,
    };
    if let Some(enc) = other {
        return Err(Diagnostic::error(format!(
            "the deal file is {enc} text; dealdraft reads UTF-8"
        ))
        .in_file(name)
        .line_col(1, 1)
        .help("save it as UTF-8 (most editors: \"Save with encoding\" → UTF-8)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let good = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, col) = line_col(good, good.len());
        Diagnostic::error(format!(
            "the deal file is not UTF-8 text: byte 0x{:02X} at offset {valid}",
            bytes[valid]
        ))
        .in_file(name)
        .line_col(line, col)
        .help("save it as UTF-8")
    })
}

/// Builds a [`Value`] like serde_json does, but refuses a key that appears twice in one
/// object. `path` is the object's field path, for the message.
struct ValueSeed {
    path: String,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element_seed(ValueSeed {
            path: format!("{}[{}]", self.path, v.len()),
        })? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if m.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate key `{path}`: each field once (JSON would let the last one silently win)"
                )));
            }
            let value = map.next_value_seed(ValueSeed { path })?;
            m.insert(key, value);
        }
        Ok(Value::Object(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = Source::parse("d.json", "{\n  \"a\": 1,\n  \"b\": ]\n}".into()).unwrap_err();
        assert_eq!(err.location.line_col, Some((3, 8)));
        assert!(
            err.message.starts_with("invalid JSON: expected value"),
            "{}",
            err.message
        );
    }

    #[test]
    fn locates_nested_values() {
        let text = "{\n \"sla\": {\"x\": [1, {\"y\": 2}],\n  \"credit_tiers\": [ {\"a\":1},\n   {\"credit_pct\": 5} ] } }";
        let src = Source::parse("d", text.into()).unwrap();
        assert_eq!(
            src.locate(&JsonPath::parse("sla.credit_tiers[1].credit_pct")),
            Some((4, 19))
        );
        assert_eq!(src.locate(&JsonPath::parse("sla.x[1].y")), Some((2, 25)));
        // Missing leaf: falls back to the closest ancestor.
        assert_eq!(src.locate(&JsonPath::parse("sla.missing")), Some((2, 9)));
    }

    #[test]
    fn a_utf8_byte_order_mark_is_skipped_and_duplicates_are_refused() {
        let src = Source::from_bytes("d.json", b"\xEF\xBB\xBF{\"a\": 1}".to_vec()).unwrap();
        assert_eq!(src.json, serde_json::json!({"a": 1}));
        let err = Source::parse("d.json", "{\"a\": {\"b\": 1,\n \"b\": 2}}".into()).unwrap_err();
        assert!(
            err.message.contains("duplicate key `a.b`"),
            "{}",
            err.message
        );
        assert_eq!(err.location.line_col, Some((2, 4))); // just after the key
    }
}
