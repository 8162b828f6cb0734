// `node scripts/test.mjs docs`: every docs example that talks to the API runs against the seeded
// reference server (issue 13). Run it alone with
//   node --conditions=source --import tsx --test scripts/check-docs.mjs
// How blocks are found, the directives that skip or set one up, and the placeholders filled in:
// scripts/docs-examples.mjs. One server (PGlite in memory, random port, seed data, the CDN and
// the generated pages mounted) and one Chromium serve every block; the blocks of a page run in
// the page's order, so a block may rely on what an earlier one on that page changed.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create as analyzeElements, ts } from '@custom-elements-manifest/analyzer';
// The analyzer's CLI applies this plugin for `litelement: true`; the API takes it by hand.
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { stateNotAttribute } from '../packages/elements/custom-elements-manifest.config.mjs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import * as contract from '@omnikit/contract';
import { createClient } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { startServer } from '@omnikit/server';
import { CHROME_ARGS, CHROME_PATH } from './chromium.mjs';
import { newest } from './newest.mjs';
import { ROOT, allBlocks, clientPaths, docFiles, expectations, extractBlocks, isTs, omniAttributes, scriptModule, slug, substitute } from './docs-examples.mjs';

// Inside the repository, so the blocks' bare imports resolve to the workspace packages; one
// folder per run, so two runs at once (a shared work tree) do not overwrite each other's files.
const WORK = join(ROOT, 'node_modules/.cache/docs-examples', String(process.pid));
const PAGES = join(WORK, 'pages');
const BUILT_CDN = join(ROOT, 'packages/elements/dist/cdn');
// A copy, so a build running beside the test (others share this work tree) cannot pull the files away.
const CDN_DIR = join(WORK, 'cdn');
const KEYS = { publishableKey: 'pk_test_omnikit_demo', secretKey: 'sk_test_omnikit_demo' };
const HARNESS = join(WORK, 'harness.mjs');

// The process a Node block runs in: reports `//=>` outputs, fails on anything uncaught, and
// exits once the block has finished (a watch or an open client would otherwise keep it alive).
const HARNESS_SOURCE = `import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
const expected = JSON.parse(process.env.DOCS_EXPECT || '[]');
const file = process.env.DOCS_FILE;
const seen = new Map();
globalThis.__docsLog = (line, ...args) => {
  const text = format(...args);
  process.stdout.write(text + '\\n');
  if (!seen.has(line)) seen.set(line, text);
};
const fail = (e) => { process.stderr.write(String(e?.stack ?? e) + '\\n'); process.exit(1); };
process.on('unhandledRejection', fail);
process.on('uncaughtException', fail);
await import(pathToFileURL(process.argv[2]).href);
// Watch callbacks print after the block's last line: give each expected output a while.
for (let waited = 0; expected.some((e) => !seen.has(e.line)) && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
await new Promise((r) => setTimeout(r, 200)); // a rejection the block did not await
const wrong = expected.filter((e) => seen.get(e.line) !== e.text);
for (const e of wrong) process.stderr.write(file + ':' + e.line + ': prints ' + (seen.has(e.line) ? JSON.stringify(seen.get(e.line)) : 'nothing (10 s)') + ', the docs say ' + JSON.stringify(e.text) + '\\n');
process.exit(wrong.length ? 1 : 0);
`;

/** Runs a js/ts block in a Node process of its own; rejects with its file and line. */
export async function runNodeBlock(block, values) {
  const ext = isTs(block) ? 'mts' : 'mjs';
  const path = join(WORK, `${slug(block)}.${ext}`);
  writeFileSync(path, scriptModule(block, values));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', HARNESS, path], {
    cwd: ROOT,
    env: { ...process.env, DOCS_FILE: block.file, DOCS_EXPECT: JSON.stringify(expectations(block)) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise((r) => child.on('close', (c, signal) => r(signal ? signal : c)));
  clearTimeout(timer);
  if (code !== 0) {
    // Stack frames name the generated file; its lines are the Markdown file's lines.
    const named = out.replace(new RegExp(`(file://)?${WORK}/${slug(block)}\\.\\w+`, 'g'), block.file);
    throw new Error(`${block.file}:${block.line}: the \`\`\`${block.lang} block failed (${code === 'SIGKILL' ? 'no end within 60 s' : `exit ${code}`})\n${named.trim()}`);
  }
  return out;
}

/** The HTML page a block becomes (html blocks, and the page of a `browser` script block). */
function pageHtml(block, values, script) {
  const d = block.directives;
  let body = substitute(script ? (typeof d.page === 'string' ? d.page : '') : block.code, values);
  if (!script && d.setup === 'provider') {
    body = `<omni-provider api="${values.api}" publishable-key="${values.publishableKey}">\n${body}\n</omni-provider>`;
  } else if (!script && d.setup) {
    throw new Error(`${block.file}:${block.line}: an html block knows only setup=provider`);
  }
  if (!script && !/<script\b/i.test(body)) body = `<script type="module" src="/cdn/omnikit.js"></script>\n${body}`;
  if (script) body += `\n<script type="module" src="${script}"></script>`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${block.file}:${block.line}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/**
 * Runs an html block, or a `browser` script block bundled into a page, in Chromium: the page
 * must finish without an uncaught error, a console error or warning, and every `omni-*` widget
 * must leave its loading state without ending in `error`. Resolves to the widgets' states.
 */
export async function runPageBlock(block, values, browser) {
  const name = slug(block);
  let script;
  if (block.kind === 'browser') {
    const entry = join(PAGES, `${name}.entry.${isTs(block) ? 'mts' : 'mjs'}`);
    writeFileSync(entry, `${scriptModule(block, values)}\nglobalThis.__docsDone = true;\n`);
    await build({
      entryPoints: [entry], outfile: join(PAGES, `${name}.js`), bundle: true, format: 'esm', target: 'es2022',
      conditions: ['development', 'source', 'browser'], tsconfig: join(ROOT, 'tsconfig.base.json'),
      logLevel: 'silent',
    }).catch((e) => {
      throw new Error(`${block.file}:${block.line}: the \`\`\`${block.lang} block does not bundle: ${e.message}`);
    });
    script = `./${name}.js`;
  }
  writeFileSync(join(PAGES, `${name}.html`), pageHtml(block, values, script));
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    const where = m.location()?.url ? ` (${m.location().url})` : '';
    // Lit announces its development build (the `development` condition of a browser block) once.
    if (m.text().startsWith('Lit is in dev mode')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}${where}`);
  });
  try {
    await page.goto(`${values.api}/docs-test/${name}.html`);
    await page
      .waitForFunction(
        (needsDone) => {
          if (needsDone && !globalThis.__docsDone) return false;
          const widgets = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('omni-') && e.localName !== 'omni-provider');
          return widgets.every((e) => customElements.get(e.localName) && e.shadowRoot && !e.matches(':state(loading)'));
        },
        script !== undefined,
        { timeout: 30_000, polling: 50 },
      )
      .catch(() => problems.push('did not finish within 30 s (a widget still loading, or the script never ended)'));
    const widgets = await page.evaluate(() =>
      [...document.querySelectorAll('*')]
        .filter((e) => e.localName.startsWith('omni-') && e.localName !== 'omni-provider')
        .map((e) => ({
          tag: e.localName,
          sku: e.getAttribute('sku') ?? undefined,
          state: !customElements.get(e.localName) ? 'undefined (no script defines the tag)' : ['error', 'loading'].find((s) => { try { return e.matches(`:state(${s})`); } catch { return false; } }) ?? 'ok',
          text: e.shadowRoot?.textContent.replace(/\s+/g, ' ').trim() ?? '(not rendered)',
        })),
    );
    for (const w of widgets) if (w.state !== 'ok') problems.push(`<${w.tag}${w.sku ? ` sku="${w.sku}"` : ''}> is in state ${w.state}: "${w.text}"`);
    if (problems.length) throw new Error(`${block.file}:${block.line}: the \`\`\`${block.lang} block's page failed\n  ${problems.join('\n  ')}`);
    return widgets;
  } finally {
    await context.close();
  }
}

let typecheck;

/**
 * Typechecks every ts block in one tsc run (the repository's strict settings, the packages'
 * sources through the `source` condition), so a misspelled method or field fails even where
 * running the block would not notice (an undefined read). Resolves to a Map from block to its
 * errors, each named by Markdown file and line.
 */
export function typecheckTsBlocks(blocks, values) {
  if (typecheck) return typecheck;
  const TYPES = join(WORK, 'types');
  typecheck = (async () => {
    mkdirSync(TYPES, { recursive: true });
    const byFile = new Map();
    for (const b of blocks) {
      byFile.set(`${slug(b)}.mts`, b);
      writeFileSync(join(TYPES, `${slug(b)}.mts`), scriptModule(b, values));
    }
    writeFileSync(join(TYPES, 'globals.d.ts'), 'declare function __docsLog(line: number, ...args: unknown[]): void;\n');
    writeFileSync(join(TYPES, 'tsconfig.json'), JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      // Kept outside WORK (removed after each run): the next run rechecks only what changed.
      compilerOptions: { noEmit: true, incremental: true, tsBuildInfoFile: join(ROOT, 'node_modules/.cache/docs-examples.tsbuildinfo') },
      include: ['*.mts', 'globals.d.ts'],
    }));
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(TYPES, 'tsconfig.json'), '--pretty', 'false'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await new Promise((r) => child.on('close', r));
    const errors = new Map();
    let last;
    for (const line of out.split('\n')) {
      const m = /([\w.-]+\.mts)\((\d+),(\d+)\): (error .*)$/.exec(line);
      if (m && byFile.has(m[1])) {
        const b = byFile.get(m[1]);
        last = `${b.file}:${m[2]}:${m[3]}: ${m[4]}`;
        errors.set(b, [...(errors.get(b) ?? []), last]);
      } else if (m) {
        last = undefined; // an error in a package's own sources is that package's test's to report
      } else if (last && /^\s/.test(line)) {
        const list = errors.get([...byFile.values()].find((b) => errors.get(b)?.at(-1) === last));
        list[list.length - 1] = last = `${last}\n${line}`;
      }
    }
    return errors;
  })();
  return typecheck;
}

// The runner's own typecheck case rides in the one tsc run (a second run would cost as much again).
const MISSPELLED = extractBlocks(['<!-- docs-test: setup=omni -->', '```ts', "const a = await omni.availability.get({ sku: 'OK-10001', storeId: 'online' });", 'console.log(a.avialable);', '```'].join('\n'), 'self-test.md')[0];
const typecheckAll = () => typecheckTsBlocks([...blocks.filter((b) => isTs(b) && ['node', 'browser'].includes(b.kind)), MISSPELLED], env.values);

async function checkTypes(block) {
  if (!isTs(block)) return;
  const errors = (await typecheckAll()).get(block);
  if (errors) throw new Error(`${block.file}:${block.line}: the \`\`\`ts block does not typecheck\n${errors.join('\n')}`);
}

/**
 * Every widget's attributes and properties, from the custom-elements manifest of the sources as
 * they are now (dist/custom-elements.json may be older). `Map<tag, { attributes, properties }>`.
 */
let widgets;
function widgetApi() {
  widgets ??= analyzeWidgets();
  return widgets;
}

function analyzeWidgets() {
  const src = join(ROOT, 'packages/elements/src');
  const files = readdirSync(src, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !/\.(test|stories|styles)\.ts$|^(internal\/testing|cdn)\//.test(f))
    .map((f) => ts.createSourceFile(f, readFileSync(join(src, f), 'utf8'), ts.ScriptTarget.ES2022, true));
  const manifest = analyzeElements({ modules: files, plugins: [...litPlugin(), stateNotAttribute()] });
  const api = new Map();
  for (const m of manifest.modules) {
    for (const d of m.declarations ?? []) {
      if (!d.tagName) continue;
      api.set(d.tagName, {
        cssProperties: new Set((d.cssProperties ?? []).map((p) => p.name)),
        cssParts: new Set((d.cssParts ?? []).map((p) => p.name)),
        attributes: new Set((d.attributes ?? []).map((a) => a.name)),
        properties: new Set((d.members ?? []).filter((x) => x.kind === 'field' && x.privacy !== 'private' && x.privacy !== 'protected').map((x) => x.name)),
      });
    }
  }
  return api;
}

/** What is wrong with the omni-* attributes of some markup: messages with file and line. */
export function attributeProblems(markup, file, firstLine, api) {
  return omniAttributes(markup, firstLine).flatMap(({ tag, name, line }) => {
    const w = api.get(tag);
    if (!w) return name === undefined ? [`${file}:${line}: <${tag}> is no widget`] : [];
    return name === undefined || w.attributes.has(name) || w.properties.has(name) ? [] : [`${file}:${line}: <${tag}> has no attribute or property "${name}"`];
  });
}

/**
 * Styling names in a doc's text against the widgets: every `--omni-<widget>-...` property (in a
 * table row, a following `-token` abbreviates the same widget's) and every `omni-x::part(p)`.
 */
export function stylingProblems(file, text, api) {
  const problems = [];
  const widgetOf = (name) => [...api.keys()].filter((t) => name.startsWith(`--${t}-`)).sort((a, b) => b.length - a.length)[0];
  text.split('\n').forEach((l, i) => {
    let last;
    for (const m of l.matchAll(/(--omni-[\w-]*\w)(?![\w*<-])|`(-[a-z][\w-]*)`/g)) {
      const name = m[1] ?? (last && `--${last}${m[2]}`);
      if (!name) continue;
      const tag = widgetOf(name);
      if (!tag) continue;
      if (m[1]) last = tag;
      if (!api.get(tag).cssProperties.has(name)) problems.push(`${file}:${i + 1}: <${tag}> has no custom property ${name}`);
    }
    for (const m of l.matchAll(/(omni-[\w-]+)(?::state\([\w-]+\))*::part\(([\w-]+)\)/g)) {
      if (api.has(m[1]) && !api.get(m[1]).cssParts.has(m[2])) problems.push(`${file}:${i + 1}: <${m[1]}> has no part ${m[2]}`);
    }
  });
  return problems;
}

/** The rows of a widget README's attribute table against the manifest, both ways. */
function tableProblems(file, text, api) {
  const tag = /^# `<(omni-[\w-]+)>`/m.exec(text)?.[1];
  const w = tag && api.get(tag);
  if (!w) return [`${file}:1: the title names no widget`];
  const problems = [];
  const documented = new Set();
  text.split('\n').forEach((l, i) => {
    const row = /^\|\s*(?:`([\w-]+)`|–|-)\s*\|\s*`([\w$]+)`/.exec(l);
    if (!row) return;
    const [, attr, prop] = row;
    if (attr) {
      documented.add(attr);
      if (!w.attributes.has(attr)) problems.push(`${file}:${i + 1}: <${tag}> has no attribute "${attr}"`);
    }
    if (!w.properties.has(prop)) problems.push(`${file}:${i + 1}: <${tag}> has no property "${prop}"`);
  });
  for (const a of w.attributes) if (!documented.has(a)) problems.push(`${file}: the attribute "${a}" of <${tag}> is not in the table`);
  // Its own parts and `--<tag>-*` properties; the page-wide tokens are theming.md's.
  const own = [...w.cssParts, ...[...w.cssProperties].filter((p) => p.startsWith(`--${tag}-`))];
  for (const p of own) if (!text.includes(`\`${p}\``)) problems.push(`${file}: <${tag}>'s ${p} is not named`);
  return problems;
}

/** The `omni.x.y` / `admin.x.y` paths of a block that the clients lack, as messages. */
export function missingClientPaths(block, clients) {
  return clientPaths(block)
    .filter(({ root, path }) => {
      let at = clients[root];
      for (const key of path.split('.')) {
        if (at == null || !(key in Object(at))) return true;
        at = at[key];
      }
      return false;
    })
    .map((m) => `${block.file}:${m.line}: ${m.root}.${m.path} does not exist`);
}

function buildCdnIfStale() {
  const loader = join(BUILT_CDN, 'omnikit.js');
  const sources = Math.max(...['elements', 'sdk', 'contract'].map((p) => newest(join(ROOT, `packages/${p}/src`))), newest(join(ROOT, 'packages/elements/rollup.config.mjs')));
  if (existsSync(loader) && statSync(loader).mtimeMs >= sources) return;
  console.log('Building the CDN bundle (packages/elements): its sources are newer than dist/cdn...');
  const r = spawnSync('npx', ['rollup', '-c', 'packages/elements/rollup.config.mjs', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the CDN bundle failed');
}

const env = { server: undefined, browser: undefined, values: undefined };

before(async () => {
  buildCdnIfStale();
  mkdirSync(PAGES, { recursive: true });
  writeFileSync(HARNESS, HARNESS_SOURCE);
  cpSync(BUILT_CDN, CDN_DIR, { recursive: true });
  env.server = await startServer({
    port: 0, host: '127.0.0.1', dataDir: 'memory', ...KEYS, corsOrigins: '*',
    static: [{ prefix: '/cdn/', dir: CDN_DIR }, { prefix: '/docs-test/', dir: PAGES }],
  });
  env.values = { api: env.server.url, ...KEYS };
  env.browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  typecheckAll(); // in the background while the first blocks run
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
  await typecheck?.catch(() => undefined); // tsc may still read the folder
  rmSync(WORK, { recursive: true, force: true });
});

const blocks = allBlocks();

/** Checks a `names` block: every client path it names exists. */
function checkNames(block) {
  const clients = {
    omni: createClient({ baseUrl: env.values.api, publishableKey: KEYS.publishableKey, storage: null }),
    admin: createAdminClient({ baseUrl: env.values.api, secretKey: KEYS.secretKey }),
  };
  try {
    assert.deepEqual(missingClientPaths(block, clients), []);
    assert.ok(clientPaths(block).length > 0, `${block.file}:${block.line}: a names block that names nothing`);
  } finally {
    clients.omni.close();
  }
}

/** Checks a `schema=` json block against that schema of the contract. */
function checkJson(block) {
  const schema = contract[block.directives.schema];
  assert.ok(schema?.safeParse, `${block.file}:${block.line}: @omnikit/contract has no schema ${block.directives.schema}`);
  const value = JSON.parse(block.code.replaceAll('...', '')); // "req_8f1c..." stands for any id
  const parsed = schema.safeParse(value);
  assert.ok(parsed.success, `${block.file}:${block.line}: not a valid ${block.directives.schema}: ${JSON.stringify(parsed.error?.issues)}`);
  // The schema drops fields it does not know: a misspelled one shows up as a difference.
  assert.deepEqual(parsed.data, value, `${block.file}:${block.line}: fields ${block.directives.schema} does not have`);
}

describe('docs examples', () => {
  for (const file of docFiles()) {
    const mine = blocks.filter((b) => b.file === file && b.kind !== 'none');
    if (!mine.length) continue;
    describe(file, () => {
      for (const block of mine) {
        const how = { browser: ' (browser)', names: ' (names)', json: ` (${block.directives.schema})` }[block.kind] ?? '';
        const name = `${block.file}:${block.line} ${block.lang}${how}`;
        if (block.problem) {
          test(name, () => assert.fail(`${block.file}:${block.line}: ${block.problem}`));
        } else if (block.kind === 'skip') {
          test(name, { skip: String(block.directives.skip) }, () => undefined);
        } else if (block.kind === 'names') {
          test(name, () => checkNames(block));
        } else if (block.kind === 'json') {
          test(name, () => checkJson(block));
        } else if (block.kind === 'node') {
          test(name, async () => {
            await runNodeBlock(block, env.values);
            await checkTypes(block);
          });
        } else if (block.kind === 'html' || block.kind === 'browser') {
          test(name, async () => {
            await runPageBlock(block, env.values, env.browser);
            await checkTypes(block);
          });
        } else {
          test(name, () => assert.fail(`${block.file}:${block.line}: no runner for kind ${block.kind}`));
        }
      }
    });
  }

  test('every attribute the docs put on an omni-* tag exists on that widget', () => {
    const api = widgetApi();
    const markup = blocks.flatMap((b) => [
      ...(['html', 'tsx', 'jsx', 'vue'].includes(b.lang) ? [[b.code, b.file, b.codeLine]] : []),
      ...(typeof b.directives.page === 'string' ? [[b.directives.page, b.file, b.line - 1]] : []),
    ]);
    assert.deepEqual(markup.flatMap(([text, file, line]) => attributeProblems(text, file, line, api)), []);
    // What the check saw: an extractor that found nothing would pass it too.
    assert.ok(markup.flatMap(([text]) => omniAttributes(text, 1)).filter((a) => a.name).length >= 30);
  });

  test("each widget README's attribute table matches the widget", () => {
    const api = widgetApi();
    const readmes = docFiles().filter((f) => f.startsWith('packages/elements/src/'));
    assert.ok(readmes.length >= 3);
    assert.deepEqual(readmes.flatMap((f) => tableProblems(f, readFileSync(join(ROOT, f), 'utf8'), api)), []);
  });

  test('every custom property and part the docs name exists on its widget', () => {
    const api = widgetApi();
    assert.deepEqual(docFiles().flatMap((f) => stylingProblems(f, readFileSync(join(ROOT, f), 'utf8'), api)), []);
  });

  test('every doc file with API examples has at least one that runs', () => {
    // A file whose every block got skipped would silently stop being tested.
    for (const file of ['README.md', 'docs/getting-started.md', 'docs/sdk.md', 'docs/server.md']) {
      assert.ok(blocks.some((b) => b.file === file && ['node', 'html', 'browser'].includes(b.kind)), `${file} runs no block`);
    }
  });
});

// The runner itself, on made-up pages: a broken example must fail, and say where.
describe('the docs runner', () => {
  const md = (text) => extractBlocks(text, 'self-test.md');

  test('reads directives, indented fences, and refuses a tsx block without a reason to skip', () => {
    const b = md([
      '<!-- docs-test: setup=omni; stub=render,show -->', '```ts', 'a', '```',
      '1. A list item:', '   ```js', '   b', '   ```',
      '```tsx', '<x />', '```',
      '<!-- docs-test: skip -->', '```js', 'c', '```',
      '<!-- docs-test: skip=a reason; with a semicolon -->', '```js', 'd', '```',
    ].join('\n'));
    assert.deepEqual(b.map((x) => [x.line, x.kind, x.code]), [[2, 'node', 'a'], [6, 'node', 'b'], [9, 'skip', '<x />'], [13, 'skip', 'c'], [17, 'skip', 'd']]);
    assert.match(b[4].problem, /unknown directive "with a semicolon"/);
    assert.deepEqual(b[0].directives, { setup: 'omni', stub: 'render,show' });
    assert.match(b[2].problem, /no runner for ```tsx/);
    assert.match(b[3].problem, /needs a reason/);
  });

  test('a block that throws fails with the Markdown file and line of the throw', async () => {
    const [block] = md(['# x', '', '```js', 'const a = 1;', "throw new Error('boom ' + a);", '```'].join('\n'));
    await assert.rejects(runNodeBlock(block, env.values), (e) => {
      assert.match(e.message, /^self-test\.md:3: the ```js block failed/);
      assert.match(e.message, /boom 1/);
      assert.match(e.message, /self-test\.md:5:/);
      return true;
    });
  });

  test('a //=> output that differs fails; one that matches passes', async () => {
    const text = (v) => ['```ts', 'const answer: number = 40;', `console.log('in_stock', answer); //=> in_stock ${v}`, '```'].join('\n');
    await runNodeBlock(md(text(40))[0], env.values);
    await assert.rejects(runNodeBlock(md(text(38))[0], env.values), /self-test\.md:3: prints "in_stock 40", the docs say "in_stock 38"/);
  });

  test('a setup=omni block reaches the seeded server', async () => {
    const [block] = md(['<!-- docs-test: setup=omni -->', '```ts', "const a = await omni.availability.get({ sku: 'OK-10001', storeId: 'se-stockholm-drottninggatan' });", 'console.log(a.status); //=> in_stock', '```'].join('\n'));
    await runNodeBlock(block, env.values);
  });

  test('a misspelled field fails the typecheck at its line, though the block runs', async () => {
    await runNodeBlock(MISSPELLED, env.values);
    const errors = (await typecheckAll()).get(MISSPELLED);
    assert.match(errors?.join('\n') ?? 'no error', /^self-test\.md:4:15: error TS2551: Property 'avialable' does not exist/);
  });

  test('names: a method the client lacks is found, with its line', () => {
    const [block] = md(['<!-- docs-test: names -->', '```ts', "omni.stores.list({ q })   // Store[]", "omni.stores.lst({ q })", 'admin.stock.set(x)', '```'].join('\n'));
    assert.equal(block.kind, 'names');
    const omni = createClient({ baseUrl: env.values.api, publishableKey: KEYS.publishableKey, storage: null });
    try {
      assert.deepEqual(missingClientPaths(block, { omni, admin: {} }), ['self-test.md:4: omni.stores.lst does not exist', 'self-test.md:5: admin.stock.set does not exist']);
    } finally {
      omni.close();
    }
  });

  test('json: a field the schema lacks fails, a faithful example passes', () => {
    const block = (error) => md(['<!-- docs-test: schema=ErrorEnvelope -->', '```json', JSON.stringify({ error }), '```'].join('\n'))[0];
    checkJson(block({ code: 'unknown_sku', message: 'no such SKU', requestId: 'req_1...' }));
    assert.throws(() => checkJson(block({ code: 'unknown_sku', message: 'no such SKU', requestId: 'req_1', detail: {} })), /self-test\.md:2: fields ErrorEnvelope does not have/);
  });

  test('attributes: a misspelled one is found, with its line', () => {
    const api = new Map([['omni-stock-badge', { attributes: new Set(['sku', 'show-quantity']), properties: new Set(['sku', 'showQuantity']) }]]);
    assert.deepEqual(attributeProblems('<omni-stock-badge sku="OK-10001"\n  show-quantity></omni-stock-badge>', 'self-test.md', 4, api), []);
    assert.deepEqual(attributeProblems('<omni-stock-badge sku="OK-10001"\n  show-quantiy :showQuantity="true"></omni-stock-badge><omni-stok-badge>', 'self-test.md', 4, api),
      ['self-test.md:5: <omni-stock-badge> has no attribute or property "show-quantiy"', 'self-test.md:5: <omni-stok-badge> is no widget']);
  });

  test('styling: a custom property or part the widget lacks is found, abbreviations too', () => {
    const api = new Map([['omni-price', { cssProperties: new Set(['--omni-price-color', '--omni-price-sale-color']), cssParts: new Set(['price']) }]]);
    const text = ['| `--omni-price-color`, `-sale-color`, `-sail-color` |', 'omni-price::part(price) { } omni-price:state(sale)::part(prize) { }', '`--omni-price-*` and --omni-color-text'].join('\n');
    assert.deepEqual(stylingProblems('self-test.md', text, api), ['self-test.md:1: <omni-price> has no custom property --omni-price-sail-color', 'self-test.md:2: <omni-price> has no part prize']);
  });

  test('a page whose widget ends in its error state fails and names the widget', async () => {
    const [block] = md(['<!-- docs-test: setup=provider -->', '```html', '<omni-stock-badge sku="not a sku"></omni-stock-badge>', '```'].join('\n'));
    await assert.rejects(runPageBlock(block, env.values, env.browser), /self-test\.md:2: .*\n.*<omni-stock-badge sku="not a sku"> is in state error/);
  });
});
