// No client input gets a 500: every route with a deterministic spread of hostile values in its
// path, query and body. Each answer must be a 2xx/4xx with the error envelope on errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorEnvelope, routes, type RouteDef } from '@omnikit/contract';
import { createRandom } from '../src/seed/random.js';
import { SK, startTestServer, type TestServer } from './helpers.js';

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

const QUERY_KEYS = ['skus', 'stores', 'sku', 'storeId', 'near', 'q', 'category', 'country', 'service', 'page', 'pageSize', 'limit', 'radiusKm', 'minQuantity', 'topics', 'includeWarehouse'];
const BODY_KEYS = ['sku', 'storeId', 'delta', 'quantity', 'reason', 'note', 'customerId', 'ttlSeconds', 'email', 'topics'];

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
