/** Something SQL can be sent to: the database itself, or a transaction on it. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Which engine is behind the data layer. */
export type DbKind = 'pglite' | 'postgres';

/**
 * The one small interface the server talks to, over PGlite (embedded) or a PostgreSQL pool.
 * SQL is PostgreSQL's dialect on both.
 */
export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding a session-level advisory lock, so that two processes starting at
   * once on one database do not both migrate and seed (PGlite has one connection: no lock needed).
   */
  withStartupLock<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Listens to a notification channel. PostgreSQL only (PGlite serves one process, which
   * delivers in-process); returns a function that stops listening.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
