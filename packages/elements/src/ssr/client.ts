/**
 * `@omnikit/elements/ssr-client.js`: the browser side of server-rendered widgets. Load it
 * instead of the widgets' own modules, only on pages rendered with `@omnikit/elements/ssr`
 * (and before anything else that imports Lit): it installs Lit's hydration support, defines
 * `<omni-provider>`, `<omni-stock-badge>` and `<omni-price>`, and primes each provider's client
 * with the answers the server rendered from (`<script id="omnikit-reads">`, validated), so the
 * widgets hydrate in the state the server showed and ask nothing again. The normal CDN page never
 * loads any of this.
 * @packageDocumentation
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { primeReads } from '@omnikit/sdk';
// Before the widgets are defined (and upgrade): it changes how they hydrate.
import './hydrate.js';
import './catalogs.js';
import '../provider/define.js';
import '../stock-badge/define.js';
import '../price/define.js';

let snapshot: unknown;
try {
  snapshot = JSON.parse(document.getElementById('omnikit-reads')?.textContent ?? 'null');
} catch {
  // A broken snapshot primes nothing: the widgets read from the API as usual.
}
// The providers upgraded when their tag was defined above (a module runs after parsing) and made
// their clients; the widgets' first update comes after this task, so the cache is primed first.
for (const provider of document.querySelectorAll('omni-provider')) {
  if (provider.client) primeReads(provider.client, snapshot);
}
