import type { AddToCartMessages } from './messages.js';

/** The add-to-cart texts in Norwegian (Bokmål) (loaded only by pages in that language). */
export const messages: AddToCartMessages = {
  add: 'Legg i handlekurven',
  addTakeNow: 'Legg til, ta med nå',
  adding: 'Legger til…',
  added: (n, name) => `${n} × ${name} er lagt i handlekurven`,
  deliveryInstead: 'Hjemlevering: utsolgt i din butikk',
  notSold: 'Selges ikke',
  outOfStock: 'Utsolgt',
  nearbyOnly: (s) => `På lager i ${s}`,
  onlyAvailable: (n) => (n ? `Bare ${n} tilgjengelig` : 'Alle er i handlekurven'),
  badQuantity: (max) => `Antallet må være 1 til ${max}`,
  error: 'Lager ukjent',
  cartFull: 'Handlekurven er full',
  failed: 'Mislyktes. Prøv igjen.',
};
