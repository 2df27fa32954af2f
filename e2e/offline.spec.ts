import { TINY_CIRCLE, expect, test } from './fixtures';

/**
 * Offline after the first visit: the service worker (public/sw.js) precaches
 * the app and the MNIST asset; with the network gone, a reload still loads the
 * app, switching to MNIST loads the digits from the cache, and training runs.
 */
test.use({ serviceWorkers: 'allow' });

test('offline after the first visit: reload without a network, MNIST from the cache, training advances', async ({ app, page, context }) => {
  test.setTimeout(90_000);
  await app.open(TINY_CIRCLE);
  // The first visit installs the worker; it is active (so its precache is complete) when the page says so.
  await expect(page.locator('html')).toHaveAttribute('data-offline-ready', 'true', { timeout: 40_000 });
  await expect(page.getByTestId('offline-note')).toHaveAttribute('data-state', 'ready');

  // No network from here on: the browser's offline mode, and every request that still reaches the network fails.
  const reachedNetwork: string[] = [];
  await context.setOffline(true);
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });

  await page.reload();
  await app.waitReady();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the reloaded page is served by the worker').toBe(true);

  await app.setControl('dataset', 'mnist');
  await app.waitFor('params', (p) => p === 266_610, 10_000, 'to be 266,610 for LeNet-300-100');
  // The digits come from the cache: the run is ready (paused), not failed.
  await expect(page.getByTestId('loading-bar')).toHaveCount(0, { timeout: 40_000 });
  await expect(page.locator('[data-testid=phase-message][data-phase=error]')).toHaveCount(0);
  await app.play();
  await app.waitForStep(3, 40_000);
  await app.pause();
  expect(await app.num('test-accuracy')).toBeGreaterThanOrEqual(0);

  // Only the page itself may have tried the network (network first, then the cache); no asset did.
  expect(reachedNetwork.filter((url) => /\/(assets|data)\//.test(url))).toEqual([]);
});
