import type { PriceMessages } from './messages.js';

/** The price's texts in Danish (loaded only by pages in that language). */
export const messages: PriceMessages = { loading: 'Henter pris…', was: 'Før', now: 'Nu', unavailable: 'Pris ikke tilgængelig' };
