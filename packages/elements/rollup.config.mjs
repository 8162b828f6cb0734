// Builds @omnikit/elements twice over:
// - dist/*.js for npm users: one entry point per widget (`@omnikit/elements/stock-badge.js`
//   defines <omni-stock-badge>) plus index.js (classes, no registration), one file per source
//   module, dependencies left to the user's bundler;
// - dist/cdn/ for script-tag users, everything bundled: omnikit.js is the lazy loader, each
//   widget a chunk it imports on first use with shared code in common chunks; sdk.js is the
//   SDK for page scripts (same chunks); omnikit.all.js is every widget in one file.
// The widgets come from one list, src/cdn/widgets.ts.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import MagicString from 'magic-string';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const dir = new URL('.', import.meta.url).pathname;
const src = `${dir}src`;
const tsconfig = `${dir}../../tsconfig.base.json`;

/** Widget folders named in src/cdn/widgets.ts, e.g. `'omni-price': () => import('../price/define.js')`. */
export function widgetList(root = src) {
  const text = readFileSync(`${root}/cdn/widgets.ts`, 'utf8');
  const widgets = [...text.matchAll(/'omni-([a-z-]+)':\s*\(\)\s*=>\s*import\('\.\.\/([a-z-]+)\/define\.js'\)/g)].map(
    ([, tag, folder]) => {
      if (tag !== folder) throw new Error(`widgets.ts: <omni-${tag}> must live in src/${tag}/, not src/${folder}/`);
      return folder;
    },
  );
  // The list is the single source of truth: a widget folder it forgets would be in neither bundle.
  const folders = readdirSync(root, { withFileTypes: true })
    // A widget folder has <widget>.ts and define.ts (internal/define.ts is the shared helper).
    .filter((d) => d.isDirectory() && existsSync(`${root}/${d.name}/define.ts`) && existsSync(`${root}/${d.name}/${d.name}.ts`))
    .map((d) => d.name);
  const missing = folders.filter((f) => !widgets.includes(f));
  if (missing.length) throw new Error(`src/cdn/widgets.ts does not list: ${missing.join(', ')}`);
  return widgets;
}

// Browser conditions first so the bundle gets each package's browser build; `source` lets
// the workspace packages resolve to their TypeScript without a prior build.
const resolve = () =>
  nodeResolve({ exportConditions: ['source', 'browser', 'module', 'import', 'default'], browser: true });

// nanostores (and possibly others) guard dev checks with process.env.NODE_ENV, which does not
// exist in a browser; bundlers replace it, so the CDN build must too.
const nodeEnv = () => ({
  name: 'omnikit-node-env',
  transform(code) {
    if (!code.includes('process.env.NODE_ENV')) return null;
    return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
  },
});

// Everything in the CDN build must be bundled: an unresolved import would be a bare specifier
// that no browser can load.
const strict = (warning, warn) => {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
  // Noise from dependencies we cannot change (zod's comment placement, its internal cycles).
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
};

/**
 * Minifies the CSS of Lit's css`` templates in our sources (terser leaves template text alone):
 * comments and indentation would otherwise ship in every chunk. Only the static text between
 * `${}` interpolations is touched, in ways CSS without strings or url()s (ours) cannot tell
 * apart; magic-string keeps the source maps true.
 */
export const minifyCss = () => ({
  name: 'omnikit-minify-css',
  transform(code, id) {
    if (id.includes('node_modules') || !code.includes('css`')) return null;
    const s = new MagicString(code);
    for (const m of code.matchAll(/\bcss`([^`]*)`/g)) {
      const start = m.index + 4;
      const parts = m[1].split(/(\$\{[^}]*\})/);
      let at = start;
      parts.forEach((part, i) => {
        if (i % 2 === 0 && part) {
          const min = part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            // Declarations only: selectors have no space after a colon (`:host`, `a:hover`).
            .replace(/: /g, ':')
            .replace(/;}/g, '}');
          const trimmed = i === 0 ? min.trimStart() : i === parts.length - 1 ? min.trimEnd() : min;
          if (!trimmed) s.remove(at, at + part.length);
          else if (trimmed !== part) s.overwrite(at, at + part.length, trimmed);
        }
        at += part.length;
      });
    }
    return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
  },
});

/**
 * Drops the OpenAPI-only fields (`summary`, `tag`, `auth`) from the contract's route objects
 * (`{ method, path, ... } as const satisfies RouteDef`) in browser builds: the SDK calls a route
 * with its method, path, response schema, status and flags, and never reads those three, which
 * the server and the OpenAPI document take from the same objects in Node. About 0.9 kB of gzip
 * over the CDN chunks (0.6 kB of the cart page). Only string literals are dropped, so a route
 * whose summary were computed would keep it, never break.
 */
export const routeDocsOut = () => ({
  name: 'omnikit-route-docs-out',
  transform(code, id) {
    if (!/[\\/]packages[\\/]contract[\\/]src[\\/]/.test(id) || !code.includes('satisfies RouteDef')) return null;
    const s = new MagicString(code);
    for (const route of code.matchAll(/=\s*\{([^{}]*)\}\s*as const satisfies RouteDef/g)) {
      const start = route.index + route[0].indexOf('{') + 1;
      for (const field of route[1].matchAll(/\b(?:summary|tag|auth):\s*(?:'[^'\\\n]*'|"[^"\\\n]*"),\s*/g)) {
        s.remove(start + field.index, start + field.index + field[0].length);
      }
    }
    return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
  },
});

const minify = () =>
  terser({ ecma: 2021, module: true, compress: { passes: 2 }, format: { comments: false } });

/**
 * The plugins of the CDN build: everything resolved for browsers and bundled, then minified
 * (pass `false` for readable output, as the bundle tests do). Exported for bench/size.mjs.
 */
export const cdnPlugins = (minified = true) => [
  resolve(),
  nodeEnv(),
  routeDocsOut(),
  ...(minified ? [minifyCss()] : []),
  esbuild({ target: 'es2021', tsconfig }),
  ...(minified ? [minify()] : []),
];

/** Fails a browser build on an unresolved import (see `strict`). Exported for bench/size.mjs. */
export const onwarn = (warning, warn) => strict(warning, warn);

/**
 * Source paths of the CDN maps, kept inside the package: a bundled module from outside it (Lit,
 * zod, the SDK) is named `vendor/<package>/...` under the package root instead of a path that
 * climbs out of it (`../../../../node_modules/...`). The maps embed every source's text, so
 * devtools show them; the names only have to be stable and stay in the package.
 */
const inPackageSources = (root) => (source, mapFile) => {
  const abs = resolvePath(dirname(mapFile), source);
  if (abs.startsWith(resolvePath(root) + sep)) return source;
  const nm = abs.lastIndexOf(`${sep}node_modules${sep}`);
  const repoPackage = /[\\/]packages[\\/]([a-z-]+)[\\/](.*)$/.exec(abs);
  const vendored = nm >= 0 ? abs.slice(nm + 14) : repoPackage ? `@omnikit/${repoPackage[1]}/${repoPackage[2]}` : abs.split(sep).pop();
  return relative(dirname(mapFile), join(root, 'vendor', vendored));
};

/**
 * Drops the text of third-party sources (`vendor/...` after {@link inPackageSources}) from the
 * CDN maps: they kept Lit, zod and ky twice over (the shared chunk and omnikit.all.js), about
 * 1.1 MB of the package. The mappings stay, so a stack trace still names the library file and
 * line; Omnikit's own sources stay embedded.
 */
const ownSourcesOnly = () => ({
  name: 'omnikit-own-sources-only',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'asset' || !file.fileName.endsWith('.map')) continue;
      const map = JSON.parse(String(file.source));
      if (!map.sourcesContent) continue;
      map.sourcesContent = map.sources.map((src, i) => (/(^|\/)vendor\//.test(src) && !src.includes('vendor/@omnikit/') ? null : map.sourcesContent[i]));
      file.source = JSON.stringify(map);
    }
  },
});

/**
 * CDN chunk names: a widget chunk is named after its folder, a family's `<family>-family`, code
 * of some widgets of a family after them (`cart_cart-handoff`), shared chunks after a module in them.
 */
function chunkFileNames(chunk) {
  if (FAMILY_CHUNKS.has(chunk.name) || chunk.name.includes('_') || /-(?:store|messages\.[a-z]{2})$/.test(chunk.name)) return `${chunk.name}-[hash].js`;
  // A widget's chunk from `chunking` below is a manual chunk named after the folder (no facade module).
  const widget =
    chunk.facadeModuleId?.match(/\/src\/([a-z-]+)\/define\.ts$/)?.[1] ??
    (chunk.moduleIds.some((id) => id.endsWith(`/src/${chunk.name}/define.ts`)) ? chunk.name : undefined);
  return widget ? `${widget}-[hash].js` : `${chunk.name === 'shared' ? 'shared' : `shared-${chunk.name}`}-[hash].js`;
}

/**
 * Chunking of the CDN build. Rollup's default gives a chunk to every distinct set of widgets
 * sharing code, which makes many small files; here code used by two or more widgets goes into
 * one shared chunk (one request, better compression), and code only one widget uses goes into
 * that widget's chunk, so a page still pays only for the widgets it has. Code only sdk.js uses
 * stays in sdk.js. The core widgets are the exception: the provider rides in the shared chunk
 * (defined before any widget that looks for it), and the stock badge and the price share one
 * chunk, `shared-core` (3 kB min+gzip), instead of one each (a file of its own costs a page
 * about 0.4 kB of gzip: its import and export lists, its own compression). They left the
 * shared chunk because the cart page, with no badge and no price, downloaded them (#8: 50.1 ->
 * 47.6 kB); a badges page pays about 0.5 kB for the third file. Every later widget family
 * (cart, click and collect, loyalty, campaigns) keeps chunks of its own: code that two widgets
 * of one family share (the cart's SDK service and schemas) goes into the family's chunk
 * (`cart-family-<hash>.js`), never into the shared chunk every page downloads.
 */
const CORE_WIDGETS = new Set(['provider', 'stock-badge', 'price']);
/** Widget families: their widgets' common code rides in one chunk per family. */
export const FAMILIES = {
  cart: ['cart-count', 'add-to-cart', 'cart', 'cart-handoff'],
  // click-collect may not exist yet: a family counts only the members the build has (`present`).
  pickup: ['store-picker', 'click-collect'],
  orders: ['order-status', 'pickup-queue'],
};
const familyOf = (widget) => Object.keys(FAMILIES).find((f) => FAMILIES[f].includes(widget));
/** The members of each family that exist in this build (a listed folder may come later). */
let present = FAMILIES;
const FAMILY_CHUNKS = new Set(Object.keys(FAMILIES).map((f) => `${f}-family`));
/**
 * The modules each widget really uses: its define.ts bundled alone, tree-shaken, the code it
 * loads on use (`import()`) left out. Rollup's module graph alone would credit a widget with
 * everything a barrel it imports re-exports (`@omnikit/sdk/cart` lists the stores of every
 * cart widget), and so move one widget's store into the family's chunk. About 5 s per build.
 */
async function widgetModules(srcDir, widgets) {
  return new Map(
    await Promise.all(
      [...widgets, 'sdk'].map(async (w) => {
        const input = w === 'sdk' ? `${srcDir}/cdn/sdk.ts` : `${srcDir}/${w}/define.ts`;
        const build = await rollup({ input, plugins: cdnPlugins(false), onwarn: () => {} });
        const { output } = await build.generate({ format: 'esm' });
        await build.close();
        const byName = new Map(output.map((c) => [c.fileName, c]));
        const used = new Map(); // module id -> its rendered length
        const stack = output.filter((c) => c.type === 'chunk' && c.isEntry);
        for (const seen = new Set(); stack.length; ) {
          const c = stack.pop();
          if (seen.has(c.fileName)) continue;
          seen.add(c.fileName);
          for (const [id, m] of Object.entries(c.modules)) if (m.renderedLength) used.set(id, m.renderedLength);
          stack.push(...c.imports.map((f) => byName.get(f)).filter(Boolean));
        }
        return [w, used];
      }),
    ),
  );
}

/** The chunk of code these widgets use; `small` code of some widgets of a family joins the family's. */
function chunkOf(users, small = false) {
  // Core widgets' define.ts too: a chunk of its own per tag would cost 0.35 kB of the page
  // for the promise that a tag is defined only when the page has it.
  if (users.every((u) => CORE_WIDGETS.has(u))) return users.includes('provider') ? 'shared' : 'core';
  if (users.length === 1) return users[0];
  const family = familyOf(users[0]);
  if (!family || !users.every((u) => familyOf(u) === family)) {
    // Code widgets of several families share rides with the first of those families (in
    // FAMILIES order) as if only its widgets used it; the later family's widgets load that
    // chunk too. So a family's pages never load a later family's code, and chunks import
    // each other one way (a later family's chunks import an earlier one's, never back).
    if (!users.every(familyOf)) return 'shared';
    const first = Object.keys(FAMILIES).find((f) => users.some((u) => familyOf(u) === f));
    const mine = users.filter((u) => familyOf(u) === first);
    // One widget of it: not its own chunk (loading that would define its tag).
    if (mine.length === 1) return small ? `${first}-family` : [...users].sort().join('_');
    return chunkOf(mine, small);
  }
  // Code of some of a family's widgets rides in a chunk of just those (`cart_cart-handoff`):
  // the cart page's checkout and handoff stay off the product page. A few hundred bytes are not
  // worth a request of their own: they ride in the family's chunk.
  return small || users.length === present[family].length ? `${family}-family` : [...users].sort().join('_');
}

/**
 * Widgets whose own code is one chunk although they share no code of their own: a page with
 * one nearly always has the other (the product page's add-to-cart beside the header's cart
 * count). One file instead of two is 0.4 kB less gzip on the product page (40 kB budget, #8);
 * the price: a page with the cart count alone downloads add-to-cart's code and store too
 * (about 2.9 kB more than the count's own chunk).
 */
const TOGETHER = [['add-to-cart', 'cart-count']];

/** Rendered characters below which code several widgets share is not worth a chunk of its own. */
const SMALL_MODULE = 800;

const chunking = (uses) => {
  const widgetUses = [...uses].filter(([w]) => w !== 'sdk');
  const sdkUses = uses.get('sdk');
  const usersOf = (id) => widgetUses.filter(([, used]) => used.has(id)).map(([w]) => w);
  const small = (id) => Math.max(...widgetUses.map(([, used]) => used.get(id) ?? 0)) < SMALL_MODULE;
  // Every chunk several widgets share, by the widgets it is named for (`cart_cart-handoff`, or a
  // family's), not by every user of its code: an order-status widget that reads the cart's code
  // loads that chunk but is no member of it.
  const membersOf = (name) => (FAMILY_CHUNKS.has(name) ? present[name.slice(0, -'-family'.length)] : name.split('_'));
  const groups = new Map();
  for (const [, used] of widgetUses) {
    for (const id of used.keys()) {
      const users = usersOf(id);
      if (users.length > 1 && !small(id)) groups.set(chunkOf(users), membersOf(chunkOf(users)));
    }
  }
  // Widgets of a family that share a chunk of their own (`cart_cart-handoff`: the cart and its
  // handoff, on one page) share one widget chunk too (`cart_cart-handoff-widgets`, both tags
  // defined by it, as the core widgets are): 0.9 kB less gzip than two. A widget in several
  // such groups keeps its own chunk.
  const partial = new Map(); // widget -> its one partial group
  for (const [name, us] of groups) {
    // Only a chunk of some widgets of one family (widgets of two families are not on one page).
    if (!name.includes('_') || !us.every((u) => familyOf(u) && familyOf(u) === familyOf(us[0]))) continue;
    for (const u of us) partial.set(u, partial.has(u) ? null : name);
  }
  const widgetChunkOf = (widget) => {
    const together = TOGETHER.find((ws) => ws.includes(widget));
    if (together) return `${[...together].sort().join('_')}-widgets`;
    const group = partial.get(widget);
    return group && groups.get(group).every((u) => partial.get(u) === group) ? `${group}-widgets` : widget;
  };
  return (id) => {
    // The other languages of a family's widgets: one chunk per family and language
    // (`cart-messages.sv`), loaded on the first use of that language. One file instead of one per
    // widget saves about 0.4 kB of gzip per language; a page in Swedish with one cart widget
    // loads the other cart widgets' Swedish texts with it (about 1 kB).
    const catalog = id.match(/\/src\/([a-z-]+)\/messages\.([a-z]{2})\.ts$/);
    if (catalog && (familyOf(catalog[1]) || CORE_WIDGETS.has(catalog[1]))) return `${familyOf(catalog[1]) ?? 'core'}-messages.${catalog[2]}`;
    const users = usersOf(id);
    // Code only page scripts use stays in sdk.js (the entry's own chunk), wherever it is re-exported.
    if (!users.length) return id.endsWith('/src/cdn/sdk.ts') || sdkUses?.has(id) ? 'sdk' : undefined;
    // A small module rides in the family's chunk, unless a chunk of exactly its widgets exists
    // anyway (`cart_cart-handoff`): then it goes there, off the pages of the family's other widgets.
    const exact = chunkOf(users);
    const chunk = groups.has(exact) ? exact : chunkOf(users, small(id));
    // sdk.js (page scripts) imports the SDK's widget stores too: one only a widget's own chunk
    // held would make sdk.js load that chunk and define the widget on every page. It rides in
    // the smallest chunk of its family that the widget loads anyway (no define in it), unless
    // that is the chunk of the whole family and the module is not small: then it gets a chunk of
    // its own (`add-to-cart-store`), or every page of the family (the cart page) would download
    // one widget's store.
    if (users.length === 1 && chunk === users[0] && sdkUses?.has(id) && !id.includes('/packages/elements/')) {
      const family = familyOf(chunk);
      const around = [...groups].filter(([, us]) => us.includes(chunk) && familyOf(us[0]) === family).sort((a, b) => a[1].length - b[1].length);
      if (around.length && (!FAMILY_CHUNKS.has(around[0][0]) || small(id))) return around[0][0];
      if (family) return `${chunk}-store`;
    }
    return users.length === 1 && chunk === users[0] ? widgetChunkOf(chunk) : chunk;
  };
};

/** Empties a folder before a build, so old hashed chunks never linger in dist/cdn. */
const clean = (folder) => ({
  name: 'omnikit-clean',
  buildStart() {
    rmSync(folder, { recursive: true, force: true });
  },
});

/**
 * dist/<widget>.d.ts beside each entry point, so `@omnikit/elements/<widget>.js` has types
 * (scripts/build-types.mjs emits the declarations of src/<widget>/define.ts).
 */
const entryTypes = (widgets) => ({
  name: 'omnikit-entry-types',
  generateBundle() {
    for (const w of widgets) {
      this.emitFile({ type: 'asset', fileName: `${w}.d.ts`, source: `export * from './${w}/define.js';\n` });
    }
  },
});

/** Build options; `root` lets tests build a copy of the tree. */
export async function configs(root = dir) {
  const srcDir = `${root}src`;
  const widgets = widgetList(srcDir);
  present = Object.fromEntries(Object.entries(FAMILIES).map(([f, members]) => [f, members.filter((m) => widgets.includes(m))]));
  // npm users' bundlers resolve the dependencies (and their subpaths) themselves.
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  // `#dev` too: the user's bundler picks its development or production file (package.json `imports`).
  const external = (id) => id === '#dev' || deps.some((d) => id === d || id.startsWith(`${d}/`));
  const npmInput = { index: `${srcDir}/index.ts`, 'internal/dev': `${srcDir}/internal/dev.ts`, 'internal/dev.development': `${srcDir}/internal/dev.development.ts` };
  for (const w of widgets) npmInput[w] = `${srcDir}/${w}/define.ts`;
  // Server-side rendering (Node) and its browser side; never part of the CDN build.
  npmInput['ssr/render'] = `${srcDir}/ssr/render.ts`;
  npmInput['ssr/client'] = `${srcDir}/ssr/client.ts`;

  return [
    {
      input: npmInput,
      external,
      plugins: [minifyCss(), esbuild({ target: 'es2022', tsconfig }), entryTypes(widgets)],
      // With entry aliases, src/<widget>/define.ts is emitted as dist/<widget>.js.
      output: { dir: `${root}dist`, format: 'esm', preserveModules: true, preserveModulesRoot: srcDir, sourcemap: true },
    },
    {
      // sdk.js: the SDK for page scripts, an entry of the same build so it shares the chunks.
      input: { omnikit: `${srcDir}/cdn/loader.ts`, sdk: `${srcDir}/cdn/sdk.ts` },
      plugins: [clean(`${root}dist/cdn`), ...cdnPlugins(), ownSourcesOnly()],
      onwarn: strict,
      output: { dir: `${root}dist/cdn`, format: 'esm', entryFileNames: '[name].js', chunkFileNames, manualChunks: chunking(await widgetModules(srcDir, widgets)), sourcemap: true, sourcemapPathTransform: inPackageSources(root) },
    },
    {
      input: `${srcDir}/cdn/all.ts`,
      plugins: [...cdnPlugins(), ownSourcesOnly()],
      onwarn: strict,
      output: { file: `${root}dist/cdn/omnikit.all.js`, format: 'esm', inlineDynamicImports: true, sourcemap: true, sourcemapPathTransform: inPackageSources(root) },
    },
  ];
}

// A function, so importing this file (bench/size.mjs does, for the plugins) builds nothing.
export default () => configs();
