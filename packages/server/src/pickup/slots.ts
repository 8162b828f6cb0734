import { parseSlotId, slotId, type ChosenSlot, type FulfillmentGroup, type PickupSlot, type PickupSlotList } from '@omnikit/contract';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import type { StoreRow } from '../routes/stores.js';
import { hoursOf } from '../routes/stores.js';
import { hoursOn, instantAt } from './hours.js';
import { readyAt } from './ready-time.js';

// Pickup slots: a store's opening of one day cut into slots of its `slot_minutes`, each taking
// `slot_capacity` pickups. A slot exists as a row only once booked (`pickup_slots`, the counter
// with its capacity at first booking); checkout raises the counter with a conditional UPDATE
// under a CHECK, so bookings never exceed capacity under any concurrency.

/** One slot of a day, before bookings are counted. */
export interface SlotTime {
  id: string;
  start: Date;
  end: Date;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The slots of a local date at a store: from opening, every `slot_minutes` of wall-clock time,
 * the last one ending at closing at the latest. None on a closed day, at a location that is not
 * a store offering pickup, or with no capacity.
 */
export function daySlots(store: StoreRow, date: string): SlotTime[] {
  if (store.type !== 'store' || store.slot_capacity <= 0 || !store.services.includes('click_and_collect')) return [];
  const hours = hoursOn(hoursOf(store), date);
  if (!hours) return [];
  const out: SlotTime[] = [];
  const close = minutesOf(hours.closes);
  for (let m = minutesOf(hours.opens); m + store.slot_minutes <= close; m += store.slot_minutes) {
    out.push({
      id: slotId(store.id, `${date}T${hhmm(m)}`),
      start: instantAt(date, hhmm(m), store.time_zone),
      end: instantAt(date, hhmm(m + store.slot_minutes), store.time_zone),
    });
  }
  return out;
}

/** Booked places by slot start (ms), and each booked slot's capacity, for a store's day. */
async function bookedOn(q: Queryable, storeId: string, from: Date, to: Date): Promise<Map<number, { booked: number; capacity: number }>> {
  const rows = await q.query<{ starts_at: Date | string; booked: number; capacity: number }>(
    'SELECT starts_at, booked, capacity FROM pickup_slots WHERE store_id = $1 AND starts_at >= $2 AND starts_at < $3',
    [storeId, from.toISOString(), to.toISOString()],
  );
  return new Map(rows.map((r) => [new Date(r.starts_at).getTime(), { booked: Number(r.booked), capacity: Number(r.capacity) }]));
}

/** The earliest an order placed now could be ready at the store (from its shelves). */
const earliestReady = (store: StoreRow, now: Date) => readyAt({ ...hoursOf(store), preparationMinutes: store.preparation_minutes }, now);

/**
 * `GET /v1/stores/{storeId}/slots?date=`: the day's slots with the places left. Slots that have
 * ended are `past`; slots that end before an order placed now could be ready (the store's
 * preparation time within its hours) are `too_soon`: listed, so the day reads whole, but not
 * offered; `full` ones have no place left.
 */
export async function listSlots(q: Queryable, store: StoreRow, date: string, now: Date): Promise<PickupSlotList> {
  const times = daySlots(store, date);
  const booked = times.length ? await bookedOn(q, store.id, times[0]!.start, times[times.length - 1]!.end) : new Map();
  const ready = earliestReady(store, now);
  const items = times.map((t): PickupSlot => {
    const b = booked.get(t.start.getTime());
    const capacity = b?.capacity ?? store.slot_capacity;
    const remaining = Math.max(0, capacity - (b?.booked ?? 0));
    const reason = t.end <= now ? 'past' : !ready || t.end <= ready ? 'too_soon' : remaining <= 0 ? 'full' : undefined;
    return {
      id: t.id, startsAt: t.start.toISOString(), endsAt: t.end.toISOString(), capacity, remaining,
      available: reason === undefined, ...(reason ? { reason } : {}),
    };
  });
  return { storeId: store.id, date, timeZone: store.time_zone, items };
}

/** Whether `date` is a real calendar date (`2027-02-30` is not). */
export const isCalendarDate = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
};

/** The slot a slot id names at a store, or 404 `slot_not_found`. */
export function findSlot(store: StoreRow, id: string): SlotTime {
  const parts = parseSlotId(id);
  const slot = parts && parts.storeId === store.id && isCalendarDate(parts.date) ? daySlots(store, parts.date).find((s) => s.id === id) : undefined;
  if (!slot) throw new ApiError('slot_not_found', `${store.id} has no pickup slot ${id}.`);
  return slot;
}

/** The slot as groups carry it. */
export const chosen = (s: { id: string; start: Date; end: Date }): ChosenSlot => ({ id: s.id, startsAt: s.start.toISOString(), endsAt: s.end.toISOString() });

/**
 * Checks a slot a cart's group chooses at `now`: not ended (409 `slot_unavailable`, reason
 * `past`), not ending before the group can be ready (`too_soon`, with `readyAt`), and with a
 * place left (409 `slot_full`). Checkout checks again and books.
 */
export async function checkSlotChoice(q: Queryable, store: StoreRow, slot: SlotTime, now: Date, groupReadyAt: Date | undefined): Promise<void> {
  if (slot.end <= now) throw new ApiError('slot_unavailable', 'This slot has ended.', undefined, undefined, { reason: 'past' });
  if (groupReadyAt && slot.end <= groupReadyAt) {
    throw new ApiError('slot_unavailable', `The order cannot be ready before ${groupReadyAt.toISOString()}; choose a later slot.`, undefined, undefined,
      { reason: 'too_soon', readyAt: groupReadyAt.toISOString() });
  }
  const b = (await bookedOn(q, store.id, slot.start, new Date(slot.start.getTime() + 1))).get(slot.start.getTime());
  if (b && b.booked >= b.capacity) throw slotFull(slot, b.capacity);
}

const slotFull = (slot: SlotTime | ChosenSlot, capacity: number) => new ApiError('slot_full', 'Every place in this pickup slot is booked; choose another.', undefined, undefined, {
  slot: 'start' in slot ? { ...chosen(slot), capacity, remaining: 0 } : { ...slot, capacity, remaining: 0 },
});

/** The slots chosen by a cart's pickup groups, by store id. */
export async function cartSlots(q: Queryable, cartId: string): Promise<Map<string, ChosenSlot>> {
  const rows = await q.query<{ store_id: string; slot_id: string; starts_at: Date | string; ends_at: Date | string }>(
    'SELECT store_id, slot_id, starts_at, ends_at FROM cart_pickup_slots WHERE cart_id = $1', [cartId],
  );
  return new Map(rows.map((r) => [r.store_id, { id: r.slot_id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString() }]));
}

/** Records (or, with `null`, clears) the slot of a cart's pickup group at a store. */
export async function setCartSlot(q: Queryable, cartId: string, storeId: string, slot: SlotTime | null): Promise<void> {
  if (!slot) {
    await q.query('DELETE FROM cart_pickup_slots WHERE cart_id = $1 AND store_id = $2', [cartId, storeId]);
    return;
  }
  await q.query(
    `INSERT INTO cart_pickup_slots (cart_id, store_id, slot_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (cart_id, store_id) DO UPDATE SET slot_id = EXCLUDED.slot_id, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at`,
    [cartId, storeId, slot.id, slot.start.toISOString(), slot.end.toISOString()],
  );
}

/**
 * Books the slots an order's pickup groups carry, inside checkout's transaction (after its stock
 * rows, before its first event: the lock order of orders.ts). Per slot: the counter row is made
 * with the store's capacity if it is the first booking, then raised by a conditional UPDATE; no
 * row back means full, 409 `slot_full`, and the caller's transaction rolls back (nothing
 * reserved). An ended slot is 409 `slot_unavailable` (`past`).
 */
export async function bookSlots(q: Queryable, orderId: string, groups: FulfillmentGroup[], now: Date): Promise<void> {
  const slots = new Map<string, { storeId: string; slot: ChosenSlot }>();
  for (const g of groups) {
    if (g.slot && g.fulfillment.type === 'pickup') slots.set(`${g.fulfillment.storeId}@${g.slot.startsAt}`, { storeId: g.fulfillment.storeId, slot: g.slot });
  }
  for (const key of [...slots.keys()].sort()) {
    const { storeId, slot } = slots.get(key)!;
    if (new Date(slot.endsAt) <= now) throw new ApiError('slot_unavailable', 'The chosen pickup slot has ended; choose another.', undefined, undefined, { reason: 'past', slot });
    await q.query(
      `INSERT INTO pickup_slots (store_id, starts_at, ends_at, capacity) SELECT id, $2, $3, slot_capacity FROM stores WHERE id = $1
       ON CONFLICT (store_id, starts_at) DO NOTHING`,
      [storeId, slot.startsAt, slot.endsAt],
    );
    const [hit] = await q.query(
      'UPDATE pickup_slots SET booked = booked + 1 WHERE store_id = $1 AND starts_at = $2 AND booked < capacity RETURNING booked',
      [storeId, slot.startsAt],
    );
    if (!hit) {
      const [row] = await q.query<{ capacity: number }>('SELECT capacity FROM pickup_slots WHERE store_id = $1 AND starts_at = $2', [storeId, slot.startsAt]);
      throw slotFull(slot, Number(row?.capacity ?? 0));
    }
    await q.query('INSERT INTO slot_bookings (order_id, store_id, starts_at, slot_id) VALUES ($1, $2, $3, $4)', [orderId, storeId, slot.startsAt, slot.id]);
  }
}

/**
 * Gives back the slot places of an order (cancelled, expired), inside the caller's transaction.
 * Call it where the order's reservations are released; a second call finds nothing active.
 */
export async function releaseSlots(q: Queryable, orderId: string): Promise<void> {
  const released = await q.query<{ store_id: string; starts_at: Date | string }>(
    `UPDATE slot_bookings SET status = 'released', updated_at = now() WHERE order_id = $1 AND status = 'active' RETURNING store_id, starts_at`,
    [orderId],
  );
  for (const r of released) {
    await q.query('UPDATE pickup_slots SET booked = booked - 1 WHERE store_id = $1 AND starts_at = $2 AND booked > 0', [r.store_id, new Date(r.starts_at).toISOString()]);
  }
}
