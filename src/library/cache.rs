//! Clause renders kept between documents.
//!
//! A clause's Markdown is a function of its template and of the parts of the context the
//! template reads: the filters and functions it may call read nothing but their arguments
//! and the library. So a render (whether the clause applies, its length and its parsed
//! blocks) is kept under the SHA-256 of the template's name and of each path it reads
//! (`support.hours`, `sla`), with what the context holds along that path. The units of one
//! deal share most clauses word for word, so a batch renders each such clause once, not
//! once per unit.
//!
//! The paths come from Tera's list of a template's top-level variables and a scan of the
//! template's tags ([`read_paths`]): a variable used only as `name.attr.attr` is read at
//! those paths, and alone as an operand of `and`/`or`/`not` in an `if` (the usual
//! `when = "support and support.channels"`) only for whether it is truthy; used any other
//! way (printed, compared, subscripted, aliased), it is read whole. A
//! template that could read the context by ways the scan does not follow (includes,
//! macros, raw blocks, Tera's own `__tera_context`, a component anywhere in the library)
//! is read whole or never kept, never less.
//!
//! A render is kept the second time it is offered, not the first: most renders of a batch
//! are used once (a clause naming the unit), and keeping them only to drop them later
//! cost a 1000-unit Markdown batch a third of its heap. A fixed bit set remembers which
//! keys were offered ([`Doorkeeper`]). The cache holds two generations of at most
//! [`GENERATION`] renders each: a render found in the old generation moves to the new
//! one, and when the new one is full the old one is dropped. Memory stays bounded over
//! any batch; what the units keep using stays.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use sha2::{Digest, Sha256};

use crate::model::Block;

/// Renders per generation. What a batch keeps using (the clauses its units share) is a
/// few hundred renders per deal; the rest (a clause naming the unit) is used once.
pub const GENERATION: usize = 1024;

/// A cache key: SHA-256 of a template's name and of what it reads.
pub type Key = [u8; 32];

/// One kept render.
#[derive(Debug)]
pub struct Render {
    /// Whether the clause's `when` holds.
    pub applies: bool,
    /// The Markdown's length, for the document's size limit.
    pub markdown_len: usize,
    /// The parsed clause (before cross-references are resolved).
    pub blocks: Vec<Block>,
    /// The defined terms the clause defines and uses, once the lint has asked.
    pub terms: OnceLock<TermsIn>,
}

impl Render {
    /// A render of a clause.
    pub fn new(applies: bool, markdown_len: usize, blocks: Vec<Block>) -> Render {
        Render {
            applies,
            markdown_len,
            blocks,
            terms: OnceLock::new(),
        }
    }
}

/// What the defined-terms lint reads of a clause: each definition, in order, and the
/// library's terms the text uses. Cross-references, the only part of a clause resolved
/// after its render, are neither.
#[derive(Debug, Default)]
pub struct TermsIn {
    /// Terms defined, as often as they are.
    pub defines: Vec<String>,
    /// Terms used, each once.
    pub uses: Vec<String>,
}

#[derive(Default)]
struct Generations {
    new: FxHashMap<Key, Arc<Render>>,
    old: FxHashMap<Key, Arc<Render>>,
    offered: Doorkeeper,
}

/// Keys offered once, as bits of a fixed set (a key is a SHA-256 digest, so its first
/// bytes are as good as a hash). A key whose bit is set was offered before, or shares
/// its bit with one that was: then a render used once is kept after all, which costs
/// memory, never a wrong answer. The set is cleared when a sixteenth of its bits are
/// set, so such cases stay few.
#[derive(Default)]
struct Doorkeeper {
    bits: Vec<u64>,
    set: usize,
}

impl Doorkeeper {
    /// Bits in the set: 128 KiB.
    const BITS: usize = 1 << 20;

    /// Whether `key` was offered before; marks it offered.
    fn offered_before(&mut self, key: &Key) -> bool {
        if self.bits.is_empty() || self.set >= Self::BITS / 16 {
            self.bits = vec![0; Self::BITS / 64];
            self.set = 0;
        }
        let bit = u32::from_le_bytes([key[0], key[1], key[2], key[3]]) as usize % Self::BITS;
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let before = self.bits[word] & mask != 0;
        if !before {
            self.bits[word] |= mask;
            self.set += 1;
        }
        before
    }
}

/// Kept renders, shared by every thread using the library.
#[derive(Default)]
pub struct ClauseCache(Mutex<Generations>);

impl ClauseCache {
    /// The render kept under `key`, if any.
    pub fn get(&self, key: &Key) -> Option<Arc<Render>> {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = g.new.get(key) {
            return Some(Arc::clone(r));
        }
        let r = g.old.remove(key)?;
        g.insert(*key, Arc::clone(&r));
        Some(r)
    }

    /// Offers a render: kept if its key was offered before (see the module's notes).
    pub fn put(&self, key: Key, render: Arc<Render>) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if g.offered.offered_before(&key) {
            g.insert(key, render);
        }
    }

    /// How many renders are kept (both generations).
    pub fn len(&self) -> usize {
        let g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.new.len() + g.old.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Generations {
    fn insert(&mut self, key: Key, render: Arc<Render>) {
        if self.new.len() >= GENERATION {
            self.old = std::mem::take(&mut self.new);
        }
        self.new.insert(key, render);
    }
}

/// Feeds a value to `h`: each part tagged with its kind and, where it has one, length,
/// so that no two values feed the same bytes; every map's keys sorted (Tera's maps
/// iterate in no fixed order); strings marked safe told apart.
fn feed(h: &mut Sha256, v: &tera::Value) {
    let len = |h: &mut Sha256, n: usize| h.update((n as u64).to_le_bytes());
    if let Some(m) = v.as_map() {
        let mut entries: Vec<_> = m.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        h.update(b"m");
        len(h, entries.len());
        for (k, x) in entries {
            match k.as_str() {
                Some(s) => {
                    h.update(b"s");
                    len(h, s.len());
                    h.update(s.as_bytes());
                }
                None => {
                    h.update(b"k");
                    serde_json::to_writer(HashWriter(h), k).expect("a key serialises");
                }
            }
            feed(h, x);
        }
    } else if let Some(a) = v.as_array() {
        h.update(b"a");
        len(h, a.len());
        for x in a {
            feed(h, x);
        }
    } else if let Some(s) = v.as_str() {
        h.update(if v.is_safe() { b"S" } else { b"s" });
        len(h, s.len());
        h.update(s.as_bytes());
    } else {
        // Numbers, booleans, none, undefined, bytes: the kind, then the value as JSON
        // (a number's digits, `true`, an array of bytes).
        let kind = v.name();
        len(h, kind.len());
        h.update(kind.as_bytes());
        serde_json::to_writer(HashWriter(h), v).expect("a value serialises");
    }
}

/// SHA-256 of what a template sees along `attrs` from a variable's value `root` (`None`:
/// the context lacks the variable): each map it steps through (only whether the step's
/// key is there), then the value at the end whole; or where the path leaves the maps,
/// that value whole and where. With no `attrs`, the whole value.
pub fn path_digest(root: Option<&tera::Value>, attrs: &[String]) -> Key {
    if attrs.len() == 1 && attrs[0] == TRUTHY {
        let truthy = root.is_some_and(tera::Value::is_truthy);
        let mut h = Sha256::new();
        h.update(if truthy { b"truthy" } else { b"falsy " });
        return h.finalize().into();
    }
    let mut cur = root;
    let mut depth = 0;
    for a in attrs {
        match cur.and_then(tera::Value::as_map) {
            Some(m) => {
                cur = m.get(&tera::value::Key::Str(a));
                depth += 1;
            }
            None => break,
        }
    }
    let mut h = Sha256::new();
    h.update((depth as u64).to_le_bytes());
    match cur {
        Some(v) => feed(&mut h, v),
        None => h.update(b"undefined"),
    }
    h.finalize().into()
}

/// The key of `template` given the digest of each path it reads, in order.
pub fn key<'a>(template: &str, reads: impl Iterator<Item = (&'a [String], Key)>) -> Key {
    let mut h = Sha256::new();
    let field = |h: &mut Sha256, s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(&mut h, template);
    for (path, digest) in reads {
        h.update((path.len() as u64).to_le_bytes());
        for p in path {
            field(&mut h, p);
        }
        h.update(digest);
    }
    h.finalize().into()
}

/// The paths `source` (a Tera template) reads of each of `vars`, its top-level variables
/// as Tera lists them: sorted, none a prefix of another. `vars` read in a way the scan
/// does not follow are read whole.
pub fn read_paths(source: &str, vars: &[String]) -> Vec<Vec<String>> {
    let code = tag_code(source);
    let mut paths: Vec<Vec<String>> = Vec::new();
    for var in vars {
        let found = code.as_ref().map(|c| uses(c, var)).unwrap_or_default();
        if found.is_empty() || found.iter().any(|p| p.len() == 1) {
            paths.push(vec![var.clone()]);
        } else {
            paths.extend(found);
        }
    }
    covering(paths)
}

/// `paths` sorted, without repeats and without a path under another: a path read whole
/// covers every longer path under it.
pub fn covering(mut paths: Vec<Vec<String>>) -> Vec<Vec<String>> {
    paths.sort();
    paths.dedup();
    let mut out: Vec<Vec<String>> = Vec::new();
    for p in paths {
        // Sorted, so a path comes after every path it lies under.
        if !out.iter().any(|q| p.starts_with(q)) {
            out.push(p);
        }
    }
    out
}

/// Ends each tag's code in [`tag_code`]'s output.
const TAG_END: char = '\0';

/// The code inside a template's `{{ }}` and `{% %}` tags, string literals blanked, each
/// tag ended by [`TAG_END`]; `None` if the template has tags the scan does not follow
/// (`include`, `import`, `extends`, `macro`, `raw`, `__tera`) or does not end its tags
/// and strings.
fn tag_code(source: &str) -> Option<String> {
    let b = source.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"{#") {
            i += 2 + source[i + 2..].find("#}")? + 2;
        } else if b[i..].starts_with(b"{{") || b[i..].starts_with(b"{%") {
            let close: &[u8] = if b[i + 1] == b'{' { b"}}" } else { b"%}" };
            i += 2;
            loop {
                let c = *b.get(i)?;
                if c == b'"' || c == b'\'' || c == b'`' {
                    let mut j = i + 1;
                    loop {
                        match *b.get(j)? {
                            b'\\' => j += 2,
                            x if x == c => break,
                            _ => j += 1,
                        }
                    }
                    out.push_str(" \"\" ");
                    i = j + 1;
                } else if b[i..].starts_with(close) {
                    i += 2;
                    out.push(TAG_END);
                    break;
                } else {
                    let ch = source[i..].chars().next()?;
                    out.push(ch);
                    i += ch.len_utf8();
                }
            }
        } else {
            i += 1;
        }
    }
    let words = ["include", "import", "extends", "macro", "raw"];
    if out
        .split(|c: char| !is_ident(c))
        .any(|w| words.contains(&w) || w.starts_with("__tera"))
    {
        return None;
    }
    Some(out)
}

/// The attribute standing for "only whether the variable is truthy" in a read path.
pub const TRUTHY: &str = "?";

/// Each use of `var` in the tags' `code` as a variable: the path it reads
/// (`["support", "hours"]` for `support.hours`); `["support", "?"]` ([`TRUTHY`]) for
/// `support` alone as an operand of `not`, `and` or `or` (or the whole condition) in an
/// `if`/`elif`, where only its truthiness counts; `["support"]` for any other use.
fn uses(code: &str, var: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for tag in code.split(TAG_END) {
        let t = tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
        let condition = t.starts_with("if ") || t.starts_with("elif ");
        found.extend(uses_in_tag(tag, var, condition));
    }
    found
}

/// A character of a Tera name.
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn uses_in_tag(code: &str, var: &str, condition: bool) -> Vec<Vec<String>> {
    let b = code.as_bytes();
    let ident = |c: u8| is_ident(char::from(c));
    let edge = |c: char| c == '-' || c.is_whitespace();
    // The word right before `at`, and whether it opens the tag.
    let word_before = |at: usize| {
        let s = code[..at].trim_end();
        let start = s.rfind(|c: char| !is_ident(c)).map_or(0, |k| k + 1);
        (&s[start..], s[..start].trim_matches(edge).is_empty())
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(var).map(|k| k + from) {
        from = at + var.len();
        let before = at.checked_sub(1).map(|k| b[k]);
        if before.is_some_and(|c| ident(c) || c == b'.') || b.get(from).is_some_and(|&c| ident(c)) {
            continue; // part of another name, or an attribute of something else
        }
        let mut path = vec![var.to_string()];
        let mut k = from;
        while b.get(k) == Some(&b'.')
            && b.get(k + 1)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
        {
            let start = k + 1;
            k = start;
            while b.get(k).is_some_and(|&c| ident(c)) {
                k += 1;
            }
            path.push(code[start..k].to_string());
        }
        if path.len() == 1 && condition {
            let (prev, opens) = word_before(at);
            let rest = code[from..].trim_start();
            let next_word = rest
                .split(|c: char| !is_ident(c))
                .next()
                .unwrap_or_default();
            let next_ok = rest.trim_matches(edge).is_empty() || matches!(next_word, "and" | "or");
            let prev_ok =
                matches!(prev, "and" | "or" | "not") || (matches!(prev, "if" | "elif") && opens);
            if prev_ok && next_ok {
                path.push(TRUTHY.to_string());
            }
        }
        found.push(path);
    }
    found
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(n: usize) -> Arc<Render> {
        Arc::new(Render::new(true, n, Vec::new()))
    }

    fn k(i: usize) -> Key {
        path_digest(Some(&tera::Value::from(i)), &[])
    }

    fn v(x: serde_json::Value) -> Key {
        path_digest(Some(&tera::Value::from_serializable(&x)), &[])
    }

    #[test]
    fn digests_ignore_map_order_and_keep_structure() {
        let a = v(serde_json::json!({"a": 1, "b": [1, "x"], "c": {"d": null}}));
        let b = v(serde_json::json!({"c": {"d": null}, "b": [1, "x"], "a": 1}));
        assert_eq!(a, b, "key order is not content");
        let others = [
            v(serde_json::json!({"a": 1, "b": [1, "x"], "c": {"d": false}})),
            v(serde_json::json!({"a": "1", "b": [1, "x"], "c": {"d": null}})),
            v(serde_json::json!({"a": 1, "b": ["1", "x"], "c": {"d": null}})),
            v(serde_json::json!({"a": 1, "b": [[1], "x"], "c": {"d": null}})),
            v(serde_json::json!(["a,b"])),
            v(serde_json::json!(["a", "b"])),
            path_digest(None, &[]),
            path_digest(Some(&tera::Value::safe_string("x")), &[]),
            path_digest(Some(&tera::Value::normal_string("x")), &[]),
        ];
        for (i, o) in others.iter().enumerate() {
            assert_ne!(a, *o, "{i}");
        }
        assert_ne!(others[4], others[5]);
        assert_ne!(others[7], others[8]);
    }

    #[test]
    fn kept_when_offered_twice() {
        let c = ClauseCache::default();
        c.put(k(1), render(1));
        assert!(c.get(&k(1)).is_none(), "offered once: not kept");
        c.put(k(2), render(2));
        c.put(k(1), render(1));
        assert_eq!(c.get(&k(1)).map(|r| r.markdown_len), Some(1));
        assert!(c.get(&k(2)).is_none());
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn bounded_and_keeps_what_is_used() {
        let c = ClauseCache::default();
        for i in 0..GENERATION * 3 {
            c.put(k(i), render(i));
            c.put(k(i), render(i));
            // One render used all along stays.
            assert_eq!(c.get(&k(0)).map(|r| r.markdown_len), Some(0));
            assert!(c.len() <= 2 * GENERATION);
        }
        assert!(c.get(&k(1)).is_none(), "an unused render goes");
        assert!(c.get(&k(GENERATION * 3 - 1)).is_some(), "the newest stays");
    }

    fn paths(src: &str, vars: &[&str]) -> Vec<String> {
        let vars: Vec<String> = vars.iter().map(|v| v.to_string()).collect();
        read_paths(src, &vars).iter().map(|p| p.join(".")).collect()
    }

    #[test]
    fn paths_read_by_a_template() {
        assert_eq!(
            paths(
                "Support in {{ support.languages | join_and }}; {% if support.hours.days %}x{% endif %}. The support desk.",
                &["support"]
            ),
            ["support.hours.days", "support.languages"],
            "attribute chains; the word in the text is not a use"
        );
        assert_eq!(
            paths("{{ support.hours }} {{ support.hours.days }}", &["support"]),
            ["support.hours"],
            "a path read whole covers the paths under it"
        );
        assert_eq!(
            paths(
                "{% if support %}x{% endif %}{{ support.hours }}",
                &["support"]
            ),
            ["support.?", "support.hours"]
        );
        for whole in [
            "{% set s = support %}{{ s.hours }}",
            "{{ support[\"hours\"] }}",
            "{{ support | length }}",
            "{{ support .hours }}",
        ] {
            assert_eq!(paths(whole, &["support"]), ["support"], "{whole}");
        }
        assert_eq!(
            paths(
                "{{ x.support }} {{ \"support\" }} {{ my_support.a }}",
                &["support"]
            ),
            ["support"],
            "no use found: read whole"
        );
        assert_eq!(
            paths(
                "{{ deal.customer.legal_name }} {{ sla.uptime_pct | pct }}",
                &["deal", "sla"]
            ),
            ["deal.customer.legal_name", "sla.uptime_pct"]
        );
        for unfollowed in [
            "{% include \"x.md\" %}{{ sla.a }}",
            "{% raw %}{{ sla.b }}{% endraw %}{{ sla.a }}",
            "{{ __tera_context }}{{ sla.a }}",
            "{{ \"}} {{ sla.a }}",
            "{{ sla.a ",
            "{# {{ sla.a }}",
        ] {
            assert_eq!(paths(unfollowed, &["sla"]), ["sla"], "{unfollowed}");
        }
        assert_eq!(
            paths("{# sla.b #}{{ \"%} sla.c\" ~ sla.a }}", &["sla"]),
            ["sla.a"],
            "comments and strings are not code"
        );
        // Alone in a condition, joined by `and`/`or`/`not`, only truthiness counts.
        for truthy in [
            "{% if support and support.channels %}x{% endif %}",
            "{%- if not support or support.channels -%}x{% endif %}",
            "{% if x %}{% elif support\n and support.channels %}y{% endif %}",
        ] {
            assert_eq!(
                paths(truthy, &["support"]),
                ["support.?", "support.channels"],
                "{truthy}"
            );
        }
        for whole in [
            "{% if support == 1 %}x{% endif %}{{ support.channels }}",
            "{% if x and support in y %}x{% endif %}{{ support.channels }}",
            "{{ support and x }}{{ support.channels }}",
            "{% set a = support and b %}{{ support.channels }}",
            "{% if (support) %}x{% endif %}{{ support.channels }}",
            "{% if support is defined %}x{% endif %}{{ support.channels }}",
            "{% if support | length %}x{% endif %}{{ support.channels }}",
            "{% if support %}x{% endif %}{{ support }}",
        ] {
            assert_eq!(paths(whole, &["support"]), ["support"], "{whole}");
        }
    }

    #[test]
    fn path_digests_see_what_the_template_sees() {
        let t = |x: serde_json::Value| tera::Value::from_serializable(&x);
        let attrs = |p: &str| p.split('.').map(String::from).collect::<Vec<_>>();
        let d = |x: serde_json::Value, p: &str| path_digest(Some(&t(x)), &attrs(p));
        let a = d(
            serde_json::json!({"hours": {"days": [1]}, "languages": ["en"]}),
            "hours.days",
        );
        let b = d(
            serde_json::json!({"hours": {"days": [1]}, "languages": ["fr"]}),
            "hours.days",
        );
        assert_eq!(a, b, "a value off the path does not count");
        let others = [
            d(serde_json::json!({"hours": {"days": [2]}}), "hours.days"),
            d(serde_json::json!({"hours": {}}), "hours.days"),
            d(serde_json::json!({"hours": null}), "hours.days"),
            d(serde_json::json!({}), "hours.days"),
            d(serde_json::json!({"hours": "days"}), "hours.days"),
            d(serde_json::json!(null), "hours.days"),
            path_digest(None, &attrs("hours.days")),
        ];
        for (i, o) in others.iter().enumerate() {
            assert_ne!(a, *o, "{i}");
            for (j, p) in others.iter().enumerate().skip(i + 1) {
                assert_ne!(o, p, "{i} and {j}");
            }
        }
        // Truthiness only: two non-empty maps alike, an empty one or none not.
        let truthy = |x: serde_json::Value| path_digest(Some(&t(x)), &[TRUTHY.to_string()]);
        assert_eq!(
            truthy(serde_json::json!({"a": 1})),
            truthy(serde_json::json!({"b": [2]}))
        );
        assert_ne!(
            truthy(serde_json::json!({"a": 1})),
            truthy(serde_json::json!({}))
        );
        assert_ne!(
            truthy(serde_json::json!({"a": 1})),
            truthy(serde_json::json!(null))
        );
        assert_eq!(
            truthy(serde_json::json!(null)),
            path_digest(None, &[TRUTHY.to_string()])
        );
    }

    #[test]
    fn keys_differ_by_name_and_value() {
        let one = v(serde_json::json!("1"));
        let (x, y, xy) = (
            vec!["x".to_string()],
            vec!["y".to_string()],
            vec!["x".to_string(), "y".to_string()],
        );
        let a = key("a.md", [(&x[..], one)].into_iter());
        let b = key("a.md", [(&x[..], v(serde_json::json!(1)))].into_iter());
        let c = key("b.md", [(&x[..], one)].into_iter());
        let d = key("a.md", [(&y[..], one)].into_iter());
        let e = key("a.md", [(&x[..], path_digest(None, &[]))].into_iter());
        let f = key("a.md", [(&xy[..], one)].into_iter());
        let g = key("a.md", [(&x[..], one), (&y[..], one)].into_iter());
        let all = [a, b, c, d, e, f, g];
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j], "{i} and {j}");
            }
        }
    }
}
