import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.mjs';

/**
 * End-to-end tests in a real Chromium against `vite preview` of the production
 * build (`npm run e2e` builds first). Playwright cannot download browsers on our
 * machines, so we drive the system Chromium (see scripts/chromium-path.mjs).
 *
 * Training runs in a software-rendered browser on few cores, so the timeouts are
 * generous and the tests run one at a time: two browsers training side by side on
 * two cores would halve each other's speed and make the long-task check meaningless.
 */
const found = findChromium();
if (!found.path) {
  throw new Error(`No Chromium for Playwright (${found.source}). Run \`node scripts/ensure-chromium.mjs\` or set CHROMIUM_PATH.`);
}

/** `vite preview`'s default port; E2E_PORT moves it when 4173 is taken (e.g. by a running `npm run preview`). */
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The build to serve; E2E_DIST points elsewhere than dist/ (e.g. a private build while others rebuild dist/). */
const DIST = process.env.E2E_DIST;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    // The production build registers a service worker that precaches ~14 MB (app + MNIST); only e2e/offline.spec.ts needs it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: found.path, args: [...CHROMIUM_ARGS] },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort${DIST ? ` --outDir ${JSON.stringify(DIST)}` : ''}`,
    url: `http://localhost:${PORT}/`,
    // Never reuse: a preview started before the last build serves a stale asset list.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
