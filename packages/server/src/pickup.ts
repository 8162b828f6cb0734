import {
  STAFF_TRANSITIONS, type ArriveBody, type Order, type OrderPickup, type StaffStep,
} from '@omnikit/contract';
import type { CartCaller } from './carts.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import { assignCompartment, releaseCompartments } from './lockers.js';
import {
  cmp, findOrder, isOverdue, orderAnswer, pickupsOf, publishOrder, publishStock, statusConflict, stockItemsOf, type OrderRow, type StockItem,
} from './orders.js';
import type { AppState } from './state.js';
import type { StockRow } from './stock.js';

// The pickup lifecycle after checkout: staff mark an order being picked, ready (a locker group
// gets its compartment and code) and collected (the reserved units leave the store); the shopper
// says "I have arrived" at a curbside pickup. Every step is an `order.changed` on the order's
// topic, and collection a `stock.changed` per stock row it moves. Lock order as in orders.ts: the
// order row, then locker locations, then stock rows (sorted), then the first event.

const STOCK_RETURNING = 'RETURNING sku, store_id, on_hand, reserved, low_stock_threshold, updated_at';
const notYours = () => new ApiError('order_not_found', 'No such order, or not yours to open.');

/** The recorded part of a pickup (what the `pickups` column keeps). */
type Recorded = Pick<OrderPickup, 'groupId' | 'arrival' | 'locker'>;
const recordOf = (p: OrderPickup): Recorded => ({
  groupId: p.groupId, ...(p.arrival ? { arrival: p.arrival } : {}), ...(p.locker ? { locker: p.locker } : {}),
});

/**
 * A staff step (`picking`, `ready`, `collected`) inside the caller's transaction, by
 * {@link STAFF_TRANSITIONS}: anything else is 409 `order_status_conflict` with the order in
 * `details.order`; the step the order already took again is a no-op. Only orders with a pickup
 * group have these steps. `staffStore`: a staff session acts only on orders collected at its
 * store (others are 404 `order_not_found`, as if they did not exist).
 *
 * - `ready`: each locker group gets the lowest free compartment and an opening code (409
 *   `locker_full`, nothing changed, when there is none); `readyAt` now, `collectBy` after the
 *   server's collection window.
 * - `collected`: the active reservations at the order's stores are fulfilled: on-hand and
 *   reserved go down by them (a `sale_online` movement each), compartments are freed.
 */
export async function staffStep(q: Queryable, app: AppState, orderId: string, step: StaffStep, staffStore?: string): Promise<Order> {
  const row = await findOrder(q, orderId, { admin: true, channel: 'pos' }, true);
  if (staffStore !== undefined && !row.store_ids.includes(staffStore)) throw notYours();
  const pickups = pickupsOf(row);
  if (!pickups.length) throw statusConflict(row, `marked ${step}: it has no pickup`);
  if (isOverdue(row)) throw statusConflict(row, `marked ${step}`);
  if (row.status === step) return orderAnswer(q, row, true);
  if (!STAFF_TRANSITIONS[row.status].includes(step)) throw statusConflict(row, `marked ${step.replace('_', ' ')}`);

  let next: OrderRow;
  if (step === 'picking') {
    [next] = (await q.query<OrderRow>("UPDATE orders SET status = 'picking', updated_at = now() WHERE id = $1 RETURNING *", [row.id])) as [OrderRow];
  } else if (step === 'ready') {
    // Locker locations in id order (the lock order between two orders made ready at once).
    const updated: Recorded[] = [];
    for (const p of [...pickups].sort((a, b) => cmp(a.storeId, b.storeId))) {
      const locker = p.method === 'locker' ? await assignCompartment(q, p.storeId, row.id, p.groupId, app.lockerCompartments) : undefined;
      updated.push({ ...recordOf(p), ...(locker ? { locker } : {}) });
    }
    [next] = (await q.query<OrderRow>(
      `UPDATE orders SET status = 'ready', ready_at = now(), collect_by = now() + make_interval(mins => $3::int),
         pickups = $2, updated_at = now() WHERE id = $1 RETURNING *`,
      [row.id, JSON.stringify(updated), Math.round((app.collectWithinHours ?? 72) * 60)],
    )) as [OrderRow];
  } else {
    next = await collect(q, app, row);
  }
  await publishOrder(q, app, next);
  return orderAnswer(q, next, true);
}

/** Hands a ready order over: its pickup reservations leave the stock, its compartments are freed. */
async function collect(q: Queryable, app: AppState, row: OrderRow): Promise<OrderRow> {
  await releaseCompartments(q, row.id);
  // The pickup lines' reservations, wherever their stock comes from (a transfer reserves at its
  // source, the online stock included); delivery lines leave the stock when they are shipped.
  const pickupLines = row.lines.filter((l) => l.fulfillment.type === 'pickup').map((l) => l.id);
  const taken = await q.query<StockItem>(
    `UPDATE reservations SET status = 'fulfilled', updated_at = now() WHERE order_id = $1 AND status = 'active' AND line_id = ANY($2::text[])
     RETURNING sku, store_id, quantity`,
    [row.id, pickupLines],
  );
  const changed: StockRow[] = [];
  for (const item of stockItemsOf(taken)) {
    const [stock] = await q.query<StockRow>(
      `UPDATE stock SET on_hand = on_hand - $3, reserved = reserved - $3, updated_at = now() WHERE sku = $1 AND store_id = $2 ${STOCK_RETURNING}`,
      [item.sku, item.store_id, item.quantity],
    );
    if (!stock) continue;
    await q.query(
      `INSERT INTO stock_movements (sku, store_id, delta, on_hand_after, reason, note) VALUES ($1, $2, $3, $4, 'sale_online', $5)`,
      [item.sku, item.store_id, -item.quantity, stock.on_hand, `order ${row.number} collected`],
    );
    changed.push(stock);
  }
  const [next] = await q.query<OrderRow>("UPDATE orders SET status = 'collected', updated_at = now() WHERE id = $1 RETURNING *", [row.id]);
  for (const stock of changed) await publishStock(q, app, stock);
  return next!;
}

/**
 * "I have arrived" at a curbside pickup, inside the caller's transaction: recorded on the group
 * (time, bay, car; saying it again updates them) and announced with `order.changed`, so the
 * staff's list shows it. The caller needs the order's cart secret or customer token (404
 * `order_not_found` otherwise). Only a curbside group of an order being picked or ready: else
 * 409 `order_status_conflict`; `groupId` picks the group when the order has several.
 */
export async function arrive(q: Queryable, app: AppState, orderId: string, who: CartCaller, body: ArriveBody): Promise<Order> {
  const row = await findOrder(q, orderId, who, true);
  const pickups = pickupsOf(row);
  const curbside = pickups.filter((p) => p.method === 'curbside');
  if (!curbside.length) throw statusConflict(row, 'arrived at: it has no curbside pickup');
  const group = body.groupId !== undefined ? curbside.find((p) => p.groupId === body.groupId) : curbside.length === 1 ? curbside[0] : undefined;
  if (!group) {
    throw new ApiError('validation_failed', 'Say which curbside pickup you arrived at.', [
      { path: 'body.groupId', message: `one of ${curbside.map((p) => p.groupId).join(', ')}` },
    ]);
  }
  if (row.status !== 'picking' && row.status !== 'ready') throw statusConflict(row, 'arrived at');
  const arrival = {
    at: new Date().toISOString(), ...(body.bay ? { bay: body.bay } : {}), ...(body.car ? { car: body.car } : {}),
  };
  const updated = pickups.map((p) => (p.groupId === group.groupId ? { ...recordOf(p), arrival } : recordOf(p)));
  const [next] = await q.query<OrderRow>('UPDATE orders SET pickups = $2, updated_at = now() WHERE id = $1 RETURNING *', [row.id, JSON.stringify(updated)]);
  await publishOrder(q, app, next!);
  return orderAnswer(q, next!, who.admin);
}
