import { createBaseClient } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, type FixtureFetch, type FixtureFetchOptions } from '@omnikit/sdk/testing';
import type { OmniClient } from '../context.js';

/** Scenarios the stories can ask the fixture transport for. */
export type Scenario = 'default' | 'slow' | 'loading' | 'network' | 'timeout' | 'malformed';

const scenarios: Record<Scenario, Pick<FixtureFetchOptions, 'fail' | 'latencyMs'>> = {
  default: {},
  slow: { latencyMs: 1500 },
  // Never answers (and the client never gives up): the loading state stays on screen.
  loading: { fail: 'timeout' },
  network: { fail: 'network' },
  timeout: { fail: 'timeout' },
  malformed: { fail: 'malformed' },
};

const clients = new Map<string, { client: OmniClient; fetch: FixtureFetch }>();

/**
 * A client on the SDK's fixture transport (no server), one per scenario and data set, shared by
 * every story that asks for the same, so re-rendering a story does not open another stream.
 */
export function fixtureClient(scenario: Scenario = 'default', data?: FixtureFetchOptions, name = ''): { client: OmniClient; fetch: FixtureFetch } {
  const key = `${scenario}:${name}`;
  let entry = clients.get(key);
  if (!entry) {
    const fetch = createFixtureFetch({ ...(data ?? DEFAULT_FIXTURES), ...scenarios[scenario] });
    const client = createBaseClient({
      baseUrl: 'https://fixture.test',
      publishableKey: 'pk_test_fixture',
      fetch,
      storage: null,
      retry: 0,
      timeout: scenario === 'loading' ? 2_147_483_647 : 2000,
    });
    clients.set(key, (entry = { client, fetch }));
  }
  return entry;
}
