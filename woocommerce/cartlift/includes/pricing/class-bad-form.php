<?php
/**
 * Stored text that is not a form cartlift wrote (a hand edit, another version): checkout charges full price.
 *
 * @package Cartlift
 */

namespace Cartlift\Pricing;

defined( 'ABSPATH' ) || defined( 'CARTLIFT_PRICING_STANDALONE' ) || exit;

/**
 * Stored text that is not a form cartlift wrote (a hand edit, another version): checkout charges full price.
 */
final class Bad_Form extends \RuntimeException {
}
