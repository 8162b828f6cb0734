import { storePickerStore, type StorePickerOpen, type StorePickerState } from '@omnikit/sdk/base';
import { html, nothing, type PropertyValues } from 'lit';
import { warnRejectedInput } from '#dev';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { OmniStoreChangeEvent } from './event.js';
import { en, messagesOf, type StorePickerMessages } from './messages.js';
import { styles } from './store-picker.styles.js';

/** What the picker shows; also its custom states (`omni-store-picker:state(empty)`), with `open` (the dialog) and `locating` beside them. */
export type StorePickerStatus = StorePickerState['kind'];
const STATES = ['loading', 'ready', 'empty', 'error', 'idle', 'open', 'locating'];
/** Milliseconds of quiet typing before a search goes out. */
const DEBOUNCE_MS = 250;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, timeZone: string, o: Intl.DateTimeFormatOptions, ms: number): string {
  const k = `${locale}|${timeZone}|${o.weekday ?? ''}`;
  let f = formats.get(k);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...o, timeZone });
    } catch {
      // A zone this browser does not know: the time in the page's zone beats an exception.
      f = new Intl.DateTimeFormat(locale, o);
    }
    formats.set(k, f);
  }
  return f.format(ms);
}

/** The open-state words: the store's time, in its own zone, in the page's locale. */
function hours(m: StorePickerMessages, o: StorePickerOpen, locale: string): string {
  if (o.kind === 'always') return m.openAlways;
  if (o.kind === 'closed' || !o.at) return m.closed;
  const at = Date.parse(o.at);
  const time = format(locale, o.timeZone, { hour: '2-digit', minute: '2-digit' }, at);
  if (o.kind === 'open') return m.openUntil(time);
  return o.day === 0 ? m.opensAt(time) : o.day === 1 ? m.opensTomorrow(time) : m.opensOn(format(locale, o.timeZone, { weekday: 'long' }, at), time);
}

/**
 * A store chooser: search by city, postcode or store name, or (with `use-geolocation`) sort by
 * distance from the device after a tap on "use my location" (the position is never asked for
 * on load). Each store shows its distance, whether it is open now or when it opens (in the
 * store's time zone, in the page's language), its services and, with `sku`, the stock there.
 * The list is a listbox: arrow keys, Home and End move, Enter chooses, Escape clears the search
 * (or closes the dialog). The choice becomes the client's selected store, which every widget
 * on the page follows and the browser remembers. Inline by default; `mode="dialog"` shows a
 * button with the chosen store that opens the picker in a modal dialog.
 *
 * Every decision (order, distances, open-state inputs, stock per store) is the SDK's
 * `storePickerStore`; the widget picks the words.
 *
 * @summary Finds and chooses the shopper's store.
 * @tag omni-store-picker
 * @csspart base - The picker's box (inside the dialog in dialog mode).
 * @csspart trigger - The dialog mode's button showing the chosen store.
 * @csspart dialog - The dialog (`<dialog>`).
 * @csspart title - The dialog's heading.
 * @csspart close - The dialog's close button.
 * @csspart search - The row with the search field and the location button.
 * @csspart input - The search field.
 * @csspart locate - The "use my location" button.
 * @csspart status - The line under the search: loading, empty, error, location messages.
 * @csspart list - The list of stores (a listbox), also the box that holds the loading, empty and error states.
 * @csspart option - One store.
 * @csspart name - A store's name.
 * @csspart distance - A store's distance.
 * @csspart hours - Open now or when it opens.
 * @csspart services - A store's services.
 * @csspart stock - The stock of the SKU at a store.
 * @csspart check - The chosen store's mark.
 * @cssprop --omni-store-picker-list-height - Height of the list box in every state (default `24em`): loading, empty and error keep it.
 * @cssprop --omni-store-picker-selected-color - The chosen store's mark and border (default `--omni-color-accent`).
 * @cssprop --omni-store-picker-radius - Corner radius of the fields and rows (default `--omni-radius-sm`).
 * @fires close - The dialog closed (dialog mode).
 * @fires {OmniStoreChangeEvent} omni-store-change - The shopper chose a store: `detail` is `{ storeId, store }`.
 */
export class OmniStorePicker extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: each chunk would carry the decorator helper of its own.
  static override properties = {
    sku: {},
    useGeolocation: { type: Boolean, attribute: 'use-geolocation' },
    mode: { reflect: true },
    text: { state: true },
    q: { state: true },
    near: { state: true },
    active: { state: true },
    open: { type: Boolean, reflect: true },
    locating: { state: true },
    locateFailed: { state: true },
  };

  /**
   * A SKU to show the stock of at every store.
   * @attr sku
   */
  sku: string | undefined;

  /**
   * Offer a "use my location" button; the device's position is asked for only when it is tapped.
   * @attr use-geolocation
   */
  useGeolocation = false;

  /**
   * `inline` (default): the picker in the page. `dialog`: a button with the chosen store that opens it in a modal dialog.
   * @attr mode
   */
  mode: 'inline' | 'dialog' = 'inline';

  /** What the search field holds now. */
  private text = '';
  /** The search sent (after the debounce). */
  private q = '';
  private near: { lat: number; lng: number } | undefined;
  /** Index of the row the keyboard is on, or -1. */
  private active = -1;
  /**
   * Whether the dialog is open (dialog mode); set it to open the dialog from another control.
   * The picker fires `close` when the dialog closes.
   * @attr open
   */
  open = false;
  private locating = false;
  private locateFailed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last search result announced (`kind:q:count`), so it is said once. */
  private announced = '';
  private m: StorePickerMessages | undefined;

  private readonly picker = new StoreController(this, () => {
    const c = this.ctx?.client;
    if (!c) return undefined;
    // A closed dialog follows only the chosen store (its name on the button): no list, no stock.
    return storePickerStore(c, { sku: this.sku || undefined, q: this.q, near: this.near, list: this.mode !== 'dialog' || this.open });
  });

  private current: StorePickerState = { kind: 'loading', rows: [], origin: 'none' };

  /** What the picker shows now: `loading`, `ready`, `empty`, `error`, or `idle` (a closed dialog). */
  get status(): StorePickerStatus {
    return this.current.kind;
  }

  /** The SDK's whole state shown now (rows, origin, the chosen store). */
  get state(): StorePickerState {
    return this.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Opens the dialog (dialog mode). */
  show(): void {
    if (this.mode !== 'dialog') return;
    this.open = true;
  }

  /** Closes the dialog (dialog mode). */
  hide(): void {
    // Closed now, not at the `close` event (a task later): an update in between would reopen it.
    this.open = false;
    this.shadowRoot?.querySelector('dialog')?.close();
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const locale = this.resolvedLocale;
    this.m = messagesOf(locale, () => this.requestUpdate());
    const v = this.picker.value;
    const next = v ?? { kind: 'loading', rows: [], origin: 'none' };
    if (next.rows !== this.current.rows && this.active >= next.rows.length) this.active = next.rows.length - 1;
    this.current = next;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const s = this.current;
    this.setCustomStates(STATES, [s.kind, this.open ? 'open' : '', this.locating ? 'locating' : '']);
    warnRejectedInput(this, s.error);
    const dialog = this.shadowRoot!.querySelector('dialog');
    if (dialog && this.open && !dialog.open) {
      dialog.showModal();
      this.shadowRoot!.querySelector<HTMLInputElement>('[part~=input]')?.focus();
    }
    // A search's outcome is said once (not the first list on load, which the page shows).
    const said = `${s.kind}:${this.q}:${s.rows.length}:${this.near ? 1 : 0}`;
    if (this.m && (s.kind === 'ready' || s.kind === 'empty' || s.kind === 'error') && said !== this.announced) {
      if (this.announced) announce(s.kind === 'ready' ? this.m.found(s.rows.length) : s.kind === 'empty' ? this.m.empty(this.q) : this.m.error);
      this.announced = said;
    }
    if (changed.has('active' as keyof OmniStorePicker)) {
      this.shadowRoot!.querySelector(`#o${this.active}`)?.scrollIntoView?.({ block: 'nearest' });
    }
    super.updated(changed);
  }

  private onInput(e: Event): void {
    this.text = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
  }

  private search(): void {
    clearTimeout(this.timer);
    this.q = this.text.trim();
    this.active = -1;
  }

  private clear(): void {
    this.text = '';
    this.search();
  }

  private onInputKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.search();
    } else if (e.key === 'ArrowDown' && this.current.rows.length) {
      e.preventDefault();
      this.search();
      this.moveTo(this.selectedIndex());
      this.listbox()?.focus();
    } else if (e.key === 'Escape' && this.text) {
      // Clears the search first; a second Escape closes the dialog.
      e.preventDefault();
      e.stopPropagation();
      this.clear();
    }
  }

  private onListKey(e: KeyboardEvent): void {
    const n = this.current.rows.length;
    const keys: Record<string, () => void> = {
      ArrowDown: () => this.moveTo(Math.min(n - 1, this.active + 1)),
      ArrowUp: () => (this.active <= 0 ? this.shadowRoot!.querySelector<HTMLInputElement>('[part~=input]')?.focus() : this.moveTo(this.active - 1)),
      Home: () => this.moveTo(0),
      End: () => this.moveTo(n - 1),
      Enter: () => this.choose(this.active),
      ' ': () => this.choose(this.active),
    };
    const act = keys[e.key];
    if (act && n) {
      e.preventDefault();
      act();
    } else if (e.key === 'Escape' && this.mode !== 'dialog' && this.text) {
      e.preventDefault();
      this.clear();
      this.shadowRoot!.querySelector<HTMLInputElement>('[part~=input]')?.focus();
    }
  }

  private selectedIndex(): number {
    return Math.max(0, this.current.rows.findIndex((r) => r.selected));
  }

  private moveTo(i: number): void {
    this.active = Math.max(0, i);
  }

  private listbox(): HTMLElement | null {
    return this.shadowRoot!.querySelector('[role=listbox]');
  }

  private onListFocus(): void {
    if (this.active < 0 && this.current.rows.length) this.moveTo(this.selectedIndex());
  }

  private choose(i: number): void {
    const row = this.current.rows[i];
    const client = this.ctx?.client;
    if (!row || !client) return;
    this.active = i;
    client.selectStore(row.store.id);
    announce((this.m ?? en).chosen(row.store.name));
    const e = new OmniStoreChangeEvent({ storeId: row.store.id, store: row.store });
    this.dispatchEvent(e);
    if (this.mode === 'dialog') this.hide();
  }

  private locate(): void {
    const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
    this.locateFailed = false;
    if (!geo) {
      this.locateFailed = true;
      return;
    }
    this.locating = true;
    geo.getCurrentPosition(
      (p) => {
        this.locating = false;
        this.near = { lat: p.coords.latitude, lng: p.coords.longitude };
        this.active = -1;
      },
      () => {
        this.locating = false;
        this.locateFailed = true;
        announce((this.m ?? en).locationFailed);
      },
      { maximumAge: 300_000, timeout: 15_000 },
    );
  }

  private onClose(): void {
    this.open = false;
    // The dialog's own `close` stays in the shadow root: say it on the host.
    this.dispatchEvent(new Event('close'));
  }

  protected override render() {
    const m = this.m ?? en;
    if (this.mode !== 'dialog') return this.panel(m);
    const chosen = this.current.selected;
    // Templates on few lines: their whitespace ships as it is written.
    return html`<button part="trigger" type="button" aria-haspopup="dialog" @click=${this.show}>${chosen ? m.yourStore(chosen.shortName ?? chosen.name) : m.choose}</button><dialog part="dialog" aria-labelledby="title" @close=${this.onClose}>${
      this.open ? html`<div class="head"><h2 part="title" id="title">${m.title}</h2><button part="close" type="button" aria-label=${m.close} @click=${this.hide}>×</button></div>${this.panel(m)}` : nothing
    }</dialog>`;
  }

  private panel(m: StorePickerMessages) {
    const s = this.current;
    let locale = this.resolvedLocale;
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      locale = 'en'; // a malformed `lang` (`en_US`) must not throw in the host page
    }
    const km = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const status = this.locating ? m.locating : this.locateFailed ? m.locationFailed : s.kind === 'loading' ? m.loading : s.kind === 'empty' ? m.empty(this.q) : s.kind === 'error' ? m.error : '';
    const active = this.active < s.rows.length ? this.active : -1;
    const list =
      s.kind === 'ready'
        ? html`<ul part="list" role="listbox" tabindex="0" aria-label=${m.stores} aria-activedescendant=${active >= 0 ? `o${active}` : nothing} @keydown=${this.onListKey} @focus=${this.onListFocus}>${s.rows.map(
            (r, i) =>
              html`<li part="option" role="option" id=${`o${i}`} aria-selected=${r.selected} class=${i === active ? 'active' : ''} @click=${() => this.choose(i)}><span class="line"><span part="name">${r.store.name}</span>${
                r.distanceKm === undefined ? nothing : html`<span part="distance">${m.km(km.format(r.distanceKm))}</span>`
              }</span><span part="hours" class=${r.open.kind === 'open' || r.open.kind === 'always' ? 'open' : ''}>${hours(m, r.open, locale)}</span><span part="services">${r.services.map((x) => m.services[x]).join(' · ')}</span>${
                r.stock ? html`<span part="stock" class=${r.stock.kind}>${r.stock.kind === 'low-stock' && r.stock.available ? m.stock.lowStock(r.stock.available) : m.stock[r.stock.kind]}</span>` : nothing
              }${r.selected ? html`<span part="check">${m.selected}</span>` : nothing}</li>`,
          )}</ul>`
        : html`<div part="list" class=${s.kind} aria-busy=${s.kind === 'loading'}>${s.kind === 'loading' ? html`<i></i><i></i><i></i>` : nothing}</div>`;
    return html`<div part="base"><div part="search"><label for="q">${m.search}</label><div class="fields"><input part="input" id="q" type="search" autocomplete="off" placeholder=${m.placeholder} .value=${this.text} aria-describedby="status" @input=${this.onInput} @keydown=${this.onInputKey}>${
      this.useGeolocation ? html`<button part="locate" type="button" aria-busy=${this.locating} @click=${this.locate}>${m.useLocation}</button>` : nothing
    }</div></div><p part="status" id="status" class=${s.kind === 'error' || this.locateFailed ? 'error' : ''}>${status}</p>${list}</div>`;
  }
}
