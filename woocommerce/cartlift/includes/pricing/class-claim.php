<?php
/**
 * What the shopper's browser says about them: the segments it showed them offers for, and
 * the variant of each experiment they are in (`{"s": ["vip"], "x": {"price-test": "b"}}`).
 * Checkout cannot verify it: a shopper who edits it can claim any segment or variant, and so
 * any price one of them is offered, never a price nobody is offered (the README says so).
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * The browser's claim, read as the core's `checkout::Claim::parse` reads it.
 */
final class Claim {

	/**
	 * Reads a claim; anything it cannot read claims nothing.
	 *
	 * @param string|null $text The claim's JSON text.
	 * @return array{segments: array<int, string>, variants: array<string, string>}
	 */
	public static function parse( ?string $text ): array {
		$out  = array(
			'segments' => array(),
			'variants' => array(),
		);
		$tree = null === $text ? null : json_decode( $text );
		if ( ! $tree instanceof \stdClass ) {
			return $out;
		}
		if ( isset( $tree->s ) && is_array( $tree->s ) ) {
			$out['segments'] = array_values( array_filter( $tree->s, 'is_string' ) );
		}
		if ( isset( $tree->x ) && $tree->x instanceof \stdClass ) {
			foreach ( get_object_vars( $tree->x ) as $experiment => $variant ) {
				if ( is_string( $variant ) && ! isset( $out['variants'][ $experiment ] ) ) {
					$out['variants'][ (string) $experiment ] = $variant;
				}
			}
		}
		return $out;
	}
}
