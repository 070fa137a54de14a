//! Integers as the shopper's wasm needs them without the standard library's general code: the
//! division of the 128-bit integers money is multiplied in ([`div_rem`]; an amount in minor
//! units times basis points, or times a rate's digits, can pass `i64`), and an integer's
//! decimal text ([`decimal_text`]); and, for what the platform flavours read (a platform's
//! amounts, the store's exchange rate), a run of decimal digits' value ([`digits_value`]), the
//! powers of ten ([`pow10`]) and a product that says when it passes `i128` ([`checked_mul`]):
//! `format!` with `str::parse::<i128>`, `i128::checked_pow` and `i128::checked_mul` (the
//! compiler's `__muloti4`) were 1.8 KB of the platform flavours' wasm before compression; with
//! these three instead (and the platform reader's sentences left to the checker module), a
//! platform page fetches 548 to 629 B less (brotli, `cargo xtask dist`). Each is held to the
//! standard library's by a property test below.
//!
//! The division is hand-written because the shopper's wasm has no 128-bit division
//! instruction: Rust's `/` and `%` on `i128` call the compiler's general routine
//! (`u128_div_rem` with its `__divti3` / `__modti3` doors, 1.4 KB of code before compression),
//! while every division cartlift does fits `u64` but for the rare amount times a rate. Here the
//! `u64` case is one native instruction and the rest a plain shift-and-subtract loop: 463 bytes
//! less on the largest page (brotli, `docs/architecture.md`, "Flavours"). Held to Rust's own
//! `/` and `%` by a property test below (the oracle).

/// `n / d` and `n % d`, truncated toward zero as Rust's operators are (the remainder takes
/// `n`'s sign). A zero `d` gives `(0, n)` rather than a panic; `i128::MIN / -1` wraps.
pub fn div_rem(n: i128, d: i128) -> (i128, i128) {
    let (q, r) = div_rem_unsigned(n.unsigned_abs(), d.unsigned_abs());
    let q = q as i128;
    let r = r as i128;
    (
        if (n < 0) != (d < 0) {
            q.wrapping_neg()
        } else {
            q
        },
        if n < 0 { r.wrapping_neg() } else { r },
    )
}

/// `n / d` and `n % d` on magnitudes.
fn div_rem_unsigned(n: u128, d: u128) -> (u128, u128) {
    if d == 0 {
        return (0, n);
    }
    if let (Ok(n), Ok(d)) = (u64::try_from(n), u64::try_from(d)) {
        return (u128::from(n / d), u128::from(n % d));
    }
    let mut quotient = 0u128;
    let mut remainder = 0u128;
    for bit in (0..128 - n.leading_zeros()).rev() {
        // `remainder < d`, so doubling it can pass `u128` only when `d` is above 2^127: the
        // bit shifted out then says the doubled remainder is above `d`.
        let carry = remainder >> 127;
        remainder = (remainder << 1) | ((n >> bit) & 1);
        quotient <<= 1;
        if carry != 0 || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1;
        }
    }
    (quotient, remainder)
}

/// `magnitude` with its last `decimals` digits after a point: `decimal_text(1250, 3)` is
/// `"1.250"`, `decimal_text(5, 2)` is `"0.05"`, `decimal_text(1200, 0)` is `"1200"`. At most
/// 20 decimals (more are taken as 20).
///
/// By hand rather than with `format!`: the shopper's wasm then carries none of the standard
/// formatter's integer code (its `Display` for each integer type and its padding), about 0.4 KB
/// brotli on every page (`docs/architecture.md`, "Flavours"). A property test below holds it to
/// `format!`.
pub fn decimal_text(magnitude: u64, decimals: u32) -> String {
    let decimals = (decimals as usize).min(20);
    let mut digits = [b'0'; 41];
    let mut at = digits.len();
    let mut n = magnitude;
    // Every digit up to the point, and at least one before it.
    while n > 0 || digits.len() - at <= decimals {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut out = String::with_capacity(digits.len() - at + 1);
    let point = digits.len() - decimals;
    for (i, &d) in digits.iter().enumerate().skip(at) {
        if i == point {
            out.push('.');
        }
        out.push(char::from(d));
    }
    out
}

/// The value of the decimal digits of `whole` followed by those of `frac` (`("12", "50")` is
/// 1250), as the platforms and the exchange rate write a decimal; `None` when `whole` is empty,
/// when a character is not an ASCII digit, or for more than 30 digits.
pub fn digits_value(whole: &str, frac: &str) -> Option<i128> {
    if whole.is_empty() || whole.len() + frac.len() > 30 {
        return None;
    }
    let mut value = 0i128;
    for b in whole.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        // At most 30 digits: below 10^30, far inside `i128`.
        value = value * 10 + i128::from(b - b'0');
    }
    Some(value)
}

/// 10^`n`, `None` above 10^38 (the largest power of ten in `i128`).
pub fn pow10(n: u32) -> Option<i128> {
    (n <= 38).then(|| (0..n).fold(1i128, |p, _| p * 10))
}

/// `a × b`, `None` when it passes `i128`.
pub fn checked_mul(a: i128, b: i128) -> Option<i128> {
    let (x, y) = (a.unsigned_abs(), b.unsigned_abs());
    let negative = (a < 0) != (b < 0);
    // The largest magnitude `a` may have: the product's limit (`i128::MAX`, or 2^127 for a
    // negative one) over `|b|`, by `div_rem` (so that `div_rem_unsigned` keeps its one caller,
    // into which it is inlined).
    let most = match i128::try_from(y) {
        Ok(0) => u128::MAX,
        Ok(y) => {
            let (q, r) = div_rem(i128::MAX, y);
            q.unsigned_abs() + u128::from(negative && r + 1 == y)
        }
        // `|b|` is 2^127 (`b` is `i128::MIN`).
        Err(_) => u128::from(negative),
    };
    (x <= most).then(|| a.wrapping_mul(b))
}

#[cfg(test)]
mod tests {
    use super::{checked_mul, decimal_text, digits_value, div_rem, pow10};
    use proptest::prelude::*;

    #[test]
    fn seven_by_two_is_three_rest_one_with_the_signs_of_rust() {
        assert_eq!(div_rem(7, 2), (3, 1));
        assert_eq!(div_rem(-7, 2), (-3, -1));
        assert_eq!(div_rem(7, -2), (-3, 1));
        assert_eq!(div_rem(-7, -2), (3, -1));
        assert_eq!(div_rem(5, 0), (0, 5));
    }

    #[test]
    fn a_trillion_dollars_times_a_rate_divides_exactly() {
        let n = 100_000_000_000_000_000_i128 * 1_234_567_890_123_456_789;
        assert_eq!(
            div_rem(n, 1_000_000_007),
            (n / 1_000_000_007, n % 1_000_000_007)
        );
        assert_eq!(div_rem(i128::MAX, i128::MAX - 1), (1, 1));
        assert_eq!(div_rem(i128::MIN, i128::MAX), (-1, -1));
        assert_eq!(
            div_rem(u64::MAX as i128 + 1, 3),
            ((u64::MAX as i128 + 1) / 3, 1)
        );
    }

    fn wide() -> impl Strategy<Value = i128> {
        prop_oneof![
            any::<i64>().prop_map(i128::from),
            any::<i128>(),
            (any::<i64>(), 0u32..64).prop_map(|(x, s)| i128::from(x) << s),
        ]
    }

    proptest! {
        /// The oracle: the same quotient and remainder as Rust's own operators.
        #[test]
        fn agrees_with_rusts_division(n in wide(), d in wide()) {
            prop_assume!(d != 0 && !(n == i128::MIN && d == -1));
            prop_assert_eq!(div_rem(n, d), (n / d, n % d));
        }
    }

    #[test]
    fn decimal_text_of_1250_with_3_decimals_is_1_250() {
        assert_eq!(decimal_text(1250, 3), "1.250");
        assert_eq!(decimal_text(5, 2), "0.05");
        assert_eq!(decimal_text(0, 0), "0");
        assert_eq!(decimal_text(1200, 0), "1200");
        assert_eq!(decimal_text(u64::MAX, 4), "1844674407370955.1615");
    }

    proptest! {
        /// The oracle: the standard formatter's digits.
        #[test]
        fn decimal_text_agrees_with_format(n in any::<u64>(), decimals in 0u32..5) {
            let scale = 10u64.pow(decimals);
            let expected = if decimals == 0 {
                format!("{n}")
            } else {
                format!("{}.{:0width$}", n / scale, n % scale, width = decimals as usize)
            };
            prop_assert_eq!(decimal_text(n, decimals), expected);
        }
    }

    #[test]
    fn twelve_point_fifty_is_1250_and_a_letter_is_nothing() {
        assert_eq!(digits_value("12", "50"), Some(1250));
        assert_eq!(digits_value("0", ""), Some(0));
        assert_eq!(digits_value("", "5"), None);
        assert_eq!(digits_value("1e", "3"), None);
        assert_eq!(digits_value("-1", ""), None);
        assert_eq!(digits_value(&"9".repeat(30), ""), Some(10i128.pow(30) - 1));
        assert_eq!(digits_value(&"9".repeat(20), &"9".repeat(11)), None);
        assert_eq!(pow10(0), Some(1));
        assert_eq!(pow10(38), Some(10i128.pow(38)));
        assert_eq!(pow10(39), None);
        assert_eq!(checked_mul(i128::MIN, 1), Some(i128::MIN));
        assert_eq!(checked_mul(i128::MIN, -1), None);
        assert_eq!(checked_mul(-1, i128::MIN), None);
        assert_eq!(checked_mul(i128::MAX, 2), None);
        assert_eq!(checked_mul(0, i128::MIN), Some(0));
        // −2^127 is in `i128`, 2^127 is not.
        assert_eq!(checked_mul(-(1 << 63), 1 << 64), Some(i128::MIN));
        assert_eq!(checked_mul(1 << 64, -(1 << 63)), Some(i128::MIN));
        assert_eq!(checked_mul(1 << 63, 1 << 64), None);
        assert_eq!(checked_mul(-(1 << 63), -(1 << 64)), None);
        assert_eq!(checked_mul(-1, 1 << 126), Some(-(1 << 126)));
    }

    proptest! {
        /// The oracles: `str::parse` of the digits run together, `checked_pow` and
        /// `checked_mul` of `i128`.
        #[test]
        fn agree_with_the_standard_library(
            whole in "[0-9]{0,20}",
            frac in "[0-9]{0,14}",
            n in 0u32..45,
            a in wide(),
            b in wide(),
        ) {
            let expected = (!whole.is_empty() && whole.len() + frac.len() <= 30)
                .then(|| format!("{whole}{frac}").parse::<i128>().ok())
                .flatten();
            prop_assert_eq!(digits_value(&whole, &frac), expected);
            prop_assert_eq!(pow10(n), 10i128.checked_pow(n));
            prop_assert_eq!(checked_mul(a, b), a.checked_mul(b));
            prop_assert_eq!(checked_mul(a, 1 << (n % 64)), a.checked_mul(1 << (n % 64)));
        }
    }
}
