// `npm run bench:render`: time to render 1000 stock badges from a warm cache in Chromium, side by
// side in the same run with 1000 minimal Lit elements reading a nanostore (the framework floor)
// and 1000 plain shadow-DOM custom elements (the platform floor). See bench/render/page.js.
//
//   node bench/render/run.mjs [--rounds 15]
//
// Rounds interleave the three kinds (rotating which goes first) so drift in the machine's
// speed hits all of them alike; the report gives median and best per kind and the ratios of
// the medians, and the median of the per-round ratios badge / Lit, in wall-clock time and in
// the renderer main thread's CPU time (CDP `Performance.getMetrics` ThreadTime around each run:
// what the run itself costs, without the time the thread waited for a core on a loaded machine). Between runs the page waits
// past nanostores' unmount delay, so each badge run starts with fresh stores over the warm SDK
// cache, as a new page view with prefetched data would.
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../../scripts/chromium.mjs';
import { bundlePage } from './bundle.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const rounds = arg('rounds', 15);
const warmups = 3;

const code = await bundlePage({ minify: true });

const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({ content: code, type: 'module' });
  await page.waitForFunction(() => window.bench);
  await page.evaluate(() => window.bench.warm());

  // Main-thread CPU time of each run besides its wall-clock time: time the renderer's thread is
  // descheduled (other processes on a loaded machine) counts in the wall clock, not here.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;

  const kinds = ['badge', 'lit', 'plain'];
  const times = { badge: [], lit: [], plain: [] };
  const cpu = { badge: [], lit: [], plain: [] };
  let check;
  for (let round = 0; round < warmups + rounds; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length];
      if (kind === 'badge') await page.evaluate(() => window.bench.warm()); // stays warm across rounds
      await page.evaluate(() => window.bench.clear());
      // Past nanostores' unmount delay (1 s), so stores of the previous run are gone.
      await page.waitForTimeout(1100);
      const t0 = await threadTime();
      const r = await page.evaluate((kind) => window.bench.run(kind), kind);
      const t1 = await threadTime();
      if (kind === 'badge') check = r;
      if (round >= warmups) {
        times[kind].push(r.ms);
        cpu[kind].push(t1 - t0);
      }
    }
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  if (!check.sample || check.states.includes('loading') || check.states.includes('error')) {
    throw new Error(`badges did not reach a final state: ${JSON.stringify(check)}`);
  }

  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const best = (a) => Math.min(...a);
  const n = await page.evaluate(() => window.bench.N);
  console.log(`\nRender ${n} elements to their final text, laid out (Chromium ${browser.version()}, ${rounds} rounds after ${warmups} warm-up rounds)\n`);
  console.log(`${'kind'.padEnd(44)}${'median'.padStart(10)}${'best'.padStart(10)}${'CPU median'.padStart(12)}`);
  const label = {
    badge: '<omni-stock-badge> (SDK, warm cache)',
    lit: 'minimal Lit element + nanostore (framework)',
    plain: 'plain shadow-DOM custom element (platform)',
  };
  for (const kind of kinds) {
    console.log(`${label[kind].padEnd(44)}${`${median(times[kind]).toFixed(1)} ms`.padStart(10)}${`${best(times[kind]).toFixed(1)} ms`.padStart(10)}${`${median(cpu[kind]).toFixed(1)} ms`.padStart(12)}`);
  }
  const m = Object.fromEntries(kinds.map((k) => [k, median(times[k])]));
  console.log(`\nbadge / Lit floor      ${(m.badge / m.lit).toFixed(2)}x`);
  console.log(`badge / platform floor ${(m.badge / m.plain).toFixed(2)}x`);
  console.log(`Lit / platform         ${(m.lit / m.plain).toFixed(2)}x`);
  // The same ratio round by round (the two kinds ran seconds apart in each round), then its
  // median: load that drifts between rounds on a shared machine cancels out of each pair.
  const paired = times.badge.map((t, i) => t / times.lit[i]);
  console.log(`badge / Lit per round  median ${median(paired).toFixed(2)}x, from ${Math.min(...paired).toFixed(2)}x to ${Math.max(...paired).toFixed(2)}x`);
  // The same per round on main-thread CPU time: the reading least moved by other load.
  const pairedCpu = cpu.badge.map((t, i) => t / cpu.lit[i]);
  console.log(`badge / Lit CPU time   median ${median(pairedCpu).toFixed(2)}x, from ${Math.min(...pairedCpu).toFixed(2)}x to ${Math.max(...pairedCpu).toFixed(2)}x (main thread, per round)`);
  console.log(`badge states: ${check.states.join(', ')}; first badge reads "${check.sample}"`);
  console.log(`fixture requests during the last badge run: ${JSON.stringify(check.requests)}\n`);
} finally {
  await browser.close();
}
