// Safe defaults (issue #15): demo sign-in only on the demo keys, no start with the published
// demo secret key on a production or reachable host, keys one command away.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv } from '../src/cli/env.js';
import {
  DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, assertSafeConfiguration, demoSignInNotice, generateKeys, isLoopback,
  UnsafeConfigurationError,
} from '../src/safety.js';
import { startServer } from '../src/server.js';
import { assertError, startTestServer, type TestServer } from './helpers.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const OWN = { OMNIKIT_PUBLISHABLE_KEY: 'pk_live_shop_own_key', OMNIKIT_SECRET_KEY: 'sk_live_shop_own_secret_key_0123456789' };

describe('assertSafeConfiguration', () => {
  test('loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopback(h), h);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'shop.example', '::ffff:10.0.0.1', '128.0.0.1']) assert.ok(!isLoopback(h), h);
  });

  test('the demo secret key is refused on a production or non-loopback host, with what to set', () => {
    assert.throws(() => assertSafeConfiguration({}, { NODE_ENV: 'production' }), (e: Error) =>
      e instanceof UnsafeConfigurationError && /NODE_ENV=production/.test(e.message) && /OMNIKIT_SECRET_KEY/.test(e.message));
    assert.throws(() => assertSafeConfiguration({ secretKey: DEMO_SECRET_KEY, host: '0.0.0.0' }, {}), /0\.0\.0\.0.*OMNIKIT_SECRET_KEY/s);
    assert.doesNotThrow(() => assertSafeConfiguration({ host: '127.0.0.1' }, { NODE_ENV: 'development' }));
    const own = { publishableKey: OWN.OMNIKIT_PUBLISHABLE_KEY, secretKey: OWN.OMNIKIT_SECRET_KEY };
    assert.doesNotThrow(() => assertSafeConfiguration({ ...own, host: '0.0.0.0' }, { NODE_ENV: 'production' }));
  });

  test('a secret key equal to the publishable key is refused', () => {
    assert.throws(() => assertSafeConfiguration({ publishableKey: 'pk_same', secretKey: 'pk_same' }, {}), /equals the publishable key/);
  });

  test('startServer refuses before it opens anything', async () => {
    await assert.rejects(startServer({ port: 0, dataDir: 'memory', host: '0.0.0.0' }), UnsafeConfigurationError);
  });

  test('generated keys are fresh, prefixed and long', () => {
    const a = generateKeys();
    const b = generateKeys();
    assert.match(a.publishableKey, /^pk_live_[\w-]{24}$/);
    assert.match(a.secretKey, /^sk_live_[\w-]{43}$/);
    assert.notEqual(a.secretKey, b.secretKey);
  });
});

describe('demo sign-in follows the keys', () => {
  test('on by default only with the demo keys; explicit with others, and then the banner says so', () => {
    assert.equal(optionsFromEnv({}).demoSignIn, true);
    assert.equal(optionsFromEnv({ OMNIKIT_PUBLISHABLE_KEY: DEMO_PUBLISHABLE_KEY }).demoSignIn, true);
    assert.equal(optionsFromEnv(OWN).demoSignIn, false);
    assert.equal(optionsFromEnv({ OMNIKIT_SECRET_KEY: OWN.OMNIKIT_SECRET_KEY }).demoSignIn, false);
    const explicit = optionsFromEnv({ ...OWN, OMNIKIT_DEMO_SIGN_IN: '1' });
    assert.equal(explicit.demoSignIn, true);
    assert.match(demoSignInNotice(explicit), /anyone .* can sign in as any customer/);
    assert.equal(demoSignInNotice(optionsFromEnv({})), 'on (demo keys)');
    assert.equal(demoSignInNotice(optionsFromEnv(OWN)), 'off');
  });

  describe('over HTTP', () => {
    let own: TestServer;
    let demo: TestServer;
    before(async () => {
      const o = optionsFromEnv(OWN);
      own = await startTestServer('safety_own', { publishableKey: o.publishableKey, secretKey: o.secretKey, demoSignIn: o.demoSignIn });
      demo = await startTestServer('safety_demo', { demoSignIn: optionsFromEnv({}).demoSignIn });
    });
    after(async () => {
      await own?.close();
      await demo?.close();
    });

    test('answers 404 not_found on other keys', async () => {
      const r = await own.call('/v1/demo/sign-in', { key: OWN.OMNIKIT_PUBLISHABLE_KEY, body: { email: 'anna@example.com' } });
      assertError(r, 404, 'not_found');
    });

    test('mints a customer token on the demo keys', async () => {
      const r = await demo.call('/v1/demo/sign-in', { body: { email: 'anna@example.com' } });
      assert.equal(r.status, 201, r.text);
      assert.match((r.json as { token: string }).token, /^ct_/);
    });
  });
});

describe('omnikit-server refuses an unsafe start', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
      cwd: pkgDir,
      env: { ...process.env, PORT: '0', OMNIKIT_DATA_DIR: 'memory', DATABASE_URL: '', OMNIKIT_SECRET_KEY: '', OMNIKIT_PUBLISHABLE_KEY: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  test('the demo secret key under NODE_ENV=production: non-zero exit with the message', () => {
    const r = run({ NODE_ENV: 'production' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /demo secret key.*NODE_ENV=production.*OMNIKIT_SECRET_KEY/s);
    assert.doesNotMatch(r.stdout, /listening/);
  });

  test('the demo secret key on a non-loopback HOST: non-zero exit before listening', () => {
    // Refused before a socket is opened: nothing is sent or bound beyond this process.
    const r = run({ HOST: '0.0.0.0', NODE_ENV: '' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Refusing to listen on 0\.0\.0\.0/);
    assert.doesNotMatch(r.stdout, /listening/);
  });

  test('`omnikit-server keys` prints a pair to paste into the environment', () => {
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'keys'], { cwd: pkgDir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^OMNIKIT_PUBLISHABLE_KEY=pk_live_\S+\nOMNIKIT_SECRET_KEY=sk_live_\S+\n$/);
  });
});
