import type { FulfillmentOptionKind } from '@omnikit/contract';

// The fulfilment choice's shape and rules, as small as they can be: the cart's core keeps the
// choice (`addToCartStore` reads it on every product page), so the validation of a new choice
// (`fulfillmentChoice().choose`) lives apart, in the click-and-collect code that writes it.

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

/** @internal The kinds of `FULFILLMENT_OPTION_KINDS` (the contract's module of schemas stays off this path). */
export const CHOICE_KINDS: readonly FulfillmentOptionKind[] = ['in_store', 'curbside', 'locker', 'delivery'];

/**
 * @internal A choice as storage may hold it (another version, a hand edit), or undefined when
 * it is not one (`setPickupSlot` and the server check the ids when a line is added).
 */
export function readChoice(c: FulfillmentChoice | undefined): FulfillmentChoice | undefined {
  return c && CHOICE_KINDS.includes(c.kind) && (c.kind === 'delivery') === !c.storeId ? c : undefined;
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

