// The cart's state and its line changes: what every cart widget needs, the product page's
// too. Handoff, resume and checkout (and the order schemas they bring) are in cart.ts.
import {
  CART_SECRET_HEADER, MAX_LINE_QUANTITY, addCartLineRoute, cartTopic, createCartRoute, getCartRoute, removeCartLineRoute,
  updateCartLineRoute, type Cart, type CartAccess, type CartHandoff, type CartLine, type Fulfillment, type Order, type PaymentMethod,
} from '@omnikit/contract/cart';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CORE, useService, type ClientLike, type Service } from '../client-state.js';
import { OmnikitError, isOmnikitError } from '../errors.js';
import { createRealtime } from '../realtime.js';
import { randomId, type CallOptions, type RouteInput } from '../transport.js';
import type { StorageLike } from '../stores/selected-store.js';
import { FULFILLMENT_CHOICE_KEY, readChoice, type FulfillmentChoice } from '../stores/choice-state.js';

/** Input of {@link CartApi.addLine}. */
export interface AddLineInput {
  sku: string;
  /** Whole units, 1 to {@link MAX_LINE_QUANTITY}. */
  quantity: number;
  /** `{ type: 'delivery' }`, `{ type: 'pickup', storeId }` or `{ type: 'take_now', storeId }`. */
  fulfillment: Fulfillment;
}

/** Input of {@link CartApi.checkout}. The SDK never sees card data: the retailer's provider confirms payment. */
export interface CheckoutInput {
  payment: { method: PaymentMethod };
  contact: { email: string };
}

/**
 * The shopper's cart on this device (`omni.cart`). Every change creates the cart on first use,
 * resolves to the updated cart and sets {@link CartApi.$cart}, which every widget of the page
 * shares and which follows the other tabs and devices showing the same cart.
 *
 * Concurrency: a change carries the version the shopper saw (`If-Match`). When another device
 * changed the cart meanwhile (409 `cart_version_conflict`), the SDK re-reads it and re-applies
 * the intent: a quantity change as the same step (+1 stays +1), a removal or a new fulfilment
 * as is; up to {@link MAX_REAPPLY} times, then it rejects with the conflict. Adding needs no
 * version: the server adds up. Each change has one `Idempotency-Key` kept across its retries.
 */
export interface CartApi {
  /** The current cart, or `null` before the first change (and after {@link forget}). */
  readonly $cart: ReadableAtom<Cart | null>;
  /** The current cart read from the server, or `null` when this device has none. */
  get(options?: CallOptions): Promise<Cart | null>;
  /** Adds units of a SKU with a fulfilment (the line with the same SKU and fulfilment grows). */
  addLine(input: AddLineInput, options?: CallOptions): Promise<Cart>;
  /** Sets a line's quantity (1 to 999; use {@link removeLine} for 0). */
  setQuantity(input: { lineId: string; quantity: number }, options?: CallOptions): Promise<Cart>;
  /** Changes how a line is fulfilled (the one-click fix of a line that cannot be had). */
  setFulfillment(input: { lineId: string; fulfillment: Fulfillment }, options?: CallOptions): Promise<Cart>;
  /** Removes a line. */
  removeLine(input: { lineId: string }, options?: CallOptions): Promise<Cart>;
  /**
   * Chooses the pickup slot of the cart's pickup at a store (`slotId` from `omni.pickup.slots`;
   * `null` clears it); checkout books it. Needs a cart (`cart_not_found` otherwise; it creates
   * none). Refused with `slot_full`, `slot_unavailable` or `slot_not_found`.
   */
  setPickupSlot(input: { storeId: string; slotId: string | null }, options?: CallOptions): Promise<Cart>;
  /** A code and a QR code URL that open this cart on another device (15 minutes, one use). */
  handoff(input?: { url?: string }, options?: CallOptions): Promise<CartHandoff>;
  /** Opens a handed-off cart by its code on this device; it becomes this device's cart. */
  resume(code: string, options?: CallOptions): Promise<Cart>;
  /** Turns the cart into an order; this device starts a new cart on its next change. */
  checkout(input: CheckoutInput, options?: CallOptions): Promise<Order>;
  /** Forgets the cart on this device (storage included); the server keeps it for its other devices. */
  forget(): void;
}

/** How many times a conflicting change is re-applied to the re-read cart before it rejects. */
export const MAX_REAPPLY = 3;
/** Storage key of this device's cart: its id and secret, nothing else. */
export const CART_STORAGE_KEY = 'omnikit:cart';
/** Storage key of the orders this device placed (id and the cart's secret, the last few). */
export const ORDERS_STORAGE_KEY = 'omnikit:orders';

/** @internal A cart's id and secret, as stored. */
export interface Handle {
  id: string;
  secret: string;
}

type Intent =
  | { kind: 'add'; input: AddLineInput }
  | { kind: 'quantity'; lineId: string; quantity: number; seen?: number }
  | { kind: 'fulfillment'; lineId: string; fulfillment: Fulfillment }
  | { kind: 'remove'; lineId: string };

/** @internal */
export function invalid(message: string): OmnikitError {
  return new OmnikitError('validation_failed', message);
}

/**
 * @internal A line quantity's error (`validation_failed`, the issue at `quantity`), or
 * undefined when it is a whole number from 1 to {@link MAX_LINE_QUANTITY}: one rule for the
 * cart's writes and `addToCartStore`'s decision.
 */
export function quantityError(q: unknown): OmnikitError | undefined {
  if (Number.isInteger(q) && (q as number) >= 1 && (q as number) <= MAX_LINE_QUANTITY) return undefined;
  const message = `quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`;
  return new OmnikitError('validation_failed', `${message}, got ${String(q)}`, { details: { issues: [{ path: 'quantity', message }] } });
}

function checkQuantity(q: unknown): void {
  const e = quantityError(q);
  if (e) throw e;
}

function checkFulfillment(f: unknown): void {
  const x = f as { type?: unknown; storeId?: unknown } | null;
  const store = typeof x?.storeId === 'string' && x.storeId !== '';
  if (!(x?.type === 'delivery' || ((x?.type === 'pickup' || x?.type === 'take_now') && store))) {
    throw invalid("fulfillment must be { type: 'delivery' }, { type: 'pickup', storeId } or { type: 'take_now', storeId }");
  }
}

function checkLineId(id: unknown): void {
  if (typeof id !== 'string' || id === '') throw invalid('lineId is required');
}

/** @internal */
export function readJson<T>(storage: StorageLike | null, key: string): T | undefined {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** @internal */
export function writeJson(storage: StorageLike | null, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage: the cart still works for this page.
  }
}

const isHandle = (h: unknown): h is Handle =>
  !!h && typeof (h as Handle).id === 'string' && typeof (h as Handle).secret === 'string';

/** @internal The cart without handoff, resume, checkout and the pickup slot, and what those need of it. */
export interface CartCore extends Omit<CartApi, 'handoff' | 'resume' | 'checkout' | 'setPickupSlot'>, Service {
  /** @internal The shopper's fulfilment choice (`fulfillmentChoice`), kept with the cart: its lines follow it. */
  readonly $choice: WritableAtom<FulfillmentChoice | undefined>;
  /** @internal */
  readonly _: {
    handle(): Handle | undefined;
    setHandle(next: Handle | undefined): void;
    show(cart: Cart | null): void;
    ensure(options?: CallOptions): Promise<Handle>;
    serial<T>(fn: () => Promise<T>): Promise<T>;
  };
}

/** @internal The cart service of a client: its state and line changes. */
function createCartCore(client: ClientLike): CartCore {
  const core = client[CORE];
  const storage = core.storage;
  const $cart = atom<Cart | null>(null);
  let handle = ((h) => (isHandle(h) ? h : undefined))(readJson<Handle>(storage, CART_STORAGE_KEY));
  // Remembered beside the cart's handle (ids only), and followed across tabs like it.
  const $choice = atom(readChoice(readJson(storage, FULFILLMENT_CHOICE_KEY)));
  // (Another tab's choice is written back unchanged: no storage event for an unchanged value.)
  $choice.listen((c) => writeJson(storage, FULFILLMENT_CHOICE_KEY, c));
  let chain: Promise<unknown> = Promise.resolve();
  let unwatch: (() => void) | undefined;
  let watching: string | undefined;
  let closed = false;
  const bc = typeof BroadcastChannel === 'function' && storage ? new BroadcastChannel(`omnikit:cart:${core.config.baseUrl}`) : undefined;

  const call = <R extends Parameters<typeof core.transport.call>[0]>(route: R, input: RouteInput, options?: CallOptions) =>
    core.transport.call(route, input, options);
  const secretHeaders = (h: Handle): Record<string, string> => ({ [CART_SECRET_HEADER]: h.secret });

  /** Serialises changes: a shopper's taps apply in the order made. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  }

  function setHandle(next: Handle | undefined): void {
    handle = next;
    writeJson(storage, CART_STORAGE_KEY, next);
    follow();
  }

  /** Shows a cart (newer versions only, unless another cart), tells the other tabs, follows its topic. */
  function show(cart: Cart | null, fromTab = false): void {
    const cur = $cart.get();
    if (cart && cur && cur.id === cart.id && cur.version > cart.version) return;
    $cart.set(cart);
    if (!fromTab) bc?.postMessage(cart);
    follow();
  }

  /** Other devices' changes arrive as `cart.changed` on the cart's topic: re-read then. */
  function follow(): void {
    const id = handle?.id;
    if (id === watching || closed) return;
    unwatch?.();
    unwatch = undefined;
    watching = id;
    if (!id) return;
    const realtime = useService(client, createRealtime);
    unwatch = realtime.subscribe(cartTopic(id), (signal) => {
      if (signal.type === 'error') return;
      const v = signal.type === 'event' && signal.event.type === 'cart.changed' ? signal.event.data.version : undefined;
      const cur = $cart.get();
      if (v !== undefined && cur?.id === id && cur.version >= v) return;
      void refresh().catch(() => {});
    });
  }

  async function refresh(options?: CallOptions): Promise<Cart | null> {
    const h = handle;
    if (!h) {
      show(null);
      return null;
    }
    try {
      const cart = await call(getCartRoute, { params: { cartId: h.id }, headers: secretHeaders(h) }, options);
      if (cart.status !== 'open') {
        // Ordered or merged elsewhere: this device's cart is gone; the next change starts a new one.
        if (handle === h) setHandle(undefined);
        show(null);
        return null;
      }
      show(cart);
      return cart;
    } catch (e) {
      if (isOmnikitError(e, 'cart_not_found') && handle === h) {
        setHandle(undefined);
        show(null);
        return null;
      }
      throw e;
    }
  }

  async function ensure(options?: CallOptions): Promise<Handle> {
    if (handle) return handle;
    const access: CartAccess = await call(createCartRoute, { body: core.config.currency ? { currency: core.config.currency } : {} }, options);
    setHandle({ id: access.cart.id, secret: access.secret! });
    show(access.cart);
    return handle!;
  }

  const lineOf = (cart: Cart | null, lineId: string): CartLine | undefined => cart?.lines.find((l) => l.id === lineId);

  function send(intent: Intent, h: Handle, key: string, options?: CallOptions): Promise<Cart> {
    const cur = $cart.get();
    const headers: Record<string, string> = secretHeaders(h);
    // Adds need no version (the server adds up); the others change what the shopper saw.
    if (intent.kind !== 'add' && cur?.id === h.id) headers['If-Match'] = `"${cur.version}"`;
    const opts = { ...options, idempotencyKey: key };
    if (intent.kind === 'add') return call(addCartLineRoute, { params: { cartId: h.id }, body: intent.input, headers }, opts);
    const params = { cartId: h.id, lineId: intent.lineId };
    if (intent.kind === 'remove') return call(removeCartLineRoute, { params, headers }, opts);
    const body = intent.kind === 'quantity' ? { quantity: intent.quantity } : { fulfillment: intent.fulfillment };
    return call(updateCartLineRoute, { params, body, headers }, opts);
  }

  /**
   * The intent re-applied to the cart as it is now: a quantity step kept as a step, a removal
   * already done elsewhere is done. `undefined` when nothing is left to do; throws when it no
   * longer applies (the line is gone).
   */
  function reapply(intent: Intent, now: Cart | null, conflict: unknown): Intent | undefined {
    if (intent.kind === 'add') return intent;
    const line = lineOf(now, intent.lineId);
    if (!line) {
      if (intent.kind === 'remove') return undefined;
      throw conflict;
    }
    if (intent.kind !== 'quantity' || intent.seen === undefined) return intent;
    const quantity = Math.min(MAX_LINE_QUANTITY, Math.max(1, line.quantity + intent.quantity - intent.seen));
    return { ...intent, quantity, seen: line.quantity };
  }

  /**
   * Applies a change. `read` checks the input and names the intent; bad input rejects at once,
   * before any request and without waiting for the changes queued before it.
   */
  function mutate(read: () => Intent, options?: CallOptions): Promise<Cart> {
    let intent: Intent;
    try {
      intent = read();
    } catch (e) {
      return Promise.reject(e);
    }
    const key = options?.idempotencyKey ?? randomId();
    return serial(async () => {
      if (intent.kind === 'quantity') intent = { ...intent, seen: lineOf($cart.get(), intent.lineId)?.quantity };
      for (let attempt = 0; ; attempt++) {
        if (!handle && intent.kind !== 'add') throw new OmnikitError('cart_not_found', 'There is no cart on this device yet.');
        const h = await ensure(options);
        try {
          const cart = await send(intent, h, key, options);
          show(cart);
          return cart;
        } catch (e) {
          if (attempt >= MAX_REAPPLY) throw e;
          if (isOmnikitError(e, 'cart_version_conflict')) {
            const now = await refresh(options);
            const next = reapply(intent, now, e);
            if (!next) return now!;
            intent = next;
            continue;
          }
          // The cart is gone here (another device checked it out, a sign-out elsewhere, another
          // server): an add starts a new cart; other changes have nothing left to apply to.
          if (isOmnikitError(e, 'cart_not_found') || isOmnikitError(e, 'cart_closed')) {
            if (handle === h) setHandle(undefined);
            show(null);
            if (intent.kind === 'add') continue;
          }
          throw e;
        }
      }
    });
  }

  // Another tab changed the cart (content over the channel, the handle through storage).
  // Only this device's cart: clients with storage of their own (tests, stories) share the channel too.
  if (bc) bc.onmessage = ({ data }: MessageEvent<Cart | null>) => (data ? data.id === handle?.id : !handle) && show(data, true);
  let onStorage: ((e: StorageEvent) => void) | undefined;
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function' && storage) {
    onStorage = (e) => {
      if (e.key === FULFILLMENT_CHOICE_KEY) $choice.set(readChoice(readJson(storage, FULFILLMENT_CHOICE_KEY)));
      if (e.key !== CART_STORAGE_KEY) return;
      const h = readJson<Handle>(storage, CART_STORAGE_KEY);
      handle = isHandle(h) ? h : undefined;
      if (!handle) show(null, true);
      else if ($cart.get()?.id !== handle.id) void refresh().catch(() => {});
      follow();
    };
    window.addEventListener('storage', onStorage);
  }

  return {
    $cart,
    $choice,
    get: (options) => refresh(options),
    addLine: (input, options) =>
      mutate(() => {
        if (!input || typeof input.sku !== 'string' || input.sku === '') throw invalid('sku is required');
        checkQuantity(input.quantity);
        checkFulfillment(input.fulfillment);
        return { kind: 'add', input: { sku: input.sku, quantity: input.quantity, fulfillment: input.fulfillment } };
      }, options),
    setQuantity: (input, options) =>
      mutate(() => {
        checkLineId(input?.lineId);
        checkQuantity(input.quantity);
        return { kind: 'quantity', lineId: input.lineId, quantity: input.quantity };
      }, options),
    setFulfillment: (input, options) =>
      mutate(() => {
        checkLineId(input?.lineId);
        checkFulfillment(input.fulfillment);
        return { kind: 'fulfillment', lineId: input.lineId, fulfillment: input.fulfillment };
      }, options),
    removeLine: (input, options) =>
      mutate(() => {
        checkLineId(input?.lineId);
        return { kind: 'remove', lineId: input.lineId };
      }, options),
    forget() {
      setHandle(undefined);
      show(null);
    },
    close() {
      closed = true;
      unwatch?.();
      bc?.close();
      if (onStorage) window.removeEventListener('storage', onStorage);
    },
    _: { handle: () => handle, setHandle, show, ensure, serial },
  };
}

/**
 * @internal The client's cart without handoff, resume and checkout (the same cart and `$cart`
 * as {@link cartOf}): what the product page's widgets use, so their chunk carries neither the
 * order schemas nor those routes.
 */
export function cartCoreOf(client: ClientLike): CartCore {
  return useService(client, createCartCore);
}

