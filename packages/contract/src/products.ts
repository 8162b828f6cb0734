import * as z from 'zod/mini';
import { Sku, page, list, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Each result type is an interface (named in editors and .d.ts files) checked against its schema.

/** A price in minor units (öre, cent). `compareAt` is the previous price when on sale. */
export interface Price {
  /** Minor units (öre, cent), VAT included. */
  amount: number;
  /** The previous price when on sale, in minor units. */
  compareAt?: number;
}
export const Price = defineSchema(() => z.object({
  amount: z.int().check(z.minimum(0)),
  compareAt: z.optional(z.int().check(z.minimum(0))),
}));
type _Price = Assert<Same<Price, z.infer<typeof Price>>>;

/** A product's price per currency; a product may lack some currencies. */
export interface Prices {
  SEK?: Price;
  NOK?: Price;
  DKK?: Price;
  EUR?: Price;
}

/** The part of the catalog the widgets need. */
export interface Product {
  /** See {@link Sku}. */
  sku: string;
  name: string;
  description: string;
  brand: string;
  /** The category id (see `GET /v1/categories`). */
  category: string;
  /** Absolute or server-relative image URL. */
  imageUrl: string;
  /** Price per currency (a product may lack some currencies); every channel shows the same. */
  prices: Prices;
  /** Sold online only: stores never carry it. */
  onlineOnly: boolean;
  /** Still sold; false for discontinued products. */
  active: boolean;
}
export const Product = defineSchema(() => z.object({
  sku: Sku,
  name: z.string(),
  description: z.string(),
  brand: z.string(),
  category: z.string(),
  imageUrl: z.string(),
  // An object of optional keys, not z.partialRecord: the same shape for a cheaper schema type.
  prices: z.object({ SEK: z.optional(Price), NOK: z.optional(Price), DKK: z.optional(Price), EUR: z.optional(Price) }),
  onlineOnly: z.boolean(),
  active: z.boolean(),
}));
type _Product = Assert<Same<Product, z.infer<typeof Product>>>;

/** A list of products. */
export interface ProductList {
  items: Product[];
}
/** Schema of {@link ProductList}. */
export const ProductList = list(Product);
type _ProductList = Assert<Same<ProductList, z.infer<typeof ProductList>>>;

/** `GET /v1/products`: one page of products and the number of matches. */
export interface ProductPage {
  items: Product[];
  /** 1-based page number. */
  page: number;
  pageSize: number;
  /** Matches in all pages. */
  total: number;
}
export const ProductPage = page(Product);
type _ProductPage = Assert<Same<ProductPage, z.infer<typeof ProductPage>>>;

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
