// The SSR read snapshot: a server-side client records its read answers, the page carries them,
// and the browser's client primes its cache from them (validated), asking nothing again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBaseClient, createReadRecorder, getAvailability, getProduct, primeReads, serializeReads, stockStateStore } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';

const base = { baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x', storage: null };

/** What a server renders from: the availability of two SKUs (with the nearby look) and their products. */
async function serverSnapshot() {
  const api = createFixtureFetch(DEFAULT_FIXTURES);
  const recorder = createReadRecorder(api);
  const server = createBaseClient({ ...base, fetch: recorder.fetch });
  const unlisten = [FIXTURE_SKUS.inStock, FIXTURE_SKUS.outOfStockAvailableNearby].map((sku) => stockStateStore(server, { sku, storeId: FIXTURE_STORE }).listen(() => {}));
  await Promise.all([getProduct(server, FIXTURE_SKUS.inStock), recorder.settled()]);
  await recorder.settled();
  const states = [FIXTURE_SKUS.inStock, FIXTURE_SKUS.outOfStockAvailableNearby].map((sku) => stockStateStore(server, { sku, storeId: FIXTURE_STORE }).get().kind);
  for (const u of unlisten) u();
  server.close();
  return { snapshot: recorder.snapshot(), states, serverRequests: api.requests.length };
}

test('a primed client shows what the server rendered and asks the API nothing again', async () => {
  const { snapshot, states, serverRequests } = await serverSnapshot();
  assert.ok(serverRequests >= 2, 'the server asked availability and products');
  assert.deepEqual(states, ['in-stock', 'nearby'], 'the server decided both badges');
  assert.deepEqual([...new Set(snapshot.reads.map((r) => r.route))].sort(), ['availability', 'products']);
  // Through the page: serialized, parsed back as a browser would read the script element.
  const carried = JSON.parse(serializeReads(snapshot));
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const browser = createBaseClient({ ...base, fetch });
  assert.equal(primeReads(browser, carried), snapshot.reads.length);
  const $s = stockStateStore(browser, { sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: FIXTURE_STORE });
  const unlisten = $s.listen(() => {});
  await new Promise((r) => setTimeout(r, 20));
  assert.equal($s.get().kind, states[1]);
  assert.equal((await getAvailability(browser, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE })).sku, FIXTURE_SKUS.inStock);
  assert.equal((await getProduct(browser, FIXTURE_SKUS.inStock)).sku, FIXTURE_SKUS.inStock);
  assert.deepEqual(fetch.requests.filter((r) => r.url.pathname !== '/v1/events').map((r) => r.url.pathname), [], 'no read request after priming');
  unlisten();
  browser.close();
});

test('a snapshot that does not validate primes nothing; the client then asks the API as usual', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const browser = createBaseClient({ ...base, fetch });
  assert.equal(primeReads(browser, null), 0);
  assert.equal(primeReads(browser, { v: 2, reads: [] }), 0);
  assert.equal(primeReads(browser, 'not a snapshot'), 0);
  // A forged record: available must be a number; the whole answer is refused.
  const forged = { v: 1, reads: [{ route: 'availability', body: { items: [{ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, available: 'lots' }] } }, { route: 'products', body: { items: 5 } }, { route: 'carts', body: {} }] };
  assert.equal(primeReads(browser, forged), 0);
  const a = await getAvailability(browser, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE });
  assert.equal(typeof a.available, 'number');
  assert.equal(fetch.requests.filter((r) => r.url.pathname === '/v1/availability').length, 1);
  browser.close();
});

test('serializeReads escapes what could close a script element', () => {
  const text = serializeReads({ v: 1, reads: [{ route: 'products', body: { name: '</script><script>alert(1)</script> & \u2028' } }] });
  assert.ok(!/[<>&\u2028]/.test(text), text);
  assert.equal(JSON.parse(text).reads[0].body.name, '</script><script>alert(1)</script> & \u2028');
});
