import * as z from 'zod/mini';
import { Fulfillment, LINE_PROBLEMS, MAX_LINE_QUANTITY, ObjectId, STOCK_SOURCES, type StockSource } from './cart.js';
import { Country } from './countries.js';
import { LocationId, Sku, Timestamp, defineSchema, queryInt } from './common.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Fulfilment options: how a SKU (or a whole cart) can reach the shopper from a chosen store,
// each with whether it can, why not, and when: the earliest ready time of a pickup (computed by
// the server from stock, preparation time, transfers and opening hours in the store's zone) or
// the estimated delivery date of home delivery. A widget shows `options` as a radio group as
// they come: `id` is the value, `possible` enables it, `problem` says why not.

/**
 * Why an option cannot be had: the line problems of the cart (`LINE_PROBLEMS`) and
 * - `closed_for_pickup`: the store has no opening with room for the order in the next 30 days;
 * - `no_capacity`: the locker has no compartments.
 */
export const FULFILLMENT_PROBLEMS = [...LINE_PROBLEMS, 'closed_for_pickup', 'no_capacity'] as const;
/** A problem of {@link FULFILLMENT_PROBLEMS}. */
export type FulfillmentProblem = (typeof FULFILLMENT_PROBLEMS)[number];

/** The kinds of option, in the order answers list them: in the store, at the car, from a locker, home delivery. */
export const FULFILLMENT_OPTION_KINDS = ['in_store', 'curbside', 'locker', 'delivery'] as const;
/** A kind of {@link FULFILLMENT_OPTION_KINDS}. */
export type FulfillmentOptionKind = (typeof FULFILLMENT_OPTION_KINDS)[number];


/** One SKU and quantity of an option: for the SKU asked about, or each line of a cart. */
export interface FulfillmentOptionLine {
  /** The cart line (cart form only). */
  lineId?: string;
  sku: string;
  quantity: number;
  possible: boolean;
  problem?: FulfillmentProblem;
  /** Units available at the option's location now (a locker's is always 0). */
  available: number;
  /** ISO 8601: earliest time the line can be collected (pickup kinds). */
  readyAt?: string;
  /** `YYYY-MM-DD`: estimated delivery date (home delivery). */
  deliveryDate?: string;
  source?: StockSource;
  /** The location the units move from first, when `source` is `transfer`. */
  transferFrom?: string;
}
export const FulfillmentOptionLine = defineSchema(() => z.object({
  lineId: z.optional(ObjectId),
  sku: Sku,
  quantity: z.int(),
  possible: z.boolean(),
  problem: z.optional(z.enum(FULFILLMENT_PROBLEMS)),
  available: z.int(),
  readyAt: z.optional(Timestamp),
  deliveryDate: z.optional(z.string()),
  source: z.optional(z.enum(STOCK_SOURCES)),
  transferFrom: z.optional(LocationId),
}));
type _FulfillmentOptionLine = Assert<Same<FulfillmentOptionLine, z.infer<typeof FulfillmentOptionLine>>>;

/**
 * One way to get the goods. For a cart, the worst line decides: `possible` when every line is,
 * `problem` of the first line that is not, `readyAt` the latest of the lines, `source`
 * `transfer` when any line moves first; `lines` has each line's own answer.
 */
export interface FulfillmentOption {
  /** Stable within an answer (the radio's value): `delivery`, `pickup:{storeId}:{method}`. */
  id: string;
  kind: FulfillmentOptionKind;
  /** What to put on the cart's lines to choose it. */
  fulfillment: Fulfillment;
  /** The store's or locker's short name (pickup kinds). */
  storeName?: string;
  /** The store's or locker's IANA time zone (pickup kinds): show `readyAt` in it. */
  timeZone?: string;
  /** A locker's kilometres from the store asked about. */
  distanceKm?: number;
  possible: boolean;
  problem?: FulfillmentProblem;
  /** ISO 8601: earliest time everything can be collected (pickup kinds, when possible). */
  readyAt?: string;
  /** `YYYY-MM-DD`: estimated delivery date (home delivery, when possible). */
  deliveryDate?: string;
  source?: StockSource;
  /** Where units move from first (the latest line's, for a cart). */
  transferFrom?: string;
  lines: FulfillmentOptionLine[];
}
export const FulfillmentOption = defineSchema(() => z.object({
  id: z.string(),
  kind: z.enum(FULFILLMENT_OPTION_KINDS),
  fulfillment: Fulfillment,
  storeName: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  distanceKm: z.optional(z.number()),
  possible: z.boolean(),
  problem: z.optional(z.enum(FULFILLMENT_PROBLEMS)),
  readyAt: z.optional(Timestamp),
  deliveryDate: z.optional(z.string()),
  source: z.optional(z.enum(STOCK_SOURCES)),
  transferFrom: z.optional(LocationId),
  lines: z.array(FulfillmentOptionLine),
}));
type _FulfillmentOption = Assert<Same<FulfillmentOption, z.infer<typeof FulfillmentOption>>>;

/** `GET /v1/fulfillment/options` and `GET /v1/carts/{cartId}/fulfillment-options`. */
export interface FulfillmentOptions {
  /** The store asked about (absent: home delivery only). */
  storeId?: string;
  /** ISO 8601: the time the answer was computed at (ready times move with it). */
  computedAt: string;
  options: FulfillmentOption[];
  /** The option to preselect: the first possible one in {@link FULFILLMENT_OPTION_KINDS} order. */
  defaultOptionId?: string;
}
export const FulfillmentOptions = defineSchema(() => z.object({
  storeId: z.optional(LocationId),
  computedAt: Timestamp,
  options: z.array(FulfillmentOption),
  defaultOptionId: z.optional(z.string()),
}));
type _FulfillmentOptions = Assert<Same<FulfillmentOptions, z.infer<typeof FulfillmentOptions>>>;

// ---- inputs ----

/** `GET /v1/fulfillment/options?sku&quantity&storeId`. */
export const FulfillmentOptionsQuery = defineSchema(() => z.object({
  sku: Sku,
  /** Whole units, 1 to `MAX_LINE_QUANTITY` (default 1). */
  quantity: z.optional(queryInt(1, MAX_LINE_QUANTITY)),
  /** A store (pickup, curbside, the lockers near it) or a locker; absent: home delivery only. */
  storeId: z.optional(LocationId),
  /** Where home delivery goes (its business days); default the store's country, else Sweden. */
  country: z.optional(Country),
}));
export type FulfillmentOptionsQuery = z.input<typeof FulfillmentOptionsQuery>;

/** `GET /v1/carts/{cartId}/fulfillment-options?storeId`. */
export const CartFulfillmentOptionsQuery = defineSchema(() => z.object({
  /** Default: the store of the cart's first pickup line; none: home delivery only. */
  storeId: z.optional(LocationId),
}));
export type CartFulfillmentOptionsQuery = z.input<typeof CartFulfillmentOptionsQuery>;

// ---- routes ----

/** `fulfillmentOptions` of `routes` as a client calls it (no input schemas). */
export const fulfillmentOptionsRoute = {
  method: 'GET', path: '/v1/fulfillment/options', auth: 'publishable', tag: 'fulfillment',
  summary: 'How a SKU and quantity can reach the shopper from a store: pickup, curbside, lockers, delivery, with ready times',
  response: FulfillmentOptions,
} as const satisfies RouteDef;

/** `cartFulfillmentOptions` of `routes` as a client calls it (no input schemas). */
export const cartFulfillmentOptionsRoute = {
  method: 'GET', path: '/v1/carts/:cartId/fulfillment-options', auth: 'publishable', tag: 'fulfillment',
  summary: "The fulfilment options of a whole cart from a store (the worst line decides), with each line's detail",
  response: FulfillmentOptions,
} as const satisfies RouteDef;
