import { listCategoriesRoute, listProductsRoute, type Category, type ProductPage } from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import type { CallOptions } from '../transport.js';

// Catalog browsing, apart from the batched `getProduct` so widget bundles (which only read
// products by SKU) do not carry it.

/** Query of {@link searchProducts}. */
export interface SearchProductsInput {
  q?: string;
  category?: string;
  page?: number;
  pageSize?: number;
}

/** Searches the catalog by text and category, paged. Not cached. */
export async function searchProducts(client: ClientLike, query: SearchProductsInput = {}, options?: CallOptions): Promise<ProductPage> {
  return client[CORE].transport.call(listProductsRoute, { query: { ...query } }, options);
}

/** Product categories with counts. */
export async function listCategories(client: ClientLike, options?: CallOptions): Promise<Category[]> {
  return (await client[CORE].transport.call(listCategoriesRoute, {}, options)).items;
}
