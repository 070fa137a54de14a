<?php
/**
 * Plugin Name:          cartlift
 * Plugin URI:           https://github.com/cartlift/cartlift
 * Description:          A free-shipping bar with rewards, "frequently bought together" bundles, volume tiers and a checkout upsell, computed exactly in the shopper's browser and charged exactly at checkout.
 * Version:              0.1.0
 * Requires at least:    6.1
 * Requires PHP:         8.1
 * WC requires at least: 8.5
 * Author:               cartlift
 * License:              MIT OR Apache-2.0
 * Text Domain:          cartlift
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || exit;

define( 'CARTLIFT_VERSION', '0.1.0' );
define( 'CARTLIFT_FILE', __FILE__ );

require_once __DIR__ . '/includes/pricing/load.php';
require_once __DIR__ . '/includes/class-cartlift-options.php';
require_once __DIR__ . '/includes/class-cartlift-assets.php';
require_once __DIR__ . '/includes/class-cartlift-storefront.php';
require_once __DIR__ . '/includes/class-cartlift-settings.php';
require_once __DIR__ . '/includes/class-cartlift-checkout.php';

Cartlift_Storefront::hook();
Cartlift_Settings::hook();
// WooCommerce's hooks only once WooCommerce is loaded (a plugin loaded after this one).
add_action( 'plugins_loaded', array( 'Cartlift_Checkout', 'hook' ) );
