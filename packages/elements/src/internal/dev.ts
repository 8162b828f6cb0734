/**
 * Development-only checks, production build: nothing. Bundlers and Node pick
 * `dev.development.ts` instead under the `development` export condition (package.json
 * `imports["#dev"]`), as Vite, webpack and esbuild do for development builds, so messages for
 * developers cost production pages nothing.
 */

/** Warns once per message (with `[omnikit]` in front) in development builds. */
export function warn(_message: string, ..._details: unknown[]): void {}

/** In development, warns when the SDK refused a widget's input (an error with code `validation_failed`). */
export function warnRejectedInput(_host: Element, _error: { code?: string; message?: string } | undefined): void {}
