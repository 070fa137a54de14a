//! Scheduling: `starts_at` / `ends_at` windows on goals, bundles, tier sets and upsells.
//!
//! Times are RFC 3339 (`2026-11-27T00:00:00-05:00`) read by hand into Unix seconds, so the core
//! carries no date library into the wasm bundle.

use serde::Serialize;

/// When something is live: from `starts_at` (inclusive) to `ends_at` (exclusive), in Unix seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// The first second it is live, if it has a start.
    pub starts_at: Option<i64>,
    /// The first second it is no longer live, if it has an end.
    pub ends_at: Option<i64>,
}

/// Whether something is live now, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Countdown {
    /// Seconds until it ends, for a countdown; `None` when it never ends.
    pub ends_in_seconds: Option<i64>,
}

crate::json_object!(Countdown { ends_in_seconds });

impl Window {
    /// `Some` with the time left when live at `now` (Unix seconds), `None` when not live.
    pub fn live_at(&self, now: i64) -> Option<Countdown> {
        let started = self.starts_at.is_none_or(|s| now >= s);
        let ended = self.ends_at.is_some_and(|e| now >= e);
        (started && !ended).then(|| Countdown {
            ends_in_seconds: self.ends_at.map(|e| e - now),
        })
    }
}

/// Reads an RFC 3339 timestamp (`2026-11-27T08:00:00Z`, `2026-11-27T08:00:00.5+01:00`) into Unix
/// seconds; fractions of a second are dropped.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let bad = || {
        crate::msg!("\"{text}\" is not an RFC 3339 time; write it like \"2026-11-27T08:00:00Z\" or \"2026-11-27T08:00:00-05:00\"")
    };
    let b = text.as_bytes();
    if b.len() < 20 || !text.is_ascii() {
        return Err(bad());
    }
    // Read as bytes: the positions are fixed and the text ASCII, so no slice can fail.
    let num = |from: usize, to: usize| -> Result<i64, String> {
        let digits = b.get(from..to).ok_or_else(bad)?;
        if digits.iter().all(u8::is_ascii_digit) {
            Ok(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        } else {
            Err(bad())
        }
    };
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b[i] != c) || !matches!(b[10], b'T' | b't' | b' ') {
        return Err(bad());
    }
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let mut rest = b.get(19..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let digits = frac.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return Err(bad());
        }
        rest = frac.get(digits..).unwrap_or_default();
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return Err(bad());
            }
            let d = |i: usize| i64::from(digits[i] - b'0');
            let (h, m) = (d(0) * 10 + d(1), d(2) * 10 + d(3));
            if h > 23 || m > 59 {
                return Err(bad());
            }
            let minutes = h * 60 + m;
            if *sign == b'-' {
                -minutes * 60
            } else {
                minutes * 60
            }
        }
        _ => return Err(bad()),
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3_600 + minute * 60 + second.min(59) - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_friday_midnight_in_new_york_is_five_in_the_morning_utc() {
        let ny = parse_rfc3339("2026-11-27T00:00:00-05:00").expect("valid");
        let utc = parse_rfc3339("2026-11-27T05:00:00Z").expect("valid");
        assert_eq!(ny, utc);
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00.999Z"), Ok(951_868_800));
        assert_eq!(
            parse_rfc3339("2000-03-01T01:30:00.5+01:30"),
            Ok(951_868_800)
        );
    }

    #[test]
    fn malformed_times_are_refused() {
        for bad in [
            "2026-11-27",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T00:00:00",
            "yesterday",
            "2026-11-27T00:00:00+5:00",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_window_is_live_from_its_start_until_its_end_with_the_time_left() {
        let w = Window {
            starts_at: Some(100),
            ends_at: Some(200),
        };
        assert_eq!(w.live_at(99), None);
        assert_eq!(
            w.live_at(100),
            Some(Countdown {
                ends_in_seconds: Some(100)
            })
        );
        assert_eq!(w.live_at(200), None);
        assert_eq!(
            Window::default().live_at(5),
            Some(Countdown {
                ends_in_seconds: None
            })
        );
    }
}
