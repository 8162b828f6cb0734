import { createBaseClient } from '@omnikit/sdk';
import { HANDOFF_ALPHABET, cartOf, type Cart } from '@omnikit/sdk/cart';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import type { OmniCartHandoff } from './cart-handoff.js';
import './define.js';
import { OmniCartResumeEvent } from './events.js';
import { en as m, loadMessages, messagesOf } from './messages.js';
import { STORY_CODE, storyClient } from './story-server.js';
import meta, * as stories from './cart-handoff.stories.js';

// Room for every module this page loads (the default 250 entries would drop the later ones).
performance.setResourceTimingBufferSize(100_000);
const q = (el: OmniCartHandoff, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: OmniCartHandoff, sel: string) => q(el, sel)?.textContent?.replace(/\s+/g, ' ').trim();
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);
const clearAnnouncer = () => document.querySelector('[data-omni-announcer]')?.replaceChildren();
/** Modules of the QR encoder the page has fetched (the widget's qr.ts and lean-qr). */
const qrFetched = () =>
  performance.getEntriesByType('resource').filter((e) => /lean-qr|cart-handoff\/qr\.ts/.test(e.name)).map((e) => e.name);
const group = `[${HANDOFF_ALPHABET}]{4}`;
const codePattern = new RegExp(`^${group}-${group}$`);

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  clearAnnouncer();
});

/** A device on the real server: storage of its own, its cart requests recorded. */
function device() {
  const requests: string[] = [];
  const client = createBaseClient({
    baseUrl: env.apiUrl,
    publishableKey: env.publishableKey,
    storage: memoryStorage(),
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.startsWith('/v1/carts')) requests.push(`${(init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()} ${url.pathname}`);
      return fetch(input, init);
    },
  });
  clients.push(client);
  return Object.assign(client, { requests });
}

async function mount(client: OmniClient, attrs: { mode?: string; open?: boolean; theme?: string; locale?: string } = {}) {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} locale=${attrs.locale ?? 'en'}>
      <omni-cart-handoff mode=${attrs.mode ?? 'both'} ?open=${attrs.open ?? false} theme=${attrs.theme ?? 'light'}></omni-cart-handoff>
    </omni-provider>
  `);
  const el = provider.querySelector('omni-cart-handoff')!;
  await el.updateComplete;
  return el;
}

const delivery = { type: 'delivery' } as const;
const until = (el: OmniCartHandoff, what: string, cond: () => boolean, timeout = 8000) => waitUntil(cond, `${what} (status ${el.status}, resume ${el.resumeStatus})`, { timeout });

/** The dark modules a rendered QR code draws (from its SVG path), as a set of `x,y`. */
function drawnModules(path: string): Set<string> {
  const dark = new Set<string>();
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) dark.add(`${Number(x) + i},${y}`);
  }
  return dark;
}

/** Types a code into the field and sends it, as a person with a keyboard does. */
async function typeAndSend(el: OmniCartHandoff, code: string) {
  const input = q(el, '[part=input]') as HTMLInputElement;
  input.focus();
  input.value = code;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  (q(el, 'form') as HTMLFormElement).requestSubmit();
  await el.updateComplete;
}

// First in the file: nothing before it has shown a code on this page.
describe('<omni-cart-handoff>: the QR encoder loads only when a code is shown', () => {
  it('a button first, no encoder fetched; the encoder arrives with the code', async () => {
    const kiosk = device();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    const el = await mount(kiosk);
    expect(el.status).to.equal('idle');
    expect(el.matches(':state(idle)')).to.be.true;
    const button = q(el, '[part=show] [part=button]')!;
    expect(button.textContent!.trim()).to.equal(m.show);
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 100));
    expect(qrFetched(), 'the encoder before any code').to.deep.equal([]);
    expect(kiosk.requests.filter((r) => r.includes('/handoff'))).to.deep.equal([]);

    const clicked = performance.now();
    button.click();
    await until(el, 'ready', () => el.status === 'ready');
    await until(el, 'the QR code', () => !!q(el, 'svg[part=qr]'));
    // Fetched now, after the click: a module is fetched once per page, so it was not loaded
    // before (this holds even if the page's first modules overflowed the timeline's buffer).
    const lean = performance.getEntriesByType('resource').filter((e) => e.name.includes('lean-qr'));
    expect(lean.length, 'lean-qr fetched once shown').to.be.greaterThan(0);
    expect(lean.every((e) => e.startTime >= clicked), 'lean-qr fetched after the click').to.be.true;
  });
});

// Before any test in another language: each catalog arrives only when asked for.
describe('<omni-cart-handoff> messages', () => {
  it("while the page's language loads: the box only, busy and accessible; then its texts", async () => {
    expect(messagesOf('da')).to.equal(undefined);
    const el = await mount(device(), { locale: 'da-DK' });
    if (!messagesOf('da')) {
      expect(q(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
      expect(q(el, 'button')).to.equal(null);
      await expect(el).to.be.accessible();
    }
    await until(el, 'the Danish texts', () => text(el, '[part=show] [part=button]') === 'Fortsæt på en anden enhed');
    expect(text(el, '[part=label]')).to.equal('Har du en kode?');
  });

  it('every language says everything English says', async () => {
    for (const lang of ['sv', 'nb', 'da', 'fi']) {
      // Danish arrived with the widget of the test above.
      if (lang !== 'da') expect(messagesOf(lang), `${lang} before it is asked for`).to.equal(undefined);
      await loadMessages(lang);
      const catalog = messagesOf(lang)!;
      expect(catalog, lang).to.not.equal(m);
      expect(Object.keys(catalog).sort(), lang).to.deep.equal(Object.keys(m).sort());
      const said = (v: unknown) => (typeof v === 'function' ? (v as (...a: unknown[]) => string)(3, 'X', 3) : v);
      for (const [k, v] of Object.entries(catalog)) {
        expect(typeof v, `${lang}.${k}`).to.equal(typeof m[k as keyof typeof m]);
        expect(said(v), `${lang}.${k} is translated`).to.not.equal(said(m[k as keyof typeof m]));
      }
    }
  });
});

describe('<omni-cart-handoff> against the reference server', () => {
  it('shows the QR code of the URL, the code in two groups, spelled for screen readers, and its expiry', async () => {
    const kiosk = device();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 2, fulfillment: delivery });
    await cartOf(kiosk).addLine({ sku: env.fixtures.lowStock.sku, quantity: 1, fulfillment: delivery });
    const el = await mount(kiosk, { open: true });
    await until(el, 'the QR code', () => !!q(el, 'svg[part=qr]'));
    expect(el.matches(':state(ready)')).to.be.true;
    const code = text(el, '[part=code]')!;
    expect(code).to.match(codePattern);
    expect(el.code).to.equal(code);
    const spelled = `${[...code.slice(0, 4)].join(' ')}, ${[...code.slice(5)].join(' ')}`;
    expect(q(el, '[part=code]')!.getAttribute('aria-label')).to.equal(`Code: ${spelled}`);
    expect(getComputedStyle(q(el, '[part=code]')!).fontFamily).to.match(/mono/i);
    expect(text(el, '[part=expiry]')).to.equal('Expires in 15 minutes');

    const svg = q(el, 'svg[part=qr]')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal(m.qr);
    const box = svg.getBoundingClientRect();
    expect(box.width, 'large enough to scan').to.be.at.least(160);
    expect(box.height).to.equal(box.width);
    expect(svg.querySelector('rect')!.getAttribute('fill')).to.equal('#fff');
    expect(svg.querySelector('path')!.getAttribute('fill')).to.equal('#000');

    // The drawn matrix is the encoder's own for the handoff URL (no decoder among the dev
    // dependencies), and that URL carries this code.
    const handoffUrl = el.handoffUrl!;
    expect(handoffUrl).to.contain(code.replace('-', ''));
    const { generate, correction } = await import('lean-qr/nano');
    const expected = generate(handoffUrl, { minCorrectionLevel: correction.M });
    const drawn = drawnModules(svg.querySelector('path')!.getAttribute('d')!);
    const want = new Set<string>();
    for (let y = 0; y < expected.size; y++) for (let x = 0; x < expected.size; x++) if (expected.get(x, y)) want.add(`${x},${y}`);
    expect(drawn.size).to.be.greaterThan(100);
    expect([...drawn].sort()).to.deep.equal([...want].sort());
    // A QR code's side: 21 modules plus 4 per version, plus the quiet zone of 4 on each side.
    const side = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    expect((side - 8 - 21) % 4).to.equal(0);
    // The three finder patterns: a 7x7 dark ring in the corners.
    for (const [cx, cy] of [[0, 0], [expected.size - 7, 0], [0, expected.size - 7]] as const) {
      for (let i = 0; i < 7; i++) expect(drawn.has(`${cx + i},${cy}`) && drawn.has(`${cx},${cy + i}`), `finder at ${cx},${cy}`).to.be.true;
    }
    await expect(el).to.be.accessible();
  });

  it('dark modules on white in the dark theme too, accessible', async () => {
    const kiosk = device();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    const provider = await fixture<OmniProvider>(html`
      <div style="background:#0d1117;color:#e6edf3;padding:1em">
        <omni-provider .client=${kiosk} locale="en" theme="dark"><omni-cart-handoff open theme="dark"></omni-cart-handoff></omni-provider>
      </div>
    `);
    const el = provider.querySelector('omni-cart-handoff')!;
    await until(el, 'the QR code', () => !!q(el, 'svg[part=qr]'));
    const svg = q(el, 'svg[part=qr]')!;
    expect(getComputedStyle(svg).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(svg.querySelector('rect')!.getAttribute('fill')).to.equal('#fff');
    expect(getComputedStyle(q(el, '[part=code]')!).color).to.equal('rgb(230, 237, 243)');
    // The buttons' text is the dark surface on the dark accent (axe checks the contrast below).
    expect(getComputedStyle(q(el, 'form [part=button]')!).color).to.equal('rgb(21, 27, 35)');
    await expect(el).to.be.accessible();
  });

  it('a second device resumes by that code: the same cart and lines, announced, omni-cart-resume fired', async () => {
    const kiosk = device();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 2, fulfillment: delivery });
    const kioskCart = await cartOf(kiosk).addLine({ sku: env.fixtures.lowStock.sku, quantity: 1, fulfillment: delivery });
    const shown = await mount(kiosk, { mode: 'show', open: true });
    await until(shown, 'a code', () => shown.status === 'ready');
    expect(q(shown, 'form'), 'mode="show" has no field').to.equal(null);

    const phone = device();
    const el = await mount(phone, { mode: 'resume' });
    expect(q(el, '[part=show]'), 'mode="resume" shows no code').to.equal(null);
    const input = q(el, '[part=input]') as HTMLInputElement;
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('autocapitalize')).to.equal('characters');
    expect(input.getAttribute('inputmode')).to.equal('text');
    expect(q(el, `label[for=${input.id}]`)!.textContent!.trim()).to.equal(m.have);
    await expect(el).to.be.accessible();

    const events: OmniCartResumeEvent[] = [];
    document.addEventListener('omni-cart-resume', (e) => events.push(e), { once: true });
    await typeAndSend(el, shown.code!.toLowerCase());
    await until(el, 'resumed', () => el.resumeStatus === 'resumed');
    expect(el.matches(':state(resumed)')).to.be.true;
    expect(events).to.have.length(1);
    expect(events[0]).to.be.instanceOf(OmniCartResumeEvent);
    const cart: Cart = events[0]!.cart;
    expect(cart.id).to.equal(kioskCart.id);
    expect(cart.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).to.deep.equal(kioskCart.lines.map((l) => [l.sku, l.quantity, l.unitPrice]));
    expect(cartOf(phone).$cart.get()?.id, "the phone's cart now").to.equal(kioskCart.id);
    expect(text(el, '[part=status]')).to.equal('Cart opened: 3 items');
    expect(announced()).to.include('Cart opened: 3 items');
    await expect(el).to.be.accessible();
  });

  it('a code that cannot be one is refused here, without a request', async () => {
    const phone = device();
    const el = await mount(phone, { mode: 'resume' });
    await typeAndSend(el, 'ACD0-O1OO');
    await until(el, 'invalid', () => el.resumeStatus === 'invalid');
    expect(el.matches(':state(resume-invalid)')).to.be.true;
    expect(text(el, '[part=error]')).to.equal('“0”, “O”, “1” are never in a code. Check the code and try again.');
    const input = q(el, '[part=input]')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal(q(el, '[part=error]')!.id);
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await expect(el).to.be.accessible();

    await typeAndSend(el, 'ACDE-F34');
    await until(el, 'the length message', () => text(el, '[part=error]') === m.invalidLength(8));
    await typeAndSend(el, '');
    await until(el, 'the empty message', () => text(el, '[part=error]') === m.invalidEmpty);
    expect(phone.requests).to.deep.equal([]);
    // Editing clears the message until the next try.
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(el, 'cleared', () => !q(el, '[part=error]'));
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('a wrong code: handoff_code_invalid shown as text', async () => {
    const phone = device();
    const el = await mount(phone, { mode: 'resume' });
    await typeAndSend(el, '3333-3333');
    await until(el, 'the server refused it', () => el.resumeStatus === 'error');
    expect(el.matches(':state(resume-error)')).to.be.true;
    expect(text(el, '[part=error]')).to.equal(m.codeInvalid);
    expect(phone.requests).to.deep.equal(['POST /v1/carts/resume']);
    expect(cartOf(phone).$cart.get()).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('no cart, or an empty cart: nothing to hand off, and no code (nor cart) made', async () => {
    const fresh = device();
    const el = await mount(fresh, { mode: 'show', open: true });
    await until(el, 'empty', () => el.status === 'empty');
    expect(el.matches(':state(empty)')).to.be.true;
    expect(text(el, '[part=message]')).to.equal(m.empty);
    expect(fresh.requests).to.deep.equal([]);
    await expect(el).to.be.accessible();

    const emptied = device();
    const cart = await cartOf(emptied).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    await cartOf(emptied).removeLine({ lineId: cart.lines[0]!.id });
    emptied.requests.length = 0;
    const el2 = await mount(emptied, { mode: 'show', open: true });
    await until(el2, 'empty', () => el2.status === 'empty');
    expect(emptied.requests).to.deep.equal([`GET /v1/carts/${cart.id}`]);
  });

  it('Swedish: the button, the expiry and the field', async () => {
    const kiosk = device();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    const el = await mount(kiosk, { locale: 'sv-SE' });
    expect(text(el, '[part=show] [part=button]')).to.equal('Fortsätt på en annan enhet');
    expect(text(el, '[part=label]')).to.equal('Har du en kod?');
    el.showCode();
    await until(el, 'ready', () => el.status === 'ready');
    expect(text(el, '[part=expiry]')).to.equal('Går ut om 15 minuter');
    expect(q(el, '[part=code]')!.getAttribute('aria-label')).to.match(/^Kod: /);
  });
});

describe('<omni-cart-handoff> with the fixture transport', () => {
  it('expired and the renewals used up: struck through, no QR code, "New code" makes one', async () => {
    const client = storyClient({ lines: 2, minutes: -1 }, 'test-expired');
    clients.push(client);
    const el = await mount(client, { mode: 'show', open: true });
    await until(el, 'expired, not renewing', () => el.status === 'expired' && !!q(el, '[part=show] [part=button]'));
    expect(el.matches(':state(expired)')).to.be.true;
    expect(text(el, '[part=expiry]')).to.equal(m.expired);
    expect(q(el, 'svg[part=qr]'), 'no QR code of an expired code').to.equal(null);
    expect(q(el, '[part=code]')!.classList.contains('expired')).to.be.true;
    expect(text(el, '[part=show] [part=button]')).to.equal(m.newCode);
    await expect(el).to.be.accessible();
  });

  it('while the code is made: its box reserved, busy, accessible', async () => {
    const client = storyClient({ fail: 'timeout' }, 'test-loading', 2_147_483_647);
    clients.push(client);
    const el = await mount(client, { mode: 'show', open: true });
    await until(el, 'loading', () => el.status === 'loading');
    expect(el.matches(':state(loading)')).to.be.true;
    expect(q(el, '[part=show]')!.getAttribute('aria-busy')).to.equal('true');
    const slot = q(el, '.qr-slot')!.getBoundingClientRect();
    expect(slot.width).to.be.at.least(160);
    expect(slot.height).to.equal(slot.width);
    expect(text(el, '[part=message]')).to.equal(m.making);
    await expect(el).to.be.accessible();
  });

  it('while a code is used: "Opening the cart…", the button busy, accessible', async () => {
    const client = storyClient({ fail: 'timeout' }, 'test-resuming', 2_147_483_647);
    clients.push(client);
    const el = await mount(client, { mode: 'resume' });
    await typeAndSend(el, STORY_CODE);
    await until(el, 'resuming', () => el.matches(':state(resuming)'));
    expect(text(el, '[part=status]')).to.equal(m.opening);
    expect(q(el, '[part=button]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('resumes the story cart by its code (the stories work)', async () => {
    const client = storyClient({ lines: null }, 'test-resume');
    clients.push(client);
    const el = await mount(client, { mode: 'resume' });
    await typeAndSend(el, `${STORY_CODE.slice(0, 4)} ${STORY_CODE.slice(4)}`);
    await until(el, 'resumed', () => el.resumeStatus === 'resumed');
    expect(text(el, '[part=status]')).to.equal('Cart opened: 3 items');
  });
});

describe('<omni-cart-handoff> when the API fails', () => {
  for (const fail of ['network', 'timeout', 'malformed', 'http500', 'schema'] as const) {
    it(`"${fail}": the reason and "Try again" for a code, the reason for a resume; accessible, no uncaught error`, async () => {
      const rec = recordPageErrors();
      const client = storyClient({ fail }, `test-fail-${fail}`, 300);
      clients.push(client);
      const el = await mount(client, { open: true });
      await until(el, ':state(error)', () => el.matches(':state(error)'), 5000);
      expect(text(el, '[part=show] [part=error]')).to.equal(m.showFailed);
      expect(text(el, '[part=show] [part=button]')).to.equal(m.retry);
      await expect(el).to.be.accessible();

      await typeAndSend(el, STORY_CODE);
      await until(el, ':state(resume-error)', () => el.matches(':state(resume-error)'), 5000);
      expect(text(el, 'form [part=error]')).to.equal(m.resumeFailed);
      await expect(el).to.be.accessible();
      await new Promise((r) => setTimeout(r, 50));
      rec.stop();
      expect(rec.errors).to.deep.equal([]);
    });
  }
});

describe('<omni-cart-handoff> stories', () => {
  const expected: Record<string, { status: string; text: string }> = {
    Shown: { status: 'ready', text: 'ACDE-F349' },
    Button: { status: 'idle', text: m.show },
    Resume: { status: 'idle', text: m.have },
    ShowOnly: { status: 'ready', text: 'ACDE-F349' },
    NoCart: { status: 'empty', text: m.empty },
    EmptyCart: { status: 'empty', text: m.empty },
    Expired: { status: 'expired', text: m.newCode },
    Loading: { status: 'loading', text: m.making },
    ErrorNetwork: { status: 'error', text: m.retry },
    ErrorMalformed: { status: 'error', text: m.retry },
    Swedish: { status: 'ready', text: 'Går ut om 15 minuter' },
    Finnish: { status: 'ready', text: 'Vanhenee 15 minuutin päästä' },
  };
  const all = Object.entries(stories).filter(([name]) => name !== 'default') as [string, { args?: object; render?: typeof meta.render }][];
  it('covers every story', () => {
    expect(all.map(([n]) => n).sort()).to.deep.equal(Object.keys(expected).sort());
  });
  for (const [name, story] of all) {
    it(`${name}: ${expected[name]?.status}, accessible`, async () => {
      const args = { ...meta.args, ...story.args } as Parameters<NonNullable<typeof meta.render>>[0];
      const render = (story.render ?? meta.render)!;
      const host = await fixture<HTMLElement>(render(args, { globals: {}, name: `test-${name}` } as never) as ReturnType<typeof html>);
      const el = host.querySelector('omni-cart-handoff')!;
      const want = expected[name]!;
      await until(el, `${name} reaches ${want.status}`, () => el.status === want.status && el.shadowRoot!.textContent!.includes(want.text), 8000);
      await expect(el).to.be.accessible();
    });
  }
});
