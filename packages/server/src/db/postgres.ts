import pg from 'pg';
import type { Db, Queryable } from './types.js';
import { lockKey } from './lock.js';

/** Options of a PostgreSQL connection. */
export interface PostgresOptions {
  url: string;
  /** Schema to work in (created if missing); `public` by default. Lets tests and tenants share one database. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a `pg` pool on `DATABASE_URL`. */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_RE.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  const config: pg.PoolConfig = { connectionString: opts.url, max: opts.max ?? 10, options: `-c search_path=${schema}` };
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (err) {
      // Two processes creating the same schema at once: one wins, the other sees a duplicate.
      if ((err as { code?: string }).code !== '23505' && (err as { code?: string }).code !== '42P06') throw err;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool(config);
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const query = async <T>(sql: string, params?: unknown[]): Promise<T[]> =>
    (await pool.query(sql, params as unknown[])).rows as T[];
  const listeners = new Set<pg.Client>();
  let closed = false;

  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async withStartupLock(fn) {
      const client = await pool.connect();
      const key = lockKey(`omnikit:startup:${schema}`);
      const q: Queryable = { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows };
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn(q);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // LISTEN needs one connection held for as long as we listen; a pooled one would be returned.
      // If that connection drops (database restart, network), reconnect with backoff and signal
      // the listener once back, so it can catch up on whatever was notified meanwhile.
      let client: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: opts.url });
        c.on('error', () => {});
        c.on('notification', (msg) => {
          if (msg.channel === channel) onPayload(msg.payload ?? '');
        });
        c.on('end', () => {
          listeners.delete(c);
          if (!stopped && !closed && client === c) schedule(500);
        });
        await c.connect();
        await c.query(`LISTEN "${channel}"`);
        client = c;
        listeners.add(c);
      };
      const schedule = (ms: number) => {
        retry = setTimeout(() => {
          if (stopped || closed) return;
          connect().then(() => onPayload(''), () => schedule(Math.min(ms * 2, 10_000)));
        }, ms);
        retry.unref();
      };
      await connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const c = client;
        client = undefined;
        if (!c) return;
        listeners.delete(c);
        await c.query(`UNLISTEN "${channel}"`).catch(() => {});
        await c.end().catch(() => {});
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      listeners.clear();
      await pool.end();
    },
  };
}
