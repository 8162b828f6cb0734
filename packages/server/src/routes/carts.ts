import { CART_SECRET_HEADER, CHANNEL_HEADER, HANDOFF_URL_PARAM, normalizeHandoffCode, type CartAccess } from '@omnikit/contract';
import type { Context } from 'hono';
import { sha256 } from '../auth.js';
import {
  assertOpen, attachCustomer, cartView, checkFulfillment, checkVersion, createCart, createHandoff, findLine, grantSecret,
  loadCart, loadFacts, loadLines, putLine, redeemHandoff, requestChannel, sellableProduct, touchCart, updateLine, type CartCaller, type CartRow,
} from '../carts.js';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { timingOf } from '../pickup/options.js';
import type { AppState } from '../state.js';
import type { Env, Handlers } from './types.js';

/** Who calls, from the request: cart secret, customer token, key kind, channel. */
export function cartCaller(c: Context<Env>): CartCaller {
  const admin = c.get('credential')?.kind === 'secret';
  const secret = c.req.header(CART_SECRET_HEADER);
  const customerId = c.get('customerId');
  return {
    admin, channel: requestChannel(c.req.header(CHANNEL_HEADER), admin),
    ...(secret !== undefined ? { secret } : {}), ...(customerId !== undefined ? { customerId } : {}),
  };
}

/** Opens a cart for a change: locked, reachable, open, at the version the client saw. */
export async function forChange(q: Queryable, c: Context<Env>, app: AppState, cartId: string): Promise<{ row: CartRow; who: CartCaller }> {
  const who = cartCaller(c);
  const row = await loadCart(q, cartId, who, true);
  assertOpen(row);
  await checkVersion(q, row, c.req.header('If-Match'), timingOf(app));
  return { row, who };
}

/**
 * Bumps the version, records the channel, tells the cart's topic, and answers with the new view.
 * Everything the view reads is read first: publishing takes the event bus's lock until commit,
 * so the less a transaction does after it, the less other carts' changes wait.
 */
export async function changed(q: Queryable, app: AppState, row: CartRow, who: CartCaller) {
  const lines = await loadLines(q, row.id);
  const facts = await loadFacts(q, [...new Set(lines.map((l) => l.sku))]);
  return cartView(q, await touchCart(q, app.bus, row, who.channel), timingOf(app), lines, facts);
}

// Failed handoff code attempts per client address: a code has 25^8 values and lives 15 minutes,
// and this keeps guessing at 10 a minute per address.
const MAX_FAILED_RESUMES_PER_MINUTE = 10;
const failedResumes = new Map<string, { count: number; since: number }>();

function clientAddress(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function checkResumeRate(address: string): void {
  const now = Date.now();
  const entry = failedResumes.get(address);
  if (entry && now - entry.since < 60_000 && entry.count >= MAX_FAILED_RESUMES_PER_MINUTE) {
    throw new ApiError('rate_limited', 'Too many wrong codes; wait a minute and try again.', undefined, { 'Retry-After': String(Math.ceil((entry.since + 60_000 - now) / 1000)) });
  }
}

function noteFailedResume(address: string): void {
  const now = Date.now();
  const entry = failedResumes.get(address);
  if (!entry || now - entry.since >= 60_000) failedResumes.set(address, { count: 1, since: now });
  else entry.count++;
  if (failedResumes.size > 10_000) failedResumes.clear();
}

/** The URL a handoff's QR code opens. */
function handoffUrl(c: Context<Env>, app: AppState, code: string, template?: string): string {
  const origin = c.req.header('Origin');
  const fallback = `${origin && /^https?:\/\/[^\s/]+$/.test(origin) ? origin : new URL(c.req.url).origin}/?${HANDOFF_URL_PARAM}={code}`;
  return (template ?? app.handoffUrl ?? fallback).replaceAll('{code}', encodeURIComponent(code));
}

export const cartHandlers: Pick<Handlers,
  'createCart' | 'resumeCart' | 'getCart' | 'addCartLine' | 'updateCartLine' | 'removeCartLine' |
  'attachCartCustomer' | 'detachCartCustomer' | 'createCartHandoff'> = {
  async createCart({ body, q, c, app }) {
    const { row, secret } = await createCart(q, app.bus, cartCaller(c), body);
    return { cart: await cartView(q, row, timingOf(app)), secret } satisfies CartAccess;
  },

  async getCart({ params, q, c, app }) {
    return cartView(q, await loadCart(q, params.cartId, cartCaller(c)), timingOf(app));
  },

  async addCartLine({ params, body, q, c, app }) {
    const { row, who } = await forChange(q, c, app, params.cartId);
    await sellableProduct(q, body.sku, row.currency);
    await checkFulfillment(q, body.fulfillment);
    await putLine(q, row.id, body.sku, body.quantity, body.fulfillment);
    return changed(q, app, row, who);
  },

  async updateCartLine({ params, body, q, c, app }) {
    const { row, who } = await forChange(q, c, app, params.cartId);
    if (body.fulfillment) await checkFulfillment(q, body.fulfillment);
    await updateLine(q, row.id, params.lineId, body);
    return changed(q, app, row, who);
  },

  async removeCartLine({ params, q, c, app }) {
    const { row, who } = await forChange(q, c, app, params.cartId);
    const line = await findLine(q, row.id, params.lineId);
    await q.query('DELETE FROM cart_lines WHERE id = $1', [line.id]);
    return changed(q, app, row, who);
  },

  async attachCartCustomer({ params, q, c, app }) {
    const { row, who } = await forChange(q, c, app, params.cartId);
    if (who.customerId === undefined) throw new ApiError('unauthorized', `Send the member's customer token in the Omnikit-Customer-Token header.`);
    const result = await attachCustomer(q, app.bus, row, who.customerId, who.channel);
    const answer: CartAccess = { cart: await cartView(q, result.row, timingOf(app)) };
    // The member's other cart: this device needs a secret of its own for it.
    if (result.moved) answer.secret = await grantSecret(q, result.row.id, who.channel);
    return answer;
  },

  async detachCartCustomer({ params, q, c, app }) {
    const who = cartCaller(c);
    const row = await loadCart(q, params.cartId, who, true);
    // This device forgets the cart: its secret stops working. The cart stays its member's (or,
    // a guest's, reachable by its other devices' secrets), to be found again at the next sign-in.
    if (who.secret !== undefined) await q.query('DELETE FROM cart_secrets WHERE secret_hash = $1 AND cart_id = $2', [sha256(who.secret), row.id]);
    return cartView(q, row.status === 'open' ? await touchCart(q, app.bus, row, who.channel) : row, timingOf(app));
  },

  async createCartHandoff({ params, body, q, c, app }) {
    const row = await loadCart(q, params.cartId, cartCaller(c));
    assertOpen(row);
    const { code, expiresAt } = await createHandoff(q, row.id);
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, url: handoffUrl(c, app, code, body.url), expiresAt };
  },

  async resumeCart({ body, c, app }) {
    const address = clientAddress(c);
    checkResumeRate(address);
    const who = cartCaller(c);
    // Its own transaction: a wrong code must count against the address even though it fails.
    try {
      return await app.db.transaction(async (tx) => {
        const row = await redeemHandoff(tx, normalizeHandoffCode(body.code));
        const secret = await grantSecret(tx, row.id, who.channel);
        return { cart: await cartView(tx, await touchCart(tx, app.bus, row, who.channel), timingOf(app)), secret } satisfies CartAccess;
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'handoff_code_invalid') noteFailedResume(address);
      throw err;
    } finally {
      app.bus.poke();
    }
  },
};
