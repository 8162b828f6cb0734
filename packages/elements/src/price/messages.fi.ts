import type { PriceMessages } from './messages.js';

/** The price's texts in Finnish (loaded only by pages in that language). */
export const messages: PriceMessages = { loading: 'Haetaan hintaa…', was: 'Ennen', now: 'Nyt', unavailable: 'Hinta ei saatavilla' };
