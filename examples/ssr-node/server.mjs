// A Node server that renders a product page's widgets (provider, price, stock badges) on the
// server with @omnikit/elements/ssr, from real data of the Omnikit API, and sends them as
// declarative shadow DOM: the badge and price text is in the HTML, before any script runs. The
// page carries the answers it was rendered from, so the browser's client does not ask again.
//
//   OMNIKIT_API=http://127.0.0.1:8787 node --conditions=source --import tsx examples/ssr-node/server.mjs
//
// Then open http://127.0.0.1:<port>/product/OK-10001 (`?store=<id>` picks the store; `?ssr=0`
// serves the same page rendered in the browser only, for comparison).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { html } from 'lit';
import { getProduct, listStores } from '@omnikit/sdk';
import { renderWidgets } from '@omnikit/elements/ssr';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The browser scripts: the SSR one hydrates (Lit's hydration support first), the plain one renders. */
async function bundle(entry) {
  const out = await build({
    stdin: { contents: entry, resolveDir: here, loader: 'js' },
    bundle: true, write: false, format: 'esm', target: 'es2022', minify: true,
    conditions: ['source', 'browser'], define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page around the widgets. */
function page({ title, body, head }) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }
    .detail { display: grid; gap: 0.5rem; }
    table { border-collapse: collapse; } td, th { padding: 0.25rem 0.75rem; text-align: start; }
  </style>
  ${head}
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * The product page's widgets in one template (a function of the server-side client, which it
 * binds on the provider and reads the product and stores through). `api` and the key are the
 * browser's: its provider makes its own client from them.
 */
function productTemplate({ api, publishableKey, sku, store }) {
  let data; // read once: the template is rendered twice (see renderWidgets)
  return async (client) => {
    data ??= Promise.all([getProduct(client, sku), listStores(client)]);
    const [product, stores] = await data;
    const rows = stores.filter((s) => s.type === 'store').map(
      (s) => html`<tr><td>${s.name}</td><td>${s.address.city}</td><td><omni-stock-badge sku=${sku} store=${s.id} nearby="off"></omni-stock-badge></td></tr>`,
    );
    return html`<omni-provider .client=${client} api=${api} publishable-key=${publishableKey} store=${store} locale="en-SE" currency="SEK">
  <main class="detail">
    <p>${product.brand}</p>
    <h1>${product.name}</h1>
    <omni-price id="price" sku=${sku}></omni-price>
    <omni-stock-badge id="badge" sku=${sku} show-quantity></omni-stock-badge>
    <p>${product.description}</p>
    <h2>Stock in every store</h2>
    <table><thead><tr><th>Store</th><th>City</th><th>Stock</th></tr></thead><tbody>${rows}</tbody></table>
  </main>
</omni-provider>`;
  };
}

/**
 * The example server. `api`: the Omnikit API the server and the browser talk to (its CORS must
 * allow this server's origin); `store`: the default store.
 */
export async function createSsrServer({ api, publishableKey = 'pk_test_omnikit_demo', store = 'se-stockholm-drottninggatan' }) {
  const scripts = {
    '/ssr-client.js': await bundle(`import '@omnikit/elements/ssr-client.js';`),
    '/client.js': await bundle(`import '@omnikit/elements/provider.js'; import '@omnikit/elements/stock-badge.js'; import '@omnikit/elements/price.js';`),
  };
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (scripts[url.pathname]) {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
        return res.end(scripts[url.pathname]);
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204);
        return res.end();
      }
      const m = /^\/product\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/.exec(url.pathname);
      if (!m) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not found. Try /product/OK-10001');
      }
      const sku = m[1];
      const storeId = url.searchParams.get('store') || store;
      if (url.searchParams.get('ssr') === '0') {
        // The same widgets, rendered in the browser: what a page without SSR does.
        const body = `<omni-provider api="${escape(api)}" publishable-key="${escape(publishableKey)}" store="${escape(storeId)}" locale="en-SE" currency="SEK">
  <main class="detail"><omni-price id="price" sku="${sku}"></omni-price> <omni-stock-badge id="badge" sku="${sku}" show-quantity></omni-stock-badge></main>
</omni-provider>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(page({ title: sku, body, head: '<script type="module" src="/client.js"></script>' }));
      }
      const rendered = await renderWidgets(productTemplate({ api, publishableKey, sku, store: storeId }), { baseUrl: api, publishableKey });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // The snapshot before the client script, which reads it when it runs.
      res.end(page({ title: sku, body: rendered.html, head: `${rendered.script}\n  <script type="module" src="/ssr-client.js"></script>` }));
    } catch (error) {
      // An unknown SKU is the API's 404; anything else is a failed render.
      const status = error?.code === 'unknown_sku' || error?.code === 'not_found' ? 404 : 502;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(status === 404 ? `No product ${url.pathname.split('/').pop()}` : `Could not render the page: ${error?.code ?? error?.message}`);
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const api = process.env.OMNIKIT_API ?? 'http://127.0.0.1:8787';
  const server = await createSsrServer({ api, publishableKey: process.env.OMNIKIT_KEY });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`SSR example on http://127.0.0.1:${server.address().port}/product/OK-10001 (API ${api})`);
  });
}
