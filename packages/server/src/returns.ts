import { DEFAULT_LOW_STOCK_THRESHOLD, MAX_QUANTITY, type CreateReturnBody, type Order, type OrderReturn } from '@omnikit/contract';
import { newId } from './carts.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import { cmp, findOrder, orderAnswer, publishOrder, type OrderRow } from './orders.js';
import { recordRefund, refundOf } from './refunds.js';
import { readModelOf, type AppState } from './state.js';
import { RETURNING, record, type StockRow } from './stock.js';

// Returns in any store: goods of any order, bought in any channel, come back at any store that
// offers returns. The units join that store's stock (a `return` movement and `stock.changed`
// each), the order lists the return, and a pending refund of what the units were paid waits for
// the payment provider. Only goods that were handed over can come back (take-now lines, pickup
// lines of a collected order, delivery lines once shipped: `shipOrder` in orders.ts), never more
// than that less earlier returns. Lock order as in orders.ts: the order row, then the store's
// stock rows (sorted), then the events.

/**
 * Registers a return inside the caller's transaction (the route is idempotent: a retried request
 * has one effect). 404 `order_not_found` / `unknown_store`; 409 `returns_not_offered` at a store
 * without the service; 409 `return_exceeds_sold` for more units than can come back; 400
 * `validation_failed` for a line the order does not have. `staffStore`: a staff session takes
 * returns at its own store only (403 `forbidden`), of any store's orders.
 */
export async function createReturn(q: Queryable, app: AppState, body: CreateReturnBody, staffStore?: string): Promise<Order> {
  if (staffStore !== undefined && staffStore !== body.storeId) throw new ApiError('forbidden', 'A staff session takes returns at its own store only.');
  const [store] = await q.query<{ type: string; services: string[] }>('SELECT type, services FROM stores WHERE id = $1', [body.storeId]);
  if (!store || store.type !== 'store') throw new ApiError('unknown_store', `No store has id ${body.storeId}.`);
  if (!store.services.includes('returns')) throw new ApiError('returns_not_offered', `${body.storeId} does not take returns.`);
  const row = await findOrder(q, body.orderId, { admin: true, channel: 'pos' }, true);

  // Units per line asked for (a line named twice adds up), checked against what can come back.
  const asked = new Map<string, number>();
  body.lines.forEach((l, i) => {
    if (!row.lines.some((x) => x.id === l.lineId)) {
      throw new ApiError('validation_failed', 'The order has no such line.', [{ path: `body.lines.${i}.lineId`, message: 'not a line of this order' }]);
    }
    asked.set(l.lineId, (asked.get(l.lineId) ?? 0) + l.quantity);
  });
  const handed = new Map((await q.query<{ line_id: string; n: number }>(
    "SELECT line_id, sum(quantity)::int AS n FROM reservations WHERE order_id = $1 AND status = 'fulfilled' GROUP BY line_id", [row.id],
  )).map((r) => [r.line_id, Number(r.n)]));
  const returned = new Map<string, number>();
  for (const r of row.returns ?? []) for (const l of r.lines) returned.set(l.lineId, (returned.get(l.lineId) ?? 0) + l.quantity);
  for (const [lineId, quantity] of asked) {
    const can = (handed.get(lineId) ?? 0) - (returned.get(lineId) ?? 0);
    if (quantity > can) {
      throw new ApiError('return_exceeds_sold', `Line ${lineId} can take back ${Math.max(0, can)} unit(s), not ${quantity}.`, undefined, undefined,
        { lineId, returnable: Math.max(0, can) });
    }
  }

  // Stock into the returning store, one row per SKU, in SKU order.
  const bySku = new Map<string, number>();
  for (const [lineId, quantity] of asked) {
    const sku = row.lines.find((l) => l.id === lineId)!.sku;
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  const rows: [StockRow, number][] = [];
  for (const [sku, quantity] of [...bySku].sort((a, b) => cmp(a[0], b[0]))) {
    const [r] = await q.query<StockRow>(
      `INSERT INTO stock (sku, store_id, on_hand, low_stock_threshold) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku, store_id) DO UPDATE SET on_hand = stock.on_hand + EXCLUDED.on_hand, updated_at = now()
       WHERE stock.on_hand + EXCLUDED.on_hand <= $5 ${RETURNING}`,
      [sku, body.storeId, quantity, DEFAULT_LOW_STOCK_THRESHOLD, MAX_QUANTITY],
    );
    if (!r) throw new ApiError('conflict', `On hand of ${sku} at ${body.storeId} would exceed the maximum of ${MAX_QUANTITY}.`);
    rows.push([r, quantity]);
  }

  const refund = refundOf(row, [...asked].map(([lineId, quantity]) => ({ lineId, quantity })));
  const refundId = await recordRefund(q, row, 'return', refund.amount, refund.vat);
  const entry: OrderReturn = { id: newId('ret'), storeId: body.storeId, lines: refund.lines, refundId, createdAt: new Date().toISOString() };
  const [next] = await q.query<OrderRow>(
    "UPDATE orders SET returns = returns || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *", [row.id, JSON.stringify([entry])],
  );
  const model = readModelOf(app);
  for (const [r, quantity] of rows) await record(q, app.bus, r, quantity, 'return', `order ${row.number}`, (s, seq) => model.noteWrite(s, seq));
  await publishOrder(q, app, next!);
  return orderAnswer(q, next!, true);
}
