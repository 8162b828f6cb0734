import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text the price shows, per language. */
export interface PriceMessages {
  loading: string;
  /** Screen-reader prefix of the previous price. */
  was: string;
  /** Screen-reader prefix of the current price when there is a previous one. */
  now: string;
  unavailable: string;
}

/** The price's texts in English, the fallback of every language. */
export const en: PriceMessages = { loading: 'Loading price…', was: 'Was', now: 'Now', unavailable: 'Price unavailable' };

// The other languages are chunks of their own (`core-messages.sv`, with the stock badge's).
export const { messagesOf, loadMessages, catalogs } = lazyCatalogs<PriceMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
