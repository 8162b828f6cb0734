// Shared pieces of the end-to-end tests: the real reference server with the storefront and the
// CDN mounted, system Chromium through playwright-core, a static server for pages on another
// origin (strict CSP), an API that misbehaves, and collectors for what a page must never do.
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.mjs';
import { startServer } from '@omnikit/server';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);
export const CDN_DIR = join(ROOT, 'packages/elements/dist/cdn');
export const STOREFRONT_DIR = join(ROOT, 'examples/storefront');
export const FIXTURES_DIR = join(ROOT, 'e2e/fixtures');
export const PUBLISHABLE_KEY = 'pk_test_omnikit_demo';
export const SECRET_KEY = 'sk_test_omnikit_demo';

/** The reference server on 127.0.0.1, a random port, PGlite in memory, storefront and CDN mounted. */
export async function startApp(options = {}) {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory',
    publishableKey: PUBLISHABLE_KEY,
    secretKey: SECRET_KEY,
    corsOrigins: '*',
    static: [
      { prefix: '/cdn/', dir: CDN_DIR },
      { prefix: '/e2e/', dir: FIXTURES_DIR },
      { prefix: '/', dir: STOREFRONT_DIR },
    ],
    ...options,
  });
}

/** System Chromium, headless, no network beyond what the page asks for. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
}

/**
 * The reference server (storefront and CDN mounted) and a browser, started before the test
 * file's tests and stopped after them. Read `env.app` and `env.browser` inside tests.
 */
export function useAppAndBrowser(options) {
  const env = { app: undefined, browser: undefined };
  before(async () => {
    env.app = await startApp(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}

/**
 * Records what a page must never produce: uncaught errors, unhandled rejections, console
 * errors and CSP violations. `allowConsole` filters console errors that are the browser's own
 * report of a failed request (expected when a test makes the API fail on purpose).
 */
export async function watchPage(page, { allowConsole = () => false } = {}) {
  const problems = { pageErrors: [], rejections: [], consoleErrors: [], cspViolations: [] };
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsole(m.text())) problems.consoleErrors.push(m.text());
  });
  // Init scripts run through the DevTools protocol, so a strict CSP on the page does not block them.
  await page.addInitScript(() => {
    window.__omni = { rejections: [], violations: [], events: [] };
    window.addEventListener('unhandledrejection', (e) => window.__omni.rejections.push(String(e.reason?.stack ?? e.reason)));
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__omni.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
    // Every badge's stock changes, with the time they happened, for the live-update tests.
    document.addEventListener('omni-stock-change', (e) =>
      window.__omni.events.push({ at: Date.now(), sku: e.sku, storeId: e.storeId, state: e.state, available: e.available }),
    );
  });
  problems.collect = async () => {
    const inPage = await page.evaluate(() => window.__omni).catch(() => ({ rejections: [], violations: [] }));
    problems.rejections.push(...inPage.rejections);
    problems.cspViolations.push(...inPage.violations);
    return problems;
  };
  return problems;
}

/** Waits until every badge and price on the page has left its loading state. */
export async function waitForWidgets(page, { timeout = 15_000, min = 1 } = {}) {
  await page.waitForFunction(
    (min) => {
      const all = [...document.querySelectorAll('omni-stock-badge, omni-price')];
      return all.length >= min && all.every((el) => el.shadowRoot && !el.matches(':state(loading)'));
    },
    min,
    { timeout, polling: 50 },
  );
}

/** State of every badge: `{ sku, store, status, text }`. */
export function badgeStates(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('omni-stock-badge')].map((b) => ({
      sku: b.getAttribute('sku'),
      store: b.getAttribute('store'),
      status: b.status,
      text: b.shadowRoot?.textContent.trim() ?? '',
    })),
  );
}

/** State names of every price (`ready`, `sale`, `unavailable`, `error`, `loading`). */
export function priceStates(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('omni-price')].map((p) =>
      ['loading', 'ready', 'sale', 'unavailable', 'error'].find((s) => p.matches(`:state(${s})`)) ?? 'none',
    ),
  );
}

/** Plain admin call with the secret key (what a POS or back office does). */
export async function setStock(api, { sku, storeId, quantity }) {
  const res = await fetch(`${api}/v1/admin/stock/${storeId}/${sku}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ quantity, reason: 'correction' }),
  });
  if (!res.ok) throw new Error(`setStock ${res.status}: ${await res.text()}`);
  return res.json();
}

/** GET from the API with the publishable key. */
export async function apiGet(api, path) {
  const res = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${PUBLISHABLE_KEY}` } });
  if (!res.ok) throw new Error(`GET ${path} ${res.status}: ${await res.text()}`);
  return res.json();
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.map': 'application/json' };

/**
 * A static server on 127.0.0.1 (another origin than the API): `/cdn/*` from the CDN folder,
 * everything else from e2e/fixtures, with `headers` on every response (e.g. a strict CSP).
 * `{{API}}` in HTML is replaced with `api`, so pages can name the API's origin.
 */
export async function startStatic({ headers = {}, api = '' } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.startsWith('/cdn/') ? join(CDN_DIR, path.slice(5)) : join(FIXTURES_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(CDN_DIR) && !file.startsWith(FIXTURES_DIR)) return void res.writeHead(404).end();
    try {
      let body = await readFile(file);
      if (extname(file) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('{{API}}', api));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers }).end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  return listen(server);
}

/**
 * An API on 127.0.0.1 that misbehaves in one way:
 * - `malformed`: answers every request 200 with broken JSON (and a broken event stream);
 * - `slow`: answers CORS preflights, then never answers the request itself;
 * - `unreachable`: nothing listens (the port was bound, then closed).
 */
export async function startBadApi(mode) {
  if (mode === 'unreachable') {
    const s = await listen(createServer());
    await s.close();
    return { url: s.url, close: async () => undefined, requests: 0 };
  }
  const open = new Set();
  let requests = 0;
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
      'Access-Control-Max-Age': '600',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    requests++;
    if (mode === 'slow') {
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    if (req.url.startsWith('/v1/events')) {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream' });
      return void res.end('event: stream.ready\ndata: {not json\n\n');
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"items": [{"sku": "OK-1');
  });
  const s = await listen(server, () => {
    for (const res of open) res.destroy();
  });
  return Object.assign(s, { get requests() { return requests; } });
}

function listen(server, beforeClose = () => undefined) {
  return new Promise((resolveListen) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveListen({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            beforeClose();
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

// ---- added for the cart (issue #8) ----------------------------------------------------------

const AXE_SOURCE = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations in a page, or in the part of it `include` selects (shadow roots
 * included). Loaded through the DevTools protocol, so a strict CSP on the page does not block
 * it. Each violation: `{ id, impact, help, nodes }` (nodes as axe's selectors).
 */
export async function axeViolations(page, include = 'html') {
  await page.evaluate(`window.axe || (() => { ${AXE_SOURCE}\n})()`);
  return page.evaluate(async (include) => {
    const result = await window.axe.run(include, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, include);
}

/** Plain admin POST with the secret key; resolves to the JSON answer. */
export async function adminPost(api, path, body) {
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`POST ${path} ${res.status}: ${await res.text()}`);
  return res.json();
}
