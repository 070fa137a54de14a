<?php
/**
 * PHPUnit's bootstrap: the pricing classes (plain PHP), and the plugin's WooCommerce hooks on
 * a stand-in of WordPress and WooCommerce (tests/php/stand-in/).
 *
 * @package Cartlift
 */

define( 'CARTLIFT_PRICING_STANDALONE', true );
require_once __DIR__ . '/stand-in/wordpress-and-woocommerce.php';
define( 'CARTLIFT_FILE', dirname( __DIR__, 2 ) . '/cartlift.php' );
require_once dirname( __DIR__, 2 ) . '/includes/pricing/load.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-cartlift-options.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-cartlift-checkout.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-cartlift-assets.php';
