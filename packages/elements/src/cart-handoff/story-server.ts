// The stories' and fixture tests' cart server: the SDK's fixture transport has no cart routes,
// so the handoff's three are answered here, hand-written as the reference server answers them.
import { createBaseClient } from '@omnikit/sdk';
import { CART_STORAGE_KEY, type Cart } from '@omnikit/sdk/cart';
import { createFixtureFetch, DEFAULT_FIXTURES, type FixtureFailure } from '@omnikit/sdk/testing';
import type { OmniClient } from '../internal/context.js';

/** What the story server does. */
export interface StoryServer {
  /** Lines in the device's cart; `null`: this device has no cart. */
  lines?: number | null;
  /** Minutes the code is valid (negative: already expired). Default 15. */
  minutes?: number;
  /** How every cart request fails. */
  fail?: FixtureFailure;
  /** The only code `resume` accepts (`ACDEF349`). */
  code?: string;
}

export const STORY_CODE = 'ACDEF349';
const CART_ID = 'c_story';
const at = '2026-01-15T10:00:00.000Z';

/** A cart of `n` lines of one SKU (what the handoff reads: its lines and item count). */
export function storyCart(n: number, id = CART_ID): Cart {
  const lines = Array.from({ length: n }, (_, i) => ({
    id: `l_story${i}`, sku: `OK-1000${i + 1}`, quantity: 1, fulfillment: { type: 'delivery' as const }, groupId: 'delivery', name: `Item ${i + 1}`, imageUrl: '/images/products/OK-10001.svg',
    unitPrice: 12900, lineTotal: 12900, vatRate: 2500, availability: { ok: true, available: 30, alternatives: [] },
  }));
  const total = 12900 * n;
  return {
    id, version: 3, status: 'open', currency: 'SEK', country: 'SE', channel: 'kiosk', channels: ['kiosk'], signedIn: false,
    lines, groups: n ? [{ id: 'delivery', fulfillment: { type: 'delivery' }, lineIds: lines.map((l) => l.id), subtotal: total, fee: 0 }] : [],
    discounts: [], itemCount: n, ready: true, createdAt: at, updatedAt: at,
    totals: { currency: 'SEK', subtotal: total, discount: 0, delivery: 0, total, vat: n ? [{ rate: 2500, gross: total, net: total - 2580 * n, vat: 2580 * n }] : [], vatTotal: 2580 * n },
  };
}

const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

/** A client whose cart routes answer as `s` says (its own host, so stories do not share a tab channel). */
export function storyClient(s: StoryServer, name: string, timeout = 2000): OmniClient & { fetch: ReturnType<typeof createFixtureFetch> } {
  const fixture = createFixtureFetch({ ...DEFAULT_FIXTURES, ...(s.fail ? { fail: s.fail, failWhen: ({ url }) => url.pathname.startsWith('/v1/carts') } : {}) });
  const lines = s.lines === undefined ? 2 : s.lines;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (!s.fail && url.pathname === `/v1/carts/${CART_ID}` && method === 'GET') return json(200, storyCart(lines ?? 0));
    if (!s.fail && url.pathname === `/v1/carts/${CART_ID}/handoff` && method === 'POST') {
      const code = s.code ?? STORY_CODE;
      return json(201, {
        code: `${code.slice(0, 4)}-${code.slice(4)}`,
        url: `https://shop.example/cart?omnikit-handoff=${code}`,
        expiresAt: new Date(Date.now() + (s.minutes ?? 15) * 60_000).toISOString(),
      });
    }
    if (!s.fail && url.pathname === '/v1/carts/resume' && method === 'POST') {
      const raw = typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.clone().text() : '{}';
      const body = JSON.parse(raw || '{}') as { code?: string };
      return body.code === (s.code ?? STORY_CODE)
        ? json(200, { cart: storyCart(3, 'c_resumed'), secret: 'cs_story_resumed' })
        : json(404, { error: { code: 'handoff_code_invalid', message: 'This code is not valid.', requestId: 'fx_story' } });
    }
    return fixture(input, init);
  };
  const stored = new Map<string, string>(lines === null ? [] : [[CART_STORAGE_KEY, JSON.stringify({ id: CART_ID, secret: 'cs_story' })]]);
  const client = createBaseClient({
    baseUrl: `https://${name}.fixture.test`,
    publishableKey: 'pk_test_fixture',
    fetch,
    retry: 0,
    timeout,
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
  });
  return Object.assign(client, { fetch: fixture });
}
