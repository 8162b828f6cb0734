import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** A folder served under a URL prefix (examples, the CDN bundle). */
export interface StaticMount {
  prefix: string;
  dir: string;
  /**
   * Rewrites each HTML page as it is served, e.g. to put the configured publishable key into
   * the examples (`npm start`), so a page never carries a key other than the server's.
   */
  html?: (text: string) => string;
}

/** A file found in a mount. */
export interface StaticFile {
  file: string;
  type: string;
  mount: StaticMount;
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff', '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
};

const normalize = (prefix: string) => '/' + prefix.replace(/^\/+|\/+$/g, '');

/**
 * Finds the file a URL path names in one of the mounts, or undefined. Paths that climb out of
 * a mount's folder (`..`, encoded or not) never match.
 */
export async function findStatic(mounts: StaticMount[], urlPath: string): Promise<StaticFile | undefined> {
  for (const m of mounts) {
    const prefix = normalize(m.prefix);
    let rest: string;
    if (prefix === '/') rest = urlPath;
    else if (urlPath === prefix || urlPath.startsWith(prefix + '/')) rest = urlPath.slice(prefix.length) || '/';
    else continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const root = resolve(m.dir);
    let file = resolve(root, '.' + decoded);
    if (file !== root && !file.startsWith(root + sep)) continue;
    try {
      let st = await stat(file);
      if (st.isDirectory()) {
        file = resolve(file, 'index.html');
        st = await stat(file);
      }
      if (!st.isFile()) continue;
    } catch {
      continue;
    }
    return { file, type: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', mount: m };
  }
  return undefined;
}

export async function staticResponse(found: StaticFile): Promise<Response> {
  const html = found.type.startsWith('text/html');
  const raw = await readFile(found.file);
  const data = html && found.mount.html ? found.mount.html(raw.toString('utf8')) : raw;
  return new Response(data, {
    headers: {
      'Content-Type': found.type,
      'Cache-Control': html ? 'no-cache' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
