//! Support hours against the customer's business days, computed in real time zones.
//!
//! A support window (say 09:00–17:00 America/Los_Angeles, Monday to Friday) is turned into
//! instants for the weeks around a reference week; each customer time zone's business day
//! (09:00–18:00 local, Monday to Friday unless told otherwise) is turned into instants too,
//! and what the windows leave of it is the gap, reported back in the customer's local time.
//! Half-hour offsets and daylight-saving time come from the time zone database (jiff);
//! a window whose end is not after its start runs past midnight into the next day.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// Minutes in a day.
const DAY: i32 = 24 * 60;

/// A daily window: `start` to `end` (minutes after local midnight) on each of `days`; an
/// `end` not after `start` ends on the next day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Start, minutes after midnight.
    pub start: u32,
    /// End, minutes after midnight (≤ `start`: the next day).
    pub end: u32,
    /// The days the window starts on.
    pub days: Vec<Weekday>,
}

impl Window {
    /// Monday to Friday, `start`–`end`.
    pub fn weekdays(start: u32, end: u32) -> Window {
        Window {
            start,
            end,
            days: vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ],
        }
    }

    /// The window's length in minutes.
    fn length(&self) -> i32 {
        let (s, e) = (self.start as i32, self.end as i32);
        if e > s { e - s } else { e + DAY - s }
    }

    /// The window starting on `day`, as instants in `tz`.
    fn on(&self, day: Date, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let at = |minutes: i32| -> Option<Timestamp> {
            let d = day
                .checked_add(jiff::Span::new().days(i64::from(minutes.div_euclid(DAY))))
                .ok()?;
            let m = minutes.rem_euclid(DAY);
            let dt = d.at((m / 60) as i8, (m % 60) as i8, 0, 0);
            tz.to_ambiguous_zoned_datetime(dt)
                .compatible()
                .ok()
                .map(|z| z.timestamp())
        };
        let s = self.start as i32;
        Some((at(s)?, at(s + self.length())?))
    }
}

/// What the support windows leave uncovered of one customer weekday: local intervals in
/// minutes after that day's midnight (an end past 24:00 is on the next day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayGap {
    /// The customer's weekday.
    pub day: Weekday,
    /// Uncovered local intervals, in order.
    pub intervals: Vec<(i32, i32)>,
}

/// One customer time zone's uncovered business hours in the reference week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The customer time zone's IANA name.
    pub timezone: String,
    /// Days with something uncovered, Monday first.
    pub days: Vec<DayGap>,
    /// Uncovered minutes in the week.
    pub minutes: i64,
}

/// The Monday on or after `date`: the reference week (its offsets and daylight-saving
/// state are the ones used).
pub fn reference_monday(date: Date) -> Date {
    let ahead = (7 - date.weekday().to_monday_zero_offset()) % 7;
    date.checked_add(jiff::Span::new().days(i64::from(ahead)))
        .unwrap_or(date)
}

/// The uncovered part of the customer's business week in `customer_tz`, given support
/// `windows` kept in `support_tz`, in the week starting on `monday` (a Monday). `None`
/// when nothing is uncovered.
pub fn uncovered(
    support_tz: &TimeZone,
    windows: &Window,
    customer_name: &str,
    customer_tz: &TimeZone,
    business: &Window,
    monday: Date,
) -> Option<Gap> {
    // Support windows starting from a week before to a week after: enough for any offset.
    let mut support: Vec<(Timestamp, Timestamp)> = (-7..14)
        .filter_map(|i| monday.checked_add(jiff::Span::new().days(i)).ok())
        .filter(|d| windows.days.contains(&d.weekday()))
        .filter_map(|d| windows.on(d, support_tz))
        .collect();
    support.sort();

    let mut days = Vec::new();
    let mut total: i64 = 0;
    for offset in 0..7 {
        let Ok(day) = monday.checked_add(jiff::Span::new().days(offset)) else {
            continue;
        };
        if !business.days.contains(&day.weekday()) {
            continue;
        }
        let Some((a, b)) = business.on(day, customer_tz) else {
            continue;
        };
        let mut pieces = Vec::new();
        let mut cursor = a;
        for &(s, e) in &support {
            if e <= cursor || s >= b {
                continue;
            }
            if s > cursor {
                pieces.push((cursor, s));
            }
            cursor = cursor.max(e);
            if cursor >= b {
                break;
            }
        }
        if cursor < b {
            pieces.push((cursor, b));
        }
        if pieces.is_empty() {
            continue;
        }
        let local = |t: Timestamp| -> i32 {
            let z = t.to_zoned_datetime(customer_tz.clone());
            let days_after = (z.date() - day).get_days();
            days_after * DAY + i32::from(z.hour()) * 60 + i32::from(z.minute())
        };
        total += pieces
            .iter()
            .map(|(s, e)| (e.as_second() - s.as_second()) / 60)
            .sum::<i64>();
        days.push(DayGap {
            day: day.weekday(),
            intervals: pieces.iter().map(|&(s, e)| (local(s), local(e))).collect(),
        });
    }
    days.sort_by_key(|d| d.day.to_monday_zero_offset());
    (!days.is_empty()).then(|| Gap {
        timezone: customer_name.to_string(),
        days,
        minutes: total,
    })
}

impl Gap {
    /// "Asia/Tokyo: 09:00–18:00 local is uncovered Monday to Friday (45 h a week)"; days with
    /// different gaps are listed one group after another, separated by semicolons.
    pub fn describe(&self) -> String {
        // Group days with the same intervals, in the order of their first day.
        type Group<'a> = (&'a [(i32, i32)], Vec<Weekday>);
        let mut groups: Vec<Group> = Vec::new();
        for d in &self.days {
            match groups
                .iter_mut()
                .find(|(iv, _)| *iv == d.intervals.as_slice())
            {
                Some((_, days)) => days.push(d.day),
                None => groups.push((&d.intervals, vec![d.day])),
            }
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(iv, days)| {
                let times: Vec<String> = iv
                    .iter()
                    .map(|&(s, e)| format!("{}–{}", hhmm(s), hhmm(e)))
                    .collect();
                format!("{} local is uncovered {}", join_and(&times), day_list(days))
            })
            .collect();
        format!(
            "{}: {} ({} a week)",
            self.timezone,
            parts.join("; "),
            duration(self.minutes)
        )
    }
}

/// `HH:MM` of minutes after midnight; 24:00 for the end of the day, and the next day's
/// time for later.
pub fn hhmm(minutes: i32) -> String {
    let m = if minutes == DAY {
        DAY
    } else {
        minutes.rem_euclid(DAY)
    };
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// "45 h", "27.5 h", "7 h 20 min".
pub fn duration(minutes: i64) -> String {
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        30 => format!("{}.5 h", minutes / 60),
        m => format!("{} h {m} min", minutes / 60),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The English name of a weekday.
pub fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// "Monday to Friday", "Monday and Tuesday", "Monday, Wednesday to Friday".
fn day_list(days: &[Weekday]) -> String {
    let mut runs: Vec<(Weekday, Weekday)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some((_, end)) if end.to_monday_zero_offset() + 1 == d.to_monday_zero_offset() => {
                *end = d
            }
            _ => runs.push((d, d)),
        }
    }
    let runs: Vec<String> = runs
        .into_iter()
        .map(|(a, b)| {
            let gap = b.to_monday_zero_offset() - a.to_monday_zero_offset();
            match gap {
                0 => day_name(a).to_string(),
                1 => format!("{} and {}", day_name(a), day_name(b)),
                _ => format!("{} to {}", day_name(a), day_name(b)),
            }
        })
        .collect();
    runs.join(", ")
}

/// Parses a weekday name or its first three letters (any case).
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.to_ascii_lowercase();
    let all = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    all.into_iter().find(|d| {
        let name = day_name(*d).to_ascii_lowercase();
        s == name || (s.len() == 3 && name.starts_with(&s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    #[test]
    fn reference_week_starts_on_a_monday() {
        let d = reference_monday(jiff::civil::date(2027, 1, 1));
        assert_eq!(d, jiff::civil::date(2027, 1, 4));
        assert_eq!(reference_monday(d), d);
    }

    #[test]
    fn durations_and_times_print_plainly() {
        assert_eq!(duration(45 * 60), "45 h");
        assert_eq!(duration(27 * 60 + 30), "27.5 h");
        assert_eq!(duration(7 * 60 + 20), "7 h 20 min");
        assert_eq!(hhmm(24 * 60), "24:00");
        assert_eq!(hhmm(25 * 60 + 30), "01:30");
        assert_eq!(
            day_list(&[Weekday::Monday, Weekday::Wednesday, Weekday::Thursday]),
            "Monday, Wednesday and Thursday"
        );
    }

    #[test]
    fn same_zone_full_cover_leaves_nothing() {
        let g = uncovered(
            &tz("Europe/London"),
            &Window::weekdays(8 * 60, 20 * 60),
            "Europe/London",
            &tz("Europe/London"),
            &Window::weekdays(9 * 60, 18 * 60),
            jiff::civil::date(2027, 1, 4),
        );
        assert_eq!(g, None);
    }
}
