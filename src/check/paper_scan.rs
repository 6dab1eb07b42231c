//! Red-flag language in text: the `[[phrase]]` tables of the rules files, matched word by
//! word (case-insensitive, across line breaks and punctuation, `*` standing for any one
//! word), each hit at its line and column.

/// What the scanner needs of a phrase: its id, its patterns (each a sequence of lowercase
/// words, `*` for any one word, as [`words_of`] compiles them) and how near a number
/// excuses it. The rules' `[[phrase]]` tables implement it; the scanner knows nothing else
/// of them.
pub trait Pattern {
    /// The phrase id, e.g. `paper.best-efforts`.
    fn id(&self) -> &str;
    /// Its word sequences.
    fn patterns(&self) -> &[Vec<String>];
    /// Only a hit when no number is within this many words (in the same sentence).
    fn unless_number_within(&self) -> Option<usize>;
}

/// A word of a text: its lowercase form, where it is (byte offsets), and what the
/// `unless_number_within` test needs.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) lower: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// A number (`10,000`, `99.9`), not counting numbering at the start of a line (`4.1`).
    number: bool,
    /// Sentences (and paragraphs) counted from the start of the text.
    sentence: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

pub(crate) fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut sentence = 0;
    let mut line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_word_char(c) {
            match c {
                '.' | '!' | '?' | ';' => sentence += 1,
                '\n' => {
                    line_start = true;
                    // A blank line ends a paragraph.
                    if text[at + 1..]
                        .trim_start_matches([' ', '\t', '\r'])
                        .starts_with('\n')
                    {
                        sentence += 1;
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let mut j = i;
        // Digits keep their separators: 10,000 and 99.9 and 4.1 are one word each.
        while j < chars.len()
            && (is_word_char(chars[j].1)
                || (matches!(chars[j].1, '.' | ',')
                    && j > i
                    && chars[j - 1].1.is_ascii_digit()
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit())))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let raw = &text[at..end];
        let w = raw.trim_matches(|c| c == '\'' || c == '’');
        if !w.is_empty() {
            let s = at + raw.find(w).unwrap_or(0);
            out.push(Word {
                lower: if w.is_ascii() {
                    w.to_ascii_lowercase()
                } else {
                    w.to_lowercase().replace('’', "'")
                },
                start: s,
                end: s + w.len(),
                number: !line_start && w.chars().any(|c| c.is_ascii_digit()),
                sentence,
            });
        }
        line_start = false;
        i = j;
    }
    out
}

/// The words of a pattern, lowercase; `*` kept as the wildcard.
pub fn words_of(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in pattern.split_whitespace() {
        if part == "*" {
            out.push("*".to_string());
        } else {
            out.extend(words(part).into_iter().map(|w| w.lower));
        }
    }
    out
}

/// One red-flag phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The phrase id.
    pub phrase: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Byte offsets of the matched text.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// The text as written.
    pub text: String,
}

/// Every phrase of `phrases` in `text`, in text order (a place matched by two patterns of
/// one phrase counts once).
pub fn scan<P: Pattern>(text: &str, phrases: &[&P]) -> Vec<Hit> {
    // The words a pattern can open with: a word of the text that opens none is passed
    // over at once.
    let mut opens: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut wild = false;
    for p in phrases {
        for pat in p.patterns() {
            match pat.first().map(String::as_str) {
                Some("*") | None => wild = true,
                Some(w) => {
                    opens.insert(w);
                }
            }
        }
    }
    let ws = words(text);
    let mut hits = Vec::new();
    // Per phrase: where its last hit ended (a place matched twice counts once).
    let mut last_end = vec![0usize; phrases.len()];
    for i in 0..ws.len() {
        if !wild && !opens.contains(ws[i].lower.as_str()) {
            continue;
        }
        for (pi, p) in phrases.iter().enumerate() {
            if ws[i].start < last_end[pi] {
                continue;
            }
            let found = p.patterns().iter().find_map(|pat| {
                let n = pat.len();
                (i + n <= ws.len()
                    && pat
                        .iter()
                        .zip(&ws[i..i + n])
                        .all(|(want, w)| want == "*" || *want == w.lower))
                .then_some(n)
            });
            let Some(n) = found else { continue };
            if let Some(k) = p.unless_number_within() {
                // Numbers in the same sentence, within k words, excuse it.
                let lo = i.saturating_sub(k);
                let hi = (i + n + k).min(ws.len());
                let sentence = ws[i].sentence;
                if ws[lo..hi]
                    .iter()
                    .any(|w| w.number && w.sentence == sentence)
                {
                    continue;
                }
            }
            let (start, end) = (ws[i].start, ws[i + n - 1].end);
            let (line, column) = line_col(text, start);
            hits.push(Hit {
                phrase: p.id().to_string(),
                line,
                column,
                start,
                end,
                text: text[start..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
            last_end[pi] = end;
        }
    }
    hits.sort_by(|a, b| (a.start, &a.phrase).cmp(&(b.start, &b.phrase)));
    hits
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::{Area, Phrase, Severity};

    fn phrase(id: &str, patterns: &[&str], near: Option<usize>) -> Phrase {
        Phrase {
            id: id.into(),
            coverage: "SLA-9".into(),
            area: Area::Sla,
            severity: Severity::Error,
            title: String::new(),
            patterns: patterns.iter().map(|p| words_of(p)).collect(),
            unless_number_within: near,
            answer: String::new(),
            why: String::new(),
            clause: String::new(),
            rule: None,
            replace: Vec::new(),
            origin: String::new(),
        }
    }

    #[test]
    fn finds_phrases_across_lines_with_wildcards() {
        let best = phrase("best", &["commercially reasonable efforts"], None);
        let data = phrase("data", &["may use * data to improve"], None);
        let text = "# Terms\n\nVendor will use Commercially\nreasonable efforts. It may use Customer Data to improve.";
        let hits = scan(text, &[&best, &data]);
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!((hits[0].line, hits[0].column), (3, 17));
        assert_eq!(hits[0].text, "Commercially reasonable efforts");
        assert_eq!((hits[1].line, hits[1].column), (4, 24));
    }

    #[test]
    fn numbers_nearby_excuse_unlimited() {
        let u = phrase("unlimited", &["unlimited"], Some(8));
        assert_eq!(scan("Unlimited use of the models.", &[&u]).len(), 1);
        assert!(scan("Unlimited use, up to 10,000 requests per minute.", &[&u]).is_empty());
        // Section numbers and the next paragraph's numbers do not count.
        let text =
            "4.1 The plan includes unlimited use of the Services.\n\n4.2 Up to 10,000 requests.";
        assert_eq!(scan(text, &[&u]).len(), 1);
        // Whole words only.
        let a = phrase("as-available", &["as available"], None);
        assert!(scan("It was available.", &[&a]).is_empty());
        assert_eq!(scan("provided \"as available\"", &[&a]).len(), 1);
    }
}
