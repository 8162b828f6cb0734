// The SDK in real Chromium: the fixture fetch for the quality bars, and the reference server
// that web-test-runner.config.mjs starts (CORS '*') for the real path, including localStorage.
import { expect } from '@open-wc/testing';
import { availabilityStore, createClient, isOmnikitError, SELECTED_STORE_KEY, type Availability } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Product } from '@omnikit/contract';
import { sleep, until } from './browser-helpers.js';

interface Env {
  apiUrl: string;
  publishableKey: string;
  secretKey: string;
  fixtures: { defaultStoreId: string; nearbyStoreId: string; inStock: { sku: string; storeId: string }; lowStock: { sku: string; storeId: string } };
}
// Mocha's globals, typed locally (global test typings would clash with node:test elsewhere).
const mocha = globalThis as unknown as { describe(title: string, fn: () => void): void; it(title: string, fn: () => Promise<unknown> | void): void };
const describe = (title: string, fn: () => void) => mocha.describe(title, fn);
const it = (title: string, fn: () => Promise<unknown> | void) => mocha.it(title, fn);

const env = (globalThis as { __OMNIKIT_ENV__?: Env }).__OMNIKIT_ENV__;


function catalog(n: number) {
  const p0 = DEFAULT_FIXTURES.products[0]!;
  const products: Product[] = Array.from({ length: n }, (_, i) => ({ ...p0, sku: `OK-4${String(i).padStart(4, '0')}` }));
  return { ...DEFAULT_FIXTURES, products };
}

describe('@omnikit/sdk in the browser', () => {
  it('200 availability.get calls in one task make at most 2 requests', async () => {
    const fetch = createFixtureFetch(catalog(200));
    const omni = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch, storage: null });
    const all = await Promise.all(Array.from({ length: 200 }, (_, i) => omni.availability.get({ sku: `OK-4${String(i).padStart(4, '0')}`, storeId: FIXTURE_STORE })));
    expect(all).to.have.length(200);
    expect(fetch.requests.length).to.be.at.most(2);
    omni.close();
  });

  it('200 watchers share one event stream', async () => {
    const fetch = createFixtureFetch(catalog(200));
    const omni = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch, storage: null });
    const stops = Array.from({ length: 200 }, (_, i) => omni.availability.watch({ sku: `OK-4${String(i).padStart(4, '0')}`, storeId: FIXTURE_STORE }, () => undefined));
    await until(() => fetch.openStreams === 1, 'the stream');
    await sleep(50);
    expect(fetch.requests.filter((r) => r.url.pathname === '/v1/events')).to.have.length(1);
    for (const s of stops) s();
    await until(() => fetch.openStreams === 0, 'the stream to close');
    omni.close();
  });

  it('a malformed response becomes an OmnikitError with code invalid_response', async () => {
    const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'malformed' });
    const omni = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch, storage: null });
    let caught: unknown;
    try {
      await omni.availability.get({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE });
    } catch (e) {
      caught = e;
    }
    expect(isOmnikitError(caught, 'invalid_response')).to.equal(true);
    omni.close();
  });

  it('persists the selected store in localStorage (and nothing else)', () => {
    localStorage.removeItem(SELECTED_STORE_KEY);
    const before = Object.keys(localStorage).length;
    const a = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch: createFixtureFetch() });
    a.selectStore(FIXTURE_STORE);
    expect(localStorage.getItem(SELECTED_STORE_KEY)).to.equal(FIXTURE_STORE);
    expect(Object.keys(localStorage).length).to.equal(before + 1);
    const b = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch: createFixtureFetch() });
    expect(b.$selectedStore.get()).to.equal(FIXTURE_STORE);
    a.close();
    b.close();
    localStorage.removeItem(SELECTED_STORE_KEY);
  });

  describe('against the reference server', () => {
    if (!env) throw new Error('No __OMNIKIT_ENV__: run through web-test-runner.config.mjs');
    it('reads availability cross-origin and a watch hears an admin change within 1 s', async () => {
      const omni = createClient({ baseUrl: env!.apiUrl, publishableKey: env!.publishableKey, storage: null });
      const key = { sku: env!.fixtures.inStock.sku, storeId: env!.fixtures.nearbyStoreId };
      const $a = availabilityStore(omni, key);
      const states: string[] = [];
      const off = $a.subscribe((s) => states.push(s.status));
      await until(() => $a.get().status === 'ready', 'ready');
      const before = ($a.get() as { data: Availability }).data.onHand;
      await sleep(300); // the stream connects
      const started = Date.now();
      // A plain admin call (the admin client warns in a browser, by design).
      const res = await fetch(`${env!.apiUrl}/v1/admin/stock/adjustments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${env!.secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ ...key, delta: 2, reason: 'delivery' }),
      });
      expect(res.status).to.equal(201);
      await until(() => ($a.get() as { data?: Availability }).data?.onHand === before + 2, 'the live change', 2000);
      expect(Date.now() - started).to.be.below(1000);
      expect(states[0]).to.equal('loading');
      off();
      omni.close();
    });
  });
});
