// `npm run bench`: every benchmark in turn (sizes against budgets, server throughput against a
// trivial Hono route, render time against the Lit and platform floors, a badge page's time to final at 150 ms latency (browser-rendered and server-rendered), SIGTERM to exit with open
// streams, the cart's add-line and checkout and the device-to-device time). Each prints its numbers.
import { spawnSync } from 'node:child_process';

for (const script of ['bench:size', 'bench:server', 'bench:render', 'bench:page', 'bench:ssr', 'bench:shutdown', 'bench:cart']) {
  console.log(`\n=== ${script} ===`);
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
