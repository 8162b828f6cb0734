import type { StockBadgeMessages } from './messages.js';

/** The stock badge's texts in Norwegian (Bokmål) (loaded only by pages in that language). */
export const messages: StockBadgeMessages = {
  loading: 'Sjekker lager…',
  inStock: 'På lager',
  inStockQuantity: (n) => `På lager: ${n}`,
  lowStock: (n) => `Kun ${n} igjen`,
  outOfStock: 'Utsolgt',
  nearby: (n, s) => (n === 1 ? `Utsolgt her, finnes i ${s}` : `Utsolgt her, finnes i ${n} butikker i nærheten, nærmest ${s}`),
  nearbyShort: (s, more) => `Utsolgt her · ${s}${more > 0 ? ` +${more}` : ''}`,
  onlineOnly: 'Kun tilgjengelig på nett',
  notSold: 'Ikke tilgjengelig',
  error: 'Lagerstatus er ikke tilgjengelig',
};
