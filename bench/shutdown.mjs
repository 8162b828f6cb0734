// `npm run bench:shutdown`: time from SIGTERM to process exit of the real CLI (packages/server
// src/main.ts on a PGlite folder) with 0, 100 and 1000 open event streams. Each stream is its own
// HTTP connection that has received `stream.ready`; the clock starts at the signal and stops at
// the child's exit. Also prints how long until the last stream ended on the client side.
//
// Options (env): BENCH_STREAMS (`0,100,1000`), BENCH_RUNS (3 per count; the median is reported),
// BENCH_DATABASE_URL (PostgreSQL instead of PGlite; uses the schema `omnikit_bench_shutdown`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../packages/server/', import.meta.url));
const counts = (process.env.BENCH_STREAMS ?? '0,100,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'omnikit-bench-shutdown-'));
const pk = 'pk_test_omnikit_demo';

function startCli() {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', OMNIKIT_LOG: '0',
      ...(pgUrl ? { DATABASE_URL: pgUrl, OMNIKIT_DB_SCHEMA: 'omnikit_bench_shutdown' } : { DATABASE_URL: '', OMNIKIT_DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const url = new Promise((resolve, reject) => {
    proc.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`server exited before listening: ${out}`)));
  });
  return { proc, url, exited, out: () => out };
}

/** Opens one stream on its own connection; resolves once `stream.ready` arrived, with a promise of its end. */
function openStream(base, i, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/v1/events?topics=stock:OK-${10001 + (i % 200)}@online`, { agent, headers: { Authorization: `Bearer ${pk}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
      let ended;
      const end = new Promise((r) => (ended = r));
      res.on('end', () => ended(performance.now()));
      res.on('error', () => ended(performance.now()));
      res.on('close', () => ended(performance.now()));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        if (buf.includes('event: stream.ready')) {
          buf = '';
          resolve({ end });
        }
      });
    });
    req.on('error', reject);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const n of counts) {
    const exits = [];
    const lastEnds = [];
    for (let r = 0; r < runs; r++) {
      const cli = startCli();
      const base = await cli.url;
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      const streams = [];
      // In waves of 100, so the listen backlog is not the thing measured.
      for (let i = 0; i < n; i += 100) {
        streams.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, j) => openStream(base, i + j, agent)))));
      }
      const t0 = performance.now();
      cli.proc.kill('SIGTERM');
      const exit = await cli.exited;
      const ends = await Promise.all(streams.map((s) => s.end));
      agent.destroy();
      if (exit.code !== 0) throw new Error(`exit ${exit.code ?? exit.signal} with ${n} streams: ${cli.out()}`);
      exits.push(exit.at - t0);
      lastEnds.push(ends.length ? Math.max(...ends) - t0 : 0);
    }
    rows.push({ streams: n, exitMs: median(exits), lastStreamEndMs: median(lastEnds), runs: exits.map((x) => Math.round(x)) });
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`SIGTERM to exit of the CLI (${pgUrl ? 'PostgreSQL' : 'PGlite folder'}), median of ${runs} runs:`);
console.log('| open streams | SIGTERM to exit | SIGTERM to last stream ended | runs (ms) |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.streams} | ${r.exitMs.toFixed(0)} ms | ${r.lastStreamEndMs.toFixed(0)} ms | ${r.runs.join(', ')} |`);
