/**
 * A small positive cache with a time to live: remembers that a key exists (and a value) for
 * `ttlMs`. Used for catalog facts that the API never changes (a SKU exists, a store exists), so
 * hot reads skip those lookups; a key not in the cache is always checked in the database, so new
 * rows are seen at once and only deletions (a `db:reset` by another process) can be stale, for
 * at most the TTL.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 50_000) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V): void {
    // Oldest first out when full (Map keeps insertion order).
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
