//! Money: integer minor units with their currency, parsed exactly from the merchant's text.
//!
//! Nothing here touches floating point. Amounts arrive as the literal text the merchant wrote
//! (`"12.99"` or `12.99`), are parsed digit by digit into minor units, and every percentage is
//! taken with [`round_half_away_from_zero`], the one rounding rule of cartlift.
//!
//! Over 300 lines because the exact decimal reader and the ISO 4217 exponents belong with the
//! type they produce.

use crate::json::{Out, ToJson};
use serde::Serialize;
use std::fmt;

/// The largest amount cartlift accepts, in minor units (10^15: ten trillion dollars, a thousand
/// trillion yen). Every sum cartlift takes stays far below `i64::MAX` because every input is
/// held under this bound.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// The most of one product a cart line may hold (and the most a tier may ask for): with
/// [`MAX_MINOR`], what keeps a line's price within an `i64`.
pub const MAX_QUANTITY: u32 = 1_000_000;

/// An ISO 4217 currency: its three-letter code and how many decimals its minor unit has.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Active ISO 4217 codes whose minor unit is not two decimals. Every other active code in
/// [`TWO_DECIMALS`] has two.
const ZERO_DECIMALS: &str = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE_DECIMALS: &str = "BHD IQD JOD KWD LYD OMR TND";
const FOUR_DECIMALS: &str = "CLF UYW";
const TWO_DECIMALS: &str = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB \
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN \
ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW \
KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN \
NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD \
SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR \
ZMW ZWG";

impl Currency {
    /// The US dollar.
    pub const USD: Currency = Currency {
        code: *b"USD",
        exponent: 2,
    };

    /// Looks up an active ISO 4217 code (upper case, as ISO writes it).
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let listed = |table: &str| table.split_ascii_whitespace().any(|c| c == code);
        let exponent = [
            (ZERO_DECIMALS, 0),
            (TWO_DECIMALS, 2),
            (THREE_DECIMALS, 3),
            (FOUR_DECIMALS, 4),
        ]
        .into_iter()
        .find(|(table, _)| listed(table))
        .map(|(_, e)| e)?;
        Some(Currency {
            code: bytes,
            exponent,
        })
    }

    /// The three-letter code, e.g. `"USD"`.
    pub fn code(&self) -> &str {
        // The bytes were checked to be ASCII upper case when the currency was made.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// How many decimals the minor unit has: 2 for USD, 0 for JPY, 3 for KWD.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// Every active code cartlift knows, for "did you mean" suggestions.
    pub fn all_codes() -> impl Iterator<Item = &'static str> {
        [ZERO_DECIMALS, TWO_DECIMALS, THREE_DECIMALS, FOUR_DECIMALS]
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// An exact amount of money: minor units (cents, yen, fils) and their currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// An amount of `minor` units of `currency` (1099 USD is $10.99).
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Nothing, in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::from_minor(0, currency)
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether this is exactly nothing.
    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// The sum, or `None` on overflow or when the currencies differ.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money::from_minor(minor, self.currency))
    }

    /// The difference, or `None` on overflow or when the currencies differ.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_sub(other.minor))
            .flatten()
            .map(|minor| Money::from_minor(minor, self.currency))
    }

    /// This amount `n` times, or `None` on overflow.
    pub fn checked_mul(self, n: i64) -> Option<Money> {
        self.minor
            .checked_mul(n)
            .map(|minor| Money::from_minor(minor, self.currency))
    }

    /// `percent` of this amount, rounded half away from zero to the minor unit.
    pub fn percent(self, percent: Percent) -> Money {
        let share = round_half_away_from_zero(
            i128::from(self.minor) * i128::from(percent.basis_points()),
            10_000,
        );
        // |share| <= |minor| because basis points are at most 10,000.
        Money::from_minor(share as i64, self.currency)
    }

    /// This amount less `percent` of it: what a `percent_off` discount leaves to pay.
    pub fn less_percent(self, percent: Percent) -> Money {
        Money::from_minor(self.minor - self.percent(percent).minor, self.currency)
    }

    /// The amount as a plain decimal string in major units, e.g. `"10.00"`, `"1200"`, `"1.250"`.
    pub fn to_decimal_string(&self) -> String {
        let digits = crate::integer::decimal_text(
            self.minor.unsigned_abs(),
            u32::from(self.currency.exponent),
        );
        if self.minor < 0 {
            "-".to_owned() + &digits
        } else {
            digits
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency)
    }
}

/// Money goes to the page as its exact decimal text, its minor units and its currency, so that
/// JavaScript never has to do arithmetic on it: `{"amount": "10.00", "minor": 1000, "currency": "USD"}`.
impl ToJson for Currency {
    fn write(&self, out: &mut Out) {
        out.text(self.code());
    }
}

impl ToJson for Money {
    fn write(&self, out: &mut Out) {
        out.open();
        out.key("amount");
        out.text(&self.to_decimal_string());
        out.key("minor");
        self.minor.write(out);
        out.key("currency");
        self.currency.write(out);
        out.close();
    }
}

impl ToJson for Percent {
    fn write(&self, out: &mut Out) {
        out.int(self.0.into());
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Money", 3)?;
        st.serialize_field("amount", &self.to_decimal_string())?;
        st.serialize_field("minor", &self.minor)?;
        st.serialize_field("currency", &self.currency)?;
        st.end()
    }
}

/// The one rounding rule of cartlift: `numerator / denominator` to the nearest integer, halves
/// away from zero (2.5 → 3, −2.5 → −3). Used wherever a percentage of money is taken, so
/// that 15% of $0.10 is always $0.02, never $0.01 on one screen and $0.02 on another.
///
/// `denominator` must be positive; a zero denominator gives zero rather than a panic.
pub fn round_half_away_from_zero(numerator: i128, denominator: i128) -> i128 {
    if denominator <= 0 {
        return 0;
    }
    let (quotient, remainder) = crate::integer::div_rem(numerator, denominator);
    if remainder.unsigned_abs() * 2 >= denominator.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// A percentage held exactly, in basis points (hundredths of a percent): 15% is 1500, 12.5% is
/// 1250. Between 0% and 100%.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Percent(u16);

impl Percent {
    /// A percentage of `bp` basis points, if it is between 0 and 10,000 (100%).
    pub fn from_basis_points(bp: u32) -> Option<Percent> {
        u16::try_from(bp)
            .ok()
            .filter(|&bp| bp <= 10_000)
            .map(Percent)
    }

    /// The percentage in basis points: 1500 for 15%.
    pub fn basis_points(&self) -> u32 {
        u32::from(self.0)
    }
}

/// Percentages go to the page as basis points (`952` for 9.52%), formatted by the browser.
impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

/// Why a merchant's amount was refused; [`fmt::Display`] reads as the end of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not a decimal number at all (`"12,99"`, `"$5"`, `true`).
    NotANumber(String),
    /// Below zero.
    Negative(String),
    /// More decimals than the currency's minor unit (`"12.999"` in USD).
    TooManyDecimals {
        /// What the merchant wrote.
        text: String,
        /// The currency it was read in.
        currency: Currency,
    },
    /// Above [`MAX_MINOR`].
    TooLarge(String),
}

impl AmountError {
    /// The error code: `too_large` for an amount above the limit, else `bad_amount`.
    pub fn code(&self) -> crate::error::Code {
        match self {
            AmountError::TooLarge(_) => crate::error::Code::TooLarge,
            _ => crate::error::Code::BadAmount,
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotANumber(t) => write!(
                f,
                "{t} is not an amount: write it like \"12.99\", with a dot for decimals and no currency sign"
            ),
            AmountError::Negative(t) => write!(f, "{t} is negative: amounts must be 0 or more"),
            AmountError::TooManyDecimals { text, currency } => match currency.exponent() {
                0 => write!(f, "{text} has decimals, but {currency} amounts are whole numbers"),
                1 => write!(f, "{text} has more than 1 decimal, the most {currency} has"),
                e => write!(f, "{text} has more than {e} decimals, the most {currency} has"),
            },
            AmountError::TooLarge(t) => write!(f, "{t} is too large an amount"),
        }
    }
}

/// Reads a decimal literal (`"12.99"`, `12.99`, `1e3`, `1200`) into minor units of `currency`,
/// exactly: digit by digit, never through floating point. Trailing zeros beyond the minor unit
/// are fine (`"12.990"` is $12.99); other digits there are an error, not a silent rounding.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Money, AmountError> {
    let decimal = Decimal::parse(text).ok_or_else(|| AmountError::NotANumber(quote(text)))?;
    if decimal.negative && !decimal.is_zero() {
        return Err(AmountError::Negative(quote(text)));
    }
    let minor = decimal
        .scaled(u32::from(currency.exponent()))
        .map_err(|e| match e {
            ScaleError::Fraction => AmountError::TooManyDecimals {
                text: quote(text),
                currency,
            },
            ScaleError::Overflow => AmountError::TooLarge(quote(text)),
        })?;
    if minor > MAX_MINOR {
        return Err(AmountError::TooLarge(quote(text)));
    }
    Ok(Money::from_minor(minor, currency))
}

/// Reads a percentage (`15`, `"12.5"`, `9.99`) exactly, to basis points, between 0 and 100.
pub fn parse_percent(text: &str) -> Result<Percent, String> {
    // The text as the sentences quote it, written only for a sentence.
    let shown = || quote(text);
    let decimal =
        Decimal::parse(text).ok_or_else(|| crate::msg!("{} is not a percentage", shown()))?;
    let out_of_range = || crate::msg!("{} is not between 0 and 100", shown());
    if decimal.negative && !decimal.is_zero() {
        return Err(out_of_range());
    }
    let bp = decimal.scaled(2).map_err(|e| match e {
        ScaleError::Fraction => crate::msg!("{} has more than 2 decimals", shown()),
        ScaleError::Overflow => out_of_range(),
    })?;
    u32::try_from(bp)
        .ok()
        .and_then(Percent::from_basis_points)
        .ok_or_else(out_of_range)
}

fn quote(text: &str) -> String {
    "\"".to_owned() + text + "\""
}

/// A decimal literal split into its parts, with no arithmetic done yet.
struct Decimal<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
    exp: i32,
}

enum ScaleError {
    Fraction,
    Overflow,
}

impl<'a> Decimal<'a> {
    /// Parses JSON number syntax (a JSON number's digits, or the text of a JSON string such as
    /// `"12.99"`), plus a leading `+` and surrounding spaces, which merchants type.
    fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exp) = match rest.split_once(['e', 'E']) {
            Some((mantissa, e)) => {
                let (negative, digits) = match e.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, e.strip_prefix('+').unwrap_or(e)),
                };
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                // Held to a million: far past any amount, so `1e99999` is too large (and
                // `1e-99999` has too many decimals) rather than not a number.
                let magnitude = digits
                    .bytes()
                    .fold(0i32, |n, d| (n * 10 + i32::from(d - b'0')).min(1_000_000));
                (mantissa, if negative { -magnitude } else { magnitude })
            }
            None => (rest, 0),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
            return None;
        }
        if mantissa.ends_with('.') && frac.is_empty() && int.is_empty() {
            return None;
        }
        Some(Decimal {
            negative,
            int,
            frac,
            exp,
        })
    }

    fn is_zero(&self) -> bool {
        self.int.bytes().chain(self.frac.bytes()).all(|b| b == b'0')
    }

    /// The value times 10^`places`, as an integer, if that is whole and fits in an `i64`.
    fn scaled(&self, places: u32) -> Result<i64, ScaleError> {
        // Position of the decimal point after scaling, counted in digits from the left.
        let digits = self.int.len() + self.frac.len();
        let point = self.int.len() as i64 + i64::from(self.exp) + i64::from(places);
        let mut value: i64 = 0;
        for (i, b) in self.int.bytes().chain(self.frac.bytes()).enumerate() {
            let d = i64::from(b - b'0');
            if (i as i64) < point {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(d))
                    .ok_or(ScaleError::Overflow)?;
            } else if d != 0 {
                return Err(ScaleError::Fraction);
            }
        }
        // Zeros implied by a positive exponent, past the written digits.
        let missing = point - digits as i64;
        if missing > 0 && value != 0 {
            let factor = u32::try_from(missing)
                .ok()
                .and_then(|m| 10i64.checked_pow(m))
                .ok_or(ScaleError::Overflow)?;
            value = value.checked_mul(factor).ok_or(ScaleError::Overflow)?;
        }
        Ok(if self.negative { -value } else { value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::from_code("USD").expect("USD")
    }

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).expect("known code")
    }

    #[test]
    fn twelve_ninety_nine_as_string_or_number_is_1299_cents() {
        assert_eq!(parse_amount(" 12.99 ", usd()).map(|m| m.minor()), Ok(1299));
        assert_eq!(parse_amount("12.99", usd()).map(|m| m.minor()), Ok(1299));
        assert_eq!(parse_amount("12.990", usd()).map(|m| m.minor()), Ok(1299));
        assert_eq!(parse_amount("12", usd()).map(|m| m.minor()), Ok(1200));
        assert_eq!(parse_amount("1.5e1", usd()).map(|m| m.minor()), Ok(1500));
        assert_eq!(parse_amount("0.1", usd()).map(|m| m.minor()), Ok(10));
    }

    #[test]
    fn twelve_point_999_dollars_is_refused_not_rounded() {
        let err = parse_amount("12.999", usd()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"12.999\" has more than 2 decimals, the most USD has"
        );
    }

    #[test]
    fn yen_amounts_are_whole_and_1200_5_yen_is_refused() {
        assert_eq!(
            parse_amount("1200", cur("JPY")).map(|m| m.minor()),
            Ok(1200)
        );
        let err = parse_amount("1200.5", cur("JPY")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"1200.5\" has decimals, but JPY amounts are whole numbers"
        );
    }

    #[test]
    fn kuwaiti_dinar_has_three_decimals() {
        assert_eq!(
            parse_amount("1.250", cur("KWD")).map(|m| m.minor()),
            Ok(1250)
        );
        assert!(parse_amount("1.2505", cur("KWD")).is_err());
        assert_eq!(
            Money::from_minor(1250, cur("KWD")).to_decimal_string(),
            "1.250"
        );
    }

    #[test]
    fn negative_garbage_and_huge_amounts_are_refused_with_a_reason() {
        assert!(matches!(
            parse_amount("-1", usd()),
            Err(AmountError::Negative(_))
        ));
        assert_eq!(parse_amount("-0.00", usd()).map(|m| m.minor()), Ok(0));
        for bad in [
            "\"12,99\"",
            "\"$5\"",
            "\"\"",
            "\".\"",
            "true",
            "\"1e\"",
            "\"--1\"",
        ] {
            assert!(
                matches!(parse_amount(bad, usd()), Err(AmountError::NotANumber(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_amount("1e30", usd()),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("99999999999999999999999", usd()),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("1e9999", usd()),
            Err(AmountError::TooLarge(_))
        ));
        assert_eq!(
            parse_amount("1e99999", usd()).map_err(|e| e.to_string()),
            Err("\"1e99999\" is too large an amount".to_owned())
        );
        assert!(matches!(
            parse_amount("1e-99999", usd()),
            Err(AmountError::TooManyDecimals { .. })
        ));
        assert_eq!(parse_amount("0e99999", usd()).map(|m| m.minor()), Ok(0));
    }

    #[test]
    fn plus_signs_exponents_and_spaces_read_as_12_50() {
        for text in ["+12.5", "1.25E1", "125e-1", " 12.50 ", "0.125e+2"] {
            assert_eq!(
                parse_amount(text, usd()).map(|m| m.minor()),
                Ok(1250),
                "{text}"
            );
        }
        assert!(matches!(
            parse_amount("-1.25e1", usd()),
            Err(AmountError::Negative(_))
        ));
        for bad in ["+", "-", "+-1", "-+1", "e2", "1e+", "1.2.3"] {
            assert!(parse_amount(bad, usd()).is_err(), "{bad}");
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_half_away_from_zero(25, 10), 3);
        assert_eq!(round_half_away_from_zero(-25, 10), -3);
        assert_eq!(round_half_away_from_zero(24, 10), 2);
        assert_eq!(round_half_away_from_zero(-24, 10), -2);
        assert_eq!(round_half_away_from_zero(0, 10), 0);
        assert_eq!(round_half_away_from_zero(5, 0), 0);
    }

    #[test]
    fn fifteen_percent_of_ten_cents_is_two_cents() {
        let p = parse_percent("15").expect("15%");
        assert_eq!(Money::from_minor(10, usd()).percent(p).minor(), 2);
        assert_eq!(Money::from_minor(10, usd()).less_percent(p).minor(), 8);
    }

    #[test]
    fn percents_are_read_exactly_and_bounded() {
        assert_eq!(parse_percent("12.5").map(|p| p.basis_points()), Ok(1250));
        assert_eq!(parse_percent("100").map(|p| p.basis_points()), Ok(10_000));
        assert!(parse_percent("100.01").is_err());
        assert!(parse_percent("-5").is_err());
        assert!(parse_percent("1.234").is_err());
    }

    #[test]
    fn every_listed_code_is_found_and_lowercase_is_not() {
        assert!(Currency::all_codes().count() > 150);
        for code in Currency::all_codes() {
            assert!(Currency::from_code(code).is_some(), "{code}");
        }
        assert!(Currency::from_code("usd").is_none());
        assert!(Currency::from_code("XYZ").is_none());
        assert_eq!(cur("CLP").exponent(), 0);
        assert_eq!(cur("EUR").exponent(), 2);
        assert_eq!(cur("BHD").exponent(), 3);
    }

    #[test]
    fn decimal_strings_pad_small_amounts() {
        assert_eq!(Money::from_minor(5, usd()).to_decimal_string(), "0.05");
        assert_eq!(Money::from_minor(-105, usd()).to_decimal_string(), "-1.05");
        assert_eq!(
            Money::from_minor(1200, cur("JPY")).to_decimal_string(),
            "1200"
        );
    }
}
