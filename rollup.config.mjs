// Builds every package to its dist/. Each package keeps its own part in
// packages/<name>/rollup.config.mjs (default export: an array of rollup options, or a function
// that resolves to one);
// this file gathers them so `npm run build` builds all.
// A full build starts from empty dist/ folders: hashed chunk names change between builds, and a
// stale file would be packed and published with the new ones.
import { existsSync, rmSync } from 'node:fs';

const packages = ['contract', 'sdk', 'server', 'elements'];
const configs = [];
for (const name of packages) {
  const file = new URL(`./packages/${name}/rollup.config.mjs`, import.meta.url);
  if (!existsSync(file)) continue;
  rmSync(new URL(`./packages/${name}/dist`, import.meta.url), { recursive: true, force: true });
  const own = (await import(file.href)).default;
  configs.push(...(typeof own === 'function' ? await own() : own));
}
export default configs;
