<?php
/**
 * Checkout charges what the widget showed: cartlift's pricing (includes/pricing/, held to the
 * core's golden vectors) applied to WooCommerce's cart as two virtual coupons of cartlift's own
 * discount type, never as negative fees or price overrides:
 *
 * - `cartlift`: each line's bundle, tier and upsell discount, to the minor unit;
 * - `cartlift-reward`: the order discount of the highest goal the bar says the cart reached,
 *   spread over the lines that count toward the goals by the largest remainder;
 * - free shipping from a reached goal, through the store's own shipping rates (the cheapest
 *   rate of each package, or all of them, at no cost).
 *
 * WooCommerce computes a custom coupon type's discount per line and hands the result, in its
 * integer "cents" (minor units at the store's decimals), to `woocommerce_coupon_custom_discounts_array`:
 * cartlift replaces it there with its own integers, so no float ever carries a cartlift figure.
 * A coupon's code typed by a shopper earns nothing the cart does not: its amounts come only from
 * the pricing. Marks (`cartlift` cart item data: the bundle or upsell a line was added for) are
 * hints: a bundle is priced only for the complete sets the cart holds, an upsell only when its
 * offer applies; unknown ids are dropped when the line is added.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || exit;

use Cartlift\Pricing\Checkout;
use Cartlift\Pricing\Claim;
use Cartlift\Pricing\Currencies;
use Cartlift\Pricing\Exact;
use Cartlift\Pricing\Form;
use Cartlift\Pricing\Money;

/**
 * WooCommerce's hooks.
 */
final class Cartlift_Checkout {

	/** The coupon of the lines' discounts. */
	const COUPON = 'cartlift';

	/** The coupon of a reached goal's order discount. */
	const REWARD = 'cartlift-reward';

	/** cartlift's discount type: WooCommerce asks its filters for the amounts. */
	const TYPE = 'cartlift';

	/** The cart item data that marks a line cartlift added. */
	const MARK = 'cartlift';

	/** Where the browser's claim (segments, experiment variants) is kept in WooCommerce's session. */
	const CLAIM = 'cartlift_claim';

	/** The longest claim kept, in bytes. */
	const CLAIM_LIMIT = 4096;

	/**
	 * The last pricing, by what it was computed from.
	 *
	 * @var array{0: string, 1: array<string, mixed>|null}|null
	 */
	private static $cache = null;

	/**
	 * Registers the hooks, when WooCommerce is there.
	 */
	public static function hook(): void {
		if ( ! function_exists( 'WC' ) ) {
			return;
		}
		add_filter( 'woocommerce_coupon_discount_types', array( self::class, 'discount_types' ) );
		add_filter( 'woocommerce_cart_coupon_types', array( self::class, 'cart_coupon_types' ) );
		add_filter( 'woocommerce_get_shop_coupon_data', array( self::class, 'coupon_data' ), 10, 2 );
		add_filter( 'woocommerce_coupon_custom_discounts_array', array( self::class, 'custom_discounts' ), 10, 2 );
		add_filter( 'woocommerce_cart_totals_coupon_label', array( self::class, 'coupon_label' ), 10, 2 );
		add_action( 'woocommerce_before_calculate_totals', array( self::class, 'apply_coupons' ), 20 );
		add_filter( 'woocommerce_cart_shipping_packages', array( self::class, 'shipping_packages' ) );
		add_filter( 'woocommerce_package_rates', array( self::class, 'package_rates' ), 20, 2 );
		add_filter( 'woocommerce_store_api_add_to_cart_data', array( self::class, 'add_to_cart_data' ), 10, 2 );
		add_action( 'woocommerce_checkout_create_order_line_item', array( self::class, 'order_item_meta' ), 10, 3 );
		add_action( 'woocommerce_blocks_loaded', array( self::class, 'store_api' ) );
	}

	/**
	 * cartlift's discount type among WooCommerce's.
	 *
	 * @param array<string, string> $types Discount types.
	 * @return array<string, string>
	 */
	public static function discount_types( array $types ): array {
		$types[ self::TYPE ] = __( 'cartlift (bundles, tiers, upsells, rewards)', 'cartlift' );
		return $types;
	}

	/**
	 * cartlift's type applies to the cart as a whole (WooCommerce then offers it every line).
	 *
	 * @param array<int, string> $types Cart coupon types.
	 * @return array<int, string>
	 */
	public static function cart_coupon_types( array $types ): array {
		$types[] = self::TYPE;
		return $types;
	}

	/**
	 * The two virtual coupons: no stored post, no amount of their own.
	 *
	 * @param mixed  $data What other filters gave.
	 * @param string $code The coupon's code.
	 * @return mixed
	 */
	public static function coupon_data( $data, $code ) {
		if ( self::COUPON !== $code && self::REWARD !== $code ) {
			return $data;
		}
		return array(
			'discount_type'  => self::TYPE,
			'amount'         => 0,
			'individual_use' => false,
			'usage_limit'    => 0,
		);
	}

	/**
	 * The amounts of cartlift's coupons for each cart item (WooCommerce's cents): the line's
	 * discount for `cartlift`, its share of the order discount for `cartlift-reward`.
	 *
	 * @param array<string, int|float> $discounts Item key → what WooCommerce computed.
	 * @param object                   $coupon    The coupon (a WC_Coupon).
	 * @return array<string, int|float>
	 */
	public static function custom_discounts( array $discounts, $coupon ): array {
		$code = method_exists( $coupon, 'get_code' ) ? $coupon->get_code() : '';
		if ( self::COUPON !== $code && self::REWARD !== $code ) {
			return $discounts;
		}
		$priced = self::priced();
		$mine   = null === $priced ? array() : ( self::COUPON === $code ? $priced['lines'] : $priced['reward_lines'] );
		foreach ( array_keys( $discounts ) as $key ) {
			$discounts[ $key ] = self::cents( $mine[ $key ] ?? 0 );
		}
		return $discounts;
	}

	/**
	 * What the cart's totals call cartlift's coupons: what the lines' discounts are for, the
	 * goal's reward.
	 *
	 * @param string $label  WooCommerce's label.
	 * @param object $coupon The coupon.
	 * @return string
	 */
	public static function coupon_label( $label, $coupon ) {
		$code   = method_exists( $coupon, 'get_code' ) ? $coupon->get_code() : '';
		$priced = self::COUPON === $code || self::REWARD === $code ? self::priced() : null;
		if ( null === $priced ) {
			return $label;
		}
		return self::COUPON === $code ? $priced['message'] : (string) ( $priced['order'][1] ?? $label );
	}

	/**
	 * Puts cartlift's coupons on the cart when its pricing gives something, and takes them off
	 * when it gives nothing (a code a shopper typed included).
	 *
	 * @param object $cart The cart (a WC_Cart).
	 */
	public static function apply_coupons( $cart ): void {
		$priced = self::priced( $cart );
		$want   = array(
			self::COUPON => null !== $priced && array() !== $priced['lines'],
			self::REWARD => null !== $priced && null !== $priced['order'],
		);
		$held   = method_exists( $cart, 'get_applied_coupons' ) ? $cart->get_applied_coupons() : $cart->applied_coupons;
		$codes  = array_values( array_diff( (array) $held, array_keys( $want ) ) );
		foreach ( $want as $code => $on ) {
			if ( $on ) {
				$codes[] = $code;
			}
		}
		if ( method_exists( $cart, 'set_applied_coupons' ) ) {
			$cart->set_applied_coupons( $codes );
		} else {
			$cart->applied_coupons = $codes;
		}
	}

	/**
	 * Packages carry what cartlift frees, so that WooCommerce's cache of their rates follows
	 * the cart reaching or leaving a goal.
	 *
	 * @param array<int, array<string, mixed>> $packages Shipping packages.
	 * @return array<int, array<string, mixed>>
	 */
	public static function shipping_packages( array $packages ): array {
		$priced = self::priced();
		$free   = null === $priced ? null : $priced['free_shipping'];
		foreach ( $packages as &$package ) {
			$package['cartlift_free_shipping'] = null === $free ? '' : $free[0];
		}
		return $packages;
	}

	/**
	 * Free shipping from a reached goal: the cheapest rate of the package (`cheapest`, the
	 * first of equals), or every rate (`all`), at no cost and no tax.
	 *
	 * @param array<string, object> $rates   Rate id → WC_Shipping_Rate.
	 * @param array<string, mixed>  $package The package.
	 * @return array<string, object>
	 */
	public static function package_rates( array $rates, $package ): array {
		$free = (string) ( $package['cartlift_free_shipping'] ?? '' );
		if ( '' === $free || array() === $rates ) {
			return $rates;
		}
		$chosen = array_keys( $rates );
		if ( 'cheapest' === $free ) {
			$cheapest = null;
			$least    = null;
			foreach ( $rates as $id => $rate ) {
				$cost = self::to_cents( $rate->get_cost() );
				if ( null !== $cost && ( null === $least || $cost < $least ) ) {
					$least    = $cost;
					$cheapest = $id;
				}
			}
			$chosen = null === $cheapest ? array() : array( $cheapest );
		}
		foreach ( $chosen as $id ) {
			$rates[ $id ]->set_cost( 0 );
			$rates[ $id ]->set_taxes( array() );
		}
		return $rates;
	}

	/**
	 * A line added through the Store API with `cartlift: {bundle}` or `{offer}` in its request
	 * keeps that mark (the id of a bundle or upsell of the saved config; anything else is
	 * dropped).
	 *
	 * @param array<string, mixed> $data    WooCommerce's add-to-cart data.
	 * @param object               $request The REST request.
	 * @return array<string, mixed>
	 */
	public static function add_to_cart_data( array $data, $request ): array {
		$given = method_exists( $request, 'get_param' ) ? $request->get_param( self::MARK ) : null;
		$mark  = self::mark_of( $given );
		if ( null !== $mark ) {
			$data['cart_item_data']               = (array) ( $data['cart_item_data'] ?? array() );
			$data['cart_item_data'][ self::MARK ] = $mark;
		}
		return $data;
	}

	/**
	 * A mark the saved config knows: `array( 'bundle' => id )`, `array( 'offer' => id )`, or
	 * `array( 'gift' => id )` for a product one of the shipping bar's goals gives.
	 *
	 * @param mixed $given What the request carried.
	 * @return array<string, string>|null
	 */
	public static function mark_of( $given ): ?array {
		if ( ! is_array( $given ) ) {
			return null;
		}
		$config = self::config( null );
		if ( null === $config ) {
			return null;
		}
		foreach ( array(
			'bundle' => $config->bundles,
			'offer'  => $config->upsells,
		) as $kind => $offers ) {
			$id = $given[ $kind ] ?? null;
			if ( ! is_string( $id ) ) {
				continue;
			}
			foreach ( $offers as $o ) {
				if ( $o['id'] === $id ) {
					return array( $kind => $id );
				}
			}
		}
		$gift = $given['gift'] ?? null;
		foreach ( null === $config->bar ? array() : $config->bar['goals'] as $goal ) {
			if ( is_string( $gift ) && ( $goal['gift'] ?? null ) === $gift ) {
				return array( 'gift' => $gift );
			}
		}
		return null;
	}

	/**
	 * The order keeps each line's mark (`_cartlift_bundle` / `_cartlift_offer` /
	 * `_cartlift_gift`, hidden meta), for the lift report.
	 *
	 * @param object               $item   The order item.
	 * @param string               $key    The cart item's key.
	 * @param array<string, mixed> $values The cart item.
	 */
	public static function order_item_meta( $item, $key, $values ): void {
		$mark = $values[ self::MARK ] ?? null;
		if ( ! is_array( $mark ) ) {
			return;
		}
		foreach ( array( 'bundle', 'offer', 'gift' ) as $kind ) {
			if ( isset( $mark[ $kind ] ) && is_string( $mark[ $kind ] ) ) {
				$item->add_meta_data( '_cartlift_' . $kind, $mark[ $kind ], true );
			}
		}
	}

	/**
	 * The Store API: the cart's `extensions.cartlift` (the claim, each line's discount, the
	 * order discount, free shipping, all in minor units), each marked line's
	 * `extensions.cartlift` (its mark, for the widget to know a gift line from the shopper's
	 * own), and `cart/extensions` with namespace `cartlift` to write the claim.
	 */
	public static function store_api(): void {
		if ( function_exists( 'woocommerce_store_api_register_endpoint_data' ) ) {
			woocommerce_store_api_register_endpoint_data(
				array(
					'endpoint'        => 'cart-item',
					'namespace'       => 'cartlift',
					'data_callback'   => array( self::class, 'item_extension_data' ),
					'schema_callback' => array( self::class, 'item_extension_schema' ),
					'schema_type'     => ARRAY_A,
				)
			);
			woocommerce_store_api_register_endpoint_data(
				array(
					'endpoint'        => 'cart',
					'namespace'       => 'cartlift',
					'data_callback'   => array( self::class, 'extension_data' ),
					'schema_callback' => array( self::class, 'extension_schema' ),
					'schema_type'     => ARRAY_A,
				)
			);
		}
		if ( function_exists( 'woocommerce_store_api_register_update_callback' ) ) {
			woocommerce_store_api_register_update_callback(
				array(
					'namespace' => 'cartlift',
					'callback'  => array( self::class, 'update_from_store_api' ),
				)
			);
		}
	}

	/**
	 * `extensions.cartlift` of the Store API's cart.
	 *
	 * @return array<string, mixed>
	 */
	public static function extension_data(): array {
		$priced = self::priced();
		return array(
			'claim'         => self::claim_text(),
			'currency'      => null === $priced ? null : $priced['currency'],
			'lines'         => null === $priced ? (object) array() : (object) $priced['lines'],
			'order'         => null === $priced || null === $priced['order'] ? null : array(
				'amount' => $priced['order'][0],
				'reward' => $priced['order'][1],
			),
			'free_shipping' => null === $priced || null === $priced['free_shipping'] ? null : $priced['free_shipping'][0],
		);
	}

	/**
	 * A cart line's `extensions.cartlift`: the mark cartlift added it with (`bundle`, `offer`
	 * or `gift`, each an id), none for the shopper's own lines.
	 *
	 * @param array<string, mixed> $cart_item The cart item.
	 * @return array<string, string>
	 */
	public static function item_extension_data( $cart_item ): array {
		$mark = is_array( $cart_item ) ? ( $cart_item[ self::MARK ] ?? null ) : null;
		if ( ! is_array( $mark ) ) {
			return array();
		}
		return array_filter(
			array_intersect_key( $mark, array_flip( array( 'bundle', 'offer', 'gift' ) ) ),
			'is_string'
		);
	}

	/**
	 * The schema of a cart line's `extensions.cartlift`.
	 *
	 * @return array<string, mixed>
	 */
	public static function item_extension_schema(): array {
		$readonly = array(
			'context'  => array( 'view', 'edit' ),
			'readonly' => true,
		);
		return array(
			'bundle' => array( 'type' => 'string' ) + $readonly,
			'offer'  => array( 'type' => 'string' ) + $readonly,
			'gift'   => array( 'type' => 'string' ) + $readonly,
		);
	}

	/**
	 * The schema of `extensions.cartlift`.
	 *
	 * @return array<string, mixed>
	 */
	public static function extension_schema(): array {
		$readonly = array(
			'context'  => array( 'view', 'edit' ),
			'readonly' => true,
		);
		return array(
			'claim'         => array( 'type' => array( 'string', 'null' ) ) + $readonly,
			'currency'      => array( 'type' => array( 'string', 'null' ) ) + $readonly,
			'lines'         => array( 'type' => 'object' ) + $readonly,
			'order'         => array( 'type' => array( 'object', 'null' ) ) + $readonly,
			'free_shipping' => array( 'type' => array( 'string', 'null' ) ) + $readonly,
		);
	}

	/**
	 * `POST cart/extensions` `{namespace: "cartlift", data: {claim}}`: keeps the browser's
	 * claim in the session when it reads as one (what checkout cannot see for itself).
	 *
	 * @param array<string, mixed> $data The request's data.
	 */
	public static function update_from_store_api( $data ): void {
		$claim = is_array( $data ) ? ( $data['claim'] ?? null ) : null;
		if ( ! is_string( $claim ) || strlen( $claim ) > self::CLAIM_LIMIT || ! json_decode( $claim ) instanceof stdClass ) {
			return;
		}
		if ( isset( WC()->session ) ) {
			WC()->session->set( self::CLAIM, $claim );
		}
	}

	/**
	 * The claim in the session, or null.
	 *
	 * @return string|null
	 */
	private static function claim_text(): ?string {
		$claim = isset( WC()->session ) ? WC()->session->get( self::CLAIM ) : null;
		return is_string( $claim ) ? $claim : null;
	}

	/**
	 * The saved form read for a cart in `$currency` with the claimed variants, or null when
	 * there is none or it cannot be read (checkout then charges full price).
	 *
	 * @param string|null           $currency The cart's currency (null: the form's own).
	 * @param array<string, string> $claimed  Experiment → variant.
	 * @param string|null           $rate     The rate to the cart's currency, as decimal text.
	 * @return \Cartlift\Pricing\Config|null
	 */
	private static function config( ?string $currency, array $claimed = array(), ?string $rate = null ) {
		$form = Cartlift_Options::form();
		if ( '' === $form ) {
			return null;
		}
		try {
			if ( null === $currency ) {
				$top      = json_decode( $form );
				$currency = $top instanceof stdClass && isset( $top->currency ) && is_string( $top->currency ) ? $top->currency : '';
			}
			return Form::read( $form, $currency, $rate, $claimed );
		} catch ( \RuntimeException $e ) {
			return null;
		}
	}

	/**
	 * What cartlift gives the cart (WooCommerce's own when none is given), computed once per
	 * state of the cart: `lines` (item key → minor units off), `reward_lines` (item key → its
	 * share of the order discount), `order` (amount, reward) or null, `free_shipping` (kind,
	 * reward) or null, `message`, `currency`. Null when cartlift prices nothing: no saved
	 * form, a currency it does not know, a price it cannot read exactly.
	 *
	 * @param object|null $cart A WC_Cart.
	 * @return array<string, mixed>|null
	 */
	public static function priced( $cart = null ): ?array {
		$cart = $cart ?? ( isset( WC()->cart ) ? WC()->cart : null );
		if ( null === $cart ) {
			return null;
		}
		$currency = (string) get_woocommerce_currency();
		/**
		 * The store's rate for a cart in another currency than the config's (a multi-currency
		 * plugin's): how much one unit of the config's currency is in the cart's, as decimal
		 * text (`"0.92"`). WooCommerce alone sells in one currency: null, and such a cart
		 * gets nothing from cartlift.
		 *
		 * @param string|null $rate     The rate.
		 * @param string      $currency The cart's currency.
		 */
		$rate     = apply_filters( 'cartlift_currency_rate', null, $currency );
		$rate     = is_string( $rate ) ? $rate : null;
		$claim    = Claim::parse( self::claim_text() );
		$country  = self::country();
		$items    = $cart->get_cart();
		$seen     = array();
		foreach ( $items as $key => $item ) {
			$seen[] = array( $key, $item['quantity'] ?? 0, isset( $item['data'] ) ? (string) $item['data']->get_price( 'edit' ) : '', $item[ self::MARK ] ?? null, $item['product_id'] ?? 0, $item['variation_id'] ?? 0 );
		}
		$state = md5( (string) wp_json_encode( array( $seen, $currency, $rate, $claim, $country, Cartlift_Options::form() ) ) );
		if ( null !== self::$cache && self::$cache[0] === $state ) {
			return self::$cache[1];
		}
		$priced      = self::price_items( $items, $currency, $rate, $claim, $country, time() );
		self::$cache = array( $state, $priced );
		return $priced;
	}

	/**
	 * The pricing of cart items (`key => array( quantity, data (WC_Product), product_id,
	 * variation_id, cartlift? )`) in `$currency`, at `$now`.
	 *
	 * @param array<string, array<string, mixed>> $items    The cart's items.
	 * @param string                              $currency The store's currency.
	 * @param string|null                         $rate     From `cartlift_currency_rate`.
	 * @param array<string, mixed>                $claim    From Claim::parse.
	 * @param string|null                         $country  The customer's country.
	 * @param int                                 $now      Unix seconds.
	 * @return array<string, mixed>|null
	 */
	public static function price_items( array $items, string $currency, ?string $rate, array $claim, ?string $country, int $now ): ?array {
		$exponent = Currencies::exponent( $currency );
		$config   = null === $exponent ? null : self::config( $currency, $claim['variants'], $rate );
		if ( null === $config ) {
			return null;
		}
		$keys  = array();
		$lines = array();
		$marks = array();
		foreach ( $items as $key => $item ) {
			$quantity = (int) ( $item['quantity'] ?? 0 );
			$price    = isset( $item['data'] ) && is_object( $item['data'] ) ? $item['data']->get_price( 'edit' ) : null;
			$unit     = is_scalar( $price ) ? Money::parse( (string) $price, $exponent ) : null;
			if ( null === $unit || $quantity < 0 ) {
				// A price cartlift cannot read exactly: it prices nothing rather than guess.
				return null;
			}
			$total = Exact::mul( $unit, $quantity );
			if ( ! is_int( $total ) || $total > Form::MAX_MINOR ) {
				return null;
			}
			$variation = (string) ( $item['variation_id'] ?? '' );
			// The platform id the line is known by: its variation's, else its product's.
			$id        = isset( $config->variants[ $variation ] ) ? $variation : (string) ( $item['product_id'] ?? '' );
			$product   = $config->variants[ $id ] ?? null;
			$keys[]    = (string) $key;
			$mark      = is_array( $item[ self::MARK ] ?? null ) ? $item[ self::MARK ] : array();
			$lines[]   = array(
				'id'       => $id,
				'product'  => $product,
				'quantity' => $quantity,
				'unit'     => $unit,
				'total'    => $total,
				'gift'     => is_string( $mark['gift'] ?? null ),
			);
			$marks[]   = array(
				'bundle' => is_string( $mark['bundle'] ?? null ) ? $mark['bundle'] : null,
				'offer'  => is_string( $mark['offer'] ?? null ) ? $mark['offer'] : null,
			);
		}
		$cart  = array(
			'currency' => $currency,
			'lines'    => $lines,
		);
		$buyer = array(
			'country'  => $country,
			'segments' => $claim['segments'],
		);
		try {
			$off     = Checkout::discounts( $config, $cart, $marks, $buyer, $now );
			$rewards = Checkout::rewards( $config, $cart, $off, $buyer, $now );
		} catch ( \RuntimeException $e ) {
			return null;
		}
		$by_key   = array();
		$because  = array();
		$after    = array();
		foreach ( $lines as $i => $line ) {
			$after[ $i ] = $line['total'];
		}
		foreach ( $off as $d ) {
			$by_key[ $keys[ $d['line'] ] ] = $d['amount'];
			$after[ $d['line'] ]          -= $d['amount'];
			$because                       = array_merge( $because, $d['because'] );
		}
		$reward_lines = array();
		if ( null !== $rewards['order'] ) {
			// The order discount over the lines that count toward the goals, in proportion to
			// what each costs after cartlift's own discounts: the shares add up exactly.
			$counted = array_values( array_diff( array_keys( $lines ), $rewards['excluded'] ) );
			$weights = array_map(
				static function ( $i ) use ( $after ) {
					return $after[ $i ];
				},
				$counted
			);
			foreach ( Money::allocate( $rewards['order'][0], $weights ) as $n => $share ) {
				$reward_lines[ $keys[ $counted[ $n ] ] ] = min( $share, $after[ $counted[ $n ] ] );
			}
		}
		return array(
			'currency'      => $currency,
			'lines'         => $by_key,
			'reward_lines'  => $reward_lines,
			'order'         => $rewards['order'],
			'free_shipping' => $rewards['free_shipping'],
			'message'       => '' === Checkout::message( $because ) ? __( 'cartlift', 'cartlift' ) : Checkout::message( array_values( array_unique( $because, SORT_REGULAR ) ) ),
		);
	}

	/**
	 * The customer's country (shipping, else billing), or null.
	 *
	 * @return string|null
	 */
	private static function country(): ?string {
		$customer = isset( WC()->customer ) ? WC()->customer : null;
		if ( null === $customer ) {
			return null;
		}
		$country = (string) $customer->get_shipping_country();
		if ( '' === $country ) {
			$country = (string) $customer->get_billing_country();
		}
		return '' === $country ? null : $country;
	}

	/**
	 * Minor units of the store's currency as WooCommerce's cents (its amounts at the store's
	 * decimals setting, which need not be the currency's): exact when the store shows at
	 * least the currency's decimals, else rounded half away from zero, the one rule.
	 *
	 * @param int $minor An amount.
	 * @return int
	 */
	public static function cents( int $minor ): int {
		$exponent = (int) Currencies::exponent( (string) get_woocommerce_currency() );
		$decimals = (int) wc_get_price_decimals();
		if ( $decimals >= $exponent ) {
			return (int) Exact::shift( $minor, $decimals - $exponent );
		}
		return Exact::round_half_away( $minor, (int) Exact::shift( 1, $exponent - $decimals ) );
	}

	/**
	 * A WooCommerce amount (a rate's cost) in hundred-millionths, read exactly from its text,
	 * to compare rates; null for anything else.
	 *
	 * @param mixed $value The amount.
	 * @return int|null
	 */
	private static function to_cents( $value ): ?int {
		return is_scalar( $value ) ? Money::parse( (string) $value, 8 ) : null;
	}
}
