import {
  PICKUP_QUEUE_SECTIONS, createStaffClient, pickupQueueStore,
  type StaffClient, type PickupQueueEntry, type PickupQueueState, type PickupQueueStore,
} from '@omnikit/sdk/admin';
import type { ClientLike } from '@omnikit/sdk/base';
import { html, nothing, type PropertyValues } from 'lit';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { en, messagesOf, type PickupQueueMessages } from './messages.js';
import { styles } from './pickup-queue.styles.js';

const STATES = ['loading', 'ready', 'error', 'signed-out'] as const;

function time(iso: string, locale: string): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(d);
  }
}

/**
 * The staff's view of one store's pickups, live: shoppers waiting at the curb first (with bay
 * and car), then orders to pick, being picked, ready, and those waiting for the shopper's choice
 * after a stock correction; each with the one step that fits now ("Start picking", "Mark
 * ready", "Handed over"), its pending state and any error. New orders and arrivals are announced
 * politely. Every decision is the SDK's (`pickupQueueStore` of `@omnikit/sdk/admin`), live on the
 * store's orders topic of the event stream.
 *
 * It runs with a staff session, never a secret key: the retailer's back office mints a token for
 * one store with its secret key (`admin.staffSessions.create({ storeId })`) when a clerk signs
 * in, and the page sets it as the `staffToken` property (or passes an admin client made with
 * it as `adminClient`). The token opens only that store's staff routes and orders topic.
 *
 * @summary Staff queue of one store's pickup orders, live, with the staff steps.
 * @tag omni-pickup-queue
 * @csspart base - The wrapper.
 * @csspart title - The heading.
 * @csspart section - One section (at the curb, to pick, being picked, ready, needs attention).
 * @csspart heading - A section's heading, with its count.
 * @csspart order - One order.
 * @csspart number - The order's number.
 * @csspart lines - Its lines.
 * @csspart arrival - The curbside arrival (time, bay, car).
 * @csspart button - Every button (the steps, "Try again").
 * @csspart message - Loading, none, sign in, waiting for the shopper.
 * @csspart error - Why something failed.
 * @cssprop --omni-pickup-queue-curb - Colour that marks the curb section (default `--omni-color-warning`).
 */
export class OmniPickupQueue extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { store: {}, staffToken: { attribute: false }, adminClient: { attribute: false } };

  /** The store's id (the staff session's store). */
  store: string | undefined;

  /**
   * A staff session token (`st_...`) from the retailer's back office. A property only: it is
   * never put in an attribute (the DOM, and anything copying it, would show it).
   */
  staffToken: string | undefined;

  /** Instead of `staffToken`: an admin client made with one (`createAdminClient({ baseUrl, staffToken })`). */
  adminClient: ClientLike | undefined;

  private own: { token: string; baseUrl: string; client: StaffClient } | undefined;
  private api: { client: ClientLike; store: string; queue: PickupQueueStore } | undefined;
  private readonly state = new StoreController(this, () => this.queue());
  private known: Set<string> | undefined;
  private announcements: string[] = [];

  /** The client the queue runs on: `adminClient`, or one this widget made for `staffToken`. */
  private staffClient(): ClientLike | undefined {
    if (this.adminClient) return this.adminClient;
    const base = this.ctx?.client;
    // Only a staff session token (`st_...`): anything else (a secret key!) is not sent anywhere.
    if (!this.staffToken?.startsWith('st_') || !base) return undefined;
    const baseUrl = base.config.baseUrl;
    if (this.own?.token !== this.staffToken || this.own.baseUrl !== baseUrl) {
      this.own?.client.close();
      this.own = { token: this.staffToken, baseUrl, client: createStaffClient({ baseUrl, staffToken: this.staffToken }) };
    }
    return this.own.client;
  }

  private queue(): PickupQueueStore | undefined {
    const client = this.staffClient();
    if (!client || !this.store) return undefined;
    if (this.api?.client !== client || this.api.store !== this.store) {
      this.api = { client, store: this.store, queue: pickupQueueStore(client, this.store) };
      this.known = undefined;
    }
    return this.api.queue;
  }

  /** `loading`, `ready`, `error`, or `signed-out` (no staff session or no store). */
  get status(): PickupQueueState['status'] | 'signed-out' {
    if (!this.api || !this.staffClient() || !this.store) return 'signed-out';
    return this.state.value?.status ?? 'loading';
  }

  private text(): PickupQueueMessages | undefined {
    const locale = this.resolvedLocale;
    const m = messagesOf(locale, () => this.requestUpdate());
    return m;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The client made here: its stream ends with it (a page that passed `adminClient` owns that one).
    this.own?.client.close();
    this.own = undefined;
    this.api = undefined;
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const s = this.state.value;
    if (s?.status !== 'ready') return;
    const m = messagesOf(this.resolvedLocale) ?? en;
    // Keys of what was shown: an order to pick, and an order at the curb.
    const now = new Set([...s.toPick.map((e) => `new:${e.order.id}`), ...s.atCurb.map((e) => `curb:${e.order.id}`)]);
    if (this.known) {
      for (const e of s.atCurb) if (!this.known.has(`curb:${e.order.id}`)) this.announcements.push(m.announceArrival(e.order.number, e.arrival?.bay));
      for (const e of s.toPick) if (!this.known.has(`new:${e.order.id}`)) this.announcements.push(m.announceNew(e.order.number));
    }
    this.known = now;
  }

  protected override updated(): void {
    this.setCustomStates(STATES, [this.status]);
    for (const a of this.announcements.splice(0)) announce(a);
  }

  private renderEntry(e: PickupQueueEntry, m: PickupQueueMessages) {
    const o = e.order;
    const locale = this.resolvedLocale;
    const here = o.pickups?.filter((p) => p.storeId === this.store) ?? [];
    const pending = e.action?.status === 'pending';
    const error = e.action?.status === 'error' ? (e.action.error.code === 'order_status_conflict' ? m.conflict : m.stepFailed) : undefined;
    return html`<li part="order" aria-busy=${pending ? 'true' : 'false'}>
      <div class="head">
        <span part="number">${m.order(o.number)}</span>
        ${here.map((p) => html`<span class="tag">${m.method[p.method]}${p.locker ? html` · ${m.compartment(p.locker.compartment)}` : nothing}</span>`)}
      </div>
      ${e.arrival ? html`<p part="arrival">${m.arrived(time(e.arrival.at, locale), e.arrival.bay, e.arrival.car)}</p>` : nothing}
      <ul part="lines">
        ${o.lines.map((l) => html`<li>${m.line(l.quantity - (l.cancelledQuantity ?? 0), l.name)}</li>`)}
      </ul>
      ${o.status === 'needs_attention' ? html`<p part="message">${m.waiting}</p>` : nothing}
      ${e.next
        ? html`<button part="button" type="button" aria-disabled=${pending ? 'true' : 'false'}
            aria-describedby=${error ? `err-${o.id}` : nothing}
            @click=${() => !pending && void this.api?.queue.step(o.id, e.next!)}>${pending ? m.sending : m.step[e.next]}</button>`
        : nothing}
      ${error ? html`<p part="error" id=${`err-${o.id}`} role="alert">${error}</p>` : nothing}
    </li>`;
  }

  protected override render() {
    const m = this.text() ?? en;
    const status = this.status;
    if (status === 'signed-out') return html`<div part="base"><p part="message">${m.signIn}</p></div>`;
    const s = this.state.value;
    if (!s || s.status === 'loading') return html`<div part="base" aria-busy="true"><p part="message">${m.loading}</p></div>`;
    const refused = s.error && (s.error.code === 'unauthorized' || s.error.code === 'forbidden');
    if (s.status === 'error') {
      return html`<div part="base">
        <p part="error" role="alert">${refused ? m.refused : m.loadFailed}</p>
        ${refused ? nothing : html`<button part="button" type="button" @click=${() => void this.api?.queue.refresh()}>${m.retry}</button>`}
      </div>`;
    }
    return html`<div part="base">
      <h2 part="title">${m.title}</h2>
      ${refused ? html`<p part="error" role="alert">${m.refused}</p>` : nothing}
      ${PICKUP_QUEUE_SECTIONS.map((k) => {
        const entries = s[k];
        return html`<section part="section" class=${k} aria-labelledby=${`h-${k}`}>
          <h3 part="heading" id=${`h-${k}`}>${m.section[k]} <span class="count">(${entries.length})</span></h3>
          ${entries.length ? html`<ul class="orders">${entries.map((e) => this.renderEntry(e, m))}</ul>` : html`<p part="message">${m.none}</p>`}
        </section>`;
      })}
      ${s.truncated ? html`<p part="message">${m.truncated}</p>` : nothing}
    </div>`;
  }
}
