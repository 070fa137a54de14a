<?php
/**
 * The PHP pricing's own promises, beyond the golden vectors: exact arithmetic past PHP's
 * integers, the one rounding rule, the largest remainder, the form reader's refusals, and the
 * rules the vectors do not reach.
 *
 * @package Cartlift
 */

use Cartlift\Pricing\Bad_Form;
use Cartlift\Pricing\Checkout;
use Cartlift\Pricing\Config;
use Cartlift\Pricing\Exact;
use Cartlift\Pricing\Form;
use Cartlift\Pricing\Market;
use Cartlift\Pricing\Money;
use PHPUnit\Framework\TestCase;

/**
 * Worked examples.
 */
final class PricingTest extends TestCase {

	public function test_15_percent_of_ten_cents_is_two_cents_half_away_from_zero(): void {
		$this->assertSame( 2, Money::percent( 10, 1500 ) );
		$this->assertSame( 8, Money::less_percent( 10, 1500 ) );
		$this->assertSame( 3, Exact::round_half_away( 5, 2 ) );
		$this->assertSame( -3, Exact::round_half_away( -5, 2 ) );
		$this->assertSame( 2, Exact::round_half_away( 7, 4 ) );
		$this->assertSame( 0, Exact::round_half_away( 7, 0 ), 'a divisor that is not positive gives zero' );
	}

	public function test_a_product_past_php_integers_is_exact_in_bcmath_never_a_float(): void {
		// 10^15 (the largest amount) × 10^4 basis points passes PHP_INT_MAX.
		$product = Exact::mul( 1000000000000000, 10000 );
		$this->assertSame( '10000000000000000000', $product );
		$this->assertSame( 1000000000000000, Money::percent( 1000000000000000, 10000 ) );
		$this->assertSame( 999999999999999, Money::percent( 999999999999999, 10000 ) );
		$this->assertSame( 150000000000000, Money::percent( 1000000000000000, 1500 ) );
		$this->assertSame( array( -2, 1 ), Exact::div_euclid( -5, 3 ) );
		$this->assertSame( array( 3333333333333333333, 1 ), Exact::div_euclid( '10000000000000000000', 3 ) );
	}

	public function test_100_dollars_over_three_equal_items_is_33_34_33_33_33_33(): void {
		$this->assertSame( array( 3334, 3333, 3333 ), Money::allocate( 10000, array( 500, 500, 500 ) ) );
		$this->assertSame( array( 90476, 4524 ), Money::allocate( 95000, array( 100000, 5000 ) ) );
		$this->assertSame( array( 34, 33, 33 ), Money::allocate( 100, array( 0, 0, 0 ) ), 'no weights: evenly' );
		foreach ( array( array( 1, array( 3, 3, 3 ) ), array( 99999, array( 1, 2, 3, 4 ) ), array( 7, array( 1000000000000000, 1 ) ) ) as list( $price, $weights ) ) {
			$this->assertSame( $price, array_sum( Money::allocate( $price, $weights ) ), 'the shares add up exactly' );
		}
	}

	public function test_amounts_are_read_digit_by_digit(): void {
		$this->assertSame( 1299, Money::parse( '12.99', 2 ) );
		$this->assertSame( 1299, Money::parse( '12.990', 2 ) );
		$this->assertSame( 1200, Money::parse( '12', 2 ) );
		$this->assertSame( 12345, Money::parse( '12.345', 3 ) );
		$this->assertSame( 1000, Money::parse( '1000', 0 ) );
		$this->assertNull( Money::parse( '12.995', 2 ), 'more decimals than the currency has' );
		$this->assertNull( Money::parse( '-1', 2 ) );
		$this->assertNull( Money::parse( '1e3', 2 ) );
		$this->assertNull( Money::parse( '10000000000000.01', 2 ), 'above the largest amount' );
	}

	public function test_a_rate_is_a_positive_decimal_of_at_most_30_digits(): void {
		$this->assertSame( array( 92, 2 ), Market::rate( '0.92' ) );
		$this->assertSame( array( 1495, 1 ), Market::rate( '149.5' ) );
		$this->assertSame( 4600, Market::convert( 5000, 'USD', 'EUR', Market::rate( '0.92' ) ) );
		$this->assertSame( 7, Market::convert( 5, 'USD', 'JPY', Market::rate( '149.5' ) ), '$0.05 at ¥149.5 is ¥7.475: ¥7' );
		$this->assertSame( 2100, Market::convert( 1000, 'JPY', 'KWD', Market::rate( '0.0021' ) ), '¥1,000 at 0.0021 is 2.100 KWD' );
		$this->assertSame( 2, Market::convert( 1, 'JPY', 'KWD', Market::rate( '0.0021' ) ), '¥1 is 2.1 fils: 2' );
		foreach ( array( '0', '0.0', 'abc', '-1', '1.2.3', str_repeat( '1', 31 ) ) as $bad ) {
			try {
				Market::rate( $bad );
				$this->fail( "$bad is not a rate" );
			} catch ( Bad_Form $e ) {
				$this->assertNotSame( '', $e->getMessage() );
			}
		}
	}

	/**
	 * A form's text with one section replaced.
	 *
	 * @param array<string, mixed> $change Sections.
	 * @return string
	 */
	private static function form( array $change ): string {
		return (string) json_encode(
			array_merge(
				array(
					'form'     => 1,
					'currency' => 'USD',
					'products' => array( array( 'laptop', 100000, '101' ), array( 'mouse', 5000, null ) ),
				),
				$change
			)
		);
	}

	public function test_the_reader_refuses_what_the_cores_reader_refuses(): void {
		$this->assertSame( 2, count( Form::read( self::form( array() ), 'USD', null, array() )->products ) );
		$bad = array(
			'another version'           => array( 'form' => 2 ),
			'an unknown currency'       => array( 'currency' => 'ABC' ),
			'no products'               => array( 'products' => null ),
			'a float amount'            => array( 'products' => array( array( 'laptop', 1000.5, null ) ) ),
			'a product out of range'    => array( 'bundles' => array( array( 'b', 'B', array( 0, 2 ), array( 'fixed', 100 ), null, array() ) ) ),
			'an unknown bundle pricing' => array( 'bundles' => array( array( 'b', 'B', array( 0, 1 ), array( 'free', 0 ), null, array() ) ) ),
			'an empty bundle'           => array( 'bundles' => array( array( 'b', 'B', array(), array( 'fixed', 100 ), null, array() ) ) ),
			'over 100 percent'          => array( 'tiers' => array( array( 0, array( array( 2, 10001 ) ), null, array() ) ) ),
			'a bar without goals'       => array( 'bar' => array( 'goals' => array() ) ),
			'a bar member unknown'      => array( 'bar' => array( 'goals' => array(), 'colour' => 'red' ) ),
			'a short tuple'             => array( 'tiers' => array( array( 0, array( array( 2, 100 ) ), null ) ) ),
			'an unknown condition'      => array( 'segments' => array( array( 'vip', array( 'mood' => 'happy' ) ) ) ),
		);
		foreach ( $bad as $why => $change ) {
			try {
				Form::read( self::form( $change ), 'USD', null, array() );
				$this->fail( "read $why" );
			} catch ( Bad_Form $e ) {
				$this->assertNotSame( '', $e->getMessage(), $why );
			}
		}
		$this->expectException( Bad_Form::class );
		Form::read( self::form( array() ), 'EUR', null, array() );
	}

	public function test_the_platform_ids_are_the_numeric_variant_ids(): void {
		$config = Form::read( self::form( array() ), 'USD', null, array() );
		$this->assertSame( array( '101' => 0 ), $config->variants );
	}

	/**
	 * A config of one product at `$price` and a bar of `$goals`.
	 *
	 * @param array<int, array<string, mixed>> $goals Goals.
	 * @return Config
	 */
	private static function bar( array $goals ): Config {
		$config           = new Config();
		$config->currency = 'USD';
		$config->products = array(
			array(
				'id'    => 'shirt',
				'price' => 2500,
			),
		);
		$defaults         = array(
			'by_currency'   => array(),
			'by_country'    => array(),
			'window'        => array( null, null ),
			'segments'      => array(),
			'free_shipping' => null,
			'percent_off'   => null,
			'amount_off'    => null,
		);
		$config->bar      = array(
			'goals'            => array_map(
				static function ( $g ) use ( $defaults ) {
					return array_merge( $defaults, $g );
				},
				$goals
			),
			'exclude'          => array(),
			'before_discounts' => false,
		);
		return $config;
	}

	/**
	 * A cart of `$n` shirts at $25.
	 *
	 * @param int $n Shirts.
	 * @return array<string, mixed>
	 */
	private static function shirts( int $n ): array {
		return array(
			'currency' => 'USD',
			'lines'    => array(
				array(
					'product'  => 0,
					'quantity' => $n,
					'unit'     => 2500,
					'total'    => 2500 * $n,
				),
			),
		);
	}

	public function test_every_option_free_from_a_lower_goal_stays_when_a_higher_one_frees_the_cheapest(): void {
		$config  = self::bar(
			array(
				array( 'threshold' => 5000, 'reward' => 'free express', 'free_shipping' => 'all' ),
				array( 'threshold' => 7500, 'reward' => 'free standard', 'free_shipping' => 'cheapest' ),
			)
		);
		$rewards = Checkout::rewards( $config, self::shirts( 4 ), array(), array( 'country' => null, 'segments' => array() ), 0 );
		$this->assertSame( array( 'all', 'free express' ), $rewards['free_shipping'] );
	}

	public function test_ten_percent_off_100_dollars_at_the_100_dollar_goal_and_nothing_a_cent_below(): void {
		$config = self::bar( array( array( 'threshold' => 10000, 'reward' => '10% off', 'percent_off' => 1000 ) ) );
		$buyer  = array(
			'country'  => null,
			'segments' => array(),
		);
		$this->assertSame( array( 1000, '10% off' ), Checkout::rewards( $config, self::shirts( 4 ), array(), $buyer, 0 )['order'] );
		$short                        = self::shirts( 4 );
		$short['lines'][0]['total']   = 9999;
		$this->assertNull( Checkout::rewards( $config, $short, array(), $buyer, 0 )['order'] );
	}

	public function test_a_canadian_threshold_applies_to_a_canadian_cart_only(): void {
		$config = self::bar( array( array( 'threshold' => 10000, 'by_country' => array( array( 'CA', 5000 ) ), 'reward' => 'free shipping', 'free_shipping' => 'cheapest' ) ) );
		$cart   = self::shirts( 2 );
		$this->assertNotNull( Checkout::rewards( $config, $cart, array(), array( 'country' => 'CA', 'segments' => array() ), 0 )['free_shipping'] );
		$this->assertNull( Checkout::rewards( $config, $cart, array(), array( 'country' => 'US', 'segments' => array() ), 0 )['free_shipping'] );
	}

	public function test_a_goal_that_has_ended_grants_nothing(): void {
		$config = self::bar( array( array( 'threshold' => 0, 'reward' => 'free shipping', 'free_shipping' => 'all', 'window' => array( null, 1000 ) ) ) );
		$buyer  = array(
			'country'  => null,
			'segments' => array(),
		);
		$this->assertNotNull( Checkout::rewards( $config, self::shirts( 1 ), array(), $buyer, 999 )['free_shipping'] );
		$this->assertNull( Checkout::rewards( $config, self::shirts( 1 ), array(), $buyer, 1000 )['free_shipping'] );
	}

	public function test_the_discount_messages_name_the_offers_and_the_tier(): void {
		$this->assertSame( 'Laptop + Mouse · 15% off for quantity', Checkout::message( array( array( 'bundle', 'office-2', 'Laptop + Mouse', 1 ), array( 'tier', 'socks', 1500, 3 ) ) ) );
		$this->assertSame( 'office-2', Checkout::message( array( array( 'bundle', 'office-2', '', 1 ) ) ), 'an offer without a title by its id' );
		$this->assertSame( '7.5%', Checkout::percent_text( 750 ) );
		$this->assertSame( '12.25%', Checkout::percent_text( 1225 ) );
	}

	public function test_a_deals_message_says_buy_2_get_1_free_or_at_its_percentage_off(): void {
		$this->assertSame( 'Buy 2, get 1 free', Checkout::message( array( array( 'deal', 'socks-3for2', 2, 1, 10000, 1 ) ) ) );
		$this->assertSame( 'Buy 1, get 1 at 12.5% off · 10% off for quantity', Checkout::message( array( array( 'deal', 'tea', 1, 1, 1250, 1 ), array( 'tier', 'tea', 1000, 2 ) ) ) );
	}
}
