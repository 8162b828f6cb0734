import {
  cancelOrderRoute, getOrderRoute, listOrdersRoute, setOrderPaymentRoute,
  type Order, type OrderPage, type OrderStatus,
} from '@omnikit/contract/cart';
import type { Channel } from '@omnikit/contract/client';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';

// The retailer's side of orders (secret key): the back office, the payment provider's webhook
// handler, the store's order list. A shopper reads an order through `omni.orders.get`.

/** Filters of {@link listOrders}. */
export interface ListOrdersInput {
  /** Orders collected at this store (pickup or take-now lines there). */
  storeId?: string;
  channel?: Channel;
  status?: OrderStatus;
  page?: number;
  /** 1 to 100 (default 24 on the reference server). */
  pageSize?: number;
}

function requireOrderId(orderId: unknown): asserts orderId is string {
  if (typeof orderId !== 'string' || orderId === '') throw new OmnikitError('validation_failed', 'orderId is required');
}

/** Orders newest first, by store, channel and status (secret key); with the shopper's contact. */
export async function listOrders(client: ClientLike, input: ListOrdersInput = {}, options?: CallOptions): Promise<OrderPage> {
  return client[CORE].transport.call(listOrdersRoute, { query: { ...input } }, options);
}

/** One order with its contact (secret key); `order_not_found` (404) when there is none. */
export async function getOrderAdmin(client: ClientLike, orderId: string, options?: CallOptions): Promise<Order> {
  requireOrderId(orderId);
  return client[CORE].transport.call(getOrderRoute, { params: { orderId } }, options);
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
