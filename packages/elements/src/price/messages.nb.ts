import type { PriceMessages } from './messages.js';

/** The price's texts in Norwegian (Bokmål) (loaded only by pages in that language). */
export const messages: PriceMessages = { loading: 'Henter pris…', was: 'Før', now: 'Nå', unavailable: 'Pris ikke tilgjengelig' };
