<?php
/**
 * The free-shipping bar block on the storefront: its element, for the block's product or the
 * product of the template it is on.
 *
 * @package Cartlift
 * @var array<string, mixed> $attributes The block's attributes.
 */

defined( 'ABSPATH' ) || exit;

echo Cartlift_Storefront::block( 'shipping_bar', $attributes ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in element().
