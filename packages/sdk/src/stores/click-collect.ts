import type { FulfillmentOption, FulfillmentOptions, PickupSlot, PickupSlotList } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import type { OmnikitError } from '../errors.js';
import { getSkuFulfillmentOptions } from '../resources/fulfillment.js';
import { listPickupSlots } from '../resources/pickup.js';
import { cartCoreOf } from '../resources/cart-core.js';
import { choiceAt, type FulfillmentChoice } from './choice-state.js';
import { fulfillmentChoice } from './fulfillment-choice.js';
import { asOmnikitError, remoteStore, sharedStore, type Remote } from './remote.js';

const ONLINE = 'online';

/** Query of {@link clickCollectStore}. */
export interface ClickCollectQuery {
  sku: string;
  /** Whole units, 1 to 999 (default 1). */
  quantity?: number | undefined;
  /**
   * The store to offer pickup at; default the client's selected store (`$selectedStore`). None
   * (or `online`): home delivery only, and {@link ClickCollectState.needsStore} is `true`.
   */
  storeId?: string | undefined;
}

/** When a pickup is ready, in the store's own calendar: today, tomorrow or a later day. */
export type ReadyDay = 'today' | 'tomorrow' | 'later';

/** One radio of the choice: the server's option with what a widget needs to show it. */
export interface ClickCollectOption extends FulfillmentOption {
  /** Pickup kinds, when possible: the day of `readyAt` seen from the answer's time, in the store's zone (`timeZone`). */
  readyDay?: ReadyDay;
  /** When not possible: the option to have instead (the server's default), if there is one. */
  insteadId?: string;
  /** When not possible for want of units: how many there are (fewer than asked). */
  available?: number;
  /** Whether a pickup slot is chosen with it (at the counter and the curb, not lockers or delivery). */
  hasSlots: boolean;
}

/** The pickup slots of the selected option's ready day. */
export interface ClickCollectSlots {
  /** `none`: the selected option has no slots; `loading`, `ready` or `error` while it has. */
  status: 'none' | 'loading' | 'ready' | 'error';
  storeId?: string;
  /** `YYYY-MM-DD` in the store's calendar: the day the pickup is ready. */
  date?: string;
  /** The store's IANA zone (show the times in it). */
  timeZone?: string;
  /**
   * The day's slots in order: `available` ones can be chosen; the others say why (`reason`):
   * `full`, `past`, or `too_soon` (over before the order is ready, its `readyAt` counted).
   */
  items: PickupSlot[];
  /** The chosen slot, when it is among `items` and can still be had. */
  selectedId?: string;
  error?: OmnikitError;
}

/** Everything `<omni-click-collect>` shows, decided here (see {@link clickCollectStore}). */
export interface ClickCollectState {
  /** `loading` until the options are known; `error` for bad input (`validation_failed`) or a failed read. */
  status: 'loading' | 'ready' | 'error';
  sku: string;
  quantity: number;
  /** The store the options are for; absent: none chosen (delivery only). */
  storeId?: string;
  /** No store is chosen: pickup needs one first (offer the store picker). */
  needsStore: boolean;
  /** The options in the server's order (counter, curb, lockers, delivery). */
  options: ClickCollectOption[];
  /** The selected option: the shopper's choice while it holds and is possible, else the server's default. */
  selectedId?: string;
  selected?: ClickCollectOption;
  /** The choice the selection stands for, as `addToCartStore` will add it (with the chosen slot). */
  choice?: FulfillmentChoice;
  /** ISO 8601: when the server computed the options. */
  computedAt?: string;
  slots: ClickCollectSlots;
  error?: OmnikitError;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** @internal `YYYY-MM-DD` of an instant in a zone (Intl, no offset arithmetic). */
export function localDateOf(iso: string, timeZone: string): string {
  let f = zoneFormats.get(timeZone);
  if (!f) zoneFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(new Date(iso));
}
const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function readyDayOf(readyAt: string, computedAt: string, timeZone: string): ReadyDay {
  const day = localDateOf(readyAt, timeZone);
  const today = localDateOf(computedAt, timeZone);
  return day === today ? 'today' : day === nextDay(today) ? 'tomorrow' : 'later';
}

/** The options with their derived fields; the selection. */
function decideOptions(a: FulfillmentOptions, choice: FulfillmentChoice | undefined) {
  const options: ClickCollectOption[] = a.options.map((o) => {
    const hasSlots = o.kind === 'in_store' || o.kind === 'curbside';
    if (!o.possible) {
      const short = o.lines.find((l) => l.problem === 'insufficient_stock');
      return {
        ...o,
        hasSlots,
        ...(a.defaultOptionId && a.defaultOptionId !== o.id ? { insteadId: a.defaultOptionId } : {}),
        ...(short ? { available: short.available } : {}),
      };
    }
    return { ...o, hasSlots, ...(o.readyAt && o.timeZone ? { readyDay: readyDayOf(o.readyAt, a.computedAt, o.timeZone) } : {}) };
  });
  const held = choiceAt(choice, a.storeId);
  const chosen = held && options.find((o) => o.possible && o.kind === held.kind && (o.kind === 'delivery' || (o.fulfillment as { storeId?: string }).storeId === held.storeId));
  const selected = chosen ?? options.find((o) => o.id === a.defaultOptionId);
  return { options, selected };
}

/** @internal The choice a selected option stands for (the slot kept when it is one of the same store). */
export function choiceOf(option: ClickCollectOption, storeId: string | undefined, slotId?: string): FulfillmentChoice {
  if (option.kind === 'delivery') return { kind: 'delivery' };
  const at = (option.fulfillment as { storeId: string }).storeId;
  const c: FulfillmentChoice = { kind: option.kind, storeId: at };
  if (option.kind === 'locker' && storeId && storeId !== at) c.nearStoreId = storeId;
  if (option.hasSlots && slotId && slotId.startsWith(`${at}@`)) c.slotId = slotId;
  return c;
}

/** A store's pickup slots of one day, as remote data (one read per client, store and day while watched). */
function slotsStore(client: ClientLike, storeId: string, date: string): ReadableAtom<Remote<PickupSlotList>> {
  return remoteStore<PickupSlotList>(client, `pickup-slots:${storeId}@${date}`, ($s) => {
    let active = true;
    listPickupSlots(client, { storeId, date }).then(
      (data) => active && $s.set({ status: 'ready', data }),
      (e) => active && $s.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
    };
  });
}

/** @internal The options of one SKU, quantity and store as remote data (shared by the stores that ask). */
export function fulfillmentOptionsStore(client: ClientLike, sku: string, quantity: number, storeId: string | undefined): ReadableAtom<Remote<FulfillmentOptions>> {
  return remoteStore<FulfillmentOptions>(client, `fulfillment-options:${sku}*${quantity}@${storeId ?? ''}`, ($s) => {
    let active = true;
    getSkuFulfillmentOptions(client, { sku, quantity, ...(storeId ? { storeId } : {}) }).then(
      (data) => active && $s.set({ status: 'ready', data }),
      (e) => active && $s.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
    };
  });
}

const NO_SLOTS: ClickCollectSlots = { status: 'none', items: [] };

/**
 * How the shopper can get one SKU and quantity from the selected store, kept live as a
 * nanostores atom: the options of `omni.fulfillment.options` as a radio group would show them,
 * which one is selected, when each is ready, why an impossible one is and what to have instead,
 * and the pickup slots of the ready day. Every decision is made here, so a React page shows the
 * same as `<omni-click-collect>`:
 *
 * - the selected option is the shopper's {@link fulfillmentChoice} while it holds (the same
 *   store; a locker offered by the selected store) and is possible, else the server's
 *   `defaultOptionId` (the first possible; none when nothing is);
 * - a pickup's `readyAt` is shown in the store's zone (`timeZone`), `readyDay` says today,
 *   tomorrow or later in that zone's calendar; delivery has its `deliveryDate`;
 * - an impossible option keeps the server's `problem`, `available` units when there are too
 *   few, and `insteadId` (the default option);
 * - at the counter and the curb, the slots of the ready day (`omni.pickup.slots`), a slot over
 *   before `readyAt` marked `too_soon`, full ones `full`; `slots.selectedId` is the chosen slot
 *   while it can be had.
 *
 * Bad input (SKU, quantity, store id) is the `error` state with `validation_failed`; nothing is
 * thrown. Choose with {@link chooseClickCollectOption} and {@link chooseClickCollectSlot}.
 */
export function clickCollectStore(client: ClientLike, query: ClickCollectQuery): ReadableAtom<ClickCollectState> {
  const { sku } = query;
  const quantity = query.quantity ?? 1;
  const asked = query.storeId;
  const key = `click-collect:${sku}*${quantity}@${asked ?? '(selected)'}`;
  const initial: ClickCollectState = { status: 'loading', sku, quantity, needsStore: false, options: [], slots: NO_SLOTS };
  return sharedStore<ClickCollectState>(client, key, initial, ($state) => {
    const selectedStore = (client as { $selectedStore?: ReadableAtom<string | undefined> }).$selectedStore;
    const { $choice } = cartCoreOf(client);
    let $options: ReadableAtom<Remote<FulfillmentOptions>> | undefined;
    let optionsKey = '';
    let stopOptions: (() => void) | undefined;
    let $slots: ReadableAtom<Remote<PickupSlotList>> | undefined;
    let slotsKey = '';
    let stopSlots: (() => void) | undefined;

    const storeNow = () => {
      const s = asked === undefined ? selectedStore?.get() : asked;
      return s && s !== ONLINE ? s : undefined;
    };

    const decide = (): ClickCollectState => {
      const storeId = storeNow();
      const base = { sku, quantity, needsStore: !storeId, ...(storeId ? { storeId } : {}) };
      const r = $options?.value;
      if (!r || r.status === 'loading') return { ...base, status: 'loading', options: [], slots: NO_SLOTS };
      if (r.status === 'error') return { ...base, status: 'error', options: [], slots: NO_SLOTS, error: r.error };
      const choice = $choice.get();
      const { options, selected } = decideOptions(r.data, choice);
      const held = choiceAt(choice, storeId);
      const state: ClickCollectState = { ...base, status: 'ready', options, computedAt: r.data.computedAt, slots: NO_SLOTS };
      if (!selected) return state;
      state.selectedId = selected.id;
      state.selected = selected;
      const c = choiceOf(selected, storeId, held?.slotId);
      if (!selected.hasSlots || !selected.readyAt || !selected.timeZone) {
        state.choice = c;
        return state;
      }
      const at = c.storeId!;
      const date = localDateOf(selected.readyAt, selected.timeZone);
      const sr = $slots?.value;
      if (!sr || sr.status === 'loading') {
        state.slots = { status: 'loading', storeId: at, date, timeZone: selected.timeZone, items: [] };
      } else if (sr.status === 'error') {
        state.slots = { status: 'error', storeId: at, date, timeZone: selected.timeZone, items: [], error: sr.error };
      } else {
        const ready = Date.parse(selected.readyAt);
        const items = sr.data.items.map((s): PickupSlot =>
          s.available && Date.parse(s.endsAt) <= ready ? { ...s, available: false, reason: 'too_soon' } : s);
        const ok = c.slotId && items.find((s) => s.id === c.slotId && s.available);
        state.slots = { status: 'ready', storeId: at, date, timeZone: sr.data.timeZone, items, ...(ok ? { selectedId: ok.id } : {}) };
      }
      // A slot that no longer holds (full, past, another day) is no part of the choice.
      if (c.slotId && state.slots.selectedId !== c.slotId) delete c.slotId;
      state.choice = c;
      return state;
    };

    const update = () => {
      // Follow the store, then the slot day the selection needs, then decide.
      const storeId = storeNow();
      const ok = `${storeId}`;
      if (ok !== optionsKey) {
        optionsKey = ok;
        stopOptions?.();
        try {
          $options = fulfillmentOptionsStore(client, sku, quantity, storeId);
          stopOptions = $options.listen(update);
        } catch (e) {
          $options = undefined;
          $state.set({ sku, quantity, needsStore: !storeId, status: 'error', options: [], slots: NO_SLOTS, error: asOmnikitError(e) });
          return;
        }
      }
      let next = decide();
      const want = next.slots.status !== 'none' ? `${next.slots.storeId}@${next.slots.date}` : '';
      if (want !== slotsKey) {
        slotsKey = want;
        stopSlots?.();
        stopSlots = undefined;
        $slots = want ? slotsStore(client, next.slots.storeId!, next.slots.date!) : undefined;
        if ($slots) stopSlots = $slots.listen(update);
        next = decide();
      }
      if (JSON.stringify(next) !== JSON.stringify($state.value)) $state.set(next);
    };
    const stops = [$choice.listen(update), asked === undefined ? selectedStore?.listen(update) : undefined];
    update();
    return () => {
      stops.forEach((s) => s?.());
      stopOptions?.();
      stopSlots?.();
    };
  });
}

/**
 * Chooses one of a {@link clickCollectStore} state's options by id (a possible one): records it
 * as the client's {@link fulfillmentChoice} (a slot chosen before at the same store kept) and
 * returns the choice. Returns `undefined` and changes nothing for an unknown or impossible option.
 */
export function chooseClickCollectOption(client: ClientLike, state: ClickCollectState, optionId: string): FulfillmentChoice | undefined {
  const o = state.options.find((x) => x.id === optionId);
  if (!o || !o.possible) return undefined;
  const { $choice, choose } = fulfillmentChoice(client);
  const c = choiceOf(o, state.storeId, $choice.get()?.slotId);
  choose(c);
  return c;
}

/**
 * Chooses a pickup slot of a {@link clickCollectStore} state (`undefined`: none) for its
 * selected option, and returns the new choice. Returns `undefined` and changes nothing when the
 * selected option has no slots or the slot is not one that can be had.
 */
export function chooseClickCollectSlot(client: ClientLike, state: ClickCollectState, slotId: string | undefined): FulfillmentChoice | undefined {
  const o = state.selected;
  if (!o?.hasSlots || (slotId !== undefined && !state.slots.items.some((s) => s.id === slotId && s.available))) return undefined;
  const c = choiceOf(o, state.storeId);
  if (slotId) c.slotId = slotId;
  fulfillmentChoice(client).choose(c);
  return c;
}
