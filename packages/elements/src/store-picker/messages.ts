import type { StorePickerStockKind } from '@omnikit/sdk/base';
import type { StoreService } from '@omnikit/sdk/base';
import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text `<omni-store-picker>` says, per language. Times and distances come formatted in the page's locale. */
export interface StorePickerMessages {
  /** The dialog's trigger with no store chosen. */
  choose: string;
  /** The dialog's trigger with a store chosen (its short name). */
  yourStore(name: string): string;
  /** The dialog's heading. */
  title: string;
  /** The dialog's close button (its accessible name). */
  close: string;
  /** The search field's label. */
  search: string;
  /** The search field's placeholder. */
  placeholder: string;
  /** The button that asks for the device's position. */
  useLocation: string;
  /** While the device finds its position. */
  locating: string;
  /** The position was refused or could not be found. */
  locationFailed: string;
  /** The list's accessible name. */
  stores: string;
  loading: string;
  /** Nothing matches `q` (empty `q`: no stores at all). */
  empty(q: string): string;
  error: string;
  /** Announced after a search: how many stores are listed. */
  found(n: number): string;
  /** Announced after a choice. */
  chosen(name: string): string;
  /** Shown on the chosen row (screen readers hear `aria-selected`). */
  selected: string;
  /** `d` is the formatted number. */
  km(d: string): string;
  openUntil(time: string): string;
  /** Opens later today. */
  opensAt(time: string): string;
  opensTomorrow(time: string): string;
  /** `day` is a weekday name. */
  opensOn(day: string, time: string): string;
  openAlways: string;
  closed: string;
  services: Record<StoreService, string>;
  stock: Record<StorePickerStockKind, string> & { lowStock(n: number): string };
}

/** English, always in the widget's chunk (and the fallback). */
export const en: StorePickerMessages = {
  choose: 'Choose a store',
  yourStore: (name) => `My store: ${name}`,
  title: 'Choose your store',
  close: 'Close',
  search: 'Find a store',
  placeholder: 'City, postcode or store name',
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationFailed: 'Your location is not available. Search by city or postcode instead.',
  stores: 'Stores',
  loading: 'Finding stores…',
  empty: (q) => (q ? `No stores match “${q}”.` : 'No stores found.'),
  error: 'Stores could not be loaded. Try again.',
  found: (n) => (n === 1 ? '1 store' : `${n} stores`),
  chosen: (name) => `Your store is now ${name}`,
  selected: 'Selected',
  km: (d) => `${d} km`,
  openUntil: (t) => `Open until ${t}`,
  opensAt: (t) => `Closed, opens ${t}`,
  opensTomorrow: (t) => `Closed, opens tomorrow ${t}`,
  opensOn: (day, t) => `Closed, opens ${day} ${t}`,
  openAlways: 'Open around the clock',
  closed: 'Closed',
  services: { click_and_collect: 'Click & collect', curbside: 'Curbside', locker: 'Parcel locker', returns: 'Returns', home_delivery: 'Home delivery' },
  stock: {
    loading: 'Checking stock…',
    'in-stock': 'In stock',
    'low-stock': 'Low stock',
    lowStock: (n) => `Only ${n} left`,
    'out-of-stock': 'Out of stock',
    'online-only': 'Online only',
    'not-sold': 'Not sold here',
    'not-held': 'Sent here from stock',
    error: 'Stock unknown',
  },
};

// The other languages are chunks of their own, loaded by the pages that speak them.
export const { messagesOf, loadMessages } = lazyCatalogs<StorePickerMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
