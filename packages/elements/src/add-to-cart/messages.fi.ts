import type { AddToCartMessages } from './messages.js';

/** The add-to-cart texts in Finnish (loaded only by pages in that language). */
export const messages: AddToCartMessages = {
  add: 'Lisää ostoskoriin',
  addTakeNow: 'Lisää, ota mukaan nyt',
  adding: 'Lisätään…',
  added: (n, name) => `${n} × ${name} lisätty ostoskoriin`,
  deliveryInstead: 'Kotiinkuljetus: loppu myymälästäsi',
  notSold: 'Ei myynnissä',
  outOfStock: 'Loppu varastosta',
  nearbyOnly: (s) => `Saatavilla: ${s}`,
  onlyAvailable: (n) => (n ? `Vain ${n} saatavilla` : 'Kaikki ovat ostoskorissa'),
  badQuantity: (max) => `Määrän on oltava 1–${max}`,
  error: 'Varasto tuntematon',
  cartFull: 'Ostoskori on täynnä',
  failed: 'Ei onnistunut. Yritä uudelleen.',
};
