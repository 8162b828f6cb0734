import { DEFAULT_NEARBY_RADIUS_KM, ONLINE_LOCATION } from '@omnikit/contract';
import { ApiError } from '../errors.js';
import { distanceKm } from '@omnikit/contract';
import { parseLatLng } from '../geo.js';
import { nowOf, readModelOf } from '../state.js';
import { toAvailability, type StockRow } from '../stock.js';
import { findProduct } from './products.js';
import { findStore, toStore, type StoreRow } from './stores.js';
import type { Handlers } from './types.js';

export const availabilityHandlers: Pick<Handlers, 'getAvailability' | 'nearestAvailability'> = {
  async getAvailability({ query, app, c }) {
    // From the read model: no query on the tables once the SKUs and stores asked about are held,
    // and the same bytes again while none of them changed.
    const nearby = query.nearby === undefined
      ? undefined
      : { limit: query.nearby, radiusKm: query.nearbyRadiusKm ?? DEFAULT_NEARBY_RADIUS_KM };
    // The raw query string keys the kept answers: it determines the parsed query.
    const url = c.req.url;
    const body = await readModelOf(app).availabilityBody(query.skus, query.stores, nearby, url.slice(url.indexOf('?')));
    // Live data: no HTTP cache keeps it (the event stream says when it changes).
    return c.body(body, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  },

  async nearestAvailability({ query, q, app }) {
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
    const now = nowOf(app);
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
        .map(({ r, d }) => ({ store: toStore(r.store, now, d), distanceKm: d, availability: toAvailability(r.sku, r.store_id, r, r.updated_at) })),
    };
  },
};
