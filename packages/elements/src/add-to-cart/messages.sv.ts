import type { AddToCartMessages } from './messages.js';

/** The add-to-cart texts in Swedish (loaded only by pages in that language). */
export const messages: AddToCartMessages = {
  add: 'Lägg i varukorgen',
  addTakeNow: 'Lägg till, ta med nu',
  adding: 'Lägger till…',
  added: (n, name) => `${n} × ${name} har lagts i varukorgen`,
  deliveryInstead: 'Hemleverans: slut i din butik',
  notSold: 'Säljs inte',
  outOfStock: 'Slut i lager',
  nearbyOnly: (s) => `Finns i ${s}`,
  onlyAvailable: (n) => (n ? `Bara ${n} finns` : 'Alla ligger i varukorgen'),
  badQuantity: (max) => `Antalet måste vara 1 till ${max}`,
  error: 'Lagret okänt',
  cartFull: 'Varukorgen är full',
  failed: 'Gick inte. Försök igen.',
};
