// The merchant preview cuts the sample cart out of the config's text for the embed snippet,
// keeping every other character as typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutMember } from '../../www/json-member.mjs';

const cut = (text) => withoutMember(text, 'cart');

test('the cart member goes wherever it is, and nothing else changes', () => {
  assert.equal(cut('{"a":1,"cart":{"x":[1,{"y":"}"}]},"b":0.30000000000000001}'), '{"a":1,"b":0.30000000000000001}');
  assert.equal(cut('{"a":1,"cart":{"x":2}}'), '{"a":1}');
  assert.equal(cut('{"cart":{"x":2}}'), '{}');
  assert.equal(cut('{\n  "currency": "USD",\n  "cart": { "items": [] }\n}'), '{\n  "currency": "USD"\n}');
  assert.equal(cut('{"cart":1,"cart":2,"z":3}'), '{"z":3}');
});

test('a cart inside something else, a string that says cart, and text that is not JSON stay', () => {
  for (const text of ['{"a":{"cart":1}}', '{"a":"c\\"art","cart!":1}', 'not json', '[1,2]', '{"a":1}']) {
    assert.equal(cut(text), text);
  }
});
