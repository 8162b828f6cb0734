import * as z from 'zod/mini';
import { list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Categories in a module of their own, apart from products.ts: the widgets read products, and
// only page scripts (the full SDK) list categories.

/** A product category. */
export interface Category {
  id: string;
  name: string;
  /** Active products in it. */
  productCount: number;
}
export const Category = defineSchema(() => z.object({ id: z.string(), name: z.string(), productCount: z.int() }));
type _Category = Assert<Same<Category, z.infer<typeof Category>>>;

/** `GET /v1/categories`: every category, in the retailer's order. */
export interface CategoryList {
  items: Category[];
}
export const CategoryList = list(Category);
type _CategoryList = Assert<Same<CategoryList, z.infer<typeof CategoryList>>>;

/** `listCategories` of `routes` as a client calls it (no input schemas). */
export const listCategoriesRoute = {
  method: 'GET', path: '/v1/categories', auth: 'publishable', tag: 'products',
  summary: 'Product categories with counts', response: CategoryList,
} as const satisfies RouteDef;
