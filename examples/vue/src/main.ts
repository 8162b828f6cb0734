// Each entry registers its tag once.
import '@omnikit/elements/provider.js';
import '@omnikit/elements/stock-badge.js';
import '@omnikit/elements/price.js';
import { createApp } from 'vue';
import App from './App.vue';

const params = new URLSearchParams(location.search);
createApp(App, {
  api: params.get('api') ?? 'http://127.0.0.1:8787',
  publishableKey: params.get('key') ?? 'pk_test_omnikit_demo',
}).mount('#app');
