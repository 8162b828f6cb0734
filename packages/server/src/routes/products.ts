import type { Currency, Price, Product } from '@omnikit/contract';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { cachedJson } from '../http-cache.js';
import { likePattern } from './stores.js';
import type { Handlers } from './types.js';

/** A row of the `products` table. */
export interface ProductRow {
  sku: string; name: string; description: string; brand: string; category_id: string;
  prices: Record<Currency, Price>; online_only: boolean; active: boolean; updated_at: Date | string;
}

export const toProduct = (r: ProductRow): Product => ({
  sku: r.sku, name: r.name, description: r.description, brand: r.brand, category: r.category_id,
  imageUrl: `/images/products/${r.sku}.svg`, prices: r.prices, onlineOnly: r.online_only, active: r.active,
});

export async function findProduct(q: Queryable, sku: string): Promise<ProductRow> {
  const [row] = await q.query<ProductRow>('SELECT * FROM products WHERE sku = $1', [sku]);
  if (!row) throw new ApiError('unknown_sku', `No product has SKU ${sku}.`);
  return row;
}

export const productHandlers: Pick<Handlers, 'listProducts' | 'getProduct' | 'listCategories'> = {
  // Each carries an ETag and a Cache-Control a CDN can honour (http-cache.ts).
  async listProducts({ query, q, c, app }) {
    if (query.skus) {
      // By SKU (what batched clients ask): found products in the order asked, inactive ones
      // included so a page can say "no longer sold"; SKUs that do not exist are left out.
      const rows = await q.query<ProductRow>('SELECT * FROM products WHERE sku = ANY($1::text[])', [query.skus]);
      const bySku = new Map(rows.map((r) => [r.sku, r]));
      const items = query.skus.flatMap((s) => (bySku.has(s) ? [toProduct(bySku.get(s)!)] : []));
      return cachedJson(c, app, { items, page: 1, pageSize: Math.max(1, query.skus.length), total: items.length });
    }
    const where = ['active'];
    const params: unknown[] = [];
    if (query.category) where.push(`category_id = $${params.push(query.category)}`);
    if (query.q?.trim()) {
      const p = `$${params.push(likePattern(query.q.trim()))}`;
      where.push(`(name ILIKE ${p} OR brand ILIKE ${p} OR sku ILIKE ${p} OR description ILIKE ${p})`);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 24;
    const whereSql = where.join(' AND ');
    const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM products WHERE ${whereSql}`, params);
    const rows = await q.query<ProductRow>(
      `SELECT * FROM products WHERE ${whereSql} ORDER BY sku LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params,
    );
    return cachedJson(c, app, { items: rows.map(toProduct), page, pageSize, total: Number(count?.n ?? 0) });
  },

  async getProduct({ params, q, c, app }) {
    return cachedJson(c, app, toProduct(await findProduct(q, params.sku)));
  },

  async listCategories({ q, c, app }) {
    const rows = await q.query<{ id: string; name: string; n: number }>(
      `SELECT c.id, c.name, count(p.sku)::int AS n FROM categories c
       LEFT JOIN products p ON p.category_id = c.id AND p.active
       GROUP BY c.id, c.name, c.position ORDER BY c.position, c.id`,
    );
    return cachedJson(c, app, { items: rows.map((r) => ({ id: r.id, name: r.name, productCount: Number(r.n) })) });
  },
};
