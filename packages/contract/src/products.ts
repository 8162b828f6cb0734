import * as z from 'zod/mini';
import { Sku, page, list, defineSchema } from './common.js';

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

export const Category = defineSchema(() => z.object({ id: z.string(), name: z.string(), productCount: z.int() }));
export type Category = z.infer<typeof Category>;
export const CategoryList = list(Category);

/** Most SKUs one products request may name. */
export const MAX_PRODUCT_SKUS = 100;
