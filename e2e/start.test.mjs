// `npm start` with keys of the retailer's own (issue #15): the storefront it serves carries the
// configured publishable key, not the demo one, so every badge becomes final (no 401).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { ROOT, badgeStates, launchBrowser, priceStates, waitForWidgets, watchPage } from './helpers.mjs';

const KEYS = { OMNIKIT_PUBLISHABLE_KEY: 'pk_live_e2e_start_own_key', OMNIKIT_SECRET_KEY: 'sk_live_e2e_start_own_secret_0123456789' };
let proc;
let url;
let browser;
let out = '';

before(async () => {
  proc = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, ...KEYS, PORT: '0', HOST: '127.0.0.1', OMNIKIT_DATA_DIR: 'memory', DATABASE_URL: '', OMNIKIT_SIMULATION: 'off', OMNIKIT_LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  // A stale dist/ is rebuilt first, so allow for a full build.
  url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 240_000);
    const check = () => {
      const m = /Storefront\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    };
    proc.stdout.on('data', check);
    proc.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }
});

test('the banner shows the configured keys and demo sign-in off', () => {
  assert.match(out, new RegExp(`Publishable\\s+${KEYS.OMNIKIT_PUBLISHABLE_KEY}`));
  assert.match(out, /Demo sign-in off/);
});

test('served pages carry the configured publishable key, never the demo one', async () => {
  for (const path of ['/', '/product.html']) {
    const html = await (await fetch(url + path)).text();
    assert.ok(html.includes(KEYS.OMNIKIT_PUBLISHABLE_KEY), `${path} has the configured key`);
    assert.ok(!html.includes('pk_test_omnikit_demo'), `${path} has no demo key`);
  }
});

test('the storefront on custom keys: every badge and price becomes final, no 401', async () => {
  const page = await browser.newPage();
  const problems = await watchPage(page);
  const unauthorized = [];
  page.on('response', (r) => r.status() === 401 && unauthorized.push(r.url()));
  await page.goto(`${url}/`);
  await waitForWidgets(page, { min: 10, timeout: 30_000 });
  const badges = await badgeStates(page);
  assert.ok(badges.length >= 10);
  assert.deepEqual(badges.filter((b) => b.status === 'error'), [], 'no badge in its error state');
  assert.ok(!(await priceStates(page)).includes('error'), 'no price in its error state');
  assert.deepEqual(unauthorized, []);
  assert.deepEqual(problems.pageErrors, []);
  await page.close();
});
