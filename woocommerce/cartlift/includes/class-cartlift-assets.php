<?php
/**
 * The widget's files inside the plugin (`assets/`, copied from `dist/` by `cargo xtask
 * woocommerce`): the entry module, its stylesheet, the wasm flavours beside them, the checker
 * module that the settings page uses.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || exit;

/**
 * Where the widget's files are.
 */
final class Cartlift_Assets {

	/**
	 * The URL of a file of `assets/`.
	 *
	 * @param string $name The file's name.
	 * @return string
	 */
	public static function url( string $name ): string {
		return plugins_url( 'assets/' . $name, CARTLIFT_FILE );
	}

	/**
	 * The name of the one file of `assets/` matching a pattern (content-hashed names), or null.
	 *
	 * @param string $pattern A glob pattern, e.g. `cartlift-check-*.js`.
	 * @return string|null
	 */
	public static function named( string $pattern ): ?string {
		$found = glob( dirname( CARTLIFT_FILE ) . '/assets/' . $pattern );
		return empty( $found ) ? null : basename( $found[0] );
	}

	/**
	 * The checker module's URLs (its bindings and its wasm), or null when the assets are not
	 * built.
	 *
	 * @return array{js: string, wasm: string}|null
	 */
	public static function checker(): ?array {
		$js   = self::named( 'cartlift-check-*.js' );
		$wasm = self::named( 'cartlift-check-*.wasm' );
		if ( null === $js || null === $wasm ) {
			return null;
		}
		return array(
			'js'   => self::url( $js ),
			'wasm' => self::url( $wasm ),
		);
	}

	/**
	 * The page's language as a BCP 47 tag (`de_DE` → `de-DE`).
	 *
	 * @return string
	 */
	public static function locale(): string {
		return str_replace( '_', '-', determine_locale() );
	}

	/**
	 * The config's JSON text made safe inside a `<script>` element: `<`, `>` and `&` can only
	 * be inside JSON strings, where their `\u` escapes mean the same characters, so the value
	 * is unchanged (amounts keep their exact text) and no text can close the script.
	 *
	 * @param string $json JSON text.
	 * @return string
	 */
	public static function script_json( string $json ): string {
		return str_replace( array( '<', '>', '&' ), array( '\u003c', '\u003e', '\u0026' ), $json );
	}

	/**
	 * The config's text with the page's language as its `locale` when it names none (its
	 * numbers, dates and plural forms then follow the page): inserted after the opening brace,
	 * so every other character, every amount's digits, stays as the merchant wrote it.
	 *
	 * @param string $json   The config's JSON text.
	 * @param string $locale A BCP 47 tag.
	 * @return string
	 */
	public static function with_locale( string $json, string $locale ): string {
		$tree = json_decode( $json );
		if ( ! $tree instanceof stdClass || property_exists( $tree, 'locale' ) || 1 !== preg_match( '/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/', $locale ) ) {
			return $json;
		}
		$brace = strpos( $json, '{' );
		$empty = '' === trim( substr( $json, $brace + 1, strrpos( $json, '}' ) - $brace - 1 ) );
		return substr( $json, 0, $brace + 1 ) . '"locale": ' . wp_json_encode( $locale ) . ( $empty ? '' : ', ' ) . substr( $json, $brace + 1 );
	}
}
