import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COUNTRIES, CURRENCIES, Product, Store } from '@omnikit/contract';
import { MIGRATIONS, SEED_FIXTURES, buildSeed, migrate, openDatabase, prepareDatabase, startServer } from '../src/index.js';
import { PG_URL, SK, call, dropSchema, freshSchema, onPostgres, parseWith } from './helpers.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

describe('seed data', () => {
  const seed = buildSeed();

  test('is deterministic', () => {
    assert.deepEqual(buildSeed(), seed);
  });

  test('stores: at least 12 in SE, NO, DK, FI with coordinates, zones, hours, holidays, services; one online warehouse', () => {
    const stores = seed.stores.filter((s) => s.type === 'store');
    assert.equal(stores.length, SEED_FIXTURES.storeCount);
    assert.ok(stores.length >= 12);
    for (const c of COUNTRIES) assert.ok(stores.filter((s) => s.address.country === c).length >= 3, c);
    for (const s of seed.stores) parseWith(Store, s);
    assert.deepEqual(seed.stores.filter((s) => s.type === 'warehouse').map((s) => s.id), ['online']);
    // Nordic coordinates, and each store's time zone matches its country.
    const zones = { SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki' };
    for (const s of stores) {
      assert.ok(s.coordinates.lat > 54 && s.coordinates.lat < 71 && s.coordinates.lng > 4 && s.coordinates.lng < 32, s.id);
      assert.equal(s.timeZone, zones[s.address.country]);
      assert.match(s.id, /^(se|no|dk|fi)-[a-z-]+$/);
      if (s.address.country === 'NO') assert.ok(!s.openingHours.some((h) => h.day === 7), `${s.id} closed on Sundays`);
    }
    assert.equal(new Set(seed.stores.map((s) => s.id)).size, seed.stores.length);
  });

  test('products: at least 300 in several categories, four currencies, sales, online-only and inactive ones', () => {
    assert.ok(seed.products.length >= 300);
    for (const p of seed.products) {
      parseWith(Product, p);
      assert.match(p.sku, /^OK-\d{5}$/);
      assert.deepEqual(Object.keys(p.prices).sort(), [...CURRENCIES].sort());
      for (const price of Object.values(p.prices)) assert.ok(price!.amount > 0 && (price!.compareAt === undefined || price!.compareAt > price!.amount));
    }
    assert.ok(new Set(seed.products.map((p) => p.category)).size >= 5);
    const onSale = seed.products.filter((p) => p.prices.SEK?.compareAt).length;
    const onlineOnly = seed.products.filter((p) => p.onlineOnly).length;
    const inactive = seed.products.filter((p) => !p.active).length;
    assert.ok(onSale > 10 && onlineOnly > 5 && inactive > 2 && inactive < 30, `${onSale} ${onlineOnly} ${inactive}`);
  });

  test('stock: zero, low and plenty; online-only only online; inactive nowhere; never reserved beyond on hand', () => {
    const store = seed.stock.filter((r) => r.storeId !== 'online');
    assert.ok(store.some((r) => r.onHand === 0));
    assert.ok(store.some((r) => r.onHand > 0 && r.onHand <= 5));
    assert.ok(store.some((r) => r.onHand >= 50));
    for (const r of seed.stock) assert.ok(r.reserved >= 0 && r.reserved <= r.onHand);
    const bySku = new Map(seed.products.map((p) => [p.sku, p]));
    for (const r of seed.stock) {
      const p = bySku.get(r.sku)!;
      assert.ok(p.active, `${r.sku} inactive but stocked`);
      if (p.onlineOnly) assert.equal(r.storeId, 'online');
    }
    assert.equal(new Set(seed.stock.map((r) => `${r.sku}@${r.storeId}`)).size, seed.stock.length);
  });
});

describe('migrations', () => {
  test('run once: a second run applies nothing', async () => {
    const schema = onPostgres ? freshSchema('migrate') : undefined;
    const db = await openDatabase(onPostgres ? { databaseUrl: PG_URL, databaseSchema: schema } : { dataDir: 'memory' });
    try {
      const first = await db.withStartupLock((q) => migrate(q));
      assert.deepEqual(first, MIGRATIONS.map((m) => m.version));
      assert.deepEqual(await db.withStartupLock((q) => migrate(q)), []);
      await prepareDatabase(db);
      await prepareDatabase(db);
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
      assert.equal(n!.n, SEED_FIXTURES.storeCount + 1 + SEED_FIXTURES.lockerCount, 'seeded once');
    } finally {
      await db.close();
      if (schema) await dropSchema(schema);
    }
  });

  test('PGlite keeps data in its folder across restarts, and db:reset reseeds it', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnikit-pglite-'));
    const schema = onPostgres ? freshSchema('reset') : undefined;
    const where = onPostgres ? { databaseUrl: PG_URL, databaseSchema: schema } : { dataDir };
    t.after(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropSchema(schema);
    });
    const { sku, storeId, onHand } = SEED_FIXTURES.inStock;
    const onHandNow = async (url: string) =>
      (await call(url, `/v1/availability?skus=${sku}&stores=${storeId}`)).json.items[0].onHand;

    let s = await startServer({ port: 0, ...where });
    await call(s.url, '/v1/admin/stock/adjustments', { key: SK, body: { sku, storeId, delta: -5, reason: 'sale_in_store' } });
    await s.close();
    s = await startServer({ port: 0, ...where });
    assert.equal(await onHandNow(s.url), onHand - 5, 'the change survived a restart');
    await s.close();

    const env = { ...process.env, OMNIKIT_DATA_DIR: dataDir, DATABASE_URL: onPostgres ? PG_URL : '', OMNIKIT_DB_SCHEMA: schema ?? '' };
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/cli/reset.ts'], { cwd: pkgDir, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Reset .*: 23 locations, 332 products/);
    s = await startServer({ port: 0, ...where });
    try {
      assert.equal(await onHandNow(s.url), onHand, 'back to the seed');
      const [m] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_movements');
      assert.equal(m!.n, 0);
    } finally {
      await s.close();
    }
  });
});
