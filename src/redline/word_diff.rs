//! The word-level diff of two runs of inlines, made readable for lawyers.
//!
//! Text is compared as **words**: a word is a run of non-space characters with its
//! formatting, so "(60)", "99.9%" and "Customer's" change whole; a defined term, a
//! cross-reference and a blank are atoms of their own; the spaces after a word travel with
//! it but do not take part in the comparison. The diff itself is `similar`'s Myers diff
//! over the words; a readability pass then joins two changes separated by one or two short
//! unchanged words into one, and every change is written as the baseline's words deleted,
//! then ours inserted: "~~sixty (60)~~ thirty (30) minutes".
//!
//! Accepting every change gives our inlines exactly (unchanged words are taken from ours);
//! rejecting every change gives the baseline's words.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use similar::{Algorithm, DiffTag, capture_diff_slices};

use crate::model::Inline;

/// Bold / italic of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fmt {
    strong: bool,
    emph: bool,
}

/// One piece of a word, with what it was in the model.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Text(String),
    Value(String),
    Definition(String),
    Ref { target: String, text: String },
    Blank(String),
    Break,
}

#[derive(Debug, Clone, PartialEq)]
struct Piece {
    fmt: Fmt,
    atom: Atom,
}

/// A word: its pieces, the spaces after it, and what it is compared by.
#[derive(Debug, Clone)]
pub struct Word {
    pieces: Vec<Piece>,
    trail: Vec<Piece>,
    key: String,
}

impl Word {
    fn is_short(&self) -> bool {
        self.key.chars().count() <= 3 || !self.key.chars().any(char::is_alphanumeric)
    }
}

/// A run of inlines as words (with any spaces before the first word).
#[derive(Debug, Clone, Default)]
pub struct Words {
    lead: Vec<Piece>,
    words: Vec<Word>,
}

impl Words {
    /// Splits inlines into words.
    pub fn of(xs: &[Inline]) -> Words {
        let mut w = Splitter::default();
        w.inlines(xs, Fmt::default());
        w.finish()
    }

    /// The comparison keys.
    fn keys(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.key.as_str()).collect()
    }

    /// The set of word hashes, for similarity.
    pub fn set(&self) -> HashSet<u64> {
        self.words
            .iter()
            .map(|w| {
                let mut h = DefaultHasher::new();
                w.key.to_lowercase().hash(&mut h);
                h.finish()
            })
            .collect()
    }

    /// Whether both read the same (same words, formatting and references).
    pub fn same(&self, other: &Words) -> bool {
        self.words.len() == other.words.len()
            && self
                .words
                .iter()
                .zip(&other.words)
                .all(|(a, b)| a.key == b.key)
    }
}

#[derive(Default)]
struct Splitter {
    out: Words,
    current: Option<Word>,
}

impl Splitter {
    fn inlines(&mut self, xs: &[Inline], fmt: Fmt) {
        for x in xs {
            match x {
                Inline::Text { text } | Inline::Code { text } => self.text(text, fmt, false),
                Inline::Value { text, .. } => self.text(text, fmt, true),
                Inline::Strong { content } => self.inlines(
                    content,
                    Fmt {
                        strong: true,
                        ..fmt
                    },
                ),
                Inline::Emph { content } => self.inlines(content, Fmt { emph: true, ..fmt }),
                // Marks of an earlier redline: read as the text they would leave.
                Inline::Ins { content } => self.inlines(content, fmt),
                Inline::Del { .. } => {}
                Inline::Definition { term } => self.atom(fmt, Atom::Definition(term.clone())),
                Inline::Ref { target, text } => self.atom(
                    fmt,
                    Atom::Ref {
                        target: target.clone(),
                        text: text.clone(),
                    },
                ),
                Inline::Blank { field } => self.atom(fmt, Atom::Blank(field.clone())),
                Inline::Break => {
                    self.end_word();
                    self.current = Some(Word {
                        pieces: vec![Piece {
                            fmt,
                            atom: Atom::Break,
                        }],
                        trail: Vec::new(),
                        key: String::new(),
                    });
                    self.end_word();
                }
            }
        }
    }

    fn text(&mut self, s: &str, fmt: Fmt, value: bool) {
        let mk = |t: &str| {
            let t = t.to_string();
            Piece {
                fmt,
                atom: if value { Atom::Value(t) } else { Atom::Text(t) },
            }
        };
        let mut rest = s;
        while !rest.is_empty() {
            let space = rest.starts_with(char::is_whitespace);
            let end = rest
                .find(|c: char| c.is_whitespace() != space)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            if space {
                match &mut self.current {
                    Some(w) => w.trail.push(mk(run)),
                    None if self.out.words.is_empty() => self.out.lead.push(mk(run)),
                    // After a line break.
                    None => match self.out.words.last_mut() {
                        Some(w) => w.trail.push(mk(run)),
                        None => self.out.lead.push(mk(run)),
                    },
                }
            } else {
                self.word_piece(mk(run));
            }
            rest = tail;
        }
    }

    fn atom(&mut self, fmt: Fmt, atom: Atom) {
        self.word_piece(Piece { fmt, atom });
    }

    /// Adds a non-space piece: to the current word unless spaces ended it.
    fn word_piece(&mut self, p: Piece) {
        if self.current.as_ref().is_some_and(|w| !w.trail.is_empty()) {
            self.end_word();
        }
        self.current
            .get_or_insert_with(|| Word {
                pieces: Vec::new(),
                trail: Vec::new(),
                key: String::new(),
            })
            .pieces
            .push(p);
    }

    fn end_word(&mut self) {
        if let Some(mut w) = self.current.take() {
            w.key = key(&w.pieces);
            self.out.words.push(w);
        }
    }

    fn finish(mut self) -> Words {
        self.end_word();
        self.out.words = join_numbers(std::mem::take(&mut self.out.words));
        self.out
    }
}

/// Their plain text in our inlines' clothes: where a word of theirs is a word of ours (by
/// its plain text), ours is kept with its formatting, definition or cross-reference; what
/// differs is their text. Their paragraph then compares with ours word by word, marking
/// only what they changed.
pub fn graft(ours: &[Inline], theirs: &str) -> Vec<Inline> {
    let mine = Words::of(ours);
    let other = Words::of(&[Inline::text(theirs.to_string())]);
    let plain = |w: &Word| -> String {
        let mut s = String::new();
        for p in &w.pieces {
            match &p.atom {
                Atom::Text(t) | Atom::Value(t) => s.push_str(t),
                Atom::Definition(t) => {
                    s.push('"');
                    s.push_str(t);
                    s.push('"');
                }
                Atom::Ref { text, .. } => s.push_str(text),
                Atom::Blank(_) => s.push_str("[●]"),
                Atom::Break => {}
            }
        }
        s.replace(['\u{201C}', '\u{201D}'], "\"")
            .replace(['\u{2018}', '\u{2019}'], "'")
    };
    let a: Vec<String> = mine.words.iter().map(plain).collect();
    let b: Vec<String> = other.words.iter().map(plain).collect();
    // A word of ours may be several of theirs: a cross-reference ("Annex A,") is one.
    let span: Vec<usize> = a
        .iter()
        .map(|w| w.split_whitespace().count().max(1))
        .collect();
    let (n, m) = (a.len(), b.len());
    let same = |i: usize, j: usize| -> bool {
        let k = span[i];
        j + k <= m
            && if k == 1 {
                a[i] == b[j]
            } else {
                a[i].split_whitespace()
                    .eq(b[j..j + k].iter().map(|w| w.trim()))
            }
    };
    // Longest common subsequence of the plain words.
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = t[at(i + 1, j)].max(t[at(i, j + 1)]);
            t[at(i, j)] = if same(i, j) {
                (t[at(i + 1, j + span[i]).min(at(n, m))] + 1).max(skip)
            } else {
                skip
            };
        }
    }
    let mut words: Vec<Word> = Vec::with_capacity(m);
    let (mut i, mut j) = (0, 0);
    while j < m {
        if i < n && same(i, j) && t[at(i, j)] == t[at(i + 1, j + span[i])] + 1 {
            words.push(mine.words[i].clone());
            j += span[i];
            i += 1;
        } else if i < n && t[at(i + 1, j)] >= t[at(i, j + 1)] {
            i += 1;
        } else {
            words.push(other.words[j].clone());
            j += 1;
        }
    }
    let mut pieces = other.lead.clone();
    pieces.extend(pieces_of(&words, true));
    inlines(&pieces)
}

/// "two hundred and nineteen point two (219.2)" is one word: a number in words and figures
/// changes whole.
fn join_numbers(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        let figures =
            w.key.starts_with('(') && w.key[1..].starts_with(|c: char| c.is_ascii_digit());
        if figures {
            let mut start = out.len();
            while start > 0
                && crate::wording::is_number_word(&out[start - 1].key)
                && !out[start - 1].trail.is_empty()
            {
                start -= 1;
            }
            // A number does not start with a connecting word.
            while start < out.len() && matches!(out[start].key.as_str(), "and" | "point") {
                start += 1;
            }
            if start < out.len() {
                let mut pieces = Vec::new();
                for prev in out.drain(start..) {
                    pieces.extend(prev.pieces);
                    pieces.extend(prev.trail);
                }
                pieces.extend(w.pieces);
                let key = key(&pieces);
                out.push(Word {
                    pieces,
                    trail: w.trail,
                    key,
                });
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// What a word is compared by: its text and formatting; a reference by its target (so a
/// renumbered clause is not a change), a defined term and a blank as themselves.
/// Text into a key: the control characters that mark formatting in keys (U+0001 to
/// U+0003) are escaped with U+0000, so text can never read as formatting (found by the
/// `word_diff` fuzz target: a U+0002 in text compared equal to emphasis).
fn push_escaped(k: &mut String, t: &str) {
    for c in t.chars() {
        if ('\u{0}'..='\u{3}').contains(&c) {
            k.push('\u{0}');
            k.push(char::from(b'0' + c as u8));
        } else {
            k.push(c);
        }
    }
}

fn key(pieces: &[Piece]) -> String {
    let mut k = String::new();
    for p in pieces {
        if p.fmt.strong {
            k.push('\u{1}');
        }
        if p.fmt.emph {
            k.push('\u{2}');
        }
        match &p.atom {
            Atom::Text(t) | Atom::Value(t) => push_escaped(&mut k, t),
            Atom::Definition(t) => {
                k.push_str("\u{3}D");
                k.push_str(t);
                k.push('\u{3}');
            }
            Atom::Ref { target, .. } => {
                k.push_str("\u{3}R");
                k.push_str(target);
                k.push('\u{3}');
            }
            Atom::Blank(f) => {
                k.push_str("\u{3}B");
                k.push_str(f);
                k.push('\u{3}');
            }
            Atom::Break => k.push_str("\u{3}N"),
        }
    }
    k
}

/// Inlines from pieces: consecutive text of one kind and format joined, bold and italics
/// wrapped again.
fn inlines(pieces: &[Piece]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let fmt = pieces[i].fmt;
        let mut j = i;
        let mut run: Vec<Inline> = Vec::new();
        while j < pieces.len() && pieces[j].fmt == fmt {
            let next = match &pieces[j].atom {
                Atom::Text(t) => Inline::text(t.clone()),
                Atom::Value(t) => Inline::Value {
                    text: t.clone(),
                    field: None,
                },
                Atom::Definition(t) => Inline::Definition { term: t.clone() },
                Atom::Ref { target, text } => Inline::Ref {
                    target: target.clone(),
                    text: text.clone(),
                },
                Atom::Blank(f) => Inline::Blank { field: f.clone() },
                Atom::Break => Inline::Break,
            };
            match (run.last_mut(), next) {
                (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
                (Some(Inline::Value { text: a, .. }), Inline::Value { text: b, .. }) => {
                    a.push_str(&b)
                }
                (_, next) => run.push(next),
            }
            j += 1;
        }
        // Spaces at the edges of bold or italic text stand outside it ("*a* b", never
        // "*a *b"), as Markdown needs.
        let is_space = |x: &Inline| matches!(x, Inline::Text { text } if text.trim().is_empty());
        let mut wrapped = run;
        let mut after = Vec::new();
        if fmt != Fmt::default() {
            let lead = wrapped.iter().take_while(|x| is_space(x)).count();
            out.extend(wrapped.drain(..lead));
            let trail = wrapped.iter().rev().take_while(|x| is_space(x)).count();
            after = wrapped.split_off(wrapped.len() - trail);
        }
        if !wrapped.is_empty() && fmt.emph {
            wrapped = vec![Inline::Emph { content: wrapped }];
        }
        if !wrapped.is_empty() && fmt.strong {
            wrapped = vec![Inline::Strong { content: wrapped }];
        }
        wrapped.extend(after);
        out.extend(wrapped);
        i = j;
    }
    out
}

fn pieces_of<'a>(words: impl IntoIterator<Item = &'a Word>, last_trail: bool) -> Vec<Piece> {
    let words: Vec<&Word> = words.into_iter().collect();
    let mut v = Vec::new();
    for (i, w) in words.iter().enumerate() {
        v.extend(w.pieces.iter().cloned());
        if last_trail || i + 1 < words.len() {
            v.extend(w.trail.iter().cloned());
        }
    }
    v
}

/// A stretch of the diff: unchanged, or a change (baseline words → our words).
#[derive(Debug, Clone, PartialEq)]
enum Span {
    Same {
        old: std::ops::Range<usize>,
        new: std::ops::Range<usize>,
    },
    Changed {
        old: std::ops::Range<usize>,
        new: std::ops::Range<usize>,
    },
}

/// The diff, with the readability pass applied.
fn spans(old: &Words, new: &Words) -> Vec<Span> {
    let (ok, nk) = (old.keys(), new.keys());
    let mut spans: Vec<Span> = Vec::new();
    // Positions are counted here from the ops' lengths: an insertion's `old_index` from
    // `similar` need not be where the previous op ended.
    let (mut oi, mut ni) = (0, 0);
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, o, n) = op.as_tag_tuple();
        let (o, n) = (oi..oi + o.len(), ni..ni + n.len());
        (oi, ni) = (o.end, n.end);
        let span = if tag == DiffTag::Equal {
            Span::Same { old: o, new: n }
        } else {
            Span::Changed { old: o, new: n }
        };
        // Adjacent changes join.
        match (spans.last_mut(), &span) {
            (
                Some(Span::Changed { old: po, new: pn }),
                Span::Changed {
                    old: o2, new: n2, ..
                },
            ) => {
                po.end = o2.end;
                pn.end = n2.end;
            }
            _ => spans.push(span),
        }
    }
    // Absorb a gap of one or two short unchanged words between two changes.
    let mut i = 1;
    while i + 1 < spans.len() {
        let short_gap = match (&spans[i - 1], &spans[i], &spans[i + 1]) {
            (Span::Changed { .. }, Span::Same { new: gap, .. }, Span::Changed { .. }) => {
                gap.len() <= 2 && gap.clone().all(|k| new.words[k].is_short())
            }
            _ => false,
        };
        if short_gap {
            let Span::Changed { old: o2, new: n2 } = spans.remove(i + 1) else {
                unreachable!("matched above")
            };
            spans.remove(i);
            if let Span::Changed { old: o1, new: n1 } = &mut spans[i - 1] {
                o1.end = o2.end;
                n1.end = n2.end;
            }
        } else {
            i += 1;
        }
    }
    spans
}

/// The redline of two runs of inlines: ours with the baseline's words deleted and ours
/// inserted where they differ. `None` when they read the same.
pub fn diff(old: &Words, new: &Words) -> Option<Vec<Inline>> {
    if old.same(new) {
        return None;
    }
    // Spaces before the first word: ours, or the change from the baseline's.
    let mut out = Vec::new();
    if pieces_key(&old.lead) == pieces_key(&new.lead) {
        out.extend(inlines(&new.lead));
    } else {
        push_change(&mut out, inlines(&old.lead), inlines(&new.lead));
    }
    // Spaces after the last unchanged word that differ between the two (a word deleted at
    // the end of a paragraph takes its space with it): they open the next change.
    let mut carry: Option<(Vec<Piece>, Vec<Piece>)> = None;
    for span in spans(old, new) {
        match span {
            Span::Same { old: o, new: n } => {
                let pairs: Vec<(&Word, &Word)> = old.words[o].iter().zip(&new.words[n]).collect();
                for (k, (ow, nw)) in pairs.iter().enumerate() {
                    out.extend(inlines(&nw.pieces));
                    if key_of_trail(ow) == key_of_trail(nw) {
                        out.extend(inlines(&nw.trail));
                    } else if k + 1 == pairs.len() {
                        carry = Some((ow.trail.clone(), nw.trail.clone()));
                    } else {
                        push_change(&mut out, inlines(&ow.trail), inlines(&nw.trail));
                    }
                }
            }
            Span::Changed { old: o, new: n } => {
                let (ow, nw) = (&old.words[o], &new.words[n]);
                let (before_del, before_ins) = carry.take().unwrap_or_default();
                // The spaces after the last word, when both sides have the same, stay
                // outside the marks: "~~sixty (60)~~ ~~thirty (30)~~ minutes" reads badly.
                let shared_trail = match (ow.last(), nw.last()) {
                    (Some(a), Some(b)) => key_of_trail(a) == key_of_trail(b),
                    _ => false,
                };
                let mut del = before_del;
                del.extend(pieces_of(ow, !shared_trail));
                let mut ins = before_ins;
                ins.extend(pieces_of(nw, !shared_trail));
                push_change(&mut out, inlines(&del), inlines(&ins));
                if shared_trail && let Some(w) = nw.last() {
                    out.extend(inlines(&w.trail));
                }
            }
        }
    }
    if let Some((d, i)) = carry {
        push_change(&mut out, inlines(&d), inlines(&i));
    }
    Some(joined(out))
}

/// Adjacent text of one kind joined, so a writer prints one run, not one per word.
fn joined(xs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(xs.len());
    for x in xs {
        match (out.last_mut(), x) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
            (Some(Inline::Value { text: a, .. }), Inline::Value { text: b, .. }) => a.push_str(&b),
            (Some(Inline::Strong { content: a }), Inline::Strong { content: b })
            | (Some(Inline::Emph { content: a }), Inline::Emph { content: b }) => {
                a.extend(b);
                *a = joined(std::mem::take(a));
            }
            (_, x) => out.push(x),
        }
    }
    out
}

/// The baseline's inlines deleted, then ours inserted (either may be empty).
fn push_change(out: &mut Vec<Inline>, del: Vec<Inline>, ins: Vec<Inline>) {
    if !del.is_empty() {
        out.push(Inline::Del { content: del });
    }
    if !ins.is_empty() {
        out.push(Inline::Ins { content: ins });
    }
}

fn key_of_trail(w: &Word) -> String {
    pieces_key(&w.trail)
}

fn pieces_key(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match &p.atom {
            Atom::Text(t) | Atom::Value(t) => t.as_str(),
            _ => "",
        })
        .collect()
}

/// How alike two texts are: the share of words they have in common (Dice's coefficient
/// over the sets of words, case-insensitive), from 0 to 1.
pub fn similarity(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.intersection(b).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::inlines as md;

    fn redline(old: &str, new: &str) -> String {
        let (o, n) = (vec![Inline::text(old)], vec![Inline::text(new)]);
        match diff(&Words::of(&o), &Words::of(&n)) {
            Some(x) => md(&x, false, false),
            None => "=".into(),
        }
    }

    #[test]
    fn numbers_change_as_whole_words_deletion_first() {
        assert_eq!(
            redline("within sixty (60) minutes", "within thirty (30) minutes"),
            "within <del>sixty (60)</del><ins>thirty (30)</ins> minutes"
        );
        assert_eq!(
            redline("99.5% uptime", "99.9% uptime"),
            "<del>99.5%</del><ins>99.9%</ins> uptime"
        );
    }

    #[test]
    fn a_short_unchanged_gap_is_absorbed() {
        // "of the" between two changes becomes part of one change.
        assert_eq!(
            redline(
                "pay the fee in thirty days",
                "credit the fee within ten days"
            ),
            "<del>pay the fee in thirty</del><ins>credit the fee within ten</ins> days"
        );
        // A longer unchanged word stays between two changes.
        assert_eq!(
            redline("five days notice period", "ten days notice window"),
            "<del>five</del><ins>ten</ins> days notice <del>period</del><ins>window</ins>"
        );
        assert_eq!(
            redline(
                "Vendor may at its discretion refuse",
                "Vendor shall in all cases accept"
            ),
            "Vendor <del>may at its discretion refuse</del><ins>shall in all cases accept</ins>"
        );
    }

    #[test]
    fn spaces_follow_the_words_they_belong_to() {
        assert_eq!(redline("them; and", "them;"), "them;<del> and</del>");
        assert_eq!(redline("a b", "a b c"), "a b<ins> c</ins>");
        let emph = |t: &str| {
            vec![Inline::Emph {
                content: vec![Inline::text(t)],
            }]
        };
        let (o, n) = (
            emph("Developer enablement workshop"),
            emph("API integration workshop"),
        );
        let x = diff(&Words::of(&o), &Words::of(&n)).unwrap();
        assert_eq!(
            md(&x, false, false),
            "<del>*Developer enablement*</del><ins>*API integration*</ins> *workshop*"
        );
    }

    #[test]
    fn nothing_is_lost_when_a_change_has_an_unchanged_word_inside() {
        // `similar` reports the insertion here with an `old_index` behind the deletion.
        let o = "that Customer and its users can access the Covered Service through each of its \
                 interfaces, that all of its material functions work as described in Vendor's \
                 documentation, and that it processes requests";
        let n = "that Customer can access the Covered Service and submit requests to it, and \
                 that it processes them";
        let r = redline(o, n);
        assert!(r.contains("<del>through each of its interfaces, that all of its material functions work as described in Vendor's documentation, and</del>"), "{r}");
    }

    #[test]
    fn numbers_in_words_and_figures_change_whole() {
        assert_eq!(
            redline(
                "at most two hundred and nineteen point two (219.2) minutes",
                "at most forty-three point eight (43.8) minutes"
            ),
            "at most <del>two hundred and nineteen point two (219.2)</del><ins>forty-three point eight (43.8)</ins> minutes"
        );
        assert_eq!(
            redline(
                "within one and a half (1.5) hours and",
                "within two (2) hours and"
            ),
            "within <del>one and a half (1.5)</del><ins>two (2)</ins> hours and"
        );
        // "and" before a number is not part of it.
        assert_eq!(
            redline("days and thirty (30) hours", "days and sixty (60) hours"),
            "days and <del>thirty (30)</del><ins>sixty (60)</ins> hours"
        );
    }

    #[test]
    fn leading_spaces_that_differ_are_a_change() {
        // Found by the `word_diff` fuzz target: rejecting every change gave " a b".
        assert_eq!(redline("a b", " "), "<ins> </ins><del>a b</del>");
        // With the same words, spaces before the first one are no change on their own.
        assert_eq!(redline(" a", "a"), "=");
    }

    #[test]
    fn same_text_is_no_change() {
        assert_eq!(redline("a  b", "a  b"), "=");
    }
}
