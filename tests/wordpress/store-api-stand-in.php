<?php
/**
 * Plugin Name: cartlift test: a STAND-IN for WooCommerce's Store API cart
 * Description: For cartlift's WordPress tests only (never shipped). WooCommerce is in no
 * registry the test machines reach; this answers `GET /wp-json/wc/store/v1/cart` with an empty
 * cart of WooCommerce's documented shape, so that the widgets on the test site draw. The
 * Store API adapter itself is tested end to end on the emulated store (xtask/src/emulate/).
 *
 * @package Cartlift
 */

// phpcs:disable -- a test double.

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'wc/store/v1',
			'/cart',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					return array(
						'items'      => array(),
						'coupons'    => array(),
						'totals'     => array(
							'currency_code'       => 'USD',
							'currency_minor_unit' => 2,
							'total_items'         => '0',
							'total_price'         => '0',
						),
						'extensions' => new stdClass(),
					);
				},
			)
		);
	}
);
