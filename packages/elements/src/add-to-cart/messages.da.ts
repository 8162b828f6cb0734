import type { AddToCartMessages } from './messages.js';

/** The add-to-cart texts in Danish (loaded only by pages in that language). */
export const messages: AddToCartMessages = {
  add: 'Læg i kurven',
  addTakeNow: 'Tilføj, tag med nu',
  adding: 'Tilføjer…',
  added: (n, name) => `${n} × ${name} er lagt i kurven`,
  deliveryInstead: 'Levering: udsolgt i din butik',
  notSold: 'Sælges ikke',
  outOfStock: 'Udsolgt',
  nearbyOnly: (s) => `På lager i ${s}`,
  onlyAvailable: (n) => (n ? `Kun ${n} på lager` : 'Alle er i kurven'),
  badQuantity: (max) => `Antallet skal være 1 til ${max}`,
  error: 'Lager ukendt',
  cartFull: 'Kurven er fuld',
  failed: 'Mislykkedes. Prøv igen.',
};
