// @ts-check
// Shopify's own linter over a theme app extension (the folder given), as `shopify app deploy`
// and the Shopify CLI's `theme check` run it: `@shopify/theme-check-node` with the extension's
// `.theme-check.yml` (theme-check:theme-app-extension). Every offense, error or warning or
// suggestion, is printed with its file and line, and any makes the exit status 1.
import { themeCheckRun } from '@shopify/theme-check-node';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'shopify/extensions/cartlift-theme');
const { offenses } = await themeCheckRun(root, path.join(root, '.theme-check.yml'), () => {});
const severity = ['error', 'warning', 'info'];
for (const o of offenses) {
  const file = o.uri.replace(`file://${root}/`, '');
  console.log(`${file}:${(o.start?.line ?? 0) + 1}: ${severity[o.severity] ?? o.severity} ${o.check}: ${o.message}`);
}
console.log(`theme-check: ${offenses.length} offense(s) in ${path.relative(process.cwd(), root) || root}`);
process.exitCode = offenses.length ? 1 : 0;
