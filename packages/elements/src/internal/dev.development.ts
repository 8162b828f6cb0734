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

export const warnRejectedInput: typeof production.warnRejectedInput = (host, error) => {
  if (error?.code === 'validation_failed') warn(`<${host.localName}>: ${error.message}`, host);
};
