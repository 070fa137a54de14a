<?php
/**
 * Reads the config as checkout reads it: the form the core's `checkout::form::write` makes
 * (`cartlift export shopify-function` for Shopify's metafield; the settings page for this
 * plugin). The form is the merchant's config already checked and resolved by the core: amounts
 * in minor units, percentages in basis points, times in Unix seconds, products and segments by
 * position. This reader refuses (Bad_Form) anything the core's reader refuses, so a form either
 * prices exactly as the widget does or not at all.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * The reader of `checkout::form`, version 1.
 */
final class Form {

	/** The version the core writes and this reads. */
	const VERSION = 1;

	/** The largest amount cartlift computes with, in minor units (the core's MAX_MINOR). */
	const MAX_MINOR = 1000000000000000;

	/** The largest u32. */
	const U32 = 4294967295;

	/**
	 * The sections of the form, once the claimed experiment variants replaced theirs.
	 *
	 * @var array<string, mixed>
	 */
	private $sections = array();

	/**
	 * The config for a cart in `$currency`: the form's own, converted at `$rate` (decimal text)
	 * when the cart is in another currency, with the variant `$claimed` of each experiment
	 * (`array( experiment => variant )`; the first variant otherwise).
	 *
	 * @param string                $text     The form's JSON text.
	 * @param string                $currency The cart's currency.
	 * @param string|null           $rate     How much one unit of the store's currency is in the cart's.
	 * @param array<string, string> $claimed  The browser's claimed experiment variants.
	 * @return Config
	 * @throws Bad_Form When the text is not a form this version reads.
	 * @throws Overflow When an amount is too large once converted.
	 */
	public static function read( string $text, string $currency, ?string $rate, array $claimed ): Config {
		$top = json_decode( $text, false, 512, JSON_BIGINT_AS_STRING );
		if ( ! $top instanceof \stdClass ) {
			throw new Bad_Form( 'not a JSON object' );
		}
		$form        = new self();
		$experiments = array();
		$changes     = array();
		$own         = null;
		$version     = null;
		foreach ( get_object_vars( $top ) as $key => $value ) {
			switch ( $key ) {
				case 'form':
					$version = self::num( $value, 0, self::U32 );
					break;
				case 'currency':
					$own = self::string( $value );
					break;
				case 'experiments':
					foreach ( self::arr( $value ) as $e ) {
						list( $id, $variants ) = self::tuple( $e, 2 );
						$experiments[]         = array( self::string( $id ), array_map( array( self::class, 'string' ), self::arr( $variants ) ) );
					}
					break;
				case 'variants':
					$changes = self::arr( $value );
					break;
				default:
					$form->sections[ $key ] = $value;
			}
		}
		if ( self::VERSION !== $version || null === $own || null === Currencies::exponent( $own ) ) {
			throw new Bad_Form( 'not a version ' . self::VERSION . ' form' );
		}
		foreach ( $changes as $change ) {
			list( $e, $v, $sections ) = self::tuple( $change, 3 );
			$e                        = self::num( $e, 0, PHP_INT_MAX );
			$v                        = self::num( $v, 0, PHP_INT_MAX );
			if ( ! isset( $experiments[ $e ] ) || ! isset( $experiments[ $e ][1][ $v ] ) ) {
				throw new Bad_Form( 'a variant of an experiment the form does not have' );
			}
			list( $experiment, $variants ) = $experiments[ $e ];
			if ( ! isset( $claimed[ $experiment ] ) || $claimed[ $experiment ] !== $variants[ $v ] ) {
				continue;
			}
			if ( ! $sections instanceof \stdClass ) {
				throw new Bad_Form( 'a variant whose sections are not an object' );
			}
			foreach ( get_object_vars( $sections ) as $key => $value ) {
				$form->sections[ $key ] = $value;
			}
		}
		$config = $form->config( $own );
		if ( $config->currency === $currency ) {
			return $config;
		}
		if ( null === $rate || null === Currencies::exponent( $currency ) ) {
			throw new Bad_Form( 'a cart in another currency than the form, without a rate' );
		}
		return Market::convert_config( $config, $currency, Market::rate( $rate ) );
	}

	/**
	 * A section, or null when the form has none.
	 *
	 * @param string $name The section.
	 * @return mixed
	 */
	private function take( string $name ) {
		return $this->sections[ $name ] ?? null;
	}

	/**
	 * The config of the sections, in `$currency`.
	 *
	 * @param string $currency The form's currency.
	 * @return Config
	 * @throws Bad_Form On anything the core's reader refuses.
	 */
	private function config( string $currency ): Config {
		$config           = new Config();
		$config->currency = $currency;
		foreach ( self::arr( $this->take( 'products' ) ) as $i => $p ) {
			list( $id, $price, $variant ) = self::tuple( $p, 3 );
			// One platform id, or a product with variants' list of them (spec §10): each is a
			// line of the product. Numeric ids only, as the core's reader (WooCommerce's and
			// Shopify's are numbers).
			foreach ( is_array( $variant ) ? $variant : array( $variant ) as $one ) {
				if ( is_string( $one ) && 1 === preg_match( '/^[0-9]{1,20}$/', $one ) ) {
					$config->variants[ ltrim( $one, '0' ) === '' ? '0' : ltrim( $one, '0' ) ] = $i;
				}
			}
			$config->products[] = array(
				'id'    => self::string( $id ),
				'price' => self::amount( $price ),
			);
		}
		$n        = count( $config->products );
		$segments = $this->take( 'segments' );
		if ( null !== $segments ) {
			foreach ( self::arr( $segments ) as $s ) {
				list( $id, $when )    = self::tuple( $s, 2 );
				$config->segments[] = array( self::string( $id ), self::when( $when ) );
			}
		}
		$s = count( $config->segments );
		foreach ( self::list_of( $this->take( 'bundles' ) ) as $b ) {
			list( $id, $title, $items, $pricing, $window, $segs ) = self::tuple( $b, 6 );
			list( $kind, $value )                                 = self::tuple( $pricing, 2 );
			switch ( self::string( $kind ) ) {
				case 'fixed':
				case 'amount':
					$value = self::amount( $value );
					break;
				case 'percent':
					$value = self::basis_points( $value );
					break;
				default:
					throw new Bad_Form( 'a bundle priced in a way this version does not know' );
			}
			$items = self::indices( $items, $n );
			if ( array() === $items ) {
				throw new Bad_Form( 'a bundle without items' );
			}
			$config->bundles[] = array(
				'id'       => self::string( $id ),
				'title'    => self::string( $title ),
				'items'    => $items,
				'pricing'  => array( $kind, $value ),
				'window'   => self::window( $window ),
				'segments' => self::indices( $segs, $s ),
			);
		}
		foreach ( self::list_of( $this->take( 'tiers' ) ) as $t ) {
			list( $product, $tiers, $window, $segs ) = self::tuple( $t, 4 );
			$rows                                    = array();
			foreach ( self::arr( $tiers ) as $tier ) {
				list( $min, $pct ) = self::tuple( $tier, 2 );
				$rows[]            = array( self::num( $min, 1, self::U32 ), self::basis_points( $pct ) );
			}
			if ( array() === $rows ) {
				throw new Bad_Form( 'a tier set without tiers' );
			}
			$config->tiers[] = array(
				'product'  => self::index( $product, $n ),
				'tiers'    => $rows,
				'window'   => self::window( $window ),
				'segments' => self::indices( $segs, $s ),
			);
		}
		foreach ( self::list_of( $this->take( 'deals' ) ) as $d ) {
			list( $id, $buy, $bq, $get, $gq, $pct, $limit ) = self::tuple( $d, 7 );
			$buy = self::indices( $buy, $n );
			$get = self::indices( $get, $n );
			if ( array() === $buy || array() === $get ) {
				throw new Bad_Form( 'a deal with no product on one side' );
			}
			$config->deals[] = array(
				'id'           => self::string( $id ),
				'buy'          => $buy,
				'buy_quantity' => self::num( $bq, 1, self::U32 ),
				'get'          => $get,
				'get_quantity' => self::num( $gq, 1, self::U32 ),
				'percent_off'  => self::basis_points( $pct ),
				'limit'        => null === $limit ? null : self::num( $limit, 1, self::U32 ),
			);
		}
		foreach ( self::list_of( $this->take( 'upsells' ) ) as $u ) {
			list( $id, $title, $product, $price, $percent_off, $contains, $all, $min, $max, $window, $segs ) = self::tuple( $u, 11 );
			$price = self::arr( $price );
			$kind  = self::string( $price[0] ?? null );
			switch ( $kind ) {
				case 'catalog':
					$price = array( 'catalog' );
					break;
				case 'fixed':
					$price = array( 'fixed', self::amount( $price[1] ?? null ) );
					break;
				case 'product':
					$price = array( 'product', self::index( $price[1] ?? null, $n ), self::basis_points( $price[2] ?? null ) );
					break;
				case 'subtotal':
					$price = array( 'subtotal', self::basis_points( $price[1] ?? null ) );
					break;
				default:
					throw new Bad_Form( 'an upsell priced in a way this version does not know' );
			}
			$config->upsells[] = array(
				'id'          => self::string( $id ),
				'title'       => self::string( $title ),
				'product'     => self::index( $product, $n ),
				'price'       => $price,
				'percent_off' => null === $percent_off ? null : self::basis_points( $percent_off ),
				'contains'    => self::indices( $contains, $n ),
				'all'         => self::indices( $all, $n ),
				'min'         => null === $min ? null : self::amount( $min ),
				'max'         => null === $max ? null : self::amount( $max ),
				'window'      => self::window( $window ),
				'segments'    => self::indices( $segs, $s ),
			);
		}
		$bar = $this->take( 'bar' );
		if ( null !== $bar ) {
			if ( ! $bar instanceof \stdClass ) {
				throw new Bad_Form( 'a shipping bar that is not an object' );
			}
			$config->bar = self::bar( $bar, $n, $s );
		}
		return $config;
	}

	/**
	 * The shipping bar's section.
	 *
	 * @param \stdClass $bar The section.
	 * @param int       $n   How many products.
	 * @param int       $s   How many segments.
	 * @return array<string, mixed>
	 * @throws Bad_Form On anything the core's reader refuses.
	 */
	private static function bar( \stdClass $bar, int $n, int $s ): array {
		$out = array(
			'goals'            => array(),
			'exclude'          => array(),
			'before_discounts' => false,
		);
		foreach ( get_object_vars( $bar ) as $key => $value ) {
			switch ( $key ) {
				case 'goals':
					$out['goals'] = array_map(
						static function ( $g ) use ( $s ) {
							return self::goal( $g, $s );
						},
						self::arr( $value )
					);
					break;
				case 'exclude':
					$out['exclude'] = self::indices( $value, $n );
					break;
				case 'before_discounts':
					$out['before_discounts'] = true === $value;
					break;
				default:
					throw new Bad_Form( 'a shipping bar member this version does not know' );
			}
		}
		if ( array() === $out['goals'] ) {
			throw new Bad_Form( 'a shipping bar without goals' );
		}
		return $out;
	}

	/**
	 * One goal of the bar.
	 *
	 * @param mixed $g The goal's tuple.
	 * @param int   $s How many segments.
	 * @return array<string, mixed>
	 * @throws Bad_Form On anything the core's reader refuses.
	 */
	private static function goal( $g, int $s ): array {
		list( $threshold, $by_currency, $by_country, $reward, $window, $segs, $grants ) = self::tuple( $g, 7 );
		$currencies = array();
		foreach ( self::arr( $by_currency ) as $pair ) {
			list( $code, $m ) = self::tuple( $pair, 2 );
			$code             = self::string( $code );
			if ( null === Currencies::exponent( $code ) ) {
				throw new Bad_Form( 'a threshold in an unknown currency' );
			}
			$currencies[] = array( $code, self::amount( $m ) );
		}
		$countries = array();
		foreach ( self::arr( $by_country ) as $pair ) {
			list( $country, $m ) = self::tuple( $pair, 2 );
			$countries[]         = array( self::string( $country ), self::amount( $m ) );
		}
		// A goal that gives a gift has its product fourth, and when it gives one variant of it
		// (spec §10), that variant's platform id fifth; the others have three.
		$grants    = self::arr( $grants );
		$gift      = null;
		$gift_line = null;
		if ( 5 === count( $grants ) ) {
			$gift_line = self::string( array_pop( $grants ) );
		}
		if ( 4 === count( $grants ) ) {
			$gift = self::string( array_pop( $grants ) );
		}
		list( $free, $pct, $off ) = self::tuple( $grants, 3 );
		if ( null !== $free && 'cheapest' !== $free && 'all' !== $free ) {
			throw new Bad_Form( 'free shipping of an unknown kind' );
		}
		return array(
			'threshold'     => self::amount( $threshold ),
			'by_currency'   => $currencies,
			'by_country'    => $countries,
			'reward'        => self::string( $reward ),
			'window'        => self::window( $window ),
			'segments'      => self::indices( $segs, $s ),
			'free_shipping' => $free,
			'percent_off'   => null === $pct ? null : self::basis_points( $pct ),
			'amount_off'    => null === $off ? null : self::amount( $off ),
			'gift'          => $gift,
			'gift_line'     => $gift_line,
		);
	}

	/**
	 * A segment's conditions. Checkout uses only `country` and whether there is anything else
	 * (the rest only the browser can tell), but every member is read as the core reads it.
	 *
	 * @param mixed $v The conditions' object.
	 * @return array<string, mixed>
	 * @throws Bad_Form On anything the core's reader refuses.
	 */
	private static function when( $v ): array {
		if ( ! $v instanceof \stdClass ) {
			throw new Bad_Form( 'segment conditions that are not an object' );
		}
		$out = array();
		foreach ( get_object_vars( $v ) as $key => $value ) {
			switch ( $key ) {
				case 'returning':
					$out[ $key ] = true === $value;
					break;
				case 'orders_min':
				case 'orders_max':
				case 'max_width':
				case 'min_width':
					$out[ $key ] = self::num( $value, 0, self::U32 );
					break;
				case 'typical_min':
				case 'typical_max':
					$out[ $key ] = self::amount( $value );
					break;
				case 'viewed':
				case 'bought':
				case 'country':
					$out[ $key ] = array_map( array( self::class, 'string' ), self::arr( $value ) );
					break;
				case 'utm_source':
				case 'utm_campaign':
					$out[ $key ] = self::string( $value );
					break;
				default:
					throw new Bad_Form( 'a segment condition this version does not know' );
			}
		}
		return $out;
	}

	/**
	 * A list.
	 *
	 * @param mixed $v A JSON value.
	 * @return array<int, mixed>
	 * @throws Bad_Form When it is not an array.
	 */
	private static function arr( $v ): array {
		if ( ! is_array( $v ) ) {
			throw new Bad_Form( 'a list was expected' );
		}
		return $v;
	}

	/**
	 * A list, or nothing for null.
	 *
	 * @param mixed $v A JSON value.
	 * @return array<int, mixed>
	 * @throws Bad_Form When it is neither.
	 */
	private static function list_of( $v ): array {
		return null === $v ? array() : self::arr( $v );
	}

	/**
	 * A list of exactly `$n` members.
	 *
	 * @param mixed $v A JSON value.
	 * @param int   $n Its length.
	 * @return array<int, mixed>
	 * @throws Bad_Form Otherwise.
	 */
	private static function tuple( $v, int $n ): array {
		$v = self::arr( $v );
		if ( count( $v ) !== $n ) {
			throw new Bad_Form( "a tuple of $n was expected" );
		}
		return $v;
	}

	/**
	 * A whole number from `$lo` to `$hi`, written as a JSON integer.
	 *
	 * @param mixed $v  A JSON value.
	 * @param int   $lo The least.
	 * @param int   $hi The most.
	 * @return int
	 * @throws Bad_Form Otherwise.
	 */
	private static function num( $v, int $lo, int $hi ): int {
		if ( ! is_int( $v ) || $v < $lo || $v > $hi ) {
			throw new Bad_Form( 'a whole number in range was expected' );
		}
		return $v;
	}

	/**
	 * A string.
	 *
	 * @param mixed $v A JSON value.
	 * @return string
	 * @throws Bad_Form Otherwise.
	 */
	private static function string( $v ): string {
		if ( ! is_string( $v ) ) {
			throw new Bad_Form( 'a string was expected' );
		}
		return $v;
	}

	/**
	 * An amount in minor units.
	 *
	 * @param mixed $v A JSON value.
	 * @return int
	 * @throws Bad_Form Otherwise.
	 */
	private static function amount( $v ): int {
		return self::num( $v, 0, self::MAX_MINOR );
	}

	/**
	 * A percentage in basis points, 0 to 10,000.
	 *
	 * @param mixed $v A JSON value.
	 * @return int
	 * @throws Bad_Form Otherwise.
	 */
	private static function basis_points( $v ): int {
		return self::num( $v, 0, 10000 );
	}

	/**
	 * A position in a list of `$len`.
	 *
	 * @param mixed $v   A JSON value.
	 * @param int   $len The list's length.
	 * @return int
	 * @throws Bad_Form Otherwise.
	 */
	private static function index( $v, int $len ): int {
		return self::num( $v, 0, $len - 1 );
	}

	/**
	 * Positions in a list of `$len`.
	 *
	 * @param mixed $v   A JSON value.
	 * @param int   $len The list's length.
	 * @return array<int, int>
	 * @throws Bad_Form Otherwise.
	 */
	private static function indices( $v, int $len ): array {
		return array_map(
			static function ( $i ) use ( $len ) {
				return self::index( $i, $len );
			},
			self::arr( $v )
		);
	}

	/**
	 * A window: null (always), or `[starts_at|null, ends_at|null]`.
	 *
	 * @param mixed $v A JSON value.
	 * @return array{0: int|null, 1: int|null}
	 * @throws Bad_Form Otherwise.
	 */
	private static function window( $v ): array {
		if ( null === $v ) {
			return array( null, null );
		}
		list( $start, $end ) = self::tuple( $v, 2 );
		return array(
			null === $start ? null : self::num( $start, PHP_INT_MIN, PHP_INT_MAX ),
			null === $end ? null : self::num( $end, PHP_INT_MIN, PHP_INT_MAX ),
		);
	}
}
