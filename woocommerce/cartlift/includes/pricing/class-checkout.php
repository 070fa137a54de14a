<?php
/**
 * What checkout charges: the amount off each cart line so that every bundle costs exactly its
 * bundle price and every volume tier and upsell exactly what the widget said, to the minor
 * unit; and what the shipping bar's reached goals give (an order discount, free shipping).
 *
 * A line-by-line port of the core's `checkout` module (and of the parts of `bundles`, `tiers`,
 * `upsell`, `shipping` and `pricing` it calls), held to the same golden vectors as the Shopify
 * Function (tests/php/GoldenTest.php): one set of figures, every implementation. Bundles are
 * recognised from the cart, not trusted from the marks alone: a bundle is priced only for the
 * complete sets its marked lines hold, while it is live, for the shopper's segments. Each unit
 * takes one discount at most: a bundle set, then an upsell, then the buy X get Y deals in the
 * merchant's order (each over the units still undiscounted), then the volume tier. No line is
 * ever asked to cost more than it does.
 *
 * A cart is `array( 'currency' => code, 'lines' => list of array( 'product' => int|null,
 * 'quantity' => int, 'unit' => int, 'total' => int, 'gift' => bool, 'id' => the platform id
 * (read only on a gift line) ) )`, amounts in minor units; a mark is
 * `array( 'bundle' => id|null, 'offer' => id|null )`; a buyer is `array( 'country' =>
 * code|null, 'segments' => claimed segment ids )`.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Checkout's discounts and rewards.
 */
final class Checkout {

	/**
	 * The amount off each line (lines with nothing off left out), in line order: `array(
	 * 'line' => index, 'amount' => minor units, 'because' => list of reasons )`, each reason
	 * `array( 'bundle', id, title, units )`, `array( 'upsell', id, title )`, `array( 'deal', id,
	 * buy quantity, get quantity, basis points, units )` or `array( 'tier', product id, basis
	 * points, units )`.
	 *
	 * @param Config                $config In the cart's currency, with the claimed variants.
	 * @param array<string, mixed>  $cart   The cart.
	 * @param array<int, array>     $marks  One per line (missing: none).
	 * @param array<string, mixed>  $buyer  Country and claimed segments.
	 * @param int                   $now    Unix seconds.
	 * @return array<int, array<string, mixed>>
	 */
	public static function discounts( Config $config, array $cart, array $marks, array $buyer, int $now ): array {
		$member = self::member( $config, $buyer );
		$lines  = $cart['lines'];
		$n      = count( $lines );
		// Only the bundles some line is marked for are priced.
		$marked_ids = array();
		foreach ( $marks as $m ) {
			if ( isset( $m['bundle'] ) ) {
				$marked_ids[ $m['bundle'] ] = true;
			}
		}
		$bundles = array_values(
			array_filter(
				$config->bundles,
				static function ( $b ) use ( $marked_ids ) {
					return isset( $marked_ids[ $b['id'] ] );
				}
			)
		);
		$by_product = array();
		$marked_of  = array();
		foreach ( $lines as $i => $line ) {
			if ( null !== $line['product'] ) {
				$by_product[ $line['product'] ][] = $i;
			}
			$bundle = $marks[ $i ]['bundle'] ?? null;
			if ( null !== $bundle ) {
				foreach ( $bundles as $at => $b ) {
					if ( $b['id'] === $bundle ) {
						$marked_of[ $at ][] = $i;
						break;
					}
				}
			}
		}
		// A gift line takes no offer: only its goal's gift, below.
		$left    = array_map(
			static function ( $l ) {
				return empty( $l['gift'] ) ? $l['quantity'] : 0;
			},
			$lines
		);
		$off     = array_fill( 0, $n, 0 );
		$because = array_fill( 0, $n, array() );
		$lent    = array_fill( 0, $n, 0 );
		$units   = array_fill( 0, $n, 0 );
		$take    = static function ( int $line, int $price ) use ( $lines ): int {
			return max( 0, $lines[ $line ]['unit'] - $price );
		};

		if ( $cart['currency'] === $config->currency ) {
			foreach ( $bundles as $at => $bundle ) {
				$shares = self::bundle_shares( $config, $cart, $bundle, $now, $member );
				if ( null === $shares ) {
					continue;
				}
				$marked = $marked_of[ $at ] ?? array();
				// Complete sets: for each product, its units on marked lines over how often the
				// bundle holds it.
				$sets = PHP_INT_MAX;
				foreach ( $bundle['items'] as $p ) {
					$need = count( array_keys( $bundle['items'], $p, true ) );
					$have = 0;
					foreach ( $marked as $i ) {
						if ( $lines[ $i ]['product'] === $p ) {
							$have += $left[ $i ];
						}
					}
					$sets = min( $sets, intdiv( $have, $need ) );
				}
				foreach ( $bundle['items'] as $k => $p ) {
					for ( $set = 0; $set < $sets; $set++ ) {
						$line = null;
						foreach ( $marked as $i ) {
							if ( $lines[ $i ]['product'] === $p && $left[ $i ] > 0 ) {
								$line = $i;
								break;
							}
						}
						if ( null === $line ) {
							break;
						}
						--$left[ $line ];
						++$units[ $line ];
						$off[ $line ] += $take( $line, $shares[ $k ] );
					}
				}
				self::complete_held( $bundle, $shares, $lines, $marked, $marks, $by_product, $left, $lent, $units, $off, $take );
				foreach ( array_unique( $bundle['items'] ) as $p ) {
					foreach ( $by_product[ $p ] ?? array() as $line ) {
						if ( $units[ $line ] > 0 ) {
							$because[ $line ][] = array( 'bundle', $bundle['id'], $bundle['title'], $units[ $line ] );
							$units[ $line ]     = 0;
						}
					}
				}
			}

			foreach ( self::upsells( $config, $cart, $now, $member ) as $offer ) {
				foreach ( $by_product[ $offer['product'] ] ?? array() as $i ) {
					if ( $left[ $i ] > 0 && ( $marks[ $i ]['offer'] ?? null ) === $offer['id'] ) {
						--$left[ $i ];
						$off[ $i ]      += $take( $i, $offer['price'] );
						$because[ $i ][] = array( 'upsell', $offer['id'], $offer['title'] );
						break;
					}
				}
			}

			// Each deal over the units the offers above left undiscounted.
			foreach ( $config->deals as $deal ) {
				foreach ( self::deal_lines( $deal, $lines, $left ) as list( $i, $count, $amount ) ) {
					$left[ $i ]     -= $count;
					$off[ $i ]      += $amount;
					$because[ $i ][] = array( 'deal', $deal['id'], $deal['buy_quantity'], $deal['get_quantity'], $deal['percent_off'], $count );
				}
			}

			foreach ( self::tiers( $config, $cart, $now, $member ) as list( $product, $bp ) ) {
				foreach ( $by_product[ $product ] ?? array() as $i ) {
					$count = $left[ $i ];
					if ( 0 === $count ) {
						continue;
					}
					$left[ $i ]      = 0;
					$off[ $i ]      += $count * $take( $i, Money::less_percent( $lines[ $i ]['unit'], $bp ) );
					$because[ $i ][] = array( 'tier', $config->products[ $product ]['id'], $bp, $count );
				}
			}

			// Each goal reached that gives a gift: one unit of a gift line of that product free,
			// the goals judged on the lines that count after what the offers above took off.
			$bar = $config->bar;
			if ( null !== $bar ) {
				$basis = self::basis( $bar, $lines, $off );
				foreach ( self::goals( $config, $cart, $buyer['country'] ?? null, $now, $member ) as list( $threshold, $goal ) ) {
					if ( null === ( $goal['gift'] ?? null ) || $threshold > $basis ) {
						continue;
					}
					$product = $config->product_index( $goal['gift'] );
					// A gift of one variant (spec §10) is a line of that variant only.
					$only = $goal['gift_line'] ?? null;
					for ( $i = 0; $i < $n; $i++ ) {
						if ( null !== $product && ! empty( $lines[ $i ]['gift'] ) && $lines[ $i ]['quantity'] > 0 && 0 === $off[ $i ] && $lines[ $i ]['product'] === $product && ( null === $only || ( $lines[ $i ]['id'] ?? null ) === $only ) ) {
							$off[ $i ]      += $lines[ $i ]['unit'];
							$because[ $i ][] = array( 'gift', $goal['gift'], $goal['reward'] );
							break;
						}
					}
				}
			}
		}

		$out = array();
		for ( $i = 0; $i < $n; $i++ ) {
			if ( $off[ $i ] > 0 ) {
				$out[] = array(
					'line'    => $i,
					'amount'  => min( $off[ $i ], $lines[ $i ]['total'] ),
					'because' => $because[ $i ],
				);
			}
		}
		return $out;
	}

	/**
	 * What the goals the cart reaches give, `$off` being what `discounts` takes off its lines:
	 * `array( 'order' => array( amount, reward )|null, 'free_shipping' => array( 'cheapest'|
	 * 'all', reward )|null, 'excluded' => line indices that do not count )`. The subtotal is the
	 * bar's (excluded products left out; after cartlift's own line discounts unless the bar
	 * counts before them); free shipping from any goal reached (`all` over `cheapest`); the
	 * order discount of the highest goal reached that gives one, never more than the subtotal.
	 *
	 * @param Config               $config The config.
	 * @param array<string, mixed> $cart   The cart.
	 * @param array<int, array>    $off    From `discounts`.
	 * @param array<string, mixed> $buyer  Country and claimed segments.
	 * @param int                  $now    Unix seconds.
	 * @return array<string, mixed>
	 */
	public static function rewards( Config $config, array $cart, array $off, array $buyer, int $now ): array {
		$none = array(
			'order'         => null,
			'free_shipping' => null,
			'excluded'      => array(),
		);
		$bar  = $config->bar;
		if ( null === $bar || $cart['currency'] !== $config->currency ) {
			return $none;
		}
		$lines    = $cart['lines'];
		$excluded = array();
		foreach ( $lines as $i => $line ) {
			if ( ! self::counts( $bar, $line ) ) {
				$excluded[] = $i;
			}
		}
		$taken = array_fill( 0, count( $lines ), 0 );
		foreach ( $off as $d ) {
			$taken[ $d['line'] ] += $d['amount'];
		}
		$basis = self::basis( $bar, $lines, $taken );
		$member  = self::member( $config, $buyer );
		$reached = array();
		foreach ( self::goals( $config, $cart, $buyer['country'] ?? null, $now, $member ) as list( $threshold, $goal ) ) {
			if ( $threshold <= $basis ) {
				$reached[] = $goal;
			}
		}
		$free = null;
		foreach ( $reached as $goal ) {
			// The last of the most generous, as the core's `max_by_key`.
			if ( null !== $goal['free_shipping'] && ( null === $free || 'cheapest' === $free[0] || 'all' === $goal['free_shipping'] ) ) {
				$free = array( $goal['free_shipping'], $goal['reward'] );
			}
		}
		$order = null;
		foreach ( array_reverse( $reached ) as $goal ) {
			if ( null !== $goal['percent_off'] ) {
				$amount = Money::percent( $basis, $goal['percent_off'] );
			} elseif ( null !== $goal['amount_off'] ) {
				$amount = min( $goal['amount_off'], $basis );
			} else {
				continue;
			}
			if ( $amount > 0 ) {
				$order = array( $amount, $goal['reward'] );
				break;
			}
		}
		return array(
			'order'         => $order,
			'free_shipping' => $free,
			'excluded'      => $excluded,
		);
	}

	/**
	 * What checkout says a line's discount is for: the bundle's or offer's name (its id when
	 * it has none), or the tier ("15% off for quantity"), joined by " · ".
	 *
	 * @param array<int, array> $because A line's reasons.
	 * @return string
	 */
	public static function message( array $because ): string {
		$parts = array();
		foreach ( $because as $b ) {
			if ( 'tier' === $b[0] ) {
				$parts[] = self::percent_text( $b[2] ) . ' off for quantity';
			} elseif ( 'gift' === $b[0] ) {
				$parts[] = '' === $b[2] ? $b[1] : $b[2];
			} elseif ( 'deal' === $b[0] ) {
				$parts[] = "Buy {$b[2]}, get {$b[3]} " . ( $b[4] >= 10000 ? 'free' : 'at ' . self::percent_text( $b[4] ) . ' off' );
			} else {
				$parts[] = '' === $b[2] ? $b[1] : $b[2];
			}
		}
		return implode( ' · ', $parts );
	}

	/**
	 * `15%`, `7.5%`, `12.25%`.
	 *
	 * @param int $bp Basis points.
	 * @return string
	 */
	public static function percent_text( int $bp ): string {
		$whole = intdiv( $bp, 100 );
		$frac  = $bp % 100;
		if ( 0 === $frac ) {
			return "$whole%";
		}
		if ( 0 === $frac % 10 ) {
			return $whole . '.' . intdiv( $frac, 10 ) . '%';
		}
		return sprintf( '%d.%02d%%', $whole, $frac );
	}

	/**
	 * Which segments the buyer is in, as checkout can tell: a segment of countries only by the
	 * cart's country; any other by the browser's claim, within its countries.
	 *
	 * @param Config               $config The config.
	 * @param array<string, mixed> $buyer  Country and claimed segments.
	 * @return array<int, bool>
	 */
	private static function member( Config $config, array $buyer ): array {
		$country = $buyer['country'] ?? null;
		$claimed = $buyer['segments'] ?? array();
		$member  = array();
		foreach ( $config->segments as list( $id, $when ) ) {
			$countries = $when['country'] ?? array();
			$here      = array() === $countries;
			foreach ( $countries as $c ) {
				if ( null !== $country && 0 === strcasecmp( $c, $country ) ) {
					$here = true;
				}
			}
			$only_country = array() === array_diff( array_keys( $when ), array( 'country' ) );
			$member[]     = $here && ( $only_country || in_array( $id, $claimed, true ) );
		}
		return $member;
	}

	/**
	 * Whether an offer for `$segments` is for this buyer.
	 *
	 * @param array<int, int>  $segments The offer's segments.
	 * @param array<int, bool> $member   From `member`.
	 * @return bool
	 */
	private static function admits( array $segments, array $member ): bool {
		if ( array() === $segments ) {
			return true;
		}
		foreach ( $segments as $s ) {
			if ( ! empty( $member[ $s ] ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a window holds `$now`.
	 *
	 * @param array{0: int|null, 1: int|null} $window Starts and ends.
	 * @param int                             $now    Unix seconds.
	 * @return bool
	 */
	private static function live( array $window, int $now ): bool {
		return ( null === $window[0] || $now >= $window[0] ) && ( null === $window[1] || $now < $window[1] );
	}

	/**
	 * The price of one of a product: the cart's first line holding it, else the catalog's.
	 *
	 * @param Config               $config  The config.
	 * @param array<string, mixed> $cart    The cart.
	 * @param int                  $product A product's position.
	 * @return int
	 */
	private static function unit_price( Config $config, array $cart, int $product ): int {
		foreach ( $cart['lines'] as $line ) {
			if ( $line['product'] === $product && $line['quantity'] > 0 ) {
				return $line['unit'];
			}
		}
		return $config->products[ $product ]['price'];
	}

	/**
	 * Whether a line counts toward the goals: not a gift, not an excluded product.
	 *
	 * @param array<string, mixed> $bar  The bar.
	 * @param array<string, mixed> $line A line.
	 * @return bool
	 */
	private static function counts( array $bar, array $line ): bool {
		return empty( $line['gift'] ) && ! ( null !== $line['product'] && in_array( $line['product'], $bar['exclude'], true ) );
	}

	/**
	 * What counts toward the goals: the lines that count, at what the shopper pays once
	 * `$taken` (per line) is off, or at their prices before any discount when the bar says so.
	 *
	 * @param array<string, mixed> $bar   The bar.
	 * @param array<int, array>    $lines The cart's lines.
	 * @param array<int, int>      $taken Off each line so far.
	 * @return int
	 */
	private static function basis( array $bar, array $lines, array $taken ): int {
		$basis = 0;
		foreach ( $lines as $i => $line ) {
			if ( self::counts( $bar, $line ) ) {
				$basis += $bar['before_discounts'] ? Exact::mul( $line['unit'], $line['quantity'] ) : $line['total'] - ( $taken[ $i ] ?? 0 );
			}
		}
		return $basis;
	}

	/**
	 * The cart's units of a product.
	 *
	 * @param array<string, mixed> $cart    The cart.
	 * @param int                  $product A product's position.
	 * @return int
	 */
	private static function quantity_of( array $cart, int $product ): int {
		$q = 0;
		foreach ( $cart['lines'] as $line ) {
			// A gift completes no bundle, reaches no tier and meets no offer's condition.
			if ( $line['product'] === $product && empty( $line['gift'] ) ) {
				$q += $line['quantity'];
			}
		}
		return $q;
	}

	/**
	 * The lines' total before discounts, of the lines `$counts` accepts.
	 *
	 * @param array<string, mixed> $cart   The cart.
	 * @param callable             $counts Takes a line.
	 * @return int
	 */
	private static function before_discounts( array $cart, callable $counts ): int {
		$sum = 0;
		foreach ( $cart['lines'] as $line ) {
			if ( $counts( $line ) ) {
				$sum += Exact::mul( $line['unit'], $line['quantity'] );
			}
		}
		return $sum;
	}

	/**
	 * A bundle's price spread over its items (the widget's `bundle_price` of each), or null
	 * when the bundle is not offered to this cart (not live, not for the buyer, too large,
	 * saving nothing at the cart's prices).
	 *
	 * @param Config               $config The config.
	 * @param array<string, mixed> $cart   The cart.
	 * @param array<string, mixed> $bundle The bundle.
	 * @param int                  $now    Unix seconds.
	 * @param array<int, bool>     $member From `member`.
	 * @return array<int, int>|null
	 */
	private static function bundle_shares( Config $config, array $cart, array $bundle, int $now, array $member ): ?array {
		if ( ! self::live( $bundle['window'], $now ) || ! self::admits( $bundle['segments'], $member ) ) {
			return null;
		}
		$prices = array();
		foreach ( $bundle['items'] as $p ) {
			$prices[] = self::unit_price( $config, $cart, $p );
		}
		$sum = array_sum( $prices );
		if ( $sum > Form::MAX_MINOR ) {
			return null;
		}
		list( $kind, $value ) = $bundle['pricing'];
		if ( 'fixed' === $kind ) {
			$price = $value;
		} elseif ( 'percent' === $kind ) {
			$price = Money::less_percent( $sum, $value );
		} else {
			$price = $sum - $value;
		}
		if ( $price < 0 || $price >= $sum ) {
			return null;
		}
		return Money::allocate( $price, $prices );
	}

	/**
	 * Sets completed by "Complete the set": after the bundle's whole marked sets, a set whose
	 * missing items the shopper added through the widget (marked lines) and whose other items
	 * were already in the cart (unmarked lines). Only the marked units are discounted, each to
	 * its share; each held unit completes one set at most.
	 *
	 * @param array<string, mixed> $bundle     The bundle.
	 * @param array<int, int>      $shares     Its items' shares.
	 * @param array<int, array>    $lines      The cart's lines.
	 * @param array<int, int>      $marked     Its marked lines.
	 * @param array<int, array>    $marks      Every line's mark.
	 * @param array<int, array>    $by_product Each product's lines.
	 * @param array<int, int>      $left       Units not yet discounted, per line.
	 * @param array<int, int>      $lent       Held units that completed a set, per line.
	 * @param array<int, int>      $units      Units this bundle took, per line.
	 * @param array<int, int>      $off        Taken off so far, per line.
	 * @param callable             $take       What one unit of a line at a price takes off.
	 */
	private static function complete_held( array $bundle, array $shares, array $lines, array $marked, array $marks, array $by_product, array &$left, array &$lent, array &$units, array &$off, callable $take ): void {
		$unmarked = static function ( int $i ) use ( $marks ): bool {
			return null === ( $marks[ $i ]['bundle'] ?? null ) && null === ( $marks[ $i ]['offer'] ?? null );
		};
		while ( true ) {
			$plan    = array();
			$planned = static function ( int $i, bool $m ) use ( &$plan ): int {
				$c = 0;
				foreach ( $plan as list( $l, $pm ) ) {
					if ( $l === $i && $pm === $m ) {
						++$c;
					}
				}
				return $c;
			};
			foreach ( $bundle['items'] as $p ) {
				$chosen = null;
				foreach ( $marked as $i ) {
					if ( $lines[ $i ]['product'] === $p && $left[ $i ] > $planned( $i, true ) ) {
						$chosen = array( $i, true );
						break;
					}
				}
				if ( null === $chosen ) {
					foreach ( $by_product[ $p ] ?? array() as $i ) {
						if ( $unmarked( $i ) && $lines[ $i ]['quantity'] > $lent[ $i ] + $planned( $i, false ) ) {
							$chosen = array( $i, false );
							break;
						}
					}
				}
				if ( null === $chosen ) {
					return;
				}
				$plan[] = $chosen;
			}
			$any_marked = false;
			foreach ( $plan as list( , $m ) ) {
				$any_marked = $any_marked || $m;
			}
			if ( ! $any_marked ) {
				return;
			}
			foreach ( $plan as $k => list( $line, $is_marked ) ) {
				if ( $is_marked ) {
					--$left[ $line ];
					++$units[ $line ];
					$off[ $line ] += $take( $line, $shares[ $k ] );
				} else {
					++$lent[ $line ];
				}
			}
		}
	}

	/**
	 * What a buy X get Y deal takes off the lines, counting `$left[ i ]` units of each (the
	 * core's `deals::apply`): as many times as the units allow (up to its limit), each time
	 * `buy_quantity` units that may be bought and `get_quantity` other units that may be got;
	 * the units got are the cheapest (on a tie, a line that can only be got, then the cart's
	 * order), a unit that could be either got only while enough are left to be the ones bought.
	 * Each unit got takes `percent_off` of its unit price, rounded half away from zero.
	 *
	 * @param array<string, mixed>             $deal  The deal.
	 * @param array<int, array<string, mixed>> $lines The cart's lines.
	 * @param array<int, int>                  $left  The units of each line still undiscounted.
	 * @return array<int, array{0: int, 1: int, 2: int}> `array( line, units, amount )`, in line order.
	 */
	private static function deal_lines( array $deal, array $lines, array $left ): array {
		$buys     = static function ( $line ) use ( $deal ): bool {
			return null !== $line['product'] && in_array( $line['product'], $deal['buy'], true );
		};
		$gets     = static function ( $line ) use ( $deal ): bool {
			return null !== $line['product'] && in_array( $line['product'], $deal['get'], true );
		};
		$buy_only = 0;
		$get_only = 0;
		$either   = 0;
		foreach ( $lines as $i => $line ) {
			if ( $buys( $line ) && $gets( $line ) ) {
				$either += $left[ $i ];
			} elseif ( $buys( $line ) ) {
				$buy_only += $left[ $i ];
			} elseif ( $gets( $line ) ) {
				$get_only += $left[ $i ];
			}
		}
		$bq    = max( 1, $deal['buy_quantity'] );
		$gq    = max( 1, $deal['get_quantity'] );
		$times = min(
			intdiv( $buy_only + $get_only + $either, $bq + $gq ),
			intdiv( $buy_only + $either, $bq ),
			intdiv( $get_only + $either, $gq )
		);
		if ( null !== $deal['limit'] ) {
			$times = min( $times, $deal['limit'] );
		}
		$wanted      = $times * $gq;
		$either_left = max( 0, $buy_only + $either - $times * $bq );
		$gettable    = array();
		foreach ( $lines as $i => $line ) {
			if ( $gets( $line ) ) {
				$gettable[] = $i;
			}
		}
		// Cheapest first; on a tie a line that can only be got, then the cart's order (PHP's
		// sort is stable, as the core's is).
		usort(
			$gettable,
			static function ( $a, $b ) use ( $lines, $buys ) {
				return array( $lines[ $a ]['unit'], $buys( $lines[ $a ] ) ) <=> array( $lines[ $b ]['unit'], $buys( $lines[ $b ] ) );
			}
		);
		$got = array();
		foreach ( $gettable as $i ) {
			if ( 0 === $wanted ) {
				break;
			}
			$units = min( $wanted, $left[ $i ] );
			if ( $buys( $lines[ $i ] ) ) {
				$units        = min( $units, $either_left );
				$either_left -= $units;
			}
			$wanted -= $units;
			if ( $units > 0 ) {
				$got[ $i ] = $units;
			}
		}
		ksort( $got );
		$out = array();
		foreach ( $got as $i => $units ) {
			$out[] = array( $i, $units, $units * Money::percent( $lines[ $i ]['unit'], $deal['percent_off'] ) );
		}
		return $out;
	}

	/**
	 * The upsells offered to this cart and their prices: `array( 'id', 'title', 'product',
	 * 'price' )` each (every one that applies, or whose product the cart holds).
	 *
	 * @param Config               $config The config.
	 * @param array<string, mixed> $cart   The cart.
	 * @param int                  $now    Unix seconds.
	 * @param array<int, bool>     $member From `member`.
	 * @return array<int, array<string, mixed>>
	 */
	private static function upsells( Config $config, array $cart, int $now, array $member ): array {
		$out = array();
		foreach ( $config->upsells as $u ) {
			if ( ! self::admits( $u['segments'], $member ) || ! self::live( $u['window'], $now ) ) {
				continue;
			}
			$product  = $u['product'];
			$contains = static function ( int $p ) use ( $cart ): bool {
				return self::quantity_of( $cart, $p ) > 0;
			};
			$ticked   = $contains( $product );
			// The offer's own line never counts toward its conditions.
			$others  = self::before_discounts(
				$cart,
				static function ( $l ) use ( $product ) {
					return $l['product'] !== $product;
				}
			);
			$applies = array() === $u['contains'] || count( array_filter( $u['contains'], $contains ) ) > 0;
			$applies = $applies && count( array_filter( $u['all'], $contains ) ) === count( $u['all'] );
			$applies = $applies && ( null === $u['min'] || $others >= $u['min'] );
			$applies = $applies && ( null === $u['max'] || $others <= $u['max'] );
			if ( ! $applies && ! $ticked ) {
				continue;
			}
			$price = $u['price'];
			switch ( $price[0] ) {
				case 'catalog':
					$full = self::unit_price( $config, $cart, $product );
					break;
				case 'fixed':
					$full = $price[1];
					break;
				case 'product':
					$of   = $price[1];
					$line = self::before_discounts(
						$cart,
						static function ( $l ) use ( $of ) {
							return $l['product'] === $of;
						}
					);
					if ( 0 === $line && ! $ticked ) {
						continue 2;
					}
					$full = Money::percent( $line, $price[2] );
					break;
				default:
					$full = Money::percent( $others, $price[1] );
			}
			$out[] = array(
				'id'      => $u['id'],
				'title'   => $u['title'],
				'product' => $product,
				'price'   => null === $u['percent_off'] ? $full : Money::less_percent( $full, $u['percent_off'] ),
			);
		}
		return $out;
	}

	/**
	 * The volume tier each live tier set's product is at: `array( product, basis points )`.
	 *
	 * @param Config               $config The config.
	 * @param array<string, mixed> $cart   The cart.
	 * @param int                  $now    Unix seconds.
	 * @param array<int, bool>     $member From `member`.
	 * @return array<int, array{0: int, 1: int}>
	 */
	private static function tiers( Config $config, array $cart, int $now, array $member ): array {
		$out = array();
		foreach ( $config->tiers as $set ) {
			if ( ! self::admits( $set['segments'], $member ) || ! self::live( $set['window'], $now ) ) {
				continue;
			}
			$quantity = self::quantity_of( $cart, $set['product'] );
			$active   = null;
			foreach ( $set['tiers'] as list( $min, $bp ) ) {
				if ( $quantity >= $min ) {
					$active = $bp;
				}
			}
			if ( null !== $active ) {
				$out[] = array( $set['product'], $active );
			}
		}
		return $out;
	}

	/**
	 * The bar's goals for this cart, in the order they are met: `array( threshold, goal )`.
	 *
	 * @param Config               $config  The config.
	 * @param array<string, mixed> $cart    The cart.
	 * @param string|null          $country The cart's country.
	 * @param int                  $now     Unix seconds.
	 * @param array<int, bool>     $member  From `member`.
	 * @return array<int, array{0: int, 1: array<string, mixed>}>
	 */
	private static function goals( Config $config, array $cart, ?string $country, int $now, array $member ): array {
		$out = array();
		foreach ( $config->bar['goals'] as $g ) {
			if ( ! self::live( $g['window'], $now ) || ! self::admits( $g['segments'], $member ) ) {
				continue;
			}
			$threshold = $g['threshold'];
			foreach ( $g['by_country'] as list( $c, $m ) ) {
				if ( $c === $country ) {
					$threshold = $m;
					break;
				}
			}
			$out[] = array( $threshold, $g );
		}
		// Stable since PHP 8.0: goals with equal thresholds keep their order.
		usort(
			$out,
			static function ( $a, $b ) {
				return $a[0] <=> $b[0];
			}
		);
		return $out;
	}
}
