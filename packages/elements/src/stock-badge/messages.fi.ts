import type { StockBadgeMessages } from './messages.js';

/** The stock badge's texts in Finnish (loaded only by pages in that language). */
export const messages: StockBadgeMessages = {
  loading: 'Tarkistetaan saatavuutta…',
  inStock: 'Varastossa',
  inStockQuantity: (n) => `Varastossa: ${n}`,
  lowStock: (n) => `Vain ${n} jäljellä`,
  outOfStock: 'Loppu varastosta',
  nearby: (n, s) => (n === 1 ? `Loppu täältä, saatavilla: ${s}` : `Loppu täältä, saatavilla ${n} lähimyymälässä, lähin ${s}`),
  nearbyShort: (s, more) => `Loppu täältä · ${s}${more > 0 ? ` +${more}` : ''}`,
  onlineOnly: 'Saatavilla vain verkossa',
  notSold: 'Ei myynnissä',
  error: 'Saatavuustietoa ei voida näyttää',
};
