// No client input gets a 500: every route with a deterministic spread of hostile values in its
// path, query and body. Each answer must be a 2xx/4xx with the error envelope on errors.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { ErrorEnvelope, routes, type RouteDef } from '@omnikit/contract';
import { createRandom } from '../src/seed/random.js';
import { PK, SK, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('fuzz');
});
after(() => s.close());

const NASTY: unknown[] = [
  '', ' ', 'a\u0000b', 'OK-10001', 'online', "'; DROP TABLE stock; --", '%', '_', '\\', '%00', 'ÅÄÖ åäö', '🛒🛒', 'a'.repeat(5000),
  '-1', '0', '1e309', 'NaN', 'null', 'true', '59.33,18.06', '999,999', 'stock:OK-10001@online', '../../etc/passwd',
  0, -1, 1.5, 1e308, -1e308, 2 ** 53, true, false, null, [], ['OK-10001'], {}, { $gt: '' }, { sku: 'OK-10001' },
];

function pathFor(def: RouteDef, rng: ReturnType<typeof createRandom>): string {
  return def.path.replace(/:([A-Za-z]+)/g, () => {
    const v = rng.pick(NASTY);
    return encodeURIComponent(typeof v === 'string' && v ? v : String(JSON.stringify(v) ?? 'x'));
  });
}

const QUERY_KEYS = ['skus', 'stores', 'sku', 'storeId', 'near', 'q', 'category', 'country', 'service', 'page', 'pageSize', 'limit', 'radiusKm', 'minQuantity', 'topics', 'includeWarehouse', 'cursor'];
const BODY_KEYS = ['sku', 'storeId', 'delta', 'quantity', 'reason', 'note', 'customerId', 'ttlSeconds', 'email', 'topics', 'points', 'kind', 'action', 'currency', 'pointsPerUnit'];

test('hostile inputs on every route never produce a 500', async () => {
  const rng = createRandom(4711);
  const seen = new Map<number, number>();
  for (const [name, def] of Object.entries(routes) as [string, RouteDef][]) {
    if (def.stream) continue; // streams stay open; their validation is tested in events.test.ts
    for (let i = 0; i < 40; i++) {
      const query = new URLSearchParams();
      for (const k of QUERY_KEYS) if (rng.chance(0.4)) query.set(k, String(rng.pick(NASTY)));
      const body: Record<string, unknown> = {};
      for (const k of BODY_KEYS) if (rng.chance(0.5)) body[k] = rng.pick(NASTY);
      const raw = rng.chance(0.1) ? String(rng.pick(NASTY)) : rng.chance(0.1) ? JSON.stringify(rng.pick(NASTY)) : JSON.stringify(body);
      const path = `${pathFor(def, rng)}?${query}`;
      const r = await s.call(path, { method: def.method, key: def.auth === 'secret' || rng.chance(0.5) ? SK : undefined, ...(def.method === 'GET' ? {} : { raw }) });
      seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
      assert.ok(r.status < 500, `${name} ${def.method} ${path.slice(0, 200)} ${raw.slice(0, 200)} -> ${r.status} ${r.text.slice(0, 300)}`);
      if (r.status >= 400) assert.ok(ErrorEnvelope.safeParse(r.json).success, `${name}: error envelope`);
    }
  }
  // The spread reached both successes and several kinds of refusal.
  assert.ok([...seen.keys()].some((st) => st < 300) && [...seen.keys()].filter((st) => st >= 400).length >= 2, JSON.stringify([...seen]));
});

// Issue 7 §2: hostile shapes of the request itself, not of its values.
const DEEP = '['.repeat(5000) + ']'.repeat(5000);
const concretePath = (def: RouteDef) =>
  def.path.replace(':storeId', 'online').replace(':sku', 'OK-10001').replace(/:(cartId|lineId|orderId|refundId|ruleId|customerId)/g, 'x_does_not_exist');

test('a JSON body nested 5000 levels deep is 400 body_too_deep on every body-taking route', async () => {
  const withBody = (Object.entries(routes) as [string, RouteDef][]).filter(([, def]) => def.body);
  assert.ok(withBody.length >= 4, 'the route table has body-taking routes');
  for (const [name, def] of withBody) {
    // At the top and inside a field the schema and the NUL check would walk.
    for (const raw of [DEEP, `{"topics":${DEEP},"sku":${DEEP},"note":${DEEP}}`]) {
      const r = await s.call(concretePath(def), { method: def.method, key: SK, raw });
      assert.equal(r.status, 400, `${name}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.json?.error?.code, 'body_too_deep', name);
    }
  }
  // A body at the limit is still read (and then judged by the schema as usual).
  const nested = '['.repeat(63) + ']'.repeat(63); // 64 levels with the object around it
  const ok = await s.call('/v1/admin/stock/adjustments', { key: SK, raw: `{"sku":${nested}}` });
  assert.equal(ok.json?.error?.code, 'validation_failed', ok.text.slice(0, 200));
});

/** One request through `agent`; resolves with status, headers and body (never rejects on HTTP status). */
function send(agent: http.Agent, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; socket: unknown }>((resolve, reject) => {
    const req = http.request(`${s.url}${path}`, { agent, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, socket: req.socket }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

test('after a 413 the connection is closed, and the next request through the same keep-alive agent succeeds', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const big = JSON.stringify({ sku: 'OK-10001', storeId: 'online', delta: 1, reason: 'delivery', note: 'x'.repeat(200 * 1024) });
    const tooBig = await send(agent, '/v1/admin/stock/adjustments', {
      method: 'POST', body: big, headers: { Authorization: `Bearer ${SK}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) },
    });
    assert.equal(tooBig.status, 413);
    assert.equal(JSON.parse(tooBig.body).error.code, 'payload_too_large');
    assert.equal(tooBig.headers.connection, 'close');
    const next = await send(agent, '/v1/categories', { headers: { Authorization: `Bearer ${PK}` } });
    assert.equal(next.status, 200, next.body.slice(0, 200));
    assert.notEqual(next.socket, tooBig.socket, 'a fresh connection');
  } finally {
    agent.destroy();
  }
});

test('a URL or headers too large: 431 request_too_large in the error envelope', async () => {
  const agent = new http.Agent({ keepAlive: false });
  try {
    for (const init of [
      { path: `/v1/products?q=${'a'.repeat(20_000)}` },
      { path: '/v1/categories', headers: { 'X-Filler': 'b'.repeat(20_000) } },
    ]) {
      const r = await send(agent, init.path, { headers: { Authorization: `Bearer ${PK}`, ...init.headers } });
      assert.equal(r.status, 431);
      assert.match(String(r.headers['content-type']), /application\/json/);
      const env = ErrorEnvelope.parse(JSON.parse(r.body));
      assert.equal(env.error.code, 'request_too_large');
      assert.equal(env.error.requestId, r.headers['x-request-id']);
    }
    // The server still serves.
    assert.equal((await s.call('/v1/health')).status, 200);
  } finally {
    agent.destroy();
  }
});

test('a request line that is not HTTP gets 400 bad_request in the envelope, and the server keeps serving', async () => {
  const sock = net.connect(s.port, '127.0.0.1');
  const reply = await new Promise<string>((resolve) => {
    let got = '';
    sock.on('data', (d) => (got += d));
    sock.on('close', () => resolve(got));
    sock.on('error', () => resolve(got));
    sock.write('NOT HTTP AT ALL\r\n\r\n');
  });
  assert.match(reply, /^HTTP\/1\.1 400 /);
  assert.match(reply, /\r\nConnection: close\r\n/);
  assert.equal(ErrorEnvelope.parse(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).error.code, 'bad_request');
  assert.equal((await s.call('/v1/health')).status, 200);
});
