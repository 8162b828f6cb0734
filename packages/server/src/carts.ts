import { randomBytes, randomInt } from 'node:crypto';
import {
  CHANNELS, COUNTRY_OF_CURRENCY, DELIVERY_PRICING, HANDOFF_ALPHABET, HANDOFF_CODE_LENGTH, HANDOFF_TTL_MINUTES,
  MAX_CART_LINES, MAX_LINE_QUANTITY, ONLINE_LOCATION, VAT_RATES, cartTopic, distanceKm, priceLines,
  type Cart, type CartLine, type Channel, type Country, type Currency, type Fulfillment, type FulfillmentGroup,
  type FulfillmentProblem, type LineAlternative, type LineAvailability, type LineProblem, type Price, type StoreService, type VatClass,
} from '@omnikit/contract';
import { sha256 } from './auth.js';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import type { EventBus } from './events/bus.js';
import { lineOption, toSite, type OptionFacts, type OptionSite, type Timing } from './pickup/options.js';
import { cartSlots } from './pickup/slots.js';
import type { StoreRow } from './routes/stores.js';

// The cart model: access by secret or customer token, the one priced view every channel gets,
// and the row-level writes the routes compose. Money is computed here (through the contract's
// `priceLines`) and nowhere else; the database keeps only SKUs, quantities and fulfilments, so a
// cart always shows today's prices and stock until checkout copies them into an order.

/** A row of `carts`. */
export interface CartRow {
  id: string;
  version: number;
  status: Cart['status'];
  currency: Currency;
  country: Country;
  channel: Channel;
  channels: Channel[];
  customer_id: string | null;
  order_id: string | null;
  merged_into: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A row of `cart_lines`. */
export interface LineRow {
  id: string;
  cart_id: string;
  position: number;
  sku: string;
  quantity: number;
  fulfillment: Fulfillment;
  fulfillment_key: string;
}

/** Who asks: the cart secret and customer id the request carried, and whether it has the secret key. */
export interface CartCaller {
  secret?: string;
  customerId?: string;
  admin: boolean;
  channel: Channel;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** A new id: a prefix and 128 random bits, URL-safe. Unguessable, so a topic named by it reveals nothing. */
export const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('base64url')}`;

/** A new cart secret (shown once; only its hash is kept). */
export const newSecret = () => `cs_${randomBytes(32).toString('base64url')}`;

/** The fulfilment with its defaults filled in (pickup at the counter). */
export function normalizeFulfillment(f: Fulfillment): Fulfillment {
  return f.type === 'pickup' ? { type: 'pickup', storeId: f.storeId, method: f.method ?? 'in_store' } : f;
}

/** A fulfilment as text: the line's uniqueness key and its group's id. */
export function fulfillmentKey(f: Fulfillment): string {
  const n = normalizeFulfillment(f);
  return n.type === 'delivery' ? 'delivery' : n.type === 'pickup' ? `pickup:${n.storeId}:${n.method}` : `take_now:${n.storeId}`;
}

/** The channel a request sells through: its `Omnikit-Channel` header, else `pos` for the secret key and `web` otherwise. */
export function requestChannel(header: string | undefined, admin: boolean): Channel {
  if (header === undefined || header === '') return admin ? 'pos' : 'web';
  if (!(CHANNELS as readonly string[]).includes(header)) {
    throw new ApiError('validation_failed', 'Unknown channel.', [{ path: 'header.Omnikit-Channel', message: `one of ${CHANNELS.join(', ')}` }]);
  }
  return header as Channel;
}

/**
 * The cart, if the caller may reach it: the secret key, a secret of this cart, or the customer
 * token of its member. Anything else is 404 `cart_not_found`, the same answer as for a cart that
 * does not exist. `forUpdate` locks the row for the rest of the transaction.
 */
export async function loadCart(q: Queryable, cartId: string, who: CartCaller, forUpdate = false): Promise<CartRow> {
  const [row] = await q.query<CartRow>(`SELECT * FROM carts WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [cartId]);
  const notFound = () => new ApiError('cart_not_found', 'No such cart, or not yours to open.');
  if (!row) throw notFound();
  if (who.admin) return row;
  if (who.customerId !== undefined && row.customer_id === who.customerId) return row;
  if (who.secret !== undefined && (await holdsCartSecret(q, cartId, who.secret))) return row;
  throw notFound();
}

/** Whether `secret` is one of the cart's secrets (a device's, from creating, resuming or merging it). */
export async function holdsCartSecret(q: Queryable, cartId: string, secret: string): Promise<boolean> {
  if (secret.length > 200) return false;
  const [hit] = await q.query('SELECT 1 FROM cart_secrets WHERE secret_hash = $1 AND cart_id = $2', [sha256(secret), cartId]);
  return hit !== undefined;
}

/** The lines of a cart, in the order they were added. */
export const loadLines = (q: Queryable, cartId: string) =>
  q.query<LineRow>('SELECT * FROM cart_lines WHERE cart_id = $1 ORDER BY position', [cartId]);

/** Refuses changes to a cart that is no longer open. */
export function assertOpen(row: CartRow): void {
  if (row.status !== 'open') {
    throw new ApiError('cart_closed', row.status === 'ordered' ? 'This cart has become an order.' : 'This cart was merged into its member\'s cart at sign-in.');
  }
}

/**
 * Checks `If-Match` (the version the client saw, `"12"` or `12`) against the cart: a stale one
 * is 409 `cart_version_conflict` with the current cart in `details.cart`. No header, no check.
 */
export async function checkVersion(q: Queryable, row: CartRow, ifMatch: string | undefined, at: Timing): Promise<void> {
  if (ifMatch === undefined) return;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!m) throw new ApiError('validation_failed', 'Invalid If-Match.', [{ path: 'header.If-Match', message: 'the cart version, e.g. "12"' }]);
  if (Number(m[1]) !== row.version) {
    throw new ApiError('cart_version_conflict', `The cart changed (now version ${row.version}); re-read it and apply the change again.`, undefined, undefined,
      { cart: await cartView(q, row, at) });
  }
}

/**
 * Records a change: the version goes up by one, the channel joins the cart's channels, and a
 * `cart.changed` notice goes out on the cart's topic (after commit). Returns the new row.
 */
export async function touchCart(q: Queryable, bus: EventBus, row: CartRow, channel: Channel, set: Partial<Pick<CartRow, 'status' | 'customer_id' | 'order_id' | 'merged_into'>> = {}): Promise<CartRow> {
  const fields = Object.entries(set);
  const assignments = fields.map(([k], i) => `${k} = $${i + 3}`);
  const [next] = await q.query<CartRow>(
    `UPDATE carts SET version = version + 1, updated_at = now(),
       channels = CASE WHEN $2 = ANY(channels) THEN channels ELSE array_append(channels, $2) END
       ${assignments.length ? `, ${assignments.join(', ')}` : ''}
     WHERE id = $1 RETURNING *`,
    [row.id, channel, ...fields.map(([, v]) => v)],
  );
  const topic = cartTopic(row.id);
  await bus.publish(q, topic, { type: 'cart.changed', topic, data: { cartId: next!.id, version: next!.version, status: next!.status }, at: iso(next!.updated_at) });
  return next!;
}

/** Grants a device access: stores the hash of a new secret and returns the secret. */
export async function grantSecret(q: Queryable, cartId: string, channel: Channel): Promise<string> {
  const secret = newSecret();
  await q.query('INSERT INTO cart_secrets (secret_hash, cart_id, channel) VALUES ($1, $2, $3)', [sha256(secret), cartId, channel]);
  return secret;
}

/** Creates an open cart; the member's open cart instead when the caller has a customer token and one exists. */
export async function createCart(
  q: Queryable, bus: EventBus, who: CartCaller, body: { currency?: Currency; country?: Country },
): Promise<{ row: CartRow; secret: string }> {
  if (who.customerId !== undefined) {
    const [mine] = await q.query<CartRow>("SELECT * FROM carts WHERE customer_id = $1 AND status = 'open' FOR UPDATE", [who.customerId]);
    if (mine) {
      const row = mine.channels.includes(who.channel) ? mine : await touchCart(q, bus, mine, who.channel);
      return { row, secret: await grantSecret(q, row.id, who.channel) };
    }
  }
  const currency = body.currency ?? 'SEK';
  const [row] = await q.query<CartRow>(
    `INSERT INTO carts (id, currency, country, channel, channels, customer_id) VALUES ($1, $2, $3, $4, ARRAY[$4], $5) RETURNING *`,
    [newId('cart'), currency, body.country ?? COUNTRY_OF_CURRENCY[currency], who.channel, who.customerId ?? null],
  );
  return { row: row!, secret: await grantSecret(q, row!.id, who.channel) };
}

interface ProductFacts {
  sku: string;
  name: string;
  prices: Partial<Record<Currency, Price>>;
  online_only: boolean;
  active: boolean;
  vat_class: VatClass;
}

interface StoreFacts {
  id: string;
  short_name: string;
  type: 'store' | 'warehouse' | 'locker';
  country: Country;
  lat: number;
  lng: number;
  services: StoreService[];
}

/** The product of a SKU, checked for sale in a currency: 404 `unknown_sku`, 409 `product_inactive`. */
export async function sellableProduct(q: Queryable, sku: string, currency: Currency): Promise<ProductFacts> {
  const [p] = await q.query<ProductFacts>('SELECT sku, name, prices, online_only, active, vat_class FROM products WHERE sku = $1', [sku]);
  if (!p) throw new ApiError('unknown_sku', `No product has SKU ${sku}.`);
  if (!p.active) throw new ApiError('product_inactive', `${sku} is no longer sold.`);
  if (!p.prices[currency]) throw new ApiError('product_inactive', `${sku} is not sold in ${currency}.`);
  return p;
}

/**
 * Checks a fulfilment's location exists and fits: 404 `unknown_store`; 400 `validation_failed`
 * for take-now anywhere but a store, pickup at the warehouse, counter or curbside pickup at a
 * locker location. Whether the line can be had there (from the shelves or by a transfer) is
 * the line's availability, not a refusal: a line is never dropped.
 */
export async function checkFulfillment(q: Queryable, f: Fulfillment): Promise<void> {
  if (f.type === 'delivery') return;
  const [s] = await q.query<{ type: string }>('SELECT type FROM stores WHERE id = $1', [f.storeId]);
  if (!s) throw new ApiError('unknown_store', `No store has id ${f.storeId}.`);
  const refuse = (message: string) => {
    throw new ApiError('validation_failed', message, [{ path: 'body.fulfillment.storeId', message: `${f.storeId} is a ${s.type}` }]);
  };
  if (f.type === 'take_now' && s.type !== 'store') refuse('Take-now needs a store.');
  if (f.type === 'pickup') {
    if (s.type === 'warehouse') refuse('Pickup needs a store or a parcel locker.');
    if (s.type === 'locker' && (f.method ?? 'in_store') !== 'locker') refuse("Pickup at a parcel locker has method 'locker'.");
  }
}

/** Alternatives listed per line that cannot be had: the nearest stores, then delivery. */
const MAX_ALTERNATIVE_STORES = 3;

/** What a take-now line needs: the store's own shelves, now. */
function takeNowProblem(product: ProductFacts | undefined, store: StoreFacts | undefined, available: number | undefined, quantity: number): LineProblem | undefined {
  if (!product || !product.active) return 'inactive';
  if (!store || store.type !== 'store') return 'unknown_store';
  if (product.online_only) return 'online_only';
  if (available === undefined) return 'not_stocked';
  if (available <= 0) return 'out_of_stock';
  if (available < quantity) return 'insufficient_stock';
  return undefined;
}

/**
 * An option's problem as a line problem: a store closed for pickup for the next 30 days and a
 * locker without compartments offer no such pickup (`service_unavailable`; the cart's
 * `LINE_PROBLEMS` do not name them yet).
 */
const asLineProblem = (p: FulfillmentProblem | undefined): LineProblem =>
  p === undefined ? 'insufficient_stock' : p === 'closed_for_pickup' || p === 'no_capacity' ? 'service_unavailable' : p;

/** Stock, products and locations a view needs, read in three queries; also what the options engine reads. */
export interface CartFacts extends OptionFacts {
  products: Map<string, ProductFacts>;
  stores: Map<string, StoreFacts>;
}

export async function loadFacts(q: Queryable, skus: string[]): Promise<CartFacts> {
  const [products, stores, stock] = await Promise.all([
    q.query<ProductFacts>('SELECT sku, name, prices, online_only, active, vat_class FROM products WHERE sku = ANY($1::text[])', [skus]),
    q.query<StoreRow>('SELECT * FROM stores ORDER BY position, id'),
    q.query<{ sku: string; store_id: string; on_hand: number; reserved: number }>(
      'SELECT sku, store_id, on_hand, reserved FROM stock WHERE sku = ANY($1::text[])', [skus],
    ),
  ]);
  return {
    products: new Map(products.map((p) => [p.sku, p])),
    stores: new Map(stores.map((s) => [s.id, { id: s.id, short_name: s.short_name, type: s.type, country: s.country, lat: s.lat, lng: s.lng, services: s.services }])),
    sites: new Map<string, OptionSite>(stores.map((s) => [s.id, toSite(s)])),
    available: new Map(stock.map((r) => [`${r.sku}@${r.store_id}`, Math.max(0, r.on_hand - r.reserved)])),
  };
}

/**
 * Whether a line's fulfilment can be had now for its whole quantity, and how. Delivery and
 * pickup (counter, curbside, locker) are the options engine's answer ({@link lineOption}, the
 * one rule the options routes use): `ok` from the location's own stock or by a transfer, with
 * its source and ready time; take-now needs the store's shelves. If not, why and what can: up
 * to three stores of the cart's country that have it all (nearest to the line's store first,
 * else in store order) and delivery when the online stock has it.
 */
export function lineAvailability(line: Pick<LineRow, 'sku' | 'quantity' | 'fulfillment'>, country: Country, facts: CartFacts, at: Timing): LineAvailability {
  const f = normalizeFulfillment(line.fulfillment);
  const product = facts.products.get(line.sku);
  const location = f.type === 'delivery' ? ONLINE_LOCATION : f.storeId;
  const store = facts.stores.get(location);
  const available = facts.available.get(`${line.sku}@${location}`);
  let problem: LineProblem | undefined;
  if (f.type === 'take_now') {
    problem = takeNowProblem(product, store, available, line.quantity);
    if (!problem) return { ok: true, available: available ?? 0, alternatives: [], source: 'on_hand' };
  } else {
    const option = lineOption(f, { sku: line.sku, quantity: line.quantity }, facts, country, at.now, at.times);
    if (option.possible) {
      return {
        ok: true, available: option.available, alternatives: [], source: option.source ?? 'on_hand',
        ...(option.transferFrom ? { transferFrom: option.transferFrom } : {}),
        ...(option.readyAt ? { readyAt: option.readyAt } : {}),
        ...(option.deliveryDate ? { deliveryDate: option.deliveryDate } : {}),
      };
    }
    problem = asLineProblem(option.problem);
  }
  const alternatives: LineAlternative[] = [];
  if (product?.active) {
    const origin = f.type === 'delivery' ? undefined : store;
    const candidates = [...facts.stores.values()]
      .filter((s) => s.type === 'store' && s.country === country && s.id !== location && s.services.includes('click_and_collect'))
      .map((s) => ({ s, available: facts.available.get(`${line.sku}@${s.id}`) ?? 0, distance: origin ? distanceKm(origin, s) : undefined }))
      .filter((c) => !product.online_only && c.available >= line.quantity)
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0));
    for (const c of candidates.slice(0, MAX_ALTERNATIVE_STORES)) {
      alternatives.push({
        fulfillment: { type: 'pickup', storeId: c.s.id, method: 'in_store' }, available: c.available, storeName: c.s.short_name,
        ...(c.distance !== undefined ? { distanceKm: c.distance } : {}),
      });
    }
    const online = facts.available.get(`${line.sku}@${ONLINE_LOCATION}`) ?? 0;
    if (f.type !== 'delivery' && online >= line.quantity) alternatives.push({ fulfillment: { type: 'delivery' }, available: online });
  }
  return { ok: false, available: store?.type === 'locker' ? 0 : available ?? 0, problem, alternatives };
}

/** The cart as every channel sees it: lines with today's prices and stock, groups, VAT per rate, totals. */
export async function cartView(q: Queryable, row: CartRow, at: Timing, lines?: LineRow[], facts?: CartFacts): Promise<Cart> {
  lines ??= await loadLines(q, row.id);
  facts ??= await loadFacts(q, [...new Set(lines.map((l) => l.sku))]);
  const rates = VAT_RATES[row.country];
  const priced = lines.map((l) => {
    const p = facts!.products.get(l.sku);
    const price = p?.prices[row.currency];
    return { line: l, product: p, unitPrice: price?.amount ?? 0, compareAt: price?.compareAt, vatRate: rates[p?.vat_class ?? 'standard'], groupId: fulfillmentKey(l.fulfillment) };
  });
  const money = priceLines(
    row.currency,
    priced.map((p) => ({ id: p.line.id, groupId: p.groupId, quantity: p.line.quantity, unitPrice: p.unitPrice, vatRate: p.vatRate })),
    new Set(['delivery']),
  );
  const cartLines: CartLine[] = priced.map((p) => ({
    id: p.line.id, sku: p.line.sku, quantity: p.line.quantity, fulfillment: normalizeFulfillment(p.line.fulfillment), groupId: p.groupId,
    name: p.product?.name ?? p.line.sku, imageUrl: `/images/products/${p.line.sku}.svg`,
    unitPrice: p.unitPrice, ...(p.compareAt !== undefined ? { compareAtPrice: p.compareAt } : {}),
    lineTotal: money.lineTotals.get(p.line.id)!, vatRate: p.vatRate,
    availability: lineAvailability(p.line, row.country, facts!, at),
  }));
  // Delivery first, then pickup and take-now groups in the order their first line was added.
  const groups = new Map<string, FulfillmentGroup>();
  const order = (id: string) => (id === 'delivery' ? 0 : 1);
  for (const l of [...cartLines].sort((a, b) => order(a.groupId) - order(b.groupId))) {
    let g = groups.get(l.groupId);
    if (!g) {
      const f = l.fulfillment;
      const storeName = f.type === 'delivery' ? undefined : facts.stores.get(f.storeId)?.short_name;
      g = { id: l.groupId, fulfillment: f, lineIds: [], ...(storeName ? { storeName } : {}), subtotal: 0, fee: money.fees.get(l.groupId) ?? 0 };
      groups.set(l.groupId, g);
    }
    g.lineIds.push(l.id);
    g.subtotal += l.lineTotal;
  }
  // A pickup group at a store's counter or curb carries the slot the cart chose there.
  const slots = await cartSlots(q, row.id);
  for (const g of groups.values()) {
    const slot = g.fulfillment.type === 'pickup' && g.fulfillment.method !== 'locker' ? slots.get(g.fulfillment.storeId) : undefined;
    if (slot) g.slot = slot;
  }
  const delivery = groups.get('delivery');
  if (delivery) {
    const { freeFrom } = DELIVERY_PRICING[row.currency];
    delivery.freeDeliveryFrom = freeFrom;
    delivery.missingForFreeDelivery = Math.max(0, freeFrom - delivery.subtotal);
  }
  return {
    id: row.id, version: row.version, status: row.status, currency: row.currency, country: row.country,
    channel: row.channel, channels: row.channels, signedIn: row.customer_id !== null,
    lines: cartLines, groups: [...groups.values()], discounts: [], totals: money.totals,
    itemCount: cartLines.reduce((n, l) => n + l.quantity, 0),
    ready: cartLines.length > 0 && cartLines.every((l) => l.availability.ok),
    ...(row.order_id ? { orderId: row.order_id } : {}),
    ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
    createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
  };
}

/**
 * Adds `quantity` of a SKU with a fulfilment: raises the line with the same SKU and fulfilment,
 * or adds a line. 409 `cart_limit_reached` past {@link MAX_LINE_QUANTITY} units or
 * {@link MAX_CART_LINES} lines; nothing changes then.
 */
export async function putLine(q: Queryable, cartId: string, sku: string, quantity: number, fulfillment: Fulfillment): Promise<void> {
  const f = normalizeFulfillment(fulfillment);
  const key = fulfillmentKey(f);
  const [raised] = await q.query(
    `UPDATE cart_lines SET quantity = quantity + $4 WHERE cart_id = $1 AND sku = $2 AND fulfillment_key = $3 AND quantity + $4 <= $5 RETURNING id`,
    [cartId, sku, key, quantity, MAX_LINE_QUANTITY],
  );
  if (raised) return;
  const [existing] = await q.query('SELECT 1 FROM cart_lines WHERE cart_id = $1 AND sku = $2 AND fulfillment_key = $3', [cartId, sku, key]);
  if (existing) throw new ApiError('cart_limit_reached', `A line holds at most ${MAX_LINE_QUANTITY} units.`);
  const [{ n, next }] = await q.query<{ n: number; next: number }>(
    'SELECT count(*)::int AS n, COALESCE(max(position), 0)::int + 1 AS next FROM cart_lines WHERE cart_id = $1', [cartId],
  ) as [{ n: number; next: number }];
  if (n >= MAX_CART_LINES) throw new ApiError('cart_limit_reached', `A cart holds at most ${MAX_CART_LINES} lines.`);
  await q.query(
    'INSERT INTO cart_lines (id, cart_id, position, sku, quantity, fulfillment, fulfillment_key) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [newId('line'), cartId, next, sku, quantity, JSON.stringify(f), key],
  );
}

/** A line of the cart, or 404 `cart_line_not_found`. */
export async function findLine(q: Queryable, cartId: string, lineId: string): Promise<LineRow> {
  const [line] = await q.query<LineRow>('SELECT * FROM cart_lines WHERE cart_id = $1 AND id = $2', [cartId, lineId]);
  if (!line) throw new ApiError('cart_line_not_found', 'No such line in this cart.');
  return line;
}

/**
 * Sets a line's quantity and/or fulfilment. A fulfilment that another line of the same SKU
 * already has merges the two (quantities added, within the line maximum).
 */
export async function updateLine(q: Queryable, cartId: string, lineId: string, change: { quantity?: number; fulfillment?: Fulfillment }): Promise<void> {
  const line = await findLine(q, cartId, lineId);
  const quantity = change.quantity ?? line.quantity;
  const f = change.fulfillment ? normalizeFulfillment(change.fulfillment) : line.fulfillment;
  const key = fulfillmentKey(f);
  if (key !== line.fulfillment_key) {
    const [twin] = await q.query<LineRow>('SELECT * FROM cart_lines WHERE cart_id = $1 AND sku = $2 AND fulfillment_key = $3', [cartId, line.sku, key]);
    if (twin) {
      if (twin.quantity + quantity > MAX_LINE_QUANTITY) throw new ApiError('cart_limit_reached', `A line holds at most ${MAX_LINE_QUANTITY} units.`);
      await q.query('UPDATE cart_lines SET quantity = quantity + $2 WHERE id = $1', [twin.id, quantity]);
      await q.query('DELETE FROM cart_lines WHERE id = $1', [line.id]);
      return;
    }
  }
  await q.query('UPDATE cart_lines SET quantity = $2, fulfillment = $3, fulfillment_key = $4 WHERE id = $1', [line.id, quantity, JSON.stringify(f), key]);
}

/**
 * Sign-in: the cart becomes the member's. When the member already has an open cart, this cart's
 * lines go into that one (the same SKU and fulfilment add up, capped at the line maximum; every
 * other line is kept) and this cart is marked merged. Returns the member's cart.
 */
export async function attachCustomer(q: Queryable, bus: EventBus, row: CartRow, customerId: string, channel: Channel): Promise<{ row: CartRow; moved: boolean }> {
  if (row.customer_id === customerId) return { row, moved: false };
  if (row.customer_id !== null) throw new ApiError('conflict', 'This cart belongs to another member.');
  const [theirs] = await q.query<CartRow>("SELECT * FROM carts WHERE customer_id = $1 AND status = 'open' FOR UPDATE", [customerId]);
  if (!theirs) return { row: await touchCart(q, bus, row, channel, { customer_id: customerId }), moved: false };
  const guestLines = await loadLines(q, row.id);
  const [{ next }] = await q.query<{ next: number }>('SELECT COALESCE(max(position), 0)::int AS next FROM cart_lines WHERE cart_id = $1', [theirs.id]) as [{ next: number }];
  let position = next;
  for (const l of guestLines) {
    await q.query(
      `INSERT INTO cart_lines (id, cart_id, position, sku, quantity, fulfillment, fulfillment_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (cart_id, sku, fulfillment_key) DO UPDATE SET quantity = LEAST($8, cart_lines.quantity + EXCLUDED.quantity)`,
      [newId('line'), theirs.id, ++position, l.sku, l.quantity, JSON.stringify(l.fulfillment), l.fulfillment_key, MAX_LINE_QUANTITY],
    );
  }
  await touchCart(q, bus, row, channel, { status: 'merged', merged_into: theirs.id });
  return { row: await touchCart(q, bus, theirs, channel), moved: true };
}

/** A handoff code: {@link HANDOFF_CODE_LENGTH} characters of {@link HANDOFF_ALPHABET}, valid {@link HANDOFF_TTL_MINUTES} minutes. */
export async function createHandoff(q: Queryable, cartId: string): Promise<{ code: string; expiresAt: string }> {
  for (;;) {
    const code = Array.from({ length: HANDOFF_CODE_LENGTH }, () => HANDOFF_ALPHABET[randomInt(HANDOFF_ALPHABET.length)]).join('');
    const [row] = await q.query<{ expires_at: Date }>(
      `INSERT INTO cart_handoffs (code, cart_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))
       ON CONFLICT (code) DO NOTHING RETURNING expires_at`,
      [code, cartId, HANDOFF_TTL_MINUTES],
    );
    if (row) return { code, expiresAt: iso(row.expires_at) };
  }
}

/** Uses a handoff code (once): the cart it opens, or 404 `handoff_code_invalid`. */
export async function redeemHandoff(q: Queryable, code: string): Promise<CartRow> {
  await q.query('DELETE FROM cart_handoffs WHERE expires_at < now()');
  const [hit] = await q.query<{ cart_id: string }>('DELETE FROM cart_handoffs WHERE code = $1 RETURNING cart_id', [code]);
  const [row] = hit ? await q.query<CartRow>('SELECT * FROM carts WHERE id = $1 FOR UPDATE', [hit.cart_id]) : [];
  if (!row || row.status !== 'open') throw new ApiError('handoff_code_invalid', 'This code is not valid: it may have expired or been used. Ask for a new one.');
  return row;
}
