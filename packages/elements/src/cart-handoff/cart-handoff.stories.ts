import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import type { CartHandoffMode } from './cart-handoff.js';
import './define.js';
import { storyClient, type StoryServer } from './story-server.js';

type Scenario = 'cart' | 'no-cart' | 'empty-cart' | 'expired' | 'loading' | 'network' | 'malformed';

interface Args {
  scenario: Scenario;
  mode: CartHandoffMode;
  open: boolean;
  locale: string;
}

const SCENARIOS: Record<Scenario, StoryServer> = {
  cart: { lines: 2 },
  'no-cart': { lines: null },
  'empty-cart': { lines: 0 },
  // Every code the server makes is already out of date: the renewals run out, "New code" stays.
  expired: { lines: 2, minutes: -1 },
  loading: { fail: 'timeout' },
  network: { fail: 'network' },
  malformed: { fail: 'malformed' },
};

const clients = new Map<string, OmniClient>();
/** One client per scenario and story, kept across re-renders (no second stream, no second code). */
function client(scenario: Scenario, story: string): OmniClient {
  const key = `${scenario}-${story}`;
  let c = clients.get(key);
  if (!c) clients.set(key, (c = storyClient(SCENARIOS[scenario], key, scenario === 'loading' ? 2_147_483_647 : 2000)));
  return c;
}

/**
 * Moves the cart to another device: the QR code and short code on this one, the field for a
 * code on the other. Fixture transport (the story's cart has two lines; the code `ACDE-F349`
 * is the one `resume` accepts).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Cart handoff',
  component: 'omni-cart-handoff',
  args: { scenario: 'cart', mode: 'both', open: true, locale: 'en' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(SCENARIOS) },
    mode: { control: 'inline-radio', options: ['show', 'resume', 'both'] },
    open: { control: 'boolean' },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
  },
  render: (args, { globals, name }) => html`
    <omni-provider .client=${client(args.scenario, `${name ?? ''}-${args.mode}-${args.locale}`)} locale=${args.locale} theme=${globals.theme}>
      <omni-cart-handoff mode=${args.mode} ?open=${args.open}></omni-cart-handoff>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** A code for a cart of two lines: the QR code, `ACDE-F349` and the minutes it stays valid; beside it the field. */
export const Shown: Story = {};

/** Before the shopper asks: the button "Continue on another device" (no code is made until then). */
export const Button: Story = { args: { open: false } };

/** The field alone (`mode="resume"`), as a phone's cart page shows it. Type `ACDE-F349` to open the story's cart. */
export const Resume: Story = { args: { mode: 'resume' } };

/** The code alone (`mode="show"`), as a kiosk's checkout screen shows it. */
export const ShowOnly: Story = { args: { mode: 'show' } };

/** This device has no cart: nothing to hand off, and no code (nor cart) is made. */
export const NoCart: Story = { args: { scenario: 'no-cart', mode: 'show' } };

/** A cart without lines: the same. */
export const EmptyCart: Story = { args: { scenario: 'empty-cart', mode: 'show' } };

/** The code ran out and its automatic renewals are used up: struck through, no QR code, "New code". */
export const Expired: Story = { args: { scenario: 'expired', mode: 'show' } };

/** While the cart is read and the code made: the QR code's box is reserved (no layout shift). */
export const Loading: Story = { args: { scenario: 'loading', mode: 'show' } };

/** The API is unreachable: the reason and "Try again". */
export const ErrorNetwork: Story = { args: { scenario: 'network', mode: 'show' } };

/** The API answers something that is not JSON: the same. */
export const ErrorMalformed: Story = { args: { scenario: 'malformed', mode: 'show' } };

/** Swedish: "Fortsätt på en annan enhet", "Går ut om 15 minuter", "Har du en kod?". */
export const Swedish: Story = { args: { locale: 'sv-SE' } };

/** Finnish. */
export const Finnish: Story = { args: { locale: 'fi-FI' } };
