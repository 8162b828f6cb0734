import * as z from 'zod/mini';
import { Sku, page, list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';

/** A price in minor units (öre, cent). `compareAt` is the previous price when on sale. */
export const Price = defineSchema(() => z.object({
  amount: z.int().check(z.minimum(0)),
  compareAt: z.optional(z.int().check(z.minimum(0))),
}));
export type Price = z.infer<typeof Price>;

/** The part of the catalog the widgets need. */
export const Product = defineSchema(() => z.object({
  sku: Sku,
  name: z.string(),
  description: z.string(),
  brand: z.string(),
  category: z.string(),
  /** Absolute or server-relative image URL. */
  imageUrl: z.string(),
  /** Price per currency (a product may lack some currencies); every channel shows the same. */
  // An object of optional keys, not z.partialRecord: the same shape for a cheaper schema type.
  prices: z.object({ SEK: z.optional(Price), NOK: z.optional(Price), DKK: z.optional(Price), EUR: z.optional(Price) }),
  /** Sold online only: stores never carry it. */
  onlineOnly: z.boolean(),
  /** Still sold; false for discontinued products. */
  active: z.boolean(),
}));
export type Product = z.infer<typeof Product>;

export const ProductList = list(Product);
export const ProductPage = page(Product);
export type ProductPage = z.infer<typeof ProductPage>;

/** Most SKUs one products request may name. */
export const MAX_PRODUCT_SKUS = 100;

/** `listProducts` of `routes` as a client calls it (no input schemas). */
export const listProductsRoute = {
  method: 'GET', path: '/v1/products', auth: 'publishable', tag: 'products',
  summary: 'Products by `skus`, or a paged search by `q` and `category`',
  response: ProductPage,
} as const satisfies RouteDef;

/** `getProduct` of `routes` as a client calls it (no input schemas). */
export const getProductRoute = {
  method: 'GET', path: '/v1/products/:sku', auth: 'publishable', tag: 'products',
  summary: 'One product by SKU', response: Product,
} as const satisfies RouteDef;
