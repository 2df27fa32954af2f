import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { swPrecache } from './scripts/sw-precache.mjs';

// One config for the app (vite), the worker bundle and the unit tests (vitest).
export default defineConfig({
  base: './',
  // swPrecache: writes the build's file list and version into the service worker (public/sw.js) for offline use.
  plugins: [react(), swPrecache()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
