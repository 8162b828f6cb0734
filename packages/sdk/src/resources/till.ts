import {
  addCartLineRoute, createCartHandoffRoute, createCartRoute, getCartRoute, removeCartLineRoute, updateCartLineRoute,
  type Cart, type CartHandoff, type Fulfillment,
} from '@omnikit/contract/cart';
import type { Currency } from '@omnikit/contract/client';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';

// Carts built by staff (secret key): at the till or in customer service a clerk builds a cart
// for a shopper, then hands it over with a code or QR code ("order through customer service,
// pay online, collect in store"). The secret key reaches any cart, so no cart secret is kept.

function requireId(what: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') throw new OmnikitError('validation_failed', `${what} is required`);
}

/** Starts a cart for a shopper (secret key), in the admin client's channel (`pos` by default). */
export async function createTillCart(client: ClientLike, input: { currency?: Currency } = {}, options?: CallOptions): Promise<Cart> {
  return (await client[CORE].transport.call(createCartRoute, { body: { ...input } }, options)).cart;
}

/** Reads any cart by id (secret key). */
export async function getTillCart(client: ClientLike, cartId: string, options?: CallOptions): Promise<Cart> {
  requireId('cartId', cartId);
  return client[CORE].transport.call(getCartRoute, { params: { cartId } }, options);
}

/** Adds a line to a cart (secret key); the same SKU and fulfilment raises that line. */
export async function addTillCartLine(
  client: ClientLike, cartId: string, line: { sku: string; quantity: number; fulfillment: Fulfillment }, options?: CallOptions,
): Promise<Cart> {
  requireId('cartId', cartId);
  return client[CORE].transport.call(addCartLineRoute, { params: { cartId }, body: { ...line } }, options);
}

/** Sets a line's quantity and/or fulfilment (secret key). */
export async function updateTillCartLine(
  client: ClientLike, cartId: string, lineId: string, change: { quantity?: number; fulfillment?: Fulfillment }, options?: CallOptions,
): Promise<Cart> {
  requireId('cartId', cartId);
  requireId('lineId', lineId);
  return client[CORE].transport.call(updateCartLineRoute, { params: { cartId, lineId }, body: { ...change } }, options);
}

/** Removes a line (secret key). */
export async function removeTillCartLine(client: ClientLike, cartId: string, lineId: string, options?: CallOptions): Promise<Cart> {
  requireId('cartId', cartId);
  requireId('lineId', lineId);
  return client[CORE].transport.call(removeCartLineRoute, { params: { cartId, lineId } }, options);
}

/** A code and QR code URL that open the cart on the shopper's phone (secret key); 15 minutes, one use. */
export async function handOffTillCart(client: ClientLike, cartId: string, input: { url?: string } = {}, options?: CallOptions): Promise<CartHandoff> {
  requireId('cartId', cartId);
  return client[CORE].transport.call(createCartHandoffRoute, { params: { cartId }, body: { ...input } }, options);
}
