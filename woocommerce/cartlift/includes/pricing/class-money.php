<?php
/**
 * Money arithmetic in whole minor units: a percentage of an amount, and a price spread over
 * lines to the exact minor unit. The core's `Money::percent`, `Money::less_percent` and
 * `pricing::allocate`, with the same rounding.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Amounts are integers of minor units; percentages basis points (1500 is 15%).
 */
final class Money {

	/**
	 * `$bp` basis points of `$minor`, rounded half away from zero.
	 *
	 * @param int $minor An amount.
	 * @param int $bp    Basis points, 0 to 10,000.
	 * @return int
	 */
	public static function percent( int $minor, int $bp ): int {
		return Exact::round_half_away( Exact::mul( $minor, $bp ), 10000 );
	}

	/**
	 * `$minor` less `$bp` basis points of it: what a percent-off discount leaves to pay.
	 *
	 * @param int $minor An amount.
	 * @param int $bp    Basis points, 0 to 10,000.
	 * @return int
	 */
	public static function less_percent( int $minor, int $bp ): int {
		return $minor - self::percent( $minor, $bp );
	}

	/**
	 * `$price` spread over items in proportion to `$weights` (their prices on their own), by
	 * the largest remainder: each share rounded down, the minor units left over one each to
	 * the items with the largest remainders (the earlier on a tie). The shares add up exactly
	 * to `$price`.
	 *
	 * @param int             $price   The total to spread.
	 * @param array<int, int> $weights One per item.
	 * @return array<int, int>
	 */
	public static function allocate( int $price, array $weights ): array {
		$n = count( $weights );
		if ( 0 === $n ) {
			return array();
		}
		$total = 0;
		foreach ( $weights as $w ) {
			$total += max( 0, $w );
		}
		$shares     = array();
		$remainders = array();
		foreach ( $weights as $w ) {
			if ( 0 === $total ) {
				// Nothing to weigh by: spread evenly.
				list( $share, $rest ) = array( Exact::div_euclid( $price, $n )[0], 0 );
			} else {
				list( $share, $rest ) = Exact::div_euclid( Exact::mul( $price, max( 0, $w ) ), $total );
			}
			$shares[]     = $share;
			$remainders[] = $rest;
		}
		$left  = $price - array_sum( $shares );
		$order = range( 0, $n - 1 );
		// Largest remainder first; usort is stable, so ties stay in item order.
		usort(
			$order,
			static function ( $a, $b ) use ( $remainders ) {
				return $remainders[ $b ] <=> $remainders[ $a ];
			}
		);
		for ( $k = 0; $left > 0; $k = ( $k + 1 ) % $n ) {
			++$shares[ $order[ $k ] ];
			--$left;
		}
		return $shares;
	}

	/**
	 * A decimal amount (`"12.99"`, `"1200"`, `"12.990"`) in minor units of a currency with
	 * `$exponent` decimals, read digit by digit; null for anything else, for more decimals
	 * than the currency has (other than trailing zeros), and above the largest amount.
	 *
	 * @param string $text     The amount.
	 * @param int    $exponent The currency's decimals.
	 * @return int|null
	 */
	public static function parse( string $text, int $exponent ): ?int {
		if ( 1 !== preg_match( '/^([0-9]+)(?:\.([0-9]+))?$/', trim( $text ), $m ) ) {
			return null;
		}
		$frac = rtrim( $m[2] ?? '', '0' );
		if ( strlen( $frac ) > $exponent ) {
			return null;
		}
		$digits = ltrim( $m[1] . str_pad( $frac, $exponent, '0' ), '0' );
		if ( strlen( $digits ) > 16 ) {
			return null;
		}
		$minor = (int) $digits;
		return $minor > Form::MAX_MINOR ? null : $minor;
	}
}
