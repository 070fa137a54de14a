<?php
/**
 * The config as checkout prices with it: what Form::read gives, in the cart's currency.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Amounts are whole minor units of `$currency`, percentages basis points, times Unix seconds,
 * products and segments positions in their lists; a window is `array( starts_at|null,
 * ends_at|null )`.
 */
final class Config {

	/**
	 * ISO 4217 code.
	 *
	 * @var string
	 */
	public $currency;

	/**
	 * Each product: `array( 'id' => string, 'price' => int )`.
	 *
	 * @var array<int, array{id: string, price: int}>
	 */
	public $products = array();

	/**
	 * A platform's numeric item id (a WooCommerce product or variation, a Shopify variant) to
	 * the product's position.
	 *
	 * @var array<string, int>
	 */
	public $variants = array();

	/**
	 * Each segment: `array( id, conditions )`, the conditions as the form writes them.
	 *
	 * @var array<int, array{0: string, 1: array<string, mixed>}>
	 */
	public $segments = array();

	/**
	 * Each bundle: id, title, items (positions, may repeat), pricing (`array( 'fixed'|'percent'|
	 * 'amount', value )`), window, segments.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	public $bundles = array();

	/**
	 * Each volume tier set: product, tiers (`array( min_quantity, basis points )`, ascending),
	 * window, segments.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	public $tiers = array();

	/**
	 * Each buy X get Y deal, in the merchant's order: id, buy (products), buy_quantity, get
	 * (products), get_quantity, percent_off (basis points), limit (null: none).
	 *
	 * @var array<int, array<string, mixed>>
	 */
	public $deals = array();

	/**
	 * Each upsell: id, title, product, price (`array( 'catalog' )`, `array( 'fixed', amount )`,
	 * `array( 'product', product, bp )`, `array( 'subtotal', bp )`), percent_off, contains, all,
	 * min, max, window, segments.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	public $upsells = array();

	/**
	 * The shipping bar: goals (threshold, by_currency, by_country, reward, window, segments,
	 * free_shipping, percent_off, amount_off), exclude, before_discounts; null without one.
	 *
	 * @var array<string, mixed>|null
	 */
	public $bar = null;

	/**
	 * A product's position by its id, or null.
	 *
	 * @param string $id The merchant's product id.
	 * @return int|null
	 */
	public function product_index( string $id ): ?int {
		foreach ( $this->products as $i => $p ) {
			if ( $p['id'] === $id ) {
				return $i;
			}
		}
		return null;
	}
}
