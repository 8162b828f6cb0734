import { DEFAULT_LOW_STOCK_THRESHOLD, ONLINE_LOCATION, type Store } from '@omnikit/contract';
import type { Queryable } from '../db/types.js';
import { createRandom } from './random.js';
import { seedStores, type SeedStore } from './stores.js';
import { ALL_CATEGORIES, PRODUCT_COUNT, REDUCED_RATE_PRODUCT_COUNT, seedProducts, skuOf, type SeedProduct } from './products.js';

/** The seed's PRNG seed: change it and every generated value changes. */
const SEED = 20_260_101;
/** Default low-stock threshold of a stock row. */

/** One stock row of the seed. */
export interface StockSeed {
  sku: string;
  storeId: string;
  onHand: number;
  reserved: number;
}

/**
 * Known SKU and location pairs of the seed data, so tests, stories and examples can show every
 * state without searching. They hold on every machine: the seed is deterministic.
 */
export const SEED_FIXTURES = {
  /** The store examples select by default (Stockholm city centre). */
  defaultStoreId: 'se-stockholm-drottninggatan',
  /** A second store in the same city, a few kilometres away. */
  nearbyStoreId: 'se-stockholm-gotgatan',
  /** The online warehouse's location id. */
  onlineLocationId: ONLINE_LOCATION,
  /** Plenty available (40 on hand). */
  inStock: { sku: skuOf(1), storeId: 'se-stockholm-drottninggatan', onHand: 40 },
  /** 2 available, at or below the low-stock threshold of 5. */
  lowStock: { sku: skuOf(2), storeId: 'se-stockholm-drottninggatan', onHand: 2 },
  /** None at the store, 25 at `nearbyStoreId`. */
  outOfStockAvailableNearby: { sku: skuOf(3), storeId: 'se-stockholm-drottninggatan', nearbyStoreId: 'se-stockholm-gotgatan', nearbyOnHand: 25 },
  /**
   * None at the store, none online and none in any store a courier run reaches (so no transfer
   * can bring it: a pickup line there cannot be had); 25 at `farStoreId` (Malmö, 400 km).
   */
  outOfReach: { sku: skuOf(310), storeId: 'se-stockholm-drottninggatan', farStoreId: 'se-malmo-sodra-forstadsgatan', farOnHand: 25 },
  /** The store does not carry it (other stores may). */
  notStocked: { sku: skuOf(4), storeId: 'se-stockholm-drottninggatan' },
  /** Sold online only: stocked at `online`, never at a store. */
  onlineOnly: { sku: skuOf(5), storeId: ONLINE_LOCATION },
  /** Discontinued (`active: false`), stocked nowhere. */
  inactive: { sku: skuOf(6) },
  /** A well-formed SKU that does not exist. */
  unknownSku: 'OK-99999',
  /** A well-formed store id that does not exist. */
  unknownStoreId: 'se-nowhere',
  /** Physical stores in the seed (the warehouse not counted). */
  storeCount: 18,
  /** Parcel lockers (locations of their own, holding no stock). */
  lockerCount: 4,
  /** A parcel locker in Stockholm city centre, near `defaultStoreId`. */
  lockerId: 'se-stockholm-t-centralen-locker',
  productCount: PRODUCT_COUNT + REDUCED_RATE_PRODUCT_COUNT,
  /** Taxed at the reduced rate (12 % in Sweden): coffee beans. */
  reducedVat: { sku: skuOf(PRODUCT_COUNT + 1) },
  /** Taxed at the low rate (6 % in Sweden): a cookbook. */
  lowVat: { sku: skuOf(PRODUCT_COUNT + 2) },
} as const;

/** Everything the seed writes, generated deterministically. */
export function buildSeed(): { stores: SeedStore[]; products: SeedProduct[]; stock: StockSeed[] } {
  const rng = createRandom(SEED);
  const stores = seedStores();
  const products = seedProducts(rng, createRandom(SEED + 1));
  const stock: StockSeed[] = [];
  for (const p of products) {
    if (!p.active) continue;
    for (const s of stores) {
      if (s.type === 'locker') continue; // lockers hold no stock (and take no draw, so the rest stays as it was)
      const online = s.id === ONLINE_LOCATION;
      if (p.onlineOnly && !online) continue;
      if (!online && rng.chance(0.15)) continue; // not carried here
      const roll = rng.next();
      const onHand = online
        ? roll < 0.05 ? 0 : rng.int(20, 400)
        : roll < 0.1 ? 0 : roll < 0.25 ? rng.int(1, DEFAULT_LOW_STOCK_THRESHOLD - 1) : rng.int(6, 80);
      // A few units held for click-and-collect orders, so available differs from on hand.
      const reserved = onHand > 8 && rng.chance(0.1) ? rng.int(1, 3) : 0;
      stock.push({ sku: p.sku, storeId: s.id, onHand, reserved });
    }
  }
  applyFixtures(stock);
  return { stores, products, stock };
}

function applyFixtures(stock: StockSeed[]) {
  const f = SEED_FIXTURES;
  const set = (sku: string, storeId: string, onHand: number | undefined) => {
    const i = stock.findIndex((r) => r.sku === sku && r.storeId === storeId);
    if (i >= 0) stock.splice(i, 1);
    if (onHand !== undefined) stock.push({ sku, storeId, onHand, reserved: 0 });
  };
  set(f.inStock.sku, f.inStock.storeId, f.inStock.onHand);
  set(f.lowStock.sku, f.lowStock.storeId, f.lowStock.onHand);
  set(f.outOfStockAvailableNearby.sku, f.outOfStockAvailableNearby.storeId, 0);
  set(f.outOfStockAvailableNearby.sku, f.outOfStockAvailableNearby.nearbyStoreId, f.outOfStockAvailableNearby.nearbyOnHand);
  for (let i = stock.length - 1; i >= 0; i--) if (stock[i]!.sku === f.outOfReach.sku) stock.splice(i, 1);
  set(f.outOfReach.sku, f.outOfReach.storeId, 0);
  set(f.outOfReach.sku, f.outOfReach.farStoreId, f.outOfReach.farOnHand);
  set(f.notStocked.sku, f.notStocked.storeId, undefined);
  set(f.notStocked.sku, f.nearbyStoreId, 12);
  for (const { sku } of [f.reducedVat, f.lowVat]) {
    set(sku, f.onlineLocationId, 100);
    set(sku, f.defaultStoreId, 30);
  }
}

/** Writes the seed into empty tables (one transaction's worth of statements). */
export async function seedDatabase(q: Queryable): Promise<void> {
  const { stores, products, stock } = buildSeed();
  await q.query(
    `INSERT INTO categories (id, name, position)
     SELECT id, name, position FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, position int)`,
    [JSON.stringify(ALL_CATEGORIES.map((c, i) => ({ id: c.id, name: c.name, position: i })))],
  );
  await q.query(
    `INSERT INTO stores (id, name, short_name, type, street, postal_code, city, country, lat, lng, time_zone, phone, email,
                         opening_hours, opening_exceptions, services, position, preparation_minutes, compartments, slot_minutes, slot_capacity)
     SELECT id, name, short_name, type, street, postal_code, city, country, lat, lng, time_zone, phone, email,
            opening_hours, opening_exceptions, services, position, preparation_minutes, compartments, slot_minutes, slot_capacity
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, short_name text, type text, street text, postal_code text, city text,
       country text, lat double precision, lng double precision, time_zone text, phone text, email text,
       opening_hours jsonb, opening_exceptions jsonb, services jsonb, position int,
       preparation_minutes int, compartments int, slot_minutes int, slot_capacity int)`,
    [JSON.stringify(stores.map((s, i) => ({
      id: s.id, name: s.name, short_name: s.shortName ?? s.name, type: s.type, street: s.address.street, postal_code: s.address.postalCode,
      city: s.address.city, country: s.address.country, lat: s.coordinates.lat, lng: s.coordinates.lng,
      time_zone: s.timeZone, phone: s.phone ?? null, email: s.email ?? null, opening_hours: s.openingHours,
      opening_exceptions: s.openingExceptions, services: s.services, position: i,
      preparation_minutes: s.preparationMinutes ?? 30, compartments: s.compartments ?? null,
      slot_minutes: s.slotMinutes, slot_capacity: s.slotCapacity,
    })))],
  );
  await q.query(
    `INSERT INTO products (sku, name, description, brand, category_id, prices, online_only, active, vat_class)
     SELECT sku, name, description, brand, category_id, prices, online_only, active, vat_class
     FROM jsonb_to_recordset($1::jsonb) AS x(sku text, name text, description text, brand text, category_id text,
       prices jsonb, online_only boolean, active boolean, vat_class text)`,
    [JSON.stringify(products.map((p) => ({
      sku: p.sku, name: p.name, description: p.description, brand: p.brand, category_id: p.category,
      prices: p.prices, online_only: p.onlineOnly, active: p.active, vat_class: p.vatClass,
    })))],
  );
  await q.query(
    `INSERT INTO stock (sku, store_id, on_hand, reserved, low_stock_threshold)
     SELECT sku, store_id, on_hand, reserved, $2 FROM jsonb_to_recordset($1::jsonb)
       AS x(sku text, store_id text, on_hand int, reserved int)`,
    [JSON.stringify(stock.map((r) => ({ sku: r.sku, store_id: r.storeId, on_hand: r.onHand, reserved: r.reserved }))), DEFAULT_LOW_STOCK_THRESHOLD],
  );
}

/** True when the catalog tables hold no stores yet. */
export async function isEmpty(q: Queryable): Promise<boolean> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
  return Number(rows[0]?.n ?? 0) === 0;
}
