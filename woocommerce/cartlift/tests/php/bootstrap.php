<?php
/**
 * PHPUnit's bootstrap for the pricing tests: the pricing classes alone, no WordPress.
 *
 * @package Cartlift
 */

define( 'CARTLIFT_PRICING_STANDALONE', true );
require_once dirname( __DIR__, 2 ) . '/includes/pricing/load.php';
