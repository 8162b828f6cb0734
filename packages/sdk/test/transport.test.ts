import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, isOmnikitError, OmnikitError, OmnikitHttpError, OmnikitNetworkError, OmnikitTimeoutError, OmnikitResponseError } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';

const base = { baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x' };

async function rejection(p: Promise<unknown>): Promise<OmnikitError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isOmnikitError(e), `expected an OmnikitError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

test('a malformed (non-JSON) response becomes OmnikitResponseError with code invalid_response', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'malformed' });
  const omni = createClient({ ...base, fetch });
  const e = await rejection(omni.stores.list());
  assert.ok(e instanceof OmnikitResponseError);
  assert.equal(e.code, 'invalid_response');
  assert.equal(e.status, 200);
  omni.close();
});

test('valid JSON of the wrong shape becomes invalid_response with the failing path in details', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'schema' });
  const omni = createClient({ ...base, fetch });
  const e = await rejection(omni.availability.get({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }));
  assert.equal(e.code, 'invalid_response');
  assert.ok(e.details?.issues?.some((i) => i.path === 'items'), JSON.stringify(e.details));
  omni.close();
});

test('an error envelope becomes OmnikitHttpError with the server code and request id; 404 is not retried', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, retry: 3 });
  const e = await rejection(omni.stores.get('se-nowhere'));
  assert.ok(e instanceof OmnikitHttpError);
  assert.equal(e.code, 'unknown_store');
  assert.equal(e.status, 404);
  assert.match(e.requestId ?? '', /^fx_/);
  assert.equal(fetch.requests.length, 1);
  omni.close();
});

test('http500 is retried for GET (limit) and then reported with the server code', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'http500' });
  const omni = createClient({ ...base, fetch, retry: 1 });
  const e = await rejection(omni.stores.list());
  assert.equal(e.code, 'internal_error');
  assert.equal(e.status, 500);
  assert.equal(fetch.requests.length, 2);
  omni.close();
});

test('a network failure becomes OmnikitNetworkError (network_error) after the retries', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'network' });
  const omni = createClient({ ...base, fetch, retry: 1 });
  const e = await rejection(omni.products.search({ q: 'x' }));
  assert.ok(e instanceof OmnikitNetworkError);
  assert.equal(e.code, 'network_error');
  assert.equal(fetch.requests.length, 2);
  omni.close();
});

test('a refused connection says why in the message, not only deep in `cause`', async () => {
  // A port that was just free: nothing listens there, so the connection is refused at once.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const omni = createClient({ baseUrl: `http://127.0.0.1:${port}`, publishableKey: 'pk_test_omnikit_demo', retry: 0 });
  const e = await rejection(omni.stores.list());
  assert.ok(e instanceof OmnikitNetworkError);
  assert.match(e.message, /^GET \/v1\/stores failed: fetch failed: .*ECONNREFUSED.*127\.0\.0\.1:\d+/);
  omni.close();
});

test('no answer within timeout becomes OmnikitTimeoutError (timeout)', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'timeout' });
  const omni = createClient({ ...base, fetch, timeout: 50 });
  const started = Date.now();
  const e = await rejection(omni.stores.list());
  assert.ok(e instanceof OmnikitTimeoutError);
  assert.equal(e.code, 'timeout');
  assert.ok(Date.now() - started < 2000);
  omni.close();
});

test("the caller's AbortSignal gives code aborted", async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'timeout' });
  const omni = createClient({ ...base, fetch });
  const ctrl = new AbortController();
  const p = omni.stores.list({}, { signal: ctrl.signal });
  setTimeout(() => ctrl.abort(), 10);
  const e = await rejection(p);
  assert.equal(e.code, 'aborted');
  omni.close();
});

test('requests carry Authorization, Omnikit-Channel and Accept-Language; responses are typed', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, channel: 'kiosk', locale: 'sv-SE' });
  const stores = await omni.stores.list({ near: { lat: 59.33, lng: 18.06 } });
  assert.equal(stores[0]?.id, FIXTURE_STORE);
  assert.equal(typeof stores[0]?.distanceKm, 'number');
  const h = fetch.requests[0]!.headers;
  assert.equal(h.get('authorization'), 'Bearer pk_test_x');
  assert.equal(h.get('omnikit-channel'), 'kiosk');
  assert.equal(h.get('accept-language'), 'sv-SE');
  assert.equal(fetch.requests[0]!.url.searchParams.get('near'), '59.33,18.06');
  omni.close();
});

test('bad input is refused before any request with validation_failed', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch });
  const e = await rejection(omni.availability.get({ sku: 'not a sku!', storeId: FIXTURE_STORE }));
  assert.equal(e.code, 'validation_failed');
  assert.throws(() => omni.selectStore('Not A Store'), (x: unknown) => isOmnikitError(x, 'validation_failed'));
  assert.equal(fetch.requests.length, 0);
  assert.throws(() => createClient({ baseUrl: 'x', publishableKey: '' }), (x: unknown) => isOmnikitError(x, 'validation_failed'));
  omni.close();
});

/** A fetch that answers admin mutations, failing the first `failures` attempts in the given way. */
function flakyAdminFetch(failures: number, how: '503' | 'network') {
  const seen: { method: string; url: string; key: string | null; auth: string | null; body: string }[] = [];
  const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const req = new Request(input as Request, init);
    seen.push({ method: req.method, url: req.url, key: req.headers.get('idempotency-key'), auth: req.headers.get('authorization'), body: await req.text() });
    if (seen.length <= failures) {
      if (how === 'network') throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ error: { code: 'service_unavailable', message: 'busy', requestId: 'r1' } }), {
        status: 503, headers: { 'content-type': 'application/json', 'retry-after': '0' },
      });
    }
    const availability = { sku: 'OK-10001', storeId: 'se-a', onHand: 4, reserved: 0, available: 4, status: 'in_stock', lowStockThreshold: 3, updatedAt: new Date().toISOString() };
    return new Response(JSON.stringify({ availability, movement: { id: 'm1', sku: 'OK-10001', storeId: 'se-a', delta: -1, reason: 'sale_in_store', createdAt: new Date().toISOString() } }), {
      status: 201, headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, seen };
}

for (const how of ['503', 'network'] as const) {
  test(`a mutation retried after a ${how} failure keeps its Idempotency-Key`, async () => {
    const { fetch, seen } = flakyAdminFetch(1, how);
    const admin = createAdminClient({ baseUrl: 'https://api.fixture.test', secretKey: 'sk_test_x', fetch });
    const change = await admin.stock.adjust({ sku: 'OK-10001', storeId: 'se-a', delta: -1, reason: 'sale_in_store' });
    assert.equal(change.availability.onHand, 4);
    assert.equal(seen.length, 2);
    assert.match(seen[0]!.key ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(seen[1]!.key, seen[0]!.key);
    assert.equal(seen[0]!.method, 'POST');
    assert.equal(seen[0]!.auth, 'Bearer sk_test_x');
    assert.deepEqual(JSON.parse(seen[1]!.body), { sku: 'OK-10001', storeId: 'se-a', delta: -1, reason: 'sale_in_store' });
    admin.close();
  });
}

test('each mutation call gets its own Idempotency-Key; a caller-given key is used as is', async () => {
  const { fetch, seen } = flakyAdminFetch(0, '503');
  const admin = createAdminClient({ baseUrl: 'https://api.fixture.test', secretKey: 'sk_test_x', fetch });
  await admin.stock.set({ sku: 'OK-10001', storeId: 'se-a', quantity: 4 });
  await admin.stock.set({ sku: 'OK-10001', storeId: 'se-a', quantity: 4 });
  await admin.stock.set({ sku: 'OK-10001', storeId: 'se-a', quantity: 4 }, { idempotencyKey: 'till-7-receipt-991' });
  assert.equal(seen[0]!.method, 'PUT');
  assert.match(seen[0]!.url, /\/v1\/admin\/stock\/se-a\/OK-10001$/);
  assert.notEqual(seen[0]!.key, seen[1]!.key);
  assert.equal(seen[2]!.key, 'till-7-receipt-991');
  admin.close();
});

test('Retry-After is honoured before retrying', async () => {
  let calls = 0;
  const times: number[] = [];
  const fetch = async (): Promise<Response> => {
    times.push(Date.now());
    if (++calls === 1) return new Response('{}', { status: 429, headers: { 'retry-after': '0.3' } });
    return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const omni = createClient({ ...base, fetch });
  assert.deepEqual(await omni.stores.list(), []);
  assert.equal(calls, 2);
  assert.ok(times[1]! - times[0]! >= 280, `waited ${times[1]! - times[0]!} ms`);
  omni.close();
});

test('a 429 without a body keeps the status and gets code http_error', async () => {
  const fetch = async (): Promise<Response> => new Response('<html>busy</html>', { status: 429, headers: { 'retry-after': '0' } });
  const omni = createClient({ ...base, fetch, retry: 0 });
  const e = await rejection(omni.stores.list());
  assert.equal(e.code, 'http_error');
  assert.equal(e.status, 429);
  omni.close();
});

test('idempotency keys are version 4 UUIDs, distinct per call', async () => {
  const { randomId } = await import('../src/transport.js');
  const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
  assert.equal(ids.size, 1000);
  for (const id of [...ids].slice(0, 50)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('an error envelope without a request id takes the X-Request-Id header; a body that is not one gives http_error with the status', async () => {
  const { httpError } = await import('../src/transport.js');
  const e1 = await httpError(new Response(JSON.stringify({ error: { code: 'forbidden', message: 'no', requestId: '' } }), { status: 403, headers: { 'X-Request-Id': 'req_h' } }), 'GET /v1/x');
  assert.deepEqual([e1.code, e1.message, e1.status, e1.requestId, e1.details], ['forbidden', 'no', 403, 'req_h', undefined]);
  assert.ok(!('details' in e1) && !('cause' in e1), 'no empty fields');
  const e2 = await httpError(new Response('<html>bad gateway</html>', { status: 502 }), 'GET /v1/x');
  assert.deepEqual([e2.code, e2.message, e2.status, e2.requestId], ['http_error', 'GET /v1/x failed with HTTP 502', 502, undefined]);
  assert.ok(e2 instanceof OmnikitHttpError);
});
