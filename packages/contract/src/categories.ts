import * as z from 'zod/mini';
import { list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';

// Categories in a module of their own, apart from products.ts: the widgets read products, and
// only page scripts (the full SDK) list categories.

export const Category = defineSchema(() => z.object({ id: z.string(), name: z.string(), productCount: z.int() }));
export type Category = z.infer<typeof Category>;
export const CategoryList = list(Category);

/** `listCategories` of `routes` as a client calls it (no input schemas). */
export const listCategoriesRoute = {
  method: 'GET', path: '/v1/categories', auth: 'publishable', tag: 'products',
  summary: 'Product categories with counts', response: CategoryList,
} as const satisfies RouteDef;
