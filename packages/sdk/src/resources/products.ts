import { MAX_PRODUCT_SKUS, listProductsRoute, type Product } from '@omnikit/contract/client';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { createBatcher, chunk } from '../batch.js';
import { createCache } from '../read-cache.js';
import { OmnikitHttpError, isOmnikitError } from '../errors.js';
import type { RouteInput } from '../transport.js';
import { requireSku } from './validate.js';

/** @internal */
/* @__NO_SIDE_EFFECTS__ */
export function productService(client: ClientLike) {
  const core = client[CORE];
  const cache = createCache<Product>({ ttl: core.config.cacheTtl, staleTtl: core.config.staleTtl });
  const fetchChunk = async (skus: string[]): Promise<Map<string, unknown>> => {
    const out = new Map<string, unknown>();
    const input: RouteInput = { query: { skus, pageSize: MAX_PRODUCT_SKUS } };
    try {
      const page = await core.transport.call(listProductsRoute, input);
      for (const p of page.items) out.set(p.sku, cache.set(p.sku, p));
      // The server leaves unknown SKUs out of a `skus=` answer. Each gets the error that
      // `GET /v1/products/:sku` and availability reads give (404 `unknown_sku`), with the request
      // id of the answer that lacked it.
      for (const s of skus) {
        if (!out.has(s)) out.set(s, new OmnikitHttpError('unknown_sku', `No product has SKU ${s}.`, { ...input.answer, status: 404 }));
      }
    } catch (error) {
      // One unknown SKU must not fail the others asked for in the same batch: split and retry.
      if (isOmnikitError(error, 'unknown_sku') && skus.length > 1) {
        const half = Math.ceil(skus.length / 2);
        const parts = await Promise.all([fetchChunk(skus.slice(0, half)), fetchChunk(skus.slice(half))]);
        for (const m of parts) for (const [k, v] of m) out.set(k, v);
      } else for (const s of skus) out.set(s, error);
    }
    return out;
  };
  const batcher = createBatcher<string, Product>({
    keyOf: (sku) => sku,
    loadMany: async (skus) => {
      const maps = await Promise.all(chunk(skus, MAX_PRODUCT_SKUS).map(fetchChunk));
      return new Map(maps.flatMap((m) => [...m]));
    },
  });
  return { cache, batcher };
}

/**
 * One product by SKU. Every call in the same task becomes one `GET /v1/products?skus=` request
 * (chunked at {@link MAX_PRODUCT_SKUS}); results are cached with stale-while-revalidate.
 */
export async function getProduct(client: ClientLike, sku: string): Promise<Product> {
  requireSku(sku);
  const { cache, batcher } = useService(client, productService);
  const hit = cache.peek(sku);
  if (hit?.fresh) return hit.value;
  if (hit) {
    batcher.load(sku).catch(() => undefined); // revalidate in the background, keep serving
    return hit.value;
  }
  return batcher.load(sku);
}
