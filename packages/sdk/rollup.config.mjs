import esbuild from 'rollup-plugin-esbuild';

const dir = new URL('.', import.meta.url).pathname;

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { index: `${dir}src/index.ts`, base: `${dir}src/base.ts`, cart: `${dir}src/cart.ts`, admin: `${dir}src/admin.ts`, testing: `${dir}src/testing.ts` },
    // Dependencies stay imports: the app's bundler dedupes them (one nanostores, one zod).
    external: [/^@omnikit\/contract/, /^ky(\/|$)/, /^nanostores(\/|$)/, /^zod(\/|$)/],
    plugins: [esbuild({ target: 'es2022', tsconfig: `${dir}../../tsconfig.base.json` })],
    output: { dir: `${dir}dist`, format: 'esm', preserveModules: true, preserveModulesRoot: `${dir}src`, sourcemap: true },
  },
];
