// What the platforms' own pages declare, as far as the adapters read it: foreign objects, so
// every read is guarded where it is made (`?.`, `typeof`), and typed loosely here.

/** Shopify's storefront object (`routes.root`, `currency`, `actions`, `checkout`). */
declare var Shopify: any;
/** WordPress's REST settings (`root`). */
declare var wpApiSettings: { root?: unknown } | undefined;
/** WooCommerce Blocks' middleware settings (`storeApiNonce`). */
declare var wcBlocksMiddlewareConfig: { storeApiNonce?: string } | undefined;
/** WooCommerce's settings (`storeApiNonce`). */
declare var wcSettings: { storeApiNonce?: string } | undefined;
/** WordPress's `wp` (its `data` stores). */
declare var wp: any;
/** Dawn's pub/sub, declared by its classic scripts as global lexical bindings. */
declare const PUB_SUB_EVENTS: unknown;
declare const subscribe: unknown;
declare const publish: unknown;
/** jQuery, where a WordPress theme has it. */
declare var jQuery: any;
/** The hash in the name of the adapter's writing part (`cartlift-<platform>-changes-<hash>.js`),
 * written in by `cargo xtask dist` when it bundles the adapter. */
declare const CARTLIFT_CHANGES: string;
