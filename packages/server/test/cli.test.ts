import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv } from '../src/cli/env.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

describe('optionsFromEnv', () => {
  test('demo defaults', () => {
    const o = optionsFromEnv({ INIT_CWD: '/srv/shop' });
    assert.equal(o.port, 8787);
    assert.equal(o.host, '127.0.0.1');
    assert.equal(o.dataDir, resolve('/srv/shop', '.omnikit/data'));
    assert.equal(o.databaseUrl, undefined);
    assert.equal(o.corsOrigins, '*');
    assert.equal(o.demoSignIn, true);
    assert.equal(o.eventRetentionSeconds, 600);
    assert.equal(o.publishableKey, undefined, 'the server falls back to the demo key');
  });

  test('every variable is read', () => {
    const o = optionsFromEnv({
      PORT: '9000', HOST: '0.0.0.0', OMNIKIT_DATA_DIR: 'memory', DATABASE_URL: 'postgres://x/y', OMNIKIT_DB_SCHEMA: 'shop',
      OMNIKIT_PUBLISHABLE_KEY: 'pk_live_1', OMNIKIT_SECRET_KEY: 'sk_live_1', OMNIKIT_CORS_ORIGINS: 'https://a.example, https://b.example',
      OMNIKIT_DEMO_SIGN_IN: 'false', OMNIKIT_EVENT_RETENTION_SECONDS: '60', OMNIKIT_LOG: '0',
    });
    assert.deepEqual(o, {
      port: 9000, host: '0.0.0.0', dataDir: 'memory', databaseUrl: 'postgres://x/y', databaseSchema: 'shop',
      publishableKey: 'pk_live_1', secretKey: 'sk_live_1', corsOrigins: ['https://a.example', 'https://b.example'],
      demoSignIn: false, eventRetentionSeconds: 60, log: false,
    });
  });

  test('OMNIKIT_SHUTDOWN_GRACE_SECONDS sets the grace period; unset leaves the server default', () => {
    assert.equal(optionsFromEnv({ OMNIKIT_SHUTDOWN_GRACE_SECONDS: '3' }).shutdownGraceSeconds, 3);
    assert.equal(optionsFromEnv({ OMNIKIT_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds, 0);
    assert.equal(optionsFromEnv({}).shutdownGraceSeconds, undefined);
    assert.throws(() => optionsFromEnv({ OMNIKIT_SHUTDOWN_GRACE_SECONDS: 'soon' }), /OMNIKIT_SHUTDOWN_GRACE_SECONDS/);
  });

  test('a malformed number is an error, not a silent default', () => {
    assert.throws(() => optionsFromEnv({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => optionsFromEnv({ OMNIKIT_EVENT_RETENTION_SECONDS: '-5' }), /RETENTION/);
  });
});

describe('omnikit-server (src/main.ts)', () => {
  const run = ['--conditions=source', '--import', 'tsx', 'src/main.ts'];

  test('prints URLs and keys, serves, and exits 0 on SIGTERM', async () => {
    const proc = spawn(process.execPath, run, {
      cwd: pkgDir,
      // Own secret key: demo sign-in only because it is asked for, and the banner must say what that means.
      env: { ...process.env, PORT: '0', OMNIKIT_DATA_DIR: 'memory', DATABASE_URL: '', OMNIKIT_SECRET_KEY: 'sk_test_cli', OMNIKIT_DEMO_SIGN_IN: '1', OMNIKIT_LOG: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    const exit = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
        proc.stdout.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m && out.includes('Demo sign-in')) {
            clearTimeout(t);
            resolve(m[1]!);
          }
        });
      });
      assert.match(out, /Publishable\s+pk_test_omnikit_demo/);
      assert.match(out, /Secret\s+sk_test_cli/);
      assert.ok(out.includes(`${url}/v1/openapi.json`));
      const health = await fetch(`${url}/v1/health`);
      assert.equal(health.status, 200);
      assert.match(out, /Demo sign-in ON: anyone with the publishable key can sign in as any customer/);
      const signIn = await fetch(`${url}/v1/demo/sign-in`, {
        method: 'POST', headers: { Authorization: 'Bearer pk_test_omnikit_demo', 'Content-Type': 'application/json' }, body: '{"email":"kim@example.com"}',
      });
      assert.equal(signIn.status, 201);
    } finally {
      proc.kill('SIGTERM');
    }
    assert.equal(await exit, 0);
  });

  test('bad configuration exits 1 with a message', () => {
    const r = spawnSync(process.execPath, run, { cwd: pkgDir, env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /could not start: PORT must be a whole number/);
  });
});
