import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder, type FolderLockOptions } from './folder-lock.js';
import type { Db, Queryable } from './types.js';

/**
 * Opens PGlite in a folder (created if missing), or in memory for `'memory'`. A folder is locked
 * to this process first (see {@link lockDataFolder}): a folder another live server holds is
 * refused with `DataFolderLockedError`, after waiting up to `lock.waitMs`.
 */
export async function openPglite(dataDir: string, lock: FolderLockOptions = {}): Promise<Db> {
  let unlock = () => {};
  if (dataDir !== 'memory') {
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataFolder(dataDir, lock);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir === 'memory' ? undefined : dataDir);
  } catch (err) {
    unlock();
    throw err;
  }
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
    close: async () => {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}
