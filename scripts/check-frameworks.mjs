// `npm test` step "frameworks": the React and Vue examples as an integrator gets them, from the
// packed tarballs of this repository (not the workspace links):
// - builds (unless --no-build) and packs @omnikit/contract, sdk and elements;
// - copies examples/react and examples/vue to a temporary folder with the three tarballs in
//   packs/ and installs each from its committed lockfile (registry packages as locked; the
//   tarballs read afresh, so a dependency a package gained is installed and reported);
// - typechecks strictly (tsc / vue-tsc with strictTemplates), and checks that snippets with an
//   unknown tag, a wrong attribute type or a wrongly typed handler FAIL, so the generated types
//   cannot be `any`;
// - builds each with Vite, serves it beside a real reference server (PGlite in memory, random
//   port, CORS *) and drives it in Chromium: real stock and prices, the store changed from the
//   framework's <select> reaches the badges, the framework's handler gets the typed event;
// - prints the gzip size of the JS Omnikit adds to the React app beside React alone.
//   node scripts/check-frameworks.mjs [--no-build] [--keep] [react|vue]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newest } from './newest.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const frameworks = ['react', 'vue'].filter((f) => !only.length || only.includes(f));
const PACKAGES = ['contract', 'sdk', 'elements'];

function run(cmd, cmdArgs, cwd, { allowFail = false } = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${cmdArgs.join(' ')} (in ${cwd}) exited ${r.status}:\n${output.slice(-4000)}`);
  return { status: r.status, output };
}
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

// --no-build (after the "packages" step's build) still builds when the packed output would be
// missing or older than the sources.
const generated = join(root, 'packages/elements/dist/types/react.d.ts');
const stale = () => !existsSync(generated) || statSync(generated).mtimeMs < Math.max(...PACKAGES.map((p) => newest(join(root, 'packages', p, 'src'))));
if (!args.includes('--no-build') || stale()) {
  console.log('Building every package (npm run build)...');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const work = mkdtempSync(join(tmpdir(), 'omnikit-frameworks-'));
if (!args.includes('--keep')) process.on('exit', () => rmSync(work, { recursive: true, force: true }));
else console.log(`Keeping ${work}`);

// Packed as a publish would (prepack strips the repository-only `source` condition), under
// stable names, so the examples' package.json and lockfiles can name them.
const packs = join(work, 'packs');
mkdirSync(packs);
for (const name of PACKAGES) {
  const out = run('npm', ['pack', '--json', '--silent', '--pack-destination', packs], join(root, 'packages', name)).output;
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  renameSync(join(packs, info.filename), join(packs, `omnikit-${name}.tgz`));
}

/** A fresh copy of examples/<name> with the tarballs, installed from its lockfile. */
async function install(name) {
  const dir = join(work, name);
  const skip = new Set(['node_modules', 'dist', 'packs']);
  cpSync(join(root, 'examples', name), dir, { recursive: true, filter: (src) => !skip.has(src.split('/').pop()) });
  cpSync(packs, join(dir, 'packs'), { recursive: true });
  // The tarballs change with every build (content, and dependencies when a package gains one):
  // their lock entries go, so npm reads them afresh; every registry package stays as locked.
  const lockFile = join(dir, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const locked = new Set(Object.keys(lock.packages));
  for (const [path, entry] of Object.entries(lock.packages)) if (entry.resolved?.startsWith('file:')) delete lock.packages[path];
  writeFileSync(lockFile, JSON.stringify(lock, null, 2));
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [status] = await once(child, 'close');
  if (status !== 0) throw new Error(`npm install in ${dir} exited ${status}:\n${output.slice(-4000)}`);
  const added = Object.keys(JSON.parse(readFileSync(lockFile, 'utf8')).packages).filter((p) => !locked.has(p));
  if (added.length) console.log(`# ${name}: not in examples/${name}/package-lock.json, resolved from the registry: ${added.join(', ')} (refresh the lockfile)`);
  return dir;
}
// Both installs at once (network and disk bound); each test file awaits its own.
const installs = Object.fromEntries(frameworks.map((name) => [name, install(name)]));
for (const p of Object.values(installs)) p.catch(() => undefined); // reported by the test that awaits it

/** Lines of `file` that the type checker reported an error on (`src/file(12,3): error TS...`). */
function errorLines(output, file) {
  const at = new RegExp(`${file.replaceAll('.', '\\.')}\\((\\d+),\\d+\\): error`, 'g');
  return new Set([...output.matchAll(at)].map((m) => Number(m[1])));
}

/**
 * Typechecks `dir` with one extra file of wrong usages, one per line (from `cases`), and
 * returns the cases the checker did not reject.
 */
function acceptedWrongUsages(dir, checker, file, header, cases, footer = '') {
  const path = join(dir, 'src', file);
  const first = header.split('\n').length + 1;
  writeFileSync(path, `${header}\n${cases.map((c) => c.code).join('\n')}\n${footer}`);
  try {
    const { status, output } = run(join(dir, 'node_modules/.bin', checker), ['--noEmit', '--pretty', 'false'], dir, { allowFail: true });
    assert.notEqual(status, 0, `${checker} accepted every wrong usage`);
    const lines = errorLines(output, file);
    return cases.filter((_, i) => !lines.has(first + i)).map((c) => c.what);
  } finally {
    rmSync(path);
  }
}

const REACT_WRONG = [
  { what: 'an unknown omni-* tag', code: `export const a = <omni-stok-badge sku="OK-10001" />;` },
  { what: 'a misspelled attribute', code: `export const b = <omni-stock-badge skuu="OK-10001" />;` },
  { what: 'a string where the attribute is a number', code: `export const c = <omni-stock-badge sku="OK-10001" low-stock-threshold="five" />;` },
  { what: 'a value outside the attribute\'s union', code: `export const d = <omni-price sku="OK-10001" theme="purple" />;` },
  { what: 'a member the event does not have', code: `export const e = <omni-stock-badge sku="OK-10001" onomni-stock-change={(ev) => ev.bogus} />;` },
  { what: 'a handler for another event type', code: `export const f = <omni-stock-badge sku="OK-10001" onomni-stock-change={(ev: MouseEvent) => ev.clientX} />;` },
];
const VUE_WRONG = [
  { what: 'an unknown omni-* tag', code: `<omni-stok-badge sku="OK-10001" />` },
  { what: 'a misspelled attribute', code: `<omni-stock-badge skuu="OK-10001" />` },
  { what: 'a string where the attribute is a number', code: `<omni-stock-badge sku="OK-10001" :low-stock-threshold="'five'" />` },
  { what: 'a value outside the attribute\'s union', code: `<omni-price sku="OK-10001" theme="purple" />` },
  { what: 'a member the event does not have', code: `<omni-stock-badge sku="OK-10001" @omni-stock-change="(ev) => ev.bogus" />` },
  { what: 'a handler for another event type', code: `<omni-stock-badge sku="OK-10001" @omni-stock-change="onClick" />` },
];

/** Sum of the gzip sizes of the JS files Vite wrote into `dir`/assets. */
function gzipJs(dir) {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
/** The built app on 127.0.0.1 (another origin than the API), index.html for unknown paths. */
async function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || path.endsWith('/')) file = join(dir, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

const { startApp, launchBrowser, watchPage, waitForWidgets, priceStates, PUBLISHABLE_KEY } = await import('../e2e/helpers.mjs');
const env = { app: undefined, browser: undefined };
before(async () => {
  env.app = await startApp();
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.app?.close();
});

// The seed's known cases (SEED_FIXTURES in @omnikit/server): at Drottninggatan OK-10001 is in
// stock, OK-10002 low, OK-10003 out of stock with 25 at Götgatan, where it is in stock.
const FIRST_STORE = 'se-stockholm-drottninggatan';
const SECOND_STORE = 'se-stockholm-gotgatan';

describe('generated types (packages/elements/scripts/framework-types.mjs)', () => {
  const elements = join(root, 'packages/elements');
  const pkg = JSON.parse(readFileSync(join(elements, 'package.json'), 'utf8'));

  test('cover every tag, attribute, property and event of the shipped manifest', () => {
    const manifest = JSON.parse(readFileSync(join(elements, 'dist/custom-elements.json'), 'utf8'));
    const react = readFileSync(join(elements, 'dist/types/react.d.ts'), 'utf8');
    const vue = readFileSync(join(elements, 'dist/types/vue.d.ts'), 'utf8');
    const missing = [];
    const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));
    assert.ok(tags.length >= 3, 'the manifest lists the widgets');
    for (const d of tags) {
      const has = (text, name) => text.includes(`${JSON.stringify(name)}?:`) || text.includes(`  ${name}?:`);
      const camel = (n) => n.replace(/-(\w)/g, (_, c) => c.toUpperCase());
      if (!react.includes(`${JSON.stringify(d.tagName)}: ${d.name}Props;`)) missing.push(`react <${d.tagName}>`);
      if (!vue.includes(`${JSON.stringify(d.tagName)}: DefineComponent<${d.name}VueProps>;`)) missing.push(`vue <${d.tagName}>`);
      for (const a of d.attributes ?? []) {
        if (a.name === 'key') continue; // React's and Vue's own
        if (!has(react, a.name)) missing.push(`react ${d.tagName}[${a.name}]`);
        if (!has(vue, camel(a.name))) missing.push(`vue ${d.tagName}[${a.name}]`);
      }
      for (const e of d.events ?? []) {
        if (!has(react, `on${e.name}`)) missing.push(`react ${d.tagName} on${e.name}`);
        if (!has(vue, `on${camel(`-${e.name}`)}`)) missing.push(`vue ${d.tagName} ${e.name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('the provider takes its key by an attribute neither React nor Vue reserves', () => {
    const manifest = JSON.parse(readFileSync(join(elements, 'dist/custom-elements.json'), 'utf8'));
    const provider = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'omni-provider');
    // Both keep `key` for themselves; the examples and docs use `publishable-key` (issue 13).
    assert.ok(
      (provider?.attributes ?? []).some((a) => a.name === 'publishable-key'),
      '<omni-provider> has no publishable-key attribute: React and Vue apps cannot give it a key',
    );
  });

  test('type a widget nobody listed, from its manifest entry alone', async () => {
    const { readManifest, reactTypes, vueTypes } = await import('../packages/elements/scripts/framework-types.mjs');
    const manifest = {
      modules: [
        { path: 'src/index.ts', exports: [{ kind: 'js', name: 'OmniCart' }, { kind: 'js', name: 'OmniCartChangeEvent' }] },
        {
          path: 'src/cart/cart.ts',
          declarations: [
            {
              kind: 'class', customElement: true, name: 'OmniCart', tagName: 'omni-cart',
              attributes: [{ name: 'max-lines', fieldName: 'maxLines', description: 'Lines shown.' }, { name: 'key', fieldName: 'key' }],
              members: [
                { kind: 'field', name: 'maxLines' }, { kind: 'field', name: 'key' }, { kind: 'field', name: 'lines', readonly: true },
                { kind: 'field', name: 'internal', privacy: 'private' }, { kind: 'field', name: 'open' },
              ],
              events: [{ name: 'omni-cart-change', type: { text: 'OmniCartChangeEvent' } }],
            },
          ],
        },
      ],
    };
    const model = readManifest(manifest, pkg);
    const react = reactTypes(model);
    const vue = vueTypes(model);
    assert.match(react, /"omni-cart": OmniCartProps;/);
    assert.match(react, /"max-lines"\?: OmniCart\["maxLines"\];/);
    assert.match(react, /  open\?: OmniCart\["open"\];/);
    assert.match(react, /"onomni-cart-change"\?: \(event: OmniCartChangeEvent & \{ readonly currentTarget: OmniCart \}\) => void;/);
    assert.match(react, /import type \{ OmniCart, OmniCartChangeEvent \} from '\.\.\/index\.js';/);
    assert.match(vue, /  maxLines\?: OmniCart\["maxLines"\];/);
    assert.match(vue, /  onOmniCartChange\?: \(event: OmniCartChangeEvent/);
    for (const text of [react, vue]) {
      assert.doesNotMatch(text, /\bkey\?:|lines\?:|internal\?:/, 'no key (the framework\'s), no read-only or private members');
    }
    // An event class the package does not export would be `any` to every consumer: refused.
    manifest.modules[0].exports.pop();
    assert.throws(() => readManifest(manifest, pkg), /omni-cart-change: event class OmniCartChangeEvent is not exported/);
  });
});

for (const name of frameworks) {
  describe(`examples/${name}`, () => {
    let dir;
    const checker = name === 'react' ? 'tsc' : 'vue-tsc';

    test(`installs from the packed tarballs and the lockfile`, async () => {
      const t = Date.now();
      dir = await installs[name];
      const installed = JSON.parse(readFileSync(join(dir, 'node_modules/@omnikit/elements/package.json'), 'utf8'));
      assert.ok(!JSON.stringify(installed.exports).includes('"source"'), 'the packed manifest, not the workspace one');
      assert.ok(existsSync(join(dir, 'node_modules/@omnikit/elements/dist/types', `${name}.d.ts`)));
      console.log(`# ${name}: installed (waited ${seconds(t)})`);
    });

    test(`typechecks strictly (${checker} --noEmit)`, () => {
      run(join(dir, 'node_modules/.bin', checker), ['--noEmit'], dir);
    });

    test('rejects wrong usages of the tags (the types are not any)', () => {
      const accepted =
        name === 'react'
          ? acceptedWrongUsages(dir, checker, 'wrong-usage.tsx', `import type {} from '@omnikit/elements/react';`, REACT_WRONG)
          : acceptedWrongUsages(
              dir,
              checker,
              'WrongUsage.vue',
              `<script setup lang="ts">\nfunction onClick(ev: MouseEvent) { return ev.clientX; }\n</script>\n<template>`,
              VUE_WRONG,
              '</template>\n',
            );
      assert.deepEqual(accepted, [], `${checker} accepted: ${accepted.join(', ')}`);
    });

    test('builds with Vite', () => {
      run(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], dir);
      assert.ok(existsSync(join(dir, 'dist/index.html')));
    });

    test('renders real data, follows the store chosen in the framework, hands the typed event to the framework', async () => {
      const site = await serve(join(dir, 'dist'));
      const page = await env.browser.newPage();
      try {
        const problems = await watchPage(page);
        await page.goto(`${site.url}/?api=${encodeURIComponent(env.app.url)}&key=${PUBLISHABLE_KEY}`);
        await waitForWidgets(page, { min: 6 });
        // Properties, not attributes: React 19 and Vue set `sku` as a property when the element has one.
        const badges = () => page.$$eval('omni-stock-badge', (els) => els.map((b) => [b.sku, b.status, b.shadowRoot.textContent.trim()]));
        const first = await badges();
        assert.deepEqual(first.map(([sku, status]) => [sku, status]), [['OK-10001', 'in-stock'], ['OK-10002', 'low-stock'], ['OK-10003', 'nearby']]);
        assert.match(first[0][2], /\d/, 'show-quantity reached the badge');
        assert.ok((await priceStates(page)).every((s) => s === 'ready' || s === 'sale'), 'every price shows one');
        const prices = await page.$$eval('omni-price', (els) => els.map((p) => p.shadowRoot.textContent.trim()));
        assert.ok(prices.every((p) => /\d.*kr/.test(p)), `prices in SEK: ${prices.join(' | ')}`);
        // The handler is the framework's: it writes what it got into the app's own state.
        await page.waitForFunction(() => document.querySelector('#last-change')?.textContent.includes('@ se-stockholm-drottninggatan'), null, { timeout: 5000 });

        // The store list comes from the SDK through the provider's client; choose in the framework.
        await page.waitForFunction(() => document.querySelectorAll('#store option').length > 1, null, { timeout: 5000 });
        await page.selectOption('#store', SECOND_STORE);
        await page.waitForFunction(
          () => [...document.querySelectorAll('omni-stock-badge')].find((b) => b.sku === 'OK-10003')?.status === 'in-stock',
          null,
          { timeout: 5000, polling: 50 },
        );
        const second = await badges();
        assert.ok(second.every(([, status]) => status !== 'loading' && status !== 'error'), JSON.stringify(second));
        assert.equal(await page.$eval('omni-provider', (p) => p.store), SECOND_STORE);
        await page.waitForFunction(
          (s) => document.querySelector('#last-change')?.textContent.startsWith(`OK-10003 @ ${s}: in-stock (`),
          SECOND_STORE,
          { timeout: 5000 },
        );
        const { pageErrors, rejections, consoleErrors } = await problems.collect();
        assert.deepEqual({ pageErrors, rejections, consoleErrors }, { pageErrors: [], rejections: [], consoleErrors: [] });
        assert.notEqual(FIRST_STORE, SECOND_STORE);
      } finally {
        await page.close();
        await site.close();
      }
    });

    if (name === 'react') {
      test('size: the JS Omnikit adds to the React app (gzip), beside React alone', () => {
        const withOmnikit = gzipJs(join(dir, 'dist'));
        // The same app shell without Omnikit: React and ReactDOM rendering the same list.
        writeFileSync(
          join(dir, 'src/main.tsx'),
          `import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\n` +
            `createRoot(document.getElementById('root')!).render(<StrictMode><ul>{['OK-10001', 'OK-10002', 'OK-10003'].map((s) => <li key={s}>{s}</li>)}</ul></StrictMode>);\n`,
        );
        run(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', 'dist-react-only'], dir);
        const reactOnly = gzipJs(join(dir, 'dist-react-only'));
        const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
        console.log(`# React app JS (gzip -9): React alone ${kB(reactOnly)}, with Omnikit (provider, badge, price, listStores) ${kB(withOmnikit)}: Omnikit adds ${kB(withOmnikit - reactOnly)}`);
        assert.ok(withOmnikit > reactOnly);
      });
    }
  });
}
