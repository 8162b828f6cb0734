import { createBaseClient } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, type FixtureFetchOptions } from '@omnikit/sdk/testing';
import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { OmniClient } from '../context.js';
import { afterEach, describe, it } from './mocha.js';
import { recordPageErrors } from './page-errors.js';

/** What a widget's shared suites need to know about it. */
export interface WidgetUnderTest {
  /** Tag name, e.g. `omni-price`. */
  tag: string;
  /** The widget inside an `<omni-provider .client=${client}>`; the suite finds it by `tag`. */
  render(client: OmniClient): TemplateResult;
  /** Fixture data the widget needs (default: the SDK's DEFAULT_FIXTURES). */
  data?: FixtureFetchOptions;
}

/** A client on the SDK's fixture transport that gives up quickly, for failure tests. */
export function fixtureTestClient(options: FixtureFetchOptions): OmniClient {
  return createBaseClient({
    baseUrl: 'https://fixture.test',
    publishableKey: 'pk_test_fixture',
    fetch: createFixtureFetch(options),
    timeout: 300,
    retry: 0,
    storage: null,
  });
}

/**
 * Every widget, whatever the API does (unreachable, too slow, malformed JSON, a 500, valid JSON
 * of the wrong shape), ends in its `error` state with a visible fallback text, stays
 * accessible, and throws nothing into the host page.
 */
export function failureSuite(w: WidgetUnderTest): void {
  describe(`<${w.tag}> when the API fails`, () => {
    const clients: OmniClient[] = [];
    afterEach(() => {
      for (const c of clients.splice(0)) c.close();
    });
    for (const fail of ['network', 'timeout', 'malformed', 'http500', 'schema'] as const) {
      it(`"${fail}": fallback text, accessible, no uncaught error`, async () => {
        const rec = recordPageErrors();
        const client = fixtureTestClient({ ...(w.data ?? DEFAULT_FIXTURES), fail });
        clients.push(client);
        const host = await fixture(w.render(client));
        const el = (host.matches(w.tag) ? host : host.querySelector(w.tag))!;
        await waitUntil(() => el.matches(':state(error)'), `<${w.tag}> did not reach :state(error)`, { timeout: 5000 });
        expect(el.shadowRoot!.textContent!.trim()).to.not.equal('');
        await expect(el).to.be.accessible();
        await new Promise((r) => setTimeout(r, 50));
        rec.stop();
        expect(rec.errors).to.deep.equal([]);
      });
    }
  });
}

/** A CSF story as the widget tests read it. */
export interface StoryUnderTest {
  args?: object;
  render?: (args: never, context: never) => unknown;
}

/** The stories of a module (`import meta, * as stories`), without its default export, by name. */
export function storiesOf(module: Record<string, unknown>): [string, StoryUnderTest][] {
  return Object.entries(module).filter(([name]) => name !== 'default') as [string, StoryUnderTest][];
}

/** Renders a story (its args over the meta's, its own render or the meta's) as a test fixture. */
export function renderStory(meta: { args?: object; render?: (args: never, context: never) => unknown }, story: StoryUnderTest): Promise<HTMLElement> {
  const render = (story.render ?? meta.render)!;
  return fixture<HTMLElement>(render({ ...meta.args, ...story.args } as never, { globals: {} } as never) as TemplateResult);
}
