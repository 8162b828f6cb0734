import type { PickupQueueSection, StaffStep } from '@omnikit/sdk/admin';
import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text the pickup queue says, per language. */
export interface PickupQueueMessages {
  /** The heading. */
  title: string;
  /** Each section's heading. */
  section: Record<PickupQueueSection, string>;
  /** A section without orders. */
  none: string;
  /** While the queue is read. */
  loading: string;
  /** No staff session (no `staffToken` nor `adminClient`), or no `store`. */
  signIn: string;
  /** The session was refused (expired, or another store's). */
  refused: string;
  /** Any other failure to read. */
  loadFailed: string;
  /** Lists again after a failure. */
  retry: string;
  /** An order's name: "Order OK-7KQ3M2". */
  order(number: string): string;
  /** How it is picked up. */
  method: Record<'in_store' | 'curbside' | 'locker', string>;
  /** A line: "2 × Oat milk". */
  line(quantity: number, name: string): string;
  /** The curbside arrival: when, bay, car. */
  arrived(time: string, bay: string | undefined, car: string | undefined): string;
  /** A locker compartment. */
  compartment(n: number): string;
  /** Each step's button. */
  step: Record<StaffStep, string>;
  /** While a step is sent. */
  sending: string;
  /** A step failed; `conflict`: the order moved on meanwhile. */
  stepFailed: string;
  conflict: string;
  /** A needs-attention order: the shopper is choosing. */
  waiting: string;
  /** The queue holds more than one list. */
  truncated: string;
  /** Announced: a shopper arrived at the curb. */
  announceArrival(number: string, bay: string | undefined): string;
  /** Announced: a new order to pick. */
  announceNew(number: string): string;
}

/** English: always in the widget's chunk (and the fallback of every other language). */
export const en: PickupQueueMessages = {
  title: 'Pickup queue',
  section: { atCurb: 'At the curb', toPick: 'To pick', picking: 'Being picked', ready: 'Ready for pickup', needsAttention: 'Needs attention' },
  none: 'None right now.',
  loading: 'Loading the queue…',
  signIn: 'Sign in through the back office to see this store\'s queue.',
  refused: 'The staff session was refused (expired, or for another store). Sign in again.',
  loadFailed: 'The queue could not be loaded.',
  retry: 'Try again',
  order: (n) => `Order ${n}`,
  method: { in_store: 'In store', curbside: 'Curbside', locker: 'Locker' },
  line: (q, name) => `${q} × ${name}`,
  arrived: (t, bay, car) => `Arrived ${t}${bay ? `, bay ${bay}` : ''}${car ? `, ${car}` : ''}`,
  compartment: (n) => `Compartment ${n}`,
  step: { picking: 'Start picking', ready: 'Mark ready', collected: 'Handed over' },
  sending: 'Sending…',
  stepFailed: 'That did not go through. Try again.',
  conflict: 'The order changed meanwhile; the queue shows it as it is now.',
  waiting: 'Stock was corrected: the shopper is choosing how to continue.',
  truncated: 'More orders are open than shown here; the oldest are listed.',
  announceArrival: (n, bay) => `Order ${n} is at the curb${bay ? `, bay ${bay}` : ''}`,
  announceNew: (n) => `New order to pick: ${n}`,
};

// The other languages are chunks of their own, loaded by the pages that speak them.
export const { messagesOf, loadMessages } = lazyCatalogs<PickupQueueMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
