// Issue 14, the restart an operator does on every deploy: a page with 24 stock badges is open,
// the server process (the real CLI, PGlite in a folder) gets SIGTERM, the same command starts it
// again on the same port and folder, and an admin stock change made after the restart must show
// in the page within 5 s. The old process must be gone after its grace period; the page must not
// throw. Prints the time from the admin change to the badge's change event.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { ROOT, badgeStates, launchBrowser, setStock, startStatic, waitForWidgets, watchPage } from './helpers.mjs';

const GRACE_SECONDS = 5;
const f = SEED_FIXTURES;
const SKUS = Array.from({ length: 24 }, (_, i) => `OK-${10001 + i}`);

let browser;
let site;
let dataDir;
before(async () => {
  browser = await launchBrowser();
  site = await startStatic();
  dataDir = mkdtempSync(join(tmpdir(), 'omnikit-e2e-restart-'));
});
after(async () => {
  await browser?.close();
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A free loopback port (bound, then released), so both starts can use the same one. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The server's CLI (what `omnikit-server` runs) as its own process. */
function startCli(port) {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: join(ROOT, 'packages/server'),
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', OMNIKIT_DATA_DIR: dataDir,
      OMNIKIT_CORS_ORIGINS: '*', OMNIKIT_LOG: '1', OMNIKIT_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exit = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  const listening = new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no start in 60 s: ${out}`)), 60_000);
    proc.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(t);
      reject(new Error(`exited ${code} before listening: ${out}`));
    });
  });
  listening.catch(() => {});
  return { proc, exit, listening, out: () => out };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

// The browser itself reports the refused connections while no process listens (the seconds of the
// restart); those are not errors of the page's code.
const browserNetworkReport = (text) => /Failed to load resource|net::ERR_|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE/.test(text);

test('restart under an open page: a change made after the restart shows within 5 s; the old process is gone; no page error', { timeout: 180_000 }, async () => {
  const port = await freePort();
  const first = startCli(port);
  let second;
  const context = await browser.newContext();
  try {
    const api = await first.listening;
    const page = await context.newPage();
    const problems = await watchPage(page, { allowConsole: browserNetworkReport });
    await page.goto(`${site.url}/widgets.html?api=${encodeURIComponent(api)}&skus=${SKUS.join(',')}&store=${f.defaultStoreId}`);
    await waitForWidgets(page, { min: 24, timeout: 30_000 }).catch(async (err) => {
      const states = await badgeStates(page).catch(() => []);
      const p = await problems.collect();
      throw new Error(`the badges did not settle before the restart: ${JSON.stringify(states.map((b) => b.status))}; ` +
        `page problems ${JSON.stringify(p)}; server: ${first.out().slice(-1500)}`, { cause: err });
    });
    // Live before the restart (the stream is open and current).
    const before = Date.now();
    await setStock(api, { sku: f.inStock.sku, storeId: f.inStock.storeId, quantity: 31 });
    await page.waitForFunction(({ sku, at }) => window.__omni.events.some((e) => e.sku === sku && e.available === 31 && e.at >= at),
      { sku: f.inStock.sku, at: before }, { timeout: 5000, polling: 50 });

    // The deploy: SIGTERM, and the same command again at once (it waits for the folder).
    const signalled = Date.now();
    first.proc.kill('SIGTERM');
    second = startCli(port);
    const again = await second.listening;
    const listeningAt = Date.now();
    assert.equal(again, api, 'same port');
    const old = await first.exit;
    assert.equal(old.code, 0, `old process exit: ${first.out().slice(-2000)}`);
    assert.ok(old.at - signalled <= GRACE_SECONDS * 1000 + 5000, `old process exited ${old.at - signalled} ms after SIGTERM`);
    assert.ok(!alive(first.proc.pid), 'no process of the old server is alive');
    // The old process answered nothing new while draining: no stream opened after the signal.
    const afterSignal = first.out().split(/SIGTERM: draining/)[1] ?? '';
    assert.doesNotMatch(afterSignal, /GET \/v1\/events 200/, 'no new stream on the old process');

    // A change made after the restart shows in the page within 5 s.
    const changed = Date.now();
    await setStock(again, { sku: f.inStock.sku, storeId: f.inStock.storeId, quantity: 7 });
    let shownAt;
    try {
      const handle = await page.waitForFunction(({ sku, at }) => window.__omni.events.find((e) => e.sku === sku && e.available === 7 && e.at >= at)?.at,
        { sku: f.inStock.sku, at: changed }, { timeout: 5000, polling: 50 });
      shownAt = await handle.jsonValue();
    } catch (err) {
      // Say how late it came (if at all within 60 s) and what each process saw, then fail.
      const late = await page.waitForFunction(({ sku, at }) => window.__omni.events.find((e) => e.sku === sku && e.available === 7 && e.at >= at)?.at,
        { sku: f.inStock.sku, at: changed }, { timeout: 60_000, polling: 100 }).then((h) => h.jsonValue()).catch(() => undefined);
      const connection = await page.evaluate(() => document.querySelector('omni-provider')?.client?.$connection?.get?.()).catch(() => undefined);
      throw new Error(`the change did not show within 5 s (${late ? `it showed after ${late - changed} ms` : 'not within 60 s'}); ` +
        `SIGTERM at +0, new server listening at +${listeningAt - signalled} ms, old exit at +${old.at - signalled} ms, change at +${changed - signalled} ms; ` +
        `connection ${JSON.stringify(connection)}\nold server after the signal: ${afterSignal.slice(0, 1500)}\nnew server: ${second.out().replace(/^[\s\S]*Demo sign-in[^\n]*\n/, '').slice(0, 1500)}`, { cause: err });
    }
    console.log(`restart: old process exited ${old.at - signalled} ms after SIGTERM; new one listening ${Date.now() - signalled} ms after; change shown ${shownAt - changed} ms after the admin call`);

    const p = await problems.collect();
    assert.deepEqual(p.pageErrors, [], 'uncaught errors');
    assert.deepEqual(p.rejections, [], 'unhandled rejections');
    assert.deepEqual(p.consoleErrors, [], 'console errors');
  } finally {
    await context.close();
    for (const cli of [first, second]) {
      if (cli && cli.proc.exitCode === null && cli.proc.signalCode === null) cli.proc.kill('SIGTERM');
      await cli?.exit;
    }
  }
});
