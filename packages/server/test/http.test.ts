import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CustomerToken } from '@omnikit/contract';
import { SK, assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

const staticDir = fileURLToPath(new URL('./fixtures/static', import.meta.url));
let s: TestServer;
before(async () => {
  s = await startTestServer('http', {
    corsOrigins: ['https://shop.example'],
    demoSignIn: true,
    static: [{ prefix: '/demo/', dir: staticDir }],
  });
});
after(() => s.close());

describe('request ids', () => {
  test('every response carries X-Request-Id, errors repeat it in the body', async () => {
    const ok = await s.call('/v1/categories');
    assert.match(ok.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    const a = await s.call('/v1/nope');
    const b = await s.call('/v1/nope');
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
    assertError(a, 404, 'not_found');
    const pre = await fetch(`${s.url}/v1/stores`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' } });
    assert.ok(pre.headers.get('x-request-id'));
  });
  test('every response carries the event position from before it was read; a change moves it on', async () => {
    const before = Number((await s.call('/v1/categories')).headers.get('omnikit-event-position'));
    assert.ok(Number.isInteger(before) && before >= 0, `position ${before}`);
    const stock = await s.call('/v1/admin/stock/se-stockholm-drottninggatan/OK-10001', {
      method: 'PUT', key: SK, body: { quantity: 17, reason: 'correction' },
    });
    assert.equal(stock.status, 200);
    // The bus delivers the change's event (and moves its position) just after the commit.
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = Number((await s.call('/v1/health')).headers.get('omnikit-event-position'));
    }
    assert.ok(after > before, `${after} > ${before}`);
  });
  test("a caller's well-formed request id is kept, a malformed one replaced", async () => {
    assert.equal((await s.call('/v1/health', { headers: { 'X-Request-Id': 'pos-till-7.123' } })).headers.get('x-request-id'), 'pos-till-7.123');
    assert.notEqual((await s.call('/v1/health', { headers: { 'X-Request-Id': 'bad id <script>' } })).headers.get('x-request-id'), 'bad id <script>');
  });
});

describe('routing', () => {
  test('unknown route 404 not_found; wrong method 405 with Allow', async () => {
    assertError(await s.call('/v1/unknown'), 404, 'not_found');
    assertError(await s.call('/nothing/here', { key: null }), 404, 'not_found');
    const r = await s.call('/v1/stores', { method: 'DELETE' });
    assertError(r, 405, 'method_not_allowed');
    assert.equal(r.headers.get('allow'), 'GET, OPTIONS');
    assertError(await s.call('/v1/admin/stock/adjustments', { method: 'GET', key: SK }), 405, 'method_not_allowed');
    assertError(await s.call('/v1/events', { method: 'PUT' }), 405, 'method_not_allowed');
  });
});

describe('CORS', () => {
  test('preflight from an allowed origin names the headers and methods', async () => {
    const r = await fetch(`${s.url}/v1/admin/stock/adjustments`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
    });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://shop.example');
    const allowed = (r.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key', 'omnikit-channel', 'omnikit-customer-token', 'omnikit-cart-secret', 'if-match', 'last-event-id', 'x-request-id']) {
      assert.ok(allowed.includes(h), h);
    }
  });
  test('responses to an allowed origin expose X-Request-Id and Retry-After; other origins get no grant', async () => {
    const r = await fetch(`${s.url}/v1/health`, { headers: { Origin: 'https://shop.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://shop.example');
    const exposed = (r.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    assert.ok(exposed.includes('x-request-id') && exposed.includes('retry-after') && exposed.includes('omnikit-event-position'));
    const evil = await fetch(`${s.url}/v1/health`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });
});

describe('static files', () => {
  test('served under the prefix with content types; index.html for folders', async () => {
    for (const [path, type] of [['/demo/', 'text/html'], ['/demo/app.js', 'text/javascript'], ['/demo/sub/site.css', 'text/css'], ['/demo/data.json', 'application/json']]) {
      const r = await fetch(s.url + path);
      assert.equal(r.status, 200, path);
      assert.ok(r.headers.get('content-type')?.startsWith(type!), `${path}: ${r.headers.get('content-type')}`);
    }
  });
  test('no escape from the folder, no files outside the prefix', async () => {
    for (const path of ['/demo/../package.json', '/demo/%2e%2e/%2e%2e/package.json', '/demo/..%2fhttp.test.ts', '/demo/missing.js', '/index.html']) {
      const r = await fetch(s.url + path);
      assert.equal(r.status, 404, path);
    }
  });
});

describe('POST /v1/demo/sign-in (enabled)', () => {
  test('gives a customer token for an email, stable customer id, no email in it', async () => {
    const a = parseWith(CustomerToken, (await s.call('/v1/demo/sign-in', { body: { email: 'Anna@Example.com' } })).json);
    const b = parseWith(CustomerToken, (await s.call('/v1/demo/sign-in', { body: { email: 'anna@example.com' } })).json);
    assert.equal(a.customerId, b.customerId);
    assert.notEqual(a.token, b.token);
    assert.ok(!a.customerId.includes('anna'));
    assert.equal((await s.call('/v1/stores?limit=1', { headers: { 'Omnikit-Customer-Token': a.token } })).status, 200);
  });
  test('bad email 400; no key 401', async () => {
    assertError(await s.call('/v1/demo/sign-in', { body: { email: 'not-an-email' } }), 400, 'validation_failed');
    assertError(await s.call('/v1/demo/sign-in', { body: { email: 'a@b.se' }, key: null }), 401, 'unauthorized');
  });
});

describe('faults', () => {
  test('a real failure is 500 internal_error with no detail leaked', async () => {
    // Break the database under the running server (last test in this file).
    await s.db.query('DROP TABLE categories CASCADE');
    const r = await s.call('/v1/categories');
    const e = assertError(r, 500, 'internal_error');
    assert.ok(!/categories|relation|sql/i.test(e.message));
    assert.ok(!r.text.includes('node_modules'));
  });
});
