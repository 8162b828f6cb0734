import * as z from 'zod/mini';
import { LocationId, MAX_QUANTITY, Sku, Timestamp, defineSchema } from './common.js';
import { Availability } from './availability.js';
import { ObjectId } from './cart.js';
import { Order } from './orders.js';
import { StockMovement } from './stock.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// What store staff do after checkout, besides the order steps in orders.ts: correct a store's
// stock (also below what is reserved), take goods back, and the staff session a browser uses for
// all of it without a secret key. Plus the local inventory feed for ad channels.

/** Prefix of staff session tokens. */
export const STAFF_TOKEN_PREFIX = 'st_';
/** Seconds a staff session lasts unless asked otherwise: one shift. */
export const DEFAULT_STAFF_SESSION_SECONDS = 8 * 3600;
/** Longest staff session: 12 hours (the back office mints a new one per shift). */
export const MAX_STAFF_SESSION_SECONDS = 12 * 3600;

/** `POST /v1/admin/staff-sessions`: a token for one store's staff, minted by the back office. */
export const CreateStaffSessionBody = defineSchema(() => z.object({
  storeId: LocationId,
  /** 60 ... {@link MAX_STAFF_SESSION_SECONDS}; default {@link DEFAULT_STAFF_SESSION_SECONDS}. */
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(MAX_STAFF_SESSION_SECONDS))),
}));
export type CreateStaffSessionBody = z.infer<typeof CreateStaffSessionBody>;

/**
 * A staff session: `Authorization: Bearer st_...` on the staff routes (order list and steps,
 * stock corrections, returns) of its store only. Shown once; the server keeps its hash.
 */
export interface StaffSession {
  token: string;
  storeId: string;
  /** ISO 8601. */
  expiresAt: string;
}
export const StaffSession = defineSchema(() => z.object({
  token: z.string(),
  storeId: LocationId,
  expiresAt: Timestamp,
}));
type _StaffSession = Assert<Same<StaffSession, z.infer<typeof StaffSession>>>;

/**
 * `POST /v1/admin/stock/corrections`: what staff counted. Unlike a stock take
 * (`PUT /v1/admin/stock/...`, refused below what is reserved), a correction below the reserved
 * units is taken: the newest orders holding units there lose them and become `needs_attention`.
 */
export const CorrectStockBody = defineSchema(() => z.object({
  sku: Sku,
  storeId: LocationId,
  /** The units really there. */
  onHand: z.int().check(z.minimum(0), z.maximum(MAX_QUANTITY)),
  reason: z.optional(z.enum(['correction', 'shrinkage'])),
  note: z.optional(z.string().check(z.maxLength(500))),
}));
export type CorrectStockBody = z.infer<typeof CorrectStockBody>;

/** An order a correction left short. */
export interface AffectedOrder {
  orderId: string;
  number: string;
  /** Units of the SKU it lost. */
  missing: number;
}
export const AffectedOrder = defineSchema(() => z.object({
  orderId: ObjectId,
  number: z.string(),
  missing: z.int(),
}));
type _AffectedOrder = Assert<Same<AffectedOrder, z.infer<typeof AffectedOrder>>>;

/** Result of a correction: the new availability, the movement, and the orders now needing attention. */
export interface StockCorrection {
  availability: Availability;
  movement: StockMovement;
  affectedOrders: AffectedOrder[];
}
export const StockCorrection = defineSchema(() => z.object({
  availability: Availability,
  movement: StockMovement,
  affectedOrders: z.array(AffectedOrder),
}));
type _StockCorrection = Assert<Same<StockCorrection, z.infer<typeof StockCorrection>>>;

/** `POST /v1/admin/returns`: goods of an order brought back to a store that offers `returns`. */
export const CreateReturnBody = defineSchema(() => z.object({
  orderId: ObjectId,
  storeId: LocationId,
  lines: z.array(z.object({ lineId: ObjectId, quantity: z.int().check(z.minimum(1), z.maximum(999)) })).check(z.minLength(1), z.maxLength(100)),
}));
export type CreateReturnBody = z.infer<typeof CreateReturnBody>;

/** `createStaffSession` of `routes` as a client calls it (no input schemas). */
export const createStaffSessionRoute = {
  method: 'POST', path: '/v1/admin/staff-sessions', auth: 'secret', tag: 'admin',
  summary: "A short-lived token for one store's staff (the pickup queue in a browser), minted by the back office",
  response: StaffSession, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `correctStock` of `routes` as a client calls it (no input schemas). */
export const correctStockRoute = {
  method: 'POST', path: '/v1/admin/stock/corrections', auth: 'staff', tag: 'admin',
  summary: 'What staff counted, also below the reserved units: the newest orders holding them become needs_attention',
  response: StockCorrection, idempotent: true,
} as const satisfies RouteDef;

/** `createReturn` of `routes` as a client calls it (no input schemas). */
export const createReturnRoute = {
  method: 'POST', path: '/v1/admin/returns', auth: 'staff', tag: 'admin',
  summary: "Goods of any order brought back to a store offering returns: stock to that store, a pending refund",
  response: Order, status: 201, idempotent: true,
} as const satisfies RouteDef;

/**
 * The columns of the local inventory feed, in order (tab-separated, one header row):
 * - `store_code`: the store's id;
 * - `id`: the SKU (the product feed's id);
 * - `quantity`: units available now (on hand less reserved);
 * - `price`: the store country's price with its currency, `249.00 SEK`;
 * - `sale_price`: the same when on sale (empty otherwise; `price` is then the ordinary price);
 * - `availability`: `in_stock`, `limited_availability` (at most the low-stock threshold) or `out_of_stock`;
 * - `pickup_method`: `buy` where the store offers click and collect, empty otherwise;
 * - `pickup_sla`: `same day` where it does.
 */
export const LOCAL_INVENTORY_COLUMNS = ['store_code', 'id', 'quantity', 'price', 'sale_price', 'availability', 'pickup_method', 'pickup_sla'] as const;

/** `localInventoryFeed` of `routes` as a client calls it. */
export const localInventoryFeedRoute = {
  method: 'GET', path: '/v1/admin/feeds/local-inventory', auth: 'secret', tag: 'admin',
  summary: 'Every store x SKU with stock, from live stock, as the tab-separated local inventory ads feed',
  contentType: 'text/tab-separated-values',
} as const satisfies RouteDef;
