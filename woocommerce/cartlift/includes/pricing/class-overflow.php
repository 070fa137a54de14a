<?php
/**
 * A figure beyond what cartlift computes exactly: checkout charges full price rather than a wrong one.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * A figure beyond what cartlift computes exactly: checkout charges full price rather than a wrong one.
 */
final class Overflow extends \RuntimeException {
}
