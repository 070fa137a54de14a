<?php
/**
 * The settings page under WooCommerce: the config as JSON, checked when it is saved by the
 * same core the widget runs (the checker module, in the merchant's browser), its problems
 * listed with their paths; a refused config never replaces the last good one. A live preview
 * of the widgets, and the example stores to start from.
 *
 * Why the check runs in the browser: the checker is the core compiled to WebAssembly, the one
 * implementation of the config's rules; the browser hands the server the config together with
 * the form the core made of it (what checkout prices with). The server takes neither without
 * the capability and the nonce, and refuses a form its own reader cannot read.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page.
 */
final class Cartlift_Settings {

	/** The page's slug. */
	const SLUG = 'cartlift';

	/**
	 * Who may change the settings: shop managers (`manage_woocommerce`); on a site without
	 * WooCommerce, where nobody has that capability, its administrators (`manage_options`).
	 *
	 * @return string
	 */
	public static function capability(): string {
		return class_exists( 'WooCommerce' ) ? 'manage_woocommerce' : 'manage_options';
	}

	/**
	 * Registers the page, its save action and its script.
	 */
	public static function hook(): void {
		add_action( 'admin_menu', array( self::class, 'menu' ) );
		add_action( 'admin_post_cartlift_save', array( self::class, 'save' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( CARTLIFT_FILE ), array( self::class, 'action_links' ) );
	}

	/**
	 * The page under WooCommerce (under Settings when WooCommerce is not active).
	 */
	public static function menu(): void {
		$parent = class_exists( 'WooCommerce' ) ? 'woocommerce' : 'options-general.php';
		add_submenu_page( $parent, __( 'cartlift', 'cartlift' ), __( 'cartlift', 'cartlift' ), self::capability(), self::SLUG, array( self::class, 'render' ) );
	}

	/**
	 * "Settings" beside the plugin on the Plugins screen.
	 *
	 * @param array<int|string, string> $links The plugin's links.
	 * @return array<int|string, string>
	 */
	public static function action_links( array $links ): array {
		$links[] = '<a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Settings', 'cartlift' ) . '</a>';
		return $links;
	}

	/**
	 * The page's URL.
	 *
	 * @param array<string, string> $args Query arguments.
	 * @return string
	 */
	public static function url( array $args = array() ): string {
		$base = class_exists( 'WooCommerce' ) ? 'admin.php' : 'options-general.php';
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( $base ) );
	}

	/**
	 * The example stores shipped with the plugin (`examples/*.json`): name → JSON text.
	 *
	 * @return array<string, string>
	 */
	public static function examples(): array {
		$out = array();
		foreach ( glob( dirname( CARTLIFT_FILE ) . '/examples/*.json' ) as $file ) {
			$text = file_get_contents( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin.
			if ( false !== $text ) {
				$out[ basename( $file, '.json' ) ] = $text;
			}
		}
		return $out;
	}

	/**
	 * Why the server refuses a config and its form, or an empty list: the config must be a JSON
	 * object, and the form one this plugin's reader reads, in the config's currency.
	 *
	 * @param string $config The config's text.
	 * @param string $form   The form the checker made of it.
	 * @return array<int, array{path: string, message: string}>
	 */
	public static function refusal( string $config, string $form ): array {
		$tree = json_decode( $config );
		if ( ! $tree instanceof stdClass ) {
			return array(
				array(
					'path'    => '.',
					'message' => __( 'The config is not a JSON object: it starts with { and ends with }.', 'cartlift' ),
				),
			);
		}
		if ( '' === $form ) {
			return array(
				array(
					'path'    => '.',
					'message' => __( 'The config could not be checked: this page checks it in your browser, with JavaScript and WebAssembly on.', 'cartlift' ),
				),
			);
		}
		$currency = isset( $tree->currency ) && is_string( $tree->currency ) ? $tree->currency : '';
		try {
			$read = \Cartlift\Pricing\Form::read( $form, $currency, null, array() );
		} catch ( \RuntimeException $e ) {
			$read = null;
		}
		if ( null === $read || $read->currency !== $currency ) {
			return array(
				array(
					'path'    => '.',
					'message' => __( 'The checked config did not arrive whole: save again.', 'cartlift' ),
				),
			);
		}
		return array();
	}

	/**
	 * Saves the posted config and its form, or keeps the refused draft to show its problems.
	 */
	public static function save(): void {
		if ( ! current_user_can( self::capability() ) ) {
			wp_die( esc_html__( 'You are not allowed to change cartlift\'s settings.', 'cartlift' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( 'cartlift_save' );
		// JSON text, kept exactly as written (its amounts are read digit by digit): it is
		// checked, never sanitized as prose, and escaped wherever it is printed.
		$config   = isset( $_POST['cartlift_config'] ) ? trim( (string) wp_unslash( $_POST['cartlift_config'] ) ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		$form     = isset( $_POST['cartlift_form'] ) ? trim( (string) wp_unslash( $_POST['cartlift_form'] ) ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		// A textarea sends its lines with CRLF; JSON has CR only as whitespace, so this changes
		// no value, and the config is saved as the merchant wrote it.
		$config   = str_replace( "\r\n", "\n", $config );
		$problems = self::refusal( $config, $form );
		if ( array() === $problems ) {
			Cartlift_Options::save( $config, $form );
			delete_transient( Cartlift_Options::REFUSED . get_current_user_id() );
			wp_safe_redirect( self::url( array( 'saved' => '1' ) ) );
		} else {
			set_transient(
				Cartlift_Options::REFUSED . get_current_user_id(),
				array(
					'config'   => $config,
					'problems' => $problems,
				),
				10 * MINUTE_IN_SECONDS
			);
			wp_safe_redirect( self::url( array( 'refused' => '1' ) ) );
		}
		exit;
	}

	/**
	 * The page.
	 */
	public static function render(): void {
		if ( ! current_user_can( self::capability() ) ) {
			return;
		}
		$refused = isset( $_GET['refused'] ) ? get_transient( Cartlift_Options::REFUSED . get_current_user_id() ) : false; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only chooses which notice to show.
		$text    = is_array( $refused ) ? (string) $refused['config'] : Cartlift_Options::config();
		$checker = Cartlift_Assets::checker();
		$data    = array(
			'checker'  => $checker,
			'examples' => self::examples(),
		);
		echo '<div class="wrap"><h1>' . esc_html__( 'cartlift', 'cartlift' ) . '</h1>';
		if ( isset( $_GET['saved'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only a notice.
			echo '<div class="notice notice-success"><p>' . esc_html__( 'Saved. The storefront and checkout use this config now.', 'cartlift' ) . '</p></div>';
		}
		if ( null === $checker ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'The plugin\'s assets are missing: install the zip built by `cargo xtask woocommerce`.', 'cartlift' ) . '</p></div>';
		}
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" id="cartlift-settings">';
		echo '<input type="hidden" name="action" value="cartlift_save">';
		wp_nonce_field( 'cartlift_save' );
		echo '<input type="hidden" name="cartlift_form" id="cartlift-form" value="">';
		if ( array() !== $data['examples'] ) {
			echo '<p><label for="cartlift-example">' . esc_html__( 'Start from an example store', 'cartlift' ) . '</label> <select id="cartlift-example"><option value="">' . esc_html__( 'Choose…', 'cartlift' ) . '</option>';
			foreach ( array_keys( $data['examples'] ) as $name ) {
				echo '<option value="' . esc_attr( $name ) . '">' . esc_html( ucfirst( $name ) ) . '</option>';
			}
			echo '</select></p>';
		}
		echo '<p><label for="cartlift-config"><strong>' . esc_html__( 'Config (JSON)', 'cartlift' ) . '</strong></label></p>';
		echo '<textarea id="cartlift-config" name="cartlift_config" rows="24" class="large-text code" spellcheck="false" aria-describedby="cartlift-config-help">' . esc_textarea( $text ) . '</textarea>';
		echo '<p id="cartlift-config-help" class="description">' . esc_html__( 'Products, the shipping bar\'s goals, bundles, tiers and upsells, as the README describes. Checked when you save: a config with problems is never saved over the last good one.', 'cartlift' ) . '</p>';
		echo '<div id="cartlift-problems" role="alert" tabindex="-1">';
		if ( is_array( $refused ) ) {
			self::print_problems( $refused['problems'] );
		}
		echo '</div>';
		submit_button( __( 'Save config', 'cartlift' ), 'primary', 'cartlift-save' );
		echo '</form>';
		echo '<h2>' . esc_html__( 'Preview', 'cartlift' ) . '</h2>';
		echo '<p class="description">' . esc_html__( 'The widgets as shoppers see them, with the config\'s sample cart, as you type.', 'cartlift' ) . '</p>';
		echo '<div id="cartlift-preview"><cartlift-shipping-bar preview></cartlift-shipping-bar><cartlift-bundles></cartlift-bundles><cartlift-tiers></cartlift-tiers><cartlift-upsell></cartlift-upsell></div>';
		echo '</div>';
		wp_enqueue_style( 'cartlift', Cartlift_Assets::url( 'cartlift.css' ), array(), CARTLIFT_VERSION );
		echo '<script type="application/json" id="cartlift-settings-data">' . Cartlift_Assets::script_json( (string) wp_json_encode( $data ) ) . '</script>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON made safe for a script element.
		echo '<script type="application/json" id="cartlift-config">' . Cartlift_Assets::script_json( '' === trim( $text ) ? '{}' : $text ) . '</script>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON made safe for a script element.
		echo '<script type="module" src="' . esc_url( Cartlift_Assets::url( 'cartlift.js' ) ) . '"></script>';
		echo '<script type="module" src="' . esc_url( plugins_url( 'admin/settings.js', CARTLIFT_FILE ) ) . '"></script>';
	}

	/**
	 * A list of problems, each with its path.
	 *
	 * @param array<int, array<string, mixed>> $problems Problems.
	 */
	private static function print_problems( array $problems ): void {
		echo '<div class="notice notice-error inline"><p>' . esc_html__( 'Not saved: the config has problems.', 'cartlift' ) . '</p><ul class="cartlift-problems">';
		foreach ( $problems as $p ) {
			echo '<li><code>' . esc_html( (string) ( $p['path'] ?? '.' ) ) . '</code> ' . esc_html( (string) ( $p['message'] ?? '' ) ) . '</li>';
		}
		echo '</ul></div>';
	}
}
