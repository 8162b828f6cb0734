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
import { en, loadMessages, messagesOf, type CartMessages } from './messages.js';

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

/** Where focus goes after the next render: a line (`line`), its undo (`undo`), the e-mail, the outcome. */
type FocusTarget = { to: 'line' | 'undo'; lineId: string } | { to: 'email' | 'outcome' | 'top' };

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
  private focusNext: FocusTarget | undefined;
  /** The last change announced (its `seq`); the first view is not announced. */
  private seen: number | undefined;
  private announcement = '';
  /** The row that last held focus, to move focus on when it goes (an expired undo). */
  private focusedRow: string | undefined;

  /** What is shown now (`loading` too while the page's language is on its way). */
  get status(): CartState {
    return this.text() ? (this.store.value?.status ?? 'loading') : 'loading';
  }

  /** The texts in the page's language, or `undefined` while they load (English is always here). */
  private text(): CartMessages | undefined {
    const locale = this.resolvedLocale;
    const m = messagesOf(locale);
    if (!m) void loadMessages(locale).then(() => this.requestUpdate());
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
      const row = (e.target as Element).closest?.('[data-row]');
      this.focusedRow = row?.getAttribute('data-row') ?? undefined;
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
      case 'quantity': return m.quantityNow(c.name, formatNumber(c.quantity, this.resolvedLocale));
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
    const f = this.focusNext;
    this.focusNext = undefined;
    let target: HTMLElement | null = null;
    if (f?.to === 'undo') target = root.querySelector(`[data-row="${CSS.escape(f.lineId)}"] [part=undo]`);
    else if (f?.to === 'line') target = root.querySelector(`[data-row="${CSS.escape(f.lineId)}"]`);
    else if (f?.to === 'email') target = root.querySelector('[part=email]');
    else if (f?.to === 'outcome' || f?.to === 'top') target = root.querySelector('[part=message]') ?? root.querySelector('[part=base]');
    if (target) return target.focus();
    // The row that had focus went (its undo expired): on to the row now in its place, else the cart.
    const gone = this.focusedRow;
    if (gone && !root.activeElement && !root.querySelector(`[data-row="${CSS.escape(gone)}"]`)) {
      this.focusedRow = undefined;
      const next = this.rowAfter(gone) ?? root.querySelector<HTMLElement>('[part=base]');
      next?.focus();
    }
  }

  /** The row that took the place of a row that went: the next one in the same order, else the last one. */
  private rowAfter(id: string): HTMLElement | null {
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-row]')];
    const order = this.rowOrder;
    const i = order.indexOf(id);
    const after = order.slice(i + 1).map((x) => rows.find((r) => r.dataset.row === x)).find(Boolean);
    return after ?? rows.at(-1) ?? null;
  }

  /** The rows' ids in the order of the previous render. */
  private rowOrder: string[] = [];

  // ---- gestures: each one call of the SDK's cart view ----

  private onStep(row: CartViewLine, delta: number): void {
    if (delta < 0 ? !row.canDecrease : !row.canIncrease) return;
    void this.api()?.step(row.line.id, delta);
  }

  private onQuantity(row: CartViewLine, e: Event): void {
    const input = e.target as HTMLInputElement;
    const q = input.valueAsNumber;
    // What is shown stays the SDK's answer: a bad entry snaps back to the line's quantity.
    if (!Number.isFinite(q)) input.value = String(row.quantity);
    void this.api()?.setQuantity(row.line.id, q).then(() => (input.value = String(this.lineRow(row.line.id)?.quantity ?? row.quantity)));
  }

  private onQuantityKey(row: CartViewLine, e: KeyboardEvent): void {
    if (e.key === 'Enter') this.onQuantity(row, e);
  }

  private onRemove(row: CartViewLine): void {
    this.focusNext = { to: 'undo', lineId: row.line.id };
    void this.api()?.remove(row.line.id);
  }

  private async onUndo(row: CartViewRemoved): Promise<void> {
    const api = this.api();
    if (!api) return;
    await api.undo(row.lineId);
    const c = this.store.value?.change;
    if (c?.kind === 'restored') this.focusNext = { to: 'line', lineId: c.lineId };
    this.requestUpdate();
  }

  private async onFix(row: CartViewLine, fulfillment: Fulfillment): Promise<void> {
    const api = this.api();
    if (!api) return;
    await api.fix(row.line.id, fulfillment);
    const c = this.store.value?.change;
    this.focusNext = { to: 'line', lineId: c?.kind === 'fulfillment' ? c.lineId : row.line.id };
    this.requestUpdate();
  }

  private async onCheckout(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.api();
    const v = this.store.value;
    if (!api || !v || v.status === 'checking-out') return;
    const order = await api.checkout({ email: this.email });
    const after = this.store.value;
    if (order) {
      this.focusNext = { to: 'outcome' };
      // Through a variable: the manifest analyzer reads `dispatchEvent(new X(arg))` as an event named after `arg`.
      const event = new OmniCheckoutEvent(order);
      this.dispatchEvent(event);
    } else if (after?.emailProblem) {
      this.focusNext = { to: 'email' };
    } else if (after?.blockedLineIds.length) {
      this.focusNext = { to: 'line', lineId: after.blockedLineIds[0]! };
    }
    this.requestUpdate();
  }

  private lineRow(lineId: string): CartViewLine | undefined {
    for (const g of this.store.value?.groups ?? []) {
      for (const r of g.rows) if (r.kind === 'line' && r.line.id === lineId) return r;
    }
    return undefined;
  }

  // ---- rendering ----

  private money(minor: number): string {
    const v = this.store.value;
    return formatMoney(minor, v?.cart?.currency ?? v?.order?.currency ?? this.resolvedCurrency, this.resolvedLocale);
  }

  private where(f: Fulfillment, storeName: string | undefined, m: CartMessages): string {
    const store = storeName ?? ('storeId' in f ? f.storeId : '');
    return f.type === 'delivery' ? m.delivery : f.type === 'take_now' ? m.takeNowAt(store) : m.pickupAt(store);
  }

  private fixLabel(a: LineAlternative, m: CartMessages): string {
    const f = a.fulfillment;
    if (f.type === 'delivery') return m.deliverInstead;
    const store = a.storeName ?? ('storeId' in f ? f.storeId : '');
    const available = formatNumber(a.available, this.resolvedLocale);
    const km = a.distanceKm !== undefined ? formatNumber(a.distanceKm, this.resolvedLocale, 1) : undefined;
    return f.type === 'take_now' ? m.takeNowInstead(store, available, km) : m.pickUpInstead(store, available, km);
  }

  protected override render(): TemplateResult {
    const m = this.text() ?? en;
    const v = this.store.value;
    const status = this.status;
    this.rowOrder = (v?.groups ?? []).flatMap((g) => g.rows.map((r) => (r.kind === 'line' ? r.line.id : r.lineId)));
    const base = (body: unknown, busy = false) =>
      html`<section part="base" tabindex="-1" aria-label=${m.cart} aria-busy=${busy ? 'true' : 'false'}>${body}</section>`;
    if (status === 'loading') {
      return base(html`<div class="skeleton" aria-hidden="true"></div><p part="message" class="sr-only">${m.loading}</p>`, true);
    }
    if (status === 'error') {
      return base(html`<p part="message" tabindex="-1">${m.error}</p>
        <button part="retry" type="button" @click=${() => void this.api()?.retry()}>${m.retry}</button>`);
    }
    if (status === 'empty') return base(html`<p part="message" tabindex="-1">${m.empty}</p><slot name="empty"></slot>`);
    if (status === 'ordered') {
      return base(html`<p part="message" tabindex="-1">${m.ordered(v!.order!.number)}</p><slot name="ordered"></slot>`);
    }
    const view = v!;
    const busy = status === 'checking-out';
    return base(
      html`${status === 'conflict' ? html`<p part="message" class="notice" tabindex="-1">${m.conflict}</p>` : nothing}
        ${view.error && status !== 'conflict' ? html`<p class="notice">${m.failed}</p>` : nothing}
        ${view.groups.map((g) => this.renderGroup(g, m, busy))} ${view.cart?.lines.length ? this.renderTotals(view, m) : nothing}
        ${view.cart?.lines.length ? this.renderCheckout(view, m, busy) : nothing}`,
      busy,
    );
  }

  private renderGroup(g: CartViewGroup, m: CartMessages, busy: boolean): TemplateResult {
    const id = `g-${g.id}`;
    const s = g.group;
    return html`<section part="group" aria-labelledby=${id}>
      <h2 part="group-heading" id=${id}>${this.where(g.fulfillment, g.storeName, m)}</h2>
      <ul role="list">
        ${g.rows.map((r) => (r.kind === 'line' ? this.renderLine(r, m, busy) : this.renderRemoved(r, m)))}
      </ul>
      ${s
        ? html`<dl part="group-summary">
            <div><dt>${m.groupSubtotal}</dt><dd>${this.money(s.subtotal)}</dd></div>
            ${g.fulfillment.type === 'delivery'
              ? html`<div><dt>${m.deliveryFee}</dt><dd>${s.fee ? this.money(s.fee) : m.free}</dd></div>`
              : nothing}
          </dl>
          ${s.missingForFreeDelivery ? html`<p class="hint">${m.moreForFree(this.money(s.missingForFreeDelivery))}</p>` : nothing}`
        : nothing}
    </section>`;
  }

  private renderLine(r: CartViewLine, m: CartMessages, busy: boolean): TemplateResult {
    const l = r.line;
    const sale = l.compareAtPrice !== undefined && l.compareAtPrice > l.unitPrice;
    const problemId = `p-${l.id}`;
    const off = busy;
    return html`<li part="line" data-row=${l.id} tabindex="-1" aria-label=${l.name} class=${r.blocked ? 'blocked' : ''}>
      <img part="image" src=${l.imageUrl} alt="" width="64" height="64" loading="lazy" />
      <div class="info">
        <span part="name">${l.name}</span>
        <span class="prices"
          ><span part="price"><span class="sr-only">${m.unitPrice} </span>${this.money(l.unitPrice)}</span
          >${sale ? html` <s part="compare-at"><span class="sr-only">${m.was} </span>${this.money(l.compareAtPrice!)}</s>` : nothing}</span
        >
      </div>
      <div class="controls">
        <div part="stepper" role="group" aria-label=${m.quantityOf(l.name)}>
          <button type="button" aria-label=${m.decrease(l.name)} aria-disabled=${!r.canDecrease || off ? 'true' : 'false'}
            @click=${() => !off && this.onStep(r, -1)}>−</button>
          <input type="number" inputmode="numeric" min="1" max=${MAX_LINE_QUANTITY} step="1" aria-label=${m.quantityOf(l.name)}
            .value=${String(r.quantity)} ?readonly=${off} aria-describedby=${r.problem ? problemId : nothing}
            @change=${(e: Event) => this.onQuantity(r, e)} @keydown=${(e: KeyboardEvent) => this.onQuantityKey(r, e)} />
          <button type="button" aria-label=${m.increase(l.name)} aria-disabled=${!r.canIncrease || off ? 'true' : 'false'}
            @click=${() => !off && this.onStep(r, +1)}>+</button>
        </div>
        <span part="line-total"><span class="sr-only">${m.lineTotal} </span>${this.money(l.lineTotal)}</span>
        <button part="remove" type="button" aria-label=${m.removeName(l.name)} aria-disabled=${off ? 'true' : 'false'}
          @click=${() => !off && this.onRemove(r)}>${m.remove}</button>
      </div>
      ${r.problem
        ? html`<div part="problem" id=${problemId}>
            <p>${m.problem[r.problem](formatNumber(l.availability.available, this.resolvedLocale))}${r.blocked ? html` ${m.blocked}` : nothing}</p>
            ${r.fixes.map(
              (a) => html`<button part="fix" type="button" aria-disabled=${off ? 'true' : 'false'}
                @click=${() => !off && void this.onFix(r, a.fulfillment)}>${this.fixLabel(a, m)}</button>`,
            )}
          </div>`
        : nothing}
    </li>`;
  }

  private renderRemoved(r: CartViewRemoved, m: CartMessages): TemplateResult {
    return html`<li part="removed" data-row=${r.lineId}>
      <span>${m.removed(r.name)}</span>
      <button part="undo" type="button" aria-label=${m.undoName(r.name)} aria-disabled=${r.restoring ? 'true' : 'false'}
        @click=${() => !r.restoring && void this.onUndo(r)}>${m.undo}</button>
    </li>`;
  }

  private renderTotals(v: CartView, m: CartMessages): TemplateResult {
    const t = v.cart!.totals;
    const locale = this.resolvedLocale;
    return html`<dl part="totals">
      <div><dt>${m.subtotal}</dt><dd>${this.money(t.subtotal)}</dd></div>
      ${v.cart!.discounts.length
        ? html`<div class="discounts"><dt>${m.discounts}</dt><dd>−${this.money(t.discount)}</dd></div>
            ${v.cart!.discounts.map((d) => html`<div class="discount"><dt>${d.label}</dt><dd>−${this.money(d.amount)}</dd></div>`)}`
        : nothing}
      <div><dt>${m.deliveryFee}</dt><dd>${t.delivery ? this.money(t.delivery) : m.free}</dd></div>
      <div class="total"><dt>${m.total}</dt><dd>${this.money(t.total)}</dd></div>
      ${t.vat.map((x) => html`<div class="vat"><dt>${m.vat(formatNumber(x.rate / 100, locale, 2))}</dt><dd>${this.money(x.vat)}</dd></div>`)}
    </dl>`;
  }

  private renderCheckout(v: CartView, m: CartMessages, busy: boolean): TemplateResult {
    const emailError = v.emailProblem === 'missing' ? m.emailMissing : v.emailProblem === 'invalid' ? m.emailInvalid : '';
    const blocked = !v.cart!.ready;
    // Not disabled for a line with a problem: the server's answer then names the lines to fix.
    const disabled = busy;
    return html`<form class="checkout" novalidate @submit=${(e: Event) => void this.onCheckout(e)}>
      <fieldset part="payment">
        <legend>${m.payment}</legend>
        ${v.payment.map(
          (p) => html`<label class=${p.refused ? 'refused' : ''}>
            <input type="radio" name="payment" value=${p.method} .checked=${v.paymentMethod === p.method} ?disabled=${!!p.refused || busy}
              aria-describedby=${p.refused ? `r-${p.method}` : nothing} @change=${() => this.api()?.choosePayment(p.method)} />
            <span>${m.method[p.method]}</span>
            ${p.refused ? html`<small id=${`r-${p.method}`}>${m.refused[p.refused]}</small>` : nothing}
          </label>`,
        )}
      </fieldset>
      <label class="email"
        ><span>${m.email}</span>
        <input part="email" type="email" name="email" autocomplete="email" required .value=${this.email} ?readonly=${busy}
          aria-invalid=${emailError ? 'true' : 'false'} aria-describedby=${emailError ? 'email-error' : nothing}
          @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)} />
      </label>
      ${emailError ? html`<p id="email-error" class="error">${emailError}</p>` : nothing}
      ${blocked ? html`<p id="not-ready" class="error">${m.notReady}</p>` : nothing}
      <button part="checkout" type="submit" aria-disabled=${disabled ? 'true' : 'false'} aria-describedby=${blocked ? 'not-ready' : nothing}>
        ${busy ? m.checkingOut : m.checkout}
      </button>
    </form>`;
  }
}
