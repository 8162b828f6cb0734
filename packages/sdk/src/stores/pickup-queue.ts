import { QUEUE_STATUSES, STAFF_TRANSITIONS, storeOrdersTopic, type Order, type PickupArrival, type StaffStep } from '@omnikit/contract/cart';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { createRealtime } from '../realtime.js';
import { getOrderAdmin, listOrders, setOrderStep } from '../resources/orders.js';
import { asOmnikitError } from './remote.js';

const inQueue = (status: string) => (QUEUE_STATUSES as readonly string[]).includes(status);

/** The sections of a store's pickup queue, in the order staff work them. */
export type PickupQueueSection = 'atCurb' | 'toPick' | 'picking' | 'ready' | 'needsAttention';

/** The section keys in display order: shoppers waiting at the curb first. */
export const PICKUP_QUEUE_SECTIONS: readonly PickupQueueSection[] = ['atCurb', 'toPick', 'picking', 'ready', 'needsAttention'];

/** One order in the queue, with what staff can do with it now. */
export interface PickupQueueEntry {
  order: Order;
  /** The staff step offered now (`picking`, `ready`, `collected`), none for a needs-attention order. */
  next?: StaffStep;
  /** "I have arrived" of a curbside pickup at this store. */
  arrival?: PickupArrival;
  /** The step being sent for it, or why the last one failed. */
  action?: { status: 'pending'; step: StaffStep } | { status: 'error'; step: StaffStep; error: OmnikitError };
}

/** What the staff's queue shows (see {@link pickupQueueStore}). */
export interface PickupQueueState {
  /** `loading` before the first list; `error` when it failed before any (`error`). */
  status: 'loading' | 'ready' | 'error';
  /** The failure of the first list, or of the stream later (an expired staff session: sign in again). */
  error?: OmnikitError;
  storeId: string;
  /** At the curb (being picked or ready, with an arrival), earliest arrival first. */
  atCurb: PickupQueueEntry[];
  /** Confirmed, to pick; oldest first. */
  toPick: PickupQueueEntry[];
  /** Being picked. */
  picking: PickupQueueEntry[];
  /** Ready for pickup. */
  ready: PickupQueueEntry[];
  /** Waiting for the shopper's choice after a stock correction. */
  needsAttention: PickupQueueEntry[];
  /** Orders in the queue (all sections). */
  total: number;
  /** More open orders than one list holds ({@link QUEUE_PAGE_SIZE}): the oldest are shown. */
  truncated: boolean;
}

/** {@link pickupQueueStore}: the state, and the staff steps. */
export interface PickupQueueStore extends ReadableAtom<PickupQueueState> {
  /**
   * A staff step for one order (`admin.orders.startPicking`/`markReady`/`markCollected`): its
   * entry's `action` is `pending`, then gone (the answer is shown at once) or `error`. Never throws.
   */
  step(orderId: string, step: StaffStep): Promise<void>;
  /** Lists the queue again (after a network error the staff dismissed). */
  refresh(): Promise<void>;
}

/** Open orders one list asks for. */
export const QUEUE_PAGE_SIZE = 100;

const byOldest = (a: Order, b: Order) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/** The sections of one store's open orders (pure; exported for pages that list orders themselves). */
export function pickupQueueOf(storeId: string, orders: Iterable<Order>, actions: ReadonlyMap<string, NonNullable<PickupQueueEntry['action']>> = new Map()): Omit<PickupQueueState, 'status' | 'truncated'> {
  const sections: Record<PickupQueueSection, PickupQueueEntry[]> = { atCurb: [], toPick: [], picking: [], ready: [], needsAttention: [] };
  for (const order of [...orders].sort(byOldest)) {
    if (!order.storeIds.includes(storeId)) continue;
    const arrival = order.pickups?.find((p) => p.storeId === storeId && p.method === 'curbside' && p.arrival)?.arrival;
    const next = (['picking', 'ready', 'collected'] as const).find((s) => STAFF_TRANSITIONS[order.status].includes(s) && (order.status !== 'confirmed' || s === 'picking'));
    const action = actions.get(order.id);
    const entry: PickupQueueEntry = { order, ...(next ? { next } : {}), ...(arrival ? { arrival } : {}), ...(action ? { action } : {}) };
    const section: PickupQueueSection | undefined =
      arrival && (order.status === 'picking' || order.status === 'ready') ? 'atCurb'
      : order.status === 'confirmed' ? 'toPick'
      : order.status === 'picking' ? 'picking'
      : order.status === 'ready' ? 'ready'
      : order.status === 'needs_attention' ? 'needsAttention'
      : undefined;
    if (section) sections[section].push(entry);
  }
  sections.atCurb.sort((a, b) => (a.arrival!.at < b.arrival!.at ? -1 : a.arrival!.at > b.arrival!.at ? 1 : 0));
  const total = PICKUP_QUEUE_SECTIONS.reduce((n, k) => n + sections[k].length, 0);
  return { storeId, ...sections, total };
}

/**
 * The staff's view of one store's pickups, live (`<omni-pickup-queue>` renders it): orders at
 * the curb first, then to pick, being picked, ready and needing attention, each with the step
 * offered now. Run it on an admin client with that store's staff session
 * (`createAdminClient({ baseUrl, staffToken })`), or the secret key on a server.
 *
 * It follows the store's orders topic (`store:{storeId}:orders`, which the stream serves only to
 * that store's staff session or the secret key) on the client's one event stream: one list of
 * the open orders when it starts and when the stream lost events (a reconnect past its window),
 * then each `order.changed` updates the one order it names: an order that left the queue
 * (collected, cancelled, expired) is dropped without a request, any other is read alone
 * (`GET /v1/admin/orders/{id}`; 404 when it moved to another store: dropped). Changes of an
 * order while it is read make one more read of it, not one each; changes while a list is under
 * way, one more list.
 *
 * ```ts
 * const staff = createAdminClient({ baseUrl, staffToken });
 * const $queue = pickupQueueStore(staff, 'se-solna-mall-of-scandinavia');
 * $queue.subscribe((q) => render(q.atCurb, q.toPick));
 * await $queue.step(orderId, 'picking');
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function pickupQueueStore(client: ClientLike, storeId: string): PickupQueueStore {
  if (typeof storeId !== 'string' || !storeId) throw new OmnikitError('validation_failed', 'storeId is required');
  const empty = pickupQueueOf(storeId, []);
  const $state = atom<PickupQueueState>({ status: 'loading', ...empty, truncated: false });
  const orders = new Map<string, Order>();
  const actions = new Map<string, NonNullable<PickupQueueEntry['action']>>();
  let truncated = false;
  let listed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let active = false;
  /** Orders being read alone: true when another change came meanwhile (read once more). */
  const reading = new Map<string, boolean>();

  const show = (error?: OmnikitError) => {
    const cur = $state.value!;
    const err = error ?? (cur.status === 'ready' ? cur.error : undefined);
    $state.set({ status: listed ? 'ready' : error ? 'error' : 'loading', ...(err ? { error: err } : {}), ...pickupQueueOf(storeId, orders.values(), actions), truncated });
  };

  const list = async (): Promise<void> => {
    try {
      const page = await listOrders(client, { storeId, active: true, pageSize: QUEUE_PAGE_SIZE });
      if (!active) return;
      orders.clear();
      for (const o of page.items) orders.set(o.id, o);
      truncated = page.total > page.items.length;
      listed = true;
      show();
    } catch (e) {
      if (active) show(asOmnikitError(e));
    }
  };
  /** One list at a time; asked again meanwhile, one more after it. */
  const relist = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = list().finally(() => {
      running = undefined;
      if (again && active) {
        again = false;
        void relist();
      }
    });
    return running;
  };
  /** Keeps an order if it is still this store's to act on, the newer of two answers. */
  const keep = (order: Order) => {
    const known = orders.get(order.id);
    if (known && known.updatedAt > order.updatedAt) return;
    if (inQueue(order.status) && order.storeIds.includes(storeId)) orders.set(order.id, order);
    else orders.delete(order.id);
  };
  /** Reads one order again (after its `order.changed`); a failure other than 404 lists the queue. */
  const read = async (orderId: string): Promise<void> => {
    // A change while a list is under way: one more list (that list may predate the change).
    if (running) return void (again = true);
    if (reading.has(orderId)) return void reading.set(orderId, true);
    try {
      do {
        reading.set(orderId, false);
        try {
          const order = await getOrderAdmin(client, orderId);
          if (active) keep(order);
        } catch (e) {
          if (asOmnikitError(e).code !== 'order_not_found') return void relist();
          orders.delete(orderId);
        }
        if (active) show();
      } while (reading.get(orderId) && active);
    } finally {
      reading.delete(orderId);
    }
  };

  onMount($state, () => {
    active = true;
    const stop = useService(client, createRealtime).subscribe(storeOrdersTopic(storeId), (signal) => {
      if (signal.type === 'error') show(signal.error);
      else if (signal.type === 'event' && signal.event.type === 'order.changed') {
        const { orderId, status } = signal.event.data;
        if (inQueue(status)) void read(orderId);
        else if (orders.delete(orderId)) show();
      } else void relist();
    });
    void relist();
    return () => {
      active = false;
      again = false;
      stop();
    };
  });

  return Object.assign($state, {
    async step(orderId: string, step: StaffStep): Promise<void> {
      if (actions.get(orderId)?.status === 'pending') return;
      actions.set(orderId, { status: 'pending', step });
      show();
      try {
        const order = await setOrderStep(client, orderId, step);
        actions.delete(orderId);
        keep(order);
      } catch (e) {
        actions.set(orderId, { status: 'error', step, error: asOmnikitError(e) });
        // Another device may have moved it (a conflict): read what it is now.
        void read(orderId);
      }
      show();
    },
    refresh: () => relist(),
  }) as PickupQueueStore;
}
