// The code blocks of the docs, as tests (issue 13, "docs that drift"). This module finds every
// fenced block in the Markdown files that document Omnikit and turns each into something that
// runs against the seeded reference server; scripts/check-docs.mjs runs them, one test per block.
//
// Which blocks run, and how:
// - ```js / ```ts (also javascript, typescript, mjs): in Node, each in a process of its own
//   (`--conditions=source --import tsx`), so a block that leaves a client open cannot hold up
//   the next. The blocks of one page run in order, against one shared server.
// - ```html: in Chromium, as a page served by the reference server, with the CDN loader added
//   when the block has no <script>. Every `omni-*` widget must leave its loading state and
//   none may end in `error`; no console error, warning or uncaught exception.
// - ```tsx / ```jsx / ```vue have no runner: they must say why they are skipped (below).
// - Every other language (sh, json, css, nginx, plain) is not code that talks to the API and
//   is not run.
//
// A directive is an HTML comment on the line right before the fence (invisible on GitHub),
// items separated by `;`:
//   <!-- docs-test: skip=<why> -->            not runnable (a fragment, a signature list, ...)
//   <!-- docs-test: setup=omni,admin -->      prelude: `omni` (createClient), `admin`
//                                              (createAdminClient), both on the test server
//   <!-- docs-test: stub=render,analytics --> what the reader's page has: callable, every property
//                                              is a stub too (analytics.track(...))
//   <!-- docs-test: browser -->               a js/ts block for the page: bundled with esbuild
//                                              (development condition) and run in Chromium
//   <!-- docs-test: page=<omni-price sku="OK-10001"></omni-price> -->  markup for that page
//   <!-- docs-test: setup=configure -->       a browser block: configure() on the test server first,
//                                              so the page's widgets need no provider
//   <!-- docs-test: setup=provider -->        an html fragment, wrapped in <omni-provider>
//   <!-- docs-test: schema=ErrorEnvelope -->  a json block: parses with that schema of @omnikit/contract,
//                                              keeping every field (none unknown to the schema)
//   <!-- docs-test: names -->                 a list of signatures, not a program: every
//                                              `omni.x.y` / `admin.x.y` it names must exist on a client
//
// Attributes: every attribute an html block, a page= or a skipped tsx/vue block puts on an
// `omni-*` tag, and every row of a widget README's attribute table, must be an attribute or
// property of that tag in the custom-elements manifest (generated from the sources for the run).
//
// Outputs: `console.log(...) //=> text` states what the call prints; the test fails when the
// first output of that line differs (util.format, so strings print bare). Watch callbacks may
// print later: the runner waits up to 10 s for each.
//
// The docs name the demo server and placeholder values; the runner substitutes the test's:
// http://127.0.0.1:8787, https://api.example.com -> the test server; https://cdn.example.com/omnikit/
// -> its /cdn/; pk_live_... / sk_live_... -> its publishable / secret key. Line numbers are
// kept: a failure names the Markdown file and line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** Languages run in Node (or, with `browser`, bundled for a page). */
export const SCRIPT_LANGS = new Set(['js', 'javascript', 'mjs', 'ts', 'typescript']);
/** Languages that have no runner: a block in one of them must carry `skip=`. */
export const UNRUNNABLE_LANGS = new Set(['tsx', 'jsx', 'vue', 'svelte']);

/** Every Markdown file whose examples are tests, relative to the repository root. */
export function docFiles(root = ROOT) {
  const files = ['README.md'];
  const inDir = (dir, name = (f) => f.endsWith('.md')) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter(name).sort().map((f) => `${dir}/${f}`) : [];
  files.push(...inDir('docs'));
  for (const pkg of inDir('packages', () => true)) if (existsSync(join(root, pkg, 'README.md'))) files.push(`${pkg}/README.md`);
  for (const widget of inDir('packages/elements/src', () => true)) {
    if (existsSync(join(root, widget, 'README.md'))) files.push(`${widget}/README.md`);
  }
  return files;
}

/**
 * The fenced code blocks of one Markdown text.
 * @param {string} text
 * @param {string} file the name failures carry (relative path)
 * @returns {Array<{ file: string, line: number, codeLine: number, lang: string, code: string,
 *   directives: Record<string, string | true>, kind: 'node' | 'browser' | 'html' | 'skip' | 'none', problem?: string }>}
 */
export function extractBlocks(text, file) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).exec(lines[j]);
      if (close) break;
      // Fences inside list items are indented; their content is too.
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const directives = parseDirectives(previousNonBlank(lines, i));
    const block = { file, line: i + 1, codeLine: i + 2, lang: lang.toLowerCase(), code: body.join('\n'), directives };
    block.kind = classify(block);
    blocks.push(block);
    i = j;
  }
  return blocks;
}

function previousNonBlank(lines, i) {
  const prev = lines[i - 1] ?? '';
  return prev.trim();
}

/** `<!-- docs-test: a=b; c -->` as `{ a: 'b', c: true }`; anything else as `{}`. */
export function parseDirectives(line) {
  const m = /^<!--\s*docs-test:(.*?)-->$/.exec(line);
  if (!m) return {};
  const out = {};
  for (const item of m[1].split(';')) {
    const t = item.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    if (eq < 0) out[t] = true;
    else out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return out;
}

const DIRECTIVES = new Set(['skip', 'setup', 'stub', 'browser', 'page', 'names', 'schema']);

function classify(block) {
  const d = block.directives;
  // A typo, or a `;` inside a skip reason, would otherwise pass unnoticed.
  const unknown = Object.keys(d).filter((k) => !DIRECTIVES.has(k));
  if (unknown.length) {
    block.problem = `unknown directive ${unknown.map((k) => JSON.stringify(k)).join(', ')} (${[...DIRECTIVES].join(', ')}; items are separated by ;)`;
    return 'skip';
  }
  if ('skip' in d) {
    if (d.skip === true || !String(d.skip).trim()) block.problem = 'skip needs a reason: skip=<why>';
    return 'skip';
  }
  if (UNRUNNABLE_LANGS.has(block.lang)) {
    block.problem = `no runner for \`\`\`${block.lang}: mark it <!-- docs-test: skip=<why> --> (and test it elsewhere)`;
    return 'skip';
  }
  if (d.names) return 'names';
  if (block.lang === 'json' && typeof d.schema === 'string') return 'json';
  if (SCRIPT_LANGS.has(block.lang)) return d.browser ? 'browser' : 'node';
  if (block.lang === 'html') return 'html';
  return 'none';
}

/** Every block of every doc file. */
export function allBlocks(root = ROOT) {
  return docFiles(root).flatMap((f) => extractBlocks(readFileSync(join(root, f), 'utf8'), f));
}

/** The values a block's placeholders stand for in a test run. */
export function substitute(code, { api, publishableKey, secretKey }) {
  return code
    .replaceAll('http://127.0.0.1:8787', api)
    .replaceAll('https://api.example.com', api)
    .replaceAll('https://cdn.example.com/omnikit/', `${api}/cdn/`)
    .replaceAll('pk_live_...', publishableKey)
    .replaceAll('sk_live_...', secretKey);
}

/** `omni.stores.list`, `admin.stock.set`, ...: the client paths a block names, `[{ root, path, line }]`. */
export function clientPaths(block) {
  return block.code.split('\n').flatMap((l, k) =>
    [...l.matchAll(/\b(omni|admin)\.([$\w]+(?:\.[$\w]+)*)/g)].map((m) => ({ root: m[1], path: m[2], line: block.codeLine + k })),
  );
}

/** Global attributes any element may carry. */
const GLOBAL_ATTRIBUTES = /^(id|class|style|slot|part|hidden|lang|dir|title|tabindex|role|inert|exportparts|(data|aria)-[\w-]+)$/;

/**
 * Tags (`name: undefined`) and attributes put on `omni-*` tags in a piece of markup (html, JSX or a Vue template), with the
 * Markdown line of each. Event bindings (`onomni-...`, `@...`, `v-on:`) and refs are left out.
 */
export function omniAttributes(markup, firstLine) {
  const out = [];
  for (const tag of markup.matchAll(/<(omni-[\w-]+)((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g)) {
    out.push({ tag: tag[1], name: undefined, line: firstLine + markup.slice(0, tag.index).split('\n').length - 1 });
    for (const a of tag[2].matchAll(/(?:^|\s)([:@]?[\w:.-]+)(?==|\s|\/|$)/g)) {
      const line = firstLine + markup.slice(0, tag.index + 1 + tag[1].length + a.index).split('\n').length - 1;
      let name = a[1];
      if (name.startsWith('@') || name.startsWith('v-on:') || /^on[\w-]+$/.test(name) || name === 'ref' || name === 'key:') continue;
      name = name.replace(/^(v-bind)?:/, '').replace(/\.prop$/, '');
      if (!name || name === '/' || GLOBAL_ATTRIBUTES.test(name)) continue;
      out.push({ tag: tag[1], name, line });
    }
  }
  return out;
}

/** `//=> ` expectations of a block: `[{ line, text }]`, `line` in the Markdown file. */
export function expectations(block) {
  return block.code.split('\n').flatMap((l, k) => {
    const m = /\/\/=>\s?(.*)$/.exec(l);
    return m ? [{ line: block.codeLine + k, text: m[1].trim() }] : [];
  });
}

/**
 * The module a script block becomes: a one-line prelude, blank lines up to the block's first
 * line (so stack traces name the Markdown line), the block with its placeholders filled in and
 * each `//=>` line's console.log reporting to the runner.
 */
export function scriptModule(block, values) {
  const d = block.directives;
  const setup = typeof d.setup === 'string' ? d.setup.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const prelude = [];
  const v = JSON.stringify;
  for (const s of setup) {
    if (s === 'omni') {
      prelude.push(`import { createClient as __createClient } from '@omnikit/sdk';`,
        `const omni = __createClient({ baseUrl: ${v(values.api)}, publishableKey: ${v(values.publishableKey)}, channel: 'web', storage: null });`);
    } else if (s === 'admin') {
      prelude.push(`import { createAdminClient as __createAdminClient } from '@omnikit/sdk/admin';`,
        `const admin = __createAdminClient({ baseUrl: ${v(values.api)}, secretKey: ${v(values.secretKey)} });`);
    } else if (s === 'configure' && block.kind === 'browser') {
      prelude.push(`import { configure as __configure } from '@omnikit/elements';`,
        `__configure({ api: ${v(values.api)}, key: ${v(values.publishableKey)} });`);
    } else {
      throw new Error(`${block.file}:${block.line}: unknown setup "${s}" (omni, admin; browser blocks: configure; html blocks: provider)`);
    }
  }
  if (typeof d.stub === 'string') {
    // A stub is callable and has every property (itself), so `analytics.track(...)` works too.
    prelude.push(isTs(block)
      ? `const __docsStub = (): any => { const p: any = new Proxy(function () {}, { get: (_: unknown, k: PropertyKey) => (k === 'then' || typeof k === 'symbol' ? undefined : p) }); return p; };`
      : `const __docsStub = () => { const p = new Proxy(function () {}, { get: (_, k) => (k === 'then' || typeof k === 'symbol' ? undefined : p) }); return p; };`);
    for (const name of d.stub.split(',').map((s) => s.trim()).filter(Boolean)) prelude.push(`const ${name} = __docsStub();`);
  }
  const body = substitute(block.code, values)
    .split('\n')
    .map((l, k) => (/\/\/=>/.test(l) ? l.replace(/console\.log\(/, `__docsLog(${block.codeLine + k}, `) : l));
  // Line 1 is the prelude; blank lines put the block's first line at its Markdown line number.
  // `export {}` makes a block without imports a module too (top-level await, its own scope).
  return `${prelude.join(' ')}\n${'\n'.repeat(Math.max(0, block.codeLine - 2))}${body.join('\n')}\nexport {};\n`;
}

/** Whether a block is TypeScript (typechecked, and run as .mts). */
export function isTs(block) {
  return block.lang === 'ts' || block.lang === 'typescript';
}

/** `docs/sdk.md` -> `docs-sdk-md-L23`: a file name for a block. */
export function slug(block) {
  return `${block.file.replace(/[^\w]+/g, '-')}-L${block.line}`;
}

/** Relative name of a path, for messages. */
export function rel(path) {
  return relative(ROOT, path);
}
