<?php
/**
 * cartlift on the storefront with no code: a block for each element (block.json, for the block
 * editor and block themes) and a shortcode for each (classic themes). The widget's module,
 * the config (`data-platform="woocommerce"`, the page's language) and `cartlift.css` are on a
 * page only when one of its elements is.
 *
 * @package Cartlift
 */

defined( 'ABSPATH' ) || exit;

/**
 * Blocks, shortcodes, and what a page with them loads.
 */
final class Cartlift_Storefront {

	/**
	 * Each element: its shortcode and block name (`cartlift_<name>`, `cartlift/<name>`) → its
	 * tag and the attributes it takes.
	 */
	const ELEMENTS = array(
		'shipping_bar'    => array( 'cartlift-shipping-bar', array() ),
		'bundles'         => array( 'cartlift-bundles', array( 'product' ) ),
		'tiers'           => array( 'cartlift-tiers', array( 'product' ) ),
		'upsell'          => array( 'cartlift-upsell', array() ),
		'recommendations' => array( 'cartlift-recommendations', array( 'product', 'limit' ) ),
	);

	/**
	 * Where the elements go in WooCommerce's own cart and checkout, with no block or shortcode
	 * placed: the shipping bar above the cart's items, the upsell before the payment. Classic
	 * templates by their actions, the Cart and Checkout blocks by their inner blocks. A theme
	 * changes or empties this with the `cartlift_slots` filter.
	 */
	const SLOTS = array(
		'woocommerce_before_cart'                  => 'shipping_bar',
		'woocommerce_review_order_before_payment'  => 'upsell',
		'woocommerce/cart-items-block'             => 'shipping_bar',
		'woocommerce/checkout-payment-block'       => 'upsell',
	);

	/** What each slot's element needs in the config to show anything. */
	const NEEDS = array(
		'shipping_bar' => 'shipping_bar',
		'upsell'       => 'upsells',
	);

	/**
	 * Whether this page shows an element (then the footer loads the widget).
	 *
	 * @var bool
	 */
	private static $used = false;

	/**
	 * The saved config, decoded once per request (for product ids and fallbacks only: the
	 * widget reads the text itself, exactly).
	 *
	 * @var array<string, mixed>|null
	 */
	private static $config = null;

	/**
	 * Registers the shortcodes, blocks and the footer's loader.
	 */
	public static function hook(): void {
		add_action( 'init', array( self::class, 'register' ) );
		add_action( 'wp_enqueue_scripts', array( self::class, 'enqueue_early' ) );
		add_action( 'wp_footer', array( self::class, 'print_loader' ), 5 );
		add_action( 'init', array( self::class, 'slots' ) );
	}

	/**
	 * Puts the elements in WooCommerce's cart and checkout (see SLOTS).
	 */
	public static function slots(): void {
		/**
		 * Where cartlift's elements go in WooCommerce's cart and checkout: an action of the
		 * classic templates or a block's name → the element (`shipping_bar`, `upsell`, …).
		 *
		 * @param array<string, string> $slots The slots.
		 */
		$slots = apply_filters( 'cartlift_slots', self::SLOTS );
		if ( ! is_array( $slots ) ) {
			return;
		}
		foreach ( $slots as $where => $name ) {
			if ( false === strpos( (string) $where, '/' ) ) {
				add_action(
					(string) $where,
					static function () use ( $name ) {
						echo self::slot( (string) $name ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in element().
					}
				);
			}
		}
		add_filter(
			'render_block',
			static function ( $content, $block ) use ( $slots ) {
				$name = is_array( $block ) ? ( $block['blockName'] ?? '' ) : '';
				return is_string( $name ) && isset( $slots[ $name ] ) ? self::slot( (string) $slots[ $name ] ) . $content : $content;
			},
			10,
			2
		);
	}

	/**
	 * A slot's element, when the config has what it shows.
	 *
	 * @param string $name The element.
	 * @return string
	 */
	private static function slot( string $name ): string {
		$needs = self::NEEDS[ $name ] ?? null;
		if ( null !== $needs && empty( self::config()[ $needs ] ) ) {
			return '';
		}
		return self::element( $name, array() );
	}

	/**
	 * Shortcodes and blocks.
	 */
	public static function register(): void {
		foreach ( array_keys( self::ELEMENTS ) as $name ) {
			add_shortcode(
				'cartlift_' . $name,
				static function ( $atts ) use ( $name ) {
					return self::element( $name, is_array( $atts ) ? $atts : array() );
				}
			);
		}
		wp_register_script(
			'cartlift-blocks',
			plugins_url( 'blocks/editor.js', CARTLIFT_FILE ),
			array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-server-side-render' ),
			CARTLIFT_VERSION,
			true
		);
		foreach ( glob( dirname( CARTLIFT_FILE ) . '/blocks/*/block.json' ) as $file ) {
			register_block_type( dirname( $file ) );
		}
	}

	/**
	 * What a block renders: its element, for the block's product or the product of the
	 * template it is on.
	 *
	 * @param string               $name       The element.
	 * @param array<string, mixed> $attributes The block's attributes.
	 * @return string
	 */
	public static function block( string $name, array $attributes ): string {
		return self::element( $name, $attributes );
	}

	/**
	 * An element's HTML, its attributes escaped; marks the page as using cartlift.
	 *
	 * @param string               $name  The element.
	 * @param array<string, mixed> $given Shortcode or block attributes.
	 * @return string
	 */
	public static function element( string $name, array $given ): string {
		if ( ! isset( self::ELEMENTS[ $name ] ) || '' === Cartlift_Options::config() ) {
			return '';
		}
		self::$used           = true;
		list( $tag, $allowed ) = self::ELEMENTS[ $name ];
		$html                 = '<' . $tag;
		foreach ( $allowed as $attribute ) {
			$value = isset( $given[ $attribute ] ) ? trim( (string) $given[ $attribute ] ) : '';
			if ( 'product' === $attribute && '' === $value ) {
				$value = self::product_in_context();
			}
			if ( '' !== $value ) {
				$html .= ' ' . $attribute . '="' . esc_attr( $value ) . '"';
			}
		}
		$html .= '>' . self::fallback( $name, $given['product'] ?? self::product_in_context() ) . '</' . $tag . '>';
		return '<div class="cartlift-block">' . $html . '</div>';
	}

	/**
	 * The config's product for the page's WooCommerce product (a product template, a product
	 * page's shortcode): the one whose `variant_id` is its id, else one whose id is its slug.
	 *
	 * @return string
	 */
	private static function product_in_context(): string {
		$post = get_post();
		if ( ! $post || 'product' !== $post->post_type ) {
			return '';
		}
		foreach ( self::config()['products'] ?? array() as $p ) {
			if ( is_array( $p ) && isset( $p['id'], $p['variant_id'] ) && (string) $p['variant_id'] === (string) $post->ID ) {
				return (string) $p['id'];
			}
		}
		foreach ( self::config()['products'] ?? array() as $p ) {
			if ( is_array( $p ) && isset( $p['id'] ) && $p['id'] === $post->post_name ) {
				return $post->post_name;
			}
		}
		return '';
	}

	/**
	 * What an element shows until the widget draws (and where WebAssembly cannot run): the
	 * bundles' titles for a product, those for every shopper at every time (a cached page
	 * cannot judge segments or schedules).
	 *
	 * @param string $name    The element.
	 * @param mixed  $product The product id.
	 * @return string
	 */
	private static function fallback( string $name, $product ): string {
		if ( 'bundles' !== $name || ! is_string( $product ) || '' === $product ) {
			return '';
		}
		$items = '';
		foreach ( self::config()['bundles'] ?? array() as $b ) {
			if ( ! is_array( $b ) || ! in_array( $product, (array) ( $b['items'] ?? array() ), true ) ) {
				continue;
			}
			if ( ! empty( $b['segments'] ) || isset( $b['starts_at'] ) || isset( $b['ends_at'] ) || ! isset( $b['title'] ) ) {
				continue;
			}
			$items .= '<li>' . esc_html( (string) $b['title'] ) . '</li>';
		}
		return '' === $items ? '' : '<ul>' . $items . '</ul>';
	}

	/**
	 * The saved config, decoded.
	 *
	 * @return array<string, mixed>
	 */
	private static function config(): array {
		if ( null === self::$config ) {
			$decoded      = json_decode( Cartlift_Options::config(), true );
			self::$config = is_array( $decoded ) ? $decoded : array();
		}
		return self::$config;
	}

	/**
	 * The stylesheet in the head when the page's content already shows an element (it
	 * reserves each element's room before the widget draws).
	 */
	public static function enqueue_early(): void {
		$post = get_post();
		if ( ! $post || '' === Cartlift_Options::config() ) {
			return;
		}
		$content = (string) $post->post_content;
		if ( false !== strpos( $content, '<!-- wp:cartlift/' ) || false !== strpos( $content, '[cartlift_' ) ) {
			wp_enqueue_style( 'cartlift', Cartlift_Assets::url( 'cartlift.css' ), array(), CARTLIFT_VERSION );
		}
	}

	/**
	 * In the footer of a page that shows an element: the stylesheet (if not already in the
	 * head), the config with `data-platform="woocommerce"` and the page's language, and the
	 * widget's module.
	 */
	public static function print_loader(): void {
		if ( ! self::$used ) {
			return;
		}
		if ( ! wp_style_is( 'cartlift', 'done' ) ) {
			wp_enqueue_style( 'cartlift', Cartlift_Assets::url( 'cartlift.css' ), array(), CARTLIFT_VERSION );
		}
		echo self::loader_html(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in loader_html.
	}

	/**
	 * The config element and the module script.
	 *
	 * @return string
	 */
	public static function loader_html(): string {
		return '<script type="application/json" id="cartlift-config" data-platform="woocommerce" data-locale="' . esc_attr( Cartlift_Assets::locale() ) . '">'
			. Cartlift_Assets::script_json( Cartlift_Assets::with_locale( Cartlift_Options::config(), Cartlift_Assets::locale() ) )
			. "</script>\n"
			. '<script type="module" src="' . esc_url( Cartlift_Assets::url( 'cartlift.js' ) ) . '"></script>' . "\n";
	}
}
