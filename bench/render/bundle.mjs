// The render benchmark's page (bench/render/page.js) bundled for Chromium as a production build
// would run it: shared by the benchmark (minified) and the profiler (readable names).
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;

/** The page's script as text. */
export async function bundlePage({ minify }) {
  const bundle = await build({
    entryPoints: [join(root, 'bench/render/page.js')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify,
    conditions: ['source', 'browser'],
    tsconfig: join(root, 'tsconfig.base.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return bundle.outputFiles[0].text;
}
