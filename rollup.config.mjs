// Builds every package to its dist/. Each package keeps its own part in
// packages/<name>/rollup.config.mjs (default export: an array of rollup options);
// this file gathers them so `npm run build` builds all.
import { existsSync } from 'node:fs';

const packages = ['contract', 'sdk', 'server', 'elements'];
const configs = [];
for (const name of packages) {
  const file = new URL(`./packages/${name}/rollup.config.mjs`, import.meta.url);
  if (existsSync(file)) configs.push(...(await import(file.href)).default);
}
export default configs;
