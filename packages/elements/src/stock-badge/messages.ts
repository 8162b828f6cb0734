import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text the stock badge shows, per language. */
export interface StockBadgeMessages {
  loading: string;
  inStock: string;
  inStockQuantity: (n: number) => string;
  lowStock: (n: number) => string;
  outOfStock: string;
  /** Out of stock here; available at `n` stores nearby, the nearest named (read by screen readers). */
  nearby: (n: number, nearest: string) => string;
  /** The short visible form of `nearby`: the nearest store's short name, and `+more` others. */
  nearbyShort: (nearest: string, more: number) => string;
  onlineOnly: string;
  notSold: string;
  error: string;
}

/** The stock badge's texts in English, the fallback of every language. */
export const en: StockBadgeMessages = {
  loading: 'Checking stock…',
  inStock: 'In stock',
  inStockQuantity: (n) => `In stock: ${n}`,
  lowStock: (n) => `Only ${n} left`,
  outOfStock: 'Out of stock',
  nearby: (n, s) => (n === 1 ? `Out of stock here, available at ${s}` : `Out of stock here, available at ${n} stores nearby, nearest ${s}`),
  nearbyShort: (s, more) => `Out here · ${s}${more > 0 ? ` +${more}` : ''}`,
  onlineOnly: 'Available online only',
  notSold: 'Not available',
  error: 'Stock information unavailable',
};

// The other languages are chunks of their own (`core-messages.sv`), loaded by the pages that
// speak them: a page downloads one language of the badge, not five. `catalogs` lets the
// server-side renderer and its browser side hold every language at once (no render waits).
export const { messagesOf, loadMessages, catalogs } = lazyCatalogs<StockBadgeMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
