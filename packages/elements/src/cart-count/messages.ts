import type { Catalogs } from '../internal/i18n.js';

/** Every text the cart count says, per language. The visible badge shows only the number. */
export interface CartCountMessages {
  /** The name of the icon, alone while loading or when the cart cannot be read. */
  cart: string;
  /** What follows the name in the accessible label: "Cart, 3 items". */
  items(count: number, formatted: string): string;
  /** What follows the name when the cart is empty: "Cart, empty". */
  empty: string;
  /** Announced politely when the count changes: "3 items in cart". */
  inCart(count: number, formatted: string): string;
  /** Announced when the cart becomes empty. */
  nowEmpty: string;
}

const one = (n: number) => n === 1;

export const messages: Catalogs<CartCountMessages> = {
  en: {
    cart: 'Cart',
    items: (n, f) => (one(n) ? '1 item' : `${f} items`),
    empty: 'empty',
    inCart: (n, f) => (one(n) ? '1 item in cart' : `${f} items in cart`),
    nowEmpty: 'Cart is empty',
  },
  sv: {
    cart: 'Varukorg',
    items: (n, f) => (one(n) ? '1 vara' : `${f} varor`),
    empty: 'tom',
    inCart: (n, f) => (one(n) ? '1 vara i varukorgen' : `${f} varor i varukorgen`),
    nowEmpty: 'Varukorgen är tom',
  },
  nb: {
    cart: 'Handlekurv',
    items: (n, f) => (one(n) ? '1 vare' : `${f} varer`),
    empty: 'tom',
    inCart: (n, f) => (one(n) ? '1 vare i handlekurven' : `${f} varer i handlekurven`),
    nowEmpty: 'Handlekurven er tom',
  },
  da: {
    cart: 'Kurv',
    items: (n, f) => (one(n) ? '1 vare' : `${f} varer`),
    empty: 'tom',
    inCart: (n, f) => (one(n) ? '1 vare i kurven' : `${f} varer i kurven`),
    nowEmpty: 'Kurven er tom',
  },
  fi: {
    cart: 'Ostoskori',
    items: (n, f) => (one(n) ? '1 tuote' : `${f} tuotetta`),
    empty: 'tyhjä',
    inCart: (n, f) => (one(n) ? 'Ostoskorissa 1 tuote' : `Ostoskorissa ${f} tuotetta`),
    nowEmpty: 'Ostoskori on tyhjä',
  },
};
