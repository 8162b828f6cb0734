import { MAX_PRODUCT_SKUS, listProductsRoute, type Product } from '@omnikit/contract/client';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { createBatcher, chunk } from '../batch.js';
import { createCache } from '../read-cache.js';
import { OmnikitError, isOmnikitError } from '../errors.js';
import { requireSku } from './validate.js';

/** @internal */
/* @__NO_SIDE_EFFECTS__ */
export function productService(client: ClientLike) {
  const core = client[CORE];
  const cache = createCache<Product>({ ttl: core.config.cacheTtl, staleTtl: core.config.staleTtl });
  const fetchChunk = async (skus: string[]): Promise<Map<string, unknown>> => {
    const out = new Map<string, unknown>();
    try {
      const page = await core.transport.call(listProductsRoute, { query: { skus, pageSize: MAX_PRODUCT_SKUS } });
      for (const p of page.items) out.set(p.sku, cache.set(p.sku, p));
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
    missing: (sku) => new OmnikitError('unknown_sku', `No product with SKU ${sku}`, { status: 404 }),
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
