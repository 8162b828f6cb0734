// Where the badge's render time goes: the render benchmark's badge runs under Chromium's CPU
// profiler (page bundled without minification, so function names read), self time summed per
// function and per source module, and the browser's own work (style, layout, GC) as Chromium
// names it. Prints the top entries.
//
//   node bench/render/profile.mjs [--runs 8] [--kind badge]
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../../scripts/chromium.mjs';
import { bundlePage } from './bundle.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('runs', 8));
const kind = arg('kind', 'badge');

const bundled = await bundlePage({ minify: false });
// A sourceURL so the profiler names the script, and lines map to modules.
const code = `${bundled}\n//# sourceURL=render-bench.js`;
// Which module each line of the bundle came from (esbuild's `// path` comments).
const lineModule = [];
let current = '(harness)';
for (const line of code.split('\n')) {
  const m = /^\/\/ (.+\.(?:ts|js|mjs))$/.exec(line);
  if (m) current = m[1].replace(/^.*node_modules\//, '').replace(/^packages\//, '');
  lineModule.push(current);
}

const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({ content: code, type: 'module' });
  await page.waitForFunction(() => window.bench);
  await page.evaluate(() => window.bench.warm());
  // Warm-up runs, unprofiled.
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => window.bench.clear());
    await page.waitForTimeout(1100);
    await page.evaluate((k) => window.bench.run(k), kind);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const nodes = new Map();
  let total = 0;
  const ms = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => window.bench.clear());
    await page.waitForTimeout(1100);
    await cdp.send('Profiler.start');
    const r = await page.evaluate((k) => window.bench.run(k), kind);
    const { profile } = await cdp.send('Profiler.stop');
    ms.push(r.ms);
    const dt = new Map();
    profile.samples.forEach((id, j) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[j] ?? 0)));
    for (const n of profile.nodes) {
      const t = (dt.get(n.id) ?? 0) / 1000;
      if (!t) continue;
      const f = n.callFrame;
      const module = f.url ? lineModule[f.lineNumber] ?? '(bundle)' : `(${f.functionName || 'native'})`;
      const key = `${f.functionName || '(anonymous)'}  ${module}${f.url ? `:${f.lineNumber + 1}` : ''}`;
      const e = nodes.get(key) ?? { t: 0, module };
      e.t += t;
      nodes.set(key, e);
      total += t;
    }
  }
  const byModule = new Map();
  for (const e of nodes.values()) byModule.set(e.module, (byModule.get(e.module) ?? 0) + e.t);
  const per = (t) => `${(t / runs).toFixed(1)} ms`.padStart(9);
  console.log(`\n${kind}: ${runs} profiled runs, median ${[...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)].toFixed(1)} ms each (profiler overhead included); self time per run, ${per(total / 1)} sampled in all\n`);
  console.log('by module');
  for (const [m, t] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${per(t)}  ${m}`);
  console.log('\nby function');
  for (const [k, e] of [...nodes].sort((a, b) => b[1].t - a[1].t).slice(0, 30)) console.log(`${per(e.t)}  ${k}`);
} finally {
  await browser.close();
}
