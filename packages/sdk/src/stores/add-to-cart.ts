import { MAX_LINE_QUANTITY, type Cart, type CartLine, type Fulfillment, type FulfillmentType } from '@omnikit/contract/cart';
import type { Channel } from '@omnikit/contract/client';
import type { ReadableAtom } from 'nanostores';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { cartCoreOf } from '../resources/cart-core.js';
import type { CallOptions } from '../transport.js';
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
  /** The fulfilment the add will use; set when `kind` is `available`. */
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
}

/** What {@link addToCart} resolves to. */
export interface AddedToCart {
  /** The cart after the add. */
  cart: Cart;
  /** The line the units went to (a new line, or the one with the same SKU and fulfilment). */
  line: CartLine;
}

const IN_STORE_CHANNELS: readonly string[] = ['kiosk', 'pos'];
const HERE = new Set(['in-stock', 'low-stock']);

/** A fulfilment's key, as the server keys lines (pickup's method defaults to `in_store`). */
const keyOf = (f: Fulfillment | undefined): string =>
  f ? `${f.type}:${(f as { storeId?: string }).storeId}:${f.type === 'pickup' ? (f.method ?? 'in_store') : ''}` : '';

/** Units of the SKU already on the line an add with `f` would grow. */
function inCart(cart: Cart | null, sku: string, f: Fulfillment): number {
  return cart?.lines.find((l) => l.sku === sku && keyOf(l.fulfillment) === keyOf(f))?.quantity ?? 0;
}

function validQuantity(q: unknown): OmnikitError | undefined {
  if (Number.isInteger(q) && (q as number) >= 1 && (q as number) <= MAX_LINE_QUANTITY) return undefined;
  const message = `quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`;
  return new OmnikitError('validation_failed', `${message}, got ${q}`, { details: { issues: [{ path: 'quantity', message }] } });
}

/**
 * The decision, pure: from the stock at the store (`undefined` without one), online, and the
 * cart as this client knows it. Exported for tests and for callers with states of their own.
 * @internal
 */
export function decideAddToCart(
  q: { sku: string; storeId: string | undefined; quantity: number; fulfillment: FulfillmentType | undefined; inStore: boolean },
  here: StockState | undefined,
  online: StockState,
  cart: Cart | null,
): AddToCartState {
  const stock = here ?? online;
  const base = { sku: q.sku, quantity: q.quantity, stock };
  const bad = validQuantity(q.quantity);
  if (bad) return { ...base, kind: 'error', error: bad };
  const store = q.storeId;
  // The options in the order of the rules, each with the stock it takes from.
  const options: { f: Fulfillment; s: StockState }[] = [];
  const want = q.fulfillment;
  let asked: AddToCartReason | undefined;
  if (want === 'take_now' || want === 'pickup') {
    if (!here || !store) asked = 'no-store';
    else if (want === 'take_now' && !q.inStore) asked = 'not-in-store';
    else options.push({ f: { type: want, storeId: store }, s: here });
  }
  if (want === 'delivery') options.push({ f: { type: 'delivery' }, s: online });
  if (here && store) options.push({ f: { type: 'pickup', storeId: store }, s: here });
  options.push({ f: { type: 'delivery' }, s: online });

  let most = 0;
  let some = false;
  let first: AddToCartReason | undefined;
  for (const [i, { f, s }] of options.entries()) {
    // An earlier rule decides first: wait for its stock rather than show a later one.
    if (s.kind === 'loading') return { ...base, kind: 'loading' };
    // A store that no longer exists (an old choice) is no store: delivery can still have it.
    if (s.kind === 'error' && s.error?.code !== 'unknown_store') return { ...base, kind: 'error', ...(s.error ? { error: s.error } : {}) };
    const usable = f.type === 'delivery' ? s.kind !== 'not-sold' && s.kind !== 'error' : HERE.has(s.kind);
    const room = usable ? (s.available ?? 0) - inCart(cart, q.sku, f) : 0;
    if (room >= q.quantity) {
      const fallback = asked ?? (i > 0 && keyOf(f) !== keyOf(options[0]!.f) ? first : undefined);
      return { ...base, kind: 'available', fulfillment: f, ...(fallback ? { fallback } : {}) };
    }
    // Some there, but short of the quantity (or already on the cart's line).
    const short = usable && (s.available ?? 0) > 0;
    first ??= s.kind === 'not-sold' || s.kind === 'online-only' ? s.kind : short ? 'quantity-unavailable' : 'out-of-stock';
    some ||= short;
    most = Math.max(most, room);
  }
  const reason: AddToCartReason =
    some
      ? 'quantity-unavailable'
      : online.kind === 'not-sold' && (!here || here.kind === 'not-sold' || here.kind === 'error')
        ? 'not-sold'
        : here?.kind === 'nearby'
          ? 'nearby-only'
          : 'out-of-stock';
  return { ...base, kind: 'unavailable', reason, ...(some ? { available: most } : {}) };
}

const sameState = (a: AddToCartState, b: AddToCartState): boolean =>
  a.kind === b.kind &&
  a.reason === b.reason &&
  a.fallback === b.fallback &&
  a.available === b.available &&
  a.error === b.error &&
  a.stock === b.stock &&
  keyOf(a.fulfillment) === keyOf(b.fulfillment);

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
  const { sku, fulfillment } = query;
  const quantity = query.quantity ?? 1;
  const storeId = query.storeId && query.storeId !== ONLINE ? query.storeId : undefined;
  const channel = query.channel ?? client[CORE].config.channel;
  const q = { sku, storeId, quantity, fulfillment, inStore: IN_STORE_CHANNELS.includes(channel) };
  const key = `add-to-cart:${sku}@${storeId ?? ''}:${quantity}:${fulfillment ?? ''}:${q.inStore ? 1 : 0}`;
  const loading: StockState = { kind: 'loading', sku, storeId: storeId ?? ONLINE, nearby: [] };
  return sharedStore<AddToCartState>(client, key, { kind: 'loading', sku, quantity, stock: loading }, ($state) => {
    const $here = storeId ? stockStateStore(client, { sku, storeId }) : undefined;
    const $online = stockStateStore(client, { sku, storeId: ONLINE });
    const { $cart } = cartCoreOf(client);
    let starting = true;
    const update = () => {
      if (starting) return;
      const next = decideAddToCart(q, $here?.value, $online.value!, $cart.value ?? null);
      const cur = $state.value;
      if (!cur || !sameState(cur, next)) $state.set(next);
    };
    const stops = [$online.subscribe(update), $cart.subscribe(update)];
    if ($here) stops.push($here.subscribe(update));
    starting = false;
    update();
    return () => {
      for (const stop of stops) stop();
    };
  });
}

/**
 * Adds what an {@link addToCartStore} state decided: its quantity of its SKU with its
 * fulfilment, through the client's cart (`cartOf(client).addLine`), which creates the cart on
 * first use and updates `$cart`. Rejects without a request when the state is not `available`:
 * with the state's error, or `insufficient_stock` (`product_inactive` for `not-sold`). Server
 * errors (`product_inactive`, `cart_limit_reached`, ...) reject as `OmnikitError`s.
 */
export async function addToCart(client: ClientLike, state: AddToCartState, options?: CallOptions): Promise<AddedToCart> {
  const f = state.fulfillment;
  if (state.kind !== 'available' || !f) {
    throw (
      state.error ?? new OmnikitError(state.reason === 'not-sold' ? 'product_inactive' : 'insufficient_stock', `${state.sku}: ${state.reason ?? state.kind}`)
    );
  }
  const cart = await cartCoreOf(client).addLine({ sku: state.sku, quantity: state.quantity, fulfillment: f }, options);
  const line = cart.lines.find((l) => l.sku === state.sku && keyOf(l.fulfillment) === keyOf(f));
  if (!line) throw new OmnikitError('invalid_response', `no line of ${state.sku}`);
  return { cart, line };
}
