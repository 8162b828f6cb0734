import type { Catalogs } from '../internal/i18n.js';

/** Every text `<omni-add-to-cart>` says, per language. */
export interface AddToCartMessages {
  /** The button. */
  add: string;
  /** The button when the add is take-now (goods off the shelf, at a kiosk or till). */
  addTakeNow: string;
  /** The button while the add is under way. */
  adding: string;
  /** Announced after an add: "Added 2 × Trail runner shoe to cart". */
  added(quantity: number, name: string): string;
  /** Beside the button: delivered because the chosen store (or the fulfilment asked for) cannot have it. */
  deliveryInstead: string;
  /** Beside the disabled button, why (also the add's `product_inactive`): */
  notSold: string;
  outOfStock: string;
  /** Not at the store nor online; `store` (a short name) has it. */
  nearbyOnly(store: string): string;
  /** Fewer than the quantity (0: the cart holds them all). */
  onlyAvailable(available: number): string;
  /** The quantity is not 1 to `max`. */
  badQuantity(max: number): string;
  /** The stock could not be read. */
  error: string;
  /** The add failed: the cart or its line is full (`cart_limit_reached`). */
  cartFull: string;
  /** The add failed for another reason (network, server). */
  failed: string;
}

export const messages: Catalogs<AddToCartMessages> = {
  en: {
    add: 'Add to cart',
    addTakeNow: 'Add, take now',
    adding: 'Adding…',
    added: (n, name) => `Added ${n} × ${name} to cart`,
    deliveryInstead: 'Home delivery: none at your store',
    notSold: 'Not sold',
    outOfStock: 'Out of stock',
    nearbyOnly: (s) => `In stock at ${s}`,
    onlyAvailable: (n) => (n ? `Only ${n} available` : 'All in your cart'),
    badQuantity: (max) => `Quantity must be 1 to ${max}`,
    error: 'Stock unknown',
    cartFull: 'Your cart is full',
    failed: 'Could not add. Try again.',
  },
  sv: {
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
  },
  nb: {
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
  },
  da: {
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
  },
  fi: {
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
  },
};
