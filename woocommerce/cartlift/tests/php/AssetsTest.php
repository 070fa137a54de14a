<?php
/**
 * What the storefront prints: the config, exactly, in the page's language when it names none,
 * and never able to close its script.
 *
 * @package Cartlift
 */

use PHPUnit\Framework\TestCase;

/**
 * The config element's text.
 */
final class AssetsTest extends TestCase {

	public function test_a_german_page_gives_a_config_without_locale_de_de_and_keeps_every_digit(): void {
		$config = '{"currency": "EUR", "products": [{"id": "a", "title": "A", "price": 12.990000000000000001}]}';
		$out    = Cartlift_Assets::with_locale( $config, 'de-DE' );
		$this->assertSame( '{"locale": "de-DE", "currency": "EUR", "products": [{"id": "a", "title": "A", "price": 12.990000000000000001}]}', $out );
		$this->assertSame( '{"locale": "de-DE" }', Cartlift_Assets::with_locale( '{ }', 'de-DE' ) );
	}

	public function test_the_merchants_own_locale_wins_and_a_strange_tag_is_not_written(): void {
		$config = '{"currency": "USD", "locale": "en-US"}';
		$this->assertSame( $config, Cartlift_Assets::with_locale( $config, 'de-DE' ) );
		$this->assertSame( '{"currency": "USD"}', Cartlift_Assets::with_locale( '{"currency": "USD"}', 'de"><script>' ) );
		$this->assertSame( 'not json', Cartlift_Assets::with_locale( 'not json', 'de-DE' ) );
	}

	public function test_a_title_cannot_close_the_config_script_and_its_value_is_unchanged(): void {
		$config = '{"title": "</script><script>alert(1)</script> & more"}';
		$safe   = Cartlift_Assets::script_json( $config );
		$this->assertStringNotContainsString( '<', $safe );
		$this->assertSame( json_decode( $config, true ), json_decode( $safe, true ) );
	}
}
