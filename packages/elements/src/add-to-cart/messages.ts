import { lazyCatalogs } from '../internal/lazy-messages.js';

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

/** English, always in the widget's chunk (and the fallback). */
export const en: AddToCartMessages = {
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
};

// The other languages are chunks of their own, loaded by the pages that speak them: a product
// page downloads one language of the button, not five (the budget of that page is tight).
export const { messagesOf, loadMessages } = lazyCatalogs<AddToCartMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
