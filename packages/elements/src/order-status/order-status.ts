import { orderStatusStore, type OrderAlternative, type OrderStatusState, type OrderStatusStore } from '@omnikit/sdk/cart';
import { html, nothing, type PropertyValues } from 'lit';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import type { OmniClient } from '../internal/context.js';
import { formatMoney } from '../internal/format.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { en, messagesOf, type OrderStatusMessages } from './messages.js';
import { styles } from './order-status.styles.js';

/** The widget's custom states: one of `loading`, `ready`, `error`, and with `ready` the order's outcome or step. */
const STATES = ['loading', 'ready', 'error', 'placed', 'picking', 'ready-for-pickup', 'collected', 'awaiting-payment', 'needs-attention', 'cancelled', 'expired', 'pending'] as const;

function dateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }
}

function km(n: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(n);
  } catch {
    return `${n.toFixed(1)} km`;
  }
}

/** What the order is now, in words (the heading's status and the live announcement). */
function statusText(s: OrderStatusState, m: OrderStatusMessages): string {
  switch (s.outcome) {
    case 'needs_attention': return m.attentionTitle;
    case 'awaiting_payment': return m.awaitingPayment;
    case 'cancelled': return m.cancelled;
    case 'expired': return m.expired;
  }
  const current = s.steps.find((x) => x.state === 'current') ?? s.steps.at(-1);
  return current ? m.step[current.key] : '';
}

/** The custom state of the order's step or outcome. */
function stepState(s: OrderStatusState): (typeof STATES)[number] | undefined {
  if (s.outcome) return s.outcome.replace('_', '-') as (typeof STATES)[number];
  const current = s.steps.find((x) => x.state === 'current')?.key ?? (s.steps.at(-1)?.state === 'done' ? 'collected' : undefined);
  return current === 'ready' ? 'ready-for-pickup' : current;
}

/**
 * The live status of a shopper's pickup order: the steps (placed, being picked, ready,
 * collected), "I have arrived" with the parking bay or car for a curbside pickup, the locker
 * compartment and code when it is ready, and, when a stock correction took units the order held,
 * the server's alternatives to choose from (another store, delivery, the rest, cancelling):
 * nothing is cancelled without the shopper's choice. Every change arrives live on the event
 * stream and is announced politely. Every decision is the SDK's (`orderStatusStore` of
 * `@omnikit/sdk/cart`); the order opens with this device's cart secret (or the member's token).
 *
 * @summary Live status of a pickup order, with "I have arrived" and the needs-attention choice.
 * @tag omni-order-status
 * @csspart base - The wrapper.
 * @csspart title - The heading: the order's number.
 * @csspart status - What the order is now, in words.
 * @csspart steps - The list of steps.
 * @csspart step - One step (`aria-current="step"` on the current one).
 * @csspart method - How it is picked up, and until when.
 * @csspart locker - The compartment and opening code.
 * @csspart arrive - The curbside arrival form.
 * @csspart input - The bay and car fields.
 * @csspart button - Every button ("I have arrived", each choice).
 * @csspart arrival - The note that the store knows the shopper is here.
 * @csspart attention - The needs-attention notice and its choices.
 * @csspart choices - The list of choices.
 * @csspart message - Loading, cancelled, expired, not found.
 * @csspart error - Why an action failed.
 * @cssprop --omni-order-status-accent - Colour of the done and current steps (default `--omni-color-accent`).
 */
export class OmniOrderStatus extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { order: {} };

  /** The order's id (`order.id` from checkout). */
  order: string | undefined;

  private api: { client: OmniClient; order: string; store: OrderStatusStore } | undefined;
  private readonly state = new StoreController(this, () => this.store());
  private said: string | undefined;
  private announcement = '';

  /** The SDK's status store of this order on this client. */
  private store(): OrderStatusStore | undefined {
    const client = this.ctx?.client;
    if (!client || !this.order) return undefined;
    if (this.api?.client !== client || this.api.order !== this.order) {
      this.api = { client, order: this.order, store: orderStatusStore(client, this.order) };
      this.said = undefined;
    }
    return this.api.store;
  }

  /** What the widget shows now: `loading`, `ready` or `error`. */
  get status(): OrderStatusState['status'] {
    return this.state.value?.status ?? 'loading';
  }

  /** The order's status (`confirmed`, `needs_attention`...), once read. */
  get orderStatus(): string | undefined {
    return this.state.value?.order?.status;
  }

  private text(): OrderStatusMessages | undefined {
    const locale = this.resolvedLocale;
    const m = messagesOf(locale, () => this.requestUpdate());
    return m;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const s = this.state.value;
    if (s?.status !== 'ready') return;
    const m = messagesOf(this.resolvedLocale) ?? en;
    const words = statusText(s, m);
    // The first status is on the page already; later ones (live changes) are announced.
    if (this.said !== undefined && words !== this.said) this.announcement = m.changed(words);
    this.said = words;
  }

  protected override updated(): void {
    const s = this.state.value;
    const on: string[] = [this.status];
    const step = s?.status === 'ready' ? stepState(s) : undefined;
    if (step) on.push(step);
    if (s?.action.status === 'pending') on.push('pending');
    this.setCustomStates(STATES, on);
    if (this.announcement) announce(this.announcement);
    this.announcement = '';
  }

  private onArrive(e: Event): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() || undefined;
    const bay = value('bay');
    const car = value('car');
    void this.store()?.arrive({ ...(bay ? { bay } : {}), ...(car ? { car } : {}) });
  }

  private choose(a: OrderAlternative): void {
    void this.store()?.resolve(a.choice === 'move' ? { choice: 'move', storeId: a.storeId! } : { choice: a.choice });
  }

  private choiceText(a: OrderAlternative, m: OrderStatusMessages, s: OrderStatusState): string {
    const locale = this.resolvedLocale;
    if (a.choice === 'move') return m.move(a.storeName ?? a.storeId ?? '', a.distanceKm !== undefined ? km(a.distanceKm, locale) : undefined);
    if (a.choice === 'partial') return m.partial(a.refundAmount ? formatMoney(a.refundAmount, s.order!.currency, locale) : undefined);
    return a.choice === 'delivery' ? m.delivery : m.cancel;
  }

  private actionError(s: OrderStatusState, m: OrderStatusMessages, kind: 'arrive' | 'resolve') {
    const a = s.action;
    if (a.status !== 'error' || a.kind !== kind) return nothing;
    const code = a.error.code;
    const words = code === 'insufficient_stock' ? m.stockGone : code === 'order_status_conflict' ? m.conflict : kind === 'arrive' ? m.arriveFailed : m.resolveFailed;
    return html`<p part="error" role="alert">${words}</p>`;
  }

  private renderAttention(s: OrderStatusState, m: OrderStatusMessages) {
    const missing = s.attention?.lines.reduce((n, l) => n + l.missing, 0) ?? 0;
    const pending = s.action.status === 'pending';
    return html`<section part="attention" aria-labelledby="attention-title">
      <h3 id="attention-title">${m.attentionTitle}</h3>
      <p>${m.attention(missing)}</p>
      ${s.collectBy ? html`<p>${m.chooseBy(dateTime(s.collectBy, this.resolvedLocale))}</p>` : nothing}
      <ul part="choices" role="list" aria-label=${m.choose} aria-busy=${pending ? 'true' : 'false'}>
        ${s.alternatives.map((a) => html`<li>
          <button part="button" type="button" class=${a.choice === 'cancel' ? 'secondary' : ''} aria-disabled=${pending ? 'true' : 'false'}
            @click=${() => !pending && this.choose(a)}>${this.choiceText(a, m, s)}</button>
        </li>`)}
      </ul>
      ${pending ? html`<p part="message">${m.sending}</p>` : nothing}
      ${this.actionError(s, m, 'resolve')}
    </section>`;
  }

  private renderArrive(s: OrderStatusState, m: OrderStatusMessages) {
    if (s.arrival) return html`<p part="arrival">${m.arrived(s.arrival.bay, s.arrival.car)}</p>`;
    const pending = s.action.status === 'pending' && s.action.kind === 'arrive';
    if (!s.canArrive && !pending) return nothing;
    return html`<form part="arrive" @submit=${this.onArrive} aria-busy=${pending ? 'true' : 'false'}>
      <p>${m.arriveTitle}</p>
      <label>${m.bay}<input part="input" name="bay" maxlength="80" autocomplete="off" /></label>
      <label>${m.car}<input part="input" name="car" maxlength="80" autocomplete="off" /></label>
      <button part="button" type="submit" aria-disabled=${pending ? 'true' : 'false'}>${pending ? m.sending : m.arrive}</button>
      ${this.actionError(s, m, 'arrive')}
    </form>`;
  }

  protected override render() {
    const m = this.text();
    const s = this.state.value;
    if (!m || !s || s.status === 'loading') return html`<div part="base" aria-busy="true"><p part="message">${(m ?? en).loading}</p></div>`;
    if (s.status === 'error') {
      return html`<div part="base"><p part="message">${s.error?.code === 'order_not_found' ? m.notFound : m.loadFailed}</p></div>`;
    }
    const o = s.order!;
    const locale = this.resolvedLocale;
    const ended = s.outcome === 'cancelled' || s.outcome === 'expired';
    return html`<div part="base">
      <h2 part="title">${m.title(o.number)}</h2>
      <p part="status">${statusText(s, m)}</p>
      ${ended ? nothing : html`<ol part="steps" aria-label=${m.steps}>
        ${s.steps.map((x) => html`<li part="step" class=${x.state} aria-current=${x.state === 'current' ? 'step' : nothing}>
          ${m.step[x.key]}${x.state === 'done' ? html`<span class="sr-only"> ${m.done}</span>` : nothing}
        </li>`)}
      </ol>`}
      ${s.method && !ended ? html`<p part="method">${m.method[s.method]}${s.collectBy && o.status === 'ready' ? html` · ${m.collectBy(dateTime(s.collectBy, locale))}` : nothing}</p>` : nothing}
      ${s.lockers.map((l) => html`<p part="locker">${m.locker(l.compartment, l.code)}</p>`)}
      ${s.outcome === 'needs_attention' ? this.renderAttention(s, m) : nothing}
      ${s.method === 'curbside' && !ended ? this.renderArrive(s, m) : nothing}
    </div>`;
  }
}
