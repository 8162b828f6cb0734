/**
 * Mocha's BDD functions, typed. web-test-runner's mocha puts them on `globalThis` before a test
 * module runs; importing them from here keeps the repository free of global test typings
 * (which would clash with Node's `node:test` names elsewhere).
 */
type Done = (error?: unknown) => void;
type Fn = (this: { timeout(ms: number): void }, done: Done) => void | Promise<unknown>;
interface Mocha {
  describe(title: string, fn: () => void): void;
  it(title: string, fn: Fn): void;
  before(fn: Fn): void;
  after(fn: Fn): void;
  beforeEach(fn: Fn): void;
  afterEach(fn: Fn): void;
}
const g = globalThis as unknown as Mocha;
export const describe: Mocha['describe'] = (t, fn) => g.describe(t, fn);
export const it: Mocha['it'] = (t, fn) => g.it(t, fn);
export const before: Mocha['before'] = (fn) => g.before(fn);
export const after: Mocha['after'] = (fn) => g.after(fn);
export const beforeEach: Mocha['beforeEach'] = (fn) => g.beforeEach(fn);
export const afterEach: Mocha['afterEach'] = (fn) => g.afterEach(fn);
