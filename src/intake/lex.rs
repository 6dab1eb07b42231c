//! Word-level, number-aware lexer for contract paper (SLAs, support policies,
//! data addenda).
//!
//! [`lex`] turns a paragraph into [`Token`]s: lowercase words, numbers written
//! in figures or in words (with their "(figures)" repeat folded in),
//! percentages, durations, times of day, time zones (as IANA names), amounts
//! of money and a small set of symbols. Every token carries the byte span of
//! the input it was read from. [`sentences`] splits a paragraph into
//! sentences. Everything is deterministic, uses only `std`, and never panics.
//!
//! Readings worth knowing:
//! - "a"/"an" + unit is one unit ("an hour"), except after a number, duration,
//!   amount or "once"/"twice"/"times" ("24 hours a day" stays words).
//! - "quarter(s)" is a fraction only after "and" ("one and a quarter") or
//!   before "of" ("three quarters of"); otherwise it is the time unit
//!   ("three quarters" → 3 quarters). "half" alone is a word; "a half",
//!   "one half", "half an hour", "half-day" are read.
//! - "or fewer"/"or less" before the unit are consumed as the spec asks but
//!   leave no flag (only `or_more` exists); after the unit they stay words.
//! - A decimal figure at the start of a line followed by a capitalised
//!   heading ("4.2 Hours of Support") is a bare number; "4.2.1" is a word.
//! - Two-letter zones (PT, ET, CT, MT) need uppercase and a time/zone/"time"/
//!   "hours" just before; "GMT+1" style offsets are not read (zone, number).
//! - Ranges other than percent ranges are left to the caller:
//!   "5-10 days" → `Number(5) Symbol('–') Duration(10 days)`.

use std::ops::Range;

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Clock minutes.
    Minutes,
    /// Clock hours.
    Hours,
    /// Hours counted only inside business hours ("business hours", "working hours").
    BusinessHours,
    /// Calendar days ("days", "calendar days", "full days").
    Days,
    /// Business days ("business days", "working days").
    BusinessDays,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// Quarters (of a year).
    Quarters,
    /// Years.
    Years,
}

/// What a [`Token`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A word, lowercased, curly apostrophes made straight. Hyphenated words
    /// stay whole ("third-party"); dotted abbreviations keep their dots
    /// ("e.g.", "i.e."); figures glued to letters stay one word ("1st", "24x7").
    Word(String),
    /// A bare number, from figures ("10,000"), words ("forty-three") or both
    /// ("thirty (30)").
    Number(f64),
    /// A percentage, in percent: "99.9%" is `Percent(99.9)`.
    Percent(f64),
    /// A length of time: "thirty (30) days", "5 or more consecutive minutes".
    Duration {
        /// How many units.
        value: f64,
        /// The unit.
        unit: Unit,
        /// "consecutive" or "continuous" was written.
        consecutive: bool,
        /// "or more" or "or longer" was written.
        or_more: bool,
    },
    /// A time of day in minutes after midnight ("9:00 a.m." is 540; "24:00" is 1440).
    Time(u32),
    /// A time zone, as an IANA name ("America/Los_Angeles", "UTC").
    Zone(&'static str),
    /// An amount of money.
    Money {
        /// The amount, in units of the currency.
        amount: f64,
        /// ISO 4217 code ("USD", "EUR", "GBP", ...).
        currency: &'static str,
    },
    /// One of `< > ≤ ≥ = | – / : ; , ( )`. Every range or separator dash is `'–'`.
    Symbol(char),
}

/// One token and the bytes of the input it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What was read.
    pub tok: Tok,
    /// Byte offset of the first byte covered (a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte covered (a char boundary).
    pub end: usize,
    /// True when a number was written twice and the two disagree, as in
    /// "thirty (31) days"; the value is then the one in figures.
    pub conflict: bool,
}

/// Reads `text` into tokens, in order, with non-overlapping byte spans.
///
/// Whitespace, quotes and punctuation other than the kept symbols are dropped.
pub fn lex(text: &str) -> Vec<Token> {
    let mut lx = Lexer {
        raw: scan(text),
        out: Vec::new(),
    };
    let mut i = 0;
    while i < lx.raw.len() {
        let next = lx.step(i);
        i = next.max(i + 1);
    }
    lx.out
}

/// Weekday number of a day name or abbreviation, Monday = 0 … Sunday = 6.
///
/// Accepts "monday".."sunday", "mon", "tue", "tues", "wed", "thu", "thur",
/// "thurs", "fri", "sat", "sun", in any case, with or without a final '.'.
pub fn weekday(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thur" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    })
}

/// The value in minutes of a duration where that is exact (minutes, hours,
/// days, weeks); `None` for business hours/days, months, quarters and years.
pub fn minutes(value: f64, unit: Unit) -> Option<f64> {
    match unit {
        Unit::Minutes => Some(value),
        Unit::Hours => Some(value * 60.0),
        Unit::Days => Some(value * 1440.0),
        Unit::Weeks => Some(value * 10080.0),
        Unit::BusinessHours | Unit::BusinessDays | Unit::Months | Unit::Quarters | Unit::Years => {
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

/// IANA names recognised when written as such.
const IANA: &[&str] = &[
    "America/Los_Angeles",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Anchorage",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Pacific/Honolulu",
    "Pacific/Auckland",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Zurich",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Helsinki",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Seoul",
    "Asia/Dubai",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Etc/UTC",
];

const LA: &str = "America/Los_Angeles";
const NY: &str = "America/New_York";
const CHI: &str = "America/Chicago";
const DEN: &str = "America/Denver";
const BER: &str = "Europe/Berlin";
const LON: &str = "Europe/London";
const HEL: &str = "Europe/Helsinki";
const LIS: &str = "Europe/Lisbon";
const KOL: &str = "Asia/Kolkata";
const SIN: &str = "Asia/Singapore";
const TOK: &str = "Asia/Tokyo";
const SYD: &str = "Australia/Sydney";
const DUB: &str = "Europe/Dublin";

/// Zone names written out in words (lowercase); "(summer)" stands for the
/// three tokens `( summer )`.
const ZONE_PHRASES: &[(&[&str], &str)] = &[
    (&["pacific", "time"], LA),
    (&["pacific", "standard", "time"], LA),
    (&["pacific", "daylight", "time"], LA),
    (&["pacific", "prevailing", "time"], LA),
    (&["eastern", "time"], NY),
    (&["eastern", "standard", "time"], NY),
    (&["eastern", "daylight", "time"], NY),
    (&["eastern", "prevailing", "time"], NY),
    (&["central", "time"], CHI),
    (&["central", "standard", "time"], CHI),
    (&["central", "daylight", "time"], CHI),
    (&["mountain", "time"], DEN),
    (&["mountain", "standard", "time"], DEN),
    (&["mountain", "daylight", "time"], DEN),
    (&["central", "european", "time"], BER),
    (&["central", "european", "standard", "time"], BER),
    (&["central", "european", "summer", "time"], BER),
    (&["central", "european", "(summer)", "time"], BER),
    (&["greenwich", "mean", "time"], LON),
    (&["uk", "time"], LON),
    (&["u.k.", "time"], LON),
    (&["british", "summer", "time"], LON),
    (&["london", "time"], LON),
    (&["coordinated", "universal", "time"], "UTC"),
    (&["eastern", "european", "time"], HEL),
    (&["eastern", "european", "summer", "time"], HEL),
    (&["western", "european", "time"], LIS),
    (&["western", "european", "summer", "time"], LIS),
    (&["india", "standard", "time"], KOL),
    (&["indian", "standard", "time"], KOL),
    (&["singapore", "time"], SIN),
    (&["singapore", "standard", "time"], SIN),
    (&["japan", "time"], TOK),
    (&["japan", "standard", "time"], TOK),
    (&["australian", "eastern", "time"], SYD),
    (&["australian", "eastern", "standard", "time"], SYD),
    (&["australian", "eastern", "daylight", "time"], SYD),
    (&["sydney", "time"], SYD),
    (&["irish", "time"], DUB),
    (&["irish", "standard", "time"], DUB),
    (&["dublin", "time"], DUB),
];

/// Zone abbreviations of three or more letters (must be uppercase in the source).
fn zone_abbrev(w: &str) -> Option<&'static str> {
    Some(match w {
        "pst" | "pdt" => LA,
        "est" | "edt" => NY,
        "cst" | "cdt" => CHI,
        "mst" | "mdt" => DEN,
        "cet" | "cest" => BER,
        "gmt" | "bst" => LON,
        "utc" => "UTC",
        "eet" | "eest" => HEL,
        "wet" => LIS,
        "ist" => KOL,
        "sgt" => SIN,
        "jst" => TOK,
        "aest" | "aedt" | "aet" => SYD,
        _ => return None,
    })
}

/// Two-letter zone abbreviations (uppercase, and only right after a time, a
/// zone, or the word "time"/"hours", optionally with a '(' between).
fn zone_abbrev2(w: &str) -> Option<&'static str> {
    Some(match w {
        "pt" => LA,
        "et" => NY,
        "ct" => CHI,
        "mt" => DEN,
        _ => return None,
    })
}

fn currency_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "cad" => "CAD",
        "aud" => "AUD",
        "nzd" => "NZD",
        "jpy" => "JPY",
        "chf" => "CHF",
        "inr" => "INR",
        "sgd" => "SGD",
        "hkd" => "HKD",
        "cny" => "CNY",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        _ => return None,
    })
}

fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        _ => return None,
    })
}

/// Prefix letters of "US$", "A$", "C$" ...
fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "u.s." => "USD",
        "a" | "au" => "AUD",
        "c" | "ca" | "can" => "CAD",
        "s" | "sg" => "SGD",
        "nz" => "NZD",
        "hk" => "HKD",
        _ => return None,
    })
}

// Number words as the drafts write them (`crate::wording`), read back here.
use crate::wording::{ONES as SMALL, TENS};

fn small(w: &str) -> Option<u32> {
    SMALL.iter().position(|s| *s == w).map(|p| p as u32)
}

fn tens(w: &str) -> Option<u32> {
    TENS.iter()
        .position(|s| !s.is_empty() && *s == w)
        .map(|p| p as u32 * 10)
}

fn scale(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        _ => None,
    }
}

fn digit_word(w: &str) -> Option<u32> {
    match w {
        "oh" | "nought" | "naught" => Some(0),
        _ => small(w).filter(|d| *d < 10),
    }
}

fn unit_word(w: &str, allow_h: bool) -> Option<Unit> {
    Some(match w {
        "minute" | "minutes" | "min" | "mins" => Unit::Minutes,
        "hour" | "hours" | "hr" | "hrs" => Unit::Hours,
        "h" if allow_h => Unit::Hours,
        "day" | "days" => Unit::Days,
        "week" | "weeks" | "wk" | "wks" => Unit::Weeks,
        "month" | "months" => Unit::Months,
        "quarter" | "quarters" => Unit::Quarters,
        "year" | "years" | "yr" | "yrs" => Unit::Years,
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Modifier {
    Consecutive,
    Business,
    Plain,
}

fn modifier(w: &str) -> Option<Modifier> {
    Some(match w {
        "consecutive" | "continuous" => Modifier::Consecutive,
        "business" | "working" => Modifier::Business,
        "calendar" | "full" | "clock" => Modifier::Plain,
        _ => return None,
    })
}

fn business(u: Unit) -> Unit {
    match u {
        Unit::Hours => Unit::BusinessHours,
        Unit::Days => Unit::BusinessDays,
        other => other,
    }
}

fn ampm(w: &str) -> Option<bool> {
    match w {
        "am" | "a.m." => Some(false),
        "pm" | "p.m." => Some(true),
        _ => None,
    }
}

/// Minutes after midnight of a 12-hour clock reading (`h` in 1..=12).
fn clock12(h: u32, m: u32, pm: bool) -> u32 {
    (h % 12 + if pm { 12 } else { 0 }) * 60 + m
}

fn small_int(v: f64) -> Option<u32> {
    if v.fract() == 0.0 && (0.0..=1e6).contains(&v) {
        Some(v as u32)
    } else {
        None
    }
}

fn differ(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------
// Scanner: text → raw pieces
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rk {
    /// Letters (and digits after a letter); `s` is lowercase.
    Word,
    /// Figures; `s` is the source text, `v` the value.
    Num,
    /// One other non-space character (or a run of '-'); `s` is the source text.
    Punct(char),
    /// An IANA name written as such.
    Zone(&'static str),
}

#[derive(Debug, Clone)]
struct Raw {
    kind: Rk,
    s: String,
    v: f64,
    start: usize,
    end: usize,
    /// Every letter is uppercase (and there is at least one).
    upper: bool,
    /// The first character is uppercase.
    cap: bool,
    /// Nothing but whitespace before it on its line.
    line_start: bool,
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn raw(text: &str, kind: Rk, s: String, v: f64, start: usize, end: usize, ls: bool) -> Raw {
    let src = text.get(start..end).unwrap_or("");
    let mut letters = src.chars().filter(|c| c.is_alphabetic()).peekable();
    let any = letters.peek().is_some();
    let upper = any && letters.all(|c| !c.is_lowercase());
    let cap = src.chars().next().is_some_and(char::is_uppercase);
    Raw {
        kind,
        s,
        v,
        start,
        end,
        upper,
        cap,
        line_start: ls,
    }
}

/// End (char index) of a dotted abbreviation such as "e.g.", "a.m", "U.S."
/// starting at char index `k`: at least two single letters each followed by
/// '.' (the last dot may be missing).
fn dotted(cs: &[(usize, char)], k: usize) -> Option<usize> {
    let ch = |q: usize| cs.get(q).map(|p| p.1);
    let mut e = k;
    let mut count = 0;
    loop {
        match ch(e) {
            Some(c) if c.is_alphabetic() => {}
            _ => break,
        }
        match ch(e + 1) {
            Some('.') => {
                count += 1;
                e += 2;
            }
            Some(c) if c.is_alphanumeric() => break,
            _ => {
                if count >= 1 {
                    count += 1;
                    e += 1;
                }
                break;
            }
        }
    }
    (count >= 2).then_some(e)
}

fn scan(text: &str) -> Vec<Raw> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let n = cs.len();
    let at = |q: usize| cs.get(q).map_or(text.len(), |p| p.0);
    let ch = |q: usize| cs.get(q).map(|p| p.1);
    let mut out: Vec<Raw> = Vec::new();
    let mut k = 0;
    let mut line_start = true;
    while k < n {
        let (b, c) = cs[k];
        if c.is_whitespace() {
            if c == '\n' {
                line_start = true;
            }
            k += 1;
            continue;
        }
        let ls = std::mem::replace(&mut line_start, false);
        // IANA names written as such (each has a '/' within its first 12 bytes, which
        // rules out nearly every capitalised word at once).
        let slash = || {
            let r = text.as_bytes().get(b..).unwrap_or_default();
            r[..r.len().min(12)].contains(&b'/')
        };
        if c.is_ascii_uppercase() && slash() {
            let rest = text.get(b..).unwrap_or("");
            let found = IANA.iter().copied().find(|z| {
                rest.starts_with(z)
                    && rest
                        .get(z.len()..)
                        .and_then(|r| r.chars().next())
                        .is_none_or(|d| !(d.is_alphanumeric() || d == '_' || d == '/'))
            });
            if let Some(z) = found {
                let e = b + z.len();
                while k < n && cs[k].0 < e {
                    k += 1;
                }
                out.push(raw(text, Rk::Zone(z), z.to_string(), 0.0, b, e, ls));
                continue;
            }
        }
        if c.is_alphanumeric() && !c.is_ascii_digit() {
            if let Some(e) = dotted(&cs, k) {
                let mut s = text.get(b..at(e)).unwrap_or("").to_lowercase();
                if !s.ends_with('.') {
                    s.push('.');
                }
                out.push(raw(text, Rk::Word, s, 0.0, b, at(e), ls));
                k = e;
                continue;
            }
            let mut e = k + 1;
            loop {
                match ch(e) {
                    Some(d) if d.is_alphanumeric() => e += 1,
                    Some(d)
                        if is_apos(d)
                            && ch(e - 1).is_some_and(char::is_alphabetic)
                            && ch(e + 1).is_some_and(char::is_alphabetic) =>
                    {
                        e += 2
                    }
                    _ => break,
                }
            }
            let src = text.get(b..at(e)).unwrap_or("");
            let mut s = src.to_lowercase();
            if src.contains('\u{2019}') {
                s = s.replace('\u{2019}', "'");
            }
            out.push(raw(text, Rk::Word, s, 0.0, b, at(e), ls));
            k = e;
            continue;
        }
        if c.is_ascii_digit() {
            let digit = |q: usize| ch(q).is_some_and(|d| d.is_ascii_digit());
            let mut e = k;
            while digit(e) {
                e += 1;
            }
            if e - k <= 3 {
                while ch(e) == Some(',')
                    && digit(e + 1)
                    && digit(e + 2)
                    && digit(e + 3)
                    && !digit(e + 4)
                {
                    e += 4;
                }
            }
            let mut dotted_section = false;
            if ch(e) == Some('.') && digit(e + 1) {
                e += 1;
                while digit(e) {
                    e += 1;
                }
                while ch(e) == Some('.') && digit(e + 1) {
                    dotted_section = true;
                    e += 1;
                    while digit(e) {
                        e += 1;
                    }
                }
            }
            let src = text.get(b..at(e)).unwrap_or("");
            let v: f64 = src.replace(',', "").parse().unwrap_or(f64::INFINITY);
            let kind = if dotted_section || !v.is_finite() {
                Rk::Word
            } else {
                Rk::Num
            };
            out.push(raw(text, kind, src.to_string(), v, b, at(e), ls));
            k = e;
            continue;
        }
        if c == '-' {
            let mut e = k;
            while ch(e) == Some('-') {
                e += 1;
            }
            let src = text.get(b..at(e)).unwrap_or("").to_string();
            out.push(raw(text, Rk::Punct('-'), src, 0.0, b, at(e), ls));
            k = e;
            continue;
        }
        out.push(raw(
            text,
            Rk::Punct(c),
            c.to_string(),
            0.0,
            b,
            at(k + 1),
            ls,
        ));
        k += 1;
    }
    out
}

// ---------------------------------------------------------------------------
// Parser: raw pieces → tokens
// ---------------------------------------------------------------------------

struct Lexer {
    raw: Vec<Raw>,
    out: Vec<Token>,
}

/// A number read at some position.
struct Np {
    v: f64,
    /// Raw index after the number.
    end: usize,
    /// A single run of figures, nothing else (no scale word, no repeat).
    plain: bool,
    conflict: bool,
}

/// A duration read after a number.
struct Dur {
    unit: Unit,
    consecutive: bool,
    or_more: bool,
    end: usize,
}

impl Lexer {
    // ----- small accessors -------------------------------------------------

    fn kind(&self, j: usize) -> Option<Rk> {
        self.raw.get(j).map(|r| r.kind)
    }

    fn word(&self, j: usize) -> Option<&str> {
        match self.raw.get(j) {
            Some(r) if r.kind == Rk::Word => Some(r.s.as_str()),
            _ => None,
        }
    }

    fn punct(&self, j: usize) -> Option<char> {
        match self.raw.get(j)?.kind {
            Rk::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Raw `j` and raw `j + 1` touch (no whitespace between).
    fn adj(&self, j: usize) -> bool {
        match (self.raw.get(j), self.raw.get(j + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Raw `j` is a single '-' glued to both neighbours.
    fn is_hyph(&self, j: usize) -> bool {
        j > 0
            && self.punct(j) == Some('-')
            && self.raw[j].s.len() == 1
            && self.adj(j - 1)
            && self.adj(j)
    }

    fn alnum(&self, j: usize) -> bool {
        matches!(self.kind(j), Some(Rk::Word | Rk::Num))
    }

    /// A word that is not the first part of a hyphenated compound.
    fn free_word(&self, j: usize) -> Option<&str> {
        let w = self.word(j)?;
        if self.is_hyph(j + 1) && self.alnum(j + 2) {
            None
        } else {
            Some(w)
        }
    }

    fn wl(&self, j: usize, lim: usize) -> Option<&str> {
        if j < lim { self.word(j) } else { None }
    }

    /// The next word of a number in words: after a space or a hyphen.
    fn nextw(&self, j: usize, lim: usize) -> Option<usize> {
        if self.is_hyph(j + 1) && j + 2 < lim && self.word(j + 2).is_some() {
            return Some(j + 2);
        }
        if j + 1 < lim && self.word(j + 1).is_some() && !self.adj(j) {
            return Some(j + 1);
        }
        None
    }

    fn nextw_is(&self, j: usize, lim: usize, w: &str) -> bool {
        self.nextw(j, lim).is_some_and(|n| self.raw[n].s == w)
    }

    fn emit(&mut self, tok: Tok, s: usize, e: usize, conflict: bool) {
        let start = self.raw[s].start;
        let end = self.raw[e.max(s + 1) - 1].end;
        self.out.push(Token {
            tok,
            start,
            end,
            conflict,
        });
    }

    // ----- numbers in words ------------------------------------------------

    /// 1..=99 (or 0 for "zero") at `j`.
    fn sub100(&self, j: usize, lim: usize) -> Option<(u32, usize)> {
        let w = self.wl(j, lim)?;
        if let Some(t) = tens(w) {
            if let Some(n) = self.nextw(j, lim)
                && let Some(u) = small(&self.raw[n].s)
                && (1..=9).contains(&u)
            {
                return Some((t + u, n));
            }
            return Some((t, j));
        }
        small(w).map(|s| (s, j))
    }

    fn after_hundred(&self, base: u32, h: usize, lim: usize) -> (u32, usize) {
        if let Some(n) = self.nextw(h, lim) {
            let (m, ok) = if self.raw[n].s == "and" {
                match self.nextw(n, lim) {
                    Some(m) => (m, true),
                    None => (n, false),
                }
            } else {
                (n, true)
            };
            if ok
                && let Some((s, last)) = self.sub100(m, lim)
                && s > 0
            {
                return (base + s, last);
            }
        }
        (base, h)
    }

    /// A group below 10 000 ("three", "forty-two", "one hundred and five",
    /// "a hundred", "fifteen hundred").
    fn group(&self, j: usize, lim: usize) -> Option<(u32, usize)> {
        let w = self.wl(j, lim)?;
        if w == "a" {
            let n = self.nextw(j, lim)?;
            if self.raw[n].s == "hundred" {
                return Some(self.after_hundred(100, n, lim));
            }
            return None;
        }
        let (v, last) = self.sub100(j, lim)?;
        if v > 0
            && let Some(n) = self.nextw(last, lim)
            && self.raw[n].s == "hundred"
        {
            return Some(self.after_hundred(v * 100, n, lim));
        }
        Some((v, last))
    }

    /// An integer in words; returns the value and the index of its last word.
    fn int_words(&self, i: usize, lim: usize) -> Option<(f64, usize)> {
        let mut total = 0.0;
        let mut last_scale = f64::INFINITY;
        let mut j = i;
        let mut last: Option<usize> = None;
        loop {
            let g = if self.wl(j, lim) == Some("a")
                && self
                    .nextw(j, lim)
                    .is_some_and(|n| scale(&self.raw[n].s).is_some())
            {
                Some((1, j))
            } else {
                self.group(j, lim)
            };
            let Some((g, gl)) = g else { break };
            if last.is_some() && g == 0 {
                break;
            }
            let sc = self
                .nextw(gl, lim)
                .and_then(|n| scale(&self.raw[n].s).map(|s| (n, s)));
            match sc {
                Some((n, s)) if s < last_scale && g > 0 => {
                    total += f64::from(g) * s;
                    last_scale = s;
                    last = Some(n);
                    let Some(m) = self.nextw(n, lim) else { break };
                    if self.raw[m].s == "and" {
                        match self.nextw(m, lim) {
                            Some(m2) if self.group(m2, lim).is_some() => j = m2,
                            _ => break,
                        }
                    } else {
                        j = m;
                    }
                }
                Some(_) => {
                    if last.is_none() {
                        total += f64::from(g);
                        last = Some(gl);
                    }
                    break;
                }
                None => {
                    total += f64::from(g);
                    last = Some(gl);
                    break;
                }
            }
        }
        last.map(|l| (total, l))
    }

    /// A number in words at `i`: integers, "point" decimals and halves /
    /// quarters. Returns the value and the raw index after it.
    fn words_number(&self, i: usize, lim: usize) -> Option<(f64, usize)> {
        let w = self.wl(i, lim)?;
        if (w == "a" || w == "one")
            && let Some(n) = self.nextw(i, lim)
        {
            match self.raw[n].s.as_str() {
                "half" => return Some((0.5, n + 1)),
                "quarter" if self.nextw_is(n, lim, "of") => return Some((0.25, n + 1)),
                _ => {}
            }
        }
        if w == "three"
            && let Some(n) = self.nextw(i, lim)
            && self.raw[n].s == "quarters"
            && self.nextw_is(n, lim, "of")
        {
            return Some((0.75, n + 1));
        }
        let (mut v, mut last) = self.int_words(i, lim)?;
        if let Some(p) = self.nextw(last, lim)
            && self.raw[p].s == "point"
        {
            let mut digits = String::new();
            let mut q = p;
            while let Some(d) = self.nextw(q, lim)
                && let Some(dv) = digit_word(&self.raw[d].s)
            {
                digits.push(char::from(b'0' + dv as u8));
                q = d;
            }
            if !digits.is_empty() {
                v = format!("{v}.{digits}").parse().unwrap_or(v);
                last = q;
            }
        } else if let Some(a) = self.nextw(last, lim)
            && self.raw[a].s == "and"
            && let Some(b) = self.nextw(a, lim)
            && let Some(c) = self.nextw(b, lim)
        {
            let frac = match (self.raw[b].s.as_str(), self.raw[c].s.as_str()) {
                ("a" | "one", "half") => Some(0.5),
                ("a" | "one", "quarter") => Some(0.25),
                ("three", "quarters") => Some(0.75),
                _ => None,
            };
            if let Some(f) = frac {
                v += f;
                last = c;
            }
        }
        Some((v, last + 1))
    }

    // ----- numbers in general ---------------------------------------------

    /// A number in figures or words at `i`, with an optional scale word
    /// ("1.5 million") and an optional repeat in parentheses.
    fn parse_number(&self, i: usize, lim: usize) -> Option<Np> {
        if i >= lim {
            return None;
        }
        if self.kind(i) == Some(Rk::Num) {
            let mut v = self.raw[i].v;
            let mut end = i + 1;
            let mut plain = true;
            if end < lim
                && let Some(s) = self.free_word(end).and_then(scale)
            {
                v *= s;
                end += 1;
                plain = false;
            }
            let mut conflict = false;
            if self.punct(end) == Some('(')
                && let Some((wv, we)) = self.words_number(end + 1, lim)
                && we < lim
                && self.punct(we) == Some(')')
            {
                conflict = differ(v, wv);
                end = we + 1;
                plain = false;
            }
            return Some(Np {
                v,
                end,
                plain,
                conflict,
            });
        }
        let (mut v, mut end) = self.words_number(i, lim)?;
        let mut conflict = false;
        if end + 2 < lim && self.punct(end) == Some('(') && self.kind(end + 1) == Some(Rk::Num) {
            let mut fv = self.raw[end + 1].v;
            let mut close = end + 2;
            if let Some(s) = self.free_word(close).and_then(scale) {
                fv *= s;
                close += 1;
            }
            if close < lim && self.punct(close) == Some(')') {
                conflict = differ(v, fv);
                v = fv;
                end = close + 1;
            }
        }
        Some(Np {
            v,
            end,
            plain: false,
            conflict,
        })
    }

    /// "%", "percent", "per cent", "pct" (or "-percent") at `j`; the index after it.
    fn percent_marker(&self, j: usize) -> Option<usize> {
        if self.punct(j) == Some('%') {
            return Some(j + 1);
        }
        match self.free_word(j) {
            Some("percent" | "pct") => return Some(j + 1),
            Some("per") if self.free_word(j + 1) == Some("cent") => return Some(j + 2),
            _ => {}
        }
        if self.is_hyph(j) && self.free_word(j + 1) == Some("percent") {
            return Some(j + 2);
        }
        None
    }

    fn percent_at(&self, k: usize) -> bool {
        self.parse_number(k, self.raw.len())
            .is_some_and(|np| self.percent_marker(np.end).is_some())
    }

    /// "or more" / "or longer" at `k`.
    fn or_more_at(&self, k: usize) -> Option<usize> {
        if self.free_word(k) == Some("or")
            && matches!(self.free_word(k + 1), Some("more" | "longer"))
        {
            Some(k + 2)
        } else {
            None
        }
    }

    /// `[or more|…] [modifiers] unit [or more]` after a number ending at `j`.
    fn duration_tail(&self, j: usize, plain: bool) -> Option<Dur> {
        let mut k = j;
        let mut or_more = false;
        if self.free_word(k) == Some("or")
            && let Some(w) = self.free_word(k + 1)
            && matches!(w, "more" | "longer" | "fewer" | "less")
        {
            or_more = matches!(w, "more" | "longer");
            k += 2;
        }
        let mut consecutive = false;
        let mut biz = false;
        for _ in 0..3 {
            match self.free_word(k).and_then(modifier) {
                Some(Modifier::Consecutive) => consecutive = true,
                Some(Modifier::Business) => biz = true,
                Some(Modifier::Plain) => {}
                None => break,
            }
            k += 1;
        }
        let allow_h = plain && k == j;
        let mut unit = self.free_word(k).and_then(|w| unit_word(w, allow_h))?;
        if biz {
            unit = business(unit);
        }
        k += 1;
        if let Some(e) = self.or_more_at(k) {
            or_more = true;
            k = e;
        }
        Some(Dur {
            unit,
            consecutive,
            or_more,
            end: k,
        })
    }

    /// "-minute", "-business-day", ... glued after a number ending at `j`.
    fn hyphen_duration(&self, j: usize) -> Option<Dur> {
        let mut k = j;
        let mut consecutive = false;
        let mut biz = false;
        loop {
            if !self.is_hyph(k) {
                return None;
            }
            let w = self.word(k + 1)?;
            if let Some(m) = modifier(w) {
                match m {
                    Modifier::Consecutive => consecutive = true,
                    Modifier::Business => biz = true,
                    Modifier::Plain => {}
                }
                k += 2;
                continue;
            }
            let mut unit = unit_word(w, false)?;
            if biz {
                unit = business(unit);
            }
            return Some(Dur {
                unit,
                consecutive,
                or_more: false,
                end: k + 2,
            });
        }
    }

    /// Currency written after an amount: "USD", "dollars", "US dollars", "euros".
    fn currency_suffix(&self, j: usize) -> Option<(&'static str, usize)> {
        let w = self.free_word(j)?;
        if let Some(c) = currency_code(w) {
            return Some((c, j + 1));
        }
        match w {
            "dollars" => Some(("USD", j + 1)),
            "us" | "u.s." if self.free_word(j + 1) == Some("dollars") => Some(("USD", j + 2)),
            "euro" | "euros" => Some(("EUR", j + 1)),
            "sterling" => Some(("GBP", j + 1)),
            "pounds" if self.free_word(j + 1) == Some("sterling") => Some(("GBP", j + 2)),
            _ => None,
        }
    }

    /// An amount: a number, optionally with a glued "k", "m", "mm", "bn".
    fn parse_amount(&self, k: usize) -> Option<Np> {
        let mut np = self.parse_number(k, self.raw.len())?;
        if np.plain && self.adj(k) {
            let mult = match self.word(k + 1) {
                Some("k") => Some(1e3),
                Some("m" | "mm" | "mn") => Some(1e6),
                Some("bn" | "b") => Some(1e9),
                _ => None,
            };
            if let Some(m) = mult {
                np.v *= m;
                np.end += 1;
                np.plain = false;
            }
        }
        Some(np)
    }

    // ----- patterns ----------------------------------------------------------

    fn try_money(&mut self, i: usize) -> Option<usize> {
        let (cur, k, symbol) = match self.raw[i].kind {
            Rk::Punct(c) => (currency_symbol(c)?, i + 1, true),
            Rk::Word => {
                let w = self.raw[i].s.as_str();
                if self.adj(i) && self.punct(i + 1) == Some('$') {
                    (dollar_prefix(w)?, i + 2, true)
                } else {
                    (currency_code(w)?, i + 1, false)
                }
            }
            _ => return None,
        };
        let np = self.parse_amount(k)?;
        let mut cur = cur;
        let mut end = np.end;
        if let Some((c2, e2)) = self.currency_suffix(end)
            && (c2 == cur
                || (symbol
                    && self.punct(i) == Some('$')
                    && currency_code(&self.raw[end].s).is_some()))
        {
            cur = c2;
            end = e2;
        }
        self.emit(
            Tok::Money {
                amount: np.v,
                currency: cur,
            },
            i,
            end,
            np.conflict,
        );
        Some(end)
    }

    fn try_time(&mut self, i: usize) -> Option<usize> {
        let r = &self.raw[i];
        match r.kind {
            Rk::Word => {
                let m = match r.s.as_str() {
                    "noon" | "midday" => 720,
                    "midnight" => 0,
                    _ => return None,
                };
                self.emit(Tok::Time(m), i, i + 1, false);
                Some(i + 1)
            }
            Rk::Num => {
                let t = r.s.as_str();
                let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                if t.len() <= 2
                    && digits(t)
                    && self.punct(i + 1) == Some(':')
                    && self.adj(i)
                    && self.adj(i + 1)
                    && self.kind(i + 2) == Some(Rk::Num)
                {
                    let mm = self.raw[i + 2].s.as_str();
                    if mm.len() == 2 && digits(mm) {
                        let h: u32 = t.parse().ok()?;
                        let m: u32 = mm.parse().ok()?;
                        if m < 60 && (h < 24 || (h == 24 && m == 0)) {
                            return Some(self.finish_time(i, i + 3, h, m));
                        }
                    }
                }
                // British "9.30am"
                if let Some((hs, ms)) = t.split_once('.')
                    && hs.len() <= 2
                    && ms.len() == 2
                    && digits(hs)
                    && digits(ms)
                    && let Some(pm) = self.word(i + 1).and_then(ampm)
                {
                    let h: u32 = hs.parse().ok()?;
                    let m: u32 = ms.parse().ok()?;
                    if (1..=12).contains(&h) && m < 60 {
                        self.emit(Tok::Time(clock12(h, m, pm)), i, i + 2, false);
                        return Some(i + 2);
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// After "H:MM" (raw `i` .. `end`): seconds, am/pm, "noon", "hrs".
    fn finish_time(&mut self, i: usize, mut end: usize, h: u32, m: u32) -> usize {
        if self.punct(end) == Some(':')
            && self.adj(end - 1)
            && self.adj(end)
            && self.kind(end + 1) == Some(Rk::Num)
            && self.raw[end + 1].s.len() == 2
        {
            end += 2;
        }
        let mut mins = h * 60 + m;
        let next = self.word(end);
        if let Some(pm) = next.and_then(ampm) {
            if (1..=12).contains(&h) {
                mins = clock12(h, m, pm);
                end += 1;
            } else if h > 12 && pm {
                end += 1;
            }
        } else if h == 12 && m == 0 && matches!(next, Some("noon" | "midday")) {
            mins = 720;
            end += 1;
        } else if h == 12 && m == 0 && next == Some("midnight") {
            mins = 0;
            end += 1;
        } else if matches!(next, Some("hrs" | "hours" | "h")) {
            end += 1;
        }
        self.emit(Tok::Time(mins), i, end, false);
        end
    }

    fn try_number(&mut self, i: usize) -> Option<usize> {
        let np = self.parse_number(i, self.raw.len())?;
        let j = np.end;
        let is_num = self.raw[i].kind == Rk::Num;

        // "4.2 Service Credits": a section number at the start of a line.
        if is_num
            && np.plain
            && self.raw[i].line_start
            && self.raw[i].s.contains('.')
            && self.free_word(j).is_some()
            && self.raw[j].cap
            && self.word(j + 1).is_some()
        {
            self.emit(Tok::Number(np.v), i, j, false);
            return Some(j);
        }

        // Figures glued to letters: "4h", "9am", "24x7", "1st".
        if is_num && np.plain && self.adj(i) && self.kind(j) == Some(Rk::Word) {
            let w = self.raw[j].s.clone();
            if self.raw[i].s == "24" && w.starts_with("x7") {
                self.emit(Tok::Word(format!("24{w}")), i, j + 1, false);
                return Some(j + 1);
            }
            if let Some(pm) = ampm(&w)
                && let Some(h) = small_int(np.v)
                && (1..=12).contains(&h)
            {
                self.emit(Tok::Time(clock12(h, 0, pm)), i, j + 1, false);
                return Some(j + 1);
            }
            if let Some(unit) = unit_word(&w, true)
                && !(self.is_hyph(j + 1) && self.alnum(j + 2))
            {
                let (or_more, end) = match self.or_more_at(j + 1) {
                    Some(e) => (true, e),
                    None => (false, j + 1),
                };
                let tok = Tok::Duration {
                    value: np.v,
                    unit,
                    consecutive: false,
                    or_more,
                };
                self.emit(tok, i, end, false);
                return Some(end);
            }
            return Some(self.compound(i));
        }

        // "24/7", "24 x 7", "24×7"
        if is_num
            && np.plain
            && self.raw[i].s == "24"
            && (matches!(self.punct(j), Some('/' | '×')) || self.word(j) == Some("x"))
            && self.kind(j + 1) == Some(Rk::Num)
            && self.raw[j + 1].s == "7"
        {
            self.emit(Tok::Word("24x7".into()), i, j + 2, false);
            return Some(j + 2);
        }

        // Percentages.
        if let Some(pe) = self.percent_marker(j) {
            let mut v = np.v;
            let mut conflict = np.conflict;
            let mut end = pe;
            if self.punct(end) == Some('(')
                && let Some(inner) = self.parse_number(end + 1, self.raw.len())
                && let Some(pe2) = self.percent_marker(inner.end)
                && self.punct(pe2) == Some(')')
            {
                conflict |= inner.conflict || differ(v, inner.v);
                if self.kind(end + 1) == Some(Rk::Num) {
                    v = inner.v;
                }
                end = pe2 + 1;
            }
            self.emit(Tok::Percent(v), i, end, conflict);
            return Some(end);
        }

        // "nine a.m.", "9 pm", "12 noon"
        if let Some(h) = small_int(np.v) {
            let w = self.free_word(j);
            if let Some(pm) = w.and_then(ampm)
                && (1..=12).contains(&h)
            {
                self.emit(Tok::Time(clock12(h, 0, pm)), i, j + 1, np.conflict);
                return Some(j + 1);
            }
            if h == 12 && matches!(w, Some("noon" | "midday" | "midnight")) {
                let m = if w == Some("midnight") { 0 } else { 720 };
                self.emit(Tok::Time(m), i, j + 1, np.conflict);
                return Some(j + 1);
            }
        }

        // "25,000 USD", "one million dollars"
        if let Some((cur, end)) = self.currency_suffix(j) {
            let tok = Tok::Money {
                amount: np.v,
                currency: cur,
            };
            self.emit(tok, i, end, np.conflict);
            return Some(end);
        }

        // "48 hours", "5 or more consecutive minutes"
        if let Some(d) = self
            .duration_tail(j, np.plain)
            .or_else(|| self.hyphen_duration(j))
        {
            let tok = Tok::Duration {
                value: np.v,
                unit: d.unit,
                consecutive: d.consecutive,
                or_more: d.or_more,
            };
            self.emit(tok, i, d.end, np.conflict);
            return Some(d.end);
        }

        // A hyphenated compound that is not a number: "one-time", "10-digit".
        if self.is_hyph(j) && self.kind(j + 1) == Some(Rk::Word) && self.alnum(j - 1) {
            if is_num {
                return Some(self.compound(i));
            }
            let mut c = j - 1;
            while c >= 2 && self.is_hyph(c - 1) {
                c -= 2;
            }
            if c > i
                && let Some(np2) = self.parse_number(i, c)
            {
                self.emit(Tok::Number(np2.v), i, np2.end, np2.conflict);
                return Some(np2.end);
            }
            return Some(self.compound(i));
        }

        // "99.0 to 99.9%": the first number of a percent range.
        let connector = matches!(self.free_word(j), Some("to" | "and" | "through" | "thru"))
            || matches!(self.punct(j), Some('-' | '–' | '—'));
        if connector && self.percent_at(j + 1) {
            self.emit(Tok::Percent(np.v), i, j, np.conflict);
            return Some(j);
        }

        self.emit(Tok::Number(np.v), i, j, np.conflict);
        Some(j)
    }

    /// "an hour", "a business day", "half an hour", "half-day".
    fn try_article(&mut self, i: usize) -> Option<usize> {
        let w = self.raw[i].s.as_str();
        if w == "half" {
            if matches!(self.free_word(i + 1), Some("a" | "an"))
                && let Some(u) = self.free_word(i + 2).and_then(|w| unit_word(w, false))
            {
                self.emit(dur(0.5, u, false), i, i + 3, false);
                return Some(i + 3);
            }
            let k = if self.is_hyph(i + 1) { i + 2 } else { i + 1 };
            if (k == i + 2 || !self.adj(i))
                && let Some(u) = self.word(k).and_then(|w| unit_word(w, false))
                && !(self.is_hyph(k + 1) && self.alnum(k + 2))
            {
                self.emit(dur(0.5, u, false), i, k + 1, false);
                return Some(k + 1);
            }
            return None;
        }
        if w != "a" && w != "an" {
            return None;
        }
        if let Some(prev) = self.out.last() {
            match &prev.tok {
                Tok::Number(_) | Tok::Duration { .. } | Tok::Money { .. } | Tok::Percent(_) => {
                    return None;
                }
                Tok::Word(p) if matches!(p.as_str(), "once" | "twice" | "thrice" | "times") => {
                    return None;
                }
                _ => {}
            }
        }
        let mut k = i + 1;
        let mut consecutive = false;
        let mut biz = false;
        for _ in 0..2 {
            match self.free_word(k).and_then(modifier) {
                Some(Modifier::Consecutive) => consecutive = true,
                Some(Modifier::Business) => biz = true,
                Some(Modifier::Plain) => {}
                None => break,
            }
            k += 1;
        }
        let mut u = self.free_word(k).and_then(|w| unit_word(w, false))?;
        if biz {
            u = business(u);
        }
        self.emit(dur(1.0, u, consecutive), i, k + 1, false);
        Some(k + 1)
    }

    fn try_zone(&mut self, i: usize) -> Option<usize> {
        let r = &self.raw[i];
        if r.upper && r.kind == Rk::Word && self.free_word(i).is_some() {
            if let Some(z) = zone_abbrev(&r.s) {
                self.emit(Tok::Zone(z), i, i + 1, false);
                return Some(i + 1);
            }
            if let Some(z) = zone_abbrev2(&r.s) {
                let prev = self
                    .out
                    .iter()
                    .rev()
                    .find(|t| t.tok != Tok::Symbol('('))
                    .map(|t| &t.tok);
                let ok = match prev {
                    Some(Tok::Time(_) | Tok::Zone(_)) => true,
                    Some(Tok::Word(p)) => matches!(p.as_str(), "time" | "hours"),
                    _ => false,
                };
                if ok {
                    self.emit(Tok::Zone(z), i, i + 1, false);
                    return Some(i + 1);
                }
            }
        }
        // Every phrase opens with a plain word: most words open none of them.
        let first = self.free_word(i)?;
        let mut best: Option<(usize, &'static str)> = None;
        for (phrase, zone) in ZONE_PHRASES {
            if phrase[0] != first {
                continue;
            }
            let mut k = i;
            let mut ok = true;
            for part in phrase.iter() {
                if let Some(inner) = part.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
                    if self.punct(k) == Some('(')
                        && self.word(k + 1) == Some(inner)
                        && self.punct(k + 2) == Some(')')
                    {
                        k += 3;
                        continue;
                    }
                    ok = false;
                    break;
                }
                if self.free_word(k) == Some(part) && (k == i || !self.adj(k - 1)) {
                    k += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok && best.is_none_or(|(e, _)| k > e) {
                best = Some((k, zone));
            }
        }
        let (end, zone) = best?;
        self.emit(Tok::Zone(zone), i, end, false);
        Some(end)
    }

    /// A word, with glued pieces and hyphenated parts joined ("third-party").
    fn compound(&mut self, i: usize) -> usize {
        let mut s = self.raw[i].s.clone();
        let mut j = i + 1;
        loop {
            if self.adj(j - 1) && self.alnum(j) && self.alnum(j - 1) {
                s.push_str(&self.raw[j].s);
                j += 1;
                continue;
            }
            if self.is_hyph(j)
                && self.alnum(j + 1)
                && self.alnum(j - 1)
                && !(weekday(&self.raw[j - 1].s).is_some() && weekday(&self.raw[j + 1].s).is_some())
            {
                s.push('-');
                s.push_str(&self.raw[j + 1].s);
                j += 2;
                continue;
            }
            break;
        }
        self.emit(Tok::Word(s), i, j, false);
        j
    }

    fn punct_tok(&mut self, i: usize, c: char) -> usize {
        let sym = match c {
            '<' | '>' if self.adj(i) && self.punct(i + 1) == Some('=') => {
                let s = if c == '<' { '≤' } else { '≥' };
                self.emit(Tok::Symbol(s), i, i + 2, false);
                return i + 2;
            }
            '<' | '>' | '≤' | '≥' | '=' | '|' | '/' | ':' | ';' | ',' | '(' | ')' => Some(c),
            '–' | '—' | '‒' | '―' | '−' => Some('–'),
            '-' => {
                let spaced_before = i == 0 || !self.adj(i - 1);
                let spaced_after = i + 1 >= self.raw.len() || !self.adj(i);
                let prev_numeric = i > 0
                    && self.out.last().is_some_and(|t| {
                        t.end == self.raw[i - 1].end
                            && matches!(
                                t.tok,
                                Tok::Number(_)
                                    | Tok::Percent(_)
                                    | Tok::Time(_)
                                    | Tok::Money { .. }
                                    | Tok::Duration { .. }
                            )
                    });
                let next_numeric = match self.raw.get(i + 1).map(|r| r.kind) {
                    Some(Rk::Num) => true,
                    Some(Rk::Punct(p)) => currency_symbol(p).is_some(),
                    Some(Rk::Word) => {
                        let w = self.raw[i + 1].s.as_str();
                        matches!(w, "noon" | "midnight") || small(w).is_some() || tens(w).is_some()
                    }
                    _ => false,
                };
                let days = i > 0
                    && weekday(&self.raw[i - 1].s).is_some()
                    && self.raw[i - 1].kind == Rk::Word
                    && self.word(i + 1).and_then(weekday).is_some();
                if (spaced_before && spaced_after) || (prev_numeric && next_numeric) || days {
                    Some('–')
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(s) = sym {
            self.emit(Tok::Symbol(s), i, i + 1, false);
        }
        i + 1
    }

    fn step(&mut self, i: usize) -> usize {
        match self.raw[i].kind {
            Rk::Zone(z) => {
                self.emit(Tok::Zone(z), i, i + 1, false);
                i + 1
            }
            Rk::Punct(c) => match self.try_money(i) {
                Some(e) => e,
                None => self.punct_tok(i, c),
            },
            Rk::Num => self
                .try_time(i)
                .or_else(|| self.try_number(i))
                .unwrap_or_else(|| self.compound(i)),
            Rk::Word => self
                .try_money(i)
                .or_else(|| self.try_time(i))
                .or_else(|| self.try_number(i))
                .or_else(|| self.try_article(i))
                .or_else(|| self.try_zone(i))
                .unwrap_or_else(|| self.compound(i)),
        }
    }
}

fn dur(value: f64, unit: Unit, consecutive: bool) -> Tok {
    Tok::Duration {
        value,
        unit,
        consecutive,
        or_more: false,
    }
}

// ---------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------

/// Abbreviations after which a '.' never ends a sentence (compared exactly).
const HARD_ABBREV: &[&str] = &[
    "Inc", "Ltd", "Co", "No", "Nos", "Sec", "Secs", "Corp", "Art", "Para", "para", "Fig", "fig",
    "vs", "v", "approx", "Approx", "Mr", "Mrs", "Ms", "Dr", "St", "cf", "viz", "al", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "INC", "LTD", "CORP",
    "Pty", "Cl", "cl", "Ch", "ch", "pp", "Pp",
];

/// Words that may follow "a.m."/"p.m." inside the same sentence.
const ZONEISH: &[&str] = &[
    "Pacific",
    "Eastern",
    "Central",
    "Mountain",
    "Greenwich",
    "British",
    "Coordinated",
    "Universal",
    "India",
    "Indian",
    "Singapore",
    "Japan",
    "Australian",
    "Irish",
    "Western",
    "Local",
    "Customer's",
];

fn is_roman(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 5
        && (w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
            || w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// Splits a paragraph into sentences, returned as trimmed, non-empty byte
/// ranges in order.
///
/// A sentence ends at '.', '!' or '?' (with any closing quotes) followed by
/// whitespace and then an uppercase letter, a digit, a quote or '(' — or at
/// the end of the text, or at a blank line. It does not end inside
/// parentheses, inside numbers ("99.9"), after an enumerator opening the
/// sentence ("1.", "a.", "iv."), or after abbreviations ("e.g.", "i.e.",
/// "Inc.", "Ltd.", "L.L.C.", "U.S.", "Co.", "No.", "Sec.", "vs.", "approx.",
/// single initials "J."). After "a.m.", "p.m." and "etc." it ends only when
/// a capitalised word follows that is not a time-zone word, a weekday or a
/// short all-caps word. Semicolons never end a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let n = cs.len();
    let at = |q: usize| cs.get(q).map_or(text.len(), |p| p.0);
    // Depth of matched parentheses at every char.
    let mut delta = vec![0i32; n + 1];
    let mut stack = Vec::new();
    for (k, &(_, c)) in cs.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(o) = stack.pop() {
                    delta[o + 1] += 1;
                    delta[k] -= 1;
                }
            }
            _ => {}
        }
    }
    let mut depth = Vec::with_capacity(n);
    let mut d = 0;
    for dl in delta.iter().take(n) {
        d += dl;
        depth.push(d);
    }

    let mut cuts: Vec<usize> = Vec::new();
    let mut seg_start = 0usize; // char index
    let mut m = 0;
    while m < n {
        let c = cs[m].1;
        if c == '\n' {
            let mut f = m + 1;
            let mut blank = false;
            while f < n && cs[f].1.is_whitespace() {
                if cs[f].1 == '\n' {
                    blank = true;
                }
                f += 1;
            }
            if blank {
                cuts.push(at(m));
                seg_start = f;
                m = f;
                continue;
            }
        }
        let term = matches!(c, '.' | '!' | '?');
        let close = c == ')' && m > 0 && matches!(cs[m - 1].1, '.' | '!' | '?');
        if depth[m] > 0 || !(term || close) {
            m += 1;
            continue;
        }
        let mut e = m + 1;
        while e < n && matches!(cs[e].1, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')') {
            e += 1;
        }
        let mut f = e;
        while f < n && cs[f].1.is_whitespace() {
            f += 1;
        }
        if f == e || f == n {
            m = e;
            continue;
        }
        if cs[e..f].iter().filter(|p| p.1 == '\n').count() >= 2 {
            // A blank line follows; the blank-line rule cuts there.
            m = e;
            continue;
        }
        let next = cs[f].1;
        let trigger = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '“' | '‘' | '\'' | '(');
        if trigger && (c != '.' || period_ends(text, &cs, seg_start, m, f)) {
            cuts.push(at(e));
            seg_start = f;
        }
        m = e;
    }
    cuts.push(text.len());
    let mut out = Vec::new();
    let mut s = 0;
    for c in cuts {
        if c < s {
            continue;
        }
        let piece = text.get(s..c).unwrap_or("");
        let a = s + (piece.len() - piece.trim_start().len());
        let b = c - (piece.len() - piece.trim_end().len());
        if a < b {
            out.push(a..b);
        }
        s = c;
    }
    out
}

/// Whether the '.' at char `m` ends a sentence, given that the next
/// sentence would start at char `f` and the current one started at `seg`.
fn period_ends(text: &str, cs: &[(usize, char)], seg: usize, m: usize, f: usize) -> bool {
    let at = |q: usize| cs.get(q).map_or(text.len(), |p| p.0);
    let mut w0 = m;
    while w0 > 0 && (cs[w0 - 1].1.is_alphanumeric() || cs[w0 - 1].1 == '.') {
        w0 -= 1;
    }
    let word = text
        .get(at(w0)..at(m))
        .unwrap_or("")
        .trim_start_matches('.');
    if word.is_empty() {
        return true;
    }
    // Enumerator opening the sentence: "1.", "4.2.", "a.", "iv."
    let opening = text.get(at(seg)..at(w0)).unwrap_or("").trim().is_empty()
        || text
            .get(at(seg)..at(w0))
            .unwrap_or("")
            .trim()
            .chars()
            .all(|c| c == '(' || c == '[');
    if opening
        && (word.chars().all(|c| c.is_ascii_digit() || c == '.')
            || word.chars().count() == 1
            || is_roman(word))
    {
        return false;
    }
    let lower = word.to_lowercase();
    if matches!(lower.as_str(), "a.m" | "p.m" | "etc") {
        let next: String = cs[f..]
            .iter()
            .map(|p| p.1)
            .take_while(|c| c.is_alphanumeric() || is_apos(*c))
            .collect();
        let first_upper = next.chars().next().is_some_and(char::is_uppercase);
        let all_caps_short = next.chars().count() <= 4 && next.chars().all(|c| !c.is_lowercase());
        return first_upper
            && !all_caps_short
            && !ZONEISH.contains(&next.as_str())
            && weekday(&next).is_none();
    }
    if matches!(
        lower.as_str(),
        "e.g" | "i.e" | "inc" | "ltd" | "corp" | "approx" | "vs" | "viz"
    ) {
        return false;
    }
    if HARD_ABBREV.contains(&word) {
        return false;
    }
    // Dotted initials ("U.S", "L.L.C") and single capital initials ("J").
    let mut chars = word.chars();
    let single_cap = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    if single_cap {
        return false;
    }
    let parts: Vec<&str> = word.split('.').collect();
    if parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).into_iter().map(|t| t.tok).collect()
    }

    fn w(s: &str) -> Tok {
        Tok::Word(s.to_string())
    }

    fn num(v: f64) -> Tok {
        Tok::Number(v)
    }

    fn pct(v: f64) -> Tok {
        Tok::Percent(v)
    }

    fn sym(c: char) -> Tok {
        Tok::Symbol(c)
    }

    fn d(value: f64, unit: Unit) -> Tok {
        Tok::Duration {
            value,
            unit,
            consecutive: false,
            or_more: false,
        }
    }

    fn dd(value: f64, unit: Unit, consecutive: bool, or_more: bool) -> Tok {
        Tok::Duration {
            value,
            unit,
            consecutive,
            or_more,
        }
    }

    fn money(amount: f64, currency: &'static str) -> Tok {
        Tok::Money { amount, currency }
    }

    #[track_caller]
    fn check(input: &str, want: &[Tok]) {
        assert_eq!(toks(input), want, "input: {input:?}");
    }

    /// The input is read as exactly one token covering all of it.
    #[track_caller]
    fn one(input: &str, want: Tok) {
        let t = lex(input);
        assert_eq!(t.len(), 1, "input: {input:?} → {t:?}");
        assert_eq!(t[0].tok, want, "input: {input:?}");
        assert_eq!(
            (t[0].start, t[0].end),
            (0, input.len()),
            "span of {input:?}"
        );
        assert!(!t[0].conflict, "input: {input:?}");
    }

    // ----- numbers ------------------------------------------------------------

    #[test]
    fn numbers_in_figures() {
        one("99.5", num(99.5));
        one("10,000", num(10_000.0));
        one("1,440", num(1440.0));
        one("0.5", num(0.5));
        one("1,000,000", num(1e6));
        check("1,2", &[num(1.0), sym(','), num(2.0)]);
        check("2019,2020", &[num(2019.0), sym(','), num(2020.0)]);
    }

    #[test]
    fn numbers_with_repeat() {
        one("thirty (30)", num(30.0));
        one("one hundred and twenty (120)", num(120.0));
        one("two and a half (2.5)", num(2.5));
        one("Twenty-Four (24)", num(24.0));
        one("30 (thirty)", num(30.0));
        one("one million (1,000,000)", num(1e6));
    }

    #[test]
    fn conflicting_repeat_is_flagged() {
        let t = lex("thirty (31)");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].tok, num(31.0));
        assert!(t[0].conflict);
        let t = lex("thirty (31) days");
        assert_eq!(t[0].tok, d(31.0, Unit::Days));
        assert!(t[0].conflict);
        let t = lex("ten percent (11%)");
        assert_eq!(t[0].tok, pct(11.0));
        assert!(t[0].conflict);
        assert!(!lex("thirty (30)")[0].conflict);
    }

    #[test]
    fn numbers_in_words() {
        one("zero", num(0.0));
        one("nineteen", num(19.0));
        one("forty-three", num(43.0));
        one("forty three", num(43.0));
        one("one hundred and twenty", num(120.0));
        one("one hundred twenty", num(120.0));
        one("a hundred", num(100.0));
        one("a thousand", num(1000.0));
        one("fifteen hundred", num(1500.0));
        one("two million five hundred thousand", num(2_500_000.0));
        one("ninety-nine point nine", num(99.9));
        one("ninety-nine point nine five", num(99.95));
        one("one and a half", num(1.5));
        one("a half", num(0.5));
        one("One", num(1.0));
        one("THIRTY", num(30.0));
        check("three quarters of", &[num(0.75), w("of")]);
        check("a quarter of", &[num(0.25), w("of")]);
        check("a", &[w("a")]);
        check("a cat", &[w("a"), w("cat")]);
        check("one two", &[num(1.0), num(2.0)]);
        check("twenty twenty", &[num(20.0), num(20.0)]);
        check("one of the", &[num(1.0), w("of"), w("the")]);
        check(
            "sections one and two",
            &[w("sections"), num(1.0), w("and"), num(2.0)],
        );
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        check(
            "third-party one-time two-factor",
            &[w("third-party"), w("one-time"), w("two-factor")],
        );
        check("COVID-19 1st 10GB", &[w("covid-19"), w("1st"), w("10gb")]);
        check("one hundred twenty-first", &[num(100.0), w("twenty-first")]);
    }

    // ----- percentages --------------------------------------------------------

    #[test]
    fn percentages() {
        one("99.5%", pct(99.5));
        one("99.5 %", pct(99.5));
        one("99.5 percent", pct(99.5));
        one("99.5 per cent", pct(99.5));
        one("99.9 percent", pct(99.9));
        one("ninety-nine point nine percent", pct(99.9));
        one("ten percent (10%)", pct(10.0));
        one("ten (10) percent", pct(10.0));
        one("99.9% (ninety-nine point nine percent)", pct(99.9));
    }

    #[test]
    fn percent_ranges() {
        check("99.0% – 99.99%", &[pct(99.0), sym('–'), pct(99.99)]);
        check("99.0%-99.99%", &[pct(99.0), sym('–'), pct(99.99)]);
        check("99.0 to 99.9%", &[pct(99.0), w("to"), pct(99.9)]);
        check("99.0 - 99.9%", &[pct(99.0), sym('–'), pct(99.9)]);
        check(
            "between 95 and 99.9 percent",
            &[w("between"), pct(95.0), w("and"), pct(99.9)],
        );
        check(
            "99 to 100 days",
            &[num(99.0), w("to"), d(100.0, Unit::Days)],
        );
    }

    // ----- durations ----------------------------------------------------------

    #[test]
    fn durations() {
        one("thirty (30) days", d(30.0, Unit::Days));
        one("48 hours", d(48.0, Unit::Hours));
        one("8 business hours", d(8.0, Unit::BusinessHours));
        one("8 working hours", d(8.0, Unit::BusinessHours));
        one(
            "5 or more consecutive minutes",
            dd(5.0, Unit::Minutes, true, true),
        );
        one(
            "five (5) consecutive minutes",
            dd(5.0, Unit::Minutes, true, false),
        );
        one("ten business days", d(10.0, Unit::BusinessDays));
        one("1 hour", d(1.0, Unit::Hours));
        one("one (1) hour", d(1.0, Unit::Hours));
        one("30-minute", d(30.0, Unit::Minutes));
        one("24-hour", d(24.0, Unit::Hours));
        one("twenty-four-hour", d(24.0, Unit::Hours));
        one("5-business-day", d(5.0, Unit::BusinessDays));
        one("2 calendar days", d(2.0, Unit::Days));
        one("twenty-four (24) hours", d(24.0, Unit::Hours));
        one("thirty (30) calendar days", d(30.0, Unit::Days));
        one("4h", d(4.0, Unit::Hours));
        one("4 h", d(4.0, Unit::Hours));
        one("4hrs", d(4.0, Unit::Hours));
        one("15 mins", d(15.0, Unit::Minutes));
        one("3 years", d(3.0, Unit::Years));
        one("2 quarters", d(2.0, Unit::Quarters));
        one("6 months", d(6.0, Unit::Months));
        one("2 weeks", d(2.0, Unit::Weeks));
        one("1.5 hours", d(1.5, Unit::Hours));
        one("one and a half hours", d(1.5, Unit::Hours));
        one(
            "5 or longer continuous minutes",
            dd(5.0, Unit::Minutes, true, true),
        );
        one("5 or fewer minutes", d(5.0, Unit::Minutes));
        one("30 days or more", dd(30.0, Unit::Days, false, true));
        one("three quarters", d(3.0, Unit::Quarters));
        check("four h", &[num(4.0), w("h")]);
        check(
            "a 30-minute period",
            &[w("a"), d(30.0, Unit::Minutes), w("period")],
        );
        check("within the hour", &[w("within"), w("the"), w("hour")]);
        check("5 or more", &[num(5.0), w("or"), w("more")]);
        check("5-10 days", &[num(5.0), sym('–'), d(10.0, Unit::Days)]);
        check("30 business-critical", &[num(30.0), w("business-critical")]);
    }

    #[test]
    fn article_durations() {
        one("an hour", d(1.0, Unit::Hours));
        one("a day", d(1.0, Unit::Days));
        one("a month", d(1.0, Unit::Months));
        one("a business day", d(1.0, Unit::BusinessDays));
        one("a quarter", d(1.0, Unit::Quarters));
        one("half an hour", d(0.5, Unit::Hours));
        one("half-hour", d(0.5, Unit::Hours));
        one("a half-day", d(0.5, Unit::Days));
        check(
            "24 hours a day, 7 days a week",
            &[
                d(24.0, Unit::Hours),
                w("a"),
                w("day"),
                sym(','),
                d(7.0, Unit::Days),
                w("a"),
                w("week"),
            ],
        );
        check("once a month", &[w("once"), w("a"), w("month")]);
        check(
            "a quarter of an hour",
            &[num(0.25), w("of"), d(1.0, Unit::Hours)],
        );
    }

    // ----- times --------------------------------------------------------------

    #[test]
    fn times_of_day() {
        one("9:00 a.m.", Tok::Time(540));
        one("9:00 AM", Tok::Time(540));
        one("9:00am", Tok::Time(540));
        one("9am", Tok::Time(540));
        one("9 am", Tok::Time(540));
        one("9 a.m.", Tok::Time(540));
        one("9 A.M.", Tok::Time(540));
        one("5:00 p.m.", Tok::Time(1020));
        one("5:30 p.m.", Tok::Time(1050));
        one("17:00", Tok::Time(1020));
        one("08:30", Tok::Time(510));
        one("noon", Tok::Time(720));
        one("midnight", Tok::Time(0));
        one("12 noon", Tok::Time(720));
        one("12:00 p.m.", Tok::Time(720));
        one("12:00 a.m.", Tok::Time(0));
        one("12am", Tok::Time(0));
        one("nine a.m.", Tok::Time(540));
        one("9.30am", Tok::Time(570));
        one("17:00 hrs", Tok::Time(1020));
        one("24:00", Tok::Time(1440));
        check("9", &[num(9.0)]);
        check("25:00", &[num(25.0), sym(':'), num(0.0)]);
        check(
            "9:00 a.m. to 5:00 p.m.",
            &[Tok::Time(540), w("to"), Tok::Time(1020)],
        );
        check("9am-5pm", &[Tok::Time(540), sym('–'), Tok::Time(1020)]);
        check("8:00–18:00", &[Tok::Time(480), sym('–'), Tok::Time(1080)]);
    }

    // ----- zones --------------------------------------------------------------

    #[test]
    fn zones() {
        let la = Tok::Zone("America/Los_Angeles");
        for s in [
            "Pacific Time",
            "Pacific Standard Time",
            "pacific time",
            "PST",
            "PDT",
            "America/Los_Angeles",
        ] {
            one(s, la.clone());
        }
        for (s, z) in [
            ("Eastern Time", "America/New_York"),
            ("EST", "America/New_York"),
            ("EDT", "America/New_York"),
            ("Central Time", "America/Chicago"),
            ("CST", "America/Chicago"),
            ("CDT", "America/Chicago"),
            ("Mountain Time", "America/Denver"),
            ("Central European Time", "Europe/Berlin"),
            ("CET", "Europe/Berlin"),
            ("CEST", "Europe/Berlin"),
            ("Central European Summer Time", "Europe/Berlin"),
            ("Central European (Summer) Time", "Europe/Berlin"),
            ("Greenwich Mean Time", "Europe/London"),
            ("GMT", "Europe/London"),
            ("UK time", "Europe/London"),
            ("British Summer Time", "Europe/London"),
            ("BST", "Europe/London"),
            ("UTC", "UTC"),
            ("Coordinated Universal Time", "UTC"),
            ("Eastern European Time", "Europe/Helsinki"),
            ("EET", "Europe/Helsinki"),
            ("Western European Time", "Europe/Lisbon"),
            ("WET", "Europe/Lisbon"),
            ("India Standard Time", "Asia/Kolkata"),
            ("IST", "Asia/Kolkata"),
            ("Singapore Time", "Asia/Singapore"),
            ("SGT", "Asia/Singapore"),
            ("Japan Standard Time", "Asia/Tokyo"),
            ("JST", "Asia/Tokyo"),
            ("Australian Eastern Time", "Australia/Sydney"),
            ("AEST", "Australia/Sydney"),
            ("AET", "Australia/Sydney"),
            ("Irish time", "Europe/Dublin"),
            ("Europe/London", "Europe/London"),
        ] {
            one(s, Tok::Zone(z));
        }
        check(
            "9:00 a.m. to 5:00 p.m. Pacific Time",
            &[Tok::Time(540), w("to"), Tok::Time(1020), la.clone()],
        );
        check(
            "9am-5pm PT",
            &[Tok::Time(540), sym('–'), Tok::Time(1020), la.clone()],
        );
        check(
            "Business Hours (ET)",
            &[
                w("business"),
                w("hours"),
                sym('('),
                Tok::Zone("America/New_York"),
                sym(')'),
            ],
        );
        check(
            "Eastern Time (ET)",
            &[
                Tok::Zone("America/New_York"),
                sym('('),
                Tok::Zone("America/New_York"),
                sym(')'),
            ],
        );
        // Words that are not zones on their own.
        check("Pacific", &[w("pacific")]);
        check("Smith et al.", &[w("smith"), w("et"), w("al")]);
        check("PT", &[w("pt")]);
        check("pst utc", &[w("pst"), w("utc")]);
        check("the Eastern region", &[w("the"), w("eastern"), w("region")]);
    }

    // ----- money --------------------------------------------------------------

    #[test]
    fn money_amounts() {
        one("$1,000,000", money(1e6, "USD"));
        one("USD 25,000", money(25_000.0, "USD"));
        one("25,000 USD", money(25_000.0, "USD"));
        one("EUR 10,000", money(10_000.0, "EUR"));
        one("€10,000", money(10_000.0, "EUR"));
        one("£5,000", money(5_000.0, "GBP"));
        one("US$ 100", money(100.0, "USD"));
        one("US$100", money(100.0, "USD"));
        one("1.5 million USD", money(1.5e6, "USD"));
        one("USD 1.5 million", money(1.5e6, "USD"));
        one("$1.5 million", money(1.5e6, "USD"));
        one("$500K", money(500_000.0, "USD"));
        one("one million US dollars", money(1e6, "USD"));
        check("$5-$10", &[money(5.0, "USD"), sym('–'), money(10.0, "USD")]);
        check("$ alone", &[w("alone")]);
    }

    // ----- symbols and words --------------------------------------------------

    #[test]
    fn symbols() {
        check(
            "< <= ≤ > >= ≥ = | / : ; , ( )",
            &[
                sym('<'),
                sym('≤'),
                sym('≤'),
                sym('>'),
                sym('≥'),
                sym('≥'),
                sym('='),
                sym('|'),
                sym('/'),
                sym(':'),
                sym(';'),
                sym(','),
                sym('('),
                sym(')'),
            ],
        );
        check("a – b", &[w("a"), sym('–'), w("b")]);
        check("a — b", &[w("a"), sym('–'), w("b")]);
        check("a - b", &[w("a"), sym('–'), w("b")]);
        check("a -- b", &[w("a"), sym('–'), w("b")]);
        check("5–10", &[num(5.0), sym('–'), num(10.0)]);
        check("Monday-Friday", &[w("monday"), sym('–'), w("friday")]);
        check("Mon–Fri", &[w("mon"), sym('–'), w("fri")]);
        check("and/or", &[w("and"), sym('/'), w("or")]);
        check(
            "Hello! \"quoted\" & [x] @ #",
            &[w("hello"), w("quoted"), w("x")],
        );
    }

    #[test]
    fn twenty_four_seven() {
        for s in ["24/7", "24x7", "24 x 7", "24×7", "24X7", "24 / 7"] {
            one(s, w("24x7"));
        }
    }

    #[test]
    fn words() {
        check(
            "e.g. i.e. P1 Sev1 S1",
            &[w("e.g."), w("i.e."), w("p1"), w("sev1"), w("s1")],
        );
        check("Priority 1", &[w("priority"), num(1.0)]);
        check("Customer’s data", &[w("customer's"), w("data")]);
        check("‘Service Credit’", &[w("service"), w("credit")]);
        check("U.S. law", &[w("u.s."), w("law")]);
        check("Section 4.2.1", &[w("section"), w("4.2.1")]);
    }

    #[test]
    fn section_numbers() {
        check(
            "4.2 Service Credits",
            &[num(4.2), w("service"), w("credits")],
        );
        check(
            "4.2 Hours of Support",
            &[num(4.2), w("hours"), w("of"), w("support")],
        );
        check(
            "1. Hours of Operation",
            &[num(1.0), w("hours"), w("of"), w("operation")],
        );
        check(
            "Intro\n3.1 Days Off",
            &[w("intro"), num(3.1), w("days"), w("off")],
        );
        one("1.5 Hours", d(1.5, Unit::Hours));
    }

    #[test]
    fn spans_cover_phrases() {
        let s = "Credit of ten percent (10%) after thirty (30) days, from 9:00 a.m. PT.";
        let t = lex(s);
        let texts: Vec<&str> = t.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            texts,
            [
                "Credit",
                "of",
                "ten percent (10%)",
                "after",
                "thirty (30) days",
                ",",
                "from",
                "9:00 a.m.",
                "PT"
            ]
        );
    }

    #[test]
    fn contract_sentence() {
        check(
            "If Availability falls below 99.9% in any calendar month, Customer receives a \
             Service Credit of 10% of the monthly fees (up to USD 25,000).",
            &[
                w("if"),
                w("availability"),
                w("falls"),
                w("below"),
                pct(99.9),
                w("in"),
                w("any"),
                w("calendar"),
                w("month"),
                sym(','),
                w("customer"),
                w("receives"),
                w("a"),
                w("service"),
                w("credit"),
                w("of"),
                pct(10.0),
                w("of"),
                w("the"),
                w("monthly"),
                w("fees"),
                sym('('),
                w("up"),
                w("to"),
                money(25_000.0, "USD"),
                sym(')'),
            ],
        );
        check(
            "P1: response within one (1) hour, 24x7; P3: 2 business days.",
            &[
                w("p1"),
                sym(':'),
                w("response"),
                w("within"),
                d(1.0, Unit::Hours),
                sym(','),
                w("24x7"),
                sym(';'),
                w("p3"),
                sym(':'),
                d(2.0, Unit::BusinessDays),
            ],
        );
    }

    #[test]
    fn weekday_names() {
        assert_eq!(weekday("Monday"), Some(0));
        assert_eq!(weekday("tues"), Some(1));
        assert_eq!(weekday("Wed."), Some(2));
        assert_eq!(weekday("THURS"), Some(3));
        assert_eq!(weekday("fri"), Some(4));
        assert_eq!(weekday("sat"), Some(5));
        assert_eq!(weekday("sunday"), Some(6));
        assert_eq!(weekday("weekday"), None);
    }

    #[test]
    fn minutes_of_units() {
        assert_eq!(minutes(2.0, Unit::Hours), Some(120.0));
        assert_eq!(minutes(1.0, Unit::Days), Some(1440.0));
        assert_eq!(minutes(1.0, Unit::Weeks), Some(10080.0));
        assert_eq!(minutes(5.0, Unit::Minutes), Some(5.0));
        assert_eq!(minutes(1.0, Unit::BusinessDays), None);
        assert_eq!(minutes(1.0, Unit::BusinessHours), None);
        assert_eq!(minutes(1.0, Unit::Months), None);
        assert_eq!(minutes(1.0, Unit::Quarters), None);
        assert_eq!(minutes(1.0, Unit::Years), None);
    }

    // ----- sentences ------------------------------------------------------------

    fn sents(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn sentence_splitting() {
        assert_eq!(
            sents(
                "Support runs from 9:00 a.m. Pacific Time to 5 p.m. The Customer may call. \
                 Credits, e.g. for outages, apply. See Acme, Inc. for details."
            ),
            [
                "Support runs from 9:00 a.m. Pacific Time to 5 p.m.",
                "The Customer may call.",
                "Credits, e.g. for outages, apply.",
                "See Acme, Inc. for details."
            ]
        );
        assert_eq!(
            sents("Uptime is 99.9. Next one! Really? Yes."),
            ["Uptime is 99.9.", "Next one!", "Really?", "Yes."]
        );
        assert_eq!(
            sents("Items (see Sec. 4. Above) are excluded. Then more."),
            ["Items (see Sec. 4. Above) are excluded.", "Then more."]
        );
        assert_eq!(
            sents(
                "1. Scope. This covers J. Smith, the U.S. Government; and Foo L.L.C. Bar Co. Baz."
            ),
            [
                "1. Scope.",
                "This covers J. Smith, the U.S. Government; and Foo L.L.C. Bar Co. Baz."
            ]
        );
        assert_eq!(
            sents("He said \"Stop.\" Then left. (See below.) Next"),
            ["He said \"Stop.\"", "Then left.", "(See below.)", "Next"]
        );
        assert_eq!(
            sents("Tools, etc. are fine. No. 5 applies, approx. 3 vs. 4."),
            ["Tools, etc. are fine.", "No. 5 applies, approx. 3 vs. 4."]
        );
        assert_eq!(sents("Ends at 9 a.m."), ["Ends at 9 a.m."]);
        assert_eq!(sents("  One.\n\nTwo  "), ["One.", "Two"]);
        assert_eq!(sents("a; b; c. D"), ["a; b; c.", "D"]);
        assert!(sentences("   ").is_empty());
        assert!(sentences("").is_empty());
    }

    // ----- property tests ---------------------------------------------------------

    use crate::wording::{ONES as SMALL_W, TENS as TENS_W};

    fn below100(n: u64) -> String {
        if n < 20 {
            SMALL_W[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS_W[(n / 10) as usize].to_string()
        } else {
            format!(
                "{}-{}",
                TENS_W[(n / 10) as usize],
                SMALL_W[(n % 10) as usize]
            )
        }
    }

    fn below1000(n: u64, british: bool) -> String {
        let (h, r) = (n / 100, n % 100);
        match (h, r) {
            (0, r) => below100(r),
            (h, 0) => format!("{} hundred", SMALL_W[h as usize]),
            (h, r) if british => format!("{} hundred and {}", SMALL_W[h as usize], below100(r)),
            (h, r) => format!("{} hundred {}", SMALL_W[h as usize], below100(r)),
        }
    }

    /// Number to words, the British way ("and") or the American way, up to 999 999.
    fn to_words(n: u64, british: bool) -> String {
        if n == 0 {
            return "zero".into();
        }
        let (th, rest) = (n / 1000, n % 1000);
        let mut parts = Vec::new();
        if th > 0 {
            parts.push(format!("{} thousand", below1000(th, british)));
        }
        if rest > 0 {
            if th > 0 && rest < 100 && british {
                parts.push("and".into());
            }
            parts.push(below1000(rest, british));
        }
        parts.join(" ")
    }

    fn grouped(n: u64) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (k, c) in s.chars().enumerate() {
            if k > 0 && (s.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    fn number_forms(n: u64) -> Vec<String> {
        vec![
            to_words(n, true),
            to_words(n, false),
            n.to_string(),
            grouped(n),
            format!("{} ({})", to_words(n, true), n),
            format!("{} ({})", to_words(n, false), grouped(n)),
        ]
    }

    #[test]
    fn number_words_helper_is_sane() {
        assert_eq!(to_words(120, true), "one hundred and twenty");
        assert_eq!(to_words(120, false), "one hundred twenty");
        assert_eq!(to_words(1005, true), "one thousand and five");
        assert_eq!(to_words(100_000, true), "one hundred thousand");
        assert_eq!(to_words(43_021, false), "forty-three thousand twenty-one");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    /// Every integer 0..=100 000 in every form (about 4 s in debug).
    #[test]
    fn all_integers_exhaustively() {
        for n in 0..=100_000u64 {
            for s in number_forms(n) {
                one(&s, num(n as f64));
            }
        }
    }

    fn digits_words(s: &str) -> String {
        s.chars()
            .map(|c| SMALL_W[c.to_digit(10).unwrap_or(0) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_minute_of_the_day() {
        for m in 0..1440u32 {
            let (h24, mm) = (m / 60, m % 60);
            let h12 = if h24 % 12 == 0 { 12 } else { h24 % 12 };
            let ap = if h24 < 12 { "a.m." } else { "p.m." };
            one(&format!("{h12}:{mm:02} {ap}"), Tok::Time(m));
            one(&format!("{h24:02}:{mm:02}"), Tok::Time(m));
            one(&format!("{h24}:{mm:02}"), Tok::Time(m));
            if mm == 0 {
                let ap = if h24 < 12 { "am" } else { "pm" };
                one(&format!("{h12}{ap}"), Tok::Time(m));
                one(&format!("{h12} {ap}"), Tok::Time(m));
            }
        }
    }

    fn unit_names(u: Unit) -> (&'static str, &'static str) {
        match u {
            Unit::Minutes => ("minute", "minutes"),
            Unit::Hours => ("hour", "hours"),
            Unit::Days => ("day", "days"),
            Unit::Weeks => ("week", "weeks"),
            Unit::Months => ("month", "months"),
            Unit::Quarters => ("quarter", "quarters"),
            Unit::Years => ("year", "years"),
            Unit::BusinessHours => ("business hour", "business hours"),
            Unit::BusinessDays => ("business day", "business days"),
        }
    }

    const UNITS: [Unit; 9] = [
        Unit::Minutes,
        Unit::Hours,
        Unit::BusinessHours,
        Unit::Days,
        Unit::BusinessDays,
        Unit::Weeks,
        Unit::Months,
        Unit::Quarters,
        Unit::Years,
    ];

    fn duration_forms(n: u64, unit: Unit) -> Vec<(String, bool, bool)> {
        let (sing, plur) = unit_names(unit);
        let hyph = sing.replace(' ', "-");
        let mut forms = vec![
            (format!("{n} {plur}"), false, false),
            (format!("{} ({n}) {plur}", to_words(n, true)), false, false),
            (format!("{n}-{hyph}"), false, false),
            (format!("{n} or more consecutive {plur}"), true, true),
            (
                format!("{} or more {plur}", to_words(n, false)),
                false,
                true,
            ),
        ];
        if n == 1 {
            forms.push((format!("1 {sing}"), false, false));
            forms.push((format!("one {sing}"), false, false));
        }
        forms
    }

    #[test]
    fn all_durations_exhaustively() {
        for n in 1..=1000u64 {
            for unit in UNITS {
                for (s, consecutive, or_more) in duration_forms(n, unit) {
                    one(&s, dd(n as f64, unit, consecutive, or_more));
                }
            }
        }
    }

    /// Checks that a string is read as tokens with sane spans.
    fn spans_ok(s: &str) -> Result<(), TestCaseError> {
        let mut prev = 0;
        for t in lex(s) {
            prop_assert!(t.start < t.end, "empty span {t:?} in {s:?}");
            prop_assert!(t.start >= prev, "overlap {t:?} in {s:?}");
            prop_assert!(t.end <= s.len());
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            if let Tok::Word(w) = &t.tok {
                prop_assert!(!w.is_empty());
            }
            prev = t.end;
        }
        let mut prev = 0;
        for r in sentences(s) {
            prop_assert!(r.start < r.end, "empty sentence in {s:?}");
            prop_assert!(r.start >= prev && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prop_assert_eq!(s[r.clone()].trim(), &s[r.clone()]);
            prev = r.end;
        }
        Ok(())
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "thirty",
            "(30)",
            "(",
            ")",
            "9:00",
            "a.m.",
            "p.m.",
            "%",
            "-",
            "–",
            "percent",
            "per",
            "cent",
            "or",
            "more",
            "consecutive",
            "business",
            "days",
            "hour",
            "h",
            "US",
            "$",
            "€",
            "24",
            "/7",
            "x7",
            "7",
            "a",
            "an",
            "half",
            "quarter",
            "of",
            "and",
            "hundred",
            "point",
            "nine",
            "ninety-nine",
            "99.9",
            "1,000",
            ".",
            "12",
            ":",
            "PT",
            "Pacific",
            "Time",
            "noon",
            "million",
            "USD",
            "e.g.",
            "Inc.",
            "é",
            "日本",
            "\n",
            "’",
            "'",
            "Monday",
            "0",
            "00",
            "<",
            "=",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn prop_integers(n in 0u64..=100_000) {
            for s in number_forms(n) {
                let t = lex(&s);
                prop_assert_eq!(t.len(), 1, "{:?} → {:?}", s, t);
                prop_assert_eq!(&t[0].tok, &num(n as f64), "{:?}", s);
                prop_assert_eq!((t[0].start, t[0].end), (0, s.len()));
                prop_assert!(!t[0].conflict);
            }
        }

        #[test]
        fn prop_percentages(k in 900u32..=1000, k2 in 9000u32..=10_000, two in any::<bool>()) {
            let (int, frac) = if two {
                (k2 / 100, format!("{:02}", k2 % 100))
            } else {
                (k / 10, format!("{}", k % 10))
            };
            let x = format!("{int}.{frac}");
            let xv: f64 = x.parse().unwrap_or(0.0);
            let words = format!("{} point {}", to_words(u64::from(int), true), digits_words(&frac));
            for s in [
                format!("{x}%"),
                format!("{x} percent"),
                format!("{words} percent"),
                format!("{words} percent ({x}%)"),
            ] {
                let t = lex(&s);
                prop_assert_eq!(t.len(), 1, "{:?} → {:?}", s, t);
                prop_assert_eq!((t[0].start, t[0].end), (0, s.len()));
                match t[0].tok {
                    Tok::Percent(v) => prop_assert!((v - xv).abs() < 1e-9, "{:?} → {}", s, v),
                    ref other => prop_assert!(false, "{:?} → {:?}", s, other),
                }
                prop_assert!(!t[0].conflict);
            }
        }

        #[test]
        fn prop_durations(n in 1u64..=1000, ui in 0usize..9) {
            let unit = UNITS[ui];
            for (s, consecutive, or_more) in duration_forms(n, unit) {
                let t = lex(&s);
                prop_assert_eq!(t.len(), 1, "{:?} → {:?}", s, t);
                prop_assert_eq!(&t[0].tok, &dd(n as f64, unit, consecutive, or_more), "{:?}", s);
                prop_assert_eq!((t[0].start, t[0].end), (0, s.len()));
            }
        }

        #[test]
        fn prop_times(m in 0u32..1440, upper in any::<bool>(), dots in any::<bool>(), space in any::<bool>()) {
            let (h24, mm) = (m / 60, m % 60);
            let h12 = if h24 % 12 == 0 { 12 } else { h24 % 12 };
            let mut ap = match (h24 < 12, dots) {
                (true, true) => "a.m.".to_string(),
                (true, false) => "am".to_string(),
                (false, true) => "p.m.".to_string(),
                (false, false) => "pm".to_string(),
            };
            if upper {
                ap = ap.to_uppercase();
            }
            let sp = if space { " " } else { "" };
            let s = format!("{h12}:{mm:02}{sp}{ap}");
            let t = lex(&s);
            prop_assert_eq!(t.len(), 1, "{:?} → {:?}", s, t);
            prop_assert_eq!(&t[0].tok, &Tok::Time(m));
            prop_assert_eq!((t[0].start, t[0].end), (0, s.len()));
        }

        #[test]
        fn prop_no_panic_any_string(s in ".*") {
            spans_ok(&s)?;
        }

        #[test]
        fn prop_no_panic_mixed(s in "[0-9.,%()a-zA-Z :;$€£/×'’\"\\-–—\n é日]{0,80}") {
            spans_ok(&s)?;
        }

        #[test]
        fn prop_no_panic_fragments(parts in prop::collection::vec((fragment(), any::<bool>()), 0..25)) {
            let mut s = String::new();
            for (p, glue) in parts {
                if !glue {
                    s.push(' ');
                }
                s.push_str(&p);
            }
            spans_ok(&s)?;
        }
    }
}
