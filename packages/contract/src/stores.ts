import * as z from 'zod/mini';
import { LocationId, Timestamp, list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Each result type is an interface (named in editors and .d.ts files) checked against its schema.

// Countries live in countries.ts (not common.ts, which is on every widget's path): store
// addresses, store queries and carts use them.
import { COUNTRIES, Country } from './countries.js';
export { COUNTRIES, Country };

/** What a store offers besides the shop floor. */
export const STORE_SERVICES = [
  'click_and_collect',
  'curbside',
  'locker',
  'returns',
  'home_delivery',
] as const;
/** A service of {@link STORE_SERVICES}. */
export const StoreService = defineSchema(() => z.enum(STORE_SERVICES));
export type StoreService = z.infer<typeof StoreService>;

const Time = defineSchema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')));

/** Regular opening hours for one ISO weekday (1 = Monday ... 7 = Sunday). A missing day is closed. */
export interface OpeningHours {
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  day: number;
  /** `HH:MM`, local time of the store. */
  opens: string;
  /** `HH:MM`, local time of the store. */
  closes: string;
}
export const OpeningHours = defineSchema(() => z.object({
  day: z.int().check(z.minimum(1), z.maximum(7)),
  opens: Time,
  closes: Time,
}));
type _OpeningHours = Assert<Same<OpeningHours, z.infer<typeof OpeningHours>>>;

/** A date with hours other than usual: a holiday (closed) or a special opening. */
export interface OpeningException {
  /** `YYYY-MM-DD` (a regex check, as {@link Timestamp}). */
  date: string;
  closed: boolean;
  /** `HH:MM`, when open that day. */
  opens?: string;
  /** `HH:MM`, when open that day. */
  closes?: string;
  note?: string;
}
export const OpeningException = defineSchema(() => z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')),
  closed: z.boolean(),
  opens: z.optional(Time),
  closes: z.optional(Time),
  note: z.optional(z.string()),
}));
type _OpeningException = Assert<Same<OpeningException, z.infer<typeof OpeningException>>>;

/** A store's street address. */
export interface Address {
  street: string;
  postalCode: string;
  city: string;
  country: Country;
}
export const Address = defineSchema(() => z.object({
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: Country,
}));
type _Address = Assert<Same<Address, z.infer<typeof Address>>>;

/** A point on the map (WGS 84 degrees). */
export interface Coordinates {
  /** -90 ... 90. */
  lat: number;
  /** -180 ... 180. */
  lng: number;
}
export const Coordinates = defineSchema(() => z.object({
  lat: z.number().check(z.minimum(-90), z.maximum(90)),
  lng: z.number().check(z.minimum(-180), z.maximum(180)),
}));
type _Coordinates = Assert<Same<Coordinates, z.infer<typeof Coordinates>>>;

/** A physical store, or the online warehouse (`type: 'warehouse'`). */
export interface Store {
  /** Location id (see {@link LocationId}), e.g. `se-stockholm-drottninggatan`. */
  id: string;
  name: string;
  /**
   * A short name for tight spaces (`Götgatan` for `Nordvik Stockholm Götgatan`). The reference
   * server always sends it; optional so implementations that predate it stay valid (show `name`).
   */
  shortName?: string;
  type: 'store' | 'warehouse';
  address: Address;
  coordinates: Coordinates;
  /** IANA time zone, e.g. `Europe/Stockholm`. */
  timeZone: string;
  phone?: string;
  email?: string;
  openingHours: OpeningHours[];
  openingExceptions: OpeningException[];
  services: StoreService[];
  /** Kilometres from the point asked about; only on `near` queries. */
  distanceKm?: number;
}
export const Store = defineSchema(() => z.object({
  id: LocationId,
  name: z.string(),
  shortName: z.optional(z.string()),
  type: z.enum(['store', 'warehouse']),
  address: Address,
  coordinates: Coordinates,
  timeZone: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  openingHours: z.array(OpeningHours),
  openingExceptions: z.array(OpeningException),
  services: z.array(StoreService),
  distanceKm: z.optional(z.number().check(z.minimum(0))),
}));
type _Store = Assert<Same<Store, z.infer<typeof Store>>>;

/** `GET /v1/stores`: the stores that match, nearest first with `near`. */
export interface StoreList {
  items: Store[];
}
export const StoreList = list(Store);
type _StoreList = Assert<Same<StoreList, z.infer<typeof StoreList>>>;

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
