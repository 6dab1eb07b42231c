//! Dates as deal files write them (`YYYY-MM-DD`): one parser for validation, assembly,
//! the clause filters and the writers' fixed document dates.

use jiff::civil::Date;

/// Parses `YYYY-MM-DD` strictly (a real calendar date, four-digit year): the form the
/// deal schema's date pattern describes (`deal::rules`), and nothing else jiff would read.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    s.parse::<Date>().ok()
}

/// Today's date in UTC, for what is judged against the calendar (a vendor profile more than
/// a year old): `SOURCE_DATE_EPOCH` (seconds) if set, so that a run can be repeated, else
/// the clock.
pub fn today() -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .unwrap_or_else(jiff::Timestamp::now)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// The fixed moment a document records as its creation time, in UTC: `SOURCE_DATE_EPOCH`
/// (seconds) if set, else the document's date at midnight, else the Unix epoch. Never the
/// clock, so the same input gives the same bytes.
pub fn document_timestamp(date: Option<&str>) -> jiff::civil::DateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|ts| ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime())
        .or_else(|| {
            date.and_then(parse_date)
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .unwrap_or(jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0))
}

/// The date that tracked changes and comments carry (`markup --date`, `round --date`): the
/// one given, checked, or the deal's effective date (never the clock, so the same input
/// gives the same bytes).
pub fn changes_date(
    given: Option<&str>,
    effective_date: Option<&str>,
) -> Result<String, crate::diagnostics::Diagnostic> {
    match given {
        Some(d) if parse_date(d).is_some() => Ok(d.to_string()),
        Some(d) => Err(crate::diagnostics::Diagnostic::error(format!(
            "--date \"{d}\" is not a date"
        ))
        .help("write it as YYYY-MM-DD, e.g. 2027-01-15")),
        None => Ok(document_timestamp(effective_date).date().to_string()),
    }
}

/// Minutes after midnight of an `HH:MM` time (two digits each, 24-hour).
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2027-02-29").is_none());
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2028-2-29").is_none());
    }
}
