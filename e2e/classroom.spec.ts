import { LESSONS } from '../src/state/lessons';
import { CONFIG_KEYS } from '../src/state/urlCodec';
import { TINY_CIRCLE, expect, test, type PlaygroundPage } from './fixtures';

/** The experiment keys whose controls are on the settings panel now (`control-<key>` test ids that name a URL key). */
async function panelKeys(app: PlaygroundPage): Promise<string[]> {
  const ids = await app.page.locator('aside.panel [data-testid^="control-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  const keys = new Set<string>(CONFIG_KEYS);
  return [...new Set(ids.map((id) => id.slice('control-'.length)).filter((k) => keys.has(k)))];
}

test.describe('classroom links, share, presenter mode', () => {
  test('hide=lr,batch: those controls are absent, the rest present; a card with every control hidden has no heading', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&hide=lr,batch`);
    await expect(app.control('lr')).toHaveCount(0);
    await expect(page.getByTestId('control-lr-exact')).toHaveCount(0);
    await expect(app.control('batch')).toHaveCount(0);
    for (const key of ['dataset', 'noise', 'split', 'layers', 'act', 'opt', 'seed', 'backend'] as const) await expect(app.control(key)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Train', exact: true })).toBeVisible();

    // The whole Data card hidden: no empty "Data" heading.
    await app.open(`${TINY_CIRCLE}&hide=dataset,noise,split`);
    await expect(app.control('dataset')).toHaveCount(0);
    await expect(page.locator('aside.panel').getByRole('heading', { name: 'Data', exact: true })).toHaveCount(0);
    await expect(app.control('layers')).toBeVisible();
  });

  test('lock=dataset,noise: shown, disabled with a padlock, and the value cannot change', async ({ app, page }) => {
    await app.open(`${TINY_CIRCLE}&lock=dataset,noise`);
    await expect(app.control('dataset')).toBeDisabled();
    await expect(app.control('noise')).toBeDisabled();
    await expect(page.locator('fieldset[data-locked="true"]').filter({ has: app.control('noise') })).toContainText('Locked by the link');
    await expect(app.control('split')).toBeEnabled();

    // Events dispatched straight at the disabled inputs reach React; the store still refuses the locked keys.
    await app.setRange('noise', 30);
    await app.control('dataset').evaluate((el) => {
      const select = el as HTMLSelectElement;
      select.value = 'xor';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // An unlocked control beside them changes as usual (so the hash below has been rewritten since).
    await app.setRange('split', 30);
    await app.waitForHash('split', '30');
    const hash = await app.hashParams();
    expect(hash.noise).toBe('0');
    expect(hash.dataset).toBe('circle');
    expect(hash.lock).toBe('dataset,noise');
    await expect(app.control('noise')).toHaveValue('0');
    await expect(app.control('dataset')).toHaveValue('circle');
  });

  test("the builder's link, opened in a new page, hides and locks what was ticked", async ({ app, page, context }) => {
    await app.open(TINY_CIRCLE);
    await page.getByTestId('btn-classroom').click();
    const dialog = page.getByTestId('classroom-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('classroom-hide-lr').check();
    await dialog.getByTestId('classroom-hide-batch').check();
    await dialog.getByTestId('classroom-lock-dataset').check();
    const link = await dialog.getByTestId('classroom-link').inputValue();
    expect(link).toContain('hide=lr,batch');
    expect(link).toContain('lock=dataset');
    expect(link).toContain('dataset=circle');
    // Ticking the whole Training card hides its five controls at once.
    await dialog.getByTestId('classroom-hide-section-training').check();
    await expect(dialog.getByTestId('classroom-link')).toHaveValue(/hide=opt,lr,batch,seed,backend/);
    await dialog.getByTestId('classroom-hide-section-training').uncheck();
    await expect(dialog.getByTestId('classroom-link')).toHaveValue(link.replace('hide=lr,batch&', ''));
    await dialog.getByTestId('classroom-hide-lr').check();
    await dialog.getByTestId('classroom-hide-batch').check();
    await expect(dialog.getByTestId('classroom-link')).toHaveValue(link);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('btn-classroom')).toBeFocused();

    const student = await context.newPage();
    await student.goto(link);
    await expect(student.getByTestId('btn-play')).toBeVisible({ timeout: 30_000 });
    await expect(student.getByTestId('control-lr')).toHaveCount(0);
    await expect(student.getByTestId('control-batch')).toHaveCount(0);
    await expect(student.getByTestId('control-dataset')).toBeDisabled();
    await expect(student.getByTestId('control-seed')).toBeEnabled();
    await student.close();
  });

  test('btn-share copies the link and shows its QR code', async ({ app, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.open(TINY_CIRCLE);
    await app.setRange('noise', 20);
    await app.waitForHash('noise', '20');
    await page.getByTestId('btn-share').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog.getByTestId('share-status')).toHaveAttribute('data-state', 'copied');
    await expect(dialog.getByTestId('share-status')).toContainText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toContain('noise=20');
    await expect(dialog.getByTestId('share-link')).toHaveValue(copied);
    const qr = dialog.getByTestId('share-qr');
    await expect(qr).toBeVisible();
    // A ~300-character link: version 10–15 at level M (17 + 4·v modules a side).
    const version = Number(await qr.getAttribute('data-version'));
    expect(version).toBeGreaterThanOrEqual(5);
    expect(version).toBeLessThanOrEqual(20);
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(200);
    await dialog.getByTestId('share-dialog-close').click();
    await expect(dialog).toHaveCount(0);
  });

  test('when the clipboard is refused, the link is shown selected with a line saying to press Ctrl+C', async ({ app, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    });
    await app.open(TINY_CIRCLE);
    await page.getByTestId('btn-share').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog.getByTestId('share-status')).toHaveAttribute('data-state', 'failed');
    await expect(dialog.getByTestId('share-status')).toContainText('Ctrl+C');
    const box = dialog.getByTestId('share-link');
    await expect(box).toBeFocused();
    const selected = await box.evaluate((el) => {
      const input = el as HTMLInputElement;
      return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
    });
    expect(selected).toBe(page.url());
    await expect(dialog.getByTestId('share-qr')).toBeVisible();
  });

  test('btn-presenter and the p key toggle presenter mode, and present=1 reaches the URL', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    const button = page.getByTestId('btn-presenter');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    const rootSize = (): Promise<number> => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normalSize = await rootSize();
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.app.presenter')).toHaveCount(1);
    await app.waitForHash('present', '1');
    expect(await rootSize()).toBeGreaterThan(normalSize);
    // Without a lesson every (not hidden) control stays; the less-used figures step aside.
    await expect(app.control('lr')).toBeVisible();
    await expect(app.metric('test-accuracy')).toBeVisible();
    await expect(app.metric('flops')).toBeHidden();

    await app.focusPage();
    await page.keyboard.press('p');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await app.waitForHash('present', (v) => v === undefined);
    await expect(page.locator('.app.presenter')).toHaveCount(0);
    await expect(app.metric('flops')).toBeVisible();
  });

  test('? opens the shortcut help, Esc closes it; typing ? in a field does not', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    await app.focusPage();
    await page.keyboard.press('?');
    const help = page.getByTestId('help-dialog');
    await expect(help).toBeVisible();
    await expect(help.getByTestId('help-shortcuts')).toContainText('Presenter mode');
    // Keys inside the dialog are the dialog's: p does not switch presenter mode behind it.
    await page.keyboard.press('p');
    await expect(page.getByTestId('btn-presenter')).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    await page.getByTestId('btn-help').click();
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    await expect(page.getByTestId('btn-help')).toBeFocused();

    await app.control('seed').focus();
    await page.keyboard.press('?');
    await expect(help).toHaveCount(0);
  });

  test('presenter mode with a lesson open shows only that lesson’s controls', async ({ app, page }) => {
    const lesson = LESSONS.find((l) => l.id === 'magnitude');
    expect(lesson, 'the magnitude lesson').toBeDefined();
    await app.open(`${lesson!.hash.replace(/^#/, '')}&lesson=${lesson!.id}&present=1`);
    await expect(app.control('pmode')).toBeVisible();
    const shown = await panelKeys(app);
    expect(shown.length).toBeGreaterThan(0);
    for (const key of shown) expect(lesson!.controls, `control-${key} on the page`).toContain(key);
    await expect(app.control('dataset')).toHaveCount(0);
    await expect(app.control('lr')).toHaveCount(0);
    await expect(page.locator('aside.panel').getByRole('heading', { name: 'Data', exact: true })).toHaveCount(0);
    await expect(page.locator('aside.panel').getByRole('heading', { name: 'Training', exact: true })).toHaveCount(0);

    // Leaving presenter mode brings every control back.
    await app.focusPage();
    await page.keyboard.press('p');
    await expect(app.control('dataset')).toBeVisible();
    await expect(app.control('lr')).toBeVisible();
    expect((await panelKeys(app)).length).toBeGreaterThan(shown.length);
  });

  test('presenter mode walks a lesson one step at a time, and the loss chart starts on a 720 px screen', async ({ app, page }) => {
    const lesson = LESSONS.find((l) => l.id === 'lottery');
    expect(lesson, 'the lottery lesson').toBeDefined();
    await app.open(`${lesson!.hash.replace(/^#/, '')}&lesson=${lesson!.id}&present=1`);
    const current = page.getByTestId('lesson-step-current');
    const count = page.getByTestId('lesson-step-count');
    const prev = page.getByTestId('btn-lesson-step-prev');
    const next = page.getByTestId('btn-lesson-step-next');
    await expect(current).toHaveCount(1);
    await expect(count).toHaveText('Step 1 of 3');
    await expect(current).toContainText('five rounds');
    await expect(prev).toBeDisabled();

    await next.click();
    await expect(count).toHaveText('Step 2 of 3');
    await expect(current).toContainText('Random re-init (control)');
    await next.click();
    await expect(count).toHaveText('Step 3 of 3');
    await expect(next).toBeDisabled();
    await prev.click();
    await expect(count).toHaveText('Step 2 of 3');

    // The card stays in the sidebar: the loss chart begins in the top two thirds of a 1280×720 projector.
    const top = await page.getByTestId('chart-loss').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(520);

    // Restart goes back to the first step; outside presenter mode the steps come one at a time too.
    await page.getByTestId('btn-lesson-lottery').click();
    await expect(count).toHaveText('Step 1 of 3');
    await app.focusPage();
    await page.keyboard.press('p');
    await expect(page.locator('.app.presenter')).toHaveCount(0);
    await expect(page.getByTestId('lesson-step-count')).toHaveText('Step 1 of 3');
    await expect(page.locator('.lesson-steps li')).toHaveCount(1);
  });
});
