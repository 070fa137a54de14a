<?php
/**
 * A config in the shopper's currency (a multi-currency store): each fixed amount at the store's
 * rate, rounded half away from zero to the currency's minor unit, as the core's `market`
 * module converts it for the widget and the Shopify Function.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Currency conversion, exact.
 */
final class Market {

	/**
	 * A rate written as decimal text (`"0.92"`, `"149.5"`): `array( mantissa, scale )`, the
	 * rate being mantissa / 10^scale.
	 *
	 * @param string $text The rate.
	 * @return array{0: int|string, 1: int}
	 * @throws Bad_Form When it is not a positive decimal of at most 30 digits.
	 */
	public static function rate( string $text ): array {
		$text  = trim( $text );
		$parts = explode( '.', $text, 2 );
		$whole = $parts[0];
		$frac  = $parts[1] ?? '';
		if ( 1 !== preg_match( '/^[0-9]+$/', $whole ) || 1 !== preg_match( '/^[0-9]*$/', $frac ) || strlen( $whole ) + strlen( $frac ) > 30 ) {
			throw new Bad_Form( 'not a currency rate' );
		}
		$digits = ltrim( $whole . $frac, '0' );
		if ( '' === $digits ) {
			throw new Bad_Form( 'a currency rate of zero' );
		}
		$mantissa = strlen( $digits ) < 19 ? (int) $digits : $digits;
		return array( $mantissa, strlen( $frac ) );
	}

	/**
	 * `$minor` of `$from` in `$to` at `$rate`.
	 *
	 * @param int                          $minor An amount.
	 * @param string                       $from  Its currency.
	 * @param string                       $to    The currency wanted.
	 * @param array{0: int|string, 1: int} $rate  From Market::rate.
	 * @return int
	 * @throws Overflow When the result is beyond MAX_MINOR.
	 */
	public static function convert( int $minor, string $from, string $to, array $rate ): int {
		$e_from      = (int) Currencies::exponent( $from );
		$e_to        = (int) Currencies::exponent( $to );
		$numerator   = Exact::mul( $minor, $rate[0] );
		$denominator = Exact::shift( 1, $rate[1] );
		if ( $e_to >= $e_from ) {
			$numerator = Exact::shift( $numerator, $e_to - $e_from );
		} else {
			$denominator = Exact::shift( $denominator, $e_from - $e_to );
		}
		$out = Exact::round_half_away( $numerator, $denominator );
		if ( $out < 0 || $out > Form::MAX_MINOR ) {
			throw new Overflow( 'an amount too large once converted' );
		}
		return $out;
	}

	/**
	 * The config with every amount in `$to`: catalog prices, bundle fixed prices and amounts
	 * off, upsell fixed prices and subtotal conditions, segments' typical orders, goals'
	 * thresholds (the merchant's own `by_currency` one for `$to` when there is one), their
	 * country thresholds and amounts off.
	 *
	 * @param Config                       $config In its own currency.
	 * @param string                       $to     The cart's currency.
	 * @param array{0: int|string, 1: int} $rate   From Market::rate.
	 * @return Config
	 * @throws Overflow When an amount is too large once converted.
	 */
	public static function convert_config( Config $config, string $to, array $rate ): Config {
		$from = $config->currency;
		if ( $from === $to ) {
			return $config;
		}
		$c    = static function ( ?int $m ) use ( $from, $to, $rate ): ?int {
			return null === $m ? null : self::convert( $m, $from, $to, $rate );
		};
		$out  = clone $config;
		foreach ( $out->products as &$p ) {
			$p['price'] = $c( $p['price'] );
		}
		unset( $p );
		foreach ( $out->bundles as &$b ) {
			if ( 'percent' !== $b['pricing'][0] ) {
				$b['pricing'][1] = $c( $b['pricing'][1] );
			}
		}
		unset( $b );
		foreach ( $out->upsells as &$u ) {
			if ( 'fixed' === $u['price'][0] ) {
				$u['price'][1] = $c( $u['price'][1] );
			}
			$u['min'] = $c( $u['min'] );
			$u['max'] = $c( $u['max'] );
		}
		unset( $u );
		foreach ( $out->segments as &$segment ) {
			foreach ( array( 'typical_min', 'typical_max' ) as $key ) {
				if ( isset( $segment[1][ $key ] ) ) {
					$segment[1][ $key ] = $c( $segment[1][ $key ] );
				}
			}
		}
		unset( $segment );
		if ( null !== $out->bar ) {
			foreach ( $out->bar['goals'] as &$g ) {
				$own = null;
				foreach ( $g['by_currency'] as list( $code, $m ) ) {
					if ( $code === $to ) {
						$own = $m;
						break;
					}
				}
				$g['threshold']   = null === $own ? $c( $g['threshold'] ) : $own;
				$g['by_currency'] = array();
				foreach ( $g['by_country'] as &$pair ) {
					$pair[1] = $c( $pair[1] );
				}
				unset( $pair );
				$g['amount_off'] = $c( $g['amount_off'] );
			}
			unset( $g );
		}
		$out->currency = $to;
		return $out;
	}
}
