// createCartHandoff (@omnikit/sdk/cart): the decisions of <omni-cart-handoff>, against the real
// reference server; the expiry with a fake clock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { createBaseClient } from '@omnikit/sdk/base';
import type { FetchLike } from '@omnikit/sdk';
import {
  HANDOFF_ALPHABET, HANDOFF_CODE_LENGTH, HANDOFF_TTL_MINUTES, cartOf, checkHandoffCode, createCartHandoff,
  formatHandoffCode, type HandoffClock, type HandoffShowState,
} from '@omnikit/sdk/cart';
import { memoryStorage, until } from './helpers.js';

const F = SEED_FIXTURES;
const delivery = { type: 'delivery' } as const;
let server: RunningServer;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
});
after(async () => {
  await server.close();
});

/** A base client (what the widgets get) with storage of its own (a device), recording its requests. */
function device() {
  const requests: string[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/v1/carts')) requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}`);
    return globalThis.fetch(input, init);
  };
  const c = createBaseClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, currency: 'SEK', storage: memoryStorage(), fetch,
    realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 },
  });
  return Object.assign(c, { requests });
}

/** A clock that moves only when told, firing its due timers in order. */
function fakeClock(start = Date.now()): HandoffClock & { advance(ms: number): void; pending(): number } {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    pending: () => timers.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

const codePattern = new RegExp(`^[${HANDOFF_ALPHABET}]{${HANDOFF_CODE_LENGTH}}$`);

test('checkHandoffCode: normalised, then characters, then length; formatHandoffCode groups by four', () => {
  assert.deepEqual(checkHandoffCode(' acde-f349 '), { ok: true, code: 'ACDEF349' });
  assert.deepEqual(checkHandoffCode('ACDE F349'), { ok: true, code: 'ACDEF349' });
  assert.deepEqual(checkHandoffCode(''), { ok: false, reason: 'empty', characters: [] });
  assert.deepEqual(checkHandoffCode(' - '), { ok: false, reason: 'empty', characters: [] });
  // 0, O, 1, I, 5, S are not in the alphabet (they are misread); each bad character named once.
  assert.deepEqual(checkHandoffCode('ACD0-O1OO'), { ok: false, reason: 'character', characters: ['0', 'O', '1'] });
  assert.deepEqual(checkHandoffCode('acde!349'), { ok: false, reason: 'character', characters: ['!'] });
  assert.deepEqual(checkHandoffCode('ACDEF34'), { ok: false, reason: 'length', characters: [] });
  assert.deepEqual(checkHandoffCode('ACDEF3499'), { ok: false, reason: 'length', characters: [] });
  assert.deepEqual(checkHandoffCode(undefined as unknown as string), { ok: false, reason: 'empty', characters: [] });
  assert.equal(formatHandoffCode('acdef349'), 'ACDE-F349');
  assert.equal(formatHandoffCode('ACDE-F349'), 'ACDE-F349');
  assert.equal(formatHandoffCode('ACD'), 'ACD');
  for (const c of HANDOFF_ALPHABET) assert.equal(checkHandoffCode(c.repeat(HANDOFF_CODE_LENGTH)).ok, true, c);
});

test('no cart on this device: empty, and no cart or code is made', async (t) => {
  const kiosk = device();
  t.after(() => kiosk.close());
  const h = createCartHandoff(kiosk);
  assert.deepEqual(h.$show.get(), { status: 'idle' });
  assert.deepEqual(await h.show(), { status: 'empty' });
  assert.deepEqual(h.$show.get(), { status: 'empty' });
  assert.deepEqual(kiosk.requests, []);
  assert.equal(cartOf(kiosk).$cart.get(), null);
});

test('a cart without lines: empty, and no code is made', async (t) => {
  const kiosk = device();
  t.after(() => kiosk.close());
  const cart = await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  await cartOf(kiosk).removeLine({ lineId: cart.lines[0]!.id });
  kiosk.requests.length = 0;
  const h = createCartHandoff(kiosk);
  assert.deepEqual(await h.show(), { status: 'empty' });
  assert.deepEqual(kiosk.requests, [`GET /v1/carts/${cart.id}`]);
});

test('a cart with lines: a code of the alphabet, grouped, its URL and 15 minutes; resumed on another device', async (t) => {
  const kiosk = device();
  const phone = device();
  t.after(() => kiosk.close());
  t.after(() => phone.close());
  await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
  const cart = await cartOf(kiosk).addLine({ sku: F.lowStock.sku, quantity: 1, fulfillment: delivery });
  const h = createCartHandoff(kiosk);
  const seen: string[] = [];
  const stop = h.$show.listen((s) => seen.push(s.status));
  t.after(stop);
  const before = Date.now();
  const s = await h.show();
  assert.deepEqual(seen, ['loading', 'ready']);
  assert.equal(s.status, 'ready');
  const shown = (s as Extract<HandoffShowState, { status: 'ready' }>).handoff;
  assert.match(shown.code, codePattern);
  assert.equal(shown.display, `${shown.code.slice(0, 4)}-${shown.code.slice(4)}`);
  assert.ok(shown.url.includes(shown.code), `the URL carries the code: ${shown.url}`);
  assert.equal(shown.minutesLeft, HANDOFF_TTL_MINUTES);
  const ttl = shown.expiresAt - before;
  assert.ok(ttl > (HANDOFF_TTL_MINUTES - 1) * 60_000 && ttl <= HANDOFF_TTL_MINUTES * 60_000 + 5_000, `ttl ${ttl}`);

  // The phone types it as a person would (lower case, a space instead of the dash).
  const r = createCartHandoff(phone);
  const states: string[] = [];
  r.$resume.listen((x) => states.push(x.status));
  const res = await r.resume(shown.display.toLowerCase().replace('-', ' '));
  assert.deepEqual(states, ['loading', 'resumed']);
  assert.equal(res.status, 'resumed');
  const resumed = (res as Extract<typeof res, { status: 'resumed' }>).cart;
  assert.equal(resumed.id, cart.id);
  assert.deepEqual(resumed.lines.map((l) => [l.sku, l.quantity]), cart.lines.map((l) => [l.sku, l.quantity]));
  assert.equal(cartOf(phone).$cart.get()?.id, cart.id, 'the cart is the phone\'s now');

  // One use: the same code again fails on the server.
  const third = device();
  t.after(() => third.close());
  const again = await createCartHandoff(third).resume(shown.code);
  assert.equal(again.status, 'error');
  assert.equal((again as Extract<typeof again, { status: 'error' }>).error.code, 'handoff_code_invalid');
});

test('a bad code is refused locally without a request; a wrong one by the server', async (t) => {
  const phone = device();
  t.after(() => phone.close());
  const r = createCartHandoff(phone);
  assert.deepEqual(await r.resume('ACD'), { status: 'invalid', reason: 'length', characters: [] });
  assert.deepEqual(await r.resume('OOOO-1111'), { status: 'invalid', reason: 'character', characters: ['O', '1'] });
  assert.deepEqual(await r.resume(''), { status: 'invalid', reason: 'empty', characters: [] });
  assert.deepEqual(phone.requests, [], 'no request for a code that cannot be one');
  r.clearResume();
  assert.deepEqual(r.$resume.get(), { status: 'idle' });

  const wrong = await r.resume('3333-3333');
  assert.equal(wrong.status, 'error');
  assert.equal((wrong as Extract<typeof wrong, { status: 'error' }>).error.code, 'handoff_code_invalid');
  assert.deepEqual(phone.requests, ['POST /v1/carts/resume']);
  assert.equal(cartOf(phone).$cart.get(), null, 'no cart on the phone');
});

test('expiry: minutes tick down while shown, an expired code renews itself, then waits for "New code"', async (t) => {
  const kiosk = device();
  t.after(() => kiosk.close());
  await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  const clock = fakeClock();
  const h = createCartHandoff(kiosk, { clock, autoRenewals: 1 });
  const stop = h.$show.listen(() => {});
  t.after(stop);
  const first = await h.show();
  assert.equal(first.status, 'ready');
  const one = (first as Extract<HandoffShowState, { status: 'ready' }>).handoff;
  const left = one.expiresAt - clock.now();
  clock.advance(left - 14 * 60_000 + 1); // just under 14 minutes left
  assert.deepEqual(h.$show.get(), { status: 'ready', handoff: { ...one, minutesLeft: 14 } });
  clock.advance(13 * 60_000); // in its last minute
  assert.equal((h.$show.get() as { handoff: { minutesLeft: number } }).handoff.minutesLeft, 1);

  clock.advance(60_000); // expired: renews itself, the old code on screen meanwhile
  assert.deepEqual(h.$show.get(), { status: 'expired', handoff: { ...one, minutesLeft: 0 }, renewing: true });
  await until(() => h.$show.get().status === 'ready', 'a renewed code');
  const two = (h.$show.get() as Extract<HandoffShowState, { status: 'ready' }>).handoff;
  assert.notEqual(two.code, one.code);
  assert.match(two.code, codePattern);

  // The renewal is used up: the next expiry waits for the shopper.
  clock.advance(two.expiresAt - clock.now());
  assert.deepEqual(h.$show.get(), { status: 'expired', handoff: { ...two, minutesLeft: 0 }, renewing: false });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(h.$show.get().status, 'expired');
  assert.equal(clock.pending(), 0, 'no timer left running');

  // "New code"
  const three = await h.show();
  assert.equal(three.status, 'ready');
  assert.notEqual((three as Extract<HandoffShowState, { status: 'ready' }>).handoff.code, two.code);
  h.hide();
  assert.deepEqual(h.$show.get(), { status: 'idle' });
  assert.equal(clock.pending(), 0);
});

test('the shown cart emptied on this device: nothing to hand off any more', async (t) => {
  const kiosk = device();
  t.after(() => kiosk.close());
  const cart = await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  const h = createCartHandoff(kiosk);
  const stop = h.$show.listen(() => {});
  t.after(stop);
  assert.equal((await h.show()).status, 'ready');
  await cartOf(kiosk).removeLine({ lineId: cart.lines[0]!.id });
  assert.deepEqual(h.$show.get(), { status: 'empty' });
});

test('a failed read is an error state with the code, not a throw', async (t) => {
  const kiosk = createBaseClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: memoryStorage(), retry: 0,
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return url.pathname.endsWith('/handoff') ? Promise.reject(new TypeError('Failed to fetch')) : globalThis.fetch(input, init);
    },
  });
  t.after(() => kiosk.close());
  await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  const s = await createCartHandoff(kiosk).show();
  assert.equal(s.status, 'error');
  assert.equal((s as Extract<HandoffShowState, { status: 'error' }>).error.code, 'network_error');
});
