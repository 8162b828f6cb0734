import esbuild from 'rollup-plugin-esbuild';
import { readFileSync } from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
// Every dependency stays external (installed beside the server), with its subpaths.
const deps = Object.keys(pkg.dependencies ?? {});
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`));

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { index: `${dir}src/index.ts`, main: `${dir}src/main.ts`, reset: `${dir}src/cli/reset.ts` },
    external,
    plugins: [esbuild({ target: 'node20', tsconfig: `${dir}../../tsconfig.base.json` })],
    output: { dir: `${dir}dist`, format: 'esm', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
  },
];
