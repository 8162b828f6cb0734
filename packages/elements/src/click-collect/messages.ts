import type { FulfillmentOptionKind, FulfillmentProblem, SlotUnavailableReason } from '@omnikit/sdk';
import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text `<omni-click-collect>` says, per language. */
export interface ClickCollectMessages {
  /** The radio group's name. */
  legend: string;
  /** Each option's name by kind. */
  kind: Record<FulfillmentOptionKind, string>;
  /** A locker's distance from the store: "1.2 km". */
  distance(km: string): string;
  /** When a pickup is ready; `time` (and `day`) in the store's zone, formatted for the page's language. */
  readyToday(time: string): string;
  readyTomorrow(time: string): string;
  readyOn(day: string, time: string): string;
  /** Home delivery's estimated date, e.g. "Thu 4 Dec". */
  deliveredOn(date: string): string;
  /** Why an option cannot be had. */
  problem: Record<FulfillmentProblem, string>;
  /** Too few units: only `n` there. */
  onlyAvailable(n: number): string;
  /** What to have instead of an impossible option (its name). */
  instead(option: string): string;
  /** The store of a pickup, and the button that opens the store picker. */
  pickupAt(store: string): string;
  changeStore: string;
  /** No store chosen: the button that opens the store picker for pickup. */
  chooseStore: string;
  /** The slot group's name, with its day. */
  slotsLegend(day: string): string;
  /** Why a slot cannot be chosen. */
  slotReason: Record<SlotUnavailableReason, string>;
  /** No slots on the ready day (a closed day). */
  noSlots: string;
  /** Nothing can be had at all. */
  nothing: string;
  /** Bad input (SKU, quantity, store id). */
  badInput: string;
  /** The options could not be read. */
  error: string;
  /** The slots could not be read. */
  slotsError: string;
  /** Read to screen readers while loading. */
  loading: string;
}

/** English, always in the widget's chunk (and the fallback). */
export const en: ClickCollectMessages = {
  legend: 'How do you want it?',
  kind: { in_store: 'Pick up in store', curbside: 'Curbside pickup', locker: 'Parcel locker', delivery: 'Home delivery' },
  distance: (km) => `${km} km`,
  readyToday: (t) => `Ready today ${t}`,
  readyTomorrow: (t) => `Ready tomorrow ${t}`,
  readyOn: (d, t) => `Ready ${d} ${t}`,
  deliveredOn: (d) => `Delivered ${d}`,
  problem: {
    insufficient_stock: 'Not enough in stock',
    out_of_stock: 'Out of stock',
    not_stocked: 'Not sold at this store',
    online_only: 'Online only',
    inactive: 'No longer sold',
    service_unavailable: 'Not offered here',
    unknown_store: 'Store not found',
    closed_for_pickup: 'No pickup in the next 30 days',
    no_capacity: 'Locker full',
  },
  onlyAvailable: (n) => `Only ${n} in stock`,
  instead: (o) => `${o} instead`,
  pickupAt: (s) => `Pick up at ${s}`,
  changeStore: 'Change store',
  chooseStore: 'Choose a store for pickup',
  slotsLegend: (d) => `Pickup time, ${d}`,
  slotReason: { past: 'Passed', too_soon: 'Too soon', full: 'Full' },
  noSlots: 'No pickup times that day',
  nothing: 'Not available to order',
  badInput: 'Cannot show delivery options',
  error: 'Delivery options unavailable',
  slotsError: 'Pickup times unavailable',
  loading: 'Loading delivery options',
};

// The other languages are chunks of their own, loaded by the pages that speak them.
export const { messagesOf, loadMessages } = lazyCatalogs<ClickCollectMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
