/**
 * The reference server web-test-runner starts for the run (see web-test-runner.config.mjs):
 * its URL, keys and the seed's known SKU/store pairs for each stock state.
 */
export interface OmnikitTestEnv {
  apiUrl: string;
  publishableKey: string;
  secretKey: string;
  fixtures: {
    defaultStoreId: string;
    nearbyStoreId: string;
    onlineLocationId: string;
    inStock: { sku: string; storeId: string; onHand: number };
    lowStock: { sku: string; storeId: string; onHand: number };
    outOfStockAvailableNearby: { sku: string; storeId: string; nearbyStoreId: string; nearbyOnHand: number };
    /** Out of stock at the store and nothing a transfer can bring in time; only a far store has it. */
    outOfReach: { sku: string; storeId: string; farStoreId: string; farOnHand: number };
    notStocked: { sku: string; storeId: string };
    onlineOnly: { sku: string; storeId: string };
    inactive: { sku: string };
    unknownSku: string;
    unknownStoreId: string;
    storeCount: number;
    productCount: number;
  };
}

const value = (globalThis as { __OMNIKIT_ENV__?: OmnikitTestEnv }).__OMNIKIT_ENV__;
if (!value) throw new Error('No __OMNIKIT_ENV__: run the browser tests through web-test-runner.config.mjs');

export const env: OmnikitTestEnv = value;
