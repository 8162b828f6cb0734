import { defineConfig } from 'vite';

// No React plugin needed for a production build: esbuild compiles the TSX with React's
// automatic runtime. (Add @vitejs/plugin-react for Fast Refresh in development.)
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: { target: 'es2022' },
});
