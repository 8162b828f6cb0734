import type { StorybookConfig } from '@storybook/web-components-vite';

// Stories live beside each widget; the "Live server" group talks to a reference server on
// http://127.0.0.1:8787 (`npm start`). Everything else runs on the SDK's fixture transport.
const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts', './*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    // Workspace packages resolve to their TypeScript sources, as in the tests.
    config.resolve ??= {};
    config.resolve.conditions = ['source', 'module', 'browser', 'development|production'];
    return config;
  },
};

export default config;
