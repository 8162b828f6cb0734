// Static files as a CDN serves them (issue #13): hashed chunks immutable, the rest revalidated
// with an ETag, text compressed with brotli or gzip, HTML rewritten with the configured key.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { request } from 'node:http';
import { CDN_IMMUTABLE } from '../src/static.js';
import { startTestServer, type TestServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'omnikit-static-'));
const js = `export const x = ${JSON.stringify('omnikit '.repeat(400))};\n`;
writeFileSync(join(dir, 'shared-Ab3_x-9Z.js'), js);
writeFileSync(join(dir, 'omnikit.js'), js);
writeFileSync(join(dir, 'tiny.js'), 'export {};\n');
writeFileSync(join(dir, 'index.html'), `<omni-provider key="pk_test_omnikit_demo"></omni-provider>${'<p>filler</p>'.repeat(200)}`);

/** A raw GET (fetch would decode the body and hide Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('static files as a CDN serves them', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('static', {
      static: [
        { prefix: '/cdn/', dir, immutable: CDN_IMMUTABLE },
        { prefix: '/site/', dir, html: (t) => t.replaceAll('pk_test_omnikit_demo', 'pk_live_own') },
      ],
    });
  });
  after(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the hash pattern matches rollup chunk names only', () => {
    for (const f of ['shared-Ab3_x-9Z.js', 'stock-badge-DdC0_9aa.js', 'price-12345678.js.map']) assert.match(f, CDN_IMMUTABLE);
    for (const f of ['omnikit.js', 'omnikit.all.js', 'sdk.js', 'shared-short.js', 'app.css']) assert.doesNotMatch(f, CDN_IMMUTABLE);
  });

  test('hashed chunks are immutable for a year; the loader revalidates', async () => {
    const chunk = await get(`${s.url}/cdn/shared-Ab3_x-9Z.js`);
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    const loader = await get(`${s.url}/cdn/omnikit.js`);
    assert.match(String(loader.headers['cache-control']), /^public, max-age=300/);
    assert.ok(loader.headers.etag);
  });

  test('If-None-Match with the ETag answers 304 with no body', async () => {
    const first = await get(`${s.url}/cdn/omnikit.js`);
    const again = await get(`${s.url}/cdn/omnikit.js`, { 'If-None-Match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal((await get(`${s.url}/cdn/omnikit.js`, { 'If-None-Match': 'W/"other"' })).status, 200);
  });

  test('brotli when accepted, else gzip, else identity; the bodies decode to the file', async () => {
    const br = await get(`${s.url}/cdn/omnikit.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.body).toString(), js);
    assert.ok(br.body.length < js.length / 5);
    const gz = await get(`${s.url}/cdn/omnikit.js`, { 'Accept-Encoding': 'gzip, br;q=0' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), js);
    const plain = await get(`${s.url}/cdn/omnikit.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), js);
    // Not worth it for a few bytes.
    assert.equal((await get(`${s.url}/cdn/tiny.js`, { 'Accept-Encoding': 'br' })).headers['content-encoding'], undefined);
  });

  test('HTML is rewritten, never cached without revalidation, and compressed too', async () => {
    const page = await get(`${s.url}/site/`, { 'Accept-Encoding': 'gzip' });
    assert.equal(page.headers['cache-control'], 'no-cache');
    const text = gunzipSync(page.body).toString();
    assert.ok(text.includes('key="pk_live_own"'));
    assert.ok(!text.includes('pk_test_omnikit_demo'));
  });
});
