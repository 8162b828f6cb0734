/**
 * Development-only checks, development build (see `dev.ts`): the messages a developer needs
 * while wiring widgets up, each said once.
 */
import type * as production from './dev.js';

const said = new Set<string>();

export const warn: typeof production.warn = (message, ...details) => {
  if (said.has(message)) return;
  said.add(message);
  console.warn(`[omnikit] ${message}`, ...details);
};

export const warnRejectedInput: typeof production.warnRejectedInput = (host, value) => {
  const v = value as { status?: string; error?: { code?: string; message?: string } } | undefined;
  if (v?.status === 'error' && v.error?.code === 'validation_failed') warn(`<${host.localName}>: ${v.error.message}`, host);
};
