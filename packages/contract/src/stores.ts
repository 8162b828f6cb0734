import * as z from 'zod/mini';
import { LocationId, Timestamp, list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';

/** Countries the seed retailer operates in (ISO 3166-1 alpha-2). */
// Here rather than in common.ts: only store addresses and store queries use it, and common.ts is
// on the widgets' path, where the CDN build would carry it for sdk.js.
export const COUNTRIES = ['SE', 'NO', 'DK', 'FI'] as const;
export const Country = defineSchema(() => z.enum(COUNTRIES));
export type Country = z.infer<typeof Country>;

/** What a store offers besides the shop floor. */
export const STORE_SERVICES = [
  'click_and_collect',
  'curbside',
  'locker',
  'returns',
  'home_delivery',
] as const;
export const StoreService = defineSchema(() => z.enum(STORE_SERVICES));
export type StoreService = z.infer<typeof StoreService>;

const Time = defineSchema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')));

/** Regular opening hours for one ISO weekday (1 = Monday ... 7 = Sunday). A missing day is closed. */
export const OpeningHours = defineSchema(() => z.object({
  day: z.int().check(z.minimum(1), z.maximum(7)),
  opens: Time,
  closes: Time,
}));
export type OpeningHours = z.infer<typeof OpeningHours>;

/** A date with hours other than usual: a holiday (closed) or a special opening. */
export const OpeningException = defineSchema(() => z.object({
  /** `YYYY-MM-DD` (a regex check, as {@link Timestamp}). */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')),
  closed: z.boolean(),
  opens: z.optional(Time),
  closes: z.optional(Time),
  note: z.optional(z.string()),
}));
export type OpeningException = z.infer<typeof OpeningException>;

export const Address = defineSchema(() => z.object({
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: Country,
}));
export type Address = z.infer<typeof Address>;

export const Coordinates = defineSchema(() => z.object({
  lat: z.number().check(z.minimum(-90), z.maximum(90)),
  lng: z.number().check(z.minimum(-180), z.maximum(180)),
}));
export type Coordinates = z.infer<typeof Coordinates>;

/** A physical store, or the online warehouse (`type: 'warehouse'`). */
export const Store = defineSchema(() => z.object({
  id: LocationId,
  name: z.string(),
  /**
   * A short name for tight spaces (`Götgatan` for `Nordvik Stockholm Götgatan`). The reference
   * server always sends it; optional so implementations that predate it stay valid (show `name`).
   */
  shortName: z.optional(z.string()),
  type: z.enum(['store', 'warehouse']),
  address: Address,
  coordinates: Coordinates,
  /** IANA time zone, e.g. `Europe/Stockholm`. */
  timeZone: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  openingHours: z.array(OpeningHours),
  openingExceptions: z.array(OpeningException),
  services: z.array(StoreService),
  /** Kilometres from the point asked about; only on `near` queries. */
  distanceKm: z.optional(z.number().check(z.minimum(0))),
}));
export type Store = z.infer<typeof Store>;

export const StoreList = list(Store);
export type StoreList = z.infer<typeof StoreList>;

/** `listStores` of `routes` as a client calls it (no input schemas). */
export const listStoresRoute = {
  method: 'GET', path: '/v1/stores', auth: 'publishable', tag: 'stores',
  summary: 'List stores; filter by text, country, service; sort by distance with `near`',
  response: StoreList,
} as const satisfies RouteDef;

/** `getStore` of `routes` as a client calls it (no input schemas). */
export const getStoreRoute = {
  method: 'GET', path: '/v1/stores/:storeId', auth: 'publishable', tag: 'stores',
  summary: 'One store by id', response: Store,
} as const satisfies RouteDef;

export { Timestamp };
