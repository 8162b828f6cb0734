import {
  MAX_LINE_QUANTITY, cartViewOf,
  type CartView, type CartViewApi, type CartViewGroup, type CartViewLine, type CartViewRemoved, type Fulfillment, type LineAlternative,
} from '@omnikit/sdk/cart';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { formatMoney } from '../internal/format.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { styles } from './cart.styles.js';
import { OmniCheckoutEvent } from './checkout-event.js';
import { en, messagesOf, type CartMessages } from './messages.js';

export { OmniCheckoutEvent };

/** What the cart shows; also its custom states (`omni-cart:state(ready)`), one at a time. */
export type CartState = CartView['status'];
const STATES: readonly CartState[] = ['loading', 'empty', 'ready', 'error', 'conflict', 'checking-out', 'ordered'];

/** A number in the locale (falling back to English on a bad tag). */
function formatNumber(n: number, locale: string, digits = 0): string {
  const o = { maximumFractionDigits: digits };
  try {
    return n.toLocaleString(locale, o);
  } catch {
    return n.toLocaleString('en', o);
  }
}

/** The selector of a row (a line, or a removed line's undo) by its line id. */
const row = (lineId: string) => `[data-row="${CSS.escape(lineId)}"]`;

/**
 * The shopper's cart page: lines grouped by fulfilment as the server groups them (home
 * delivery; pickup at a store; take now at a store), each with its image, name, prices, a
 * quantity stepper and remove with undo; per-line availability problems with one-click fixes;
 * totals with discounts, delivery and VAT per rate; payment method, contact e-mail and the
 * checkout. Every decision (groups, bounds, what can be fixed and how, which payment methods
 * are allowed, conflicts, the undo's timer) is the SDK's `cartViewOf(client)`; the widget
 * renders it and turns gestures into its calls, so a React page can show the same.
 *
 * @summary The unified cart with checkout.
 * @tag omni-cart
 * @slot empty - Shown under the empty-cart text: a "continue shopping" link.
 * @slot ordered - Shown under the order confirmation: a link to the order's page.
 * @csspart base - The whole cart.
 * @csspart message - The text of the loading, empty, error, conflict and ordered states.
 * @csspart retry - The retry button of the error state.
 * @csspart group - One fulfilment group.
 * @csspart group-heading - A group's heading (delivery, or the store).
 * @csspart group-summary - A group's subtotal, delivery fee and free-delivery note.
 * @csspart line - One line of the cart.
 * @csspart image - A line's product image.
 * @csspart name - A line's product name.
 * @csspart price - A line's unit price.
 * @csspart compare-at - The ordinary price, struck through, when the unit price is a sale price.
 * @csspart stepper - A line's quantity control (−, the number, +).
 * @csspart line-total - A line's total.
 * @csspart remove - A line's remove button.
 * @csspart removed - The row left for a removed line, with its undo.
 * @csspart undo - The undo button.
 * @csspart problem - Why a line cannot be had, and its fixes.
 * @csspart fix - A one-click fix.
 * @csspart totals - The cart's totals.
 * @csspart payment - The payment method choice.
 * @csspart email - The contact e-mail field.
 * @csspart checkout - The checkout button.
 * @cssprop --omni-cart-image-size - Size of a line's image (default `4em`).
 * @cssprop --omni-cart-gap - Space between the cart's sections (default `1em`).
 * @cssprop --omni-cart-button-background - Background of the checkout button (default `--omni-color-accent`).
 * @cssprop --omni-cart-button-color - Text of the checkout button (default `--omni-color-surface`: near white, near black in dark mode).
 * @fires {OmniCheckoutEvent} omni-checkout - The order was placed (`event.order`).
 */
export class OmniCart extends OmniElement {
  static override styles = [hostStyles, styles];

  private readonly store = new StoreController(this, () => this.api()?.$view);

  private email = '';
  /** A selector of what takes focus after the next render: a row, its undo, the e-mail, the confirmation. */
  private focusNext: string | undefined;
  /** The last change announced (its `seq`); the first view is not announced. */
  private seen: number | undefined;
  private announcement = '';
  /** The row that last held focus, to move focus on when it goes (an expired undo). */
  private focusedRow: string | undefined;
  /** The rows' ids as last rendered, in order. */
  private rows: string[] = [];

  /** What is shown now (`loading` too while the page's language is on its way). */
  get status(): CartState {
    return this.text() ? (this.store.value?.status ?? 'loading') : 'loading';
  }

  /** The texts in the page's language, or `undefined` while they load (English is always here). */
  private text(): CartMessages | undefined {
    const locale = this.resolvedLocale;
    const m = messagesOf(locale, () => this.requestUpdate());
    return m;
  }

  private api(): CartViewApi | undefined {
    const c = this.ctx?.client;
    return c ? cartViewOf(c) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  protected override firstUpdated(): void {
    this.renderRoot.addEventListener('focusin', (e) => {
      this.focusedRow = (e.target as Element).closest?.<HTMLElement>('[data-row]')?.dataset.row;
    });
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const v = this.store.value;
    if (!v) return;
    const c = v.change;
    // What happened before this widget showed the view is not news.
    if (this.seen === undefined) this.seen = c?.seq ?? 0;
    else if (c && c.seq > this.seen) {
      this.announcement = this.describe(c, v);
      this.seen = c.seq;
    }
  }

  private describe(c: NonNullable<CartView['change']>, v: CartView): string {
    const m = this.text() ?? en;
    switch (c.kind) {
      case 'quantity': return m.quantityNow(c.name, this.num(c.quantity));
      case 'removed': return m.removed(c.name);
      case 'restored': return m.restored(c.name);
      case 'fulfillment': return m.movedTo(c.name, this.where(c.fulfillment, c.storeName, m).toLowerCase());
      case 'conflict': return m.conflict;
      case 'refused': return c.lineIds.length ? m.refusedLines(c.lineIds.length) : (v.error?.message ?? m.failed);
      case 'ordered': return m.ordered(c.order.number);
      case 'failed': return m.failed;
    }
  }

  protected override updated(): void {
    this.setCustomStates(STATES, [this.status]);
    if (this.announcement) announce(this.announcement);
    this.announcement = '';
    const root = this.renderRoot as ShadowRoot;
    const rows = [...root.querySelectorAll<HTMLElement>('[data-row]')];
    const before = this.rows;
    this.rows = rows.map((r) => r.dataset.row!);
    const target = this.focusNext && root.querySelector<HTMLElement>(this.focusNext);
    this.focusNext = undefined;
    if (target) return target.focus();
    // The row that had focus went (its undo expired): on to the row now in its place, else the last one, else the cart.
    const gone = this.focusedRow;
    if (gone && !root.activeElement && !this.rows.includes(gone)) {
      this.focusedRow = undefined;
      (rows[before.indexOf(gone)] ?? rows.at(-1) ?? root.querySelector<HTMLElement>('[part=base]'))?.focus();
    }
  }

  // ---- gestures: each one call of the SDK's cart view ----

  private onQuantity(r: CartViewLine, e: Event): void {
    const input = e.target as HTMLInputElement;
    const id = r.line.id;
    // What is shown stays the SDK's answer: a bad or clamped entry snaps back to the line's quantity.
    void this.api()?.setQuantity(id, input.valueAsNumber).then(() => {
      const now = this.store.value?.groups.flatMap((g) => g.rows).find((x) => x.kind === 'line' && x.line.id === id) as CartViewLine | undefined;
      input.value = String(now?.quantity ?? r.quantity);
    });
  }

  /** Undo and fix: once done, focus goes to the line (restored or moved, maybe under a new id). */
  private async toLine(done: Promise<void> | undefined, lineId: string): Promise<void> {
    await done;
    const c = this.store.value?.change;
    this.focusNext = row(c?.kind === 'restored' || c?.kind === 'fulfillment' ? c.lineId : lineId);
    this.requestUpdate();
  }

  private async onCheckout(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.api();
    if (!api || this.store.value?.status === 'checking-out') return;
    const order = await api.checkout({ email: this.email });
    const v = this.store.value;
    const blocked = v?.blockedLineIds[0];
    this.focusNext = order ? '[part=message]' : v?.emailProblem ? '[part=email]' : blocked && row(blocked);
    // Through a variable: the manifest analyzer reads `dispatchEvent(new X(arg))` as an event named after `arg`.
    const event = order && new OmniCheckoutEvent(order);
    if (event) this.dispatchEvent(event);
    this.requestUpdate();
  }

  // ---- rendering ----

  private num(n: number, digits?: number): string {
    return formatNumber(n, this.resolvedLocale, digits);
  }

  private money(minor: number): string {
    const v = this.store.value;
    return formatMoney(minor, v?.cart?.currency ?? v?.order?.currency ?? this.resolvedCurrency, this.resolvedLocale);
  }

  private where(f: Fulfillment, storeName: string | undefined, m: CartMessages): string {
    if (f.type === 'delivery') return m.delivery;
    return (f.type === 'take_now' ? m.takeNowAt : m.pickupAt)(storeName ?? f.storeId);
  }

  private fixLabel(a: LineAlternative, m: CartMessages): string {
    const f = a.fulfillment;
    if (f.type === 'delivery') return m.deliverInstead;
    const km = a.distanceKm === undefined ? undefined : this.num(a.distanceKm, 1);
    return (f.type === 'take_now' ? m.takeNowInstead : m.pickUpInstead)(a.storeName ?? f.storeId, this.num(a.available), km);
  }

  // The templates break lines inside `${}` only: whitespace between tags would ship in the chunk.

  protected override render(): TemplateResult {
    const m = this.text() ?? en;
    const v = this.store.value;
    const status = this.status;
    const busy = status === 'checking-out';
    const base = (body: unknown) => html`<section part="base" tabindex="-1" aria-label=${m.cart} aria-busy=${busy || status === 'loading'}>${body}</section>`;
    const message = (text: string, after: unknown = nothing, cls = '') => base(html`<p part="message" class=${cls} tabindex="-1">${text}</p>${after}`);
    if (status === 'loading') return message(m.loading, html`<div class="skeleton" aria-hidden="true"></div>`, 'sr-only');
    if (status === 'error') return message(m.error, html`<button part="retry" type="button" @click=${() => void this.api()?.retry()}>${m.retry}</button>`);
    if (status === 'empty') return message(m.empty, html`<slot name="empty"></slot>`);
    if (status === 'ordered') return message(m.ordered(v!.order!.number), html`<slot name="ordered"></slot>`);
    const lines = !!v!.cart?.lines.length;
    return base([
      status === 'conflict' ? html`<p part="message" class="notice" tabindex="-1">${m.conflict}</p>` : v!.error ? html`<p class="notice">${m.failed}</p>` : nothing,
      v!.groups.map((g) => this.renderGroup(g, m, busy)),
      lines ? [this.renderTotals(v!, m), this.renderCheckout(v!, m, busy)] : nothing,
    ]);
  }

  /** A `dl` row: what, and how much. */
  private pair(dt: string, dd: string, cls = ''): TemplateResult {
    return html`<div class=${cls}><dt>${dt}</dt><dd>${dd}</dd></div>`;
  }

  private fee(minor: number, m: CartMessages): string {
    return minor ? this.money(minor) : m.free;
  }

  private renderGroup(g: CartViewGroup, m: CartMessages, busy: boolean): TemplateResult {
    const id = `g-${g.id}`;
    const s = g.group;
    return html`<section part="group" aria-labelledby=${id}><h2 part="group-heading" id=${id}>${this.where(g.fulfillment, g.storeName, m)}</h2><ul role="list">${
      g.rows.map((r) => (r.kind === 'line' ? this.renderLine(r, m, busy) : this.renderRemoved(r, m)))
    }</ul>${
      s
        ? html`<dl part="group-summary">${this.pair(m.subtotal, this.money(s.subtotal))}${
            g.fulfillment.type === 'delivery' ? this.pair(m.deliveryFee, this.fee(s.fee, m)) : nothing
          }</dl>${s.missingForFreeDelivery ? html`<p class="hint">${m.moreForFree(this.money(s.missingForFreeDelivery))}</p>` : nothing}`
        : nothing
    }</section>`;
  }

  private renderLine(r: CartViewLine, m: CartMessages, off: boolean): TemplateResult {
    const l = r.line;
    const problemId = `p-${l.id}`;
    const step = (d: number, label: string, can: boolean) =>
      html`<button type="button" aria-label=${label} aria-disabled=${!can || off} @click=${() => can && !off && void this.api()?.step(l.id, d)}>${d < 0 ? '−' : '+'}</button>`;
    const sr = (label: string, minor: number) => html`<span class="sr-only">${label} </span>${this.money(minor)}`;
    return html`<li part="line" data-row=${l.id} tabindex="-1" aria-label=${l.name} class=${r.blocked ? 'blocked' : ''}><img part="image" src=${l.imageUrl} alt="" loading="lazy"><div class="info"><span part="name">${
      l.name
    }</span><span><span part="price">${sr(m.unitPrice, l.unitPrice)}</span>${
      (l.compareAtPrice ?? 0) > l.unitPrice ? html` <s part="compare-at">${sr(m.was, l.compareAtPrice!)}</s>` : nothing
    }</span></div><div class="controls"><div part="stepper" role="group" aria-label=${m.quantityOf(l.name)}>${
      step(-1, m.decrease(l.name), r.canDecrease)
    }<input type="number" inputmode="numeric" min="1" max=${MAX_LINE_QUANTITY} aria-label=${m.quantityOf(l.name)} .value=${String(r.quantity)} ?readonly=${off} aria-describedby=${
      r.problem ? problemId : nothing
    } @change=${(e: Event) => this.onQuantity(r, e)} @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.onQuantity(r, e)}>${
      step(1, m.increase(l.name), r.canIncrease)
    }</div><span part="line-total">${sr(m.lineTotal, l.lineTotal)}</span><button part="remove" type="button" aria-label=${m.removeName(l.name)} aria-disabled=${off} @click=${() => {
      if (off) return;
      this.focusNext = `${row(l.id)} [part=undo]`;
      void this.api()?.remove(l.id);
    }}>${m.remove}</button></div>${
      r.problem
        ? html`<div part="problem" id=${problemId}><p>${m.problem[r.problem](this.num(l.availability.available))}${r.blocked ? ` ${m.blocked}` : ''}</p>${r.fixes.map(
            (a) => html`<button part="fix" type="button" aria-disabled=${off} @click=${() => !off && void this.toLine(this.api()?.fix(l.id, a.fulfillment), l.id)}>${this.fixLabel(a, m)}</button>`,
          )}</div>`
        : nothing
    }</li>`;
  }

  private renderRemoved(r: CartViewRemoved, m: CartMessages): TemplateResult {
    return html`<li part="removed" data-row=${r.lineId}><span>${m.removed(r.name)}</span><button part="undo" type="button" aria-label=${m.undoName(r.name)} aria-disabled=${r.restoring} @click=${
      () => !r.restoring && void this.toLine(this.api()?.undo(r.lineId), r.lineId)
    }>${m.undo}</button></li>`;
  }

  private renderTotals(v: CartView, m: CartMessages): TemplateResult {
    const { totals: t, discounts } = v.cart!;
    return html`<dl part="totals">${[
      this.pair(m.subtotal, this.money(t.subtotal)),
      discounts.length ? [this.pair(m.discounts, `−${this.money(t.discount)}`, 'discounts'), ...discounts.map((d) => this.pair(d.label, `−${this.money(d.amount)}`, 'discount'))] : nothing,
      this.pair(m.deliveryFee, this.fee(t.delivery, m)),
      this.pair(m.total, this.money(t.total), 'total'),
      t.vat.map((x) => this.pair(m.vat(this.num(x.rate / 100, 2)), this.money(x.vat), 'vat')),
    ]}</dl>`;
  }

  private renderCheckout(v: CartView, m: CartMessages, busy: boolean): TemplateResult {
    const emailError = v.emailProblem && (v.emailProblem === 'missing' ? m.emailMissing : m.emailInvalid);
    const blocked = !v.cart!.ready;
    // Not disabled for a line with a problem: the server's answer then names the lines to fix.
    return html`<form class="checkout" novalidate @submit=${(e: Event) => void this.onCheckout(e)}><fieldset part="payment"><legend>${m.payment}</legend>${v.payment.map(
      (p) => html`<label class=${p.refused ? 'refused' : ''}><input type="radio" name="payment" value=${p.method} .checked=${v.paymentMethod === p.method} ?disabled=${
        !!p.refused || busy
      } aria-describedby=${p.refused ? `r-${p.method}` : nothing} @change=${() => this.api()?.choosePayment(p.method)}><span>${m.method[p.method]}</span>${
        p.refused ? html`<small id=${`r-${p.method}`}>${m.refused[p.refused]}</small>` : nothing
      }</label>`,
    )}</fieldset><label class="email"><span>${m.email}</span><input part="email" type="email" name="email" autocomplete="email" required .value=${this.email} ?readonly=${busy} aria-invalid=${!!emailError} aria-describedby=${
      emailError ? 'email-error' : nothing
    } @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}></label>${
      emailError ? html`<p id="email-error" class="error">${emailError}</p>` : nothing
    }${blocked ? html`<p id="not-ready" class="error">${m.notReady}</p>` : nothing}<button part="checkout" type="submit" aria-disabled=${busy} aria-describedby=${
      blocked ? 'not-ready' : nothing
    }>${busy ? m.checkingOut : m.checkout}</button></form>`;
  }
}
