import * as z from 'zod/mini';
import { defineSchema } from './common.js';

// A module of its own, neither common.ts (on every widget's path) nor stores.ts (the store
// routes, which only page scripts use): the cart prices in a country, and the cart widgets'
// CDN chunk should carry the country list without the store routes (bench/size.mjs checks).

/** Countries the seed retailer operates in (ISO 3166-1 alpha-2). */
export const COUNTRIES = ['SE', 'NO', 'DK', 'FI'] as const;
/** A country of {@link COUNTRIES}. */
export const Country = defineSchema(() => z.enum(COUNTRIES));
export type Country = z.infer<typeof Country>;
