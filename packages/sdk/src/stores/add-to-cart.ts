import { MAX_LINE_QUANTITY, type Cart, type CartLine, type Fulfillment, type FulfillmentType, type PickupFulfillment } from '@omnikit/contract/cart';
import type { Channel } from '@omnikit/contract/client';
import type { ReadableAtom } from 'nanostores';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { cartCoreOf, quantityError } from '../resources/cart-core.js';
import type { CallOptions } from '../transport.js';
import { choiceAt, type FulfillmentChoice } from './choice-state.js';
import { sharedStore } from './remote.js';
import { stockStateStore, type StockState } from './stock-state.js';

const ONLINE = 'online';

/**
 * What an add-to-cart button shows:
 * - `loading`: the stock that decides is not known yet;
 * - `available`: the quantity can be had; {@link AddToCartState.fulfillment} is how it will be added;
 * - `unavailable`: nothing can be had; {@link AddToCartState.reason} says why;
 * - `error`: bad input (`validation_failed`) or the stock could not be read ({@link AddToCartState.error}).
 */
export type AddToCartKind = 'loading' | 'available' | 'unavailable' | 'error';

/**
 * Why the quantity cannot be had (`reason`), or why the add is not the one asked for (`fallback`):
 * - `not-sold`: an unknown SKU, an inactive product, or one carried nowhere;
 * - `out-of-stock`: none at the store (when one is chosen) and none online;
 * - `nearby-only`: none at the store nor online, but stores nearby have some (`stock.nearby`);
 * - `quantity-unavailable`: some, but fewer than the quantity (with what the cart's line
 *   already holds); {@link AddToCartState.available} is the most that can be added;
 * - `online-only`: stores never carry it (fallback only: delivery instead);
 * - `no-store`: pickup or take-now asked without a chosen store (fallback only);
 * - `not-in-store`: take-now asked outside an in-store channel (fallback only).
 */
export type AddToCartReason =
  | 'not-sold'
  | 'out-of-stock'
  | 'nearby-only'
  | 'quantity-unavailable'
  | 'online-only'
  | 'no-store'
  | 'not-in-store';

/** Query of {@link addToCartStore}. */
export interface AddToCartQuery {
  sku: string;
  /** The shopper's chosen store, if any (`online` counts as none). */
  storeId?: string | undefined;
  /** Whole units, 1 to {@link MAX_LINE_QUANTITY} (default 1). */
  quantity?: number | undefined;
  /** A fulfilment type asked for explicitly; honoured when it can be had (see {@link addToCartStore}). */
  fulfillment?: FulfillmentType | undefined;
  /** The sales channel (default: the client's): take-now needs `kiosk` or `pos`. */
  channel?: Channel | undefined;
}

/** The whole add-to-cart decision for one SKU, quantity and store, as {@link addToCartStore} yields it. */
export interface AddToCartState {
  kind: AddToCartKind;
  sku: string;
  quantity: number;
  /** The fulfilment the add will use; set when `kind` is `available` (one object per store and option, shared by its states: read it, do not change it). */
  fulfillment?: Fulfillment;
  /** Why nothing can be had; set when `kind` is `unavailable`. */
  reason?: AddToCartReason;
  /**
   * Why the add is not the one asked for (the explicit fulfilment type, or pickup at the chosen
   * store): e.g. `out-of-stock` at the store, so delivery. Only when `kind` is `available`.
   */
  fallback?: AddToCartReason;
  /** With `quantity-unavailable`: the most units that can be added in one place (0: the cart's line holds them all). */
  available?: number;
  /** The stock at the chosen store, else online (the same state `<omni-stock-badge>` shows). */
  stock: StockState;
  /** Why, when `kind` is `error`. */
  error?: OmnikitError;
  /** The pickup slot of the shopper's choice, when the add follows it; {@link addToCart} sets it on the cart. */
  slotId?: string;
}

/** What {@link addToCart} resolves to. */
export interface AddedToCart {
  /** The cart after the add. */
  cart: Cart;
  /** The line the units went to (a new line, or the one with the same SKU and fulfilment). */
  line: CartLine;
  /** The state had a `slotId` and the server refused it (e.g. `slot_full`): the line is added, without the slot. */
  slotError?: OmnikitError;
}

/** A fulfilment's key, as the server keys lines (pickup's method defaults to `in_store`; the others have none). */
const keyOf = (f: Fulfillment): string => {
  const p = f as PickupFulfillment;
  return p.type + p.storeId + (p.method ?? 'in_store');
};

/** The cart's line an add of `sku` with `f` grows, if any. */
const lineOf = (cart: Cart | null | undefined, sku: string, f: Fulfillment): CartLine | undefined =>
  cart?.lines.find((l) => l.sku === sku && keyOf(l.fulfillment) === keyOf(f));

/** One object for every delivery, so states compare by identity (see `same`). */
const DELIVERY: Fulfillment = { type: 'delivery' };

/** Every field the same (fulfilments and errors are the same objects from one decision to the next). */
const same = (a: object, b: object): boolean =>
  Object.keys({ ...a, ...b }).every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);

/**
 * The add-to-cart decision for one SKU, quantity and store, kept live, as a nanostores atom:
 * whether the quantity can be had, how it will be added, and if not, why. `<omni-add-to-cart>`
 * only picks the words for it, so a React or Vue page, a kiosk app and a Node job get the same
 * answer from the SDK alone. The rules, in order:
 *
 * 1. A bad quantity (not a whole number from 1 to {@link MAX_LINE_QUANTITY}) is an `error` with
 *    code `validation_failed`; nothing is added.
 * 2. An explicit fulfilment type (`query.fulfillment`) is honoured when it can be had: `pickup`
 *    and `take_now` need a chosen store that has the quantity, `take_now` also an in-store
 *    channel (`kiosk` or `pos`: the shopper stands at the shelf); `delivery` needs online stock.
 * 2b. Otherwise the shopper's fulfilment choice (`fulfillmentChoice`, `<omni-click-collect>`), while it holds
 *    at the store (see `clickCollectStore`): `delivery`, or pickup at the counter, the curb or
 *    the chosen locker (`{ type: 'pickup', storeId, method }`), when the stock has the quantity
 *    (a pickup's, a locker's too: the store's; delivery's: online); with its slot as `slotId`.
 *    A pickup the server would fill by a transfer is not foreseen here: the add falls back as
 *    rules 3 and 4 say.
 * 3. Otherwise, with a chosen store that has the quantity: `pickup` at that store.
 * 4. Else, when the online stock has it: `delivery` (so online-only products are delivered).
 * 5. Else `unavailable`, with the reason: `not-sold`, `out-of-stock`, `nearby-only` (other
 *    stores have it: `stock.nearby`) or `quantity-unavailable` (fewer than asked; `available`).
 *
 * Without a store, delivery from online stock decides alone. "Has the quantity" counts the
 * units already on the line the add would grow, as far as this client knows the cart
 * (`$cart`; the store reads nothing for it). The stock comes from {@link stockStateStore}
 * (the same live states, and requests, as the stock badges of the page), so the decision
 * follows every stock change on the event stream. The server has the last word: the added
 * line carries its own `availability` (e.g. a store without click and collect).
 *
 * ```ts
 * const $add = addToCartStore(omni, { sku: 'OK-10001', storeId: 'se-stockholm-drottninggatan', quantity: 2 });
 * $add.subscribe(async (s) => {
 *   if (s.kind === 'available') console.log(s.fulfillment); // { type: 'pickup', storeId: 'se-stockholm-drottninggatan' }
 * });
 * ```
 */
export function addToCartStore(client: ClientLike, query: AddToCartQuery): ReadableAtom<AddToCartState> {
  const { sku, fulfillment: want } = query;
  const quantity = query.quantity ?? 1;
  const storeId = (query.storeId !== ONLINE && query.storeId) || undefined;
  const inStore = ['kiosk', 'pos'].includes(query.channel ?? client[CORE].config.channel);
  const key = `add-to-cart:${[sku, storeId, quantity, want, inStore]}`;
  const bad = quantityError(quantity);
  const asked: AddToCartReason | undefined =
    !want || want === 'delivery' ? undefined : !storeId ? 'no-store' : want === 'take_now' && !inStore ? 'not-in-store' : undefined;
  // The options in the order of the rules (the one asked for or chosen, pickup at the store,
  // delivery), made once per choice: a decision's fulfilment is one of these objects.
  // (choiceAt hands back the stored choice itself, so its identity is its key.)
  let made: { choice?: FulfillmentChoice; options: Fulfillment[]; chosen?: Fulfillment; slotId?: string } | undefined;
  const optionsFor = (choice: FulfillmentChoice | undefined) => {
    if (made && made.choice === choice) return made;
    const options: Fulfillment[] = [];
    const chosen: Fulfillment | undefined = !want && choice ? (choice.kind === 'delivery' ? DELIVERY : { type: 'pickup', storeId: choice.storeId!, method: choice.kind }) : undefined;
    if (want && !asked) options.push(want === 'delivery' ? DELIVERY : { type: want, storeId: storeId! });
    if (chosen) options.push(chosen);
    if (storeId) options.push({ type: 'pickup', storeId });
    options.push(DELIVERY);
    return (made = { choice, options, chosen, slotId: chosen && choice?.slotId });
  };
  const loading: StockState = { kind: 'loading', sku, storeId: storeId ?? ONLINE, nearby: [] };
  return sharedStore<AddToCartState>(client, key, { kind: 'loading', sku, quantity, stock: loading }, ($state) => {
    const $here = storeId ? stockStateStore(client, { sku, storeId }) : undefined;
    const $online = stockStateStore(client, { sku, storeId: ONLINE });
    const { $cart, $choice } = cartCoreOf(client);
    const decide = (): AddToCartState => {
      const here = $here?.value;
      const online = $online.value!;
      const base = { sku, quantity, stock: here ?? online };
      if (bad) return { ...base, kind: 'error', error: bad };
      const { options, chosen, slotId } = optionsFor(choiceAt($choice.value, storeId));
      let most = 0;
      let some = false;
      let first: AddToCartReason | undefined;
      for (const f of options) {
        const s = f === DELIVERY ? online : here!;
        // An earlier rule decides first: wait for its stock rather than show a later one.
        if (s.kind === 'loading') return { ...base, kind: 'loading' };
        // A store that no longer exists (an old choice) is no store: delivery can still have it.
        if (s.kind === 'error' && s.error?.code !== 'unknown_store') return { ...base, kind: 'error', error: s.error };
        const have = (f === DELIVERY ? s.kind !== 'not-sold' && s.kind !== 'error' : /^(in|low)-/.test(s.kind)) ? (s.available ?? 0) : 0;
        const room = have - (lineOf($cart.value, sku, f)?.quantity ?? 0);
        // Past the first option, its reason says why not as asked (a repeat of it fails the same way).
        if (room >= quantity) {
          return { ...base, kind: 'available', fulfillment: f, fallback: asked ?? first, slotId: f === chosen ? slotId : undefined };
        }
        // Some there, but short of the quantity (or already on the cart's line).
        first ??= s.kind === 'not-sold' || s.kind === 'online-only' ? s.kind : have ? 'quantity-unavailable' : 'out-of-stock';
        some ||= have > 0;
        most = Math.max(most, room);
      }
      const reason: AddToCartReason = some
        ? 'quantity-unavailable'
        : online.kind === 'not-sold' && (!here || here.kind === 'not-sold' || here.kind === 'error')
          ? 'not-sold'
          : here?.kind === 'nearby'
            ? 'nearby-only'
            : 'out-of-stock';
      return { ...base, kind: 'unavailable', reason, available: some ? most : undefined };
    };
    const update = () => {
      const next = decide();
      if (!same($state.value!, next)) $state.set(next);
    };
    const stops = [$online, $cart, $here, $choice].map(($s) => $s?.listen(update));
    update();
    return () => stops.forEach((stop) => stop?.());
  });
}

/**
 * Adds what an {@link addToCartStore} state decided: its quantity of its SKU with its
 * fulfilment, through the client's cart (`cartOf(client).addLine`), which creates the cart on
 * first use and updates `$cart`; then the state's `slotId` (the shopper's chosen pickup slot)
 * with `setPickupSlot` (a refusal is `slotError`, the line stays). Rejects without a request when the state is not `available`:
 * with the state's error, or `insufficient_stock` (`product_inactive` for `not-sold`). Server
 * errors (`product_inactive`, `cart_limit_reached`, ...) reject as `OmnikitError`s.
 */
export async function addToCart(client: ClientLike, state: AddToCartState, options?: CallOptions): Promise<AddedToCart> {
  const { sku, quantity, fulfillment: f } = state;
  if (state.kind !== 'available' || !f) {
    throw state.error ?? new OmnikitError(state.reason === 'not-sold' ? 'product_inactive' : 'insufficient_stock', `${sku}: ${state.reason ?? state.kind}`);
  }
  let cart = await cartCoreOf(client).addLine({ sku, quantity, fulfillment: f }, options);
  const line = lineOf(cart, sku, f);
  if (!line) throw new OmnikitError('invalid_response', `no line of ${sku}`);
  if (state.slotId && f.type === 'pickup') {
    try {
      // Loaded on use: a product page pays for it only when a slot is added.
      const { setPickupSlot } = await import('../resources/pickup-slot.js');
      cart = await setPickupSlot(client, { storeId: f.storeId, slotId: state.slotId }, options);
    } catch (e) {
      // The transport rejects with OmnikitErrors only.
      return { cart, line, slotError: e as OmnikitError };
    }
  }
  return { cart, line };
}
