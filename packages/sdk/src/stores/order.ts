import { orderTopic, type Order } from '@omnikit/contract/cart';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { createRealtime } from '../realtime.js';
import { getOrder } from '../resources/cart.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './remote.js';

/**
 * An order, live: `loading`, then `ready` with the order, read again on every `order.changed`
 * of its topic (paid or failed by the retailer's provider, ready, cancelled, expired) and after
 * the stream was down; `error` when the read failed before any answer (a device without the
 * order's secret or customer token gets `order_not_found`). Read with {@link getOrder}, so this
 * device's orders need no token. One store per client and order.
 *
 * ```ts
 * orderStore(omni, orderId).subscribe((o) => o.status === 'ready' && show(o.data.status));
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function orderStore(client: ClientLike, orderId: string): ReadableAtom<Remote<Order>> {
  return remoteStore<Order>(client, `order:${orderId}`, ($store) => {
    let active = true;
    const read = () =>
      getOrder(client, orderId).then(
        (order) => active && setReady($store, order),
        (e) => active && $store.value?.status !== 'ready' && $store.set({ status: 'error', error: asOmnikitError(e) }),
      );
    const stop = useService(client, createRealtime).subscribe(orderTopic(orderId), (signal) => signal.type !== 'error' && void read());
    void read();
    return () => {
      active = false;
      stop();
    };
  });
}
