// The SDK against the real reference server (PGlite in memory), over loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { availabilityStore, createClient, isOmnikitError, OmnikitHttpError, stockStateStore, type Availability, type StockState, type StockStateQuery } from '@omnikit/sdk';
import { cleanStores, keepMount, type ReadableAtom } from 'nanostores';
import { createAdminClient } from '@omnikit/sdk/admin';
import { until, sleep, runScript } from './helpers.js';

const F = SEED_FIXTURES;
let server: RunningServer;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
});
after(async () => {
  await server.close();
});


const client = (baseUrl = server.url) =>
  createClient({ baseUrl, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 } });

test('availability.get, getMany and nearest return the seeded states', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const [inStock, low, out, notStocked, online] = await Promise.all([
    omni.availability.get(F.inStock),
    omni.availability.get(F.lowStock),
    omni.availability.get({ sku: F.outOfStockAvailableNearby.sku, storeId: F.outOfStockAvailableNearby.storeId }),
    omni.availability.get(F.notStocked),
    omni.availability.get(F.onlineOnly),
  ]);
  assert.equal(inStock.status, 'in_stock');
  assert.equal(inStock.onHand, F.inStock.onHand);
  assert.equal(low.status, 'low_stock');
  assert.equal(out.status, 'out_of_stock');
  assert.equal(notStocked.status, 'not_stocked');
  assert.equal(online.status, 'in_stock');
  const many = await omni.availability.getMany({ skus: [F.inStock.sku, F.lowStock.sku], storeIds: [F.defaultStoreId, 'online'] });
  assert.equal(many.length, 4);
  const near = await omni.availability.nearest({ sku: F.outOfStockAvailableNearby.sku, storeId: F.defaultStoreId });
  assert.ok(near.some((n) => n.store.id === F.outOfStockAvailableNearby.nearbyStoreId && n.availability.available > 0), JSON.stringify(near.map((n) => n.store.id)));
  await assert.rejects(omni.availability.get({ sku: F.unknownSku, storeId: F.defaultStoreId }), (e: unknown) => isOmnikitError(e, 'unknown_sku'));
});

test('stores and products', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const stores = await omni.stores.list();
  assert.equal(stores.length, F.storeCount);
  const store = await omni.stores.get(F.defaultStoreId);
  assert.equal(store.id, F.defaultStoreId);
  await assert.rejects(omni.stores.get(F.unknownStoreId), (e: unknown) => isOmnikitError(e, 'unknown_store') && (e as { requestId?: string }).requestId !== undefined);
  const near = await omni.stores.list({ near: store.coordinates, limit: 3 });
  assert.equal(near[0]!.id, F.defaultStoreId);
  const [p1, p2] = await Promise.all([omni.products.get(F.inStock.sku), omni.products.get(F.lowStock.sku)]);
  assert.equal(p1.sku, F.inStock.sku);
  assert.equal(p2.sku, F.lowStock.sku);
  const page = await omni.products.search({ pageSize: 5 });
  assert.equal(page.items.length, 5);
  assert.ok(page.total >= 300);
  await assert.rejects(omni.products.get(F.unknownSku), (e: unknown) => isOmnikitError(e, 'unknown_sku'));
});

test('every "not found" is the same OmnikitHttpError: products.get, getMany and availability.get name the status, code and request id', async (t) => {
  // Request id of every answer, by path, as the server sent it.
  const answered: { path: string; requestId: string | null }[] = [];
  const seeing = async (input: Request | URL | string, init?: RequestInit) => {
    const res = await fetch(input, init);
    answered.push({ path: new URL(input instanceof Request ? input.url : String(input)).pathname, requestId: res.headers.get('x-request-id') });
    return res;
  };
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, fetch: seeing });
  t.after(() => omni.close());
  const notFound = (path: string) => (e: unknown) => {
    assert.ok(e instanceof OmnikitHttpError, `an OmnikitHttpError, not ${String(e)}`);
    assert.equal(e.code, 'unknown_sku');
    assert.equal(e.status, 404);
    const mine = answered.filter((a) => a.path === path);
    assert.ok(e.requestId, 'a request id for a support ticket');
    assert.equal(e.requestId, mine.at(-1)?.requestId, `the id of the ${path} answer that lacked it`);
    return true;
  };
  // Batched with known SKUs: the answer is a 200 that leaves the unknown one out.
  const [known, unknown] = await Promise.allSettled([omni.products.get(F.inStock.sku), omni.products.get(F.unknownSku)]);
  assert.equal(known.status === 'fulfilled' && known.value.sku, F.inStock.sku);
  assert.equal(unknown.status, 'rejected');
  notFound('/v1/products')((unknown as PromiseRejectedResult).reason);
  await assert.rejects(omni.products.getMany([F.lowStock.sku, 'OK-99998']), notFound('/v1/products'));
  await assert.rejects(omni.availability.get({ sku: F.unknownSku, storeId: F.defaultStoreId }), notFound('/v1/availability'));
  await assert.rejects(omni.availability.getMany({ skus: [F.unknownSku], storeIds: ['online'] }), notFound('/v1/availability'));
  // Same as the direct route would say (the docs' one table of codes).
  const direct = await fetch(`${server.url}/v1/products/${F.unknownSku}`, { headers: { authorization: `Bearer ${DEMO_PUBLISHABLE_KEY}` } });
  assert.equal(direct.status, 404);
  assert.equal(((await direct.json()) as { error: { code: string } }).error.code, 'unknown_sku');
});

test('200 gets in one task make 1 request, and 200 watchers share one stream (POST topics) on the real server', async (t) => {
  const seen: string[] = [];
  const counting = (input: Request | URL | string, init?: RequestInit) => {
    seen.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, fetch: counting, realtime: { debounceMs: 5 } });
  t.after(() => omni.close());
  const skus = Array.from({ length: 200 }, (_, i) => `OK-${10001 + i}`);
  const all = await Promise.all(skus.map((sku) => omni.availability.get({ sku, storeId: F.defaultStoreId })));
  assert.equal(all.length, 200);
  assert.equal(seen.filter((p) => p === '/v1/availability').length, 1);
  const heard: string[] = [];
  for (const sku of skus) omni.availability.watch({ sku, storeId: F.defaultStoreId }, (a) => heard.push(a.sku));
  await sleep(300);
  assert.equal(seen.filter((p) => p === '/v1/events').length, 1);
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  await admin.stock.set({ sku: skus[150]!, storeId: F.defaultStoreId, quantity: 7, reason: 'correction' });
  await until(() => heard.includes(skus[150]!), 'the change on the shared stream', 5000);
});

test('a watch receives a stock change made with the admin client', async (t) => {
  const omni = client();
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  t.after(() => omni.close());
  const key = { sku: F.inStock.sku, storeId: F.nearbyStoreId };
  const before = await omni.availability.get(key);
  const seen: Availability[] = [];
  omni.availability.watch(key, (a) => seen.push(a));
  await sleep(200); // the stream connects
  const started = Date.now();
  const change = await admin.stock.adjust({ ...key, delta: 3, reason: 'delivery' });
  assert.equal(change.availability.onHand, before.onHand + 3);
  await until(() => seen.length > 0, 'the event', 5000);
  assert.ok(Date.now() - started < 1000, 'within 1 s');
  assert.equal(seen.at(-1)!.onHand, before.onHand + 3);
  assert.equal((await omni.availability.get(key)).onHand, before.onHand + 3, 'the cache follows the event');
});

test('the admin client refuses a publishable key with forbidden, and a sale beyond stock with insufficient_stock', async () => {
  const wrong = createAdminClient({ baseUrl: server.url, secretKey: DEMO_PUBLISHABLE_KEY });
  await assert.rejects(wrong.stock.set({ sku: F.inStock.sku, storeId: F.defaultStoreId, quantity: 1 }), (e: unknown) => isOmnikitError(e, 'forbidden'));
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  await assert.rejects(
    admin.stock.adjust({ sku: F.lowStock.sku, storeId: F.lowStock.storeId, delta: -1000, reason: 'sale_in_store' }),
    (e: unknown) => isOmnikitError(e, 'insufficient_stock') && (e as { status?: number }).status === 409,
  );
  const token = await admin.customerTokens.create({ customerId: 'cust-1' });
  assert.match(token.token, /^ct_/);
});

/** A TCP proxy in front of the server whose connections a test can cut, as a load balancer or a restart would. */
async function proxy(target: number): Promise<{ url: string; drop(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    drop: () => { for (const s of sockets) s.destroy(); },
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); srv.close(() => r()); }),
  };
}

test('after the server drops the connection the watch resumes and gets the change made meanwhile', async (t) => {
  const px = await proxy(server.port);
  const omni = client(px.url);
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  t.after(async () => {
    omni.close();
    await px.close();
  });
  const key = { sku: F.lowStock.sku, storeId: F.nearbyStoreId };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await sleep(200);
  const a = await admin.stock.set({ ...key, quantity: 20, reason: 'correction' });
  await until(() => seen.includes(20), 'the first event', 5000);
  px.drop();
  // Made while the client is cut off: only a Last-Event-ID resume (or a refetch) can bring it.
  await admin.stock.set({ ...key, quantity: 21, reason: 'correction' });
  await until(() => seen.includes(21), 'the change after the drop', 5000);
  assert.equal(a.availability.onHand, 20);
});

test('close() lets a Node process with an open watch exit', async () => {
  const script = fileURLToPath(new URL('./fixtures/watch-then-close.ts', import.meta.url));
  const { code, out } = await runScript(script, [], { OMNIKIT_API_URL: server.url }, 15_000);
  assert.equal(code, 0, `child did not exit by itself: ${out}`);
  assert.match(out, /stream open/);
  assert.match(out, /closed/);
});

test('the node-integrator example sells and restocks through the admin client, then exits', async () => {
  const script = fileURLToPath(new URL('../../../examples/node-integrator/index.ts', import.meta.url));
  const { code, out } = await runScript(script, ['--interval', '50', '--count', '4', '--skus', `${F.inStock.sku},${F.lowStock.sku}`], { OMNIKIT_API_URL: server.url }, 20_000);
  assert.equal(code, 0, out);
  const actions = out.split('\n').filter((l) => / (sale|delivery|skipped) /.test(l));
  assert.equal(actions.length, 4, out);
  assert.ok(actions.some((l) => / (sale|delivery) .*-> +\d+ available/.test(l)), out);
});

test('stockStateStore on the real server: every state a badge shows, live, without any widget', async (t) => {
  const omni = client();
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const held: ReadableAtom<StockState>[] = [];
  t.after(() => {
    cleanStores(...held);
    omni.close();
    admin.close();
  });
  const state = async (q: Partial<StockStateQuery> & { sku: string }, kind?: StockState['kind']) => {
    const $s = stockStateStore(omni, { storeId: F.defaultStoreId, ...q });
    held.push($s);
    keepMount($s);
    await until(() => (kind ? $s.get().kind === kind : $s.get().kind !== 'loading'), `${q.sku} at ${q.storeId ?? F.defaultStoreId}: ${kind ?? 'settled'}`, 5000).catch((e) => {
      throw new Error(`${(e as Error).message}, is ${JSON.stringify($s.get())}; here ${JSON.stringify(availabilityStore(omni, { sku: q.sku, storeId: q.storeId ?? F.defaultStoreId }).get())}`);
    });
    return $s;
  };
  // Earlier tests in this file sell from the seed's pairs: put back what the seed says.
  await admin.stock.set({ sku: F.lowStock.sku, storeId: F.lowStock.storeId, quantity: F.lowStock.onHand, reason: 'correction' });
  const inStock = (await state(F.inStock, 'in-stock')).get();
  const record = await omni.availability.get(F.inStock);
  assert.equal(inStock.available, record.available);
  assert.equal(inStock.lowStockThreshold, 5, 'the contract default, as the server applies it');
  const low = (await state(F.lowStock, 'low-stock')).get();
  assert.equal(low.available, F.lowStock.onHand);
  // The caller's threshold, both ways.
  await state({ sku: F.inStock.sku, lowStockThreshold: record.available }, 'low-stock');
  await state({ sku: F.lowStock.sku, lowStockThreshold: 1 }, 'in-stock');
  // Out of stock here, the nearest store that has it named, with distance and short name.
  const o = F.outOfStockAvailableNearby;
  const near = (await state({ sku: o.sku, storeId: o.storeId }, 'nearby')).get();
  assert.equal(near.nearby[0]!.storeId, o.nearbyStoreId);
  assert.equal(near.nearby[0]!.available, o.nearbyOnHand);
  assert.equal(near.nearby[0]!.shortName, 'Götgatan');
  assert.ok(near.nearby.length <= 3 && near.nearby.every((n, i) => n.available > 0 && n.distanceKm >= (near.nearby[i - 1]?.distanceKm ?? 0)));
  // Not carried here: the nearest store that does.
  assert.equal((await state(F.notStocked, 'nearby')).get().nearby[0]!.storeId, F.nearbyStoreId);
  // The nearby look off: this store alone.
  await state({ sku: o.sku, storeId: o.storeId, nearby: false }, 'out-of-stock');
  await state({ sku: F.onlineOnly.sku }, 'online-only');
  await state({ sku: F.inactive.sku }, 'not-sold');
  await state({ sku: F.unknownSku }, 'not-sold');
  assert.equal((await state({ sku: 'not a sku!' }, 'error')).get().error?.code, 'validation_failed');
  assert.equal((await state({ sku: F.inStock.sku, storeId: F.unknownStoreId }, 'error')).get().error?.code, 'unknown_store');
  // Live: a SKU of its own sells out here and at every store within reach: out of stock; then a
  // nearby store gets a delivery: nearby; then here: in stock.
  const sku = 'OK-10160';
  const $live = await state({ sku });
  const reach = (await omni.stores.list({ near: (await omni.stores.get(F.defaultStoreId)).coordinates, limit: 50 })).filter((s) => s.type === 'store');
  for (const s of reach) await admin.stock.set({ sku, storeId: s.id, quantity: 0, reason: 'correction' });
  await until(() => $live.get().kind === 'out-of-stock', `out of stock, is ${$live.get().kind}`, 5000);
  await admin.stock.set({ sku, storeId: F.nearbyStoreId, quantity: 4, reason: 'delivery' });
  await until(() => $live.get().kind === 'nearby' && $live.get().nearby[0]?.storeId === F.nearbyStoreId, `nearby, is ${$live.get().kind}`, 5000);
  await admin.stock.set({ sku, storeId: F.defaultStoreId, quantity: 3, reason: 'delivery' });
  await until(() => $live.get().kind === 'low-stock', `low stock, is ${$live.get().kind}`, 5000);
});

test('a wrong key against the reference server: the stream asks once, $connection says unauthorized, the watcher hears it once', async (t) => {
  let streams = 0;
  const counting = (input: Request | URL | string, init?: RequestInit) => {
    if (String(input instanceof Request ? input.url : input).includes('/v1/events')) streams++;
    return globalThis.fetch(input, init);
  };
  // Waits of 1-4 ms: a client that retried refusals would ask a hundred times in the pause below.
  const omni = createClient({
    baseUrl: server.url, publishableKey: 'pk_test_wrong', storage: null, fetch: counting, pollInterval: 10,
    realtime: { debounceMs: 1, backoffBaseMs: 1, backoffMaxMs: 4 },
  });
  t.after(() => omni.close());
  const errors: unknown[] = [];
  const { watchAvailability } = await import('@omnikit/sdk');
  watchAvailability(omni, F.inStock, () => assert.fail('no change can arrive'), { onError: (e) => errors.push(e) });
  await until(() => omni.$connection.get().status === 'failed', 'the refusal', 5000);
  await sleep(500);
  assert.equal(streams, 1);
  assert.equal(errors.length, 1);
  const c = omni.$connection.get();
  assert.ok(isOmnikitError(c.error, 'unauthorized'), JSON.stringify(c));
  assert.equal(c.error!.status, 401);
  assert.ok(c.error!.requestId, 'the server request id, for a support ticket');
  assert.ok(isOmnikitError(errors[0], 'unauthorized'));
});
