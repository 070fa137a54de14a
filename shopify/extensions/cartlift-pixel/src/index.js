// @ts-check
// The pixel's entry, as Shopify's CLI bundles it: Shopify's `register` hands the sandbox's APIs
// to cartlift's order pixel (./orders.js, which the tests run against a stub of those APIs).
import { register } from '@shopify/web-pixels-extension';
import { start } from './orders.js';

register(start);
