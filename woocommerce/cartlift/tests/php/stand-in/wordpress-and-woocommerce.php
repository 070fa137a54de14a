<?php
/**
 * A STAND-IN for WordPress and WooCommerce, for the plugin's hook tests only.
 *
 * WooCommerce is in no package registry this project's machines can reach, so its hooks are
 * tested against this small stand-in, which follows WooCommerce's documented signatures (the
 * filters' arguments, WC_Cart::get_cart()'s items, WC_Coupon::get_code(), WC_Shipping_Rate's
 * cost and taxes, the session's get/set, WP_REST_Request::get_param()) and nothing more. The
 * plugin's WordPress side (activation, settings page, blocks, shortcodes, uninstall) is tested
 * in a real WordPress (tests/wordpress/); the Store API adapter on the emulated store
 * (xtask/src/emulate/). Nothing here ships in the plugin's zip.
 *
 * @package Cartlift
 */

// phpcs:disable -- a test double, shaped after the APIs it stands in for.

define( 'ABSPATH', __DIR__ . '/' );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'ARRAY_A', 'ARRAY_A' );

/** The hooks registered: name → list of callables. */
$GLOBALS['stand_in_hooks']   = array();
/** The options: name → value. */
$GLOBALS['stand_in_options'] = array();

function add_filter( $name, $callback, $priority = 10, $args = 1 ) {
	$GLOBALS['stand_in_hooks'][ $name ][] = $callback;
	return true;
}
function add_action( $name, $callback, $priority = 10, $args = 1 ) {
	return add_filter( $name, $callback, $priority, $args );
}
function apply_filters( $name, $value, ...$args ) {
	foreach ( $GLOBALS['stand_in_hooks'][ $name ] ?? array() as $callback ) {
		$value = $callback( $value, ...$args );
	}
	return $value;
}
function do_action( $name, ...$args ) {
	foreach ( $GLOBALS['stand_in_hooks'][ $name ] ?? array() as $callback ) {
		$callback( ...$args );
	}
}
function get_option( $name, $default = false ) {
	return $GLOBALS['stand_in_options'][ $name ] ?? $default;
}
function update_option( $name, $value ) {
	$GLOBALS['stand_in_options'][ $name ] = $value;
	return true;
}
function delete_option( $name ) {
	unset( $GLOBALS['stand_in_options'][ $name ] );
	return true;
}
function __( $text, $domain = 'default' ) {
	return $text;
}
function wp_json_encode( $value, $flags = 0 ) {
	return json_encode( $value, $flags );
}

/** WooCommerce's main object: the cart, the session, the customer. */
final class Stand_In_WooCommerce {
	public $cart;
	public $session;
	public $customer;
	public $currency = 'USD';
	public $decimals = 2;
}
function WC() {
	return $GLOBALS['stand_in_wc'];
}
function get_woocommerce_currency() {
	return WC()->currency;
}
function wc_get_price_decimals() {
	return WC()->decimals;
}

/** WC_Cart: its items by key, and the codes applied (WC_Cart's getter and setter). */
final class Stand_In_Cart {
	public $applied_coupons = array();
	private $items;
	public function __construct( array $items ) {
		$this->items = $items;
	}
	public function get_cart() {
		return $this->items;
	}
	public function get_applied_coupons() {
		return $this->applied_coupons;
	}
	public function set_applied_coupons( $codes ) {
		$this->applied_coupons = $codes;
	}
}

/** WC_Product: its price as WooCommerce stores it (decimal text). */
final class Stand_In_Product {
	private $price;
	public function __construct( $price ) {
		$this->price = $price;
	}
	public function get_price( $context = 'view' ) {
		return $this->price;
	}
}

/** WC_Coupon: its code. */
final class Stand_In_Coupon {
	private $code;
	public function __construct( $code ) {
		$this->code = $code;
	}
	public function get_code() {
		return $this->code;
	}
}

/** WC_Shipping_Rate: its cost and taxes. */
final class Stand_In_Rate {
	private $cost;
	private $taxes;
	public function __construct( $cost, array $taxes = array() ) {
		$this->cost  = $cost;
		$this->taxes = $taxes;
	}
	public function get_cost() {
		return $this->cost;
	}
	public function set_cost( $cost ) {
		$this->cost = $cost;
	}
	public function get_taxes() {
		return $this->taxes;
	}
	public function set_taxes( $taxes ) {
		$this->taxes = $taxes;
	}
}

/** WC_Session: get and set. */
final class Stand_In_Session {
	private $values = array();
	public function get( $key, $default = null ) {
		return $this->values[ $key ] ?? $default;
	}
	public function set( $key, $value ) {
		$this->values[ $key ] = $value;
	}
}

/** WC_Customer: countries. */
final class Stand_In_Customer {
	public $shipping = '';
	public $billing  = '';
	public function get_shipping_country() {
		return $this->shipping;
	}
	public function get_billing_country() {
		return $this->billing;
	}
}

/** WC_Order_Item_Product: its meta. */
final class Stand_In_Order_Item {
	public $meta = array();
	public function add_meta_data( $key, $value, $unique = false ) {
		$this->meta[ $key ] = $value;
	}
}

/** WP_REST_Request: its parameters. */
final class Stand_In_Request {
	private $params;
	public function __construct( array $params ) {
		$this->params = $params;
	}
	public function get_param( $key ) {
		return $this->params[ $key ] ?? null;
	}
}
