import { assertOpen, checkVersion, loadCart } from '../carts.js';
import { resolveOrder } from '../drift.js';
import { timingOf } from '../pickup/options.js';
import { cancelOrder, checkout, listOrders, readOrder, setPayment, shipOrder } from '../orders.js';
import { markRefundPaid } from '../refunds.js';
import { arrive, staffStep } from '../pickup.js';
import { scopedStore, staffStoreOf } from '../staff.js';
import { cartCaller } from './carts.js';
import type { Handlers } from './types.js';

export const orderHandlers: Pick<
  Handlers, 'checkout' | 'getOrder' | 'getAdminOrder' | 'listOrders' | 'setOrderPayment' | 'cancelOrder' | 'shipOrder' | 'markRefundPaid' | 'setOrderStep' | 'arriveOrder' | 'resolveOrder'
> = {
  async checkout({ params, body, q, c, app }) {
    // Locked for the whole transaction: a second checkout of the cart waits, then finds it ordered.
    const who = cartCaller(c);
    const row = await loadCart(q, params.cartId, who, true);
    assertOpen(row);
    await checkVersion(q, row, c.req.header('If-Match'), timingOf(app));
    return checkout(q, app, row, who, body);
  },

  async getOrder({ params, c, app }) {
    return readOrder(app, params.orderId, cartCaller(c));
  },

  async getAdminOrder({ params, c, app }) {
    return readOrder(app, params.orderId, { admin: true, channel: 'pos' }, staffStoreOf(c));
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

  async shipOrder({ params, body, q, app }) {
    return shipOrder(q, app, params.orderId, body);
  },

  async markRefundPaid({ params, body, q, app }) {
    return markRefundPaid(q, app, params.refundId, body.providerReference);
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
