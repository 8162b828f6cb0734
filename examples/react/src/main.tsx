// The JSX types of every <omni-*> tag (generated from the elements' manifest); types only.
import type {} from '@omnikit/elements/react';
// Each entry registers its tag once.
import '@omnikit/elements/provider.js';
import '@omnikit/elements/stock-badge.js';
import '@omnikit/elements/price.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const params = new URLSearchParams(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={params.get('api') ?? 'http://127.0.0.1:8787'} publishableKey={params.get('key') ?? 'pk_test_omnikit_demo'} />
  </StrictMode>,
);
