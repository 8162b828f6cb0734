import { lazyCatalogs } from '../internal/lazy-messages.js';
import type { CartViewLine, PaymentMethod } from '@omnikit/sdk/cart';

/** Every text the cart says, per language. Money, numbers and distances come formatted. */
export interface CartMessages {
  /** The widget's accessible name (the region of the page). */
  cart: string;
  loading: string;
  empty: string;
  error: string;
  retry: string;
  /** The SDK gave up re-applying a change: another device changed the cart. */
  conflict: string;
  delivery: string;
  pickupAt(store: string): string;
  takeNowAt(store: string): string;
  deliveryFee: string;
  free: string;
  /** "149,00 kr more for free delivery". */
  moreForFree(amount: string): string;
  unitPrice: string;
  was: string;
  lineTotal: string;
  quantityOf(name: string): string;
  decrease(name: string): string;
  increase(name: string): string;
  remove: string;
  removeName(name: string): string;
  /** The row left where a removed line was. */
  removed(name: string): string;
  undo: string;
  undoName(name: string): string;
  restored(name: string): string;
  /** Why a line cannot be had, per the contract's LINE_PROBLEMS (`available` units there). */
  problem: Record<NonNullable<CartViewLine['problem']>, (available: string) => string>;
  /** One-click fixes: "Pick up at Götgatan instead (25 in stock, 1.6 km)". */
  pickUpInstead(store: string, available: string, km?: string): string;
  takeNowInstead(store: string, available: string, km?: string): string;
  deliverInstead: string;
  /** The line the checkout was refused for. */
  blocked: string;
  movedTo(name: string, where: string): string;
  quantityNow(name: string, quantity: string): string;
  /** The goods, after discounts: of a group, and of the cart. */
  subtotal: string;
  discounts: string;
  total: string;
  /** "VAT 25 %" (the rate comes formatted). */
  vat(rate: string): string;
  payment: string;
  method: Record<PaymentMethod, string>;
  /** Why a method cannot be chosen (the contract's PaymentRefusal). */
  refused: Record<'no_store_visit', string>;
  email: string;
  emailMissing: string;
  emailInvalid: string;
  checkout: string;
  checkingOut: string;
  /** Shown beside a checkout that cannot go ahead because of a line. */
  notReady: string;
  /** Announced when checkout was refused for `n` lines. */
  refusedLines(n: number): string;
  ordered(number: string): string;
  failed: string;
}

const inStock = (a: string, km?: string) => `(${a} in stock${km ? `, ${km} km` : ''})`;

/** English: always in the widget's chunk (and the fallback of every other language). */
export const en: CartMessages = {
  cart: 'Cart',
  loading: 'Loading the cart…',
  empty: 'Your cart is empty.',
  error: 'The cart could not be loaded.',
  retry: 'Try again',
  conflict: 'The cart was changed on another device. This is the cart as it is now; your last change was not made.',
  delivery: 'Home delivery',
  pickupAt: (s) => `Pick up at ${s}`,
  takeNowAt: (s) => `Take now at ${s}`,
  deliveryFee: 'Delivery',
  free: 'Free',
  moreForFree: (a) => `${a} more for free delivery`,
  unitPrice: 'Unit price',
  was: 'was',
  lineTotal: 'Line total',
  quantityOf: (n) => `Quantity of ${n}`,
  decrease: (n) => `One less ${n}`,
  increase: (n) => `One more ${n}`,
  remove: 'Remove',
  removeName: (n) => `Remove ${n}`,
  removed: (n) => `${n} was removed.`,
  undo: 'Undo',
  undoName: (n) => `Undo removing ${n}`,
  restored: (n) => `${n} is back in the cart.`,
  problem: {
    insufficient_stock: (a) => `Only ${a} available here.`,
    out_of_stock: () => 'Out of stock here.',
    not_stocked: () => 'This store does not carry it.',
    online_only: () => 'Sold online only.',
    inactive: () => 'No longer sold.',
    service_unavailable: () => 'This store does not offer this kind of pickup.',
    unknown_store: () => 'This store no longer exists.',
  },
  pickUpInstead: (s, a, km) => `Pick up at ${s} instead ${inStock(a, km)}`,
  takeNowInstead: (s, a, km) => `Take now at ${s} instead ${inStock(a, km)}`,
  deliverInstead: 'Deliver instead',
  blocked: 'The order cannot be placed with this line as it is.',
  movedTo: (n, w) => `${n}: ${w}.`,
  quantityNow: (n, q) => `Quantity of ${n}: ${q}.`,
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  total: 'Total',
  vat: (r) => `VAT ${r} %`,
  payment: 'Payment',
  method: { online: 'Pay online', in_store: 'Pay in store at pickup', invoice: 'Invoice' },
  refused: { no_store_visit: 'Only when you collect in a store.' },
  email: 'E-mail',
  emailMissing: 'Enter your e-mail address.',
  emailInvalid: 'Enter an e-mail address like name@example.com.',
  checkout: 'Place order',
  checkingOut: 'Placing the order…',
  notReady: 'Some lines cannot be had as they are: fix them above to place the order.',
  refusedLines: (n) => (n === 1 ? '1 line cannot be had as it is. Fix it to place the order.' : `${n} lines cannot be had as they are. Fix them to place the order.`),
  ordered: (o) => `Thank you! Your order ${o} is placed.`,
  failed: 'That did not work. Check your connection and try again.',
};

// The other languages are chunks of their own, loaded by the pages that speak them: the cart
// says more than any other widget, and a page downloads one language of it, not five.
export const { messagesOf, loadMessages } = lazyCatalogs<CartMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
