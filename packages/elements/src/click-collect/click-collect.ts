import {
  chooseClickCollectOption,
  chooseClickCollectSlot,
  clickCollectStore,
  type ClickCollectOption,
  type ClickCollectState,
  type FulfillmentChoice,
} from '@omnikit/sdk/cart';
import type { PickupSlot } from '@omnikit/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { warnRejectedInput } from '#dev';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { styles } from './click-collect.styles.js';
import { OmniFulfillmentChangeEvent } from './event.js';
import { en, messagesOf, type ClickCollectMessages } from './messages.js';

/** What the widget shows; also its custom states (`omni-click-collect:state(ready)`). */
export type ClickCollectStatus = ClickCollectState['status'];
const STATES = ['loading', 'ready', 'error'];

const formats = new Map<string, Intl.DateTimeFormat>();
/** One `Intl.DateTimeFormat` per locale, zone and fields (an invalid locale falls back to English). */
function fmt(locale: string, timeZone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${locale}|${timeZone}|${JSON.stringify(o)}`;
  let f = formats.get(k);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...o, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en', { ...o, timeZone });
    }
    formats.set(k, f);
  }
  return f;
}
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const time = (iso: string, locale: string, zone: string) => fmt(locale, zone, TIME).format(new Date(iso));
const day = (iso: string, locale: string, zone: string) => fmt(locale, zone, DAY).format(new Date(iso));
/** A calendar date (`YYYY-MM-DD`) as a day: noon UTC of it, shown in UTC, is that day everywhere. */
const date = (d: string, locale: string) => day(`${d}T12:00:00Z`, locale, 'UTC');

/**
 * How the shopper gets the product: pickup at the counter or the curb of the chosen store, a
 * parcel locker near it, or home delivery, as a radio group (`role=radiogroup`: arrow keys move
 * and choose, one tab stop), each with its availability and ready time ("Ready today 14:30" in
 * the store's time zone, "Delivered Thu 4 Dec"); an option that cannot be had is disabled with
 * the reason and what to have instead. With a pickup chosen, the store with a "Change store"
 * button (it opens `<omni-store-picker mode="dialog">`) and the pickup times of the ready day, a
 * second radio group in which full times are disabled with the reason. Every decision is the
 * SDK's (`clickCollectStore`); a choice is recorded as the client's fulfilment choice, which
 * `<omni-add-to-cart>` follows, and announced with `omni-fulfillment-change`.
 *
 * @summary Choose pickup, curbside, a locker or delivery, with ready times and pickup slots.
 * @tag omni-click-collect
 * @csspart base - The whole widget (reserves its height in every state).
 * @csspart legend - The question above the options.
 * @csspart option - One option (a radio).
 * @csspart name - An option's or slot's name.
 * @csspart detail - An option's ready time or delivery date, or why it cannot be had; a slot's reason.
 * @csspart store - The pickup store and its button.
 * @csspart store-button - "Change store" / "Choose a store for pickup".
 * @csspart slots - The pickup times.
 * @csspart slot - One pickup time (a radio).
 * @csspart message - Loading, error and empty texts.
 * @cssprop --omni-click-collect-gap - Space between the parts (default `--omni-space-sm`).
 * @cssprop --omni-click-collect-radius - Corner radius of the options (default `--omni-radius-sm`).
 * @cssprop --omni-click-collect-min-height - Height kept in every state (default `15em`).
 * @fires {OmniFulfillmentChangeEvent} omni-fulfillment-change - The shopper chose an option or a slot; `detail` is the choice.
 */
export class OmniClickCollect extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: each chunk would carry the decorator helper of its own.
  static override properties = { sku: {}, qty: { type: Number }, picking: { state: true } };

  /**
   * The product SKU, e.g. `OK-10001`.
   * @attr sku
   */
  sku = '';

  /**
   * Units: a whole number from 1 to 999 (default 1).
   * @attr qty
   */
  qty = 1;

  /** The store picker is open. */
  private picking = false;

  private readonly decision = new StoreController(this, () => {
    const c = this.ctx;
    return c && clickCollectStore(c.client, { sku: this.sku, quantity: this.qty, storeId: c.storeId });
  });

  private current: ClickCollectState = { status: 'loading', sku: '', quantity: 1, needsStore: false, options: [], slots: { status: 'none', items: [] } };
  private m: ClickCollectMessages | undefined;
  /** The radio to focus after the next render (arrow keys move the focus with the choice). */
  private focusId: string | undefined;

  /** What the widget shows now: `loading` (also while the page's language is on its way), `ready` or `error`. */
  get status(): ClickCollectStatus {
    return this.m ? this.current.status : 'loading';
  }

  /** The SDK's whole decision shown now (options, selection, slots). */
  get state(): ClickCollectState {
    return this.current;
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const locale = this.resolvedLocale;
    this.m = messagesOf(locale, () => this.requestUpdate());
    this.current = this.decision.value ?? { ...this.current, status: 'loading', sku: this.sku };
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.setCustomStates(STATES, [this.status]);
    warnRejectedInput(this, this.current.error);
    if (this.focusId) {
      const el = this.shadowRoot!.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.focusId)}"]`);
      this.focusId = undefined;
      el?.focus();
    }
    super.updated(changed);
  }

  /** Records a choice the SDK accepted, and tells the page. */
  private fire(choice: FulfillmentChoice | undefined): void {
    if (!choice) return;
    const e = new OmniFulfillmentChangeEvent(choice);
    // A variable, not `new ...` inline: the manifest analyzer would take its first argument for the event's name.
    this.dispatchEvent(e);
  }

  private pick(id: string, focus = false): void {
    const client = this.ctx?.client;
    if (!client) return;
    const slot = id.includes('@');
    const s = this.current;
    if ((slot ? s.slots.selectedId : s.selectedId) === id) return;
    if (focus) this.focusId = id;
    this.fire(slot ? chooseClickCollectSlot(client, s, id) : chooseClickCollectOption(client, s, id));
  }

  /** Arrow keys, Home and End move to the next enabled radio of the group and choose it; Space chooses the focused one. */
  private onKey(e: KeyboardEvent): void {
    const radio = (e.target as HTMLElement).closest<HTMLElement>('[role=radio]');
    const group = radio?.closest('[role=radiogroup]');
    if (!radio || !group) return;
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (radio.getAttribute('aria-disabled') !== 'true') this.pick(radio.dataset.id!);
      return;
    }
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const radios = [...group.querySelectorAll<HTMLElement>('[role=radio]:not([aria-disabled=true])')];
    if (!radios.length) return;
    const at = radios.indexOf(radio);
    const next = step === -Infinity ? 0 : step === Infinity ? radios.length - 1 : (at + step + radios.length) % radios.length;
    this.pick(radios[next]!.dataset.id!, true);
  }

  private onClick(e: Event): void {
    const radio = (e.target as HTMLElement).closest<HTMLElement>('[role=radio]');
    if (radio && radio.getAttribute('aria-disabled') !== 'true') this.pick(radio.dataset.id!, true);
  }

  private detailOf(m: ClickCollectMessages, o: ClickCollectOption, locale: string): string {
    if (!o.possible) {
      const why = o.available ? m.onlyAvailable(o.available) : m.problem[o.problem ?? 'out_of_stock'];
      const instead = o.insteadId && this.current.options.find((x) => x.id === o.insteadId);
      return instead ? `${why}. ${m.instead(this.nameOf(m, instead))}` : why;
    }
    if (o.deliveryDate) return m.deliveredOn(date(o.deliveryDate, locale));
    if (!o.readyAt || !o.timeZone) return '';
    const t = time(o.readyAt, locale, o.timeZone);
    return o.readyDay === 'today' ? m.readyToday(t) : o.readyDay === 'tomorrow' ? m.readyTomorrow(t) : m.readyOn(day(o.readyAt, locale, o.timeZone), t);
  }

  private nameOf(m: ClickCollectMessages, o: ClickCollectOption): string {
    const kind = m.kind[o.kind];
    if (o.kind === 'locker' && o.storeName) return `${kind}, ${o.storeName}${o.distanceKm !== undefined ? ` (${m.distance(o.distanceKm.toLocaleString(this.resolvedLocale))})` : ''}`;
    return kind;
  }

  private radio(id: string, checked: boolean, enabled: boolean, focusable: boolean, part: string, name: string, detail: string) {
    return html`<div part=${part} role="radio" data-id=${id} aria-checked=${checked} aria-disabled=${!enabled} tabindex=${focusable ? 0 : -1}><span class="dot" aria-hidden="true"></span><span part="name">${name}</span>${detail ? html`<span part="detail">${detail}</span>` : nothing}</div>`;
  }

  private renderSlots(m: ClickCollectMessages, locale: string) {
    const s = this.current.slots;
    if (s.status === 'none') return nothing;
    const zone = s.timeZone ?? 'UTC';
    const legend = s.date ? m.slotsLegend(date(s.date, locale)) : '';
    let body;
    if (s.status === 'loading') body = html`<div class="skeleton" aria-hidden="true"></div>`;
    else if (s.status === 'error') body = html`<span part="message" class="error">${m.slotsError}</span>`;
    else if (!s.items.length) body = html`<span part="message">${m.noSlots}</span>`;
    else {
      const first = s.selectedId ?? s.items.find((x) => x.available)?.id;
      body = html`<div role="radiogroup" aria-labelledby="slots-legend" @keydown=${this.onKey} @click=${this.onClick}>${s.items.map((x: PickupSlot) =>
        this.radio(x.id, x.id === s.selectedId, x.available, x.id === first, 'slot', `${time(x.startsAt, locale, zone)}–${time(x.endsAt, locale, zone)}`, x.reason ? m.slotReason[x.reason] : ''))}</div>`;
    }
    return html`<div part="slots"><span part="legend" id="slots-legend">${legend}</span>${body}</div>`;
  }

  protected override render() {
    const t = this.m;
    const m = t ?? en;
    const locale = this.resolvedLocale;
    const s = this.current;
    const status = this.status;
    const picker = this.picking
      ? html`<omni-store-picker mode="dialog" open sku=${this.sku} @omni-store-change=${this.closePicker} @close=${this.closePicker}></omni-store-picker>`
      : nothing;
    if (status !== 'ready') {
      const text = !t ? '' : status === 'loading' ? m.loading : s.error?.code === 'validation_failed' ? m.badInput : m.error;
      return html`<div part="base" aria-busy=${status === 'loading'}>
        <span part="legend">${t ? m.legend : ''}</span>
        ${status === 'loading' ? html`<div class="skeleton" aria-hidden="true"></div><div class="skeleton" aria-hidden="true"></div>` : nothing}
        <span part="message" role="status" class=${status === 'error' ? 'error' : ''}>${text}</span>
      </div>`;
    }
    const sel = s.selected;
    const pickup = sel && sel.kind !== 'delivery' && sel.kind !== 'locker';
    const focusId = s.selectedId ?? s.options.find((o) => o.possible)?.id;
    return html`<div part="base">
      <span part="legend" id="legend">${m.legend}</span>
      <div role="radiogroup" aria-labelledby="legend" @keydown=${this.onKey} @click=${this.onClick}>${s.options.map((o) =>
        this.radio(o.id, o.id === s.selectedId, o.possible, o.id === focusId, 'option', this.nameOf(m, o), this.detailOf(m, o, locale)))}</div>
      ${!s.options.some((o) => o.possible) ? html`<span part="message" class="error">${m.nothing}</span>` : nothing}
      ${s.needsStore
        ? html`<div part="store"><button part="store-button" type="button" @click=${this.openPicker}>${m.chooseStore}</button></div>`
        : pickup && sel.storeName
          ? html`<div part="store"><span>${m.pickupAt(sel.storeName)}</span><button part="store-button" type="button" @click=${this.openPicker}>${m.changeStore}</button></div>`
          : nothing}
      ${this.renderSlots(m, locale)}
    </div>${picker}`;
  }

  private openPicker(): void {
    this.picking = true;
  }

  private closePicker(): void {
    this.picking = false;
  }
}
