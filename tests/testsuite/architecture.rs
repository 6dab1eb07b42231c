//! The house's arrows run one way: every `crate::…` and `super::…` path in the library's
//! code (its tests left out) is an edge from the file it is in to the file that defines what
//! it names, and from the file's top-level module to that one's. Neither graph may have a
//! cycle. The test reads the sources, so a back-arrow added anywhere fails it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file's module path: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`; `src/lib.rs` is ``.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The library's files (the binary's `main.rs` and `cli.rs` are the front end, above it),
/// by module path, with their code before any `#[cfg(test)]`.
fn sources() -> BTreeMap<Vec<String>, String> {
    let src = crate::common::root().join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&src).unwrap().to_path_buf();
                if rel == Path::new("main.rs") || rel == Path::new("cli.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                out.insert(module_of(&rel), code);
            }
        }
    }
    out
}

/// The paths a file's code names: each `crate::…` or `super::…` path, as segments, with
/// `use crate::{a, b::{c, d}}` groups opened.
fn paths_in(code: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    // Comments are not code: drop `//` to the end of the line.
    let code: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    for root in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(root).map(|i| from + i) {
            from = i + root.len();
            let before = i.checked_sub(1).map(|j| bytes[j] as char);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut prefix = Vec::new();
            // `super::super::x`
            let mut rest = &code[i + root.len()..];
            let mut ups = 1usize;
            if root == "super::" {
                while let Some(r) = rest.strip_prefix("super::") {
                    ups += 1;
                    rest = r;
                }
            }
            collect(rest, &mut prefix, &mut out, root == "crate::", ups);
        }
    }
    out
}

fn ident(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// Reads a path (or a `{…}` group of paths) at the start of `s`, after `prefix`.
fn collect(
    s: &str,
    prefix: &mut Vec<String>,
    out: &mut Vec<(bool, Vec<String>)>,
    from_crate: bool,
    ups: usize,
) {
    let s = s.trim_start();
    if let Some(group) = s.strip_prefix('{') {
        // Split the group's top level by commas.
        let mut depth = 0;
        let mut start = 0;
        let mut end = group.len();
        for (k, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    end = k;
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    let mut p = prefix.clone();
                    collect(&group[start..k], &mut p, out, from_crate, ups);
                    start = k + 1;
                }
                _ => {}
            }
        }
        let mut p = prefix.clone();
        collect(&group[start..end], &mut p, out, from_crate, ups);
        return;
    }
    let (name, rest) = ident(s);
    if name.is_empty() || name == "self" {
        if !prefix.is_empty() {
            out.push((from_crate, with_ups(prefix, ups, from_crate)));
        }
        return;
    }
    prefix.push(name.to_string());
    match rest.strip_prefix("::") {
        Some(r) => collect(r, prefix, out, from_crate, ups),
        None => out.push((from_crate, with_ups(prefix, ups, from_crate))),
    }
}

fn with_ups(p: &[String], ups: usize, from_crate: bool) -> Vec<String> {
    let mut v = Vec::new();
    if !from_crate {
        v.push(format!("^{ups}"));
    }
    v.extend(p.iter().cloned());
    v
}

/// The edges between files, by module path: from each file to the file that defines the
/// longest module prefix of each path it names.
fn file_edges() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = sources();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, code) in &files {
        edges.entry(module.clone()).or_default();
        for (_, path) in paths_in(code) {
            // Absolute segments.
            let abs: Vec<String> = match path.first() {
                Some(up) if up.starts_with('^') => {
                    let ups: usize = up[1..].parse().unwrap();
                    // `super` of a file `a::b` is `a`; of a `mod.rs` module `a` it is ``.
                    let base = module.len().saturating_sub(ups);
                    module[..base]
                        .iter()
                        .cloned()
                        .chain(path[1..].iter().cloned())
                        .collect()
                }
                _ => path,
            };
            let target = (0..=abs.len())
                .rev()
                .map(|n| abs[..n].to_vec())
                .find(|m| files.contains_key(m))
                .unwrap_or_default();
            if &target != module {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    edges
}

/// Strongly connected components with more than one node (Tarjan).
fn cycles<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct T<'a, N: Ord> {
        edges: &'a BTreeMap<N, BTreeSet<N>>,
        index: BTreeMap<&'a N, usize>,
        low: BTreeMap<&'a N, usize>,
        stack: Vec<&'a N>,
        on: BTreeSet<&'a N>,
        next: usize,
        out: Vec<Vec<&'a N>>,
    }
    fn visit<'a, N: Ord>(t: &mut T<'a, N>, v: &'a N) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        let edges = t.edges;
        for w in edges.get(v).into_iter().flatten() {
            let Some((w, _)) = edges.get_key_value(w) else {
                continue;
            };
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
        .into_iter()
        .map(|c| c.into_iter().cloned().collect())
        .collect()
}

fn show(m: &[String]) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_file_depends_on_itself_through_others() {
    let edges = file_edges();
    assert!(edges.len() > 40, "the library's files: {}", edges.len());
    let found: Vec<String> = cycles(&edges)
        .iter()
        .map(|c| c.iter().map(|m| show(m)).collect::<Vec<_>>().join(" → "))
        .collect();
    assert!(
        found.is_empty(),
        "cycles between files:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in file_edges() {
        let f = from.first().cloned().unwrap_or_else(|| "lib".into());
        let e = edges.entry(f.clone()).or_default();
        for to in tos {
            let t = to.first().cloned().unwrap_or_else(|| "lib".into());
            if t != f {
                e.insert(t);
            }
        }
    }
    let found: Vec<String> = cycles(&edges).iter().map(|c| c.join(" → ")).collect();
    assert!(
        found.is_empty(),
        "cycles between modules:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_sees_the_arrows_it_should() {
    // The scanner itself: it finds a plain path, a group and a `super` path.
    let paths = paths_in(
        "use crate::deal::{model::DealFile, validate};\nfn f() { super::rules::x(); crate::dates::parse_date(s) } // crate::fake::not\n",
    );
    let got: BTreeSet<Vec<String>> = paths.into_iter().map(|p| p.1).collect();
    for want in [
        vec!["deal", "model", "DealFile"],
        vec!["deal", "validate"],
        vec!["^1", "rules", "x"],
        vec!["dates", "parse_date"],
    ] {
        let want: Vec<String> = want.into_iter().map(String::from).collect();
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    assert!(
        !got.iter().any(|p| p.contains(&"fake".to_string())),
        "{got:?}"
    );
    // And a cycle is a cycle.
    let mut g: BTreeMap<u8, BTreeSet<u8>> = BTreeMap::new();
    g.insert(1, [2].into());
    g.insert(2, [3].into());
    g.insert(3, [1].into());
    g.insert(4, [1].into());
    assert_eq!(cycles(&g).len(), 1);
}
