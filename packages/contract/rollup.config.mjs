import esbuild from 'rollup-plugin-esbuild';

const dir = new URL('.', import.meta.url).pathname;

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { index: `${dir}src/index.ts`, client: `${dir}src/client.ts`, 'cart-client': `${dir}src/cart-client.ts`, 'pickup-client': `${dir}src/pickup-client.ts`, 'loyalty-client': `${dir}src/loyalty-client.ts`, openapi: `${dir}src/openapi.ts` },
    external: [/^zod/],
    plugins: [esbuild({ target: 'es2022', tsconfig: `${dir}../../tsconfig.base.json` })],
    output: { dir: `${dir}dist`, format: 'esm', preserveModules: true, preserveModulesRoot: `${dir}src`, sourcemap: true },
  },
];
