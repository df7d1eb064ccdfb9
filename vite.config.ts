import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The web UI. Built into dist/web, which the server serves (falling back to index.html for
 * every non-/api path). Output is plain files only: the Content-Security-Policy allows no inline
 * scripts or styles.
 */
const config: UserConfig = {
  root: 'src/web',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Keep every asset a file: data: URLs for fonts or scripts would need CSP exceptions.
    assetsInlineLimit: 0,
    sourcemap: false,
    // React, the router, react-hook-form and zod together; one file is fine on an intranet.
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
};

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a test run: vitest sets
  // NODE_ENV=test, which would otherwise give React's development bundle and JSX runtime.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
