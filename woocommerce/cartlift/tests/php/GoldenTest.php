<?php
/**
 * The core's golden vectors (core/tests/golden/), replayed through the plugin's PHP pricing:
 * checkout on WooCommerce takes off each line, and gives for each goal, exactly what the core
 * says and the widget showed, to the minor unit, as the Shopify Function does. A vector the
 * PHP cannot price fails; none is skipped.
 *
 * @package Cartlift
 */

use Cartlift\Pricing\Checkout;
use Cartlift\Pricing\Claim;
use Cartlift\Pricing\Config;
use Cartlift\Pricing\Currencies;
use Cartlift\Pricing\Form;
use Cartlift\Pricing\Money;
use PHPUnit\Framework\TestCase;

/**
 * One test per vector.
 */
final class GoldenTest extends TestCase {

	/** Where the core writes its vectors. */
	const DIR = __DIR__ . '/../../../../core/tests/golden';

	/**
	 * Every vector, by name.
	 *
	 * @return array<string, array{0: array<string, mixed>}>
	 */
	public function vectors(): array {
		$out = array();
		foreach ( glob( self::DIR . '/*.json' ) as $file ) {
			$v                  = json_decode( file_get_contents( $file ), true, 512, JSON_THROW_ON_ERROR );
			$out[ $v['name'] ] = array( $v );
		}
		return $out;
	}

	public function test_every_vector_of_the_core_is_here(): void {
		$this->assertGreaterThanOrEqual( 41, count( $this->vectors() ), 'the core writes at least 41 vectors' );
	}

	/**
	 * The vector priced by the PHP: what each line has off, what it is charged, the order
	 * discount and the lines it leaves out, and free shipping, each as the core says.
	 *
	 * @dataProvider vectors
	 * @param array<string, mixed> $v The vector.
	 */
	public function test_checkout_charges_what_the_widget_showed( array $v ): void {
		$priced = self::price( $v );
		$this->assertSame(
			array_map(
				static function ( $d ) {
					return array( $d['line'], $d['amount'] );
				},
				$v['checkout']['discounts']
			),
			array_map(
				static function ( $d ) {
					return array( $d['line'], $d['amount'] );
				},
				$priced['discounts']
			),
			'the amount off each line'
		);
		$this->assertSame( $v['checkout']['charged'], $priced['charged'], 'what each line is charged' );
		$order = $priced['rewards']['order'];
		$this->assertSame(
			$v['checkout']['order'],
			null === $order ? null : array(
				'amount'  => $order[0],
				'message' => $order[1],
			),
			'the order discount'
		);
		$this->assertSame( $v['checkout']['excluded'], $priced['rewards']['excluded'], 'the lines the goals leave out' );
		$free = $priced['rewards']['free_shipping'];
		$this->assertSame(
			$v['checkout']['free_shipping'],
			null === $free ? null : array(
				'message' => $free[1],
				'options' => $free[0],
			),
			'free shipping'
		);
	}

	/**
	 * Every figure the widget showed for some lines is what checkout charges for them.
	 *
	 * @dataProvider vectors
	 * @param array<string, mixed> $v The vector.
	 */
	public function test_each_claimed_widget_figure_is_charged_to_the_minor_unit( array $v ): void {
		$charged = self::price( $v )['charged'];
		foreach ( $v['claims'] as $claim ) {
			$sum = 0;
			foreach ( $claim['lines'] as $line ) {
				$sum += $charged[ $line ];
			}
			$this->assertSame( $claim['minor'], $sum, implode( ' + ', $claim['figures'] ) );
		}
	}

	/**
	 * The product a line of the vector's cart is, in the form's config: found as the plugin
	 * finds it, by the line's platform id, which the form maps to its product (a variant's to
	 * its product's, spec §10).
	 *
	 * @param array<string, mixed> $v      The vector.
	 * @param Config               $config The form's config.
	 * @param string               $id     The line's product or variant id.
	 */
	private static function product_of( array $v, Config $config, string $id ): ?int {
		foreach ( $v['config']['products'] as $p ) {
			foreach ( array_merge( array( $p ), $p['variants'] ?? array() ) as $item ) {
				if ( $item['id'] === $id && isset( $item['variant_id'] ) ) {
					return $config->variants[ (string) $item['variant_id'] ] ?? null;
				}
			}
		}
		return $config->product_index( $id );
	}

	/**
	 * The platform id of a line of the vector's cart: its product's or variant's `variant_id`,
	 * as the plugin knows a line by it (empty when the config gives none).
	 *
	 * @param array<string, mixed> $v  The vector.
	 * @param string               $id The line's product or variant id.
	 */
	private static function platform_id( array $v, string $id ): string {
		foreach ( $v['config']['products'] as $p ) {
			foreach ( array_merge( array( $p ), $p['variants'] ?? array() ) as $item ) {
				if ( $item['id'] === $id && isset( $item['variant_id'] ) ) {
					return (string) $item['variant_id'];
				}
			}
		}
		return '';
	}

	/**
	 * The vector's cart priced from its form, as the plugin prices a WooCommerce cart.
	 *
	 * @param array<string, mixed> $v The vector.
	 * @return array<string, mixed>
	 */
	private static function price( array $v ): array {
		$currency = $v['currency'];
		$claim    = Claim::parse( $v['claim'] );
		$config   = Form::read( json_encode( $v['form'] ), $currency, $v['rate'], $claim['variants'] );
		$exponent = Currencies::exponent( $currency );
		$lines    = array();
		foreach ( $v['cart']['items'] as $i => $item ) {
			$unit    = Money::parse( (string) $item['price'], $exponent );
			$lines[] = array(
				'id'       => self::platform_id( $v, $item['id'] ),
				'product'  => self::product_of( $v, $config, $item['id'] ),
				'quantity' => $item['quantity'],
				'unit'     => $unit,
				'total'    => $unit * $item['quantity'],
				// `_cartlift_gift`, as the plugin reads it off the cart item.
				'gift'     => isset( $v['marks'][ $i ]['gift'] ),
			);
		}
		$cart  = array(
			'currency' => $currency,
			'lines'    => $lines,
		);
		$buyer = array(
			'country'  => $v['country'],
			'segments' => $claim['segments'],
		);
		$now   = ( new DateTimeImmutable( $v['now'] ) )->getTimestamp();
		$off   = Checkout::discounts( $config, $cart, $v['marks'], $buyer, $now );
		$charged = array();
		foreach ( $lines as $i => $line ) {
			$taken = 0;
			foreach ( $off as $d ) {
				if ( $d['line'] === $i ) {
					$taken = $d['amount'];
				}
			}
			$charged[] = $line['total'] - $taken;
		}
		return array(
			'discounts' => $off,
			'charged'   => $charged,
			'rewards'   => Checkout::rewards( $config, $cart, $off, $buyer, $now ),
		);
	}
}
