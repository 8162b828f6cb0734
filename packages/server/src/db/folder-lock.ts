// One process per PGlite data folder. PGlite is a single-process database: two processes with
// one folder open can corrupt it, so the server takes this lock before opening the folder.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Name of the lock file inside the data folder. */
export const LOCK_FILE = 'omnikit-server.lock';
/** How often the owner touches its lock file, so that another host (or container) can tell it lives. */
export const LOCK_TOUCH_MS = 10_000;
/** A lock from another host untouched for this long is stale (its owner stopped touching it). */
export const LOCK_STALE_MS = 3 * LOCK_TOUCH_MS;

/** What a lock file holds: enough to tell a live owner from a stale one. */
interface LockOwner {
  pid: number;
  /** Start time of the owning process (Linux: clock ticks since boot), so a reused pid is not taken for the owner. */
  started?: string;
  host: string;
  at: string;
}

/** Thrown when another live process holds the folder. */
export class DataFolderLockedError extends Error {
  override readonly name = 'DataFolderLockedError';
  constructor(readonly dir: string, readonly owner: { pid: number; host: string; at: string }) {
    super(
      `The data folder ${dir} is in use by another Omnikit server (pid ${owner.pid} on ${owner.host}, since ${owner.at}). ` +
      'PGlite allows one process per folder: stop that server, or use another OMNIKIT_DATA_DIR (or PostgreSQL for several instances).',
    );
  }
}

/** The start time of a process from /proc (Linux), or undefined where there is no /proc. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name in field 2 may hold spaces, so count after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner, file: string): boolean {
  // Another host, or a container with another host name on the same volume: its pid means
  // nothing here, but a live owner touches the file every LOCK_TOUCH_MS.
  if (owner.host !== hostname()) {
    try {
      return Date.now() - statSync(file).mtimeMs < LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: the process exists, owned by another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(owner.pid);
  // The pid lives, but if it started at another time it is a new process that reused the pid.
  return !(owner.started && started && owner.started !== started);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(o.pid) && o.pid > 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Options of {@link lockDataFolder}. */
export interface FolderLockOptions {
  /** Wait up to this long for a live owner to let go (default 0: refuse at once). */
  waitMs?: number;
  /** Called once when the folder is busy and the wait begins. */
  onWait?: (owner: LockOwner) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the exclusive lock on a data folder (which must exist): a lock file created with O_EXCL
 * that holds this process's pid, start time and host name, touched every {@link LOCK_TOUCH_MS}.
 * A lock whose process is gone (SIGKILL, power loss; on this host: the pid is not running or
 * started at another time; from another host or container: untouched for {@link LOCK_STALE_MS})
 * is stale and taken over. Returns the function that releases it; it is also released
 * when the process exits.
 */
export async function lockDataFolder(dir: string, opts: FolderLockOptions = {}): Promise<() => void> {
  const file = join(dir, LOCK_FILE);
  const mine: LockOwner = { pid: process.pid, started: processStart(process.pid), host: hostname(), at: new Date().toISOString() };
  const text = JSON.stringify(mine);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (!owner) {
      // Unreadable: a writer between create and write, or a torn file of a crash. Give a writer a
      // moment; a file still unreadable after that is stale.
      await sleep(50);
      if (!readOwner(file)) unlinkIfSame(file, undefined);
      continue;
    }
    if (!isAlive(owner, file)) {
      unlinkIfSame(file, owner);
      continue;
    }
    if (Date.now() >= deadline) throw new DataFolderLockedError(dir, owner);
    if (!waited) opts.onWait?.(owner);
    waited = true;
    await sleep(100);
  }
  let released = false;
  const touch = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // The folder went away under us; nothing to keep fresh.
    }
  }, LOCK_TOUCH_MS);
  touch.unref();
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(touch);
    process.off('exit', release);
    // Only our own lock: never a successor's.
    unlinkIfSame(file, mine);
  };
  process.on('exit', release);
  return release;
}

/** Removes the lock file if it still holds `owner` (a second reader may have replaced it meanwhile). */
function unlinkIfSame(file: string, owner: LockOwner | undefined): void {
  const now = readOwner(file);
  if (owner ? now?.pid === owner.pid && now.at === owner.at : !now) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}
