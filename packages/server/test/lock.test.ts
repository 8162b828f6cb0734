// Issue 14: one process per PGlite data folder. A second server on a folder in use refuses (never
// opens it twice); a lock left by a killed process does not block the next start.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AvailabilityList } from '@omnikit/contract';
import { DataFolderLockedError, LOCK_FILE, LOCK_STALE_MS, lockDataFolder } from '../src/db/folder-lock.js';
import { startServer } from '../src/index.js';
import { SK, call, onPostgres, parseWith } from './helpers.js';

// The lock guards PGlite folders: the PostgreSQL run of the suite has nothing to add here.
const pgliteOnly = { skip: onPostgres ? 'PGlite only' : false };

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'omnikit-lock-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const onHand = async (base: string, sku: string) =>
  parseWith(AvailabilityList, (await call(base, `/v1/availability?skus=${sku}&stores=online`)).json).items[0]!.onHand;

interface Cli {
  proc: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

/** Runs the real CLI (src/main.ts) on a data folder; `listening` resolves with its URL. */
function cli(dataDir: string, env: Record<string, string> = {}): Cli & { listening: Promise<string> } {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: pkgDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', OMNIKIT_DATA_DIR: dataDir, OMNIKIT_LOG: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
    proc.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    void exit.then((code) => {
      clearTimeout(t);
      reject(new Error(`exited ${code} before listening: ${out}`));
    });
  });
  listening.catch(() => {});
  return { proc, out: () => out, exit, listening };
}

describe('lockDataFolder', pgliteOnly, () => {
  const foreign = (dir: string, ageMs: number) => {
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: 1, started: '1', host: 'another-container', at: new Date(Date.now() - ageMs).toISOString() }));
    const t = new Date(Date.now() - ageMs);
    utimesSync(file, t, t);
  };

  test('a lock of another host (or container) that its owner still touches is respected', async () => {
    const dir = freshDir();
    foreign(dir, 1000);
    await assert.rejects(lockDataFolder(dir), /pid 1 on another-container/);
  });

  test('a lock of another host left untouched past the stale limit is taken over', async () => {
    const dir = freshDir();
    foreign(dir, LOCK_STALE_MS + 5000);
    const release = await lockDataFolder(dir);
    assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    release();
    assert.ok(!existsSync(join(dir, LOCK_FILE)));
  });

  test('a lock of a pid that no longer runs is taken over; a torn lock file too', async () => {
    const dir = freshDir();
    const file = join(dir, LOCK_FILE);
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(file, JSON.stringify({ pid: gone.pid, host: hostname(), at: new Date().toISOString() }));
    (await lockDataFolder(dir))();
    writeFileSync(file, '{"pid": 12');
    (await lockDataFolder(dir))();
  });

  test('waits for a live owner up to waitMs, and gets the lock when it lets go', async () => {
    const dir = freshDir();
    const releaseFirst = await lockDataFolder(dir);
    let waited = 0;
    setTimeout(releaseFirst, 300);
    const release = await lockDataFolder(dir, { waitMs: 10_000, onWait: () => waited++ });
    assert.equal(waited, 1);
    release();
  });
});

describe('PGlite data folder lock', pgliteOnly, () => {
  test('a second server on the same folder refuses with a clear message; the data is intact after', async () => {
    const dir = freshDir();
    const first = await startServer({ port: 0, dataDir: dir });
    try {
      const put = await call(first.url, '/v1/admin/stock/online/OK-10001', { method: 'PUT', key: SK, body: { quantity: 321 } });
      assert.equal(put.status, 200, put.text);
      const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
      assert.equal(owner.pid, process.pid);
      await assert.rejects(startServer({ port: 0, dataDir: dir }), (err: Error) => {
        assert.ok(err instanceof DataFolderLockedError);
        assert.match(err.message, new RegExp(`in use by another Omnikit server \\(pid ${process.pid}`));
        return true;
      });
      // The refused start left the lock and the running server alone.
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).at, owner.at);
      assert.equal(await onHand(first.url, 'OK-10001'), 321);
    } finally {
      await first.close();
    }
    assert.ok(!existsSync(join(dir, LOCK_FILE)), 'released on close');
    const again = await startServer({ port: 0, dataDir: dir });
    try {
      assert.equal(await onHand(again.url, 'OK-10001'), 321, 'the data survived');
    } finally {
      await again.close();
    }
  });

  test('the CLI on a folder in use waits a bounded time, then exits 1 with the reason', async () => {
    const dir = freshDir();
    const holder = await startServer({ port: 0, dataDir: dir });
    try {
      // Grace 0: the CLI waits 0 + 5 s for the folder before it gives up.
      const second = cli(dir, { OMNIKIT_SHUTDOWN_GRACE_SECONDS: '0' });
      assert.equal(await second.exit, 1);
      assert.match(second.out(), /in use by pid \d+; waiting up to 5 s/);
      assert.match(second.out(), /could not start: The data folder .* is in use by another Omnikit server/);
      assert.ok(!/listening on/.test(second.out()));
    } finally {
      await holder.close();
    }
  });

  test('a lock left by a SIGKILLed server does not block the next start', async () => {
    const dir = freshDir();
    const killed = cli(dir);
    const url = await killed.listening;
    const put = await call(url, '/v1/admin/stock/online/OK-10002', { method: 'PUT', key: SK, body: { quantity: 77 } });
    assert.equal(put.status, 200, put.text);
    killed.proc.kill('SIGKILL');
    await killed.exit;
    const stale = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    assert.equal(stale.pid, killed.proc.pid, 'the killed process left its lock behind');
    const next = await startServer({ port: 0, dataDir: dir });
    try {
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
      assert.equal(await onHand(next.url, 'OK-10002'), 77);
    } finally {
      await next.close();
    }
  });

  test('a restart begun while the old process drains waits for the folder, then starts', async () => {
    const dir = freshDir();
    const old = cli(dir);
    await old.listening;
    old.proc.kill('SIGTERM');
    const next = cli(dir);
    try {
      const url = await next.listening;
      assert.equal(await old.exit, 0, old.out());
      assert.equal((await call(url, '/v1/health')).status, 200);
    } finally {
      next.proc.kill('SIGTERM');
      assert.equal(await next.exit, 0);
    }
  });
});
