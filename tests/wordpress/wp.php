<?php
/**
 * The WordPress tests' hands inside WordPress (php-cli, no WP-CLI: it is in no registry this
 * project can reach): `php wp.php SITE_DIR URL COMMAND [ARGS…]` prints one JSON answer.
 *
 * Commands: install (the site, admin/password, plain permalinks), activate, deactivate,
 * uninstall (as the Plugins screen's Delete does), option NAME, options-like PATTERN,
 * page TITLE CONTENT (a published page; prints its URL), theme SLUG, action NAME (what an
 * action prints), login (the cookies a browser holds once the administrator has logged in).
 *
 * @package Cartlift
 */

// phpcs:disable -- a test tool run from the command line.

list( , $site, $url, $command ) = $argv;
$args                          = array_slice( $argv, 4 );
$parts                         = parse_url( $url );
$_SERVER['HTTP_HOST']          = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
$_SERVER['REQUEST_URI']        = '/';
$_SERVER['SERVER_NAME']        = $parts['host'];
$_SERVER['SERVER_PORT']        = $parts['port'] ?? 80;
if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$answer = null;
switch ( $command ) {
	case 'install':
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$done = wp_install( 'cartlift test shop', 'admin', 'admin@example.com', true, '', 'password' );
		update_option( 'siteurl', $url );
		update_option( 'home', $url );
		$answer = array( 'user' => $done['user_id'] );
		break;
	case 'theme':
		switch_theme( $args[0] );
		$answer = get_stylesheet();
		break;
	case 'activate':
		$result = activate_plugin( 'cartlift/cartlift.php' );
		$answer = is_wp_error( $result ) ? $result->get_error_message() : is_plugin_active( 'cartlift/cartlift.php' );
		break;
	case 'deactivate':
		deactivate_plugins( 'cartlift/cartlift.php' );
		$answer = ! is_plugin_active( 'cartlift/cartlift.php' );
		break;
	case 'uninstall':
		// What the Plugins screen's Delete runs before removing the files.
		uninstall_plugin( 'cartlift/cartlift.php' );
		$answer = true;
		break;
	case 'option':
		$answer = get_option( $args[0], null );
		break;
	case 'login':
		// What wp-login.php sets for the administrator: one session, its two cookies.
		$expires = time() + DAY_IN_SECONDS;
		$token   = WP_Session_Tokens::get_instance( 1 )->create( $expires );
		$answer  = array(
			array(
				'name'  => AUTH_COOKIE,
				'value' => wp_generate_auth_cookie( 1, $expires, 'auth', $token ),
			),
			array(
				'name'  => LOGGED_IN_COOKIE,
				'value' => wp_generate_auth_cookie( 1, $expires, 'logged_in', $token ),
			),
		);
		break;
	case 'options-like':
		global $wpdb;
		$answer = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s ORDER BY option_name", $args[0] ) );
		break;
	case 'page':
		$id     = wp_insert_post(
			array(
				'post_type'    => 'page',
				'post_status'  => 'publish',
				'post_title'   => $args[0],
				'post_content' => $args[1],
			)
		);
		$answer = get_permalink( $id );
		break;
	case 'action':
		// What an action prints (a WooCommerce template's hook, run as the template runs it).
		ob_start();
		do_action( $args[0] );
		$answer = ob_get_clean();
		break;
	default:
		fwrite( STDERR, "no command $command\n" );
		exit( 2 );
}
echo json_encode( $answer ), "\n";
