import type { Order, OrderAlternative, OrderAttention, OrderPickup, PickupArrival, ResolveBody } from '@omnikit/contract/cart';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import type { OmnikitError } from '../errors.js';
import { arriveOrder, resolveOrder, type ArriveInput } from '../resources/orders.js';
import { orderStore } from './order.js';
import { asOmnikitError } from './remote.js';

/** A step of a pickup order as the shopper follows it. */
export type OrderStepKey = 'placed' | 'picking' | 'ready' | 'collected';

/** One step of {@link OrderStatusState.steps}: behind the order, where it is, or still to come. */
export interface OrderStatusStep {
  key: OrderStepKey;
  state: 'done' | 'current' | 'upcoming';
}

/**
 * Where the order left the ordinary steps, or waits before them:
 * - `awaiting_payment`: placed, the payment is not confirmed yet;
 * - `needs_attention`: a stock correction took units it held; the shopper chooses among `alternatives`;
 * - `cancelled`, `expired`: it ended without a handover.
 */
export type OrderOutcome = 'awaiting_payment' | 'needs_attention' | 'cancelled' | 'expired';

/** A locker compartment to open, shown while the order is ready. */
export interface OrderLockerView {
  storeId: string;
  compartment: number;
  /** The opening code (in the shopper's answers only). */
  code?: string;
}

/** The last action of the shopper on the order: `idle`, `pending`, or how it ended. */
export type OrderActionState =
  | { status: 'idle' }
  | { status: 'pending'; kind: 'arrive' | 'resolve' }
  | { status: 'done'; kind: 'arrive' | 'resolve' }
  | { status: 'error'; kind: 'arrive' | 'resolve'; error: OmnikitError };

/** What an order status page shows, all decided here (see {@link orderStatusStore}). */
export interface OrderStatusState {
  /** `loading` before the first read; `error` when it failed before any answer (`error`). */
  status: 'loading' | 'ready' | 'error';
  order?: Order;
  error?: OmnikitError;
  /** placed, being picked, ready, collected: each done, current or upcoming. Empty until `ready`. */
  steps: OrderStatusStep[];
  /** Set when the order is outside the ordinary steps. */
  outcome?: OrderOutcome;
  /** How it is picked up (its first pickup group): `in_store`, `curbside` or `locker`; absent for delivery only. */
  method?: OrderPickup['method'];
  /** The store (or locker location) of that pickup. */
  storeId?: string;
  /** The shopper's "I have arrived" at a curbside pickup, once said. */
  arrival?: PickupArrival;
  /** Whether "I have arrived" is offered: curbside, being picked or ready, not said yet, no action pending. */
  canArrive: boolean;
  /** Compartments and codes, while the order is ready at a locker. */
  lockers: OrderLockerView[];
  /** With `needs_attention`: what happened and the server's alternatives, in its order. */
  attention?: OrderAttention;
  alternatives: OrderAlternative[];
  /** Until when it can be collected (ready), or the choice made (needs attention). */
  collectBy?: string;
  action: OrderActionState;
}

/** {@link orderStatusStore}: the state, and the shopper's two actions. */
export interface OrderStatusStore extends ReadableAtom<OrderStatusState> {
  /**
   * "I have arrived" (with the bay or the car) through `omni.orders.arrive`; `action` is
   * `pending` meanwhile, then `done` or `error` (an `OmnikitError` with its code; nothing thrown).
   */
  arrive(input?: ArriveInput): Promise<void>;
  /** The shopper's choice for a needs-attention order (one of `alternatives`) through `omni.orders.resolve`; as `arrive`. */
  resolve(choice: ResolveBody): Promise<void>;
}

const STEPS: readonly OrderStepKey[] = ['placed', 'picking', 'ready', 'collected'];
const stepOf: Partial<Record<Order['status'], number>> = { awaiting_payment: 0, confirmed: 0, picking: 1, ready: 2, collected: 3 };

/** The state for one order (pure; exported for pages that hold the order themselves). */
export function orderStatusOf(order: Order, action: OrderActionState = { status: 'idle' }): OrderStatusState {
  const pickup = order.pickups?.[0];
  const at = stepOf[order.status];
  // Outside the steps: as far as the order had come (ready once it had a ready time).
  const reached = at ?? (order.readyAt ? 2 : 0);
  const stateOf = (i: number): OrderStatusStep['state'] => {
    if (order.status === 'collected') return 'done';
    if (at !== undefined) return i < at ? 'done' : i === at ? 'current' : 'upcoming';
    return i === 0 || i < reached ? 'done' : 'upcoming';
  };
  const steps = STEPS.map((key, i): OrderStatusStep => ({ key, state: stateOf(i) }));
  const outcome = order.status === 'awaiting_payment' || order.status === 'needs_attention' || order.status === 'cancelled' || order.status === 'expired' ? order.status : undefined;
  const curbside = order.pickups?.find((p) => p.method === 'curbside');
  const lockers = order.status === 'ready'
    ? (order.pickups ?? []).flatMap((p) => (p.locker ? [{ storeId: p.storeId, compartment: p.locker.compartment, ...(p.locker.code ? { code: p.locker.code } : {}) }] : []))
    : [];
  const arrival = curbside?.arrival;
  return {
    status: 'ready',
    order,
    steps,
    ...(outcome ? { outcome } : {}),
    ...(pickup ? { method: pickup.method, storeId: pickup.storeId } : {}),
    ...(arrival ? { arrival } : {}),
    canArrive: !!curbside && !arrival && (order.status === 'picking' || order.status === 'ready') && action.status !== 'pending',
    lockers,
    ...(order.attention && order.status === 'needs_attention' ? { attention: order.attention } : {}),
    alternatives: order.status === 'needs_attention' ? order.attention?.alternatives ?? [] : [],
    ...(order.collectBy && (order.status === 'ready' || order.status === 'needs_attention') ? { collectBy: order.collectBy } : {}),
    action,
  };
}

const EMPTY = { steps: [], canArrive: false, lockers: [], alternatives: [] };
const stores = new WeakMap<object, Map<string, OrderStatusStore>>();

/**
 * The shopper's view of a pickup order, live (`<omni-order-status>` renders it): the steps
 * (placed, being picked, ready, collected), where it left them (`outcome`), the curbside arrival
 * and whether "I have arrived" is offered, the locker compartment and code when ready, and the
 * server's alternatives for a needs-attention order. It follows {@link orderStore} (the order's
 * topic on the one event stream), and shows an action's answer at once. One store per client and order.
 *
 * ```ts
 * const $status = orderStatusStore(omni, orderId);
 * $status.subscribe((s) => s.canArrive && showArriveButton());
 * await $status.arrive({ bay: '4' });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function orderStatusStore(client: ClientLike, orderId: string): OrderStatusStore {
  let byId = stores.get(client);
  if (!byId) stores.set(client, (byId = new Map()));
  const known = byId.get(orderId);
  if (known) return known;
  const $order = orderStore(client, orderId);
  const $action = atom<OrderActionState>({ status: 'idle' });
  // An action's answer until the stream's re-read brings the same or a newer order.
  const $answer = atom<Order | undefined>(undefined);
  const $state = computed([$order, $action, $answer], (r, action, answer): OrderStatusState => {
    if (r.status === 'loading') return answer ? orderStatusOf(answer, action) : { status: 'loading', ...EMPTY, action };
    if (r.status === 'error') return answer ? orderStatusOf(answer, action) : { status: 'error', error: r.error, ...EMPTY, action };
    const order = answer && answer.updatedAt > r.data.updatedAt ? answer : r.data;
    return orderStatusOf(order, action);
  });
  const run = async (kind: 'arrive' | 'resolve', call: () => Promise<Order>) => {
    if ($action.get().status === 'pending') return;
    $action.set({ status: 'pending', kind });
    try {
      $answer.set(await call());
      $action.set({ status: 'done', kind });
    } catch (e) {
      $action.set({ status: 'error', kind, error: asOmnikitError(e) });
    }
  };
  const store = Object.assign($state, {
    arrive: (input: ArriveInput = {}) => run('arrive', () => arriveOrder(client, orderId, input)),
    resolve: (choice: ResolveBody) => run('resolve', () => resolveOrder(client, orderId, choice)),
  }) as OrderStatusStore;
  byId.set(orderId, store);
  return store;
}
