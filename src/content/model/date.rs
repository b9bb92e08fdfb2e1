//! Dates as front matter writes them, and as pages and feeds show them.

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::parse_str;

/// A calendar date, `YYYY-MM-DD`; a full RFC 3339 time is accepted and kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's last day.
    pub day: u8,
    /// The time part (`T10:00:00Z`), when one was given.
    pub time: Option<String>,
}

impl Date {
    /// Reads `YYYY-MM-DD` or an RFC 3339 time; says what is wrong otherwise.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("invalid date `{s}`: dates are written YYYY-MM-DD, like 2025-09-04");
        let (day_part, time) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut parts = day_part.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("invalid date `{s}`: {year}-{month:02} has no day {day}"));
        }
        if time.is_some_and(|t| !valid_time(t)) {
            return Err(format!(
                "invalid time in `{s}`: write a date (2025-09-04) or an RFC 3339 time (2025-09-04T10:00:00Z)"
            ));
        }
        Ok(Date { year, month, day, time: time.map(str::to_owned) })
    }

    /// RFC 3339, as feeds want it: the given time, or midnight UTC.
    pub fn rfc3339(&self) -> String {
        match &self.time {
            Some(t) => {
                let t = t.replace('z', "Z");
                let zoned = t.ends_with('Z') || t[8..].contains(['+', '-']);
                format!("{}T{t}{}", self.ymd(), if zoned { "" } else { "Z" })
            }
            None => format!("{}T00:00:00Z", self.ymd()),
        }
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set, as
    /// reproducible builds expect: checks that depend on the date can be
    /// run as of a fixed day.
    pub fn today() -> Date {
        Date::from_days(Date::now().div_euclid(86_400))
    }

    /// Now, in seconds since 1970 (UTC), or `SOURCE_DATE_EPOCH` when set.
    pub fn now() -> i64 {
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        })
    }

    /// The moment it names, in seconds since 1970: its time and offset when
    /// given (no offset is UTC), else the start of its day in UTC.
    pub fn seconds(&self) -> i64 {
        let day = self.days() * 86_400;
        let Some(t) = &self.time else { return day };
        let num = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
        let clock = num(0..2) * 3600 + num(3..5) * 60 + num(6..8);
        // `±HH:MM` ends the text when given (checked when parsed).
        let offset = match t.len().checked_sub(6).map(|i| (i, t.as_bytes()[i])) {
            Some((i, sign @ (b'+' | b'-'))) if i >= 8 => {
                let minutes = num(i + 1..i + 3) * 60 + num(i + 4..i + 6);
                if sign == b'+' { minutes * 60 } else { -minutes * 60 }
            }
            _ => 0,
        };
        day + clock - offset
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
        Date { year, month, day, time: None }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days`]); the time
    /// part is ignored.
    pub fn days(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `HH:MM:SS` with optional fraction and a `Z` or `±HH:MM` offset.
fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 8 || !digits(0..2) || b[2] != b':' || !digits(3..5) || b[5] != b':' || !digits(6..8) {
        return false;
    }
    let mut rest = &t[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    matches!(rest, "Z" | "z" | "")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest[1..3].bytes().chain(rest[4..].bytes()).all(|c| c.is_ascii_digit()))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a date like 2025-09-04", |s| Date::parse(s.trim()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ymd())
    }
}
