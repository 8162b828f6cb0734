import { randomInt } from 'node:crypto';
import {
  HANDOFF_ALPHABET, ONLINE_LOCATION, QUEUE_STATUSES, orderTopic, storeOrdersTopic, paymentMethodsFor, stockTopic, type PAYMENT_STATUSES,
  type CartLine, type Channel, type CheckoutBody, type Country, type Currency, type Discount, type FulfillmentGroup,
  type LineAvailability, type MoneyTotals, type Order, type OrderAttention, type OrderLine, type OrderPage, type OrderPickup,
  type OrderReturn, type OrderShipment, type OrderStatus, type ShipOrderBody, type PaymentMethod, type Refund, type UnavailableLine,
} from '@omnikit/contract';
import { cartView, holdsCartSecret, lineAvailability, loadFacts, newId, touchCart, type CartCaller, type CartRow } from './carts.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import { timingOf } from './pickup/options.js';
import { bookSlots, releaseSlots } from './pickup/slots.js';
import { nowOf, readModelOf, type AppState } from './state.js';
import { releaseCompartments } from './lockers.js';
import { refundRest, refundView, type RefundRow } from './refunds.js';
import { toAvailability, type StockRow } from './stock.js';

// Orders: checkout, reservations, payment, cancellation and expiry. Every stock write here is a
// conditional UPDATE (never read-then-write), so stock is never reserved below zero under any
// concurrency. Lock order, kept by every function here: the cart or order row first, then the
// stock rows sorted by (sku, location), and only then the first event (the bus's advisory lock,
// held to commit): a transaction never waits for a stock row while it holds the event lock, so
// two checkouts cannot deadlock on it.

type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A row of `orders`. */
export interface OrderRow {
  id: string;
  number: string;
  cart_id: string;
  status: OrderStatus;
  channel: Channel;
  customer_id: string | null;
  currency: Currency;
  country: Country;
  payment_method: PaymentMethod;
  payment_status: PaymentStatus;
  payment_due_at: Date | string | null;
  contact_email: string;
  store_ids: string[];
  lines: OrderLine[];
  groups: FulfillmentGroup[];
  discounts: Discount[];
  totals: MoneyTotals;
  ready_at: Date | string | null;
  collect_by: Date | string | null;
  pickups: OrderPickup[];
  attention: OrderAttention | null;
  /** The status a needs-attention order had before (what a resolution goes back to). */
  attention_from: OrderStatus | null;
  returns: OrderReturn[];
  /** Delivery lines handed to the carrier (see {@link shipOrder}). */
  shipments: OrderShipment[];
  /** Not a column: filled by {@link withRefunds} from `refunds`. */
  refunds?: Refund[];
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const STOCK_RETURNING = 'RETURNING sku, store_id, on_hand, reserved, low_stock_threshold, updated_at';
/** Characters after `OK-` in an order number (the handoff alphabet: nothing a person misreads). */
const ORDER_NUMBER_LENGTH = 6;
/** Orders one expiry pass handles; the next pass (or a read) takes the rest. */
const EXPIRE_BATCH = 100;

/**
 * The order as the API answers it; `contact` only for the secret key and staff (`withContact`),
 * who in turn never see a locker's opening code: that is for the shopper alone.
 */
export function orderView(row: OrderRow, withContact: boolean): Order {
  const pickups = pickupsOf(row).map((p) => {
    // A compartment is the order's only while it is ready; the code is the shopper's alone.
    if (!p.locker) return p;
    const { locker, ...rest } = p;
    if (row.status !== 'ready') return rest;
    return withContact ? { ...rest, locker: { compartment: locker.compartment } } : p;
  });
  return {
    id: row.id, number: row.number, status: row.status, cartId: row.cart_id, channel: row.channel,
    currency: row.currency, country: row.country,
    payment: {
      method: row.payment_method, status: row.payment_status,
      ...(row.payment_due_at ? { dueAt: iso(row.payment_due_at) } : {}),
    },
    lines: withShipped(row), groups: row.groups, discounts: row.discounts, totals: row.totals, storeIds: row.store_ids,
    ...(withContact ? { contact: { email: row.contact_email } } : {}),
    ...(pickups.length ? { pickups } : {}),
    ...(row.ready_at ? { readyAt: iso(row.ready_at) } : {}),
    ...(row.collect_by ? { collectBy: iso(row.collect_by) } : {}),
    ...(row.attention ? { attention: row.attention } : {}),
    ...(row.returns?.length ? { returns: row.returns } : {}),
    ...(row.refunds?.length ? { refunds: row.refunds } : {}),
    ...(row.shipments?.length ? { shipments: row.shipments } : {}),
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
  };
}

/** The order's lines, each delivery line with the units its shipments carried. */
function withShipped(row: Pick<OrderRow, 'lines' | 'shipments'>): OrderLine[] {
  if (!row.shipments?.length) return row.lines;
  const shipped = new Map<string, number>();
  for (const s of row.shipments) for (const l of s.lines) shipped.set(l.lineId, (shipped.get(l.lineId) ?? 0) + l.quantity);
  return row.lines.map((l) => (shipped.has(l.id) ? { ...l, shippedQuantity: shipped.get(l.id)! } : l));
}

/**
 * The order's pickups: one per pickup group (its store and method, from the groups checkout
 * wrote), with what the lifecycle recorded for it (`pickups` column: arrival, locker).
 */
export function pickupsOf(row: Pick<OrderRow, 'groups' | 'pickups'>): OrderPickup[] {
  return row.groups.flatMap((g) => {
    if (g.fulfillment.type !== 'pickup' || !g.fulfillment.storeId) return [];
    const recorded = (row.pickups ?? []).find((p) => p.groupId === g.id);
    return [{ ...recorded, groupId: g.id, storeId: g.fulfillment.storeId, method: g.fulfillment.method ?? 'in_store' }];
  });
}

/** Fills `refunds` of order rows from the refunds table (one query for all of them). */
export async function withRefunds<R extends OrderRow>(q: Queryable, rows: R[]): Promise<R[]> {
  if (!rows.length) return rows;
  const refunds = await q.query<RefundRow>(
    'SELECT * FROM refunds WHERE order_id = ANY($1::text[]) ORDER BY created_at, id', [rows.map((r) => r.id)],
  );
  for (const r of rows) r.refunds = refunds.filter((f) => f.order_id === r.id).map(refundView);
  return rows;
}

/** {@link orderView} with the order's refunds read first. */
export async function orderAnswer(q: Queryable, row: OrderRow, withContact: boolean): Promise<Order> {
  return orderView((await withRefunds(q, [row]))[0]!, withContact);
}

/**
 * Whether an order is expired, whether or not the timer got to it: it waits for a payment whose
 * window has closed, or it is ready and was not collected by `collect_by`.
 */
export function isOverdue(row: OrderRow, now: Date = new Date()): boolean {
  if (row.status === 'awaiting_payment') return row.payment_due_at !== null && new Date(row.payment_due_at) <= now;
  // A needs-attention order has the collection window to choose (set when it entered that status).
  if (row.status === 'ready' || row.status === 'needs_attention') return row.collect_by !== null && new Date(row.collect_by) <= now;
  return false;
}

const newOrderNumber = () =>
  `OK-${Array.from({ length: ORDER_NUMBER_LENGTH }, () => HANDOFF_ALPHABET[randomInt(HANDOFF_ALPHABET.length)]).join('')}`;

/** The line's own location: its store or locker, or the online stock for delivery. */
const locationOf = (l: Pick<CartLine, 'fulfillment'>) => (l.fulfillment.type === 'delivery' ? ONLINE_LOCATION : l.fulfillment.storeId);
/** Where checkout takes a line's units from: the transfer's source the cart's availability names, else its own location. */
const sourceOf = (l: Pick<CartLine, 'fulfillment' | 'availability'>) => l.availability.transferFrom ?? locationOf(l);

function unavailable(line: Pick<CartLine, 'id' | 'sku'>, a: LineAvailability): UnavailableLine {
  return { lineId: line.id, sku: line.sku, problem: a.problem ?? 'insufficient_stock', available: a.available, alternatives: a.alternatives };
}

function checkoutUnavailable(lines: UnavailableLine[], message: string): ApiError {
  return new ApiError('checkout_unavailable', message, undefined, undefined, { lines });
}

/** Publishes a stock row's new availability (`stock.changed`) and tells this process's read model. */
export async function publishStock(q: Queryable, app: AppState, row: StockRow): Promise<void> {
  const topic = stockTopic(row.sku, row.store_id);
  const availability = toAvailability(row.sku, row.store_id, row, row.updated_at);
  const seq = await app.bus.publish(q, topic, { type: 'stock.changed', topic, data: availability, at: iso(row.updated_at) });
  readModelOf(app).noteWrite(row.sku, seq);
}

/**
 * Publishes `order.changed` on the order's topic and on the orders topic of each of its stores
 * (`store:{id}:orders`, the pickup queue's), and of the stores it just left (`leftStores`: a
 * drift move), so every transition reaches the staff of every store it concerns.
 */
export async function publishOrder(q: Queryable, app: AppState, row: OrderRow, leftStores: readonly string[] = []): Promise<void> {
  const data = { orderId: row.id, status: row.status };
  const at = iso(row.updated_at);
  const topic = orderTopic(row.id);
  await app.bus.publish(q, topic, { type: 'order.changed', topic, data, at });
  for (const storeId of new Set([...row.store_ids, ...leftStores])) {
    if (storeId === ONLINE_LOCATION) continue;
    const storeTopic = storeOrdersTopic(storeId);
    await app.bus.publish(q, storeTopic, { type: 'order.changed', topic: storeTopic, data, at });
  }
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Units of one SKU at one location (reserved, taken, or a signed change). */
export interface StockItem {
  sku: string;
  store_id: string;
  quantity: number;
}

/** Rows summed per SKU and location, sorted by (sku, location): the lock order of stock rows. */
export function stockItemsOf(rows: StockItem[]): StockItem[] {
  const items = new Map<string, StockItem>();
  for (const r of rows) {
    const k = `${r.sku}@${r.store_id}`;
    const item = items.get(k);
    if (item) item.quantity += r.quantity;
    else items.set(k, { ...r });
  }
  return [...items.values()].sort((a, b) => cmp(a.sku, b.sku) || cmp(a.store_id, b.store_id));
}

/**
 * Checks a cart out, inside the caller's transaction, with the cart row locked (open, at the
 * version the client saw). Every line is priced and checked with {@link cartView}. Paying
 * `in_store` for delivery lines only is 400 `validation_failed`; if any line cannot be had, or
 * the cart is empty, it is 409 `checkout_unavailable` with `details.lines`
 * (empty for an empty cart) and nothing is written. Else every line reserves where the cart's
 * availability (the options engine's answer) takes it from: a pickup line at its store, or at
 * the transfer's source (the online stock or another store) when its store's shelves cannot
 * fill it, a locker line at the store or online stock that feeds it; delivery lines at the
 * online stock; take-now lines leave on-hand at once (a `sale_in_store` movement). Each is a
 * conditional UPDATE; one that fails lost a race to another checkout or sale, and throws (the
 * caller's transaction rolls back: nothing reserved) naming that line with its fresh
 * availability. Then the order is written (each line with its source and promised ready time)
 * and the cart becomes `ordered`.
 */
export async function checkout(q: Queryable, app: AppState, cart: CartRow, who: CartCaller, body: CheckoutBody): Promise<Order> {
  const at = timingOf(app);
  const view = await cartView(q, cart, at);
  if (!view.lines.length) throw checkoutUnavailable([], 'The cart is empty.');
  const method = body.payment.method;
  if (paymentMethodsFor(view).find((p) => p.method === method)?.refused) {
    throw new ApiError('validation_failed', 'Paying in the store needs a line collected or taken in a store.', [
      { path: 'body.payment.method', message: 'online or invoice for a cart of delivery lines only' },
    ]);
  }
  const bad = view.lines.filter((l) => !l.availability.ok);
  if (bad.length) {
    throw checkoutUnavailable(bad.map((l) => unavailable(l, l.availability)), `${bad.length} line(s) cannot be had as chosen; nothing was reserved.`);
  }

  // 1. Stock rows, in (sku, location) order; no event yet (see the lock order above).
  const takes = view.lines.map((line) => ({ line, location: sourceOf(line), take: line.fulfillment.type === 'take_now', onHandAfter: 0 }))
    .sort((a, b) => cmp(a.line.sku, b.line.sku) || cmp(a.location, b.location));
  const rows = new Map<string, StockRow>();
  for (const t of takes) {
    const [r] = await q.query<StockRow>(
      t.take
        ? `UPDATE stock SET on_hand = on_hand - $3, updated_at = now() WHERE sku = $1 AND store_id = $2 AND on_hand - reserved >= $3 ${STOCK_RETURNING}`
        : `UPDATE stock SET reserved = reserved + $3, updated_at = now() WHERE sku = $1 AND store_id = $2 AND on_hand - reserved >= $3 ${STOCK_RETURNING}`,
      [t.line.sku, t.location, t.line.quantity],
    );
    if (!r) {
      // Another checkout or sale took the units since the view above (or this cart's other line
      // of the SKU at the same place did): name the line with what is left for it now.
      const fresh = lineAvailability(t.line, cart.country, await loadFacts(q, [t.line.sku]), at);
      throw checkoutUnavailable([unavailable(t.line, fresh)], `Not enough ${t.line.sku} is left at ${t.location} for this line; nothing was reserved.`);
    }
    t.onHandAfter = r.on_hand;
    rows.set(`${r.sku}@${r.store_id}`, r);
  }

  // 2. The order, its reservations and movements, then the events.
  const online = method !== 'in_store';
  const lines: OrderLine[] = view.lines.map((l) => ({
    id: l.id, sku: l.sku, name: l.name, quantity: l.quantity, fulfillment: l.fulfillment, groupId: l.groupId,
    unitPrice: l.unitPrice, lineTotal: l.lineTotal, vatRate: l.vatRate,
    source: l.availability.source ?? 'on_hand',
    ...(l.availability.transferFrom ? { transferFrom: l.availability.transferFrom } : {}),
    ...(l.availability.readyAt ? { promisedReadyAt: l.availability.readyAt } : {}),
  }));
  const storeIds = [...new Set(view.lines.flatMap((l) => (l.fulfillment.type === 'delivery' ? [] : [l.fulfillment.storeId])))];
  let order: OrderRow | undefined;
  while (!order) {
    [order] = await q.query<OrderRow>(
      `INSERT INTO orders (id, number, cart_id, status, channel, customer_id, currency, country, payment_method, payment_status,
         payment_due_at, contact_email, store_ids, lines, groups, discounts, totals)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
         CASE WHEN $11::int IS NULL THEN NULL ELSE now() + make_interval(mins => $11::int) END, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (number) DO NOTHING RETURNING *`,
      [
        newId('ord'), newOrderNumber(), cart.id, online ? 'awaiting_payment' : 'confirmed', who.channel, cart.customer_id,
        cart.currency, cart.country, method, online ? 'pending' : 'at_pickup', online ? app.paymentWindowMinutes : null, body.contact.email,
        storeIds, JSON.stringify(lines), JSON.stringify(view.groups), JSON.stringify(view.discounts), JSON.stringify(view.totals),
      ],
    );
  }
  for (const t of takes) {
    await q.query(
      'INSERT INTO reservations (order_id, line_id, sku, store_id, quantity, status) VALUES ($1, $2, $3, $4, $5, $6)',
      [order.id, t.line.id, t.line.sku, t.location, t.line.quantity, t.take ? 'fulfilled' : 'active'],
    );
    if (t.take) {
      await q.query(
        `INSERT INTO stock_movements (sku, store_id, delta, on_hand_after, reason, note) VALUES ($1, $2, $3, $4, 'sale_in_store', $5)`,
        [t.line.sku, t.location, -t.line.quantity, t.onHandAfter, `order ${order.number}`],
      );
    }
  }
  // Pickup slots the groups chose (pickup/slots.ts): after the stock rows, before the first event.
  await bookSlots(q, order.id, view.groups, nowOf(app));
  // The cart's update first: its event takes the bus's lock, held to commit, so the less written after it the better.
  await touchCart(q, app.bus, cart, who.channel, { status: 'ordered', order_id: order.id });
  for (const r of rows.values()) await publishStock(q, app, r);
  await publishOrder(q, app, order);
  return orderView(order, false);
}

/**
 * The order, if the caller may read it: the secret key, its member's customer token, or a
 * secret of the cart it came from. Anything else is 404 `order_not_found`, the same answer as
 * for an order that does not exist. `forUpdate` locks the row for the rest of the transaction.
 */
export async function findOrder(q: Queryable, orderId: string, who: CartCaller, forUpdate = false): Promise<OrderRow> {
  const [row] = await q.query<OrderRow>(`SELECT * FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [orderId]);
  const notFound = () => new ApiError('order_not_found', 'No such order, or not yours to open.');
  if (!row) throw notFound();
  if (who.admin) return row;
  if (who.customerId !== undefined && row.customer_id === who.customerId) return row;
  if (who.secret !== undefined && (await holdsCartSecret(q, row.cart_id, who.secret))) return row;
  throw notFound();
}

/** Gives back an order's active reservations (stock.reserved down, one `stock.changed` per row) and its locker compartments. */
export async function releaseReservations(q: Queryable, app: AppState, orderId: string): Promise<void> {
  // Compartments first: no event has been written yet (the lock order above).
  await releaseCompartments(q, orderId);
  const released = await q.query<StockItem>(
    `UPDATE reservations SET status = 'released', updated_at = now() WHERE order_id = $1 AND status = 'active'
     RETURNING sku, store_id, quantity`,
    [orderId],
  );
  const changed: StockRow[] = [];
  for (const item of stockItemsOf(released)) {
    // GREATEST: a unit a correction already took out of `reserved` is not given back twice.
    const [row] = await q.query<StockRow>(
      `UPDATE stock SET reserved = GREATEST(0, reserved - $3), updated_at = now() WHERE sku = $1 AND store_id = $2 ${STOCK_RETURNING}`,
      [item.sku, item.store_id, item.quantity],
    );
    if (row) changed.push(row);
  }
  await releaseSlots(q, orderId); // after the stock rows, before the events: checkout's lock order
  for (const row of changed) await publishStock(q, app, row);
}

/** Moves an order to a new status (and payment status), publishing `order.changed`. */
export async function moveOrder(q: Queryable, app: AppState, row: OrderRow, status: OrderStatus, payment: PaymentStatus = row.payment_status): Promise<OrderRow> {
  const [next] = await q.query<OrderRow>(
    'UPDATE orders SET status = $2, payment_status = $3, updated_at = now() WHERE id = $1 RETURNING *', [row.id, status, payment],
  );
  await publishOrder(q, app, next!);
  return next!;
}

export function statusConflict(row: OrderRow, action: string): ApiError {
  const status = isOverdue(row) ? 'expired' : row.status;
  return new ApiError('order_status_conflict', `The order is ${status.replace('_', ' ')}; it cannot be ${action}.`, undefined, undefined,
    { status, order: orderView(row, true) });
}

/**
 * The payment provider's answer, inside the caller's transaction: `paid` confirms an order that
 * awaits payment, `failed` cancels it and releases its stock. Repeating the answer the order
 * already has is a no-op; anything else (another status, a payment window that has closed) is
 * 409 `order_status_conflict`.
 */
export async function setPayment(q: Queryable, app: AppState, orderId: string, status: 'paid' | 'failed'): Promise<Order> {
  const row = await findOrder(q, orderId, { admin: true, channel: 'pos' }, true);
  if (row.payment_status === status) return orderAnswer(q, row, true);
  if (row.status === 'needs_attention' && row.attention_from === 'awaiting_payment' && status === 'paid') {
    // Paid while the shopper chooses: the order stays for that choice and comes back confirmed.
    const [next] = await q.query<OrderRow>(
      "UPDATE orders SET payment_status = 'paid', attention_from = 'confirmed', updated_at = now() WHERE id = $1 RETURNING *", [row.id],
    );
    await publishOrder(q, app, next!);
    return orderAnswer(q, next!, true);
  }
  if (row.status !== 'awaiting_payment' || isOverdue(row)) throw statusConflict(row, `marked ${status}`);
  if (status === 'paid') return orderAnswer(q, await moveOrder(q, app, row, 'confirmed', 'paid'), true);
  await releaseReservations(q, app, row.id);
  return orderAnswer(q, await moveOrder(q, app, row, 'cancelled', 'failed'), true);
}

/**
 * Cancels an order, inside the caller's transaction, releasing its active reservations and
 * locker compartments (goods taken now have left the store and stay sold); a paid order gets a
 * pending refund of what it paid and was not refunded yet. Cancelling a cancelled order is a
 * no-op; collected and expired orders are 409 `order_status_conflict`. `staffStore`: a staff
 * session may cancel only its store's orders (404 `order_not_found` for others).
 */
export async function cancelOrder(q: Queryable, app: AppState, orderId: string, staffStore?: string): Promise<Order> {
  const row = await findOrder(q, orderId, { admin: true, channel: 'pos' }, true);
  if (staffStore !== undefined && !row.store_ids.includes(staffStore)) throw new ApiError('order_not_found', 'No such order, or not yours to open.');
  if (row.status === 'cancelled') return orderAnswer(q, row, true);
  if (row.status === 'collected' || row.status === 'expired' || isOverdue(row)) throw statusConflict(row, 'cancelled');
  return orderAnswer(q, await closeOrder(q, app, row, 'cancelled'), true);
}

/**
 * Ends an order that will not be handed over (cancelled, expired): reservations and
 * compartments released, a paid order's rest refunded, the attention cleared, `order.changed`.
 */
export async function closeOrder(q: Queryable, app: AppState, row: OrderRow, status: 'cancelled' | 'expired'): Promise<OrderRow> {
  await releaseReservations(q, app, row.id);
  await refundRest(q, row);
  if (row.attention) await q.query('UPDATE orders SET attention = NULL, attention_from = NULL WHERE id = $1', [row.id]);
  return moveOrder(q, app, row, status);
}

/** Expires one order if it is overdue by `now` (unpaid, or ready and uncollected); true when it did. Own transaction. */
async function expireOne(app: AppState, orderId: string, now: Date): Promise<boolean> {
  return app.db.transaction(async (tx) => {
    const [row] = await tx.query<OrderRow>('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    if (!row || !isOverdue(row, now)) return false;
    if (row.status === 'ready' || row.status === 'needs_attention') await closeOrder(tx, app, row, 'expired');
    else {
      await releaseReservations(tx, app, row.id);
      await moveOrder(tx, app, row, 'expired');
    }
    return true;
  });
}

/**
 * Expires every order awaiting a payment that was due by `now` (default: now), and every ready
 * order not collected by its `collect_by`: status `expired`, reservations and locker
 * compartments released (a paid uncollected order refunded), `order.changed` and
 * `stock.changed` published. Each order in
 * a transaction of its own, so one failure does not hold back the rest. Returns how many expired.
 * The server runs it every 30 seconds, and reads of an overdue order apply it first.
 */
export async function expireOrders(app: AppState, now: Date = new Date()): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await app.db.query<{ id: string }>(
      `SELECT id FROM (
         (SELECT id, payment_due_at AS due FROM orders WHERE status = 'awaiting_payment' AND payment_due_at <= $1 ORDER BY payment_due_at LIMIT ${EXPIRE_BATCH})
         UNION ALL
         (SELECT id, collect_by AS due FROM orders WHERE status IN ('ready', 'needs_attention') AND collect_by <= $1 ORDER BY collect_by LIMIT ${EXPIRE_BATCH})
       ) due ORDER BY due LIMIT ${EXPIRE_BATCH}`,
      [now.toISOString()],
    );
    let progressed = 0;
    for (const { id } of due) if (await expireOne(app, id, now)) progressed++;
    expired += progressed;
    app.bus.poke();
    if (due.length < EXPIRE_BATCH || progressed === 0) return expired;
  }
}

/**
 * An order as its reader may see it: an overdue one is expired first (and answered so).
 * `staffStore`: a staff session reads only orders collected at its store; any other is 404
 * `order_not_found`, the answer for an order that does not exist (it tells nothing of others).
 */
export async function readOrder(app: AppState, orderId: string, who: CartCaller, staffStore?: string): Promise<Order> {
  let row = await findOrder(app.db, orderId, who);
  if (staffStore !== undefined && !row.store_ids.includes(staffStore)) throw new ApiError('order_not_found', 'No such order, or not yours to open.');
  if (isOverdue(row)) {
    await expireOne(app, row.id, new Date());
    app.bus.poke();
    row = (await app.db.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [row.id]))[0]!;
  }
  return orderAnswer(app.db, row, who.admin);
}

/**
 * `GET /v1/admin/orders`: newest first, by store, channel and status, with contacts;
 * `arrived: 'true'` keeps orders being picked or ready whose shopper said "I have arrived".
 */
export async function listOrders(
  app: AppState, query: { storeId?: string; channel?: Channel; status?: OrderStatus; arrived?: 'true' | 'false'; active?: 'true'; page?: number; pageSize?: number },
): Promise<OrderPage> {
  await expireOrders(app);
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.storeId !== undefined) where.push(`$${params.push(query.storeId)} = ANY(store_ids)`);
  if (query.channel !== undefined) where.push(`channel = $${params.push(query.channel)}`);
  if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`);
  if (query.active === 'true') where.push(`status = ANY($${params.push([...QUEUE_STATUSES])}::text[])`);
  // An empty object is contained in any object: a pickup that has an arrival.
  const arrived = `(status IN ('picking', 'ready') AND pickups @> '[{"arrival": {}}]')`;
  if (query.arrived === 'true') where.push(arrived);
  if (query.arrived === 'false') where.push(`NOT ${arrived}`);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [rows, [count]] = await Promise.all([
    app.db.query<OrderRow>(`SELECT * FROM orders ${whereSql} ORDER BY created_at DESC, id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders ${whereSql}`, params),
  ]);
  return { items: (await withRefunds(app.db, rows)).map((r) => orderView(r, true)), page, pageSize, total: Number(count?.n ?? 0) };
}

/**
 * The order's delivery lines handed to the carrier, inside the caller's transaction: their
 * active reservations at the online stock are fulfilled (on-hand and reserved go down, a
 * `sale_online` movement and `stock.changed` each), the order records the shipment and
 * `order.changed` goes out. From then on those lines can be returned in any store offering
 * returns (returns.ts takes back what was handed over). An order whose lines are all delivery
 * is then handed over in full: `confirmed` becomes `collected` (the status after which nothing is
 * left to prepare, cancel or expire), in the same `order.changed`. An order with pickup or
 * take-now lines keeps its status (its pickup groups follow their own steps, and collection
 * ends it). 409 `order_status_conflict` unless the order
 * is confirmed, being picked, ready or collected; 409 `nothing_to_ship` when no delivery line
 * waits (a retry with the same Idempotency-Key replays the first answer instead).
 */
export async function shipOrder(q: Queryable, app: AppState, orderId: string, body: ShipOrderBody): Promise<Order> {
  const row = await findOrder(q, orderId, { admin: true, channel: 'pos' }, true);
  if (!['confirmed', 'picking', 'ready', 'collected'].includes(row.status) || isOverdue(row)) throw statusConflict(row, 'shipped');
  const delivery = row.lines.filter((l) => l.fulfillment.type === 'delivery').map((l) => l.id);
  const taken = delivery.length
    ? await q.query<StockItem & { line_id: string }>(
      `UPDATE reservations SET status = 'fulfilled', updated_at = now() WHERE order_id = $1 AND status = 'active' AND line_id = ANY($2::text[])
       RETURNING line_id, sku, store_id, quantity`,
      [row.id, delivery],
    )
    : [];
  if (!taken.length) throw new ApiError('nothing_to_ship', 'No delivery line of this order waits to be shipped.');
  const changed: StockRow[] = [];
  for (const item of stockItemsOf(taken)) {
    const [stock] = await q.query<StockRow>(
      `UPDATE stock SET on_hand = GREATEST(0, on_hand - $3), reserved = GREATEST(0, reserved - $3), updated_at = now()
       WHERE sku = $1 AND store_id = $2 ${STOCK_RETURNING}`,
      [item.sku, item.store_id, item.quantity],
    );
    if (!stock) continue;
    await q.query(
      `INSERT INTO stock_movements (sku, store_id, delta, on_hand_after, reason, note) VALUES ($1, $2, $3, $4, 'sale_online', $5)`,
      [item.sku, item.store_id, -item.quantity, stock.on_hand, `order ${row.number} shipped`],
    );
    changed.push(stock);
  }
  const units = new Map<string, number>();
  for (const t of taken) units.set(t.line_id, (units.get(t.line_id) ?? 0) + t.quantity);
  const shipment: OrderShipment = {
    id: newId('shp'), lines: row.lines.filter((l) => units.has(l.id)).map((l) => ({ lineId: l.id, quantity: units.get(l.id)! })),
    ...(body.carrierReference ? { carrierReference: body.carrierReference } : {}), createdAt: new Date().toISOString(),
  };
  // Checkout reserved every delivery line at the online stock, and one shipment takes all that is
  // still reserved: nothing of an all-delivery order waits after it.
  const handedOver = row.status === 'confirmed' && row.lines.every((l) => l.fulfillment.type === 'delivery');
  const [next] = await q.query<OrderRow>(
    `UPDATE orders SET shipments = shipments || $2::jsonb, status = CASE WHEN $3::boolean THEN 'collected' ELSE status END, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [row.id, JSON.stringify([shipment]), handedOver],
  );
  for (const stock of changed) await publishStock(q, app, stock);
  await publishOrder(q, app, next!);
  return orderAnswer(q, next!, true);
}
