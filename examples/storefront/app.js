// The storefront's own page script: plain JavaScript, no framework, no build step.
// It calls the SDK from the CDN folder (/cdn/sdk.js shares its chunks with the widgets) on the
// client that <omni-provider> created, so the page and the widgets share one client, one
// cache, one cart and one event stream:
// - the header's "my store" button is <omni-store-picker mode="dialog">, which sets the client's
//   selected store (every badge and add-to-cart button follows; a page that still has the
//   store <select> binds it both ways); its cart button opens the cart drawer;
// - the category page lists products from the API, each with a price, a stock badge and an
//   add-to-cart button;
// - the product page shows one product, how to get it (click and collect), its add-to-cart
//   button and its stock in every store;
// - the cart page and the drawer go to the order page when <omni-cart> has placed the order;
// - the order page shows the order and follows its status live.
// Text from the API is always set with textContent, never parsed as HTML.

import { HANDOFF_URL_PARAM, cartOf, getProduct, listCategories, listStores, orderStore, searchProducts } from '/cdn/sdk.js';

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
  const picker = document.getElementById('store-picker');
  // The header's <omni-store-picker> sets the selected store itself; a choice there counts as chosen.
  picker?.addEventListener('omni-store-change', () => storage?.setItem(CHOSEN_KEY, '1'));
  const select = document.getElementById('store');
  // A page with the picker and no <select> lists no stores itself (the picker does, when opened).
  if (!select && !document.getElementById('product')) return [];
  const stores = (await listStores(omni)).filter((s) => s.type === 'store');
  if (!select) return stores;
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
        h('omni-add-to-cart', { sku: p.sku }),
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
  document.getElementById('collect').setAttribute('sku', sku);
  document.getElementById('add').setAttribute('sku', sku);
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

// ---- cart drawer ---------------------------------------------------------------------------

// The header's cart button opens a modal <dialog>: the browser moves focus into it, keeps it
// there, closes it on Escape, and we put focus back on the button. <omni-cart> goes in on the
// first open, so a page whose drawer stays shut renders no cart and the loader never asks for
// the cart widget's chunk (today /cdn/sdk.js imports it anyway: see the README).
let openDrawer = () => {};

function cartDrawer() {
  const drawer = document.getElementById('cart-drawer');
  const button = document.getElementById('cart-button');
  if (!drawer || !button) return;
  const body = document.getElementById('cart-drawer-body');
  button.setAttribute('aria-expanded', 'false');
  openDrawer = () => {
    if (!body.querySelector('omni-cart')) body.append(h('omni-cart', {}, h('a', { slot: 'empty', href: '/' }, 'Continue shopping')));
    if (!drawer.open) drawer.showModal();
    button.setAttribute('aria-expanded', 'true');
  };
  button.addEventListener('click', () => openDrawer());
  document.getElementById('cart-drawer-close').addEventListener('click', () => drawer.close());
  // A click on the backdrop (the dialog box itself, outside its content) closes it too.
  drawer.addEventListener('click', (e) => {
    if (e.target !== drawer) return;
    const r = drawer.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) drawer.close();
  });
  drawer.addEventListener('close', () => {
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  });
}

// <omni-cart> (drawer or cart page) placed the order: show it. The order's secret stays in the
// SDK's storage on this device, so the order page can read it.
document.addEventListener('omni-checkout', (e) => {
  if (e.order?.id) location.assign(`/order.html?id=${encodeURIComponent(e.order.id)}`);
});

// ---- a cart handed over from another device -----------------------------------------------

// A handoff's QR code opens this site with the code (the server's default handoff URL is
// `/?omnikit-handoff=CODE`; its `handoffUrl` option names another page). The code opens that
// cart here, and the drawer shows it; typing the code into <omni-cart-handoff> does the same.
async function resumeFromUrl(omni) {
  const params = new URLSearchParams(location.search);
  const code = params.get(HANDOFF_URL_PARAM);
  if (!code) return;
  // The code works once: a reload must not try it again.
  params.delete(HANDOFF_URL_PARAM);
  history.replaceState(history.state, '', `${location.pathname}${[...params].length ? `?${params}` : ''}${location.hash}`);
  try {
    await cartOf(omni).resume(code);
    openDrawer();
  } catch (error) {
    status.textContent =
      error?.code === 'handoff_code_invalid'
        ? 'That cart code has expired or was used already. Ask for a new code on the other device.'
        : 'Could not open the cart from the other device. Please try again in a moment.';
    status.classList.add('error');
    console.info('[storefront] handoff:', error?.code ?? error);
  }
}

// ---- order page ------------------------------------------------------------------------------

const ORDER_STATUS = {
  awaiting_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  picking: 'Being picked',
  ready: 'Ready for pickup',
  collected: 'Collected',
  needs_attention: 'Needs your attention',
  cancelled: 'Cancelled',
  expired: 'Expired (not paid in time)',
};
const PAYMENT_METHOD = { online: 'Pay online', in_store: 'Pay in store at pickup', invoice: 'Invoice' };
const PAYMENT_STATUS = { pending: 'Waiting for payment', paid: 'Paid', failed: 'Failed', at_pickup: 'To pay at pickup' };
/** Statuses after which nothing changes any more: the page stops following. */
const FINAL = new Set(['collected', 'cancelled', 'expired']);

/** Money in minor units as the page's locale writes it (the server did every sum). */
function money(minor, currency) {
  const f = new Intl.NumberFormat(provider.getAttribute('locale') || undefined, { style: 'currency', currency });
  return f.format(minor / 10 ** f.resolvedOptions().maximumFractionDigits);
}

function groupTitle(group) {
  const { type } = group.fulfillment;
  if (type === 'delivery') return 'Home delivery';
  if (type === 'pickup') return `Pick up at ${group.storeName ?? group.fulfillment.storeId}`;
  if (type === 'take_now') return `Taken now at ${group.storeName ?? group.fulfillment.storeId}`;
  return type;
}

let shownStatus;

function showOrder(order) {
  const text = (id, value) => (document.getElementById(id).textContent = value);
  const status = ORDER_STATUS[order.status] ?? order.status;
  const payment = PAYMENT_STATUS[order.payment.status] ?? order.payment.status;
  text('order-number', order.number);
  text('order-status', status);
  document.getElementById('order-status').dataset.status = order.status;
  text('order-payment-method', PAYMENT_METHOD[order.payment.method] ?? order.payment.method);
  text('order-payment-status', payment);
  // A change after the first render is announced once; the first render is the page itself.
  const key = `${order.status}/${order.payment.status}`;
  if (shownStatus && shownStatus !== key) text('order-announce', `Order ${order.number}: ${status}. Payment: ${payment}.`);
  shownStatus = key;

  const lines = new Map(order.lines.map((l) => [l.id, l]));
  document.getElementById('order-groups').replaceChildren(
    ...order.groups.map((g) =>
      h(
        'section',
        { class: 'order-group' },
        h('h2', {}, groupTitle(g)),
        h(
          'ul',
          { class: 'order-lines' },
          ...g.lineIds.map((id) => lines.get(id)).filter(Boolean).map((l) =>
            h(
              'li',
              { class: 'order-line' },
              h('span', { class: 'line-name' }, l.name),
              h('span', { class: 'line-meta' }, `${l.quantity} × ${money(l.unitPrice, order.currency)}`),
              h('span', { class: 'line-total' }, money(l.lineTotal, order.currency)),
            ),
          ),
        ),
      ),
    ),
  );
  const t = order.totals;
  const row = (label, value, cls) => [h('dt', cls ? { class: cls } : {}, label), h('dd', cls ? { class: cls } : {}, value)];
  const percent = new Intl.NumberFormat(provider.getAttribute('locale') || undefined, { style: 'percent', maximumFractionDigits: 1 });
  document.getElementById('order-totals').replaceChildren(
    ...row('Subtotal', money(t.subtotal, t.currency)),
    ...(t.discount ? row('Discounts', money(-t.discount, t.currency)) : []),
    ...row('Delivery', money(t.delivery, t.currency)),
    ...row('Total', money(t.total, t.currency), 'grand'),
    ...t.vat.flatMap((v) => row(`of which VAT ${percent.format(v.rate / 10_000)}`, money(v.vat, t.currency))),
  );
  document.getElementById('order-detail').hidden = false;
  document.title = `Order ${order.number} · Nordvik`;
}


/**
 * Re-reads the order each time its topic on the event stream (`order:{id}`) says it changed,
 * and when the stream (re)opens (a change may have come in between). The notices carry no
 * contents: the order itself is read with the SDK and the cart's secret. Reconnects with
 * backoff; stops once the order is final.
 * The SDK has no public watch of an order yet (its realtime is internal), so this page reads
 * the stream itself; with one, this becomes a single subscription on the widgets' stream.
 */

function orderPage(omni) {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    status.textContent = 'No order chosen.';
    return;
  }
  document.getElementById('order-live')?.setAttribute('order', id);
  // The order live: the SDK reads it, then again on every change the retailer makes (paid,
  // ready, cancelled) from the order's topic on the page's one event stream.
  return new Promise((resolve, reject) => {
    let stop;
    let shown = false;
    const end = () => queueMicrotask(() => stop?.());
    stop = orderStore(omni, id).subscribe((o) => {
      if (o.status === 'loading') return;
      if (o.status === 'error') {
        end();
        // Only this device (the cart's secret in its storage) or the member can read an order.
        if (o.error.code !== 'order_not_found') return reject(o.error);
        status.textContent = 'This order cannot be shown on this device. Check your e-mail for its confirmation.';
        return resolve();
      }
      showOrder(o.data);
      if (!shown) {
        shown = true;
        status.textContent = '';
        resolve();
      }
      if (FINAL.has(o.data.status)) end();
    });
  });
}

// ---- start -------------------------------------------------------------------------------------

try {
  cartDrawer();
  const omni = await client();
  defaultStore(omni);
  void resumeFromUrl(omni);
  const stores = storeSelect(omni);
  stores.catch((e) => showError('the stores', e));
  const categories = header(omni);
  categories.catch((e) => showError('the categories', e));
  if (document.getElementById('product')) await productPage(omni, stores);
  else if (document.getElementById('order')) await orderPage(omni);
  else if (document.getElementById('category')) await categoryPage(omni, categories);
} catch (error) {
  const what = { product: 'the product', order: 'the order', category: 'the products' };
  showError(what[document.querySelector('main')?.id] ?? 'the page', error);
}
