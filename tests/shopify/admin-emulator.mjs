// @ts-check
// An emulated Shopify Admin GraphQL endpoint on 127.0.0.1, for `cartlift shopify push`'s
// tests. Every request is checked as Shopify checks it: the access token (401 otherwise), the
// operation parsed and validated against Shopify's schema (admin-schema.graphql; a field or
// argument Shopify does not have is a GraphQL error, as Shopify answers it, with status 200),
// its variables coerced to their input types. It then runs on a small store: the shop, its
// app-owned metafields, automatic app discounts (only the app's own function handle), web pixels
// (one per app), with the userErrors Shopify gives for what it refuses. Faults can be queued per
// operation: a status with headers and a body, or the connection dropped.
import http from 'node:http';
import { graphql, parse, validate } from 'graphql';
import { adminSchema } from './admin-schema.mjs';

const SHOP = 'gid://shopify/Shop/1';
const INSTALLATION = 'gid://shopify/AppInstallation/7';
export const FUNCTION_HANDLE = 'cartlift-discount';

/**
 * @typedef {{ operation: string, status?: number, headers?: Record<string, string>, body?: string, drop?: boolean }} Fault
 * @typedef {{ operationName: string | undefined, query: string, variables: any, token: string | undefined, path: string }} Request
 */

/** @param {{ token?: string }} [options] */
export async function startAdmin({ token = 'shpat_test_secret' } = {}) {
  const schema = adminSchema();
  /** @type {Map<string, string>} metafields by `${owner} ${namespace} ${key}` */
  const metafields = new Map();
  /** @type {Map<string, any>} */
  const discounts = new Map();
  /** @type {Map<string, any>} */
  const pixels = new Map();
  /** @type {Fault[]} */
  const faults = [];
  /** @type {Request[]} */
  const requests = [];
  let next = 1;

  const owners = () => new Set([SHOP, INSTALLATION, ...discounts.keys()]);
  const root = {
    shop: () => ({ id: SHOP }),
    currentAppInstallation: () => ({ id: INSTALLATION }),
    automaticDiscountNodes: (/** @type {{ first?: number, query?: string }} */ { first = 50, query = '' }) => {
      // Shopify's search syntax, the part the push uses: `title:WORD`.
      const title = /title:(\S+)/.exec(query)?.[1];
      const nodes = [...discounts].filter(([, d]) => title === undefined || d.title === title).slice(0, first).map(([id]) => ({
        id,
        metafield: (/** @type {{ namespace?: string, key: string }} */ { namespace, key }) => {
          const value = metafields.get(`${id} ${namespace} ${key}`);
          return value === undefined ? null : { namespace, key, value };
        },
      }));
      return { nodes };
    },
    webPixel: () => {
      const [id] = pixels.keys();
      if (!id) throw new Error('No web pixel was found for this app.');
      return { id };
    },
    metafieldsSet: (/** @type {{ metafields: any[] }} */ { metafields: list }) => {
      const userErrors = [];
      if (list.length > 25) userErrors.push({ field: ['metafields'], message: 'Exceeded the maximum metafields input limit of 25.', code: 'LESS_THAN_OR_EQUAL_TO' });
      list.forEach((m, i) => {
        if (!owners().has(m.ownerId)) userErrors.push({ field: ['metafields', String(i), 'ownerId'], message: 'Owner does not exist.', code: 'INVALID', elementIndex: i });
        if (m.type === 'json') {
          try { JSON.parse(m.value); } catch { userErrors.push({ field: ['metafields', String(i), 'value'], message: 'Value is invalid JSON.', code: 'INVALID_VALUE', elementIndex: i }); }
        }
        if (m.type === 'boolean' && !['true', 'false'].includes(m.value)) userErrors.push({ field: ['metafields', String(i), 'value'], message: 'Value must be true or false.', code: 'INVALID_VALUE', elementIndex: i });
        // An app's own metafields: its reserved namespace on a resource, any on its installation (app-data).
        if (m.ownerId !== INSTALLATION && !m.namespace?.startsWith('$app')) userErrors.push({ field: ['metafields', String(i), 'namespace'], message: 'Namespace is not one this app owns.', code: 'APP_NOT_AUTHORIZED', elementIndex: i });
      });
      // All or none, as Shopify writes a metafieldsSet call.
      if (userErrors.length) return { metafields: null, userErrors };
      for (const m of list) metafields.set(`${m.ownerId} ${m.namespace} ${m.key}`, m.value);
      return { metafields: list.map((m) => ({ key: m.key, namespace: m.namespace, value: m.value })), userErrors };
    },
    discountAutomaticAppCreate: (/** @type {{ automaticAppDiscount: any }} */ { automaticAppDiscount: d }) => {
      const userErrors = [];
      if (d.functionHandle !== FUNCTION_HANDLE) userErrors.push({ field: ['automaticAppDiscount', 'functionHandle'], message: 'Function not found.', code: 'INVALID' });
      if (!d.startsAt) userErrors.push({ field: ['automaticAppDiscount', 'startsAt'], message: "Starts at can't be blank", code: 'BLANK' });
      if (!d.title) userErrors.push({ field: ['automaticAppDiscount', 'title'], message: "Title can't be blank", code: 'BLANK' });
      if (userErrors.length) return { automaticAppDiscount: null, userErrors };
      const id = `gid://shopify/DiscountAutomaticNode/${next++}`;
      discounts.set(id, d);
      for (const m of d.metafields ?? []) metafields.set(`${id} ${m.namespace} ${m.key}`, m.value);
      return { automaticAppDiscount: { discountId: id }, userErrors };
    },
    discountAutomaticAppUpdate: (/** @type {{ id: string, automaticAppDiscount: any }} */ { id, automaticAppDiscount: d }) => {
      if (!discounts.has(id)) return { automaticAppDiscount: null, userErrors: [{ field: ['id'], message: 'Discount does not exist', code: 'INVALID' }] };
      discounts.set(id, { ...discounts.get(id), ...d });
      for (const m of d.metafields ?? []) metafields.set(`${id} ${m.namespace} ${m.key}`, m.value);
      return { automaticAppDiscount: { discountId: id }, userErrors: [] };
    },
    webPixelCreate: (/** @type {{ webPixel: { settings: unknown } }} */ { webPixel }) => {
      if (pixels.size) return { webPixel: null, userErrors: [{ field: ['webPixel'], message: 'Web pixel is taken.', code: 'TAKEN' }] };
      const settings = pixelSettings(webPixel.settings);
      if (!settings) return { webPixel: null, userErrors: [{ field: ['webPixel', 'settings'], message: 'Settings are invalid.', code: 'INVALID_SETTINGS' }] };
      const id = `gid://shopify/WebPixel/${next++}`;
      pixels.set(id, settings);
      return { webPixel: { id }, userErrors: [] };
    },
    webPixelUpdate: (/** @type {{ id: string, webPixel: { settings: unknown } }} */ { id, webPixel }) => {
      if (!pixels.has(id)) return { webPixel: null, userErrors: [{ field: ['id'], message: 'Web pixel not found.', code: 'NOT_FOUND' }] };
      const settings = pixelSettings(webPixel.settings);
      if (!settings) return { webPixel: null, userErrors: [{ field: ['webPixel', 'settings'], message: 'Settings are invalid.', code: 'INVALID_SETTINGS' }] };
      pixels.set(id, settings);
      return { webPixel: { id }, userErrors: [] };
    },
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      const answer = (/** @type {number} */ status, /** @type {unknown} */ json, headers = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(typeof json === 'string' ? json : JSON.stringify(json));
      };
      if (req.method !== 'POST' || !/^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/.test(req.url ?? '')) return answer(404, { errors: 'Not Found' });
      let request;
      try { request = JSON.parse(body); } catch { return answer(400, { errors: 'Bad Request' }); }
      const record = { operationName: request.operationName, query: request.query, variables: request.variables, token: /** @type {string | undefined} */ (req.headers['x-shopify-access-token']), path: req.url ?? '' };
      requests.push(record);
      const fault = faults.findIndex((f) => f.operation === '*' || f.operation === request.operationName);
      if (fault >= 0) {
        const [f] = faults.splice(fault, 1);
        if (f.drop) return req.socket.destroy();
        return answer(f.status ?? 500, f.body ?? { errors: 'Internal Server Error' }, f.headers);
      }
      if (record.token !== token) return answer(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      let document;
      try { document = parse(request.query ?? ''); } catch (e) { return answer(200, { errors: [{ message: String(/** @type {Error} */ (e).message) }] }); }
      const invalid = validate(schema, document);
      if (invalid.length) return answer(200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) });
      const result = await graphql({ schema, source: request.query, rootValue: root, variableValues: request.variables, operationName: request.operationName });
      return answer(200, result);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    requests,
    metafields,
    discounts,
    pixels,
    /** @param {Fault} fault */
    fail: (fault) => { faults.push(fault); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}

/** A pixel's settings as Shopify takes them: JSON text (or an object) whose fields the
 * extension declares (`collect`, a string). @param {unknown} given */
function pixelSettings(given) {
  let settings = given;
  if (typeof given === 'string') {
    try { settings = JSON.parse(given); } catch { return null; }
  }
  if (!settings || typeof settings !== 'object') return null;
  const keys = Object.keys(settings);
  return keys.every((k) => k === 'collect') && typeof (/** @type {any} */ (settings).collect) === 'string' ? settings : null;
}
