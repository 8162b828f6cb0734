import {
  createCartHandoff, HANDOFF_CODE_LENGTH, type CartHandoffController, type HandoffResumeState, type HandoffShowState,
} from '@omnikit/sdk/cart';
import { html, nothing, type PropertyValues } from 'lit';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import type { OmniClient } from '../internal/context.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { styles } from './cart-handoff.styles.js';
import { OmniCartResumeEvent } from './events.js';
import { en, messagesOf, type CartHandoffMessages } from './messages.js';
import type { QrCode } from './qr.js';

export { OmniCartResumeEvent } from './events.js';

/** What the showing half shows (the SDK's `HandoffShowState`); also custom states (`:state(ready)`). */
export type CartHandoffState = HandoffShowState['status'];
/** What the resuming half shows (the SDK's `HandoffResumeState`). */
export type CartHandoffResumeState = HandoffResumeState['status'];
/** Which halves a handoff widget shows. */
export type CartHandoffMode = 'show' | 'resume' | 'both';

const SHOW_STATES: readonly CartHandoffState[] = ['idle', 'loading', 'empty', 'ready', 'expired', 'error'];
// The resuming half's custom states carry a prefix: both halves are on one element.
const RESUME_STATES = ['resume-invalid', 'resuming', 'resume-error', 'resumed'] as const;
const RESUME_STATE_OF: Partial<Record<CartHandoffResumeState, (typeof RESUME_STATES)[number]>> = {
  invalid: 'resume-invalid',
  loading: 'resuming',
  error: 'resume-error',
  resumed: 'resumed',
};
/** Modules of white around the QR code (the standard's quiet zone). */
const QUIET = 4;

// The encoder is a chunk of its own, loaded the first time a code is shown on the page; a
// failed load is forgotten, so the next code tries again.
let qrModule: Promise<typeof import('./qr.js')> | undefined;
const loadQr = () =>
  (qrModule ??= import('./qr.js').catch((e: unknown) => {
    qrModule = undefined;
    throw e;
  }));

const formatNumber = (n: number, locale: string): string => {
  try {
    return n.toLocaleString(locale);
  } catch {
    return n.toLocaleString('en');
  }
};

/** "in 15 minutes" in the locale, English on a bad tag. */
function inMinutes(minutes: number, locale: string): string {
  try {
    return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(minutes, 'minute');
  } catch {
    return new Intl.RelativeTimeFormat('en', { numeric: 'always' }).format(minutes, 'minute');
  }
}

/** `ACDE-F349` read one character at a time: `A C D E, F 3 4 9`. */
const spell = (display: string) => display.split('-').map((g) => [...g].join(' ')).join(', ');

/** The text of a resume that did not work, or `undefined`. */
function resumeProblem(s: HandoffResumeState | undefined, m: CartHandoffMessages): string | undefined {
  if (s?.status === 'invalid') {
    if (s.reason === 'empty') return m.invalidEmpty;
    if (s.reason === 'length') return m.invalidLength(HANDOFF_CODE_LENGTH);
    return m.invalidCharacters(s.characters.map((c) => `“${c}”`).join(', '), s.characters.length);
  }
  if (s?.status === 'error') {
    return s.error.code === 'handoff_code_invalid' ? m.codeInvalid : s.error.code === 'rate_limited' ? m.tooMany : m.resumeFailed;
  }
  return undefined;
}

/**
 * Moves the shopper's cart to another device or channel. The showing half makes a code for
 * this device's cart when asked ("Continue on another device", or at once with `open`): a QR
 * code of the handoff URL, the short code to type (`ACDE-F349`), and the minutes it stays
 * valid; an expired code renews itself while shown (a few times, then "New code"). With no
 * cart or an empty one it says there is nothing to hand off and makes no code. The resuming
 * half is a field for a code from another device: checked here first (length, characters
 * that are never in a code), then used; the cart becomes this device's cart, every cart widget
 * of the page shows it, and `omni-cart-resume` is fired. Every decision is the SDK's
 * (`createCartHandoff` of `@omnikit/sdk/cart`); the QR encoder loads only when a code is shown.
 *
 * @summary QR code and short code that move the cart to another device, and the field to resume one.
 * @tag omni-cart-handoff
 * @csspart base - The wrapper of both halves.
 * @csspart show - The showing half.
 * @csspart qr - The QR code (an SVG, dark modules on white in every theme).
 * @csspart code - The short code, monospace, read one character at a time by screen readers.
 * @csspart expiry - When the code expires, or that it has.
 * @csspart message - The showing half's note (nothing to hand off, making a code).
 * @csspart resume - The resuming half (a form).
 * @csspart label - The field's label ("Have a code?").
 * @csspart input - The code field.
 * @csspart button - Every button ("Continue on another device", "New code", "Try again", "Open cart").
 * @csspart error - Why a code could not be made or used.
 * @csspart status - "Opening the cart…", then "Cart opened: 3 items".
 * @cssprop --omni-cart-handoff-qr-size - Side of the QR code, quiet zone included (default `12rem`; keep it at least 10rem to scan from arm's length).
 * @cssprop --omni-cart-handoff-button-background - Background of the buttons (default `--omni-color-accent`).
 * @cssprop --omni-cart-handoff-button-color - Text of the buttons (default `--omni-color-surface`: near white, near black in dark mode).
 * @fires omni-cart-resume - {OmniCartResumeEvent} A cart was opened here by its code; `event.cart` is the cart.
 */
export class OmniCartHandoff extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { mode: { reflect: true }, open: { type: Boolean, reflect: true }, url: {}, qr: { state: true } };

  /** Which halves to show: `show` (the code), `resume` (the field), or `both`. */
  mode: CartHandoffMode = 'both';

  /** Show a code at once instead of the "Continue on another device" button. */
  open = false;

  /** What the QR code opens, with `{code}` where the code goes (default: the server's handoff URL). */
  url: string | undefined;

  /** The QR code drawn for `url`; without `code` when the encoder did not load (the next code tries again). */
  private qr: { url: string; code?: QrCode } | undefined;
  private qrAsked: string | undefined;

  private api: { client: OmniClient; url: string | undefined; handoff: CartHandoffController } | undefined;
  private readonly shown = new StoreController(this, () => this.controller()?.$show);
  private readonly resumeStore = new StoreController(this, () => this.controller()?.$resume);
  private opened = false;
  private seenResume: HandoffResumeState | undefined;
  private announcement = '';
  private fire: OmniCartResumeEvent | undefined;
  private focusField = false;

  /** The texts in the page's language, or `undefined` while they load (English is always here). */
  private text(): CartHandoffMessages | undefined {
    const locale = this.resolvedLocale;
    const m = messagesOf(locale, () => this.requestUpdate());
    return m;
  }

  /** The SDK's handoff for this client and URL (one per widget: each shows its own code). */
  private controller(): CartHandoffController | undefined {
    const client = this.ctx?.client;
    if (!client) return undefined;
    if (this.api?.client !== client || this.api.url !== this.url) {
      this.api = { client, url: this.url, handoff: createCartHandoff(client, this.url ? { url: this.url } : {}) };
      this.opened = false;
    }
    return this.api.handoff;
  }

  /** What the showing half shows now. */
  get status(): CartHandoffState {
    return this.shown.value?.status ?? 'idle';
  }

  /** What the resuming half shows now. */
  get resumeStatus(): CartHandoffResumeState {
    return this.resumeStore.value?.status ?? 'idle';
  }

  /** The code shown (`ACDE-F349`), while one is. */
  get code(): string | undefined {
    const s = this.shown.value;
    return s?.status === 'ready' || s?.status === 'expired' ? s.handoff.display : undefined;
  }

  /** The URL the QR code opens (the code shown in it), while a code is shown. */
  get handoffUrl(): string | undefined {
    const s = this.shown.value;
    return s?.status === 'ready' || s?.status === 'expired' ? s.handoff.url : undefined;
  }

  /** Shows a new code now (what the buttons do). */
  showCode(): void {
    void this.controller()?.show();
  }

  /** Opens a cart by a code, as if typed into the field. */
  resume(code: string): void {
    void this.controller()?.resume(code);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  protected override willUpdate(): void {
    // `open`: a code at once, asked before this update so the first render already shows it loading.
    const handoff = this.controller();
    if (this.open && !this.opened && handoff && handoff.$show.value?.status === 'idle' && this.mode !== 'resume') {
      this.opened = true;
      void handoff.show();
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const r = this.resumeStore.value;
    if (r === this.seenResume) return;
    this.seenResume = r;
    const m = messagesOf(this.resolvedLocale) ?? en;
    if (r?.status === 'resumed') {
      this.announcement = m.opened(r.cart.itemCount, formatNumber(r.cart.itemCount, this.resolvedLocale));
      this.fire = new OmniCartResumeEvent(r.cart);
    } else if (r?.status === 'invalid' || r?.status === 'error') {
      this.announcement = resumeProblem(r, m)!;
      this.focusField = true;
    }
  }

  protected override updated(): void {
    const status = this.status;
    this.setCustomStates(SHOW_STATES, this.mode === 'resume' ? [] : [status]);
    const r = RESUME_STATE_OF[this.resumeStatus];
    this.setCustomStates(RESUME_STATES, r && this.mode !== 'show' ? [r] : []);
    const s = this.shown.value;
    if (s?.status === 'ready' && this.qr?.url !== s.handoff.url && this.qrAsked !== s.handoff.url) {
      const url = (this.qrAsked = s.handoff.url);
      loadQr().then(
        (q) => {
          const now = this.shown.value;
          if (now?.status === 'ready' && now.handoff.url === url) this.qr = { url, code: q.qrCode(url) };
        },
        () => (this.qr = { url }),
      );
    }
    if (this.announcement) announce(this.announcement);
    this.announcement = '';
    if (this.focusField) this.renderRoot.querySelector('input')?.focus();
    this.focusField = false;
    const e = this.fire;
    this.fire = undefined;
    if (e) this.dispatchEvent(e);
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    if (this.resumeStatus === 'loading') return;
    this.resume(this.renderRoot.querySelector('input')?.value ?? '');
  }

  private onInput(): void {
    const s = this.resumeStatus;
    // Editing after a problem: the message goes until the next try.
    if (s === 'invalid' || s === 'error') this.controller()?.clearResume();
  }

  private renderQr(m: CartHandoffMessages, url: string) {
    const qr = this.qr;
    if (qr?.url !== url) return html`<div class="qr-slot" aria-hidden="true"></div>`;
    if (!qr.code) return html`<p class="qr-slot qr-failed">${m.qrFailed}</p>`;
    const side = qr.code.size + 2 * QUIET;
    return html`<svg part="qr" class="qr-slot" role="img" aria-label=${m.qr} viewBox="${-QUIET} ${-QUIET} ${side} ${side}" shape-rendering="crispEdges"
      ><rect x=${-QUIET} y=${-QUIET} width=${side} height=${side} fill="#fff" /><path d=${qr.code.path} fill="#000"
    /></svg>`;
  }

  private renderShow(m: CartHandoffMessages) {
    const s = this.shown.value ?? { status: 'idle' as const };
    if (s.status === 'idle' && !this.open) {
      return html`<button part="button" type="button" @click=${this.showCode}>${m.show}</button>`;
    }
    if (s.status === 'empty') return html`<p part="message">${m.empty}</p>`;
    if (s.status === 'error') {
      return html`<p part="error">${m.showFailed}</p><button part="button" type="button" @click=${this.showCode}>${m.retry}</button>`;
    }
    if (s.status === 'idle' || s.status === 'loading') {
      // The QR code's box, reserved: the code arrives without moving the page.
      return html`<div class="qr-slot" aria-hidden="true"></div><p part="message" aria-busy="true">${m.making}</p>`;
    }
    const h = s.handoff;
    const live = s.status === 'ready';
    const expiry = live ? m.expires(inMinutes(h.minutesLeft, this.resolvedLocale)) : s.renewing ? m.renewing : m.expired;
    return html`<p class="scan">${m.scan}</p>
      ${live ? this.renderQr(m, h.url) : html`<div class="qr-slot expired" aria-hidden="true"></div>`}
      <p class="type">${m.typeCode}</p>
      <span part="code" class=${live ? '' : 'expired'} role="img" aria-label=${m.codeSpelled(spell(h.display))}>${h.display}</span>
      <p part="expiry">${expiry}</p>
      ${s.status === 'expired' && !s.renewing ? html`<button part="button" type="button" @click=${this.showCode}>${m.newCode}</button>` : nothing}`;
  }

  private renderResume(m: CartHandoffMessages) {
    const r = this.resumeStore.value;
    const problem = resumeProblem(r, m);
    const busy = r?.status === 'loading';
    return html`<form part="resume" novalidate @submit=${this.onSubmit}>
      <label part="label" for="code">${m.have}</label>
      <div class="row">
        <input part="input" id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" inputmode="text" spellcheck="false"
          enterkeyhint="go" maxlength="20" aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'resume-error' : nothing}
          @input=${this.onInput} />
        <button part="button" type="submit" aria-busy=${busy ? 'true' : 'false'}>${m.open}</button>
      </div>
      ${problem ? html`<p part="error" id="resume-error">${problem}</p>` : nothing}
      ${busy ? html`<p part="status">${m.opening}</p>` : nothing}
      ${r?.status === 'resumed'
        ? html`<p part="status">${m.opened(r.cart.itemCount, formatNumber(r.cart.itemCount, this.resolvedLocale))}</p>`
        : nothing}
    </form>`;
  }

  protected override render() {
    const m = this.text();
    // No text in another language while the page's is on its way (one small chunk): the box only.
    if (!m) return html`<div part="base" aria-busy="true"><div class="qr-slot" aria-hidden="true"></div></div>`;
    const mode = this.mode === 'show' || this.mode === 'resume' ? this.mode : 'both';
    return html`<div part="base">
      ${mode !== 'resume' ? html`<section part="show" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>${this.renderShow(m)}</section>` : nothing}
      ${mode !== 'show' ? this.renderResume(m) : nothing}
    </div>`;
  }
}
