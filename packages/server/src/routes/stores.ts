import type { Store, StoreType } from '@omnikit/contract';
import { comingExceptions, openState, type HoursSource } from '../pickup/hours.js';
import { nowOf } from '../state.js';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { distanceKm } from '@omnikit/contract';
import { parseLatLng } from '../geo.js';
import { cachedJson } from '../http-cache.js';
import type { Handlers } from './types.js';

/** A row of the `stores` table. */
export interface StoreRow {
  id: string; name: string; short_name: string; type: StoreType; street: string; postal_code: string; city: string;
  country: Store['address']['country']; lat: number; lng: number; time_zone: string; phone: string | null;
  email: string | null; opening_hours: Store['openingHours'];
  /** The location's own exceptions (dated); answers show the coming ones merged with public holidays. */
  opening_exceptions: Store['openingExceptions'];
  services: Store['services'];
  preparation_minutes: number; compartments: number | null; slot_minutes: number; slot_capacity: number;
}

/** What the hours engine needs of a row. */
export const hoursOf = (r: StoreRow): HoursSource => ({
  type: r.type, country: r.country, timeZone: r.time_zone, openingHours: r.opening_hours, overrides: r.opening_exceptions,
});

/** A store as the API answers it at `now`: its open state and coming exceptions computed in its zone. */
export function toStore(r: StoreRow, now: Date, distanceKm?: number): Store {
  const hours = hoursOf(r);
  return {
    id: r.id, name: r.name, shortName: r.short_name, type: r.type,
    address: { street: r.street, postalCode: r.postal_code, city: r.city, country: r.country },
    coordinates: { lat: r.lat, lng: r.lng },
    timeZone: r.time_zone,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.email ? { email: r.email } : {}),
    openingHours: r.opening_hours, openingExceptions: comingExceptions(hours, now, COMING_EXCEPTION_DAYS), services: r.services,
    ...(distanceKm !== undefined ? { distanceKm } : {}),
    preparationMinutes: r.preparation_minutes,
    openState: openState(hours, now),
    ...(r.compartments !== null ? { compartments: r.compartments } : {}),
  };
}

export async function findStore(q: Queryable, id: string): Promise<StoreRow> {
  const [row] = await q.query<StoreRow>('SELECT * FROM stores WHERE id = $1', [id]);
  if (!row) throw new ApiError('unknown_store', `No store has id ${id}.`);
  return row;
}

/** Days ahead a store answer lists its exceptions for. */
const COMING_EXCEPTION_DAYS = 60;

// LIKE patterns are built from user text: escape the wildcards so `%` matches a percent sign.
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export const storeHandlers: Pick<Handlers, 'listStores' | 'getStore'> = {
  // Both carry an ETag and a Cache-Control a CDN can honour (http-cache.ts).
  async listStores({ query, q, c, app }) {
    const where: string[] = [];
    const params: unknown[] = [];
    // Lockers only when asked for: lists that predate them stay as they were.
    const types = query.type ? [query.type] : ['store', ...(query.service === 'locker' ? ['locker'] : []), ...(query.includeWarehouse === 'true' ? ['warehouse'] : [])];
    if (query.type && query.includeWarehouse === 'true' && query.type !== 'warehouse') types.push('warehouse');
    where.push(`type = ANY($${params.push(types)}::text[])`);
    if (query.country) where.push(`country = $${params.push(query.country)}`);
    if (query.service) where.push(`services ? $${params.push(query.service)}`);
    if (query.q?.trim()) {
      const p = `$${params.push(likePattern(query.q.trim()))}`;
      // Postcodes with or without their space: `11121` and `111 21` both find `111 21`.
      const compact = `$${params.push(likePattern(query.q.replace(/\s+/g, '')))}`;
      where.push(`(name ILIKE ${p} OR city ILIKE ${p} OR street ILIKE ${p} OR replace(postal_code, ' ', '') ILIKE ${compact})`);
    }
    const rows = await q.query<StoreRow>(
      `SELECT * FROM stores ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position, id`, params,
    );
    const limit = query.limit ?? 100;
    const now = nowOf(app);
    if (query.near) {
      const at = parseLatLng(query.near);
      if (!at) throw new ApiError('validation_failed', 'near is out of range.', [{ path: 'query.near', message: 'latitude within ±90, longitude within ±180' }]);
      return cachedJson(c, app, {
        items: rows
          .map((r) => ({ r, d: distanceKm(at, r) }))
          .sort((a, b) => a.d - b.d || a.r.id.localeCompare(b.r.id))
          .slice(0, limit)
          .map(({ r, d }) => toStore(r, now, d)),
      });
    }
    return cachedJson(c, app, { items: rows.slice(0, limit).map((r) => toStore(r, now)) });
  },

  async getStore({ params, q, c, app }) {
    return cachedJson(c, app, toStore(await findStore(q, params.storeId), nowOf(app)));
  },
};
