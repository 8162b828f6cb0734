import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // The omni-* tags are custom elements, not Vue components: Vue passes their props through.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('omni-') } } })],
  build: { target: 'es2022' },
});
