<?php
/**
 * Loads cartlift's checkout pricing: plain PHP, no WordPress, so that PHPUnit replays the
 * golden vectors on it alone.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

foreach ( array( 'exact', 'overflow', 'bad-form', 'currencies', 'money', 'config', 'market', 'form', 'claim', 'checkout' ) as $cartlift_part ) {
	require_once __DIR__ . '/class-' . $cartlift_part . '.php';
}
unset( $cartlift_part );
