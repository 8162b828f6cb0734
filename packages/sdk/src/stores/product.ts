import type { Product } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import { getProduct } from '../resources/products.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './remote.js';

/** One product as a nanostores atom, fetched (batched per task) by its first subscriber. */
export function productStore(client: ClientLike, sku: string): ReadableAtom<Remote<Product>> {
  return remoteStore<Product>(client, `product:${sku}`, ($store) => {
    let active = true;
    getProduct(client, sku).then(
      (p) => active && setReady($store, p),
      (e) => active && $store.value?.status !== 'ready' && $store.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
    };
  });
}
