import { HANDOFF_ALPHABET, HANDOFF_CODE_LENGTH, normalizeHandoffCode, type Cart } from '@omnikit/contract/cart';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import type { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { cartOf } from '../resources/cart.js';
import { asOmnikitError } from './remote.js';

// The code's rules, for pages that build their own field (maxlength, pattern, the expiry's wording).
export { HANDOFF_ALPHABET, HANDOFF_CODE_LENGTH, HANDOFF_TTL_MINUTES, HANDOFF_URL_PARAM } from '@omnikit/contract/cart';

/** Why a typed handoff code was refused before any request. */
export type HandoffCodeProblem = 'empty' | 'character' | 'length';

/** A typed handoff code, checked locally: the code to send, or why not. */
export type HandoffCodeCheck =
  | { ok: true; code: string }
  | {
      ok: false;
      reason: HandoffCodeProblem;
      /** With `character`: the characters typed that no code has (`0`, `O`, `1`...), each once. */
      characters: string[];
    };

/**
 * Checks a code as a person typed it, before asking the server: normalised (case, spaces and
 * dashes do not matter), then every character must be of `HANDOFF_ALPHABET` and there must be
 * `HANDOFF_CODE_LENGTH` of them. A wrong character is named first: it is the likelier mistake
 * (an `O` for a `0`-less alphabet) and the more useful message.
 */
export function checkHandoffCode(typed: string): HandoffCodeCheck {
  const code = normalizeHandoffCode(typeof typed === 'string' ? typed : '');
  if (!code) return { ok: false, reason: 'empty', characters: [] };
  const bad = [...new Set([...code].filter((c) => !HANDOFF_ALPHABET.includes(c)))];
  if (bad.length) return { ok: false, reason: 'character', characters: bad };
  if (code.length !== HANDOFF_CODE_LENGTH) return { ok: false, reason: 'length', characters: [] };
  return { ok: true, code };
}

/** A handoff code as people read it: two groups of four, `ACDE-F349` (any other input normalised only). */
export function formatHandoffCode(code: string): string {
  const c = normalizeHandoffCode(code);
  const half = HANDOFF_CODE_LENGTH / 2;
  return c.length === HANDOFF_CODE_LENGTH ? `${c.slice(0, half)}-${c.slice(half)}` : c;
}

/** A handoff as shown: the code in both forms, the URL for the QR code, and the time left. */
export interface ShownHandoff {
  /** The code normalised: `ACDEF349`. */
  code: string;
  /** The code as shown and read aloud: `ACDE-F349`. */
  display: string;
  /** What the QR code opens. */
  url: string;
  /** When the code stops working (epoch milliseconds, the server's `expiresAt`). */
  expiresAt: number;
  /** Whole minutes left, rounded up (15 just after it was made, 1 in its last minute, 0 once expired). */
  minutesLeft: number;
}

/**
 * The showing half of a handoff:
 * - `idle`: nothing asked yet (a "Continue on another device" button)
 * - `loading`: reading the cart, or making a code
 * - `empty`: this device has no cart, or one without lines: nothing to hand off (and no code made)
 * - `ready`: a code that works now
 * - `expired`: the code ran out; `renewing` while a new one is made on its own, else the
 *   shopper asks for one (automatic renewals are used up)
 * - `error`: the cart or the code could not be had
 */
export type HandoffShowState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'empty' }
  | { status: 'ready'; handoff: ShownHandoff }
  | { status: 'expired'; handoff: ShownHandoff; renewing: boolean }
  | { status: 'error'; error: OmnikitError };

/**
 * The resuming half:
 * - `idle`: nothing sent
 * - `invalid`: refused locally (see {@link checkHandoffCode}), no request made
 * - `loading`: the code is being used
 * - `error`: the server refused it (`handoff_code_invalid`: unknown, used or expired;
 *   `rate_limited`: too many wrong codes) or could not be reached
 * - `resumed`: the cart is this device's now
 */
export type HandoffResumeState =
  | { status: 'idle' }
  | { status: 'invalid'; reason: HandoffCodeProblem; characters: string[] }
  | { status: 'loading'; code: string }
  | { status: 'error'; error: OmnikitError }
  | { status: 'resumed'; cart: Cart };

/** Time for the handoff's expiry: the real clock by default; tests pass a fake one. */
export interface HandoffClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Options of {@link createCartHandoff}. */
export interface CartHandoffOptions {
  /** What the QR code opens, with `{code}` where the code goes (default: the server's handoff URL). */
  url?: string;
  /**
   * New codes made on their own when one expires while it is shown, default
   * {@link HANDOFF_AUTO_RENEWALS}; after those the state stays `expired` until {@link CartHandoffController.show}.
   */
  autoRenewals?: number;
  /** Default: `Date.now` and the global timers. */
  clock?: HandoffClock;
}

/**
 * Codes renewed on their own while shown: an hour of codes at 15 minutes each. A screen left
 * showing a code (a kiosk nobody reset) stops making codes after that.
 */
export const HANDOFF_AUTO_RENEWALS = 3;

/**
 * Moving a cart to another device: both halves of `<omni-cart-handoff>`, for any page.
 * `$show` follows the code shown here (its minutes left tick while someone listens, and an
 * expired code is renewed on its own); `$resume` follows a code typed here.
 */
export interface CartHandoffController {
  readonly $show: ReadableAtom<HandoffShowState>;
  readonly $resume: ReadableAtom<HandoffResumeState>;
  /**
   * Shows a new code for this device's cart. Reads the cart first: with no cart or no lines
   * the state is `empty` and no code (nor cart) is made. Each call makes a new code ("New code").
   */
  show(options?: CallOptions): Promise<HandoffShowState>;
  /** Back to `idle` (the code stays valid on the server until it expires). */
  hide(): void;
  /**
   * Opens a cart by a typed code: checked locally first (`invalid`, no request), then used;
   * on success it is this device's cart (`$cart` of `cartOf(client)`).
   */
  resume(typed: string, options?: CallOptions): Promise<HandoffResumeState>;
  /** Back to `idle` (the shopper edits the code after an error). */
  clearResume(): void;
}

const realClock: HandoffClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

const MINUTE = 60_000;
// Timers longer than this fire at once in browsers (a signed 32-bit delay).
const MAX_DELAY = 2_147_483_647;

/**
 * The handoff of this device's cart, both halves (one per widget: each shows its own code).
 *
 * ```ts
 * const handoff = createCartHandoff(omni);
 * handoff.$show.subscribe((s) => s.status === 'ready' && showQr(s.handoff.url, s.handoff.display));
 * await handoff.show();
 * const r = await handoff.resume('acde f349'); // { status: 'resumed', cart } or why not
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createCartHandoff(client: ClientLike, options: CartHandoffOptions = {}): CartHandoffController {
  const clock = options.clock ?? realClock;
  const maxRenewals = Math.max(0, Math.floor(options.autoRenewals ?? HANDOFF_AUTO_RENEWALS));
  const $show = atom<HandoffShowState>({ status: 'idle' });
  const $resume = atom<HandoffResumeState>({ status: 'idle' });
  const cart = cartOf(client);
  let timer: unknown;
  let mounted = false;
  // Each show() and hide() starts a new turn; an answer from an older turn is dropped.
  let turn = 0;
  let renewals = 0;
  let resumeTurn = 0;

  const stopTimer = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  /** The time left now, and the next moment it changes (a minute boundary, or the expiry). */
  function tick(): void {
    stopTimer();
    const s = $show.value;
    if (!s || (s.status !== 'ready' && s.status !== 'expired')) return;
    const left = s.handoff.expiresAt - clock.now();
    const minutesLeft = Math.max(0, Math.ceil(left / MINUTE));
    if (left <= 0) {
      if (s.status === 'ready' || s.handoff.minutesLeft !== 0) {
        const renewing = mounted && renewals < maxRenewals;
        $show.set({ status: 'expired', handoff: { ...s.handoff, minutesLeft: 0 }, renewing });
        if (renewing) {
          renewals++;
          void make();
        }
      }
      return;
    }
    if (s.handoff.minutesLeft !== minutesLeft) $show.set({ status: 'ready', handoff: { ...s.handoff, minutesLeft } });
    // Ticks only while someone looks: a store nobody listens to keeps no timer.
    if (mounted) timer = clock.setTimeout(tick, Math.min(MAX_DELAY, left % MINUTE || MINUTE));
  }

  async function make(callOptions?: CallOptions): Promise<HandoffShowState> {
    const mine = ++turn;
    stopTimer();
    const current = $show.value;
    // A renewal keeps the expired code on screen until the new one arrives (no layout jump).
    if (current?.status !== 'expired') $show.set({ status: 'loading' });
    let next: HandoffShowState;
    try {
      const c = await cart.get(callOptions);
      if (!c || c.lines.length === 0) next = { status: 'empty' };
      else {
        const h = await cart.handoff(options.url ? { url: options.url } : {}, callOptions);
        const expiresAt = Date.parse(h.expiresAt);
        next = {
          status: 'ready',
          handoff: {
            code: normalizeHandoffCode(h.code),
            display: formatHandoffCode(h.code),
            url: h.url,
            expiresAt,
            minutesLeft: Math.max(0, Math.ceil((expiresAt - clock.now()) / MINUTE)),
          },
        };
      }
    } catch (e) {
      next = { status: 'error', error: asOmnikitError(e) };
    }
    if (mine !== turn) return $show.value!;
    $show.set(next);
    tick();
    return next;
  }

  onMount($show, () => {
    mounted = true;
    tick();
    // The cart emptied, checked out or forgotten elsewhere while a code is shown: nothing to hand off.
    const stop = cart.$cart.listen((c) => {
      const s = $show.value?.status;
      if ((s === 'ready' || s === 'expired') && (!c || c.lines.length === 0)) {
        turn++;
        stopTimer();
        $show.set({ status: 'empty' });
      }
    });
    return () => {
      mounted = false;
      stopTimer();
      stop();
    };
  });

  return {
    $show,
    $resume,
    show(callOptions) {
      renewals = 0;
      return make(callOptions);
    },
    hide() {
      turn++;
      stopTimer();
      $show.set({ status: 'idle' });
    },
    async resume(typed, callOptions) {
      const mine = ++resumeTurn;
      const check = checkHandoffCode(typed);
      if (!check.ok) {
        const s: HandoffResumeState = { status: 'invalid', reason: check.reason, characters: check.characters };
        $resume.set(s);
        return s;
      }
      $resume.set({ status: 'loading', code: check.code });
      let next: HandoffResumeState;
      try {
        next = { status: 'resumed', cart: await cart.resume(check.code, callOptions) };
      } catch (e) {
        next = { status: 'error', error: asOmnikitError(e) };
      }
      if (mine === resumeTurn) $resume.set(next);
      return next;
    },
    clearResume() {
      resumeTurn++;
      $resume.set({ status: 'idle' });
    },
  };
}
