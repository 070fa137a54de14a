<?php
/**
 * The recommended for this shopper block on the storefront: its element, for the block's product or the
 * product of the template it is on.
 *
 * @package Cartlift
 * @var array<string, mixed> $attributes The block's attributes.
 */

defined( 'ABSPATH' ) || exit;

echo Cartlift_Storefront::block( 'recommendations', $attributes ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in element().
