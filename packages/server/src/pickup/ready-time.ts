import type { Country } from '@omnikit/contract';
import { addDays, doneWithinOpening, holidaysOf, isoWeekday, localDate, localTime, type HoursSource } from './hours.js';

// Ready times and delivery dates, pure, with `now` passed in. A pickup from the store's own
// shelves is ready `preparationMinutes` after the order, inside one opening of the store (after
// closing: the next opening plus the preparation; before opening: the opening plus it). Units
// that move first (from the online stock or another store) arrive after the source's lead time,
// and the same rule runs from their arrival. Home delivery ships from the online stock on
// business days, before a cut-off, and arrives a carrier's number of business days later.

/** The lead times ready times and delivery dates are computed with (see {@link DEFAULT_FULFILLMENT_TIMES}). */
export interface FulfillmentTimes {
  /** Minutes from the order until units from the online stock are at a store or locker. */
  onlineTransferMinutes: number;
  /** Minutes from the order until units from another store of the country are at the store (a courier run). */
  storeTransferMinutes: number;
  /** Farthest a courier run between two stores (or a store and a locker) goes, in km; farther, units come from the online stock. */
  storeTransferRadiusKm: number;
  /** Minutes from a store's units being ready until they are in a locker near it. */
  lockerRunMinutes: number;
  /** Business days a parcel is under way after it ships. */
  carrierBusinessDays: number;
  /** `HH:MM` in the warehouse's zone: orders before it ship the same business day. */
  shippingCutoff: string;
}

/**
 * The reference server's defaults (`ServerOptions.fulfillmentTimes` overrides any of them): the
 * warehouse's trucks reach stores and lockers a day after the order; a courier moves units
 * between two stores up to 50 km apart in four hours; a store's order is in a locker near it two hours after it is
 * ready; parcels take two business days, shipped the same day when ordered by 15:00.
 */
export const DEFAULT_FULFILLMENT_TIMES: FulfillmentTimes = {
  onlineTransferMinutes: 24 * 60,
  storeTransferMinutes: 4 * 60,
  storeTransferRadiusKm: 50,
  lockerRunMinutes: 2 * 60,
  carrierBusinessDays: 2,
  shippingCutoff: '15:00',
};

/** A location the rule runs at: its hours and its preparation time. */
export interface ReadySite extends HoursSource {
  preparationMinutes: number;
}

const plusMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/**
 * When an order placed at `now` is ready at `site`, its units arriving `leadMinutes` after
 * `now` (0: on the shelf): the preparation done within one opening. Undefined when no opening
 * in the next 30 days has room (the store is closed for pickup).
 */
export function readyAt(site: ReadySite, now: Date, leadMinutes = 0): Date | undefined {
  return doneWithinOpening(site, plusMinutes(now, leadMinutes), site.preparationMinutes);
}

/**
 * When an order placed at `now` is in a locker supplied from a store's shelves: ready at the
 * store, then the locker run (a locker is open at all hours).
 */
export function lockerReadyFromStore(store: ReadySite, now: Date, times: FulfillmentTimes): Date | undefined {
  const ready = readyAt(store, now);
  return ready && plusMinutes(ready, times.lockerRunMinutes);
}

/** Whether a date is a business day of a country: Monday to Friday and not a public holiday or bank day. */
export function isBusinessDay(date: string, country: Country): boolean {
  return isoWeekday(date) <= 5 && !holidaysOf(country, Number(date.slice(0, 4))).has(date);
}

/** The `n`th business day after `date` (`n = 0`: `date` itself if it is one, else the next). */
export function businessDaysAfter(date: string, n: number, country: Country): string {
  let d = date;
  while (!isBusinessDay(d, country)) d = addDays(d, 1);
  for (let i = 0; i < n; i++) {
    d = addDays(d, 1);
    while (!isBusinessDay(d, country)) d = addDays(d, 1);
  }
  return d;
}

/**
 * Estimated delivery date (`YYYY-MM-DD`, the destination's calendar) of an order placed at
 * `now`: it ships the same day when that is a business day of the warehouse's country and `now`
 * is before the cut-off in its zone, else the next business day; then the carrier's business
 * days of the destination country.
 */
export function deliveryDate(
  now: Date, warehouse: { country: Country; timeZone: string }, destination: Country, times: FulfillmentTimes,
): string {
  const today = localDate(now, warehouse.timeZone);
  const shipsToday = isBusinessDay(today, warehouse.country) && localTime(now, warehouse.timeZone) < times.shippingCutoff;
  const ships = shipsToday ? today : businessDaysAfter(addDays(today, 1), 0, warehouse.country);
  return businessDaysAfter(ships, times.carrierBusinessDays, destination);
}
