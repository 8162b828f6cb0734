import { seedStores } from '../seed/stores.js';
import type { Queryable } from './types.js';

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Migration 3's fill: the seed stores' short names by id (a database seeded before the column
 * existed gets the same names as a fresh seed); any other store starts with its full name.
 */
function shortNameFill(): string {
  const values = seedStores().map((s) => `(${sqlText(s.id)}, ${sqlText(s.shortName ?? s.name)})`).join(', ');
  return `UPDATE stores SET short_name = v.short_name FROM (VALUES ${values}) AS v(id, short_name) WHERE stores.id = v.id`;
}

/**
 * Migration 5's fill for a database seeded before it: the seed stores' preparation times, slot
 * settings and own exceptions (the library now gives the public holidays), and the seed's parcel
 * lockers when the database holds the seed (its warehouse `online`).
 */
function pickupFill(): string[] {
  const stores = seedStores();
  const values = stores.filter((s) => s.type !== 'locker').map((s) =>
    `(${sqlText(s.id)}, ${s.preparationMinutes ?? 30}, ${s.slotMinutes}, ${s.slotCapacity}, ${sqlText(JSON.stringify(s.openingExceptions))}::jsonb)`).join(', ');
  const lockers = stores.map((s, position) => ({ s, position })).filter(({ s }) => s.type === 'locker').map(({ s, position }) =>
    `(${[s.id, s.name, s.shortName ?? s.name, s.address.street, s.address.postalCode, s.address.city, s.address.country, s.timeZone].map(sqlText).join(', ')}, ` +
    `${s.coordinates.lat}, ${s.coordinates.lng}, ${s.compartments ?? 0}, ${position})`).join(', ');
  return [
    `UPDATE stores SET preparation_minutes = v.p, slot_minutes = v.m, slot_capacity = v.c, opening_exceptions = v.e
     FROM (VALUES ${values}) AS v(id, p, m, c, e) WHERE stores.id = v.id`,
    `INSERT INTO stores (id, name, short_name, type, street, postal_code, city, country, time_zone, lat, lng, compartments, position, services, preparation_minutes, slot_capacity)
     SELECT v.id, v.name, v.short_name, 'locker', v.street, v.postal_code, v.city, v.country, v.time_zone, v.lat, v.lng,
            v.compartments, v.position, '["locker"]'::jsonb, 0, 0 FROM (VALUES ${lockers}) AS v(id, name, short_name, street, postal_code, city, country, time_zone, lat, lng, compartments, position)
     WHERE EXISTS (SELECT 1 FROM stores WHERE id = 'online') ON CONFLICT (id) DO NOTHING`,
  ];
}

/** One schema change. Numbered; applied in order, once, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration of the server, oldest first. Never edit one that has shipped: add the next. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'catalog, stores and stock',
    sql: `
      CREATE TABLE stores (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('store', 'warehouse')),
        street text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        country text NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        time_zone text NOT NULL,
        phone text,
        email text,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        opening_exceptions jsonb NOT NULL DEFAULT '[]',
        services jsonb NOT NULL DEFAULT '[]',
        position int NOT NULL DEFAULT 0
      );
      CREATE TABLE categories (
        id text PRIMARY KEY,
        name text NOT NULL,
        position int NOT NULL DEFAULT 0
      );
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        brand text NOT NULL,
        category_id text NOT NULL REFERENCES categories (id),
        prices jsonb NOT NULL,
        online_only boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX products_category ON products (category_id, sku);
      CREATE TABLE stock (
        sku text NOT NULL REFERENCES products (sku),
        store_id text NOT NULL REFERENCES stores (id),
        on_hand int NOT NULL,
        reserved int NOT NULL DEFAULT 0,
        low_stock_threshold int NOT NULL DEFAULT 5,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, store_id),
        -- The invariant the API promises: never reserved below zero, never above the API's maximum.
        CONSTRAINT stock_bounds CHECK (reserved >= 0 AND on_hand >= reserved AND on_hand <= 1000000)
      );
      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        sku text NOT NULL,
        store_id text NOT NULL,
        delta int NOT NULL,
        on_hand_after int NOT NULL,
        reason text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stock_movements_item ON stock_movements (sku, store_id, id);
    `,
  },
  {
    version: 2,
    name: 'events, idempotency keys and customer tokens',
    sql: `
      CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        topic text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX events_topic_seq ON events (topic, seq);
      CREATE INDEX events_created_at ON events (created_at);
      -- Highest sequence number pruned: a Last-Event-ID below it may have missed events.
      CREATE TABLE event_state (
        id int PRIMARY KEY CHECK (id = 1),
        pruned_through bigint NOT NULL DEFAULT 0
      );
      INSERT INTO event_state (id, pruned_through) VALUES (1, 0);
      CREATE TABLE idempotency_keys (
        credential text NOT NULL,
        route text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status int NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (credential, route, key)
      );
      CREATE TABLE customer_tokens (
        token_hash text PRIMARY KEY,
        customer_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'short store names',
    sql: `
      ALTER TABLE stores ADD COLUMN short_name text;
      ${shortNameFill()};
      UPDATE stores SET short_name = name WHERE short_name IS NULL;
      ALTER TABLE stores ALTER COLUMN short_name SET NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'carts, orders and reservations',
    sql: `
      ALTER TABLE products ADD COLUMN vat_class text NOT NULL DEFAULT 'standard'
        CHECK (vat_class IN ('standard', 'reduced', 'low'));
      CREATE TABLE carts (
        id text PRIMARY KEY,
        version int NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ordered', 'merged')),
        currency text NOT NULL,
        country text NOT NULL,
        channel text NOT NULL,
        channels text[] NOT NULL,
        customer_id text,
        order_id text,
        merged_into text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One open cart per member: sign-in merges into it.
      CREATE UNIQUE INDEX carts_open_per_customer ON carts (customer_id) WHERE status = 'open' AND customer_id IS NOT NULL;
      CREATE TABLE cart_lines (
        id text PRIMARY KEY,
        cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        position int NOT NULL,
        sku text NOT NULL REFERENCES products (sku),
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 999),
        fulfillment jsonb NOT NULL,
        -- The fulfilment as text: one line per SKU and fulfilment.
        fulfillment_key text NOT NULL,
        UNIQUE (cart_id, sku, fulfillment_key)
      );
      CREATE INDEX cart_lines_cart ON cart_lines (cart_id, position);
      -- Each device that may open a cart holds its own secret (creation, handoff, merge); hashes only.
      CREATE TABLE cart_secrets (
        secret_hash text PRIMARY KEY,
        cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        channel text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cart_secrets_cart ON cart_secrets (cart_id);
      CREATE TABLE cart_handoffs (
        code text PRIMARY KEY,
        cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE orders (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        cart_id text NOT NULL REFERENCES carts (id),
        status text NOT NULL,
        channel text NOT NULL,
        customer_id text,
        currency text NOT NULL,
        country text NOT NULL,
        payment_method text NOT NULL,
        payment_status text NOT NULL,
        payment_due_at timestamptz,
        contact_email text NOT NULL,
        store_ids text[] NOT NULL,
        lines jsonb NOT NULL,
        groups jsonb NOT NULL,
        discounts jsonb NOT NULL,
        totals jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX orders_status_created ON orders (status, created_at DESC);
      CREATE INDEX orders_created ON orders (created_at DESC);
      CREATE INDEX orders_awaiting_payment ON orders (payment_due_at) WHERE status = 'awaiting_payment';
      -- Stock held for an order line at a location; stock.reserved is the sum of the active ones.
      CREATE TABLE reservations (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        line_id text NOT NULL,
        sku text NOT NULL,
        store_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'fulfilled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reservations_order ON reservations (order_id);
      CREATE INDEX reservations_item ON reservations (sku, store_id) WHERE status = 'active';
      -- A running mutation's claim on its Idempotency-Key is committed before the mutation runs
      -- (status 0), so a second request with the key sees it and answers 409 instead of waiting.
      ALTER TABLE idempotency_keys ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now();
    `,
  },
  {
    version: 5,
    name: 'click and collect: lockers, preparation times, pickup slots',
    sql: `
      ALTER TABLE stores DROP CONSTRAINT stores_type_check;
      ALTER TABLE stores ADD CONSTRAINT stores_type_check CHECK (type IN ('store', 'warehouse', 'locker'));
      ALTER TABLE stores ADD COLUMN preparation_minutes int NOT NULL DEFAULT 30 CHECK (preparation_minutes BETWEEN 0 AND 10080);
      ALTER TABLE stores ADD COLUMN compartments int CHECK (compartments >= 0);
      ALTER TABLE stores ADD COLUMN slot_minutes int NOT NULL DEFAULT 60 CHECK (slot_minutes BETWEEN 5 AND 480);
      ALTER TABLE stores ADD COLUMN slot_capacity int NOT NULL DEFAULT 5 CHECK (slot_capacity >= 0);
      ${pickupFill().join(';\n      ')};
      -- One row per slot that has been booked at least once: the counter checkouts raise with a
      -- conditional UPDATE, and the CHECK that holds even if one forgot the condition.
      CREATE TABLE pickup_slots (
        store_id text NOT NULL REFERENCES stores (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity int NOT NULL,
        booked int NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, starts_at),
        CONSTRAINT pickup_slots_bounds CHECK (booked >= 0 AND booked <= capacity)
      );
      -- An order's booking of a slot; a released one (cancel, expiry) gave its place back.
      CREATE TABLE slot_bookings (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        store_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        slot_id text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX slot_bookings_order ON slot_bookings (order_id);
      -- The slot a cart's pickup group at a store has chosen (booked at checkout).
      CREATE TABLE cart_pickup_slots (
        cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        store_id text NOT NULL,
        slot_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        PRIMARY KEY (cart_id, store_id)
      );
    `,
  },
  {
    version: 6,
    name: 'pickup lifecycle, lockers, stock drift, returns and staff sessions',
    sql: `
      ALTER TABLE orders ADD COLUMN ready_at timestamptz;
      ALTER TABLE orders ADD COLUMN collect_by timestamptz;
      ALTER TABLE orders ADD COLUMN pickups jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE orders ADD COLUMN attention jsonb;
      ALTER TABLE orders ADD COLUMN attention_from text;
      ALTER TABLE orders ADD COLUMN returns jsonb NOT NULL DEFAULT '[]';
      CREATE INDEX orders_uncollected ON orders (collect_by) WHERE status = 'ready';
      -- A locker location's number of compartments (lockers are locations of their own; a store
      -- with the locker service and no number gets the server's default). IF NOT EXISTS: the
      -- locations' migration may add it too.
      ALTER TABLE stores ADD COLUMN IF NOT EXISTS compartments int;
      -- One row per compartment in use; the partial unique index is the backstop of the lock
      -- the assignment takes on the location's row: never two orders in one compartment.
      CREATE TABLE locker_assignments (
        id bigserial PRIMARY KEY,
        location_id text NOT NULL,
        compartment int NOT NULL CHECK (compartment > 0),
        order_id text NOT NULL REFERENCES orders (id),
        group_id text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      );
      CREATE UNIQUE INDEX locker_assignments_in_use ON locker_assignments (location_id, compartment) WHERE status = 'active';
      CREATE INDEX locker_assignments_order ON locker_assignments (order_id);
      -- Money owed back, for the payment provider to pick up (status pending until paid out).
      CREATE TABLE refunds (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        amount int NOT NULL CHECK (amount >= 0),
        vat int NOT NULL,
        currency text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('return', 'shortage', 'cancelled')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'refunded')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refunds_order ON refunds (order_id, created_at);
      CREATE INDEX refunds_pending ON refunds (created_at) WHERE status = 'pending';
      CREATE TABLE staff_sessions (
        token_hash text PRIMARY KEY,
        store_id text NOT NULL REFERENCES stores (id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 7,
    name: 'refund payouts, shipments of delivery lines',
    sql: `
      -- The payment provider's reference of a refund paid out, and when.
      ALTER TABLE refunds ADD COLUMN IF NOT EXISTS provider_reference text;
      ALTER TABLE refunds ADD COLUMN IF NOT EXISTS refunded_at timestamptz;
      -- Delivery lines handed to the carrier (their reservations fulfilled), oldest first.
      ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipments jsonb NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 8,
    name: 'loyalty: members, an immutable points ledger, earn rules',
    sql: `
      CREATE TABLE loyalty_members (
        id text PRIMARY KEY,
        customer_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- The ledger: one row per change, never updated or deleted (the trigger below refuses
      -- both). A member's balance is the sum of its points; balance_after is that sum as of the
      -- entry, written under the member's row lock, so it can never be negative.
      CREATE TABLE loyalty_entries (
        id text PRIMARY KEY,
        member_id text NOT NULL REFERENCES loyalty_members (id),
        kind text NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust', 'reverse')),
        source text NOT NULL CHECK (source IN ('order', 'review', 'check_in', 'birthday', 'signup', 'manual', 'expiry', 'reward')),
        points int NOT NULL,
        balance_after int NOT NULL CHECK (balance_after >= 0),
        idempotency_key text NOT NULL,
        reference text,
        lines jsonb,
        note text,
        rule_id text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (member_id, idempotency_key)
      );
      CREATE INDEX loyalty_entries_member ON loyalty_entries (member_id, created_at DESC, id DESC);
      CREATE INDEX loyalty_entries_expiring ON loyalty_entries (expires_at) WHERE expires_at IS NOT NULL;
      CREATE OR REPLACE FUNCTION loyalty_entries_immutable() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'loyalty ledger entries are immutable' USING ERRCODE = 'P0001'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER loyalty_entries_immutable BEFORE UPDATE OR DELETE ON loyalty_entries FOR EACH ROW EXECUTE FUNCTION loyalty_entries_immutable();
      CREATE TABLE loyalty_rules (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('purchase', 'signup', 'review', 'check_in', 'birthday')),
        active boolean NOT NULL DEFAULT true,
        points int,
        points_per_unit int,
        currency text,
        credit_on text,
        expires_after_days int,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One active rule per action, and per currency for purchases.
      CREATE UNIQUE INDEX loyalty_rules_active ON loyalty_rules (kind, coalesce(currency, '')) WHERE active;
      -- Which state of an order its member's points were last brought in line with.
      CREATE TABLE loyalty_order_state (
        order_id text PRIMARY KEY,
        synced_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id) WHERE customer_id IS NOT NULL;
    `,
  },
];

/** Every table the migrations create, for `db:reset`. */
export const TABLES = [
  'loyalty_order_state', 'loyalty_rules', 'loyalty_entries', 'loyalty_members', 'staff_sessions', 'refunds', 'locker_assignments', 'cart_pickup_slots', 'slot_bookings', 'pickup_slots', 'reservations', 'orders', 'cart_handoffs', 'cart_secrets', 'cart_lines', 'carts', 'customer_tokens', 'idempotency_keys', 'event_state', 'events', 'stock_movements', 'stock',
  'products', 'categories', 'stores', 'schema_migrations',
];

/**
 * Applies the migrations not yet recorded. Call it under `Db.withStartupLock` so that two
 * processes starting at once do not both apply one. Returns the versions applied.
 */
export async function migrate(q: Queryable, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    await q.query('BEGIN');
    try {
      for (const statement of splitStatements(m.sql)) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      await q.query('COMMIT');
    } catch (err) {
      await q.query('ROLLBACK');
      throw err;
    }
    applied.push(m.version);
  }
  return applied;
}

/** Drops every table of the server (for `db:reset`). */
export async function dropAll(q: Queryable): Promise<void> {
  for (const table of TABLES) await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
}

// Extended-protocol queries take one statement each; our migrations have no `;` inside strings.
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
