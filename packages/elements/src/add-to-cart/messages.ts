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
  /** Beside the button: delivered because the store cannot have it. */
  deliveryInstead: string;
  /** Beside the button: picked up because take-now cannot be had here. */
  pickupInstead: string;
  /** Beside the disabled button, why: */
  notSold: string;
  outOfStock: string;
  /** Not at the store nor online; `store` has it. */
  nearbyOnly(store: string): string;
  /** Fewer than the quantity (0: the cart holds them all). */
  onlyAvailable(available: number): string;
  /** The quantity is not 1 to `max`. */
  badQuantity(max: number): string;
  /** The stock could not be read. */
  error: string;
  /** The add failed: the product is no longer sold (`product_inactive`). */
  inactive: string;
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
    deliveryInstead: 'Not at your store: home delivery',
    pickupInstead: 'For pickup in store',
    notSold: 'Not sold',
    outOfStock: 'Out of stock',
    nearbyOnly: (s) => `Not here or online. In stock at ${s}`,
    onlyAvailable: (n) => (n > 0 ? `Only ${n} available` : 'All available are in your cart'),
    badQuantity: (max) => `Quantity must be 1 to ${max}`,
    error: 'Stock could not be checked',
    inactive: 'No longer sold',
    cartFull: 'Your cart is full',
    failed: 'Could not add to cart. Try again.',
  },
  sv: {
    add: 'Lägg i varukorgen',
    addTakeNow: 'Lägg till, ta med nu',
    adding: 'Lägger till…',
    added: (n, name) => `${n} × ${name} har lagts i varukorgen`,
    deliveryInstead: 'Finns inte i din butik: hemleverans',
    pickupInstead: 'För hämtning i butik',
    notSold: 'Säljs inte',
    outOfStock: 'Slut i lager',
    nearbyOnly: (s) => `Finns inte här eller online. Finns i ${s}`,
    onlyAvailable: (n) => (n > 0 ? `Bara ${n} finns` : 'Alla som finns ligger i din varukorg'),
    badQuantity: (max) => `Antalet måste vara 1 till ${max}`,
    error: 'Lagret kunde inte kontrolleras',
    inactive: 'Säljs inte längre',
    cartFull: 'Varukorgen är full',
    failed: 'Kunde inte lägga i varukorgen. Försök igen.',
  },
  nb: {
    add: 'Legg i handlekurven',
    addTakeNow: 'Legg til, ta med nå',
    adding: 'Legger til…',
    added: (n, name) => `${n} × ${name} er lagt i handlekurven`,
    deliveryInstead: 'Ikke i din butikk: hjemlevering',
    pickupInstead: 'For henting i butikk',
    notSold: 'Selges ikke',
    outOfStock: 'Utsolgt',
    nearbyOnly: (s) => `Ikke her eller på nett. På lager i ${s}`,
    onlyAvailable: (n) => (n > 0 ? `Bare ${n} tilgjengelig` : 'Alle tilgjengelige er i handlekurven'),
    badQuantity: (max) => `Antallet må være 1 til ${max}`,
    error: 'Lageret kunne ikke sjekkes',
    inactive: 'Selges ikke lenger',
    cartFull: 'Handlekurven er full',
    failed: 'Kunne ikke legge i handlekurven. Prøv igjen.',
  },
  da: {
    add: 'Læg i kurven',
    addTakeNow: 'Tilføj, tag med nu',
    adding: 'Tilføjer…',
    added: (n, name) => `${n} × ${name} er lagt i kurven`,
    deliveryInstead: 'Ikke i din butik: levering til døren',
    pickupInstead: 'Til afhentning i butik',
    notSold: 'Sælges ikke',
    outOfStock: 'Udsolgt',
    nearbyOnly: (s) => `Ikke her eller online. På lager i ${s}`,
    onlyAvailable: (n) => (n > 0 ? `Kun ${n} på lager` : 'Alle på lager er i din kurv'),
    badQuantity: (max) => `Antallet skal være 1 til ${max}`,
    error: 'Lageret kunne ikke tjekkes',
    inactive: 'Sælges ikke længere',
    cartFull: 'Kurven er fuld',
    failed: 'Kunne ikke lægge i kurven. Prøv igen.',
  },
  fi: {
    add: 'Lisää ostoskoriin',
    addTakeNow: 'Lisää, ota mukaan nyt',
    adding: 'Lisätään…',
    added: (n, name) => `${n} × ${name} lisätty ostoskoriin`,
    deliveryInstead: 'Ei myymälässäsi: kotiinkuljetus',
    pickupInstead: 'Noudettavaksi myymälästä',
    notSold: 'Ei myynnissä',
    outOfStock: 'Loppu varastosta',
    nearbyOnly: (s) => `Ei täällä eikä verkossa. Saatavilla: ${s}`,
    onlyAvailable: (n) => (n > 0 ? `Vain ${n} saatavilla` : 'Kaikki saatavilla olevat ovat ostoskorissasi'),
    badQuantity: (max) => `Määrän on oltava 1–${max}`,
    error: 'Varastoa ei voitu tarkistaa',
    inactive: 'Ei enää myynnissä',
    cartFull: 'Ostoskori on täynnä',
    failed: 'Ostoskoriin lisääminen epäonnistui. Yritä uudelleen.',
  },
};
