import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/dist/custom-elements.json';

// Docs and controls come from the manifest built from the widgets' doc comments
// (`npm run manifest -w packages/elements`, run by the storybook scripts).
setCustomElementsManifest(manifest);

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Light or dark theme for every widget',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, context) => {
      // Stories pass the global to their <omni-provider theme>; the page follows it too.
      const dark = context.globals.theme === 'dark';
      document.body.style.background = dark ? '#0d1117' : '#ffffff';
      document.body.style.colorScheme = dark ? 'dark' : 'light';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};

export default preview;
