import type { Currency, OrderStatus } from '@omnikit/contract';
import type { Queryable } from '../db/types.js';
import type { OrderRow } from '../orders.js';
import { unitPaid } from '../refunds.js';

// What loyalty reads of orders, in one place: an order of a customer as its points see it. The
// orders service stays unaware of loyalty (no order transaction writes a loyalty table or waits
// for a member's lock); loyalty follows orders by their `updated_at`.

/** One line of an order as its points see it. */
export interface LoyaltyOrderLine {
  lineId: string;
  quantity: number;
  /** Minor units paid for the whole line (its share of discounts taken off, as refunds count it). */
  paid: number;
  /** Units brought back. */
  returned: number;
  /** Units given up in a partial pickup. */
  cancelled: number;
}

/** An order of a customer, as its points see it. */
export interface LoyaltyOrder {
  id: string;
  customerId: string;
  currency: Currency;
  status: OrderStatus;
  paymentStatus: OrderRow['payment_status'];
  /** Some delivery line has been handed to the carrier. */
  shipped: boolean;
  lines: LoyaltyOrderLine[];
  /** `updated_at` as the database wrote it (text, microseconds kept): the state of the order this view is of. */
  version: string;
}

function toLoyaltyOrder(row: OrderRow & { version: string }): LoyaltyOrder {
  const returned = new Map<string, number>();
  for (const r of row.returns ?? []) for (const l of r.lines) returned.set(l.lineId, (returned.get(l.lineId) ?? 0) + l.quantity);
  return {
    id: row.id, customerId: row.customer_id!, currency: row.currency, status: row.status, paymentStatus: row.payment_status,
    shipped: (row.shipments ?? []).length > 0,
    lines: row.lines.map((l) => ({
      lineId: l.id, quantity: l.quantity, paid: unitPaid(row, l.id) * l.quantity, returned: returned.get(l.id) ?? 0, cancelled: l.cancelledQuantity ?? 0,
    })),
    version: row.version,
  };
}

/** Every order of a customer changed since loyalty last followed it (the read path of a member). */
export async function loyaltyOrdersOf(q: Queryable, customerId: string): Promise<LoyaltyOrder[]> {
  const rows = await q.query<OrderRow & { version: string }>(
    `SELECT o.*, o.updated_at::text AS version FROM orders o LEFT JOIN loyalty_order_state s ON s.order_id = o.id
     WHERE o.customer_id = $1 AND (s.order_id IS NULL OR o.updated_at > s.synced_at) ORDER BY o.created_at`,
    [customerId],
  );
  return rows.map(toLoyaltyOrder);
}

/** Orders of members changed since loyalty last followed them, oldest change first (the periodic sweep). */
export async function loyaltyOrdersToSync(q: Queryable, limit = 500): Promise<LoyaltyOrder[]> {
  const rows = await q.query<OrderRow & { version: string }>(
    `SELECT o.*, o.updated_at::text AS version FROM orders o JOIN loyalty_members m ON m.customer_id = o.customer_id
     LEFT JOIN loyalty_order_state s ON s.order_id = o.id
     WHERE s.order_id IS NULL OR o.updated_at > s.synced_at ORDER BY o.updated_at LIMIT $1`,
    [limit],
  );
  return rows.map(toLoyaltyOrder);
}

/** A customer's orders that are neither closed nor credited yet (what their pending points are of). */
export async function uncreditedOrdersOf(q: Queryable, memberId: string, customerId: string): Promise<LoyaltyOrder[]> {
  const rows = await q.query<OrderRow & { version: string }>(
    `SELECT o.*, o.updated_at::text AS version FROM orders o
     WHERE o.customer_id = $1 AND o.status NOT IN ('cancelled', 'expired') AND o.payment_status <> 'failed'
       AND NOT EXISTS (SELECT 1 FROM loyalty_entries e WHERE e.member_id = $2 AND e.idempotency_key = 'order:' || o.id || ':earn')
     ORDER BY o.created_at`,
    [customerId, memberId],
  );
  return rows.map(toLoyaltyOrder);
}
