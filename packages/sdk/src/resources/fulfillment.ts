import {
  CART_SECRET_HEADER, MAX_LINE_QUANTITY, cartFulfillmentOptionsRoute, fulfillmentOptionsRoute,
  type Country, type FulfillmentOptions,
} from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { cartCoreOf } from './cart-core.js';
import { requireLocation, requireSku } from './validate.js';

/** The options of one SKU and quantity (default 1) at a store or locker; without `storeId`, home delivery only. */
export interface SkuFulfillmentInput {
  sku: string;
  quantity?: number;
  storeId?: string;
  /** Where home delivery goes (default: the store's country, else Sweden). */
  country?: Country;
}

/** The options of this client's own cart (`cartId` is its id) at a store (default: the store of its first pickup line). */
export interface CartFulfillmentInput {
  cartId: string;
  storeId?: string;
}

const invalid = (path: string, message: string) =>
  new OmnikitError('validation_failed', `${path}: ${message}`, { details: { issues: [{ path, message }] } });

/**
 * How a SKU (or this client's cart) can reach the shopper from a store: pickup at the counter,
 * curbside, the lockers near it and home delivery, each `possible` or not with its `problem`,
 * the earliest `readyAt` or the `deliveryDate`, and whether stock moves first (`source`,
 * `transferFrom`). The server computes every time in the store's zone; show `options` as they
 * come (a radio group: `id` the value, `possible` enabled, `defaultOptionId` preselected).
 *
 * Checked here first (`validation_failed`): a valid SKU, a whole quantity from 1 to 999, a valid
 * store id. The cart form needs this client's cart (`cart_not_found` when `cartId` is not it).
 */
export async function getFulfillmentOptions(
  client: ClientLike, input: SkuFulfillmentInput | CartFulfillmentInput, options?: CallOptions,
): Promise<FulfillmentOptions> {
  if (!input || typeof input !== 'object') throw invalid('input', 'give { sku, quantity, storeId } or { cartId }');
  if (input.storeId !== undefined) requireLocation(input.storeId, 'storeId');
  const call = client[CORE].transport.call;
  if ('cartId' in input) {
    if (typeof input.cartId !== 'string' || input.cartId === '') throw invalid('cartId', 'is required');
    const handle = cartCoreOf(client)._.handle();
    if (!handle || handle.id !== input.cartId) throw new OmnikitError('cart_not_found', 'Options of a cart are for the cart of this device.');
    return call(
      cartFulfillmentOptionsRoute,
      { params: { cartId: handle.id }, query: { storeId: input.storeId }, headers: { [CART_SECRET_HEADER]: handle.secret } },
      options,
    );
  }
  return getSkuFulfillmentOptions(client, input, options);
}

/**
 * @internal The SKU form of {@link getFulfillmentOptions} alone (no cart code): what the
 * click-and-collect store calls, so its widget's chunk carries no cart.
 */
export async function getSkuFulfillmentOptions(client: ClientLike, input: SkuFulfillmentInput, options?: CallOptions): Promise<FulfillmentOptions> {
  if (!input || typeof input !== 'object') throw invalid('input', 'give { sku, quantity, storeId }');
  if (input.storeId !== undefined) requireLocation(input.storeId, 'storeId');
  requireSku(input.sku, 'sku');
  const quantity = input.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw invalid('quantity', `a whole number from 1 to ${MAX_LINE_QUANTITY}, got ${String(input.quantity)}`);
  }
  return client[CORE].transport.call(fulfillmentOptionsRoute, { query: { sku: input.sku, quantity, storeId: input.storeId, country: input.country } }, options);
}
