import type { StockBadgeMessages } from './messages.js';

/** The stock badge's texts in Danish (loaded only by pages in that language). */
export const messages: StockBadgeMessages = {
  loading: 'Tjekker lager…',
  inStock: 'På lager',
  inStockQuantity: (n) => `På lager: ${n}`,
  lowStock: (n) => `Kun ${n} tilbage`,
  outOfStock: 'Udsolgt',
  nearby: (n, s) => (n === 1 ? `Udsolgt her, findes i ${s}` : `Udsolgt her, findes i ${n} butikker i nærheden, nærmest ${s}`),
  nearbyShort: (s, more) => `Udsolgt her · ${s}${more > 0 ? ` +${more}` : ''}`,
  onlineOnly: 'Kun tilgængelig online',
  notSold: 'Ikke tilgængelig',
  error: 'Lagerstatus er ikke tilgængelig',
};
