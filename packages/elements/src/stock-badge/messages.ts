import type { Catalogs } from '../internal/i18n.js';

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

export const messages: Catalogs<StockBadgeMessages> = {
  en: {
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
  },
  sv: {
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
  },
  nb: {
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
  },
  da: {
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
  },
  fi: {
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
  },
};
