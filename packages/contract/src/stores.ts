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

/** A calendar date, `YYYY-MM-DD` (a regex check, as {@link Timestamp}). */
export const LocalDate = defineSchema(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')));

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
  date: LocalDate,
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

/**
 * Kinds of location: a physical `store`, the online `warehouse`, and a parcel `locker` (a
 * location of its own that holds no stock: a locker pickup is supplied from a store or the
 * online stock by transfer). Store lists hold lockers only when asked for (`type=locker` or
 * `service=locker`).
 */
export const STORE_TYPES = ['store', 'warehouse', 'locker'] as const;
/** A kind of location of {@link STORE_TYPES}. */
export type StoreType = (typeof STORE_TYPES)[number];

/**
 * Whether a location is open at the moment of the answer, computed by the server in the
 * location's time zone from its weekly hours, public holidays and its own exceptions.
 */
export interface OpenState {
  open: boolean;
  /** When open: the next closing (absent for a locker, open at all hours). */
  closesAt?: string;
  /** When closed: the next opening (absent when none within the next 30 days). */
  opensAt?: string;
}
export const OpenState = defineSchema(() => z.object({
  open: z.boolean(),
  closesAt: z.optional(Timestamp),
  opensAt: z.optional(Timestamp),
}));
type _OpenState = Assert<Same<OpenState, z.infer<typeof OpenState>>>;

/** A physical store, the online warehouse (`type: 'warehouse'`) or a parcel locker (`type: 'locker'`). */
export interface Store {
  /** Location id (see {@link LocationId}), e.g. `se-stockholm-drottninggatan`. */
  id: string;
  name: string;
  /**
   * A short name for tight spaces (`Götgatan` for `Nordvik Stockholm Götgatan`). The reference
   * server always sends it; optional so implementations that predate it stay valid (show `name`).
   */
  shortName?: string;
  type: StoreType;
  address: Address;
  coordinates: Coordinates;
  /** IANA time zone, e.g. `Europe/Stockholm`. */
  timeZone: string;
  phone?: string;
  email?: string;
  /** Weekly hours; empty for a locker (open at all hours) and the warehouse. */
  openingHours: OpeningHours[];
  /**
   * The coming days with other hours than the week's (the next 60 days): public holidays of the
   * country (closed) and the location's own exceptions (midsummer eve's short hours), which win.
   */
  openingExceptions: OpeningException[];
  services: StoreService[];
  /** Kilometres from the point asked about; only on `near` queries. */
  distanceKm?: number;
  /**
   * Minutes the store needs to pick an order from its shelves (a ready time is at least this
   * after the order, within opening hours). The reference server always sends it; optional so
   * implementations that predate it stay valid.
   */
  preparationMinutes?: number;
  /** Open or closed at the moment of the answer, and until or from when. Always sent by the reference server. */
  openState?: OpenState;
  /** A locker's number of compartments. */
  compartments?: number;
}
export const Store = defineSchema(() => z.object({
  id: LocationId,
  name: z.string(),
  shortName: z.optional(z.string()),
  type: z.enum(STORE_TYPES),
  address: Address,
  coordinates: Coordinates,
  timeZone: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  openingHours: z.array(OpeningHours),
  openingExceptions: z.array(OpeningException),
  services: z.array(StoreService),
  distanceKm: z.optional(z.number().check(z.minimum(0))),
  preparationMinutes: z.optional(z.int().check(z.minimum(0))),
  openState: z.optional(OpenState),
  compartments: z.optional(z.int().check(z.minimum(0))),
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
  summary: 'List stores; filter by text (city, postcode, name), country, service, type; sort by distance with `near`',
  response: StoreList,
} as const satisfies RouteDef;

/** `getStore` of `routes` as a client calls it (no input schemas). */
export const getStoreRoute = {
  method: 'GET', path: '/v1/stores/:storeId', auth: 'publishable', tag: 'stores',
  summary: 'One store by id', response: Store,
} as const satisfies RouteDef;

export { Timestamp };
