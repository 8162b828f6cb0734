import type { OrderStepKey } from '@omnikit/sdk/cart';
import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text the order status says, per language. */
export interface OrderStatusMessages {
  /** The heading: "Order OK-7KQ3M2". */
  title(number: string): string;
  /** The steps' list name. */
  steps: string;
  /** Each step's label. */
  step: Record<OrderStepKey, string>;
  /** Hidden after a done step's label. */
  done: string;
  /** While the order is read. */
  loading: string;
  /** The order could not be read (any failure but not found). */
  loadFailed: string;
  /** `order_not_found`: not this device's order, or none. */
  notFound: string;
  /** Placed, the payment not confirmed yet. */
  awaitingPayment: string;
  /** Cancelled. */
  cancelled: string;
  /** Expired: not collected (or not chosen) in time. */
  expired: string;
  /** Where it is picked up: in the store, at the curb, from a locker. */
  method: Record<'in_store' | 'curbside' | 'locker', string>;
  /** Ready, with the last moment to collect. */
  collectBy(date: string): string;
  /** A locker compartment and its opening code. */
  locker(compartment: number, code: string | undefined): string;
  /** The curbside arrival form's heading and button. */
  arriveTitle: string;
  bay: string;
  car: string;
  arrive: string;
  /** Said and shown once the shopper has arrived. */
  arrived(bay: string | undefined, car: string | undefined): string;
  /** The needs-attention notice. */
  attentionTitle: string;
  attention(missing: number): string;
  /** Until when the shopper can choose. */
  chooseBy(date: string): string;
  /** The choices' group name. */
  choose: string;
  move(storeName: string, distance: string | undefined): string;
  delivery: string;
  partial(refund: string | undefined): string;
  cancel: string;
  /** While an action is sent. */
  sending: string;
  /** An action failed: by its error code. */
  arriveFailed: string;
  resolveFailed: string;
  /** `insufficient_stock` on a move: that store sold out meanwhile. */
  stockGone: string;
  /** `order_status_conflict`: the order moved on meanwhile. */
  conflict: string;
  /** The polite announcement of a live change. */
  changed(status: string): string;
}

/** English: always in the widget's chunk (and the fallback of every other language). */
export const en: OrderStatusMessages = {
  title: (n) => `Order ${n}`,
  steps: 'Order progress',
  step: { placed: 'Order placed', picking: 'Being picked', ready: 'Ready for pickup', collected: 'Collected' },
  done: '(done)',
  loading: 'Loading your order…',
  loadFailed: 'Your order could not be shown right now. Try again in a moment.',
  notFound: 'This order is not on this device. Open the link from your order confirmation.',
  awaitingPayment: 'Waiting for the payment to be confirmed.',
  cancelled: 'This order was cancelled.',
  expired: 'This order has expired: it was not collected in time. Anything paid will be refunded.',
  method: { in_store: 'Pick up in the store', curbside: 'Curbside pickup', locker: 'Parcel locker' },
  collectBy: (d) => `Collect by ${d}.`,
  locker: (c, code) => (code ? `Compartment ${c}, code ${code}` : `Compartment ${c}`),
  arriveTitle: 'At the store? Tell us where you parked.',
  bay: 'Parking bay (optional)',
  car: 'Your car (optional)',
  arrive: 'I have arrived',
  arrived: (bay, car) => `The store knows you are here${bay ? `, bay ${bay}` : ''}${car ? ` (${car})` : ''}. Someone will bring your order out.`,
  attentionTitle: 'Your order needs your attention',
  attention: (n) => `The store found ${n === 1 ? 'one item' : `${n} items`} fewer than it held for you. Nothing has been cancelled: choose how to continue.`,
  chooseBy: (d) => `Choose by ${d}; after that the order expires and anything paid is refunded.`,
  choose: 'How do you want to continue?',
  move: (s, d) => `Pick it up at ${s}${d ? ` (${d} away)` : ''}`,
  delivery: 'Deliver it to me instead',
  partial: (r) => `Collect what is left${r ? ` (${r} refunded)` : ''}`,
  cancel: 'Cancel the order',
  sending: 'Sending…',
  arriveFailed: 'The store could not be told. Try again.',
  resolveFailed: 'Your choice could not be saved. Try again.',
  stockGone: 'That store no longer has it. Choose again.',
  conflict: 'Your order changed meanwhile; see its status above.',
  changed: (s) => `Order status: ${s}`,
};

// The other languages are chunks of their own, loaded by the pages that speak them.
export const { messagesOf, loadMessages } = lazyCatalogs<OrderStatusMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
