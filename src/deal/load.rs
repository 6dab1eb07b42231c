//! Reading a deal file: bytes → JSON value, with syntax errors at file:line:column, and a
//! locator that turns a JSON path back into a line and column for later diagnostics.

use std::path::Path;

use crate::diagnostics::{Diagnostic, JsonPath, Seg};

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
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(format!("cannot read the deal file: {e}")).in_file(path)
        })?;
        Source::parse(&path.display().to_string(), text)
    }

    /// Parses deal text that came from somewhere other than a file.
    pub fn parse(name: &str, text: String) -> Result<Source, Diagnostic> {
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            let msg = e.to_string();
            // serde_json appends " at line L column C"; we print the location up front.
            let msg = msg
                .rsplit_once(" at line ")
                .map(|(m, _)| m.to_string())
                .unwrap_or(msg);
            Diagnostic::error(format!("invalid JSON: {msg}"))
                .in_file(name)
                .line_col(e.line(), e.column())
        })?;
        Ok(Source {
            name: name.to_string(),
            text,
            json,
        })
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
}
