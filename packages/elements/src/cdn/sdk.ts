/**
 * `sdk.js` in the CDN folder: the whole `@omnikit/sdk` for page scripts of script-tag sites,
 * sharing its chunks (and so its code) with the widgets. Pass it the client of an
 * `<omni-provider>` so the page and the widgets share one cache and one event stream:
 *
 * ```js
 * import { searchProducts } from 'https://cdn.example/omnikit/sdk.js';
 * const { client } = document.querySelector('omni-provider');
 * const page = await searchProducts(client, { category: 'kitchen' });
 * ```
 * @packageDocumentation
 */
export * from '@omnikit/sdk';
