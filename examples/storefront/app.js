// The storefront's own page script: plain JavaScript, no framework, no build step.
// It calls the SDK from the CDN folder (/cdn/sdk.js shares its chunks with the widgets) on the
// client that <omni-provider> created, so the page and the widgets share one client, one
// cache and one event stream:
// - the header's store <select> is bound to the client's selected store (every badge follows);
// - the category page lists products from the API, each with a price and a stock badge;
// - the product page shows one product and its stock in every store.
// Text from the API is always set with textContent, never parsed as HTML.

import { getProduct, listCategories, listStores, searchProducts } from '/cdn/sdk.js';

const provider = document.querySelector('omni-provider');
const status = document.getElementById('status');

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  el.append(...children);
  return el;
}

function showError(what, error) {
  status.textContent = `Could not load ${what}. Please try again in a moment.`;
  status.classList.add('error');
  console.info(`[storefront] ${what}:`, error?.code ?? error);
}

/** The provider's client, once the loader has defined <omni-provider>. */
async function client() {
  await customElements.whenDefined('omni-provider');
  if (!provider.client) throw new Error('omni-provider has no client (check its api and key attributes)');
  return provider.client;
}

// ---- first visit: the flagship store ---------------------------------------------------------

// A first-time visitor sees the flagship store (where `npm start`'s till simulation sells, so
// badges move). Once the shopper chooses, even "Online only", their choice is kept.
const FLAGSHIP_STORE = 'se-stockholm-drottninggatan';
const CHOSEN_KEY = 'nordhem:store-chosen';
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings): every visit is a first visit
  }
})();

function defaultStore(omni) {
  if (omni.$selectedStore.get() === undefined && !storage?.getItem(CHOSEN_KEY)) omni.selectStore(FLAGSHIP_STORE);
}

// ---- header: categories and store selector -------------------------------------------------

async function header(omni) {
  const params = new URLSearchParams(location.search);
  const nav = document.querySelector('.categories');
  const categories = await listCategories(omni);
  nav.replaceChildren(
    h('a', { href: '/', 'aria-current': !params.get('category') && location.pathname === '/' ? 'page' : undefined }, 'All'),
    ...categories.map((c) =>
      h('a', { href: `/?category=${encodeURIComponent(c.id)}`, 'aria-current': params.get('category') === c.id ? 'page' : undefined }, c.name),
    ),
  );
  return categories;
}

async function storeSelect(omni) {
  const select = document.getElementById('store');
  const stores = (await listStores(omni)).filter((s) => s.type === 'store');
  const byCountry = Map.groupBy
    ? Map.groupBy(stores, (s) => s.address.country)
    : stores.reduce((m, s) => m.set(s.address.country, [...(m.get(s.address.country) ?? []), s]), new Map());
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const [country, list] of byCountry) {
    select.append(h('optgroup', { label: names.of(country) ?? country }, ...list.map((s) => h('option', { value: s.id }, s.name))));
  }
  // Two-way binding: the select follows the client's selected store (remembered across
  // visits, shared with every widget) and choosing in the select sets it.
  omni.$selectedStore.subscribe((id) => {
    select.value = id ?? '';
  });
  select.addEventListener('change', () => {
    storage?.setItem(CHOSEN_KEY, '1');
    omni.selectStore(select.value || undefined);
  });
  return stores;
}

// ---- category page ---------------------------------------------------------------------------

const PAGE_SIZE = 48;

async function categoryPage(omni, categoriesPromise) {
  const params = new URLSearchParams(location.search);
  const category = params.get('category') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const result = await searchProducts(omni, { ...(category ? { category } : {}), page, pageSize: PAGE_SIZE });
  if (category) {
    const name = (await categoriesPromise.catch(() => [])).find((c) => c.id === category)?.name ?? category;
    document.getElementById('title').textContent = name;
    document.title = `${name} · Nordvik`;
  }
  status.textContent = `${result.total} products`;
  document.getElementById('products').replaceChildren(
    ...result.items.map((p) => {
      const href = `/product.html?sku=${encodeURIComponent(p.sku)}`;
      return h(
        'li',
        { class: 'product-card' },
        h('a', { href, class: 'product-link' }, h('img', { src: p.imageUrl, alt: '', width: 240, height: 240, loading: 'lazy' }), h('span', { class: 'product-name' }, p.name)),
        h('omni-price', { sku: p.sku }),
        h('omni-stock-badge', { sku: p.sku }),
      );
    }),
  );
  const pages = Math.ceil(result.total / result.pageSize);
  const link = (n, label) => {
    const q = new URLSearchParams(params);
    q.set('page', String(n));
    return h('a', { href: `/?${q}`, 'aria-current': n === page ? 'page' : undefined }, label ?? String(n));
  };
  const pager = document.getElementById('pager');
  if (pages > 1) pager.replaceChildren(...Array.from({ length: pages }, (_, i) => link(i + 1)));
}

// ---- product page ----------------------------------------------------------------------------

async function productPage(omni, storesPromise) {
  const sku = new URLSearchParams(location.search).get('sku');
  if (!sku) {
    status.textContent = 'No product chosen.';
    return;
  }
  const [product, stores] = await Promise.all([getProduct(omni, sku), storesPromise]);
  document.title = `${product.name} · Nordvik`;
  Object.assign(document.getElementById('image'), { src: product.imageUrl, alt: product.name });
  document.getElementById('brand').textContent = product.brand;
  document.getElementById('name').textContent = product.name;
  document.getElementById('description').textContent = product.description;
  document.getElementById('price').setAttribute('sku', sku);
  document.getElementById('badge').setAttribute('sku', sku);
  document.getElementById('detail').hidden = false;
  // One badge per store with a fixed `store`: the SDK batches them into one request. In a list
  // of stores each row just says whether that store has it: `nearby="off"`.
  const row = (store) => h('omni-stock-badge', { sku, store, 'show-quantity': true, nearby: 'off' });
  document.getElementById('stores').replaceChildren(
    h('tr', {}, h('th', { scope: 'row' }, 'Online'), h('td', {}, '–'), h('td', {}, row('online'))),
    ...stores.map((s) =>
      h('tr', {}, h('th', { scope: 'row' }, s.name), h('td', {}, s.address.city), h('td', {}, row(s.id))),
    ),
  );
  document.getElementById('stock').hidden = false;
  status.textContent = '';
}

// ---- start -------------------------------------------------------------------------------------

try {
  const omni = await client();
  defaultStore(omni);
  const stores = storeSelect(omni);
  stores.catch((e) => showError('the stores', e));
  const categories = header(omni);
  categories.catch((e) => showError('the categories', e));
  if (document.getElementById('product')) await productPage(omni, stores);
  else await categoryPage(omni, categories);
} catch (error) {
  showError(document.getElementById('product') ? 'the product' : 'the products', error);
}
