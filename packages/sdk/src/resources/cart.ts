import {
  CART_SECRET_HEADER, checkoutRoute, createCartHandoffRoute, getOrderRoute, resumeCartRoute,
  type CartAccess, type Order,
} from '@omnikit/contract/cart';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { OmnikitError, isOmnikitError } from '../errors.js';
import { randomId, type CallOptions } from '../transport.js';
import { setPickupSlot } from './pickup-slot.js';
import { MAX_REAPPLY, ORDERS_STORAGE_KEY, cartCoreOf, invalid, readJson, writeJson, type CartApi, type Handle } from './cart-core.js';

export { setPickupSlot } from './pickup-slot.js';
export { MAX_REAPPLY, CART_STORAGE_KEY, ORDERS_STORAGE_KEY, type CartApi, type AddLineInput, type CheckoutInput } from './cart-core.js';

const MAX_REMEMBERED_ORDERS = 5;

type OrderMemory = { orderId: string; secret: string }[];

/** @internal The whole cart API over the core. */
function createCartApi(client: ClientLike): CartApi & { orderSecret(orderId: string): string | undefined } {
  const core = cartCoreOf(client);
  const { handle, setHandle, show, ensure, serial } = core._;
  const storage = client[CORE].storage;
  const call = client[CORE].transport.call;
  const orderSecrets = new Map<string, string>();
  const secretHeaders = (h: Handle): Record<string, string> => ({ [CART_SECRET_HEADER]: h.secret });

  function rememberOrder(orderId: string, h: Handle): void {
    const list = (readJson<OrderMemory>(storage, ORDERS_STORAGE_KEY) ?? []).filter((o) => o.orderId !== orderId);
    writeJson(storage, ORDERS_STORAGE_KEY, [{ orderId, secret: h.secret }, ...list].slice(0, MAX_REMEMBERED_ORDERS));
    orderSecrets.set(orderId, h.secret);
  }

  return {
    $cart: core.$cart,
    get: core.get,
    addLine: core.addLine,
    setQuantity: core.setQuantity,
    setFulfillment: core.setFulfillment,
    removeLine: core.removeLine,
    forget: core.forget,
    async handoff(input = {}, options) {
      const h = await ensure(options);
      return call(createCartHandoffRoute, { params: { cartId: h.id }, body: input.url ? { url: input.url } : {}, headers: secretHeaders(h) }, options);
    },
    resume(code, options) {
      if (typeof code !== 'string' || !code.trim()) return Promise.reject(invalid('a handoff code is required'));
      return serial(async () => {
        const access: CartAccess = await call(resumeCartRoute, { body: { code } }, options);
        setHandle({ id: access.cart.id, secret: access.secret! });
        show(access.cart);
        return access.cart;
      });
    },
    setPickupSlot: (input, options) => setPickupSlot(client, input, options),
    checkout(input, options) {
      if (!input?.payment?.method || typeof input.contact?.email !== 'string') {
        return Promise.reject(invalid('checkout needs { payment: { method }, contact: { email } }'));
      }
      return serial(async () => {
        const h = handle();
        if (!h) throw new OmnikitError('cart_not_found', 'There is no cart on this device to check out.');
        const cur = core.$cart.get();
        const headers = { ...secretHeaders(h), ...(cur?.id === h.id ? { 'If-Match': `"${cur.version}"` } : {}) };
        const order = await call(checkoutRoute, { params: { cartId: h.id }, body: { payment: input.payment, contact: input.contact }, headers }, options);
        rememberOrder(order.id, h);
        if (handle() === h) setHandle(undefined);
        show(null);
        return order;
      });
    },
    /** The secret of an order this device placed, for reading it. */
    orderSecret: (orderId) => orderSecrets.get(orderId) ?? readJson<OrderMemory>(storage, ORDERS_STORAGE_KEY)?.find((o) => o.orderId === orderId)?.secret,
  };
}

/** The cart of a client (one per client, made on first use): `omni.cart` of the full client. */
export function cartOf(client: ClientLike): CartApi {
  return useService(client, createCartApi);
}

/**
 * @internal The headers that open an order this device placed (its cart's secret), if it did;
 * a member's orders open with the client's customer token instead.
 */
export function orderSecretHeaders(client: ClientLike, orderId: string): Record<string, string> {
  const secret = useService(client, createCartApi).orderSecret(orderId);
  return secret ? { [CART_SECRET_HEADER]: secret } : {};
}

/**
 * An order, read with the secret of the cart it came from (for orders this device placed) or
 * the client's customer token; `order_not_found` (404) otherwise.
 */
export function getOrder(client: ClientLike, orderId: string, options?: CallOptions): Promise<Order> {
  if (typeof orderId !== 'string' || orderId === '') return Promise.reject(invalid('orderId is required'));
  const secret = useService(client, createCartApi).orderSecret(orderId);
  return client[CORE].transport.call(getOrderRoute, { params: { orderId }, headers: secret ? { [CART_SECRET_HEADER]: secret } : {} }, options);
}
