import { ONLINE_LOCATION, type Availability } from '@omnikit/contract';
import { ApiError } from '../errors.js';
import { distanceKm } from '@omnikit/contract';
import { parseLatLng } from '../geo.js';
import { toAvailability, type StockRow } from '../stock.js';
import { findProduct } from './products.js';
import { findStore, toStore, type StoreRow } from './stores.js';
import type { Handlers } from './types.js';

export const availabilityHandlers: Pick<Handlers, 'getAvailability' | 'nearestAvailability'> = {
  async getAvailability({ query, q, app }) {
    const { skus, stores } = query;
    const { products, stores: knownStores } = app.known;
    // Existence checks go to the database only for what the cache does not know yet.
    const lookSkus = skus.filter((s) => products.get(s) === undefined);
    if (lookSkus.length) {
      const found = await q.query<{ sku: string; updated_at: Date }>(
        'SELECT sku, updated_at FROM products WHERE sku = ANY($1::text[])', [lookSkus],
      );
      for (const p of found) products.set(p.sku, new Date(p.updated_at).toISOString());
      const missing = lookSkus.filter((s) => products.get(s) === undefined);
      if (missing.length) {
        throw new ApiError('unknown_sku', `Unknown SKU: ${missing.join(', ')}.`,
          missing.map((s) => ({ path: 'query.skus', message: `unknown sku ${s}` })));
      }
    }
    const lookStores = stores.filter((s) => !knownStores.get(s));
    if (lookStores.length) {
      const found = await q.query<{ id: string }>('SELECT id FROM stores WHERE id = ANY($1::text[])', [lookStores]);
      for (const st of found) knownStores.set(st.id, true);
      const missing = lookStores.filter((s) => !knownStores.get(s));
      if (missing.length) {
        throw new ApiError('unknown_store', `Unknown store: ${missing.join(', ')}.`,
          missing.map((s) => ({ path: 'query.stores', message: `unknown store ${s}` })));
      }
    }
    const rows = await q.query<StockRow>(
      'SELECT * FROM stock WHERE sku = ANY($1::text[]) AND store_id = ANY($2::text[])', [skus, stores],
    );
    const byKey = new Map(rows.map((r) => [`${r.sku}@${r.store_id}`, r]));
    const items: Availability[] = [];
    for (const sku of skus) {
      for (const storeId of stores) items.push(toAvailability(sku, storeId, byKey.get(`${sku}@${storeId}`), products.get(sku) ?? new Date().toISOString()));
    }
    return { items };
  },

  async nearestAvailability({ query, q }) {
    const product = await findProduct(q, query.sku);
    let from: { lat: number; lng: number } | undefined;
    if (query.storeId) {
      const origin = await findStore(q, query.storeId);
      from = { lat: origin.lat, lng: origin.lng };
    } else if (query.near) {
      from = parseLatLng(query.near);
      if (!from) throw new ApiError('validation_failed', 'near is out of range.', [{ path: 'query.near', message: 'latitude within ±90, longitude within ±180' }]);
    } else {
      throw new ApiError('validation_failed', 'Give storeId or near.', [{ path: 'query', message: 'one of storeId or near is required' }]);
    }
    const minQuantity = query.minQuantity ?? 1;
    const radiusKm = query.radiusKm ?? 100;
    const limit = query.limit ?? 5;
    const rows = await q.query<StockRow & { store: StoreRow }>(
      `SELECT s.*, to_jsonb(st.*) AS store FROM stock s JOIN stores st ON st.id = s.store_id
       WHERE s.sku = $1 AND st.type = 'store' AND s.store_id <> $2 AND s.on_hand - s.reserved >= $3`,
      [product.sku, query.storeId ?? ONLINE_LOCATION, minQuantity],
    );
    return {
      items: rows
        .map((r) => ({ r, d: distanceKm(from!, r.store) }))
        .filter(({ d }) => d <= radiusKm)
        .sort((a, b) => a.d - b.d || a.r.store_id.localeCompare(b.r.store_id))
        .slice(0, limit)
        .map(({ r, d }) => ({ store: toStore(r.store, d), distanceKm: d, availability: toAvailability(r.sku, r.store_id, r, r.updated_at) })),
    };
  },
};
