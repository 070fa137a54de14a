<?php
/**
 * Whole-number arithmetic for money: exact, never through floating point.
 *
 * PHP multiplies two integers into a float when the product passes PHP_INT_MAX, silently. Every
 * product cartlift takes (an amount times basis points, a bundle price times a weight, an amount
 * times a currency rate) goes through here: in integers when it fits, otherwise in bcmath's
 * decimal strings, and refused (Overflow) when neither can hold it. Checkout then charges full
 * price rather than a wrong one.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Exact integer arithmetic and the one rounding rule.
 */
final class Exact {

	/**
	 * `$a × $b`, as an integer when it fits, else as decimal text (bcmath).
	 *
	 * @param int|string $a A whole number.
	 * @param int|string $b A whole number.
	 * @return int|string
	 * @throws Overflow When the product is too large and bcmath is missing.
	 */
	public static function mul( $a, $b ) {
		if ( is_int( $a ) && is_int( $b ) ) {
			if ( 0 === $a || 0 === $b ) {
				return 0;
			}
			if ( PHP_INT_MIN !== $a && PHP_INT_MIN !== $b && abs( $a ) <= intdiv( PHP_INT_MAX, abs( $b ) ) ) {
				return $a * $b;
			}
		}
		self::need_bcmath();
		return bcmul( (string) $a, (string) $b, 0 );
	}

	/**
	 * The floored quotient and remainder of `$n / $d` (`$d` > 0): the remainder is never
	 * negative, as Rust's `div_euclid` / `rem_euclid` for a positive divisor.
	 *
	 * @param int|string $n A whole number.
	 * @param int        $d A positive whole number.
	 * @return array{0:int, 1:int}
	 * @throws Overflow When the quotient is beyond an integer.
	 */
	public static function div_euclid( $n, int $d ): array {
		if ( is_int( $n ) ) {
			$q = intdiv( $n, $d );
			$r = $n % $d;
			if ( $r < 0 ) {
				--$q;
				$r += $d;
			}
			return array( $q, $r );
		}
		self::need_bcmath();
		$q = bcdiv( $n, (string) $d, 0 );
		$r = bcmod( $n, (string) $d, 0 );
		if ( '-' === $r[0] ) {
			$q = bcsub( $q, '1', 0 );
			$r = bcadd( $r, (string) $d, 0 );
		}
		return array( self::to_int( $q ), (int) $r );
	}

	/**
	 * `$n / $d` to the nearest whole number, halves away from zero (2.5 → 3, −2.5 → −3):
	 * cartlift's one rounding rule, as the core's `round_half_away_from_zero`. A divisor that
	 * is not positive gives zero.
	 *
	 * @param int|string $n A whole number.
	 * @param int|string $d A whole number.
	 * @return int
	 * @throws Overflow When the result is beyond an integer.
	 */
	public static function round_half_away( $n, $d ): int {
		if ( is_int( $n ) && is_int( $d ) ) {
			if ( $d <= 0 ) {
				return 0;
			}
			$q = intdiv( $n, $d );
			$r = abs( $n % $d );
			// $r < $d, so 2 × $r fits whenever $d does not pass half of PHP_INT_MAX.
			$twice = $r > intdiv( PHP_INT_MAX, 2 ) ? PHP_INT_MAX : 2 * $r;
			if ( $twice >= $d ) {
				$q += $n < 0 ? -1 : 1;
			}
			return $q;
		}
		self::need_bcmath();
		$n = (string) $n;
		$d = (string) $d;
		if ( bccomp( $d, '0', 0 ) <= 0 ) {
			return 0;
		}
		$q = bcdiv( $n, $d, 0 );
		$r = ltrim( bcmod( $n, $d, 0 ), '-' );
		if ( bccomp( bcmul( $r, '2', 0 ), $d, 0 ) >= 0 ) {
			$q = bcadd( $q, '-' === $n[0] ? '-1' : '1', 0 );
		}
		return self::to_int( $q );
	}

	/**
	 * `$n × 10^$k` as an integer or decimal text.
	 *
	 * @param int|string $n A whole number.
	 * @param int        $k A power from 0.
	 * @return int|string
	 * @throws Overflow When too large and bcmath is missing.
	 */
	public static function shift( $n, int $k ) {
		$out = $n;
		for ( $i = 0; $i < $k; $i++ ) {
			$out = self::mul( $out, 10 );
		}
		return $out;
	}

	/**
	 * Decimal text (from bcmath) as an integer.
	 *
	 * @param string $text A whole number.
	 * @return int
	 * @throws Overflow When beyond PHP_INT_MAX.
	 */
	private static function to_int( string $text ): int {
		$value = filter_var( $text, FILTER_VALIDATE_INT );
		if ( false === $value ) {
			throw new Overflow( 'a figure is beyond what cartlift computes with' );
		}
		return $value;
	}

	/**
	 * Stops with Overflow when bcmath is not there to take a product past PHP_INT_MAX.
	 *
	 * @throws Overflow Without bcmath.
	 */
	private static function need_bcmath(): void {
		if ( ! function_exists( 'bcmul' ) ) {
			throw new Overflow( 'a figure needs the bcmath extension to be computed exactly' );
		}
	}
}
