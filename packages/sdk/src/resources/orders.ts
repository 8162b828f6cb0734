import {
  MAX_ARRIVAL_TEXT, MAX_REFERENCE_LENGTH, RESOLUTION_CHOICES, STAFF_STEPS, arriveOrderRoute, cancelOrderRoute, getAdminOrderRoute, listOrdersRoute,
  markRefundPaidRoute, resolveOrderRoute, setOrderPaymentRoute, setOrderStepRoute, shipOrderRoute,
  type Order, type OrderPage, type OrderStatus, type Refund, type ResolveBody, type StaffStep,
} from '@omnikit/contract/cart';
import type { Channel } from '@omnikit/contract/client';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { orderStore } from '../stores/order.js';
import type { CallOptions } from '../transport.js';
import { orderSecretHeaders } from './cart.js';

// The retailer's side of orders (secret key, or a store's staff session): the back office, the
// payment provider's webhook handler, the store's order list and staff steps. A shopper reads an
// order through `omni.orders.get`, and acts on it with the functions below the admin ones.

/** Filters of {@link listOrders}. */
export interface ListOrdersInput {
  /** Orders collected at this store (pickup or take-now lines there). */
  storeId?: string;
  channel?: Channel;
  status?: OrderStatus;
  /** `true`: orders being picked or ready whose shopper said "I have arrived" (the curb list); `false`: the others. */
  arrived?: boolean;
  /** `true`: only the orders staff still act on (`QUEUE_STATUSES`: to pick, being picked, ready, needs attention). */
  active?: boolean;
  page?: number;
  /** 1 to 100 (default 24 on the reference server). */
  pageSize?: number;
}

function requireOrderId(orderId: unknown): asserts orderId is string {
  if (typeof orderId !== 'string' || orderId === '') throw new OmnikitError('validation_failed', 'orderId is required');
}

/** Orders newest first, by store, channel and status (secret key); with the shopper's contact. */
export async function listOrders(client: ClientLike, input: ListOrdersInput = {}, options?: CallOptions): Promise<OrderPage> {
  const { arrived, active, ...rest } = input;
  return client[CORE].transport.call(listOrdersRoute, {
    query: { ...rest, ...(arrived !== undefined ? { arrived: String(arrived) } : {}), ...(active ? { active: 'true' } : {}) },
  }, options);
}

/**
 * One order with its contact (`GET /v1/admin/orders/{orderId}`): the secret key reads any; a
 * staff session (`createStaffClient`) an order collected at its store. `order_not_found` (404)
 * when there is none, or it is another store's.
 */
export async function getOrderAdmin(client: ClientLike, orderId: string, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  return client[CORE].transport.call(getAdminOrderRoute, { params: { orderId } }, options);
}

/**
 * Records the payment provider's answer (secret key): `paid` confirms an order awaiting payment;
 * `failed` cancels it and releases its stock. 409 `order_status_conflict` when the order is not
 * awaiting payment (the same answer again is a no-op).
 */
export async function setOrderPayment(client: ClientLike, orderId: string, status: 'paid' | 'failed', options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  if (status !== 'paid' && status !== 'failed') throw new OmnikitError('validation_failed', "status must be 'paid' or 'failed'");
  return client[CORE].transport.call(setOrderPaymentRoute, { params: { orderId }, body: { status } }, options);
}

/** Cancels an order and releases its reserved stock (secret key); 409 `order_status_conflict` once collected. */
export async function cancelOrder(client: ClientLike, orderId: string, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  return client[CORE].transport.call(cancelOrderRoute, { params: { orderId } }, options);
}

/** A provider or carrier reference: 1 to {@link MAX_REFERENCE_LENGTH} characters after trimming. */
function requireReference(name: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > MAX_REFERENCE_LENGTH) {
    throw new OmnikitError('validation_failed', `${name} must be 1 to ${MAX_REFERENCE_LENGTH} characters`);
  }
}

/** What {@link shipOrder} sends. */
export interface ShipOrderInput {
  /** The carrier's tracking reference (at most 200 characters). */
  carrierReference?: string;
}

/**
 * The order's delivery lines were handed to the carrier (secret key): their units leave the
 * online stock, `order.shipments` records it, and the lines can then be returned in any store
 * offering returns. An order of delivery lines only is then `collected` (handed over). 409 `nothing_to_ship` when no delivery line waits; 409
 * `order_status_conflict` for an order not yet paid (or cancelled, expired).
 */
export async function shipOrder(client: ClientLike, orderId: string, input: ShipOrderInput = {}, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  requireReference('carrierReference', input.carrierReference, true);
  return client[CORE].transport.call(shipOrderRoute, { params: { orderId }, body: input }, options);
}

/**
 * The payment provider paid a refund out (secret key): the refund (`order.refunds[]`) becomes
 * `refunded` with the provider's reference. Marking it again with the same reference answers it
 * unchanged; another reference is 409 `refund_already_paid`; 404 `refund_not_found`.
 */
export async function markRefundPaid(client: ClientLike, refundId: string, input: { providerReference: string }, options?: CallOptions): Promise<Refund> {
  if (typeof refundId !== 'string' || refundId === '') throw new OmnikitError('validation_failed', 'refundId is required');
  requireReference('providerReference', input?.providerReference, false);
  return client[CORE].transport.call(markRefundPaidRoute, { params: { refundId }, body: { providerReference: input.providerReference } }, options);
}

// The shopper's side after checkout: "I have arrived", the choice for a needs-attention order,
// and the order live. Each opens the order as `getOrder` does (this device's cart secret, or the
// member's customer token).

/** What the shopper tells the store at a curbside pickup. */
export interface ArriveInput {
  /** The parking bay (at most 80 characters). */
  bay?: string;
  /** The car ("red Volvo, ABC 123"; at most 80 characters). */
  car?: string;
  /** The curbside group, when the order has more than one (`order.pickups[].groupId`). */
  groupId?: string;
}

/**
 * "I have arrived" at a curbside pickup that is being picked or ready; the staff's list shows it
 * at once. 409 `order_status_conflict` for an order in another status or without curbside.
 */
export async function arriveOrder(client: ClientLike, orderId: string, input: ArriveInput = {}, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  for (const k of ['bay', 'car'] as const) {
    const v = input[k];
    if (v !== undefined && (typeof v !== 'string' || v.trim().length > MAX_ARRIVAL_TEXT)) {
      throw new OmnikitError('validation_failed', `${k} must be text of at most ${MAX_ARRIVAL_TEXT} characters`);
    }
  }
  return client[CORE].transport.call(arriveOrderRoute, { params: { orderId }, body: { ...input }, headers: orderSecretHeaders(client, orderId) }, options);
}

/**
 * The shopper's choice for a `needs_attention` order, one of `order.attention.alternatives`:
 * `{ choice: 'move', storeId }`, `{ choice: 'delivery' }`, `{ choice: 'partial' }` or
 * `{ choice: 'cancel' }`. The server checks it against live stock: a store that no longer has
 * the goods is 409 `insufficient_stock` (nothing changed; read the order again for fresh choices).
 */
export async function resolveOrder(client: ClientLike, orderId: string, choice: ResolveBody, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  if (!choice || !(RESOLUTION_CHOICES as readonly string[]).includes(choice.choice)) {
    throw new OmnikitError('validation_failed', `choice must be one of ${RESOLUTION_CHOICES.join(', ')}`);
  }
  if (choice.choice === 'move' && (typeof choice.storeId !== 'string' || !choice.storeId)) {
    throw new OmnikitError('validation_failed', "a 'move' needs the storeId of one of the alternatives");
  }
  const body = choice.choice === 'move' ? { choice: 'move', storeId: choice.storeId } : { choice: choice.choice };
  return client[CORE].transport.call(resolveOrderRoute, { params: { orderId }, body, headers: orderSecretHeaders(client, orderId) }, options);
}

/**
 * Calls `listener` with the order now and on every change of its status or pickup (its
 * `order:{id}` topic, read again each time; see `orderStore`); `onError` when it cannot be read
 * before any answer. Returns the function that stops the watch.
 */
export function watchOrder(client: ClientLike, orderId: string, listener: (order: Order) => void, onError?: (error: OmnikitError) => void): () => void {
  requireOrderId(orderId);
  let last: Order | undefined;
  return orderStore(client, orderId).subscribe((r) => {
    if (r.status === 'ready' && r.data !== last) listener((last = r.data));
    else if (r.status === 'error') onError?.(r.error);
  });
}

// The staff's side (secret key, or a staff session of the order's store).

/**
 * A staff step: `picking`, `ready` (a locker group gets its compartment), `collected` (the units
 * leave the store). 409 `order_status_conflict` (the order in `details.order`) for a step its
 * status does not allow; the step it already took is a no-op. 409 `locker_full` when no compartment is free.
 */
export async function setOrderStep(client: ClientLike, orderId: string, status: StaffStep, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  if (!(STAFF_STEPS as readonly string[]).includes(status)) throw new OmnikitError('validation_failed', `status must be one of ${STAFF_STEPS.join(', ')}`);
  return client[CORE].transport.call(setOrderStepRoute, { params: { orderId }, body: { status } }, options);
}
