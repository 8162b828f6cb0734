import * as z from 'zod/mini';
import { LocationId, Timestamp, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';
import { LocalDate } from './stores.js';
import type { Assert, Same } from './type-checks.js';

// (The cart's side, `PUT /v1/carts/{cartId}/pickup-slot` and the group's `slot`, is in cart.ts.)
// Pickup slots: a store's opening hours of one day cut into slots of the store's length, each
// taking the store's number of pickups. A cart's pickup group chooses one; checkout books it,
// and bookings never exceed a slot's capacity.

/**
 * Why a slot cannot be chosen:
 * - `past`: it has ended;
 * - `too_soon`: it ends before the store can have an order ready (now plus its preparation
 *   time, within opening hours); shown so the day reads whole, not offered;
 * - `full`: every place is booked.
 */
export const SLOT_UNAVAILABLE_REASONS = ['past', 'too_soon', 'full'] as const;
/** A reason of {@link SLOT_UNAVAILABLE_REASONS}. */
export type SlotUnavailableReason = (typeof SLOT_UNAVAILABLE_REASONS)[number];

/** One pickup slot of a store. */
export interface PickupSlot {
  /** `{storeId}@{YYYY-MM-DDTHH:MM}` (the local start): what `PUT .../pickup-slot` takes. */
  id: string;
  /** ISO 8601. */
  startsAt: string;
  /** ISO 8601. */
  endsAt: string;
  capacity: number;
  /** Places not booked yet. */
  remaining: number;
  /** Whether it can be chosen now. */
  available: boolean;
  /** Why not, when not {@link PickupSlot.available}. */
  reason?: SlotUnavailableReason;
}
export const PickupSlot = defineSchema(() => z.object({
  id: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  capacity: z.int(),
  remaining: z.int(),
  available: z.boolean(),
  reason: z.optional(z.enum(SLOT_UNAVAILABLE_REASONS)),
}));
type _PickupSlot = Assert<Same<PickupSlot, z.infer<typeof PickupSlot>>>;

/** `GET /v1/stores/{storeId}/slots?date=`: the day's slots, in order (none on a closed day). */
export interface PickupSlotList {
  storeId: string;
  /** `YYYY-MM-DD`, in the store's zone. */
  date: string;
  /** The store's IANA time zone (slots are cut in it). */
  timeZone: string;
  items: PickupSlot[];
}
export const PickupSlotList = defineSchema(() => z.object({
  storeId: LocationId,
  date: z.string(),
  timeZone: z.string(),
  items: z.array(PickupSlot),
}));
type _PickupSlotList = Assert<Same<PickupSlotList, z.infer<typeof PickupSlotList>>>;

/** The id of a slot: its store and local start. */
export const slotId = (storeId: string, localStart: string) => `${storeId}@${localStart}`;

/** The parts of a slot id, or undefined when it is not one. */
export function parseSlotId(id: string): { storeId: string; date: string; time: string } | undefined {
  const m = /^([a-z0-9][a-z0-9-]{0,63})@(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(id);
  return m ? { storeId: m[1]!, date: m[2]!, time: m[3]! } : undefined;
}

// ---- inputs ----

/** `GET /v1/stores/{storeId}/slots?date=YYYY-MM-DD`. */
export const SlotsQuery = defineSchema(() => z.object({
  date: LocalDate,
}));
export type SlotsQuery = z.infer<typeof SlotsQuery>;

// ---- routes ----

/** `listPickupSlots` of `routes` as a client calls it (no input schemas). */
export const listPickupSlotsRoute = {
  method: 'GET', path: '/v1/stores/:storeId/slots', auth: 'publishable', tag: 'pickup',
  summary: "A store's pickup slots of one day, with the places left",
  response: PickupSlotList,
} as const satisfies RouteDef;
