import { adjustStockRoute, setStockRoute, type StockChange, type StockReason } from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import type { CallOptions } from '../transport.js';
import { requireLocation, requireSku } from './validate.js';

/** Input of {@link setStock}: a stock take. */
export interface SetStockInput {
  sku: string;
  storeId: string;
  /** The new on-hand count. */
  quantity: number;
  reason?: StockReason;
  note?: string;
}

/** Input of {@link adjustStock}: add (delivery, return) or take (sale, shrinkage) units. */
export interface AdjustStockInput {
  sku: string;
  storeId: string;
  /** Units to add; negative for a sale. Never 0. */
  delta: number;
  reason: StockReason;
  note?: string;
}

/**
 * Sets the on-hand count of a SKU at a location (secret key). Carries an `Idempotency-Key`,
 * so the SDK's retries of it have one effect.
 */
export async function setStock(client: ClientLike, input: SetStockInput, options?: CallOptions): Promise<StockChange> {
  requireSku(input?.sku);
  requireLocation(input.storeId);
  const { sku, storeId, ...body } = input;
  return client[CORE].transport.call(setStockRoute, { params: { storeId, sku }, body }, options);
}

/**
 * Adds `delta` to on-hand stock and records the movement with its reason (secret key). A sale
 * of more than is available rejects with `insufficient_stock` (409). Retried safely with one
 * `Idempotency-Key` per call.
 */
export async function adjustStock(client: ClientLike, input: AdjustStockInput, options?: CallOptions): Promise<StockChange> {
  requireSku(input?.sku);
  requireLocation(input.storeId);
  return client[CORE].transport.call(adjustStockRoute, { body: { ...input } }, options);
}
