<?php
/**
 * The plugin's WooCommerce hooks, on the WooCommerce stand-in (tests/php/stand-in/), with
 * the carts of the core's golden vectors: what WooCommerce is handed is what the core says.
 *
 * @package Cartlift
 */

use PHPUnit\Framework\TestCase;

/**
 * Virtual coupons, free shipping, marks, the claim, the order's meta.
 */
final class CheckoutHooksTest extends TestCase {

	/**
	 * A golden vector by name.
	 *
	 * @param string $name The vector.
	 * @return array<string, mixed>
	 */
	private static function vector( string $name ): array {
		$text = file_get_contents( GoldenTest::DIR . "/$name.json" );
		return json_decode( $text, true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * The store as the vector has it: the form saved, the cart of its items (each line's
	 * product by its `variant_id`, its mark as cart item data), the customer's country and
	 * the claim in the session.
	 *
	 * @param array<string, mixed> $v The vector.
	 * @return Stand_In_Cart
	 */
	private static function store( array $v ): Stand_In_Cart {
		update_option( Cartlift_Options::FORM, json_encode( $v['form'] ) );
		// A multi-currency plugin's rate, for the carts in another currency than the store's.
		$GLOBALS['stand_in_hooks'] = array();
		$rate                      = $v['rate'];
		add_filter(
			'cartlift_currency_rate',
			static function () use ( $rate ) {
				return $rate;
			}
		);
		$wc           = new Stand_In_WooCommerce();
		$wc->currency = $v['currency'];
		$wc->decimals = $v['exponent'];
		$wc->session  = new Stand_In_Session();
		if ( null !== $v['claim'] ) {
			$wc->session->set( Cartlift_Checkout::CLAIM, $v['claim'] );
		}
		$wc->customer           = new Stand_In_Customer();
		$wc->customer->shipping = $v['country'];
		$items                  = array();
		foreach ( $v['cart']['items'] as $i => $item ) {
			// A product's line names it; a variant's (spec §10) names its product and itself
			// as the variation, as WooCommerce does.
			$variant   = null;
			$variation = 0;
			foreach ( $v['config']['products'] as $p ) {
				if ( $p['id'] === $item['id'] ) {
					$variant = $p['variant_id'];
				}
				foreach ( $p['variants'] ?? array() as $option ) {
					if ( $option['id'] === $item['id'] ) {
						$variant   = $p['variant_id'] ?? 0;
						$variation = $option['variant_id'];
					}
				}
			}
			$line = array(
				'product_id'   => $variant,
				'variation_id' => $variation,
				'quantity'     => $item['quantity'],
				'data'         => new Stand_In_Product( (string) $item['price'] ),
			);
			$mark = array_filter( $v['marks'][ $i ] ?? array() );
			if ( array() !== $mark ) {
				$line[ Cartlift_Checkout::MARK ] = $mark;
			}
			$items[ "line-$i" ] = $line;
		}
		$wc->cart                = new Stand_In_Cart( $items );
		$GLOBALS['stand_in_wc'] = $wc;
		return $wc->cart;
	}

	/**
	 * What a coupon's custom discounts come to, per item key.
	 *
	 * @param string $code The coupon.
	 * @return array<string, int|float>
	 */
	private static function coupon( string $code ): array {
		$keys = array_keys( WC()->cart->get_cart() );
		return Cartlift_Checkout::custom_discounts( array_fill_keys( $keys, 0 ), new Stand_In_Coupon( $code ) );
	}

	public function test_the_mouse_costs_45_24_in_the_950_bundle_through_the_cartlift_coupon(): void {
		$cart = self::store( self::vector( 'usd-bundle-completed' ) );
		Cartlift_Checkout::apply_coupons( $cart );
		$this->assertSame( array( 'cartlift' ), $cart->applied_coupons );
		$this->assertSame( array( 'line-0' => 0, 'line-1' => 476 ), self::coupon( 'cartlift' ) );
		$this->assertSame( 'Laptop + Mouse', Cartlift_Checkout::coupon_label( 'Coupon: cartlift', new Stand_In_Coupon( 'cartlift' ) ) );
	}

	public function test_every_vector_hands_woocommerce_the_cores_line_discounts_in_its_cents(): void {
		foreach ( ( new GoldenTest() )->vectors() as $name => list( $v ) ) {
			self::store( $v );
			$want = array_fill_keys( array_keys( WC()->cart->get_cart() ), 0 );
			foreach ( $v['checkout']['discounts'] as $d ) {
				$want[ 'line-' . $d['line'] ] = $d['amount'];
			}
			$this->assertSame( $want, self::coupon( 'cartlift' ), $name );
			$order  = array_sum( self::coupon( 'cartlift-reward' ) );
			$this->assertSame( $v['checkout']['order']['amount'] ?? 0, $order, "$name: the order discount, spread exactly" );
		}
	}

	public function test_the_50_dollar_reward_leaves_the_excluded_warranty_out_and_adds_up_exactly(): void {
		$v    = self::vector( 'usd-goal-top-frees-every-option' );
		$cart = self::store( $v );
		Cartlift_Checkout::apply_coupons( $cart );
		$this->assertContains( 'cartlift-reward', $cart->applied_coupons );
		$shares = self::coupon( 'cartlift-reward' );
		$this->assertSame( 5000, array_sum( $shares ) );
		foreach ( $v['checkout']['excluded'] as $line ) {
			$this->assertSame( 0, $shares[ "line-$line" ], 'an excluded line takes none of the order discount' );
		}
		$this->assertSame( $v['checkout']['order']['message'], Cartlift_Checkout::coupon_label( 'x', new Stand_In_Coupon( 'cartlift-reward' ) ) );
	}

	public function test_a_shopper_who_types_cartlift_as_a_code_on_a_cart_that_earns_nothing_loses_it_and_keeps_their_own(): void {
		$cart                  = self::store( self::vector( 'usd-bundle-unmarked' ) );
		$cart->applied_coupons = array( 'cartlift', 'cartlift-reward', 'welcome10' );
		Cartlift_Checkout::apply_coupons( $cart );
		$this->assertSame( array( 'welcome10' ), $cart->applied_coupons );
		$this->assertSame( 0, array_sum( self::coupon( 'cartlift' ) ) );
	}

	public function test_a_coupon_of_another_code_is_left_as_woocommerce_computed_it(): void {
		self::store( self::vector( 'usd-bundle-completed' ) );
		$given = array( 'line-0' => 120, 'line-1' => 0 );
		$this->assertSame( $given, Cartlift_Checkout::custom_discounts( $given, new Stand_In_Coupon( 'welcome10' ) ) );
		$this->assertFalse( Cartlift_Checkout::coupon_data( false, 'welcome10' ) );
		$this->assertSame( 'cartlift', Cartlift_Checkout::coupon_data( false, 'cartlift' )['discount_type'] );
	}

	public function test_a_forged_mark_is_dropped_and_a_known_bundle_is_kept(): void {
		self::store( self::vector( 'usd-bundle-completed' ) );
		$add = array(
			'id'             => 1,
			'quantity'       => 1,
			'cart_item_data' => array(),
		);
		$forged = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => array( 'bundle' => 'everything-free' ) ) ) );
		$this->assertSame( array(), $forged['cart_item_data'] );
		$odd = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => 'office-2' ) ) );
		$this->assertSame( array(), $odd['cart_item_data'] );
		$kept = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => array( 'bundle' => 'office-2' ) ) ) );
		$this->assertSame( array( 'cartlift' => array( 'bundle' => 'office-2' ) ), $kept['cart_item_data'] );
		$offer = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => array( 'offer' => 'warranty-2y' ) ) ) );
		$this->assertSame( array( 'cartlift' => array( 'offer' => 'warranty-2y' ) ), $offer['cart_item_data'] );
	}

	public function test_a_gift_mark_is_kept_for_the_tote_a_goal_gives_and_dropped_for_another_product(): void {
		self::store( self::vector( 'usd-gift-held' ) );
		$add  = array(
			'id'             => 1,
			'quantity'       => 1,
			'cart_item_data' => array(),
		);
		$kept = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => array( 'gift' => 'tote' ) ) ) );
		$this->assertSame( array( 'cartlift' => array( 'gift' => 'tote' ) ), $kept['cart_item_data'] );
		$forged = Cartlift_Checkout::add_to_cart_data( $add, new Stand_In_Request( array( 'cartlift' => array( 'gift' => 'lamp' ) ) ) );
		$this->assertSame( array(), $forged['cart_item_data'] );
	}

	public function test_a_gift_line_shows_its_mark_in_the_store_api_and_the_shoppers_own_line_none(): void {
		$gift = Cartlift_Checkout::item_extension_data( array( 'cartlift' => array( 'gift' => 'tote' ) ) );
		$this->assertSame( array( 'gift' => 'tote' ), $gift );
		$this->assertSame( array(), Cartlift_Checkout::item_extension_data( array( 'quantity' => 2 ) ) );
		$this->assertSame( array(), Cartlift_Checkout::item_extension_data( array( 'cartlift' => array( 'gift' => 7 ) ) ) );
		$this->assertSame( array(), array_diff_key( $gift, Cartlift_Checkout::item_extension_schema() ) );
	}

	public function test_the_tote_added_as_the_gift_is_free_at_checkout_once_the_lamps_reach_200(): void {
		$cart = self::store( self::vector( 'usd-gift-held' ) );
		Cartlift_Checkout::apply_coupons( $cart );
		$this->assertSame( array( 'line-0' => 0, 'line-1' => 1500 ), self::coupon( 'cartlift' ) );
	}

	public function test_a_bundle_mark_forged_on_a_lone_laptop_gets_nothing(): void {
		$v                     = self::vector( 'usd-bundle-completed' );
		$v['cart']['items']    = array( $v['cart']['items'][0] );
		$v['marks']            = array( array( 'bundle' => 'office-2', 'offer' => null ) );
		$cart                  = self::store( $v );
		Cartlift_Checkout::apply_coupons( $cart );
		$this->assertSame( array(), $cart->applied_coupons );
		$this->assertSame( array( 'line-0' => 0 ), self::coupon( 'cartlift' ) );
	}

	public function test_free_shipping_on_every_option_zeroes_every_rate_and_its_tax(): void {
		self::store( self::vector( 'usd-goal-top-frees-every-option' ) );
		$packages = Cartlift_Checkout::shipping_packages( array( array( 'contents' => array() ) ) );
		$this->assertSame( 'all', $packages[0]['cartlift_free_shipping'] );
		$rates = array(
			'flat_rate:1' => new Stand_In_Rate( '15.00', array( 1 => '1.50' ) ),
			'flat_rate:2' => new Stand_In_Rate( '5.00' ),
		);
		$rates = Cartlift_Checkout::package_rates( $rates, $packages[0] );
		$this->assertSame( array( 0, 0 ), array( $rates['flat_rate:1']->get_cost(), $rates['flat_rate:2']->get_cost() ) );
		$this->assertSame( array(), $rates['flat_rate:1']->get_taxes() );
	}

	public function test_free_shipping_on_the_cheapest_option_frees_the_5_dollar_rate_not_the_15(): void {
		$v = self::vector( 'usd-goal-at-threshold' );
		$this->assertSame( 'cheapest', $v['checkout']['free_shipping']['options'] );
		self::store( $v );
		$packages = Cartlift_Checkout::shipping_packages( array( array() ) );
		$rates    = Cartlift_Checkout::package_rates(
			array(
				'express'  => new Stand_In_Rate( '15.00' ),
				'standard' => new Stand_In_Rate( '5.00' ),
				'other'    => new Stand_In_Rate( '5.00' ),
			),
			$packages[0]
		);
		$this->assertSame( array( '15.00', 0, '5.00' ), array( $rates['express']->get_cost(), $rates['standard']->get_cost(), $rates['other']->get_cost() ) );
	}

	public function test_a_cart_a_cent_short_of_the_goal_keeps_its_shipping_rates(): void {
		self::store( self::vector( 'usd-goal-just-under' ) );
		$packages = Cartlift_Checkout::shipping_packages( array( array() ) );
		$this->assertSame( '', $packages[0]['cartlift_free_shipping'] );
		$rates = Cartlift_Checkout::package_rates( array( 'standard' => new Stand_In_Rate( '5.00' ) ), $packages[0] );
		$this->assertSame( '5.00', $rates['standard']->get_cost() );
	}

	public function test_a_yen_store_showing_two_decimals_gets_each_yen_as_100_of_its_cents(): void {
		$v = self::vector( 'jpy-bundle-percent-off' );
		self::store( $v );
		WC()->decimals = 2;
		$want          = array_fill_keys( array_keys( WC()->cart->get_cart() ), 0 );
		foreach ( $v['checkout']['discounts'] as $d ) {
			$want[ 'line-' . $d['line'] ] = $d['amount'] * 100;
		}
		$this->assertSame( $want, self::coupon( 'cartlift' ) );
	}

	public function test_a_price_with_more_decimals_than_the_currency_has_is_charged_in_full(): void {
		$v                                  = self::vector( 'usd-bundle-completed' );
		$v['cart']['items'][1]['price']     = '50.005';
		self::store( $v );
		$this->assertNull( Cartlift_Checkout::priced() );
		$this->assertSame( 0, array_sum( self::coupon( 'cartlift' ) ) );
	}

	public function test_a_euro_cart_without_a_rate_from_a_currency_plugin_gets_nothing(): void {
		self::store( self::vector( 'eur-bundle-on-a-dollar-store' ) );
		$this->assertNotNull( Cartlift_Checkout::priced() );
		$GLOBALS['stand_in_hooks'] = array();
		$this->assertSame( 0, array_sum( self::coupon( 'cartlift' ) ) );
	}

	public function test_no_saved_config_means_no_discount(): void {
		self::store( self::vector( 'usd-bundle-completed' ) );
		delete_option( Cartlift_Options::FORM );
		$this->assertNull( Cartlift_Checkout::priced() );
	}

	public function test_a_form_edited_by_hand_is_refused_and_checkout_charges_full_price(): void {
		self::store( self::vector( 'usd-bundle-completed' ) );
		update_option( Cartlift_Options::FORM, '{"form":2,"currency":"USD","products":[]}' );
		$this->assertNull( Cartlift_Checkout::priced() );
	}

	public function test_the_claim_is_kept_only_when_it_is_a_json_object_of_reasonable_size(): void {
		self::store( self::vector( 'usd-bundle-completed' ) );
		Cartlift_Checkout::update_from_store_api( array( 'claim' => '{"s":["vip"],"x":{}}' ) );
		$this->assertSame( '{"s":["vip"],"x":{}}', WC()->session->get( Cartlift_Checkout::CLAIM ) );
		foreach ( array( '"vip"', '[1]', 'not json', str_repeat( ' ', 5000 ) . '{}', 42 ) as $bad ) {
			Cartlift_Checkout::update_from_store_api( array( 'claim' => $bad ) );
			$this->assertSame( '{"s":["vip"],"x":{}}', WC()->session->get( Cartlift_Checkout::CLAIM ) );
		}
	}

	public function test_the_variant_the_shopper_claimed_prices_the_bundle_at_900(): void {
		$v = self::vector( 'usd-experiment-variant-prices-the-bundle' );
		self::store( $v );
		$this->assertSame( 15000, array_sum( self::coupon( 'cartlift' ) ) );
		WC()->session->set( Cartlift_Checkout::CLAIM, null );
		$this->assertSame( 10000, array_sum( self::coupon( 'cartlift' ) ), 'without a claim, the control: $950' );
	}

	public function test_the_store_api_cart_carries_the_server_figures(): void {
		self::store( self::vector( 'usd-goal-top-frees-every-option' ) );
		$data = Cartlift_Checkout::extension_data();
		$this->assertSame( 'USD', $data['currency'] );
		$this->assertSame( array( 'amount' => 5000, 'reward' => '$50 off and free express' ), $data['order'] );
		$this->assertSame( 'all', $data['free_shipping'] );
		$this->assertSame( array_keys( Cartlift_Checkout::extension_schema() ), array_keys( $data ) );
	}

	public function test_the_order_keeps_the_lines_marks_as_hidden_meta(): void {
		$item = new Stand_In_Order_Item();
		Cartlift_Checkout::order_item_meta( $item, 'line-1', array( 'cartlift' => array( 'bundle' => 'office-2' ) ) );
		$this->assertSame( array( '_cartlift_bundle' => 'office-2' ), $item->meta );
		$gift = new Stand_In_Order_Item();
		Cartlift_Checkout::order_item_meta( $gift, 'line-2', array( 'cartlift' => array( 'gift' => 'tote' ) ) );
		$this->assertSame( array( '_cartlift_gift' => 'tote' ), $gift->meta );
		$plain = new Stand_In_Order_Item();
		Cartlift_Checkout::order_item_meta( $plain, 'line-0', array() );
		$this->assertSame( array(), $plain->meta );
	}
}
