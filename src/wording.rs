//! How numbers, amounts, durations, dates and lists are written in the drafts. One style,
//! used everywhere: whole numbers as "four (4)", units agreeing in number ("one (1) session",
//! "three (3) sessions"), durations in the largest whole unit ("four (4) hours", not
//! "240 minutes"), amounts as "USD 1,500,000", percentages as "99.9%", dates as
//! "1 January 2027", lists as "a, b and c".

/// Numbers 0–19 in words.
pub const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// Tens in words (from twenty; the first two are empty).
pub const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Scales in words.
const SCALES: [(u64, &str); 4] = [
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];
/// The other words numbers are written with here: "one hundred and twenty", "forty-three
/// point two", "one and a half", "three quarters".
const CONNECTORS: [&str; 7] = [
    "hundred", "and", "point", "a", "half", "quarter", "quarters",
];

/// Whether `word` can be part of a number as this module writes it ("forty-three",
/// "hundred", "and", "point", "half"; any case).
pub fn is_number_word(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    !w.is_empty()
        && w.split('-').all(|part| {
            ONES.contains(&part)
                || TENS[2..].contains(&part)
                || SCALES.iter().any(|(_, s)| *s == part)
                || CONNECTORS.contains(&part)
        })
}

/// A whole number in words, British style ("one hundred and twenty").
pub fn number_words(n: u64) -> String {
    fn below_thousand(n: u64) -> String {
        let (h, rest) = (n / 100, n % 100);
        let tail = match rest {
            0 => String::new(),
            r if r < 20 => ONES[r as usize].to_string(),
            r if r % 10 == 0 => TENS[(r / 10) as usize].to_string(),
            r => format!("{}-{}", TENS[(r / 10) as usize], ONES[(r % 10) as usize]),
        };
        match (h, tail.is_empty()) {
            (0, _) => tail,
            (h, true) => format!("{} hundred", ONES[h as usize]),
            (h, false) => format!("{} hundred and {tail}", ONES[h as usize]),
        }
    }
    if n < 20 {
        return ONES[n as usize].to_string();
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        if rest >= size {
            parts.push(format!("{} {name}", number_words(rest / size)));
            rest %= size;
        }
    }
    if rest > 0 {
        if !parts.is_empty() && rest < 100 {
            parts.push(format!("and {}", below_thousand(rest)));
        } else {
            parts.push(below_thousand(rest));
        }
    }
    parts.join(" ")
}

/// "four (4)".
pub fn words_and_digits(n: u64) -> String {
    format!("{} ({})", number_words(n), group_thousands(&n.to_string()))
}

/// A number in words and figures, fractions too: "four (4)", "one and a half (1.5)",
/// "forty-three point two (43.2)".
pub fn number_and_digits(x: f64) -> String {
    if x >= 0.0 && x.fract() == 0.0 {
        return words_and_digits(x as u64);
    }
    format!("{} ({})", fraction_words(x), decimal(x))
}

fn fraction_words(x: f64) -> String {
    let (int, frac) = (x.trunc() as u64, x.fract());
    let near = |f: f64| (frac - f).abs() < 1e-9;
    let named = if near(0.5) {
        Some("a half")
    } else if near(0.25) {
        Some("a quarter")
    } else if near(0.75) {
        Some("three quarters")
    } else {
        None
    };
    match (int, named) {
        (0, Some(n)) => n.replacen("a ", "one ", 1),
        (i, Some(n)) => format!("{} and {n}", number_words(i)),
        (i, None) => {
            let digits = decimal(x);
            let tail = digits.split_once('.').map_or("", |(_, f)| f);
            let spoken: Vec<&str> = tail
                .chars()
                .map(|c| {
                    [
                        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                        "nine",
                    ][c.to_digit(10).unwrap_or(0) as usize]
                })
                .collect();
            format!("{} point {}", number_words(i), spoken.join(" "))
        }
    }
}

/// A number of hours: "two (2) hours", "one (1) hour", "one and a half (1.5) hours", and
/// under an hour in minutes where they are whole: "thirty (30) minutes".
pub fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        return count(h as u64, "hour", "hours");
    }
    let minutes = h * 60.0;
    if h < 1.0 && (minutes - minutes.round()).abs() < 1e-9 {
        return count(minutes.round() as u64, "minute", "minutes");
    }
    format!("{} hours", number_and_digits(h))
}

/// "one (1) session", "three (3) sessions".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        words_and_digits(n),
        if n == 1 { one } else { many }
    )
}

/// A number of minutes in the largest whole unit: "thirty (30) minutes", "four (4) hours".
pub fn duration_minutes(minutes: u64) -> String {
    if minutes >= 60 && minutes.is_multiple_of(60) {
        count(minutes / 60, "hour", "hours")
    } else {
        count(minutes, "minute", "minutes")
    }
}

/// A number as written in a clause: no trailing zeros, thousands grouped ("1,500,000", "99.9").
pub fn decimal(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let (sign, int) = int.strip_prefix('-').map_or(("", int), |i| ("-", i));
    match frac {
        Some(f) => format!("{sign}{}.{f}", group_thousands(int)),
        None => format!("{sign}{}", group_thousands(int)),
    }
}

/// "99.9%".
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(x))
}

/// "USD 1,500,000" or "EUR 1,250.50".
pub fn money(amount: f64, currency: &str) -> String {
    let digits = if amount.fract() == 0.0 {
        decimal(amount)
    } else {
        let s = format!("{amount:.2}");
        let (i, f) = s.split_once('.').unwrap_or((&s, "00"));
        format!("{}.{f}", group_thousands(i))
    };
    format!("{currency} {digits}")
}

fn group_thousands(int: &str) -> String {
    let bytes = int.as_bytes();
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*b as char);
    }
    out
}

/// "a", "a and b", "a, b and c".
pub fn join_and<S: AsRef<str>>(items: &[S], conj: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {conj} {}", head.join(", "), last.as_ref())
        }
    }
}

/// Days of the week in words, from their names (`"mon"` ... `"sun"`): three or more
/// consecutive days as a range ("Monday to Friday"), others listed ("Monday and
/// Thursday"). With `every`, the words follow "on": "every day from Monday to Friday",
/// "every Monday and Thursday". `None` for a name that is no day.
pub fn weekdays(days: &[&str], every: bool) -> Option<String> {
    const NAMES: [(&str, &str); 7] = [
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
        ("sat", "Saturday"),
        ("sun", "Sunday"),
    ];
    let mut idx: Vec<usize> = days
        .iter()
        .map(|d| NAMES.iter().position(|(k, _)| k == d))
        .collect::<Option<_>>()?;
    idx.sort_unstable();
    idx.dedup();
    let (first, last) = (*idx.first()?, *idx.last()?);
    if idx.len() == 7 {
        return Some(
            if every {
                "every day of the week"
            } else {
                "Monday to Sunday"
            }
            .into(),
        );
    }
    if idx.len() >= 3 && last - first + 1 == idx.len() {
        let range = format!("{} to {}", NAMES[first].1, NAMES[last].1);
        return Some(if every {
            format!("every day from {range}")
        } else {
            range
        });
    }
    let names: Vec<&str> = idx.iter().map(|&i| NAMES[i].1).collect();
    let list = join_and(&names, "and");
    Some(if every { format!("every {list}") } else { list })
}

/// "1 January 2027".
pub fn date_long(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {}",
        d.day(),
        MONTHS[(d.month() - 1) as usize],
        d.year()
    )
}

/// Minutes of downtime a monthly uptime commitment allows in a month of `days` days.
pub fn allowed_downtime_minutes(uptime_pct: f64, days: f64) -> f64 {
    let minutes = days * 24.0 * 60.0 * (100.0 - uptime_pct) / 100.0;
    // Exact to three decimals, which is exact for a commitment stated to two decimals (a
    // month of average length is 43,830 minutes): a figure rounded to one decimal was
    // either above the allowance or, rounded down, not the allowance (blind14 customer-B
    // 21: 219.1 for 219.15). Any further digit is dropped, never rounded up.
    (minutes * 1000.0 + 1e-6).floor() / 1000.0
}

/// Groups time zones by the name in their label (`Name (Zone/Id)`), in order of first
/// appearance: each name once, with the zones it covers in brackets. A zone without a label,
/// or whose label does not end in its own id, stands alone as its label (or id).
pub fn group_timezones(ids: &[String], label: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in ids {
        let l = label(id).unwrap_or_else(|| id.clone());
        let named = l.strip_suffix(&format!(" ({id})")).map(str::to_string);
        match named {
            Some(name) => match groups.iter_mut().find(|(n, z)| *n == name && !z.is_empty()) {
                Some((_, zones)) => {
                    if !zones.contains(id) {
                        zones.push(id.clone());
                    }
                }
                None => groups.push((name, vec![id.clone()])),
            },
            None => {
                if !groups.iter().any(|(n, z)| *n == l && z.is_empty()) {
                    groups.push((l, Vec::new()));
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|(name, zones)| {
            if zones.is_empty() {
                name
            } else {
                format!("{name} ({})", join_and(&zones, "and"))
            }
        })
        .collect()
}

/// `25`, `99.9`.
pub fn trim_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(number_words(0), "zero");
        assert_eq!(number_words(21), "twenty-one");
        assert_eq!(number_words(120), "one hundred and twenty");
        assert_eq!(number_words(1_500_000), "one million five hundred thousand");
        assert_eq!(number_words(2_005), "two thousand and five");
        assert_eq!(
            words_and_digits(1440),
            "one thousand four hundred and forty (1,440)"
        );
    }

    #[test]
    fn units_agree_in_number() {
        assert_eq!(count(1, "session", "sessions"), "one (1) session");
        assert_eq!(count(3, "session", "sessions"), "three (3) sessions");
        assert_eq!(duration_minutes(60), "one (1) hour");
        assert_eq!(duration_minutes(240), "four (4) hours");
        assert_eq!(duration_minutes(90), "ninety (90) minutes");
        assert_eq!(duration_minutes(1440), "twenty-four (24) hours");
    }

    #[test]
    fn fractions_in_words_and_figures() {
        assert_eq!(hours(1.5), "one and a half (1.5) hours");
        assert_eq!(hours(2.0), "two (2) hours");
        assert_eq!(hours(0.5), "thirty (30) minutes");
        assert_eq!(hours(2.25), "two and a quarter (2.25) hours");
        assert_eq!(number_and_digits(43.2), "forty-three point two (43.2)");
        assert_eq!(number_and_digits(216.0), "two hundred and sixteen (216)");
        assert_eq!(number_and_digits(0.75), "three quarters (0.75)");
    }

    #[test]
    fn amounts_and_percentages() {
        assert_eq!(money(1_500_000.0, "USD"), "USD 1,500,000");
        assert_eq!(money(1250.5, "EUR"), "EUR 1,250.50");
        assert_eq!(percent(99.9), "99.9%");
        assert_eq!(percent(10.0), "10%");
        assert_eq!(percent(99.95), "99.95%");
        assert_eq!(decimal(43.2), "43.2");
    }

    #[test]
    fn lists_and_dates() {
        assert_eq!(join_and(&["a"], "and"), "a");
        assert_eq!(join_and(&["a", "b"], "and"), "a and b");
        assert_eq!(join_and(&["a", "b", "c"], "or"), "a, b or c");
        assert_eq!(date_long("2027-03-01".parse().unwrap()), "1 March 2027");
    }

    #[test]
    fn downtime_from_uptime() {
        assert_eq!(allowed_downtime_minutes(99.9, 30.0), 43.2);
        assert_eq!(allowed_downtime_minutes(99.9, 365.25 / 12.0), 43.83);
        assert_eq!(allowed_downtime_minutes(99.5, 30.0), 216.0);
        // Exact, neither rounded up past the commitment nor down below it.
        assert_eq!(allowed_downtime_minutes(99.5, 365.25 / 12.0), 219.15);
        assert_eq!(allowed_downtime_minutes(99.93, 365.25 / 12.0), 30.681);
        assert_eq!(allowed_downtime_minutes(99.93, 30.0), 30.24);
        assert_eq!(allowed_downtime_minutes(99.95, 365.25 / 12.0), 21.915);
        // A fourth decimal is dropped, never rounded up.
        assert_eq!(allowed_downtime_minutes(99.999, 365.25 / 12.0), 0.438);
    }
}
