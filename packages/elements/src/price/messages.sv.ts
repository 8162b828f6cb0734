import type { PriceMessages } from './messages.js';

/** The price's texts in Swedish (loaded only by pages in that language). */
export const messages: PriceMessages = { loading: 'Hämtar pris…', was: 'Tidigare pris', now: 'Nu', unavailable: 'Pris saknas' };
