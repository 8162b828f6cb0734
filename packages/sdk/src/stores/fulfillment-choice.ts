import { parseSlotId } from '@omnikit/contract';
import { LocationId } from '@omnikit/contract/client';
import type { ReadableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { cartCoreOf } from '../resources/cart-core.js';
import { CHOICE_KINDS, readChoice, type FulfillmentChoice } from './choice-state.js';

export { FULFILLMENT_CHOICE_KEY, type FulfillmentChoice } from './choice-state.js';

/** A client's fulfilment choice, shared by every widget of the client (see {@link fulfillmentChoice}). */
export interface FulfillmentChoiceApi {
  /** The choice, `undefined` when none was made (the widgets then preselect the server's default). */
  readonly $choice: ReadableAtom<FulfillmentChoice | undefined>;
  /**
   * Records a choice (or none), remembered under `omnikit:fulfillment`. Throws
   * `validation_failed` for an unknown kind, a pickup kind without a valid `storeId`, or a slot
   * that is not one of that store's (`{storeId}@YYYY-MM-DDTHH:MM`) or on a locker or delivery.
   */
  choose(choice: FulfillmentChoice | undefined): void;
}

const fail = (path: string, message: string) =>
  new OmnikitError('validation_failed', `fulfillment choice: ${path} ${message}`, { details: { issues: [{ path, message }] } });

/** The problem of a choice, or undefined when it is a valid one. */
function problemOf(c: FulfillmentChoice): OmnikitError | undefined {
  if (!c || typeof c !== 'object' || !CHOICE_KINDS.includes(c.kind)) return fail('kind', `must be one of ${CHOICE_KINDS.join(', ')}`);
  if (c.kind === 'delivery') {
    return c.storeId !== undefined || c.slotId !== undefined || c.nearStoreId !== undefined ? fail('storeId', 'is not for delivery') : undefined;
  }
  if (c.nearStoreId !== undefined && c.kind !== 'locker') return fail('nearStoreId', 'is for a locker only');
  if (c.slotId !== undefined) {
    if (c.kind === 'locker') return fail('slotId', 'lockers have no slots');
    if (typeof c.slotId !== 'string' || parseSlotId(c.slotId)?.storeId !== c.storeId) return fail('slotId', `must be a slot of ${String(c.storeId)}`);
  }
  return readChoice(c) && [c.storeId, c.nearStoreId].every((v) => v === undefined || (typeof v === 'string' && LocationId.safeParse(v).success))
    ? undefined
    : fail('storeId', 'must be a store or locker id');
}

/**
 * The client's fulfilment choice: how the shopper wants the goods (home delivery, pickup at the
 * counter or the curb of a store, a parcel locker) and the pickup slot, shared by every widget
 * of the client like the selected store, and remembered in storage (`omnikit:fulfillment`,
 * ids only; another tab's choice is followed). `<omni-click-collect>` writes it;
 * `addToCartStore` adds lines with it.
 *
 * ```ts
 * const { $choice, choose } = fulfillmentChoice(omni);
 * choose({ kind: 'curbside', storeId: 'se-solna-mall-of-scandinavia' });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function fulfillmentChoice(client: ClientLike): FulfillmentChoiceApi {
  const { $choice } = cartCoreOf(client);
  return {
    $choice,
    choose(choice) {
      const problem = choice === undefined ? undefined : problemOf(choice);
      if (problem) throw problem;
      // Only the ids, nothing else the object may carry.
      const next: FulfillmentChoice | undefined = choice && JSON.parse(JSON.stringify({ kind: choice.kind, storeId: choice.storeId, nearStoreId: choice.nearStoreId, slotId: choice.slotId }));
      if (JSON.stringify($choice.get()) !== JSON.stringify(next)) $choice.set(next);
    },
  };
}
