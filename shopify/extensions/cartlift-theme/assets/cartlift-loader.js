// @ts-check
// cartlift's app embed loader: the one script the theme editor's embed names (theme-check holds
// it to 10,000 bytes). It runs deferred, after the embed has printed the config element, and
// imports cartlift.js from this extension's assets (the URL the embed printed with asset_url);
// cartlift.js loads its wasm from beside itself. Classic script, no globals: everything is
// inside one function.
(() => {
  const element = document.getElementById('cartlift-config');
  if (!element || element.getAttribute('data-platform') !== 'shopify') return;
  // The page's language, when the merchant's config names none: the embed printed the shop's
  // locale (with the shopper's country), and numbers and dates follow it.
  const locale = element.getAttribute('data-locale');
  if (locale) {
    try {
      const config = JSON.parse(element.textContent || '');
      if (config && typeof config === 'object' && !Array.isArray(config) && !('locale' in config)) {
        element.textContent = JSON.stringify({ locale, ...config });
      }
    } catch {
      // Not JSON: left as it is, for cartlift to report with its path and reason.
    }
  }
  const script = document.currentScript;
  const url = element.getAttribute('data-cartlift-js') ||
    (script instanceof HTMLScriptElement && script.src ? new URL('cartlift.js', script.src).href : '');
  if (!url) return;
  import(url).catch((error) => {
    // The widgets keep their fallback; the page goes on.
    console.warn('cartlift: could not load ' + url, error);
  });
})();
