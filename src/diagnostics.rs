//! One shape for every problem shown to a user: where (file, line, column, JSON path or
//! template), what, and a hint. Problems are collected, never thrown one at a time.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Stops the command.
    Error,
    /// Reported, the command goes on.
    Warning,
}

/// A path into a JSON document, printed as `sla.credit_tiers[1].credit_pct`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPath(pub Vec<Seg>);

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl JsonPath {
    /// The empty path (the document root).
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// Parses a JSON Pointer (`/sla/credit_tiers/1`), as used by JSON Schema validators.
    pub fn from_pointer(pointer: &str) -> Self {
        let segs = pointer
            .split('/')
            .skip(1)
            .map(|raw| {
                let s = raw.replace("~1", "/").replace("~0", "~");
                match s.parse::<usize>() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::Key(s),
                }
            })
            .collect();
        JsonPath(segs)
    }

    /// Parses the dotted form (`sla.credit_tiers[1].credit_pct`).
    pub fn parse(dotted: &str) -> Self {
        let mut segs = Vec::new();
        for part in dotted.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(open) = rest.find('[') {
                segs.push(Seg::Key(rest[..open].to_string()));
                rest = &rest[open..];
                while let Some(stripped) = rest.strip_prefix('[') {
                    let close = stripped.find(']').unwrap_or(stripped.len());
                    if let Ok(i) = stripped[..close].parse() {
                        segs.push(Seg::Index(i));
                    }
                    rest = stripped.get(close + 1..).unwrap_or("");
                }
            } else {
                segs.push(Seg::Key(rest.to_string()));
            }
        }
        JsonPath(segs)
    }

    /// This path with a key appended.
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.to_string()));
        p
    }

    /// This path with an index appended.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// `prefix` followed by this path.
    pub fn under(&self, prefix: &JsonPath) -> Self {
        let mut p = prefix.clone();
        p.0.extend(self.0.iter().cloned());
        p
    }

    /// Whether the path is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Looks the path up in a JSON value.
    pub fn lookup<'v>(&self, mut value: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        for seg in &self.0 {
            value = match seg {
                Seg::Key(k) => value.get(k)?,
                Seg::Index(i) => value.get(*i)?,
            };
        }
        Some(value)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Where a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file (deal, clause, template), if any.
    pub file: Option<PathBuf>,
    /// 1-based line and column in `file`, if known.
    pub line_col: Option<(usize, usize)>,
    /// The field, for problems in a deal.
    pub path: Option<JsonPath>,
}

/// A problem for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// Where (boxed: diagnostics travel in `Result::Err`, which should stay small).
    pub location: Box<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, or what is allowed.
    pub help: Option<String>,
    /// Extra detail printed below (e.g. a template excerpt).
    pub detail: Option<String>,
}

impl Diagnostic {
    /// An error with a message and nothing else.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            location: Box::default(),
            message: message.into(),
            help: None,
            detail: None,
        }
    }

    /// A warning with a message and nothing else.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Sets the JSON path.
    pub fn at(mut self, path: JsonPath) -> Self {
        self.location.path = Some(path);
        self
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.location.file = Some(file.into());
        self
    }

    /// Sets line and column.
    pub fn line_col(mut self, line: usize, col: usize) -> Self {
        self.location.line_col = Some((line, col));
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the detail text.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values in messages come from input files: a control character (an escape
        // sequence, a NUL) is shown as `\u{1b}`, never sent to the terminal.
        let mut text = String::new();
        self.write_to(&mut text)?;
        if !text.chars().any(|c| c.is_control() && c != '\n') {
            return f.write_str(&text);
        }
        for c in text.chars() {
            if c.is_control() && c != '\n' {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl Diagnostic {
    fn write_to(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{level}: ")?;
        let loc = &self.location;
        if let Some(file) = &loc.file {
            write!(f, "{}", file.display())?;
            if let Some((l, c)) = loc.line_col {
                write!(f, ":{l}:{c}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(path) = &loc.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        if let Some(detail) = &self.detail {
            for line in detail.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}

/// A list of problems, printed one after another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// No problems.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Whether there are no problems at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the problems.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Appends all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// A TOML file of the library as a table, or (in `problems`) why it does not parse, at
/// its line and column.
pub fn parse_toml(file: &str, text: &str, problems: &mut Diagnostics) -> Option<toml::Table> {
    match toml::from_str(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::error(format!("invalid TOML: {}", e.message())).in_file(file);
            if let Some(span) = e.span() {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                d = d.line_col(line, col);
            }
            problems.push(d);
            None
        }
    }
}

/// The closest of `candidates` to `word`, if close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_and_parse() {
        let p = JsonPath::from_pointer("/sla/credit_tiers/1/credit_pct");
        assert_eq!(p.to_string(), "sla.credit_tiers[1].credit_pct");
        assert_eq!(JsonPath::parse("sla.credit_tiers[1].credit_pct"), p);
        assert_eq!(JsonPath::root().to_string(), "(root)");
    }

    #[test]
    fn suggests_close_names_only() {
        let c = ["uptime_pct", "credit_tiers", "credit_cap_pct"];
        assert_eq!(did_you_mean("uptim_pct", c), Some("uptime_pct"));
        assert_eq!(did_you_mean("credit_cap", c), Some("credit_cap_pct"));
        assert_eq!(did_you_mean("zzz", c), None);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = Diagnostic::error("\"a\u{1b}[2Jb\u{0}\" is not a slug").help("one\ntwo");
        assert_eq!(
            d.to_string(),
            "error: \"a\\u{1b}[2Jb\\u{0}\" is not a slug\n  help: one\ntwo"
        );
    }
}
