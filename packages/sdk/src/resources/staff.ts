import {
  correctStockRoute, createReturnRoute, createStaffSessionRoute, localInventoryFeedRoute,
  type Order, type StaffSession, type StockCorrection,
} from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { httpError, type CallOptions } from '../transport.js';
import { requireLocation, requireSku } from './validate.js';

// What store staff do besides the order steps: correct stock, take returns; and what the back
// office does for them: mint a staff session, publish the local inventory feed.

/** Input of {@link correctStock}: what staff counted. */
export interface CorrectStockInput {
  sku: string;
  storeId: string;
  /** The units really there (0 or more). */
  onHand: number;
  reason?: 'correction' | 'shrinkage';
  note?: string;
}

/**
 * Sets on-hand to what staff counted, also below the reserved units (secret key or the store's
 * staff session): the newest orders holding units there give them up and become
 * `needs_attention` with alternatives for their shoppers (`affectedOrders` lists them).
 */
export async function correctStock(client: ClientLike, input: CorrectStockInput, options?: CallOptions): Promise<StockCorrection> {
  requireSku(input?.sku);
  requireLocation(input.storeId);
  if (!Number.isInteger(input.onHand) || input.onHand < 0) throw new OmnikitError('validation_failed', 'onHand must be a whole number, 0 or more');
  return client[CORE].transport.call(correctStockRoute, { body: { ...input } }, options);
}

/** Input of {@link createReturn}. */
export interface CreateReturnInput {
  orderId: string;
  /** The store taking the goods back (it must offer `returns`); its stock goes up. */
  storeId: string;
  lines: { lineId: string; quantity: number }[];
}

/**
 * Registers goods of any order brought back to a store (secret key or that store's staff
 * session): the stock goes to that store, the order lists the return, a pending refund is
 * recorded. 409 `return_exceeds_sold` for more than was handed over; retried safely (one
 * `Idempotency-Key` per call).
 */
export async function createReturn(client: ClientLike, input: CreateReturnInput, options?: CallOptions): Promise<Order> {
  if (typeof input?.orderId !== 'string' || !input.orderId) throw new OmnikitError('validation_failed', 'orderId is required');
  requireLocation(input.storeId);
  if (!Array.isArray(input.lines) || !input.lines.length) throw new OmnikitError('validation_failed', 'lines must name at least one line');
  return client[CORE].transport.call(createReturnRoute, { body: { orderId: input.orderId, storeId: input.storeId, lines: input.lines } }, options);
}

/**
 * Mints a staff session for one store (secret key: the back office does this when a clerk
 * signs in): a token the store's browser sends as its key (`createAdminClient({ staffToken })`)
 * for that store's order list and steps, corrections and returns, until `expiresAt`.
 */
export async function createStaffSession(client: ClientLike, input: { storeId: string; ttlSeconds?: number }, options?: CallOptions): Promise<StaffSession> {
  requireLocation(input?.storeId);
  return client[CORE].transport.call(createStaffSessionRoute, { body: { ...input } }, options);
}

/** The local inventory feed (secret key): tab-separated text, one row per store and SKU (see `LOCAL_INVENTORY_COLUMNS`). */
export async function getLocalInventoryFeed(client: ClientLike, options?: CallOptions): Promise<string> {
  const t = client[CORE].transport;
  const res = await t.fetch(t.url(localInventoryFeedRoute.path), { headers: t.headers(), ...(options?.signal ? { signal: options.signal } : {}) });
  if (!res.ok) throw await httpError(res, 'local inventory feed');
  return res.text();
}
