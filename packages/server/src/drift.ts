import {
  ONLINE_LOCATION, distanceKm,
  type CorrectStockBody, type Fulfillment, type FulfillmentGroup, type FulfillmentOptionLine, type Order, type OrderAlternative, type OrderAttention,
  type OrderLine, type OrderStatus, type ResolveBody, type ShortLine, type StockCorrection,
} from '@omnikit/contract';
import { fulfillmentKey, loadFacts, type CartCaller, type CartFacts } from './carts.js';
import { lineOption, timingOf, type Timing } from './pickup/options.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import { releaseCompartments } from './lockers.js';
import {
  closeOrder, cmp, findOrder, orderAnswer, publishOrder, publishStock, statusConflict, stockItemsOf, type OrderRow, type StockItem,
} from './orders.js';
import { recordRefund, refundOf } from './refunds.js';
import { readModelOf, type AppState } from './state.js';
import { RETURNING, checkItem, record, type StockRow } from './stock.js';

// Stock drift: staff count fewer units than the system holds. A correction never fails for
// reservations: the units it takes come out of the newest orders' reservations first (the
// oldest promises are kept: those shoppers waited longest and are likeliest on their way), and
// every order that lost units becomes `needs_attention` with alternatives computed here from
// live stock. Nothing is cancelled: the shopper chooses (`resolveOrder`), and every change is an
// event. Lock order as in orders.ts: order rows (by id), then stock rows (sorted), then events.

/** Stores listed as `move` alternatives, nearest first. */
const MAX_MOVE_ALTERNATIVES = 3;

const forbidden = () => new ApiError('forbidden', "A staff session corrects its own store's stock only.");

/** Where an order line's units are held: its store, or the online stock for delivery. */
const locationOf = (f: Fulfillment) => (f.type === 'delivery' ? ONLINE_LOCATION : f.storeId!);

/**
 * Sets a location's on-hand to what staff counted, inside the caller's transaction. Below what
 * is reserved there, the reservations of the newest orders give up units until the rest fit;
 * each such order becomes `needs_attention` (its `attention` lists the short lines and the
 * alternatives) with an `order.changed`, and the row a `stock.changed`. `staffStore`: a staff
 * session corrects only its store (403 `forbidden` otherwise).
 */
export async function correctStock(q: Queryable, app: AppState, body: CorrectStockBody, staffStore?: string): Promise<StockCorrection> {
  if (staffStore !== undefined && staffStore !== body.storeId) throw forbidden();
  const { sku, storeId, onHand } = body;
  await checkItem(q, sku, storeId);
  // 1. The orders holding units there, in id order, before the stock row (the lock order).
  const holders = await q.query<OrderRow>(
    `SELECT * FROM orders WHERE id IN (SELECT order_id FROM reservations WHERE sku = $1 AND store_id = $2 AND status = 'active')
     ORDER BY id FOR UPDATE`,
    [sku, storeId],
  );
  const locked = new Map(holders.map((o) => [o.id, o]));
  const [before] = await q.query<{ on_hand: number; reserved: number }>(
    'SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2 FOR UPDATE', [sku, storeId],
  );
  // 2. The units to take back, from the newest orders first.
  let excess = before ? before.reserved - onHand : 0;
  const lost = new Map<string, number>();
  if (excess > 0) {
    const held = await q.query<{ id: string; order_id: string; quantity: number }>(
      `SELECT r.id, r.order_id, r.quantity FROM reservations r JOIN orders o ON o.id = r.order_id
       WHERE r.sku = $1 AND r.store_id = $2 AND r.status = 'active' ORDER BY o.created_at DESC, o.id DESC, r.id DESC`,
      [sku, storeId],
    );
    for (const r of held) {
      if (excess <= 0) break;
      const take = Math.min(r.quantity, excess);
      if (take === r.quantity) await q.query("UPDATE reservations SET status = 'released', updated_at = now() WHERE id = $1", [r.id]);
      else await q.query('UPDATE reservations SET quantity = quantity - $2, updated_at = now() WHERE id = $1', [r.id, take]);
      excess -= take;
      lost.set(r.order_id, (lost.get(r.order_id) ?? 0) + take);
    }
  }
  const taken = [...lost.values()].reduce((a, b) => a + b, 0);
  const [row] = await q.query<StockRow>(
    before
      ? `UPDATE stock SET on_hand = $3, reserved = reserved - $4, updated_at = now() WHERE sku = $1 AND store_id = $2 ${RETURNING}`
      : `INSERT INTO stock (sku, store_id, on_hand) VALUES ($1, $2, $3) ${RETURNING}`,
    before ? [sku, storeId, onHand, taken] : [sku, storeId, onHand],
  );
  // 3. A checkout that committed between the two reads above holds an order this did not lock: lock it now.
  const late = [...lost.keys()].filter((id) => !locked.has(id)).sort();
  for (const id of late) {
    const [o] = await q.query<OrderRow>('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
    if (o) locked.set(id, o);
  }
  // 4. The orders' new state, then the events (stock first, as every mutation here).
  const facts = lost.size ? await factsFor(q, [...lost.keys()].map((id) => locked.get(id)!)) : undefined;
  const affected: OrderRow[] = [];
  for (const [orderId] of [...lost].sort((a, b) => cmp(a[0], b[0]))) {
    const order = locked.get(orderId)!;
    const attention = await attentionOf(q, order, facts!, timingOf(app));
    const [next] = await q.query<OrderRow>(
      // The shopper has the collection window to choose, from the first correction: after it the
      // order expires like an uncollected one (reservations released, an event).
      `UPDATE orders SET status = 'needs_attention', attention = $2, attention_from = coalesce(attention_from, $3),
         collect_by = CASE WHEN status = 'needs_attention' AND collect_by IS NOT NULL THEN collect_by ELSE now() + make_interval(mins => $4::int) END,
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [order.id, JSON.stringify(attention), order.status === 'needs_attention' ? null : order.status, Math.round((app.collectWithinHours ?? 72) * 60)],
    );
    affected.push(next!);
  }
  const model = readModelOf(app);
  const change = await record(q, app.bus, row!, onHand - (before?.on_hand ?? 0), body.reason ?? 'correction', body.note, (s, seq) => model.noteWrite(s, seq));
  for (const o of affected) await publishOrder(q, app, o);
  return {
    ...change,
    affectedOrders: affected.map((o) => ({ orderId: o.id, number: o.number, missing: lost.get(o.id) ?? 0 })),
  };
}

/** Stock, products and stores for the alternatives of some orders, read once. */
function factsFor(q: Queryable, orders: Pick<OrderRow, 'lines'>[]): Promise<CartFacts> {
  return loadFacts(q, [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))]);
}

/** Units a line still needs: its quantity less what the shopper gave up. */
const needed = (l: OrderLine) => l.quantity - (l.cancelledQuantity ?? 0);

/** The order's lines that hold fewer units than they need (active or handed-over reservations). */
async function shortLines(q: Queryable, row: OrderRow): Promise<ShortLine[]> {
  const held = await q.query<{ line_id: string; held: number; active: number }>(
    `SELECT line_id, coalesce(sum(quantity) FILTER (WHERE status IN ('active', 'fulfilled')), 0)::int AS held,
       coalesce(sum(quantity) FILTER (WHERE status = 'active'), 0)::int AS active
     FROM reservations WHERE order_id = $1 GROUP BY line_id`,
    [row.id],
  );
  const byLine = new Map(held.map((h) => [h.line_id, h]));
  return row.lines.flatMap((l) => {
    const h = byLine.get(l.id);
    const missing = needed(l) - Number(h?.held ?? 0);
    return missing > 0 ? [{ lineId: l.id, sku: l.sku, storeId: locationOf(l.fulfillment), reserved: Number(h?.active ?? 0), missing }] : [];
  });
}

/** The lines a move or delivery takes along: every line of the pickup or delivery groups with a short line. */
function movingLines(row: OrderRow, short: ShortLine[]): OrderLine[] {
  const groups = new Set(row.lines.filter((l) => short.some((s) => s.lineId === l.id)).map((l) => l.groupId));
  return row.lines.filter((l) => groups.has(l.groupId) && l.fulfillment.type !== 'take_now' && needed(l) > 0);
}

/** The order's short lines, as sold. */
const shortOrderLines = (row: OrderRow, short: ShortLine[]) => row.lines.filter((l) => short.some((s) => s.lineId === l.id));

/** The one pickup place (store or locker) of all the short lines; undefined when they are at several or delivery. */
function samePlaceOf(row: OrderRow, short: ShortLine[]): string | undefined {
  const places = new Set(shortOrderLines(row, short).map((l) => (l.fulfillment.type === 'pickup' ? l.fulfillment.storeId : undefined)));
  const [place] = places;
  return places.size === 1 ? place : undefined;
}

/**
 * Pickup where the order already is, each short line brought whole by the options engine's
 * answer ({@link lineOption}: a transfer from the online stock or a store near it, with its
 * ready time): one plan per short line, or undefined when some line cannot be had that way.
 */
function samePlacePlan(row: OrderRow, short: ShortLine[], facts: CartFacts, at: Timing) {
  const place = samePlaceOf(row, short);
  if (place === undefined) return undefined;
  const plan = shortOrderLines(row, short).map((l) => ({
    line: l, option: lineOption(l.fulfillment, { sku: l.sku, quantity: needed(l) }, facts, row.country, at.now, at.times),
  }));
  return plan.every((p) => p.option.possible && p.option.readyAt) ? { place, plan } : undefined;
}

/**
 * The ways out for an order with short lines, from live stock: stores of the order's country
 * offering click and collect where every moving line can be had in full (nearest to the short
 * store first), pickup at the same place with the missing units brought by transfer (when the
 * options engine can bring every short line there, with its ready time), delivery when the
 * online stock has them all, a partial pickup when anything is left to collect (with the
 * refund of what is not), and cancelling.
 */
function alternativesOf(row: OrderRow, short: ShortLine[], facts: CartFacts, at: Timing): OrderAlternative[] {
  const moving = movingLines(row, short);
  const from = facts.stores.get(short[0]?.storeId ?? '');
  const out: OrderAlternative[] = [];
  const candidates = [...facts.stores.values()]
    .filter((s) => s.type === 'store' && s.country === row.country && s.services.includes('click_and_collect'))
    .filter((s) => moving.every((l) => locationOf(l.fulfillment) !== s.id && (facts.available.get(`${l.sku}@${s.id}`) ?? 0) >= needed(l)))
    .map((s) => ({ s, distance: from && from.type === 'store' ? distanceKm(from, s) : undefined }))
    .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0) || cmp(a.s.id, b.s.id));
  for (const c of candidates.slice(0, MAX_MOVE_ALTERNATIVES)) {
    out.push({
      choice: 'move', storeId: c.s.id, storeName: c.s.short_name,
      ...(c.distance !== undefined ? { distanceKm: Math.round(c.distance * 10) / 10 } : {}),
    });
  }
  const same = samePlacePlan(row, short, facts, at);
  if (same) {
    // After the stores that have it now (it takes a transfer). The latest line decides when the
    // whole pickup is ready, as in the options' `combine`.
    const last = same.plan.reduce((m, p) => (p.option.readyAt! > m.option.readyAt! ? p : m));
    out.push({
      choice: 'move', storeId: same.place, storeName: facts.stores.get(same.place)?.short_name ?? same.place, readyAt: last.option.readyAt!,
      ...(last.option.transferFrom ? { transferFrom: last.option.transferFrom } : {}),
    });
  }
  if (moving.every((l) => l.fulfillment.type !== 'delivery' && (facts.available.get(`${l.sku}@${ONLINE_LOCATION}`) ?? 0) >= needed(l))) {
    out.push({ choice: 'delivery' });
  }
  const missing = short.reduce((sum, s) => sum + s.missing, 0);
  const left = row.lines.reduce((sum, l) => sum + needed(l), 0) - missing;
  if (left > 0) out.push({ choice: 'partial', refundAmount: refundOf(row, short.map((s) => ({ lineId: s.lineId, quantity: s.missing }))).amount });
  out.push({ choice: 'cancel' });
  return out;
}

async function attentionOf(q: Queryable, row: OrderRow, facts: CartFacts, at: Timing): Promise<OrderAttention> {
  const short = await shortLines(q, row);
  return { reason: 'stock_corrected', lines: short, alternatives: alternativesOf(row, short, facts, at), since: row.attention?.since ?? new Date().toISOString() };
}

/** Where a resolved order goes back to: the status it had (a moved one is prepared anew). */
function backStatus(row: OrderRow, moved: boolean): OrderStatus {
  const from = row.attention_from ?? 'confirmed';
  if (from === 'awaiting_payment') return from;
  return moved ? 'confirmed' : from;
}

/**
 * The shopper's choice for a needs-attention order, inside the caller's transaction (cart
 * secret or customer token; the secret key too). The choice is checked against live stock, not
 * the alternatives shown earlier:
 * - `move` to a store: the moving lines' reservations are released and the full quantities
 *   reserved there by conditional updates (409 `insufficient_stock` with fresh `attention` in
 *   the details, nothing changed, when the store no longer has them); the order is prepared anew;
 * - `delivery`: the same at the online stock (no delivery fee: the shortage was the store's);
 * - `partial`: the short units are given up (`cancelledQuantity`), a paid order refunded for them;
 * - `cancel`: released and cancelled, a paid order refunded.
 * Any other status is 409 `order_status_conflict`.
 */
export async function resolveOrder(q: Queryable, app: AppState, orderId: string, who: CartCaller, body: ResolveBody): Promise<Order> {
  const row = await findOrder(q, orderId, who, true);
  if (row.status !== 'needs_attention') throw statusConflict(row, 'resolved');
  const short = await shortLines(q, row);
  if (body.choice === 'cancel') return orderAnswer(q, await closeOrder(q, app, row, 'cancelled'), who.admin);

  if (body.choice === 'partial') {
    const missing = new Map(short.map((s) => [s.lineId, s.missing]));
    const left = row.lines.reduce((sum, l) => sum + needed(l), 0) - short.reduce((sum, s) => sum + s.missing, 0);
    if (left <= 0) throw statusConflict(row, 'collected in part: nothing of it is left');
    const lines = row.lines.map((l) => (missing.has(l.id) ? { ...l, cancelledQuantity: (l.cancelledQuantity ?? 0) + missing.get(l.id)! } : l));
    if (row.payment_status === 'paid') {
      const refund = refundOf(row, short.map((s) => ({ lineId: s.lineId, quantity: s.missing })));
      if (refund.amount > 0) await recordRefund(q, row, 'shortage', refund.amount, refund.vat);
    }
    const [next] = await q.query<OrderRow>(
      `UPDATE orders SET lines = $2, status = $3, attention = NULL, attention_from = NULL, updated_at = now() WHERE id = $1 RETURNING *`,
      [row.id, JSON.stringify(lines), backStatus(row, false)],
    );
    await publishOrder(q, app, next!);
    return orderAnswer(q, next!, who.admin);
  }

  const target = body.choice === 'delivery' ? ONLINE_LOCATION : body.storeId;
  const facts = await factsFor(q, [row]);
  const at = timingOf(app);
  const fresh = async () => ({ reason: 'stock_corrected', lines: short, alternatives: alternativesOf(row, short, await factsFor(q, [row]), at), since: row.attention?.since });
  // `move` to where the order already is: the short lines brought there whole, from where the
  // options engine says now (the alternative shown may be stale).
  const staying = body.choice === 'move' && target === samePlaceOf(row, short);
  const same = staying ? samePlacePlan(row, short, facts, at) : undefined;
  if (staying && !same) {
    throw new ApiError('insufficient_stock', `Nothing can bring the missing units to ${target} now; choose again.`, undefined, undefined, { attention: await fresh() });
  }
  if (!staying) {
    const store = facts.stores.get(target);
    if (body.choice === 'move' && (!store || store.type !== 'store')) throw new ApiError('unknown_store', `No store has id ${target}.`);
    if (body.choice === 'move' && !store!.services.includes('click_and_collect')) {
      throw new ApiError('validation_failed', 'That store does not offer click and collect.', [{ path: 'body.storeId', message: `${target} has no click and collect` }]);
    }
  }
  const moving = same ? same.plan.map((p) => p.line) : movingLines(row, short);
  if (!same && moving.some((l) => locationOf(l.fulfillment) === target)) {
    throw new ApiError('validation_failed', 'The order is already there.', [{ path: 'body.storeId', message: 'choose another store' }]);
  }
  /** Where a moving line's units are reserved now: the target, or the transfer source of the plan. */
  const optionOf = (l: OrderLine) => same?.plan.find((p) => p.line.id === l.id)?.option;
  const sourceOf = (l: OrderLine) => optionOf(l)?.transferFrom ?? target;
  // Release what the moving lines hold, reserve them in full where they now come from: one signed
  // change per stock row, applied in (sku, location) order.
  const ids = moving.map((l) => l.id);
  const released = await q.query<StockItem>(
    `UPDATE reservations SET status = 'released', updated_at = now() WHERE order_id = $1 AND status = 'active' AND line_id = ANY($2::text[])
     RETURNING sku, store_id, quantity`,
    [row.id, ids],
  );
  const deltas = stockItemsOf([
    ...released.map((r) => ({ ...r, quantity: -r.quantity })),
    ...moving.map((l) => ({ sku: l.sku, store_id: sourceOf(l), quantity: needed(l) })),
  ]).map((i) => ({ sku: i.sku, location: i.store_id, delta: i.quantity }));
  const changed: StockRow[] = [];
  for (const d of deltas) {
    if (d.delta === 0) continue;
    const [r] = await q.query<StockRow>(
      d.delta < 0
        ? `UPDATE stock SET reserved = GREATEST(0, reserved + $3), updated_at = now() WHERE sku = $1 AND store_id = $2 ${RETURNING}`
        : `UPDATE stock SET reserved = reserved + $3, updated_at = now() WHERE sku = $1 AND store_id = $2 AND on_hand - reserved >= $3 ${RETURNING}`,
      [d.sku, d.location, d.delta],
    );
    if (!r && d.delta > 0) {
      // Gone since the alternatives were shown: nothing changes (the transaction rolls back).
      throw new ApiError('insufficient_stock', `${d.location} no longer has ${d.sku} for this order; choose again.`, undefined, undefined, { attention: await fresh() });
    }
    if (r) changed.push(r);
  }
  for (const l of moving) {
    await q.query('INSERT INTO reservations (order_id, line_id, sku, store_id, quantity) VALUES ($1, $2, $3, $4, $5)', [row.id, l.id, l.sku, sourceOf(l), needed(l)]);
  }
  const { lines, groups, storeIds } = same
    ? { lines: row.lines.map((l) => restocked(l, optionOf(l))), groups: row.groups, storeIds: row.store_ids }
    : regroup(row, moving, target, facts);
  // Prepared anew: every compartment goes back; an arrival at a group that stays is kept.
  await releaseCompartments(q, row.id);
  const pickups = (row.pickups ?? []).filter((p) => p.arrival && groups.some((g) => g.id === p.groupId)).map((p) => ({ groupId: p.groupId, arrival: p.arrival }));
  const [next] = await q.query<OrderRow>(
    `UPDATE orders SET lines = $2, groups = $3, store_ids = $4, status = $5, attention = NULL, attention_from = NULL,
       ready_at = NULL, collect_by = NULL, pickups = $6, updated_at = now() WHERE id = $1 RETURNING *`,
    [row.id, JSON.stringify(lines), JSON.stringify(groups), storeIds, backStatus(row, true), JSON.stringify(pickups)],
  );
  for (const r of changed) await publishStock(q, app, r);
  await publishOrder(q, app, next!, same ? [] : row.store_ids);
  return orderAnswer(q, next!, who.admin);
}

/** A line kept where it is with its units from a new source (the plan's option), as checkout records one. */
function restocked(l: OrderLine, option: FulfillmentOptionLine | undefined): OrderLine {
  if (!option) return l;
  const { transferFrom: _from, promisedReadyAt: _promised, ...rest } = l;
  return {
    ...rest, source: option.source ?? 'on_hand',
    ...(option.transferFrom ? { transferFrom: option.transferFrom } : {}),
    ...(option.readyAt ? { promisedReadyAt: option.readyAt } : {}),
  };
}

/** The order's lines and groups with the moving lines at `target` (a store for pickup, or delivery). */
function regroup(row: OrderRow, moving: OrderLine[], target: string, facts: CartFacts): { lines: OrderLine[]; groups: FulfillmentGroup[]; storeIds: string[] } {
  const store = facts.stores.get(target);
  const movingIds = new Set(moving.map((l) => l.id));
  const lines = row.lines.map((l) => {
    if (!movingIds.has(l.id)) return l;
    const wasCurbside = l.fulfillment.type === 'pickup' && l.fulfillment.method === 'curbside';
    const f: Fulfillment = target === ONLINE_LOCATION
      ? { type: 'delivery' }
      : { type: 'pickup', storeId: target, method: wasCurbside && store?.services.includes('curbside') ? 'curbside' : 'in_store' };
    return { ...l, fulfillment: f, groupId: fulfillmentKey(f) };
  });
  const groups: FulfillmentGroup[] = [];
  for (const g of row.groups) {
    const left = g.lineIds.filter((id) => !movingIds.has(id));
    if (left.length) groups.push({ ...g, lineIds: left, subtotal: g.subtotal - moving.filter((l) => l.groupId === g.id).reduce((s, l) => s + l.lineTotal, 0) });
  }
  for (const l of lines.filter((x) => movingIds.has(x.id))) {
    let g = groups.find((x) => x.id === l.groupId);
    if (!g) {
      g = { id: l.groupId, fulfillment: l.fulfillment, lineIds: [], ...(store && target !== ONLINE_LOCATION ? { storeName: store.short_name } : {}), subtotal: 0, fee: 0 };
      groups.push(g);
    }
    g.lineIds.push(l.id);
    g.subtotal += l.lineTotal;
  }
  const storeIds = [...new Set(lines.flatMap((l) => (l.fulfillment.type === 'delivery' ? [] : [l.fulfillment.storeId!])))];
  return { lines, groups, storeIds };
}
