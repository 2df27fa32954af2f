import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, WEBGPU_ARGS, findChromium } from '../scripts/chromium-path.mjs';
import { PlaygroundPage, REAL_BACKENDS, expect, test } from './fixtures';

const CIRCLE = 'dataset=circle&noise=0&split=50&layers=8,8&act=tanh&opt=adam&lr=0.03&batch=10&seed=1';

test.describe('backends', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    test(`backend=${backend} trains on ${backend}`, async ({ app }) => {
      await app.open(`${CIRCLE}&backend=${backend}`);
      expect(await app.controlValue('backend')).toBe(backend);
      await app.play();
      await app.waitForStep(50, 45_000);
      await expect(app.metric('backend')).toHaveAttribute('data-value', backend);
      await app.waitFor('train-loss', Number.isFinite, 10_000, 'to be finite');
      await app.pause();
    });
  }

  test('backend=auto measures and settles on a real backend', async ({ app }) => {
    test.setTimeout(120_000);
    await app.open(`${CIRCLE}&backend=auto`);
    await app.play();
    await app.waitForStep(50, 90_000);
    const chosen = await app.raw('backend');
    expect(REAL_BACKENDS as readonly string[]).toContain(chosen);
    // The URL keeps the user's choice (auto), not the measured winner.
    expect((await app.hashParams()).backend ?? 'auto').toBe('auto');
    await app.pause();
  });

  test('backend=webgpu trains on WebGPU, or says why not and trains on another backend', async ({ baseURL }, testInfo) => {
    test.setTimeout(90_000);
    // The suite's browser runs without WebGPU; this test starts one with it (SwiftShader without a GPU).
    const browser = await chromium.launch({ executablePath: findChromium().path, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
    try {
      const page = await browser.newPage({ baseURL });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
      const app = new PlaygroundPage(page);
      await app.open(`${CIRCLE}&backend=webgpu`);
      const hasAdapter = await page.evaluate(async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
      await app.play();
      await app.waitForStep(30, 60_000);
      if (hasAdapter) {
        await expect(app.metric('backend'), 'still on WebGPU after 30 steps (no fallback)').toHaveAttribute('data-value', 'webgpu');
      } else {
        // No adapter: the app must name the real reason and train on the next backend instead.
        expect(['webgl', 'wasm', 'cpu']).toContain(await app.raw('backend'));
        await expect(page.getByTestId('backend-notice')).toContainText(/webgpu/i);
      }
      await app.waitFor('train-loss', Number.isFinite, 10_000, 'to be finite');
      await app.pause();
      expect(errors).toEqual([]);
    } catch (e) {
      const page = browser.contexts()[0]?.pages()[0];
      if (page) await testInfo.attach('webgpu page', { body: await page.screenshot(), contentType: 'image/png' });
      throw e;
    } finally {
      await browser.close();
    }
  });
});
