// The browser half of server rendering, for the ssr/ test and story: the reads a server-side
// client made for a page (recorded from the SDK's fixture transport here, as `renderWidgets`
// records them from the API), and a client primed with them, as `ssr-client.js` primes each
// provider's client from the page's `<script id="omnikit-reads">`.
import { createBaseClient, createReadRecorder, primeReads, serializeReads, type ReadSnapshot } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE, type FixtureFetch } from '@omnikit/sdk/testing';
import type { OmniClient } from '../context.js';
import { productStore, stockStateStore } from '@omnikit/sdk/base';

/** The SKUs the page shows. */
export const SSR_SKUS = [FIXTURE_SKUS.inStock, FIXTURE_SKUS.lowStock] as const;

/** Records, as a server render would, the reads of a badge and a price for each SKU; the snapshot as the page carries it (a JSON string). */
export async function recordPage(): Promise<string> {
  const recorder = createReadRecorder(createFixtureFetch(DEFAULT_FIXTURES));
  const server = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_fixture', fetch: recorder.fetch, storage: null });
  const stops = SSR_SKUS.flatMap((sku) => [stockStateStore(server, { sku, storeId: FIXTURE_STORE }).listen(() => {}), productStore(server, sku).listen(() => {})]);
  await recorder.settled();
  for (const stop of stops) stop();
  server.close();
  return serializeReads(recorder.snapshot());
}

/** A browser client primed with the page's snapshot, its transport counting requests; `primed` is how many reads it took. */
export function primedClient(page: string): { client: OmniClient; fetch: FixtureFetch; primed: number } {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const client = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_fixture', fetch, storage: null });
  let snapshot: ReadSnapshot | null = null;
  try {
    snapshot = JSON.parse(page) as ReadSnapshot;
  } catch {
    // A broken snapshot primes nothing (as ssr-client.js does).
  }
  return { client, fetch, primed: primeReads(client, snapshot) };
}
