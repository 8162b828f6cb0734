import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TtlCache } from '../src/cache.js';

test('TtlCache forgets entries after the TTL and evicts the oldest when full', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000 });
  const c = new TtlCache<number>(100, 2);
  c.set('a', 1);
  assert.equal(c.get('a'), 1);
  t.mock.timers.tick(101);
  assert.equal(c.get('a'), undefined);
  c.set('a', 1);
  c.set('b', 2);
  c.set('c', 3);
  assert.equal(c.get('a'), undefined, 'oldest evicted');
  assert.equal(c.get('b'), 2);
  assert.equal(c.get('c'), 3);
  c.clear();
  assert.equal(c.get('b'), undefined);
});
