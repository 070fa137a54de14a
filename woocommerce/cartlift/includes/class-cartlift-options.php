<?php
/**
 * What cartlift keeps in WordPress: the merchant's config (the JSON the widget reads) and the
 * form of it that checkout reads (`checkout::form`, written by the same core that checked the
 * config when it was saved). Nothing else: uninstall removes exactly these.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * The plugin's options.
 */
final class Cartlift_Options {

	/** The merchant's config, JSON text. */
	const CONFIG = 'cartlift_config';

	/** Checkout's form of it, JSON text. */
	const FORM = 'cartlift_form';

	/** The prefix of a refused draft kept for the settings page, one per user, for ten minutes. */
	const REFUSED = 'cartlift_refused_';

	/**
	 * The saved config's text, or '' before the first save.
	 *
	 * @return string
	 */
	public static function config(): string {
		$value = get_option( self::CONFIG, '' );
		return is_string( $value ) ? $value : '';
	}

	/**
	 * Checkout's form of the saved config, or '' before the first save.
	 *
	 * @return string
	 */
	public static function form(): string {
		$value = get_option( self::FORM, '' );
		return is_string( $value ) ? $value : '';
	}

	/**
	 * Saves a config and its form together.
	 *
	 * @param string $config The config's JSON text.
	 * @param string $form   Its form.
	 */
	public static function save( string $config, string $form ): void {
		update_option( self::CONFIG, $config );
		update_option( self::FORM, $form );
	}

	/**
	 * Removes every option and transient cartlift made.
	 */
	public static function remove_all(): void {
		global $wpdb;
		delete_option( self::CONFIG );
		delete_option( self::FORM );
		// Drafts are per user: their transients are found by prefix.
		$like = $wpdb->esc_like( '_transient_' . self::REFUSED ) . '%';
		$rows = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $like ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		foreach ( $rows as $name ) {
			delete_transient( substr( $name, strlen( '_transient_' ) ) );
		}
	}
}
