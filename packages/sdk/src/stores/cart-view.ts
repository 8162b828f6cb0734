import {
  MAX_LINE_QUANTITY, paymentMethodsFor,
  type Cart, type CartLine, type Fulfillment, type FulfillmentGroup, type LineAlternative, type LineProblem, type Order,
  type PaymentChoice, type PaymentMethod,
} from '@omnikit/contract/cart';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { useService, type ClientLike, type Service } from '../client-state.js';
import type { OmnikitError } from '../errors.js';
import { cartOf } from '../resources/cart.js';
import { asOmnikitError } from './remote.js';

/** Milliseconds a removed line can be brought back ({@link CartViewApi.undo}) before it is gone for good. */
export const CART_UNDO_MS = 6000;

/**
 * What a cart page shows, one at a time:
 * - `loading`: the cart is being read;
 * - `empty`: this device has no cart, or none with lines (and no removal left to undo);
 * - `ready`: the lines, totals, payment and checkout;
 * - `error`: the cart could not be read ({@link CartViewApi.retry} tries again);
 * - `conflict`: another device changed the cart and the SDK gave up re-applying a change:
 *   the cart shown is the current one, the change was not made;
 * - `checking-out`: the order is being placed;
 * - `ordered`: the order was placed ({@link CartView.order}).
 */
export type CartViewStatus = 'loading' | 'empty' | 'ready' | 'error' | 'conflict' | 'checking-out' | 'ordered';

/** A line as the cart page shows it: the server's line and what the shopper can do with it. */
export interface CartViewLine {
  kind: 'line';
  line: CartLine;
  /** The quantity to show: the one being sent while a change is on its way, else the server's. */
  quantity: number;
  /** A quantity change of this line is on its way. */
  pending: boolean;
  /** The stepper's bounds: 1 to `MAX_LINE_QUANTITY`. */
  canDecrease: boolean;
  canIncrease: boolean;
  /** Why the line cannot be had as chosen (`line.availability.ok === false`). */
  problem?: LineProblem;
  /** One-click fixes of a line with a problem: the server's alternatives, nearest store first, then delivery. */
  fixes: LineAlternative[];
  /** The last checkout was refused because of this line. */
  blocked: boolean;
}

/** A line just removed, shown in its place with an undo for {@link CART_UNDO_MS}. */
export interface CartViewRemoved {
  kind: 'removed';
  /** The removed line's id (a restored line gets a new one). */
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  fulfillment: Fulfillment;
  /** `Date.now()` after which the undo goes away. */
  expiresAt: number;
  /** The undo is on its way. */
  restoring: boolean;
}

/** One fulfilment group with its rows (lines and just-removed lines), in the server's order. */
export interface CartViewGroup {
  id: string;
  fulfillment: Fulfillment;
  /** The store's short name (pickup and take now). */
  storeName?: string;
  /** The server's group (subtotal, fee, free-delivery threshold); absent when only removed lines are left of it. */
  group?: FulfillmentGroup;
  rows: (CartViewLine | CartViewRemoved)[];
}

/** What just happened, for a polite announcement: each has a new `seq`. */
export type CartViewChange = { seq: number } & (
  | { kind: 'quantity'; lineId: string; name: string; quantity: number }
  | { kind: 'removed'; lineId: string; name: string }
  | { kind: 'restored'; lineId: string; name: string }
  | { kind: 'fulfillment'; lineId: string; name: string; fulfillment: Fulfillment; storeName?: string }
  | { kind: 'conflict' }
  | { kind: 'refused'; lineIds: string[] }
  | { kind: 'ordered'; order: Order }
  | { kind: 'failed'; error: OmnikitError }
);

/** Why the contact e-mail cannot be used: none given, or not an address. */
export type EmailProblem = 'missing' | 'invalid';

/** The whole cart page decision, as {@link CartViewApi.$view} yields it. */
export interface CartView {
  status: CartViewStatus;
  /** The cart shown (the current one in `conflict`); `null` without one and in `ordered`. */
  cart: Cart | null;
  groups: CartViewGroup[];
  /** Every payment method, each allowed or refused with the reason (the contract's `paymentMethodsFor`). */
  payment: PaymentChoice[];
  /** The chosen method: the shopper's choice while it is allowed, else the first allowed one. */
  paymentMethod: PaymentMethod | undefined;
  /** The contact e-mail's problem, once a checkout was tried with it. */
  emailProblem?: EmailProblem;
  /** Checkout can be tried: lines, every one can be had, a method, nothing on its way. */
  canCheckout: boolean;
  /** Lines the last checkout was refused for (fix them, or remove them, and try again). */
  blockedLineIds: string[];
  /** The order placed (`ordered`). */
  order?: Order;
  /** `error`: why the cart could not be read. Otherwise the last change that failed, until the next one succeeds. */
  error?: OmnikitError;
  /** What just happened (announce it); `undefined` before the first change. */
  change?: CartViewChange;
}

/** The cart page's state and the shopper's gestures, for any UI (`<omni-cart>`, React, Vue). */
export interface CartViewApi {
  /** The view; it starts (reads the cart once) with its first subscriber. */
  readonly $view: ReadableAtom<CartView>;
  /** Sets a line's quantity, clamped to 1..`MAX_LINE_QUANTITY` (not a number: nothing happens). */
  setQuantity(lineId: string, quantity: number): Promise<void>;
  /** Steps a line's quantity from what is shown (`+1`, `-1`). */
  step(lineId: string, delta: number): Promise<void>;
  /** Removes a line at once; it stays in the view with an undo for {@link CART_UNDO_MS}. */
  remove(lineId: string): Promise<void>;
  /** Brings a removed line back: the same SKU, quantity and fulfilment. */
  undo(lineId: string): Promise<void>;
  /** Applies a one-click fix: the line's new fulfilment (one of its `fixes`). */
  fix(lineId: string, fulfillment: Fulfillment): Promise<void>;
  /** Chooses how to pay (a refused method is ignored). */
  choosePayment(method: PaymentMethod): void;
  /**
   * Places the order with the chosen method and this e-mail. Resolves to the order, or
   * `undefined` when it was not placed (the view says why: `emailProblem`, `blockedLineIds`,
   * `error`). Never rejects.
   */
  checkout(contact: { email: string }): Promise<Order | undefined>;
  /** Reads the cart again (after `error`, or to leave `conflict`). */
  retry(): Promise<void>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether an e-mail can be the order's contact: `undefined` when it can (the server checks it again). */
export function emailProblemOf(email: string): EmailProblem | undefined {
  const e = email.trim();
  if (!e) return 'missing';
  return e.length > 254 || !EMAIL.test(e) ? 'invalid' : undefined;
}

interface Removal {
  line: CartLine;
  group: FulfillmentGroup;
  index: number;
  expiresAt: number;
  restoring: boolean;
  done: Promise<boolean>;
  timer: ReturnType<typeof setTimeout>;
}

type ChangeInput = CartViewChange extends infer C ? (C extends unknown ? Omit<C, 'seq'> : never) : never;

/** `o` without its `undefined` members: optional fields are absent, never `undefined`. */
function defined<T>(o: { [K in keyof T]: T[K] | undefined }): T {
  for (const k in o) if (o[k] === undefined) delete o[k];
  return o as T;
}

/** The same fulfilment: type, store and pickup method (`in_store` when unset). */
const sameFulfillment = (x: Fulfillment, y: Fulfillment) => {
  const key = (f: Fulfillment) => [f.type, 'storeId' in f ? f.storeId : '', (f as { method?: string }).method ?? 'in_store'].join();
  return key(x) === key(y);
};

function createCartView(client: ClientLike): CartViewApi & Service & { undoMs: number } {
  const cart = cartOf(client);
  // Filled by the compute() below, before anyone can read it.
  const $view = atom<CartView>(undefined!);
  // `empty` once read (whether a cart is here is the cart store's to say).
  let read: 'loading' | 'error' | 'empty' = 'loading';
  let readError: OmnikitError | undefined;
  let conflict = false;
  let checkingOut = false;
  let order: Order | undefined;
  let chosen: PaymentMethod | undefined;
  let emailProblem: EmailProblem | undefined;
  let blocked: string[] = [];
  let lastError: OmnikitError | undefined;
  let change: CartViewChange | undefined;
  let seq = 0;
  const pending = new Map<string, number>();
  const removals = new Map<string, Removal>();

  const say = (c: ChangeInput) => {
    change = { ...c, seq: ++seq } as CartViewChange;
  };
  const lineOf = (lineId: string) => cart.$cart.get()?.lines.find((l) => l.id === lineId);
  const allowed = (c: Cart | null) => (c ? paymentMethodsFor(c) : []).filter((p) => !p.refused).map((p) => p.method);

  function compute(): void {
    const c = cart.$cart.get();
    // A new cart after an order leaves the confirmation.
    if (c) order = undefined;
    const methods = allowed(c);
    const paymentMethod = chosen && methods.includes(chosen) ? chosen : methods[0];
    const groups: CartViewGroup[] = (c?.groups ?? []).map((g) => ({
      id: g.id, fulfillment: g.fulfillment, ...(g.storeName ? { storeName: g.storeName } : {}), group: g,
      rows: g.lineIds.flatMap((id): CartViewLine[] => {
        const line = lineOf(id);
        if (!line || removals.has(id)) return [];
        const quantity = pending.get(id) ?? line.quantity;
        const { ok, problem, alternatives } = line.availability;
        return [defined<CartViewLine>({
          kind: 'line', line, quantity, pending: pending.has(id), canDecrease: quantity > 1, canIncrease: quantity < MAX_LINE_QUANTITY,
          problem: ok ? undefined : (problem ?? 'out_of_stock'), fixes: ok ? [] : alternatives, blocked: blocked.includes(id),
        })];
      }),
    }));
    // Removed lines in their place: their group's, at the index they had (a group of its own when it went with them).
    for (const r of [...removals.values()].sort((a, b) => a.index - b.index)) {
      const { id, fulfillment, storeName } = r.group;
      let g = groups.find((x) => x.id === id);
      if (!g) groups.push((g = defined<CartViewGroup>({ id, fulfillment, storeName, group: undefined, rows: [] })));
      const { sku, name, quantity } = r.line;
      g.rows.splice(r.index, 0, { kind: 'removed', lineId: r.line.id, sku, name, quantity, fulfillment: r.line.fulfillment, expiresAt: r.expiresAt, restoring: r.restoring });
    }
    const hasLines = !!c?.lines.some((l) => !removals.has(l.id));
    const status: CartViewStatus = checkingOut ? 'checking-out'
      : order ? 'ordered'
      : c && conflict ? 'conflict'
      : hasLines || removals.size ? 'ready'
      : c ? 'empty'
      : read;
    $view.set(defined<CartView>({
      status,
      cart: order ? null : c,
      groups: order ? [] : groups,
      payment: c ? paymentMethodsFor(c) : [],
      paymentMethod,
      emailProblem,
      canCheckout: hasLines && !!c?.ready && !!paymentMethod && !checkingOut && !pending.size && ![...removals.values()].some((r) => r.restoring),
      blockedLineIds: blocked,
      order,
      error: status === 'error' ? readError : lastError,
      change,
    }));
  }

  async function load(): Promise<void> {
    try {
      await cart.get();
      read = 'empty';
      readError = undefined;
      conflict = false;
    } catch (e) {
      read = 'error';
      readError = asOmnikitError(e);
    }
    compute();
  }

  /** A change that failed: a conflict the SDK gave up on shows the current cart and says so. */
  async function fail(e: unknown): Promise<void> {
    const err = asOmnikitError(e);
    if (err.code === 'cart_version_conflict') {
      conflict = true;
      say({ kind: 'conflict' });
      await cart.get().catch(() => {});
    } else {
      lastError = err;
      say({ kind: 'failed', error: err });
    }
  }

  /** Runs a change; `after` sees its result when it went through. */
  async function run<T>(what: () => Promise<T>, after?: (result: T) => void): Promise<boolean> {
    try {
      const result = await what();
      conflict = false;
      lastError = undefined;
      after?.(result);
      return true;
    } catch (e) {
      await fail(e);
      return false;
    } finally {
      compute();
    }
  }

  /** The line of `c` with this SKU and fulfilment (a line the server merged into, or made anew). */
  const lineLike = (c: Cart, sku: string, f: Fulfillment) => c.lines.find((l) => l.sku === sku && sameFulfillment(l.fulfillment, f));

  const api: CartViewApi & Service & { undoMs: number } = {
    $view,
    undoMs: CART_UNDO_MS,
    async setQuantity(lineId, quantity) {
      const line = lineOf(lineId);
      const q = Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.round(quantity)));
      if (line && Number.isFinite(quantity) && q !== (pending.get(lineId) ?? line.quantity)) {
        pending.set(lineId, q);
        compute();
        await run(() => cart.setQuantity({ lineId, quantity: q }), () => {
          if (pending.get(lineId) === q) say({ kind: 'quantity', lineId, name: line.name, quantity: q });
        });
        if (pending.get(lineId) === q) pending.delete(lineId);
      }
      compute();
    },
    step(lineId, delta) {
      const line = lineOf(lineId);
      return line ? api.setQuantity(lineId, (pending.get(lineId) ?? line.quantity) + delta) : Promise.resolve();
    },
    async remove(lineId) {
      const line = lineOf(lineId);
      const group = cart.$cart.get()?.groups.find((x) => x.lineIds.includes(lineId));
      if (!line || !group || removals.has(lineId)) return;
      const index = group.lineIds.filter((id) => !removals.has(id)).indexOf(lineId);
      const done = run(() => cart.removeLine({ lineId }), () => say({ kind: 'removed', lineId, name: line.name }));
      const drop = () => {
        clearTimeout(r.timer);
        removals.delete(lineId);
        compute();
      };
      const r: Removal = {
        line, group, index, expiresAt: Date.now() + api.undoMs, restoring: false, done,
        timer: setTimeout(() => removals.get(lineId) === r && !r.restoring && drop(), api.undoMs),
      };
      removals.set(lineId, r);
      compute();
      // A removal that failed puts the line back at once.
      if (!(await done) && removals.get(lineId) === r) drop();
    },
    async undo(lineId) {
      const r = removals.get(lineId);
      if (!r || r.restoring) return;
      r.restoring = true;
      clearTimeout(r.timer);
      compute();
      // A removal that failed has put the line back already: nothing to undo.
      if (!(await r.done)) return;
      const { sku, quantity, fulfillment, name } = r.line;
      await run(() => cart.addLine({ sku, quantity, fulfillment }), (c) => {
        say({ kind: 'restored', lineId: lineLike(c, sku, fulfillment)?.id ?? lineId, name });
      });
      removals.delete(lineId);
      compute();
    },
    async fix(lineId, fulfillment) {
      const line = lineOf(lineId);
      if (!line) return;
      await run(() => cart.setFulfillment({ lineId, fulfillment }), (c) => {
        const id = (c.lines.find((l) => l.id === lineId) ?? lineLike(c, line.sku, fulfillment))?.id;
        const storeName = c.groups.find((g) => id && g.lineIds.includes(id))?.storeName;
        blocked = blocked.filter((x) => x !== lineId);
        say({ kind: 'fulfillment', lineId: id ?? lineId, name: line.name, fulfillment, ...(storeName ? { storeName } : {}) });
      });
    },
    choosePayment(method) {
      if (allowed(cart.$cart.get()).includes(method)) chosen = method;
      compute();
    },
    async checkout(contact) {
      const email = typeof contact?.email === 'string' ? contact.email.trim() : '';
      emailProblem = emailProblemOf(email);
      const method = $view.get().paymentMethod;
      if (emailProblem || !method || checkingOut) return void compute();
      checkingOut = true;
      compute();
      try {
        order = await cart.checkout({ payment: { method }, contact: { email } });
        blocked = [];
        lastError = undefined;
        conflict = false;
        say({ kind: 'ordered', order });
        return order;
      } catch (e) {
        const err = asOmnikitError(e);
        if (err.code === 'checkout_unavailable') {
          // The answer names the lines; the cart read again shows each with its availability now.
          const now = await cart.get().catch(() => cart.$cart.get());
          blocked = now?.lines.filter((l) => !l.availability.ok).map((l) => l.id) ?? [];
          say({ kind: 'refused', lineIds: blocked });
          lastError = blocked.length ? undefined : err;
        } else if (err.code === 'validation_failed' && err.details?.issues?.some((i) => i.path.includes('email'))) {
          emailProblem = 'invalid';
        } else await fail(err);
        return undefined;
      } finally {
        checkingOut = false;
        compute();
      }
    },
    async retry() {
      if (read === 'error') read = 'loading';
      conflict = false;
      compute();
      await load();
    },
    close() {
      for (const r of removals.values()) clearTimeout(r.timer);
      removals.clear();
    },
  };

  compute();
  onMount($view, () => {
    const stop = cart.$cart.listen(compute);
    compute();
    if (read !== 'empty') void load();
    return stop;
  });
  return api;
}

/**
 * The cart page of a client (one per client): the lines by fulfilment group with their
 * steppers, problems and one-click fixes, removals with undo, the payment methods allowed, the
 * conflict state and checkout. Every decision `<omni-cart>` shows comes from here, so a React
 * or Vue page renders the same from the SDK alone. `undoMs` (tests, kiosks) sets how long a
 * removal can be undone from then on.
 */
export function cartViewOf(client: ClientLike, options?: { undoMs?: number }): CartViewApi {
  const view = useService(client, createCartView);
  if (options?.undoMs !== undefined) view.undoMs = options.undoMs;
  return view;
}
