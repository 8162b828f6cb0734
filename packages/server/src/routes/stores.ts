import type { Store } from '@omnikit/contract';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { distanceKm } from '@omnikit/contract';
import { parseLatLng } from '../geo.js';
import { cachedJson } from '../http-cache.js';
import type { Handlers } from './types.js';

/** A row of the `stores` table. */
export interface StoreRow {
  id: string; name: string; short_name: string; type: 'store' | 'warehouse'; street: string; postal_code: string; city: string;
  country: Store['address']['country']; lat: number; lng: number; time_zone: string; phone: string | null;
  email: string | null; opening_hours: Store['openingHours']; opening_exceptions: Store['openingExceptions'];
  services: Store['services'];
}

export function toStore(r: StoreRow, distanceKm?: number): Store {
  return {
    id: r.id, name: r.name, shortName: r.short_name, type: r.type,
    address: { street: r.street, postalCode: r.postal_code, city: r.city, country: r.country },
    coordinates: { lat: r.lat, lng: r.lng },
    timeZone: r.time_zone,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.email ? { email: r.email } : {}),
    openingHours: r.opening_hours, openingExceptions: r.opening_exceptions, services: r.services,
    ...(distanceKm !== undefined ? { distanceKm } : {}),
  };
}

export async function findStore(q: Queryable, id: string): Promise<StoreRow> {
  const [row] = await q.query<StoreRow>('SELECT * FROM stores WHERE id = $1', [id]);
  if (!row) throw new ApiError('unknown_store', `No store has id ${id}.`);
  return row;
}

// LIKE patterns are built from user text: escape the wildcards so `%` matches a percent sign.
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export const storeHandlers: Pick<Handlers, 'listStores' | 'getStore'> = {
  // Both carry an ETag and a Cache-Control a CDN can honour (http-cache.ts).
  async listStores({ query, q, c, app }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.includeWarehouse !== 'true') where.push(`type = 'store'`);
    if (query.country) where.push(`country = $${params.push(query.country)}`);
    if (query.service) where.push(`services ? $${params.push(query.service)}`);
    if (query.q?.trim()) {
      const p = `$${params.push(likePattern(query.q.trim()))}`;
      where.push(`(name ILIKE ${p} OR city ILIKE ${p} OR postal_code ILIKE ${p} OR street ILIKE ${p})`);
    }
    const rows = await q.query<StoreRow>(
      `SELECT * FROM stores ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position, id`, params,
    );
    const limit = query.limit ?? 100;
    if (query.near) {
      const at = parseLatLng(query.near);
      if (!at) throw new ApiError('validation_failed', 'near is out of range.', [{ path: 'query.near', message: 'latitude within ±90, longitude within ±180' }]);
      return cachedJson(c, app, {
        items: rows
          .map((r) => ({ r, d: distanceKm(at, r) }))
          .sort((a, b) => a.d - b.d || a.r.id.localeCompare(b.r.id))
          .slice(0, limit)
          .map(({ r, d }) => toStore(r, d)),
      });
    }
    return cachedJson(c, app, { items: rows.slice(0, limit).map((r) => toStore(r)) });
  },

  async getStore({ params, q, c, app }) {
    return cachedJson(c, app, toStore(await findStore(q, params.storeId)));
  },
};
