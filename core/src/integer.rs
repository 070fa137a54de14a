//! Integers as the shopper's wasm needs them without the standard library's general code: the
//! division of the 128-bit integers money is multiplied in ([`div_rem`]; an amount in minor
//! units times basis points, or times a rate's digits, can pass `i64`), and an integer's
//! decimal text ([`decimal_text`]).
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

#[cfg(test)]
mod tests {
    use super::{decimal_text, div_rem};
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
}
