import * as z from 'zod/mini';
import { LocationId, MAX_QUANTITY, Quantity, Sku, Timestamp, defineSchema } from './common.js';
import { Availability } from './availability.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

/** Why stock moved. Every change is recorded as a movement with one of these. */
export const STOCK_REASONS = [
  'sale_in_store',
  'sale_online',
  'delivery',
  'return',
  'correction',
  'shrinkage',
] as const;
/** A reason of {@link STOCK_REASONS}. */
export const StockReason = defineSchema(() => z.enum(STOCK_REASONS));
export type StockReason = z.infer<typeof StockReason>;

/** `PUT /v1/admin/stock/{storeId}/{sku}`: set the on-hand count (a stock take). */
export const SetStockBody = defineSchema(() => z.object({
  quantity: Quantity,
  reason: z.optional(StockReason),
  note: z.optional(z.string().check(z.maxLength(500))),
}));
export type SetStockBody = z.infer<typeof SetStockBody>;

/**
 * `POST /v1/admin/stock/adjustments`: add `delta` (negative for a sale) to on-hand.
 * On-hand never goes below the reserved count: a sale of more than is available is refused
 * with 409 `insufficient_stock`.
 */
export const AdjustStockBody = defineSchema(() => z.object({
  sku: Sku,
  storeId: LocationId,
  delta: z.int().check(
    z.minimum(-MAX_QUANTITY),
    z.maximum(MAX_QUANTITY),
    z.refine((n) => n !== 0, 'delta must not be 0'),
  ),
  reason: StockReason,
  note: z.optional(z.string().check(z.maxLength(500))),
}));
export type AdjustStockBody = z.infer<typeof AdjustStockBody>;

/** Path parameters of the stock routes: `/v1/admin/stock/:storeId/:sku`. */
export const StockParams = defineSchema(() => z.object({ storeId: LocationId, sku: Sku }));

/** One recorded change of stock. */
export interface StockMovement {
  id: string;
  sku: string;
  storeId: string;
  /** Units added (negative: taken). */
  delta: number;
  reason: StockReason;
  note?: string;
  /** ISO 8601. */
  createdAt: string;
}
export const StockMovement = defineSchema(() => z.object({
  id: z.string(),
  sku: Sku,
  storeId: LocationId,
  delta: z.int(),
  reason: StockReason,
  note: z.optional(z.string()),
  createdAt: Timestamp,
}));
type _StockMovement = Assert<Same<StockMovement, z.infer<typeof StockMovement>>>;

/** Result of a stock mutation: the new availability and the movement recorded. */
export interface StockChange {
  availability: Availability;
  movement: StockMovement;
}
export const StockChange = defineSchema(() => z.object({
  availability: Availability,
  movement: StockMovement,
}));
type _StockChange = Assert<Same<StockChange, z.infer<typeof StockChange>>>;

/** `setStock` of `routes` as a client calls it (no input schemas). */
export const setStockRoute = {
  method: 'PUT', path: '/v1/admin/stock/:storeId/:sku', auth: 'secret', tag: 'admin',
  summary: 'Set the on-hand count of a SKU at a location (a stock take)',
  response: StockChange, idempotent: true,
} as const satisfies RouteDef;

/** `adjustStock` of `routes` as a client calls it (no input schemas). */
export const adjustStockRoute = {
  method: 'POST', path: '/v1/admin/stock/adjustments', auth: 'secret', tag: 'admin',
  summary: 'Add to or take from on-hand stock, recording the reason',
  response: StockChange, status: 201, idempotent: true,
} as const satisfies RouteDef;
