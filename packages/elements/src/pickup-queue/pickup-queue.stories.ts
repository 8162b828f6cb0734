import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createBaseClient } from '@omnikit/sdk/base';
import { createStaffClient, type StaffClient } from '@omnikit/sdk/admin';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import { storyOrdersFetch } from '../internal/testing/story-orders.js';
import './define.js';

type Scenario = 'queue' | 'signed-out' | 'api-down';

interface Args {
  scenario: Scenario;
  locale: string;
}

const STORE = 'se-solna-mall-of-scandinavia';
const page = createBaseClient({ baseUrl: 'https://story.test', publishableKey: 'pk_test_story', storage: null });
const staff = new Map<string, StaffClient>();
/** One staff client per scenario and story (its steps answer as the server would). */
function staffClient(scenario: Scenario, story: string): StaffClient {
  const key = `${scenario}-${story}`;
  let c = staff.get(key);
  if (!c) {
    c = createStaffClient({ baseUrl: 'https://story.test', staffToken: 'st_story', retry: 0, timeout: 2000, fetch: storyOrdersFetch({ fail: scenario === 'api-down' }) });
    staff.set(key, c);
  }
  return c;
}

/**
 * The staff's queue of one store: at the curb first, then to pick, being picked, ready, and
 * waiting for the shopper. Orders recorded from the reference server; the steps answer as it would.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Pickup queue',
  component: 'omni-pickup-queue',
  args: { scenario: 'queue', locale: 'en' },
  argTypes: {
    scenario: { control: 'inline-radio', options: ['queue', 'signed-out', 'api-down'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
  },
  render: (args, { globals, name }) => html`
    <omni-provider .client=${page as OmniClient} locale=${args.locale} theme=${globals.theme}>
      <omni-pickup-queue store=${STORE} .adminClient=${args.scenario === 'signed-out' ? undefined : staffClient(args.scenario, `${name ?? ''}-${args.locale}`)}></omni-pickup-queue>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** A store's queue with a shopper at the curb, orders to pick, being picked, ready and one needing attention. */
export const Queue: Story = {};

/** No staff session: the back office must sign the clerk in. */
export const SignedOut: Story = { args: { scenario: 'signed-out' } };

/** The API is down: the reason and "Try again". */
export const ApiDown: Story = { args: { scenario: 'api-down' } };

/** In Finnish. */
export const Finnish: Story = { args: { locale: 'fi-FI' } };
