// ESLint for cartlift's own JavaScript (the page's modules in src/, bundled by esbuild):
// `cargo xtask test` runs it. The recommended rules, plus what the code promises: no empty
// block (a `catch` that ignores an error says why in a comment, which makes it not empty), no
// unused variable, `const` where nothing reassigns.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['src/**/*.js', 'shopify/extensions/*/src/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, CARTLIFT_FILES: 'readonly', CARTLIFT_WORDS: 'readonly', CARTLIFT_CHANGES: 'readonly' },
    },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The theme extension's loader: a classic script, as the app embed's schema loads it.
    files: ['shopify/extensions/cartlift-theme/assets/cartlift-loader.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: globals.browser },
    rules: { 'no-empty': 'error', 'no-unused-vars': 'error', 'prefer-const': 'error', eqeqeq: ['error', 'smart'] },
  },
  {
    // The WooCommerce plugin's admin module (its settings page), and the merchant preview's
    // config editor (www/editor/, bundled into dist/preview-editor.js).
    files: ['woocommerce/cartlift/admin/**/*.js', 'www/editor/**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
    rules: { 'no-empty': 'error', 'no-unused-vars': 'error', 'prefer-const': 'error', eqeqeq: ['error', 'smart'] },
  },
  {
    // The plugin's blocks in the block editor: a classic script on WordPress's `window.wp`.
    files: ['woocommerce/cartlift/blocks/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: globals.browser },
    rules: { 'no-empty': 'error', 'no-unused-vars': 'error', eqeqeq: ['error', 'smart'] },
  },
  {
    // The WordPress tests, run by node (their page callbacks run in the browser).
    files: ['tests/wordpress/**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-empty': 'error', 'no-unused-vars': 'error', 'prefer-const': 'error', eqeqeq: ['error', 'smart'] },
  },
];
