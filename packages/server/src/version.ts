import { readFileSync } from 'node:fs';

/** The server package's version (from its package.json, one folder up from src/ and dist/). */
export const SERVER_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
