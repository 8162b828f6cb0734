import { listPickupSlotsRoute, type PickupSlotList } from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { requireLocation } from './validate.js';

/** A store and a day (`YYYY-MM-DD`, the store's calendar) to list pickup slots of. */
export interface PickupSlotsInput {
  storeId: string;
  date: string;
}

/** Whether a `YYYY-MM-DD` string is a real calendar date. */
const isDate = (d: unknown): d is string =>
  typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * A store's pickup slots of one day, in order, each with its places left and whether it can be
 * chosen now (`available`; else `reason`: `past`, `too_soon` before an order could be ready,
 * `full`). None on a day the store is closed. Choose one with `omni.cart.setPickupSlot`.
 * Checked here first (`validation_failed`): a valid store id and a real date.
 */
export async function listPickupSlots(client: ClientLike, input: PickupSlotsInput, options?: CallOptions): Promise<PickupSlotList> {
  requireLocation(input?.storeId, 'storeId');
  if (!isDate(input.date)) {
    throw new OmnikitError('validation_failed', `date: "${String(input.date)}" is not a YYYY-MM-DD date`, {
      details: { issues: [{ path: 'date', message: 'expected a real YYYY-MM-DD date' }] },
    });
  }
  return client[CORE].transport.call(listPickupSlotsRoute, { params: { storeId: input.storeId }, query: { date: input.date } }, options);
}
