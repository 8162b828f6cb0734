import type { StockBadgeMessages } from './messages.js';

/** The stock badge's texts in Swedish (loaded only by pages in that language). */
export const messages: StockBadgeMessages = {
  loading: 'Kontrollerar lager…',
  inStock: 'I lager',
  inStockQuantity: (n) => `I lager: ${n}`,
  lowStock: (n) => `Bara ${n} kvar`,
  outOfStock: 'Slut i lager',
  nearby: (n, s) => (n === 1 ? `Slut här, finns i ${s}` : `Slut här, finns i ${n} butiker i närheten, närmast ${s}`),
  nearbyShort: (s, more) => `Slut här · ${s}${more > 0 ? ` +${more}` : ''}`,
  onlineOnly: 'Finns endast online',
  notSold: 'Säljs inte',
  error: 'Lagerstatus kan inte visas',
};
