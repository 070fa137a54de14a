<?php
/**
 * Removes everything cartlift stored: its two options and the refused drafts kept for the
 * settings page. Activation creates nothing; a save creates only these.
 *
 * @package Cartlift
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-cartlift-options.php';

Cartlift_Options::remove_all();
