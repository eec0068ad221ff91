//! Dates written in French or English (`January 23, 2022`, `3 mars 2017`,
//! `1er mars 2017`, `2022-01-23`, `23/01/2022`), read into ISO 8601.

use crate::analysis::normalize::fold;
use crate::Language;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, 1000 to 2999.
    pub year: u32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, valid for the month.
    pub day: u32,
}

impl Date {
    /// Checks the ranges (a 29 February only in a leap year).
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..3000).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads `YYYY-MM-DD`.
    ///
    /// ```
    /// use franglais_index::date::Date;
    /// assert_eq!(Date::parse_iso("2022-01-23"), Date::new(2022, 1, 23));
    /// assert_eq!(Date::parse_iso("2022-02-30"), None);
    /// assert_eq!(Date::parse_iso("23/01/2022"), None);
    /// ```
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let mut number = |digits: usize| {
            let part = parts.next()?;
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let (year, month, day) = (number(4)?, number(2)?, number(2)?);
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01, if within [`Date::new`]'s years.
    ///
    /// ```
    /// use franglais_index::date::Date;
    /// let day = Date::new(2022, 1, 23).unwrap();
    /// assert_eq!(Date::from_days_since_epoch(day.days_since_epoch() - 30), Date::new(2021, 12, 24));
    /// assert_eq!(Date::from_days_since_epoch(0), Date::new(1970, 1, 1));
    /// ```
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// Today, in UTC, by the system clock.
    pub fn today() -> Option<Date> {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Date::from_days_since_epoch(i64::try_from(since.as_secs() / 86_400).ok()?)
    }

    /// A bound of a date range as people write it: an ISO date, or so many
    /// days or weeks before today (`30d`, `2w`). The error says how to
    /// write one.
    ///
    /// ```
    /// use franglais_index::date::Date;
    /// assert_eq!(Date::parse_bound("2022-01-23").map(|d| d.iso()), Ok("2022-01-23".to_string()));
    /// assert!(Date::parse_bound("30d").is_ok());
    /// assert!(Date::parse_bound("last week").unwrap_err().contains("YYYY-MM-DD"));
    /// ```
    pub fn parse_bound(value: &str) -> Result<Date, String> {
        let not_a_date = || {
            format!(
                "`{value}` is not a date; write it YYYY-MM-DD, or 30d, 2w for days or weeks ago"
            )
        };
        if let Some(date) = Date::parse_iso(value) {
            return Ok(date);
        }
        let value = value.trim();
        let (count, unit) = value.split_at(value.len().saturating_sub(1));
        let days: i64 = match (count.parse::<i64>(), unit) {
            (Ok(n), "d") if n >= 0 => n,
            (Ok(n), "w") if n >= 0 => n.saturating_mul(7),
            _ => return Err(not_a_date()),
        };
        let today = Date::today().ok_or_else(|| "the system clock gives no date".to_string())?;
        Date::from_days_since_epoch(today.days_since_epoch().saturating_sub(days))
            .ok_or_else(not_a_date)
    }

    /// The date as the number `YYYYMMDD`: in the order of dates, what the
    /// index keeps to filter and sort by (0 stands for no date).
    pub fn key(&self) -> u64 {
        u64::from(self.year) * 10_000 + u64::from(self.month) * 100 + u64::from(self.day)
    }
}

/// As `YYYY-MM-DD`, in JSON as everywhere.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a YYYY-MM-DD date")))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

fn month(word: &str) -> Option<u32> {
    let word = fold(word).to_lowercase();
    let word = word.trim_end_matches('.');
    Language::ALL
        .iter()
        .flat_map(|l| l.data().months)
        .find(|(name, _)| *name == word)
        .map(|&(_, m)| m)
}

fn day(word: &str) -> Option<u32> {
    let digits = word.strip_suffix("er").unwrap_or(word); // `1er mars`
    let digits = digits
        .strip_suffix("st")
        .or_else(|| digits.strip_suffix("nd"))
        .or_else(|| digits.strip_suffix("rd"))
        .or_else(|| digits.strip_suffix("th"))
        .unwrap_or(digits);
    (digits.len() <= 2).then(|| digits.parse().ok()).flatten()
}

fn year(word: &str) -> Option<u32> {
    (word.len() == 4).then(|| word.parse().ok()).flatten()
}

/// Finds the first date in `text` and returns it with the number of words of
/// `text` that are not part of it (to tell a dateline from a sentence that
/// mentions a date).
///
/// ```
/// use franglais_index::date::find_date;
/// let (date, others) = find_date("January 23, 2022").unwrap();
/// assert_eq!((date.iso(), others), ("2022-01-23".to_string(), 0));
/// assert_eq!(find_date("Publié le 3 mars 2017").unwrap().0.iso(), "2017-03-03");
/// assert_eq!(find_date("le 3 mars"), None);
/// ```
pub fn find_date(text: &str) -> Option<(Date, usize)> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        let found = numeric_date(words[i])
            .map(|d| (d, 1))
            .or_else(|| {
                // 3 mars 2017 / 23 January 2022
                let (d, m, y) = (
                    day(words[i])?,
                    month(words.get(i + 1)?)?,
                    year(words.get(i + 2)?)?,
                );
                Some((Date::new(y, m, d)?, 3))
            })
            .or_else(|| {
                // January 23, 2022
                let (m, d, y) = (
                    month(words[i])?,
                    day(words.get(i + 1)?)?,
                    year(words.get(i + 2)?)?,
                );
                Some((Date::new(y, m, d)?, 3))
            });
        if let Some((date, used)) = found {
            return Some((date, words.len() - used));
        }
    }
    None
}

/// `2022-01-23` or `23/01/2022` (day first, as in French and British use).
fn numeric_date(word: &str) -> Option<Date> {
    let fields: Vec<&str> = word.split(['-', '/']).collect();
    if fields.len() != 3
        || fields
            .iter()
            .any(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = fields
        .iter()
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    if fields[0].len() == 4 && word.contains('-') {
        Date::new(n[0], n[1], n[2])
    } else if fields[2].len() == 4 {
        Date::new(n[2], n[1], n[0])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_since_epoch_round_trip() {
        let mut previous = None;
        for year in [1000, 1600, 1899, 1970, 2000, 2024, 2999] {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                let date = Date::new(year, month, day).unwrap();
                let days = date.days_since_epoch();
                assert_eq!(Date::from_days_since_epoch(days), Some(date));
                assert!(previous.is_none_or(|p| p < days));
                previous = Some(days);
            }
        }
        assert_eq!(
            Date::new(2024, 3, 1).unwrap().days_since_epoch()
                - Date::new(2024, 2, 28).unwrap().days_since_epoch(),
            2
        );
        assert_eq!(Date::from_days_since_epoch(i64::MIN / 2), None);
    }

    use super::*;

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|(d, _)| d.iso())
    }

    #[test]
    fn english_and_french_dates() {
        assert_eq!(iso("January 23, 2022").as_deref(), Some("2022-01-23"));
        assert_eq!(
            iso("Sunday, 23 January 2022").as_deref(),
            Some("2022-01-23")
        );
        assert_eq!(iso("3 mars 2017").as_deref(), Some("2017-03-03"));
        assert_eq!(iso("1er août 2014").as_deref(), Some("2014-08-01"));
        assert_eq!(iso("le 12 Décembre 2019").as_deref(), Some("2019-12-12"));
        assert_eq!(iso("2022-01-23").as_deref(), Some("2022-01-23"));
        assert_eq!(iso("23/01/2022").as_deref(), Some("2022-01-23"));
    }

    #[test]
    fn impossible_or_partial_dates_are_not_dates() {
        assert_eq!(iso("February 30, 2022"), None);
        assert_eq!(iso("le 3 mars"), None);
        assert_eq!(iso("En avril 2016"), None);
        assert_eq!(
            iso("Loi 78-17 du 6 janvier 1978").as_deref(),
            Some("1978-01-06")
        );
        assert_eq!(iso("May God keep them"), None);
    }

    #[test]
    fn other_words_are_counted() {
        assert_eq!(find_date("January 23, 2022").map(|d| d.1), Some(0));
        assert_eq!(
            find_date("On June 5, 2017 a small Balkan country joined").map(|d| d.1),
            Some(6)
        );
    }
}
