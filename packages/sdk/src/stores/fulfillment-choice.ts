import { FULFILLMENT_OPTION_KINDS, parseSlotId, type FulfillmentOptionKind } from '@omnikit/contract';
import type { Fulfillment } from '@omnikit/contract/cart';
import { LocationId } from '@omnikit/contract/client';
import { atom, type ReadableAtom } from 'nanostores';
import { CORE, useService, type ClientLike, type Service } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { defaultStorage, type StorageLike } from './selected-store.js';

/**
 * How the shopper chose to get the goods, as `<omni-click-collect>` records it and
 * `addToCartStore` follows it. Only ids: nothing that identifies a person.
 */
export interface FulfillmentChoice {
  /** `in_store`, `curbside`, `locker` or `delivery`. */
  kind: FulfillmentOptionKind;
  /** Pickup kinds: where the goods are collected (the store, or the locker). */
  storeId?: string;
  /** A locker: the store whose options offered it (a locker choice holds while that store is the selected one). */
  nearStoreId?: string;
  /** In store and curbside: the chosen pickup slot, an id from `omni.pickup.slots` at `storeId`. */
  slotId?: string;
}

/** Storage key of the fulfilment choice (the ids of {@link FulfillmentChoice}, as JSON). */
export const FULFILLMENT_CHOICE_KEY = 'omnikit:fulfillment';

/** A client's fulfilment choice, shared by every widget of the client (see {@link fulfillmentChoice}). */
export interface FulfillmentChoiceApi {
  /** The choice, `undefined` when none was made (the widgets then preselect the server's default). */
  readonly $choice: ReadableAtom<FulfillmentChoice | undefined>;
  /**
   * Records a choice (or none), remembered under {@link FULFILLMENT_CHOICE_KEY}. Throws
   * `validation_failed` for an unknown kind, a pickup kind without a valid `storeId`, or a slot
   * that is not one of that store's (`{storeId}@YYYY-MM-DDTHH:MM`) or on a locker or delivery.
   */
  choose(choice: FulfillmentChoice | undefined): void;
}

const fail = (path: string, message: string) =>
  new OmnikitError('validation_failed', `fulfillment choice: ${path} ${message}`, { details: { issues: [{ path, message }] } });

/** The problem of a choice, or undefined when it is a valid one. */
function problemOf(c: FulfillmentChoice): OmnikitError | undefined {
  if (!c || typeof c !== 'object' || !(FULFILLMENT_OPTION_KINDS as readonly string[]).includes(c.kind)) {
    return fail('kind', `must be one of ${FULFILLMENT_OPTION_KINDS.join(', ')}`);
  }
  const id = (v: unknown) => typeof v === 'string' && LocationId.safeParse(v).success;
  if (c.kind === 'delivery') {
    if (c.storeId !== undefined || c.slotId !== undefined || c.nearStoreId !== undefined) return fail('storeId', 'is not for delivery');
    return undefined;
  }
  if (!id(c.storeId)) return fail('storeId', 'must be a store or locker id');
  if (c.nearStoreId !== undefined && (c.kind !== 'locker' || !id(c.nearStoreId))) return fail('nearStoreId', 'is a store id, for a locker only');
  if (c.slotId !== undefined) {
    if (c.kind === 'locker') return fail('slotId', 'lockers have no slots');
    if (typeof c.slotId !== 'string' || parseSlotId(c.slotId)?.storeId !== c.storeId) return fail('slotId', `must be a slot of ${c.storeId}`);
  }
  return undefined;
}

/** Only the known fields, so storage never keeps more than the ids. */
const clean = (c: FulfillmentChoice): FulfillmentChoice => {
  const out: FulfillmentChoice = { kind: c.kind };
  if (c.storeId !== undefined) out.storeId = c.storeId;
  if (c.nearStoreId !== undefined) out.nearStoreId = c.nearStoreId;
  if (c.slotId !== undefined) out.slotId = c.slotId;
  return out;
};

function read(storage: StorageLike | null): FulfillmentChoice | undefined {
  try {
    const raw = storage?.getItem(FULFILLMENT_CHOICE_KEY);
    const c = raw ? (JSON.parse(raw) as FulfillmentChoice) : undefined;
    return c && !problemOf(c) ? clean(c) : undefined;
  } catch {
    return undefined;
  }
}

function createChoice(client: ClientLike): FulfillmentChoiceApi & Service {
  const storage = client[CORE].storage;
  const $choice = atom<FulfillmentChoice | undefined>(read(storage));
  const write = (c: FulfillmentChoice | undefined) => {
    try {
      if (c === undefined) storage?.removeItem(FULFILLMENT_CHOICE_KEY);
      else storage?.setItem(FULFILLMENT_CHOICE_KEY, JSON.stringify(c));
    } catch {
      // Full or blocked storage: the choice still holds for this page.
    }
  };
  // Another tab chose: follow it, when the storage is the page's localStorage.
  let onStorage: ((e: StorageEvent) => void) | undefined;
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function' && storage && storage === defaultStorage()) {
    onStorage = (e) => {
      if (e.key === FULFILLMENT_CHOICE_KEY) $choice.set(read(storage));
    };
    window.addEventListener('storage', onStorage);
  }
  return {
    $choice,
    choose(choice) {
      const problem = choice === undefined ? undefined : problemOf(choice);
      if (problem) throw problem;
      const next = choice && clean(choice);
      const cur = $choice.get();
      if (JSON.stringify(cur) === JSON.stringify(next)) return;
      write(next);
      $choice.set(next);
    },
    close() {
      if (onStorage) window.removeEventListener('storage', onStorage);
    },
  };
}

/**
 * The client's fulfilment choice: how the shopper wants the goods (home delivery, pickup at the
 * counter or the curb of a store, a parcel locker) and the pickup slot, shared by every widget
 * of the client like the selected store, and remembered in storage (`omnikit:fulfillment`,
 * ids only). `<omni-click-collect>` writes it; `addToCartStore` adds lines with it.
 *
 * ```ts
 * const { $choice, choose } = fulfillmentChoice(omni);
 * choose({ kind: 'curbside', storeId: 'se-stockholm-drottninggatan' });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function fulfillmentChoice(client: ClientLike): FulfillmentChoiceApi {
  return useService(client, createChoice);
}

/**
 * @internal The choice as it holds at `storeId` (the shopper's store now): delivery anywhere; a
 * pickup at the counter or curb only at that store; a locker only while the store that offered
 * it is the one. Undefined when it does not hold (the server's default option then).
 */
export function choiceAt(choice: FulfillmentChoice | undefined, storeId: string | undefined): FulfillmentChoice | undefined {
  if (!choice) return undefined;
  if (choice.kind === 'delivery') return choice;
  return storeId && (choice.kind === 'locker' ? choice.nearStoreId ?? choice.storeId : choice.storeId) === storeId ? choice : undefined;
}

/** @internal What a cart line carries for a choice. */
export function fulfillmentOfChoice(choice: FulfillmentChoice): Fulfillment {
  return choice.kind === 'delivery' ? { type: 'delivery' } : { type: 'pickup', storeId: choice.storeId!, method: choice.kind };
}
