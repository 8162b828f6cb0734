import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/** Demo publishable key, used when none is configured. */
export const DEMO_PUBLISHABLE_KEY = 'pk_test_omnikit_demo';
/** Demo secret key, used when none is configured. Published in the README: never on a reachable server. */
export const DEMO_SECRET_KEY = 'sk_test_omnikit_demo';

/** A configuration the server refuses to start with; `message` says what to set instead. */
export class UnsafeConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeConfigurationError';
  }
}

/** True for an address only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? mapped[1]!.startsWith('127.') : false;
}

/** True when the server runs on the published demo keys (or on none, which means them). */
export function usesDemoKeys(keys: { publishableKey?: string | undefined; secretKey?: string | undefined }): boolean {
  return (keys.publishableKey ?? DEMO_PUBLISHABLE_KEY) === DEMO_PUBLISHABLE_KEY && (keys.secretKey ?? DEMO_SECRET_KEY) === DEMO_SECRET_KEY;
}

/**
 * Refuses configurations that hand the server to anyone: the published demo secret key on a
 * production host (`NODE_ENV=production`) or on an address other than loopback, and a secret
 * key that equals the publishable one (the publishable key is in every page).
 */
export function assertSafeConfiguration(
  opts: { publishableKey?: string | undefined; secretKey?: string | undefined; host?: string | undefined },
  env: Record<string, string | undefined> = process.env,
): void {
  const secret = opts.secretKey ?? DEMO_SECRET_KEY;
  const publishable = opts.publishableKey ?? DEMO_PUBLISHABLE_KEY;
  const host = opts.host ?? '127.0.0.1';
  const fix = 'Set OMNIKIT_SECRET_KEY and OMNIKIT_PUBLISHABLE_KEY to keys of your own (`npm run keys` makes a pair).';
  if (secret === DEMO_SECRET_KEY) {
    if (env.NODE_ENV === 'production') {
      throw new UnsafeConfigurationError(`Refusing to start with the published demo secret key under NODE_ENV=production. ${fix}`);
    }
    if (!isLoopback(host)) {
      throw new UnsafeConfigurationError(
        `Refusing to listen on ${host} with the published demo secret key: anyone who can reach it could change stock and mint customer tokens. ${fix} Or listen on 127.0.0.1 (HOST).`,
      );
    }
  }
  if (secret === publishable) throw new UnsafeConfigurationError(`The secret key equals the publishable key, which every page carries. ${fix}`);
}

/** What the start banner says about demo sign-in, in plain words. */
export function demoSignInNotice(opts: { demoSignIn?: boolean | undefined; publishableKey?: string | undefined; secretKey?: string | undefined }): string {
  if (!opts.demoSignIn) return 'off';
  return usesDemoKeys(opts)
    ? 'on (demo keys)'
    : 'ON: anyone with the publishable key can sign in as any customer (OMNIKIT_DEMO_SIGN_IN=0 turns it off)';
}

/** A fresh pair of keys for a first deployment (`npm run keys`). */
export function generateKeys(): { publishableKey: string; secretKey: string } {
  return {
    publishableKey: `pk_live_${randomBytes(18).toString('base64url')}`,
    secretKey: `sk_live_${randomBytes(32).toString('base64url')}`,
  };
}
