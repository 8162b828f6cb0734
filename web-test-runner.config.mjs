// Component tests (packages/elements) and SDK browser tests (packages/sdk) in the system
// Chromium. The widget tests talk to a real reference server started here once per run on a
// random loopback port, in memory; tests read its URL, keys and seed fixtures from
// `globalThis.__OMNIKIT_ENV__` (set by /__omnikit__/env.js, loaded before every test file).
import { spawn } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, CHROME_PATH } from './scripts/chromium.mjs';

const PUBLISHABLE_KEY = 'pk_test_omnikit_wtr';
const SECRET_KEY = 'sk_test_omnikit_wtr';

// Runs in a child Node process with the `source` condition and tsx, so the server runs from
// its TypeScript sources exactly like `npm start`. Prints one JSON line when listening.
const SERVER_SCRIPT = `
  const { startServer, SEED_FIXTURES } = await import('@omnikit/server');
  const server = await startServer({
    port: 0, host: '127.0.0.1', dataDir: 'memory', corsOrigins: '*', seed: true, log: false,
    publishableKey: ${JSON.stringify(PUBLISHABLE_KEY)}, secretKey: ${JSON.stringify(SECRET_KEY)},
  });
  console.log('OMNIKIT_ENV ' + JSON.stringify({ url: server.url, fixtures: SEED_FIXTURES }));
  const stop = () => server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop); // the runner went away without signalling
  process.stdin.resume();
`;

/** Starts the reference server; resolves with its env once it listens. */
function startReferenceServer() {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', SERVER_SCRIPT],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, OMNIKIT_DATA_DIR: 'memory' } },
  );
  const ready = new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('reference server did not start within 60 s')), 60_000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.startsWith('OMNIKIT_ENV '));
      if (!line) return;
      clearTimeout(timer);
      const { url, fixtures } = JSON.parse(line.slice('OMNIKIT_ENV '.length));
      resolve({ apiUrl: url, publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, fixtures });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with code ${code}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGKILL'));
  return { ready, stop };
}

/** Serves `/__omnikit__/env.js` with the running server's details. */
function omnikitEnvPlugin() {
  let server;
  let env;
  return {
    name: 'omnikit-env',
    async serverStart() {
      server = startReferenceServer();
      env = await server.ready;
    },
    async serverStop() {
      await server?.stop();
    },
    serve(context) {
      if (context.path === '/__omnikit__/env.js') {
        return { body: `globalThis.__OMNIKIT_ENV__ = ${JSON.stringify(env)};`, type: 'js' };
      }
    },
    // nanostores guards its dev checks with process.env.NODE_ENV, which every bundler
    // replaces; the test server serves modules unbundled, so replace it here (dev checks on).
    transform(context) {
      if (context.response.is('js') && typeof context.body === 'string' && context.body.includes('process.env.NODE_ENV')) {
        return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
      }
    },
  };
}

export default {
  files: ['packages/elements/src/**/*.test.ts', 'packages/sdk/test/**/*.browser.test.ts'],
  // `development`: tests run the development builds (Omnikit's `#dev` warnings, Lit's dev mode),
  // as a developer's dev server would.
  nodeResolve: { exportConditions: ['source', 'development', 'browser'] },
  // One page at a time: a background page gets no animation frames in headless Chromium and
  // fixture() waits for one; the suite is I/O bound on one server anyway.
  concurrency: 1,
  testFramework: { config: { timeout: 15_000 } },
  browserStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }), omnikitEnvPlugin()],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Omnikit tests</title></head>
  <body>
    <script>globalThis.litIssuedWarnings = new Set(['dev-mode']); // Lit's once-per-page banner, not a finding</script>
    <script type="module" src="/__omnikit__/env.js"></script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
};
