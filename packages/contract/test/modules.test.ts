import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as barrel from '../src/index.js';
import * as client from '../src/client.js';
import { routes } from '../src/routes.js';

const src = new URL('../src/', import.meta.url);

/** The contract modules `file` imports at run time (type-only imports are erased), transitively, itself included. */
function runtimeClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(new URL(f, src), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'\.\/([\w-]+)\.js';/gms)) {
      if (!m[1]) stack.push(`${m[2]}.ts`);
    }
  }
  return seen;
}

// The CDN build chunks by module: every module the widget path reaches lands in the chunk all
// widgets load, with every binding any other entry (sdk.js) uses. These keep the schemas of the
// resources no widget reads out of that closure.
describe('module layout', () => {
  it('keeps @omnikit/contract/client free of the modules only page scripts and the server use', () => {
    const reached = runtimeClosure('client.ts');
    for (const f of ['index.ts', 'routes.ts', 'inputs.ts', 'openapi.ts', 'stores.ts', 'categories.ts', 'nearest.ts', 'stock.ts', 'auth.ts', 'health.ts']) {
      assert.equal(reached.has(f), false, `client.ts reaches ${f}`);
    }
  });

  it('exports from the client entry the same bindings as the barrel', () => {
    const names = Object.keys(client);
    assert.ok(names.includes('getAvailabilityRoute') && names.includes('listProductsRoute') && names.includes('buildPath'));
    for (const name of names) assert.equal((client as Record<string, unknown>)[name], (barrel as Record<string, unknown>)[name], name);
  });

  it('builds the route table from the per-resource route constants', () => {
    assert.equal(routes.getAvailability.path, barrel.getAvailabilityRoute.path);
    assert.equal(routes.getAvailability.response, barrel.getAvailabilityRoute.response);
    assert.equal(routes.nearestAvailability.response, barrel.NearbyStockList);
    assert.equal(routes.listCategories.response, barrel.CategoryList);
    assert.equal(routes.health, barrel.healthRoute);
  });
});
