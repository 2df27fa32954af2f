/**
 * What the page remembers (src/state/persist.ts): the last experiment and the
 * pinned runs survive a reload through local storage; a link's hash wins over
 * the stored experiment but keeps the pins; an old envelope is migrated; a
 * corrupted one is discarded with a notice inside the run-notice region, and
 * the app works on.
 */
import type { Page } from '@playwright/test';
import { TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

const KEY = 'prune-playground:session';

/** Puts `value` under the session key before the app's first script runs (this test's only navigation). */
async function seedStorage(page: Page, value: string): Promise<void> {
  await page.addInitScript(([key, text]) => localStorage.setItem(key, text), [KEY, value] as const);
}

/** The stored session, parsed (null when there is none). */
async function storedSession(page: Page): Promise<{ v: number; config: string; pins: { config: string; points: unknown[] }[] } | null> {
  const text = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return text === null ? null : JSON.parse(text);
}

const pinItems = (app: PlaygroundPage) => app.page.getByTestId('pinned-runs').locator(':scope > li');

/** A readable v2 pin: 20 steps of a falling loss, a test evaluation every 5. */
const PIN = {
  config: '#dataset=xor&seed=5',
  points: Array.from({ length: 20 }, (_, i) => ({ step: i + 1, trainLoss: 1 / (i + 1), ...(i % 5 === 4 ? { testLoss: 0.6, testAccuracy: 0.7 } : {}) })),
  step: 20,
  colour: '#56b4e9',
};

test('the last experiment and a pinned run survive a visit to the bare address', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  await app.play();
  await app.waitForStep(40);
  const pinnedStep = await app.pause();
  await page.getByTestId('btn-pin').click();
  await expect(pinItems(app)).toHaveCount(1);
  await app.setControl('seed', '7');
  await app.setControl('act', 'relu');
  await app.waitForHash('act', 'relu');
  // Away at once, whether or not the debounced write has happened yet (pagehide makes a pending one).
  await page.evaluate(() => ((window as unknown as { __before: boolean }).__before = true));
  await page.goto('./');
  await app.waitReady();
  expect(await page.evaluate(() => (window as unknown as { __before?: boolean }).__before), 'a real reload').toBeUndefined();
  expect(await app.controlValue('seed')).toBe('7');
  expect(await app.controlValue('act')).toBe('relu');
  expect(await app.controlValue('backend')).toBe('cpu');
  // The address bar shows the restored experiment, so it can be shared as it is.
  await app.waitForHash('seed', '7');
  await app.waitForHash('layers', '8,8');
  await expect(pinItems(app)).toHaveCount(1);
  // The pin keeps the settings it trained with, and its whole curve.
  const pin = await page.evaluate(() => {
    const { pinned } = (window as unknown as { __playground: { store: { getState(): { pinned: { config: { seed: number; act: string }; step: number }[] } } } }).__playground.store.getState();
    return { seed: pinned[0].config.seed, act: pinned[0].config.act, step: pinned[0].step };
  });
  expect(pin).toEqual({ seed: 1, act: 'tanh', step: pinnedStep });
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-pinned', '1');
  await expect.poll(() => page.getByTestId('chart-loss').locator('.pinned-line').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
});

test('a corrupted stored value is discarded with a notice, and the app trains', async ({ app, page }) => {
  // Half-written: the write was cut off.
  await seedStorage(page, '{"v":2,"config":"#dataset=spiral&seed=4&backend=cpu","pins":[{"config":"#data');
  await app.open();
  const notice = page.getByTestId('run-notice').getByTestId('storage-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice).toContainText('could not be read and were discarded');
  // Nothing of it was used; the defaults are.
  expect(await app.controlValue('dataset')).toBe('circle');
  await expect(pinItems(app)).toHaveCount(0);
  // The bad value is gone: a clean envelope replaced it.
  await expect.poll(async () => (await storedSession(page))?.v).toBe(2);
  expect((await storedSession(page))!.config).toContain('dataset=circle');
  await app.stepButton.click();
  await app.waitForStep(1, 60_000);
  await page.getByTestId('btn-dismiss-storage-notice').click();
  await expect(notice).toHaveCount(0);
});

test('a link ignores the stored experiment but keeps the pins; a pin on another dataset is listed, not drawn', async ({ app, page }) => {
  await seedStorage(page, JSON.stringify({ v: 2, config: '#dataset=xor&seed=5&backend=cpu', pins: [PIN], savedAt: 0 }));
  await app.open('dataset=spiral&backend=cpu');
  expect(await app.controlValue('dataset')).toBe('spiral');
  expect(await app.controlValue('seed')).toBe('1');
  await expect(pinItems(app)).toHaveCount(1);
  // Pinned on xor, the live run is on spiral: not like with like, so the pin says why and no chart draws it.
  await expect(pinItems(app).first()).toHaveAttribute('data-overlaid', 'false');
  await expect(pinItems(app).first().getByTestId('pin-label')).toHaveText('pinned on xor: not comparable with spiral');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-pinned', '0');
  await expect(page.getByTestId('chart-loss').locator('.pinned-line')).toHaveCount(0);
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  // Back on xor (the pin's own dataset), the pin is drawn again.
  await app.setControl('dataset', 'xor');
  await expect(pinItems(app).first()).toHaveAttribute('data-overlaid', 'true');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-pinned', '1');
  await expect.poll(() => page.getByTestId('chart-loss').locator('.pinned-line').count()).toBeGreaterThan(0);
  await app.setControl('dataset', 'spiral');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-pinned', '0');
  // From now on the link's experiment is the last one, the pin still beside it.
  await expect.poll(async () => (await storedSession(page))?.config).toContain('dataset=spiral');
  expect((await storedSession(page))!.pins.map((p) => p.config)).toEqual([expect.stringContaining('dataset=xor')]);
});

test('a version-1 envelope is migrated', async ({ app, page }) => {
  await seedStorage(page, JSON.stringify({ v: 1, config: '#dataset=xor&seed=9&backend=cpu' }));
  await app.open();
  expect(await app.controlValue('dataset')).toBe('xor');
  expect(await app.controlValue('seed')).toBe('9');
  await app.waitForHash('dataset', 'xor');
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await expect.poll(async () => (await storedSession(page))?.v).toBe(2);
  expect((await storedSession(page))!.config).toContain('seed=9');
});

test('a full storage: the refused write is said, and the page trains on', async ({ app, page }) => {
  // Fill this origin's real local-storage quota, in ever smaller chunks, before the app starts.
  await page.addInitScript(() => {
    for (let size = 1 << 22, i = 0; size >= 8; ) {
      try {
        localStorage.setItem(`filler-${i++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  await app.open(TINY_CIRCLE);
  const notice = page.getByTestId('run-notice').getByTestId('storage-notice');
  await expect(notice).toHaveAttribute('data-kind', 'full');
  await expect(notice).toContainText('storage is full');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
  await page.getByTestId('btn-dismiss-storage-notice').click();
  await app.setControl('seed', '3');
  await app.stepButton.click();
  await app.waitForStep(1);
  await app.waitForHash('seed', '3');
});
