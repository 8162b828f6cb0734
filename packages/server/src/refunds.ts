import { vatOfGross, type Currency, type Refund } from '@omnikit/contract';
import { newId } from './carts.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import { publishOrder, type OrderRow } from './orders.js';
import type { AppState } from './state.js';

// Refunds: money the payment provider owes the shopper back, recorded `pending` in the same
// transaction as what caused it (a return, a partial pickup, a paid order cancelled or expired).
// The provider's integration picks up the pending ones, pays them out and says so with its
// reference (`POST /v1/admin/refunds/{refundId}/paid`); the order lists them.

/**
 * What one unit of a line was paid, VAT included: its price less its share of the order's
 * discounts (a discount naming lines is shared by those, else by every line, in proportion to
 * line totals), rounded down, so refunds of every unit never add up to more than was paid.
 */
export function unitPaid(row: Pick<OrderRow, 'lines' | 'discounts'>, lineId: string): number {
  const line = row.lines.find((l) => l.id === lineId);
  if (!line || line.quantity <= 0) return 0;
  let discount = 0;
  for (const d of row.discounts) {
    const among = row.lines.filter((l) => !d.lineIds?.length || d.lineIds.includes(l.id));
    const base = among.reduce((sum, l) => sum + l.lineTotal, 0);
    if (base > 0 && among.some((l) => l.id === lineId)) discount += (d.amount * line.lineTotal) / base;
  }
  return Math.max(0, Math.floor((line.lineTotal - discount) / line.quantity));
}

/** Amount and VAT of `quantity` units of each line. */
export function refundOf(row: Pick<OrderRow, 'lines' | 'discounts'>, units: { lineId: string; quantity: number }[]): { amount: number; vat: number; lines: { lineId: string; quantity: number; amount: number }[] } {
  const lines = units.map((u) => ({ lineId: u.lineId, quantity: u.quantity, amount: unitPaid(row, u.lineId) * u.quantity }));
  const vat = lines.reduce((sum, l) => sum + vatOfGross(l.amount, row.lines.find((x) => x.id === l.lineId)?.vatRate ?? 0), 0);
  return { amount: lines.reduce((sum, l) => sum + l.amount, 0), vat, lines };
}

/** Records a pending refund of an order, inside the caller's transaction. */
export async function recordRefund(q: Queryable, row: OrderRow, reason: Refund['reason'], amount: number, vat: number): Promise<string> {
  const id = newId('ref');
  await q.query('INSERT INTO refunds (id, order_id, amount, vat, currency, reason) VALUES ($1, $2, $3, $4, $5, $6)', [id, row.id, amount, vat, row.currency, reason]);
  return id;
}

/** A paid order given up whole (cancelled, expired uncollected): what was paid and not yet refunded. */
export async function refundRest(q: Queryable, row: OrderRow): Promise<void> {
  if (row.payment_status !== 'paid') return;
  const [done] = await q.query<{ amount: number; vat: number }>(
    'SELECT coalesce(sum(amount), 0)::int AS amount, coalesce(sum(vat), 0)::int AS vat FROM refunds WHERE order_id = $1', [row.id],
  );
  const amount = row.totals.total - Number(done?.amount ?? 0);
  if (amount > 0) await recordRefund(q, row, 'cancelled', amount, Math.max(0, row.totals.vatTotal - Number(done?.vat ?? 0)));
}

/** A row of `refunds`. */
export interface RefundRow {
  id: string;
  order_id: string;
  amount: number;
  vat: number;
  currency: Currency;
  reason: Refund['reason'];
  status: Refund['status'];
  provider_reference: string | null;
  refunded_at: Date | string | null;
  created_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** A refund as the API answers it. */
export function refundView(r: RefundRow): Refund {
  return {
    id: r.id, amount: r.amount, vat: r.vat, currency: r.currency, reason: r.reason, status: r.status, createdAt: iso(r.created_at),
    ...(r.provider_reference !== null && r.provider_reference !== undefined ? { providerReference: r.provider_reference } : {}),
    ...(r.refunded_at ? { refundedAt: iso(r.refunded_at) } : {}),
  };
}

/**
 * The payment provider paid a refund out, inside the caller's transaction: it becomes
 * `refunded` with the provider's reference and an `order.changed` goes out on its order's topic.
 * Idempotent by the reference: marking it paid again with the same one answers the refund as it
 * is; another reference is 409 `refund_already_paid` (`details.refund`), so one payout is never
 * recorded as two. 404 `refund_not_found` for an unknown id.
 */
export async function markRefundPaid(q: Queryable, app: AppState, refundId: string, providerReference: string): Promise<Refund> {
  // The order row first (the lock order of orders.ts), then the refund's.
  const [owner] = await q.query<{ order_id: string }>('SELECT order_id FROM refunds WHERE id = $1', [refundId]);
  if (!owner) throw new ApiError('refund_not_found', `No refund has id ${refundId}.`);
  const [order] = await q.query<OrderRow>('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [owner.order_id]);
  const [row] = await q.query<RefundRow>('SELECT * FROM refunds WHERE id = $1 FOR UPDATE', [refundId]);
  if (!row || !order) throw new ApiError('refund_not_found', `No refund has id ${refundId}.`);
  if (row.status === 'refunded') {
    if (row.provider_reference === providerReference) return refundView(row);
    throw new ApiError('refund_already_paid', `Refund ${refundId} was paid out already, with another reference.`, undefined, undefined,
      { refund: refundView(row) });
  }
  const [paid] = await q.query<RefundRow>(
    "UPDATE refunds SET status = 'refunded', provider_reference = $2, refunded_at = now() WHERE id = $1 RETURNING *", [refundId, providerReference],
  );
  const [touched] = await q.query<OrderRow>('UPDATE orders SET updated_at = now() WHERE id = $1 RETURNING *', [order.id]);
  await publishOrder(q, app, touched!);
  return refundView(paid!);
}
