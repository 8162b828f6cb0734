import { assertOpen, checkVersion, loadCart } from '../carts.js';
import { resolveOrder } from '../drift.js';
import { cancelOrder, checkout, listOrders, readOrder, setPayment } from '../orders.js';
import { arrive, staffStep } from '../pickup.js';
import { scopedStore, staffStoreOf } from '../staff.js';
import { cartCaller } from './carts.js';
import type { Handlers } from './types.js';

export const orderHandlers: Pick<
  Handlers, 'checkout' | 'getOrder' | 'listOrders' | 'setOrderPayment' | 'cancelOrder' | 'setOrderStep' | 'arriveOrder' | 'resolveOrder'
> = {
  async checkout({ params, body, q, c, app }) {
    // Locked for the whole transaction: a second checkout of the cart waits, then finds it ordered.
    const who = cartCaller(c);
    const row = await loadCart(q, params.cartId, who, true);
    assertOpen(row);
    await checkVersion(q, row, c.req.header('If-Match'));
    return checkout(q, app, row, who, body);
  },

  async getOrder({ params, c, app }) {
    return readOrder(app, params.orderId, cartCaller(c));
  },

  async listOrders({ query, c, app }) {
    const storeId = scopedStore(c, query.storeId);
    return listOrders(app, { ...query, ...(storeId !== undefined ? { storeId } : {}) });
  },

  async setOrderPayment({ params, body, q, app }) {
    return setPayment(q, app, params.orderId, body.status);
  },

  async cancelOrder({ params, q, app }) {
    return cancelOrder(q, app, params.orderId);
  },

  async setOrderStep({ params, body, q, c, app }) {
    return staffStep(q, app, params.orderId, body.status, staffStoreOf(c));
  },

  async arriveOrder({ params, body, q, c, app }) {
    return arrive(q, app, params.orderId, cartCaller(c), body);
  },

  async resolveOrder({ params, body, q, c, app }) {
    return resolveOrder(q, app, params.orderId, cartCaller(c), body);
  },
};
