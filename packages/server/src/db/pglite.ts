import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types.js';

/** Opens PGlite in a folder (created if missing), or in memory for `'memory'`. */
export async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir === 'memory' ? undefined : dataDir);
  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
  });
  const self = wrap(pg);
  return {
    kind: 'pglite',
    query: self.query,
    // PGlite queues every other query behind an open transaction, so transactions never interleave.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    withStartupLock: (fn) => fn(self),
    close: () => pg.close(),
  };
}
