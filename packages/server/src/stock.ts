import {
  DEFAULT_LOW_STOCK_THRESHOLD, MAX_QUANTITY, ONLINE_LOCATION, stockStatus, stockTopic,
  type AdjustStockBody, type Availability, type SetStockBody, type StockChange,
} from '@omnikit/contract';
import type { Queryable } from './db/types.js';
import type { EventBus } from './events/bus.js';
import { ApiError } from './errors.js';

/** A row of the `stock` table as read. */
export interface StockRow {
  sku: string;
  store_id: string;
  on_hand: number;
  reserved: number;
  low_stock_threshold: number;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Availability of a row; a pair without a row is `not_stocked` (as of `fallbackAt`). */
export function toAvailability(sku: string, storeId: string, row: StockRow | undefined, fallbackAt: Date | string): Availability {
  if (!row) {
    return {
      sku, storeId, onHand: 0, reserved: 0, available: 0, status: 'not_stocked',
      lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD, updatedAt: iso(fallbackAt),
    };
  }
  const available = Math.max(0, row.on_hand - row.reserved);
  return {
    sku, storeId, onHand: row.on_hand, reserved: row.reserved, available,
    status: stockStatus(available, row.low_stock_threshold, true),
    lowStockThreshold: row.low_stock_threshold, updatedAt: iso(row.updated_at),
  };
}

interface ProductRow {
  sku: string;
  online_only: boolean;
  active: boolean;
}

/** Checks the SKU and location exist (404 `unknown_sku` / `unknown_store`) and may hold stock. */
export async function checkItem(q: Queryable, sku: string, storeId: string): Promise<ProductRow> {
  const [product] = await q.query<ProductRow>('SELECT sku, online_only, active FROM products WHERE sku = $1', [sku]);
  if (!product) throw new ApiError('unknown_sku', `No product has SKU ${sku}.`);
  const [store] = await q.query('SELECT id FROM stores WHERE id = $1', [storeId]);
  if (!store) throw new ApiError('unknown_store', `No store has id ${storeId}.`);
  if (product.online_only && storeId !== ONLINE_LOCATION) {
    throw new ApiError('conflict', `${sku} is sold online only; stores do not carry it.`);
  }
  return product;
}

interface MovementRow {
  id: string | number;
  delta: number;
  reason: string;
  note: string | null;
  created_at: Date | string;
}

/**
 * Told the sequence of each stock event a mutation writes, before it commits (the read model
 * marks the SKU as changing here until the event comes back through the bus).
 */
export type OnStockEvent = (sku: string, seq: number) => void;

export async function record(
  q: Queryable, bus: EventBus, row: StockRow, delta: number, reason: string, note: string | undefined, onEvent?: OnStockEvent,
): Promise<StockChange> {
  const [m] = await q.query<MovementRow>(
    `INSERT INTO stock_movements (sku, store_id, delta, on_hand_after, reason, note)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, delta, reason, note, created_at`,
    [row.sku, row.store_id, delta, row.on_hand, reason, note ?? null],
  );
  const availability = toAvailability(row.sku, row.store_id, row, row.updated_at);
  const topic = stockTopic(row.sku, row.store_id);
  const seq = await bus.publish(q, topic, { type: 'stock.changed', topic, data: availability, at: iso(m!.created_at) });
  onEvent?.(row.sku, seq);
  return {
    availability,
    movement: {
      id: String(m!.id), sku: row.sku, storeId: row.store_id, delta: m!.delta,
      reason: m!.reason as StockChange['movement']['reason'], ...(m!.note != null ? { note: m!.note } : {}),
      createdAt: iso(m!.created_at),
    },
  };
}

export const RETURNING = 'RETURNING sku, store_id, on_hand, reserved, low_stock_threshold, updated_at';

/** Sets on-hand (a stock take) and records the difference as a movement. Run inside a transaction. */
export async function setStock(
  q: Queryable, bus: EventBus, storeId: string, sku: string, body: SetStockBody, onEvent?: OnStockEvent,
): Promise<StockChange> {
  await checkItem(q, sku, storeId);
  const [before] = await q.query<{ on_hand: number; reserved: number }>(
    'SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2 FOR UPDATE', [sku, storeId],
  );
  if (before && body.quantity < before.reserved) {
    throw new ApiError('insufficient_stock', `On hand cannot be set below the ${before.reserved} units reserved.`);
  }
  const [row] = await q.query<StockRow>(
    `INSERT INTO stock (sku, store_id, on_hand, low_stock_threshold) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sku, store_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now() ${RETURNING}`,
    [sku, storeId, body.quantity, DEFAULT_LOW_STOCK_THRESHOLD],
  );
  return record(q, bus, row!, body.quantity - (before?.on_hand ?? 0), body.reason ?? 'correction', body.note, onEvent);
}

/**
 * Adds `delta` to on-hand in one conditional UPDATE, so concurrent adjustments add up exactly and
 * on-hand never drops below the reserved count: a sale bigger than what is available is refused
 * with 409 `insufficient_stock` and changes nothing. Run inside a transaction.
 */
export async function adjustStock(q: Queryable, bus: EventBus, body: AdjustStockBody, onEvent?: OnStockEvent): Promise<StockChange> {
  const { sku, storeId, delta } = body;
  await checkItem(q, sku, storeId);
  let [row] = await q.query<StockRow>(
    `UPDATE stock SET on_hand = on_hand + $3, updated_at = now()
     WHERE sku = $1 AND store_id = $2 AND on_hand + $3 >= reserved AND on_hand + $3 <= $4 ${RETURNING}`,
    [sku, storeId, delta, MAX_QUANTITY],
  );
  if (!row && delta > 0) {
    // Not carried yet: a delivery starts carrying it. A concurrent first delivery adds up via ON CONFLICT.
    [row] = await q.query<StockRow>(
      `INSERT INTO stock (sku, store_id, on_hand, low_stock_threshold) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku, store_id) DO UPDATE SET on_hand = stock.on_hand + EXCLUDED.on_hand, updated_at = now()
       WHERE stock.on_hand + EXCLUDED.on_hand <= $5 ${RETURNING}`,
      [sku, storeId, delta, DEFAULT_LOW_STOCK_THRESHOLD, MAX_QUANTITY],
    );
    if (!row) throw new ApiError('conflict', `On hand would exceed the maximum of ${MAX_QUANTITY}.`);
  }
  if (!row) {
    const [cur] = await q.query<{ on_hand: number; reserved: number }>(
      'SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId],
    );
    if (cur && cur.on_hand + delta > MAX_QUANTITY) throw new ApiError('conflict', `On hand would exceed the maximum of ${MAX_QUANTITY}.`);
    const available = cur ? Math.max(0, cur.on_hand - cur.reserved) : 0;
    throw new ApiError('insufficient_stock', `Only ${available} of ${sku} available at ${storeId}; cannot take ${-delta}.`);
  }
  return record(q, bus, row, delta, body.reason, body.note, onEvent);
}
