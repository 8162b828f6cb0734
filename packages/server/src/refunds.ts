import { vatOfGross, type Refund } from '@omnikit/contract';
import { newId } from './carts.js';
import type { Queryable } from './db/types.js';
import type { OrderRow } from './orders.js';

// Refunds: money the payment provider owes the shopper back, recorded `pending` in the same
// transaction as what caused it (a return, a partial pickup, a paid order cancelled or expired).
// The provider's integration picks up the pending ones; the order lists them.

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
