import * as z from 'zod/mini';
import { Currency, Sku, csv, page, list, queryInt } from './common.js';

/** A price in minor units (öre, cent). `compareAt` is the previous price when on sale. */
export const Price = z.object({
  amount: z.int().check(z.minimum(0)),
  compareAt: z.optional(z.int().check(z.minimum(0))),
});
export type Price = z.infer<typeof Price>;

/** The part of the catalog the widgets need. */
export const Product = z.object({
  sku: Sku,
  name: z.string(),
  description: z.string(),
  brand: z.string(),
  category: z.string(),
  /** Absolute or server-relative image URL. */
  imageUrl: z.string(),
  /** Price per currency (a product may lack some currencies); every channel shows the same. */
  prices: z.partialRecord(Currency, Price),
  /** Sold online only: stores never carry it. */
  onlineOnly: z.boolean(),
  /** Still sold; false for discontinued products. */
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

export const ProductList = list(Product);
export const ProductPage = page(Product);
export type ProductPage = z.infer<typeof ProductPage>;

export const Category = z.object({ id: z.string(), name: z.string(), productCount: z.int() });
export type Category = z.infer<typeof Category>;
export const CategoryList = list(Category);

/** Most SKUs one products request may name. */
export const MAX_PRODUCT_SKUS = 100;

/** `GET /v1/products`: by `skus`, or a search by `q` and `category`, paged. */
export const ListProductsQuery = z.object({
  skus: z.optional(csv(Sku, MAX_PRODUCT_SKUS)),
  q: z.optional(z.string().check(z.maxLength(100))),
  category: z.optional(z.string().check(z.maxLength(64))),
  page: z.optional(queryInt(1, 10_000)),
  pageSize: z.optional(queryInt(1, 100)),
});
export type ListProductsQuery = z.input<typeof ListProductsQuery>;

export const SkuParams = z.object({ sku: Sku });
