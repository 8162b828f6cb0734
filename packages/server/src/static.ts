import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

/** A folder served under a URL prefix (examples, the CDN bundle). */
export interface StaticMount {
  prefix: string;
  dir: string;
  /**
   * Rewrites each HTML page as it is served, e.g. to put the configured publishable key into
   * the examples (`npm start`), so a page never carries a key other than the server's.
   */
  html?: (text: string) => string;
  /**
   * File names whose content never changes under that name (content-hashed chunks such as
   * `shared-3fK9a1Qz.js`): served `immutable` for a year. Everything else revalidates.
   */
  immutable?: RegExp;
}

/** A file found in a mount. */
export interface StaticFile {
  file: string;
  type: string;
  mount: StaticMount;
  size: number;
  mtimeMs: number;
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff', '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
};

/** Rollup's content-hashed chunk names (`name-[hash].js`, 8 URL-safe characters) and their maps. */
export const CDN_IMMUTABLE = /-[A-Za-z0-9_-]{8}\.js(\.map)?$/;

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
    let st: Stats;
    try {
      st = await stat(file);
      if (st.isDirectory()) {
        file = resolve(file, 'index.html');
        st = await stat(file);
      }
      if (!st.isFile()) continue;
    } catch {
      continue;
    }
    return { file, type: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', mount: m, size: st.size, mtimeMs: st.mtimeMs };
  }
  return undefined;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;
// zlib answers with Buffers over plain ArrayBuffers, which a Response body takes.
type Bytes = Buffer<ArrayBuffer>;
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const brotli = (data: Buffer, options = {}) => brotliAsync(data, options) as Promise<Bytes>;
const gz = (data: Buffer, options = {}) => gzipAsync(data, options) as Promise<Bytes>;
/** Compressed bodies by file, size and time, so a busy page is compressed once, not per request. */
const compressed = new Map<string, Promise<Bytes>>();
const MAX_COMPRESSED_ENTRIES = 500;

/** The encoding to answer with: brotli, else gzip, else none (q=0 refuses one). */
function pickEncoding(accept: string | null): 'br' | 'gzip' | undefined {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (offered.get(n) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

function compress(key: string, data: Buffer, encoding: 'br' | 'gzip'): Promise<Bytes> {
  const k = `${encoding}:${key}`;
  let p = compressed.get(k);
  if (!p) {
    p = encoding === 'br'
      ? brotli(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } })
      : gz(data, { level: 9 });
    if (compressed.size >= MAX_COMPRESSED_ENTRIES) compressed.delete(compressed.keys().next().value!);
    compressed.set(k, p);
    p.catch(() => compressed.delete(k));
  }
  return p;
}

/**
 * Serves a found file as a CDN would: content-hashed names `immutable` for a year, everything
 * else with a short max-age and an `ETag` to revalidate (304 on `If-None-Match`), HTML never
 * cached without revalidation; text compressed with brotli or gzip when the client accepts it.
 */
export async function staticResponse(found: StaticFile, request?: Headers): Promise<Response> {
  const html = found.type.startsWith('text/html');
  const rewrite = html ? found.mount.html : undefined;
  const immutable = !html && found.mount.immutable?.test(basename(found.file)) === true;
  // Rewritten pages change with the configuration, not the file: their tag says so.
  const etag = `W/"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}${rewrite ? '-r' : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': found.type,
    'Cache-Control': html ? 'no-cache' : immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=60',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
  const match = request?.get('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return new Response(null, { status: 304, headers });
  const raw = await readFile(found.file);
  const data = rewrite ? Buffer.from(rewrite(raw.toString('utf8'))) : raw;
  const encoding = COMPRESSIBLE.test(found.type) && data.length > 1024 ? pickEncoding(request?.get('accept-encoding') ?? null) : undefined;
  if (!encoding) return new Response(data, { headers });
  // Rewritten pages are small and few: compressed as they go, not kept.
  const body = rewrite ? await (encoding === 'br' ? brotli(data) : gz(data)) : await compress(`${found.file}:${found.size}:${found.mtimeMs}`, data, encoding);
  return new Response(body, { headers: { ...headers, 'Content-Encoding': encoding } });
}
