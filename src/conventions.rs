//! The text conventions of rendered clause bodies: what the clause templates produce and
//! the assembler reads back into the document model.
//!
//! A clause body is CommonMark. Into it Tera prints deal values escaped by [`escape_value`]
//! and wrapped in [`VALUE_OPEN`]/[`VALUE_CLOSE`] (so the assembler keeps them out of lints);
//! a missing value is a blank marker ([`blank_marker`]); `ref(id=...)` and `define(term=...)`
//! print links to [`REF_SCHEME`] and [`DEF_DEST`]. The library writes these conventions, the
//! assembler reads them; no writer ever sees them.

/// Opens a blank marker in rendered text; [`BLANK_CLOSE`] closes it.
pub const BLANK_OPEN: char = '\u{E000}';
/// Closes a blank marker.
pub const BLANK_CLOSE: char = '\u{E001}';
/// Opens a value from the deal in rendered text (added by the escape function);
/// [`VALUE_CLOSE`] closes it. The assembler uses them to keep deal values out of lints.
pub const VALUE_OPEN: char = '\u{E002}';
/// Closes a deal value.
pub const VALUE_CLOSE: char = '\u{E003}';

/// The marker that stands for a missing value of `field` until the assembler turns it
/// into a visible blank (`[●]`). It passes through escaping and every filter unchanged.
pub fn blank_marker(field: &str) -> String {
    format!("{BLANK_OPEN}{field}{BLANK_CLOSE}")
}

/// The field of a string that is exactly one blank marker.
pub fn parse_blank_marker(s: &str) -> Option<&str> {
    s.strip_prefix(BLANK_OPEN)?.strip_suffix(BLANK_CLOSE)
}

/// Opens the name of the deal field a value prints, at the start of the value (added by
/// the `field` filter the library appends to every print of a deal field); [`FIELD_CLOSE`]
/// closes it. The assembler moves it into the model (`Inline::Value::field`).
pub const FIELD_OPEN: char = '\u{E004}';
/// Closes a field name.
pub const FIELD_CLOSE: char = '\u{E005}';

/// A value's text with the field that opens it split off: (field, rest).
pub fn split_field(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix(FIELD_OPEN)?;
    rest.split_once(FIELD_CLOSE)
}

/// Link destinations the assembler recognises in rendered Markdown.
pub const REF_SCHEME: &str = "dealdraft-ref:";
/// Link destination of a definition.
pub const DEF_DEST: &str = "dealdraft-def:";

/// Tera's escape function: backslash-escapes every ASCII punctuation character, because a
/// value can land anywhere in a clause (a line start, a table cell, inside emphasis); line
/// breaks become spaces (a value never starts a new block).
pub fn escape_value(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut buf = String::with_capacity(input.len() + 8);
    buf.push(VALUE_OPEN);
    for c in input.chars() {
        match c {
            '\n' | '\r' | '\t' => buf.push(' '),
            c if c.is_ascii_punctuation() => {
                buf.push('\\');
                buf.push(c);
            }
            c => buf.push(c),
        }
    }
    buf.push(VALUE_CLOSE);
    out.write_all(buf.as_bytes())
}

/// The clause text's straight quotes as typographic ones: `"` opens as “ after a space, an
/// opening bracket or dash (or at the start) and closes as ” elsewhere; `'` opens as ‘ in
/// those places and is ’ (an apostrophe or a closing quote) everywhere else. `prev` is the
/// character printed just before `text` (`None` at the start of a paragraph). One style in
/// every format, from the model: the writers print the text as it is. Deal values are not
/// passed through it: a value prints as typed.
pub fn typographic_quotes(text: &str, prev: Option<char>) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before = prev;
    for c in text.chars() {
        let opens = before.is_none_or(|b| {
            b.is_whitespace() || matches!(b, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘')
        });
        let q = match c {
            '"' if opens => '“',
            '"' => '”',
            '\'' if opens => '‘',
            '\'' => '’',
            other => other,
        };
        out.push(q);
        before = Some(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped_by_template(s: &str) -> String {
        let mut v = Vec::new();
        escape_value(s, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn value_escape_covers_all_punctuation() {
        assert_eq!(escaped_by_template("a*b_c"), "\u{E002}a\\*b\\_c\u{E003}");
        assert_eq!(
            escaped_by_template("{{ x }}\nnext"),
            "\u{E002}\\{\\{ x \\}\\} next\u{E003}"
        );
    }

    #[test]
    fn quotes_open_after_a_space_or_bracket_and_close_elsewhere() {
        assert_eq!(
            typographic_quotes(r#"the "SOW" and Customer's ('own') data"#, None),
            "the “SOW” and Customer’s (‘own’) data"
        );
        // After a value ("Northwind" printed just before): an apostrophe.
        assert_eq!(typographic_quotes("'s users", Some('d')), "’s users");
        assert_eq!(typographic_quotes(r#""quoted""#, None), "“quoted”");
    }
}
