/**
 * Every widget the CDN knows: its tag and the module that defines it. This is the one list:
 * the loader (`omnikit.js`) loads an entry the first time its tag appears, `omnikit.all.js`
 * loads them all at once, and the rollup config derives each widget's npm entry point from
 * it. Adding a widget is one line here.
 */
export const widgets = {
  'omni-provider': () => import('../provider/define.js'),
  'omni-stock-badge': () => import('../stock-badge/define.js'),
  'omni-price': () => import('../price/define.js'),
  'omni-cart-count': () => import('../cart-count/define.js'),
  'omni-add-to-cart': () => import('../add-to-cart/define.js'),
  'omni-cart': () => import('../cart/define.js'),
  'omni-cart-handoff': () => import('../cart-handoff/define.js'),
  'omni-store-picker': () => import('../store-picker/define.js'),
  'omni-click-collect': () => import('../click-collect/define.js'),
  'omni-order-status': () => import('../order-status/define.js'),
  'omni-pickup-queue': () => import('../pickup-queue/define.js'),
} satisfies Record<`omni-${string}`, () => Promise<unknown>>;

/** A tag the CDN can load. */
export type WidgetTag = keyof typeof widgets;
