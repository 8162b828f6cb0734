import type { Country } from '@omnikit/contract';
import { loadCart, loadLines, normalizeFulfillment } from '../carts.js';
import { ApiError } from '../errors.js';
import { cartCaller, changed, forChange } from '../routes/carts.js';
import { findStore } from '../routes/stores.js';
import type { Handlers } from '../routes/types.js';
import { nowOf, type AppState } from '../state.js';
import { fulfillmentOptions, loadOptionFacts, timingOf } from './options.js';
import { checkSlotChoice, findSlot, isCalendarDate, listSlots, setCartSlot } from './slots.js';

/** The app's lead times: its options over the defaults. */
const timesOf = (app: AppState) => timingOf(app).times;

/** A store or locker to compute options at: 404 `unknown_store`; the warehouse is 400 (it is no pickup place). */
async function pickupPlace(q: Parameters<typeof findStore>[0], storeId: string, path: string) {
  const store = await findStore(q, storeId);
  if (store.type === 'warehouse') {
    throw new ApiError('validation_failed', 'Options are computed at a store or a locker.', [{ path, message: `${storeId} is the online warehouse` }]);
  }
  return store;
}

export const pickupHandlers: Pick<Handlers, 'fulfillmentOptions' | 'cartFulfillmentOptions' | 'listPickupSlots' | 'setCartPickupSlot'> = {
  async fulfillmentOptions({ query, q, app }) {
    const store = query.storeId !== undefined ? await pickupPlace(q, query.storeId, 'query.storeId') : undefined;
    const facts = await loadOptionFacts(q, [query.sku]);
    if (!facts.products.has(query.sku)) throw new ApiError('unknown_sku', `No product has SKU ${query.sku}.`);
    const country: Country = query.country ?? store?.country ?? 'SE';
    return fulfillmentOptions(
      { ...(store ? { storeId: store.id } : {}), lines: [{ sku: query.sku, quantity: query.quantity ?? 1 }], country },
      facts, nowOf(app), timesOf(app),
    );
  },

  async cartFulfillmentOptions({ params, query, q, c, app }) {
    const cart = await loadCart(q, params.cartId, cartCaller(c));
    const lines = await loadLines(q, cart.id);
    const firstPickup = lines.map((l) => normalizeFulfillment(l.fulfillment)).find((f) => f.type === 'pickup');
    const storeId = query.storeId ?? (firstPickup?.type === 'pickup' ? firstPickup.storeId : undefined);
    const store = storeId !== undefined ? await pickupPlace(q, storeId, 'query.storeId') : undefined;
    const facts = await loadOptionFacts(q, [...new Set(lines.map((l) => l.sku))]);
    return fulfillmentOptions(
      { ...(store ? { storeId: store.id } : {}), lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })), country: cart.country },
      facts, nowOf(app), timesOf(app),
    );
  },

  async listPickupSlots({ params, query, q, app }) {
    if (!isCalendarDate(query.date)) throw new ApiError('validation_failed', 'Not a calendar date.', [{ path: 'query.date', message: 'expected a real YYYY-MM-DD date' }]);
    return listSlots(q, await findStore(q, params.storeId), query.date, nowOf(app));
  },

  async setCartPickupSlot({ params, body, q, c, app }) {
    const { row, who } = await forChange(q, c, app, params.cartId);
    const lines = await loadLines(q, row.id);
    // The groups a slot belongs to: pickup at the store's counter or at its curb (a locker has none).
    const group = lines.filter((l) => {
      const f = normalizeFulfillment(l.fulfillment);
      return f.type === 'pickup' && f.storeId === body.storeId && f.method !== 'locker';
    });
    if (!group.length) {
      throw new ApiError('slot_unavailable', `The cart has no pickup at ${body.storeId} to give a slot.`, undefined, undefined, { reason: 'no_pickup_group' });
    }
    if (body.slotId === null) {
      await setCartSlot(q, row.id, body.storeId, null);
      return changed(q, app, row, who);
    }
    const store = await findStore(q, body.storeId);
    const slot = findSlot(store, body.slotId);
    const now = nowOf(app);
    // When the group's lines can be ready: the latest of its options' ready times.
    const options = fulfillmentOptions(
      { storeId: store.id, lines: group.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })), country: row.country },
      await loadOptionFacts(q, [...new Set(group.map((l) => l.sku))]), now, timesOf(app),
    );
    const methods = new Set(group.map((l) => normalizeFulfillment(l.fulfillment)).map((f) => (f.type === 'pickup' ? f.method : undefined)));
    const ready = options.options
      .filter((o) => o.fulfillment.type === 'pickup' && methods.has(o.fulfillment.method) && o.readyAt)
      .map((o) => new Date(o.readyAt!))
      .sort((a, b) => b.getTime() - a.getTime())[0];
    await checkSlotChoice(q, store, slot, now, ready);
    await setCartSlot(q, row.id, store.id, slot);
    return changed(q, app, row, who);
  },
};
