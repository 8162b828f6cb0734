// A stream the server refuses (401, a wrong key) when the tabs of an origin share it, in real
// Chromium: the tab that holds the stream asks once, and every tab (one opened later too) shows
// the refusal on $connection and tells its watchers, without a stream request of its own.
import { expect } from '@open-wc/testing';
import { createClient, watchAvailability, isOmnikitError, type OmnikitClient } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { sleep, until } from './browser-helpers.js';

const mocha = globalThis as unknown as { describe(title: string, fn: () => void): void; it(title: string, fn: () => Promise<unknown> | void): void; afterEach(fn: () => void): void };


const clients: OmnikitClient[] = [];

mocha.describe('a refused shared stream', () => {
  mocha.afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  mocha.it('one stream request for all tabs; each tab says unauthorized and tells its watchers once', async () => {
    const fixture = createFixtureFetch(DEFAULT_FIXTURES);
    let streams = 0;
    const fetch = async (input: Request | URL | string, init?: RequestInit) => {
      if (!String(input).includes('/v1/events')) return fixture(input, init);
      streams++;
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'The API key is not valid.', requestId: 'req_x' } }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    };
    const baseUrl = `https://refused-${Date.now()}.fixture.test`;
    const tab = () => {
      const c = createClient({ baseUrl, publishableKey: 'pk_test_wrong', fetch, storage: null, pollInterval: 10, realtime: { shareAcrossTabs: true, debounceMs: 1, backoffBaseMs: 1, backoffMaxMs: 4 } });
      clients.push(c);
      return c;
    };
    const [a, b] = [tab(), tab()];
    const errors: Record<string, unknown[]> = { a: [], b: [], c: [] };
    watchAvailability(a, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined, { onError: (e) => errors.a!.push(e) });
    watchAvailability(b, { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, () => undefined, { onError: (e) => errors.b!.push(e) });
    await until(() => a.$connection.get().status === 'failed' && b.$connection.get().status === 'failed', 'failed in both tabs');
    // A tab opened after the refusal learns it from the holder.
    const c = tab();
    watchAvailability(c, { sku: FIXTURE_SKUS.onlineOnly, storeId: 'online' }, () => undefined, { onError: (e) => errors.c!.push(e) });
    await until(() => c.$connection.get().status === 'failed', 'failed in the late tab');
    await sleep(300);
    expect(streams).to.equal(1);
    for (const t of [a, b, c]) {
      const s = t.$connection.get();
      expect(s.status).to.equal('failed');
      expect(isOmnikitError(s.error, 'unauthorized'), JSON.stringify(s)).to.equal(true);
      expect(s.error!.status).to.equal(401);
      expect(s.error!.requestId).to.equal('req_x');
    }
    for (const name of ['a', 'b', 'c']) {
      expect(errors[name]!.length, name).to.equal(1);
      expect(isOmnikitError(errors[name]![0], 'unauthorized'), name).to.equal(true);
    }
  });
});
