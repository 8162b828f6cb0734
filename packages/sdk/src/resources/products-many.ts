// Apart from products.ts: page scripts and integrators call it, the widgets never do (see
// availability-many.ts).
import type { Product } from '@omnikit/contract/client';
import type { ClientLike } from '../client-state.js';
import { getProduct } from './products.js';

/** Several products by SKU, in the order asked; batched like {@link getProduct}. */
export async function getProducts(client: ClientLike, skus: readonly string[]): Promise<Product[]> {
  return Promise.all(skus.map((s) => getProduct(client, s)));
}
