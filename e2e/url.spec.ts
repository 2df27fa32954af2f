import { DATASET_NAMES } from '../src/engine/types';
import { TINY_CIRCLE, expect, test } from './fixtures';

test.describe('shareable URL', () => {
  test('a full link sets every control', async ({ app }) => {
    await app.open('dataset=xor&noise=10&split=70&layers=6,4&act=relu&opt=momentum&lr=0.01&batch=20&seed=7&backend=cpu');
    await expect(app.urlNotice).toHaveCount(0);
    expect(await app.controlValue('dataset')).toBe('xor');
    expect(Number(await app.controlValue('noise'))).toBe(10);
    expect(Number(await app.controlValue('split'))).toBe(70);
    expect((await app.controlValue('layers')).replace(/\s/g, '')).toBe('6,4');
    expect(await app.controlValue('act')).toBe('relu');
    expect(await app.controlValue('opt')).toBe('momentum');
    expect(Number(await app.controlValue('lr'))).toBe(0.01);
    expect(Number(await app.controlValue('batch'))).toBe(20);
    expect(Number(await app.controlValue('seed'))).toBe(7);
    expect(await app.controlValue('backend')).toBe('cpu');
    // 2-6-4-2: (2·6+6) + (6·4+4) + (4·2+2) = 56 parameters.
    await app.waitFor('params', (p) => p === 56, 15_000, 'to be 56 for 2-6-4-2');
  });

  test('changing controls updates the URL hash, and a reload restores them', async ({ app, page }) => {
    await app.open(TINY_CIRCLE);
    await app.waitFor('params', (p) => p === 114, 15_000, 'to be 114 for 2-8-8-2');

    await app.setControl('dataset', 'xor');
    await app.waitForHash('dataset', 'xor');

    // The learning rate is a select (pick another option) or a free input.
    const lrOptions = await app.controlOptions('lr');
    const newLr = lrOptions ? lrOptions.find((v) => Number(v) !== 0.03 && Number(v) > 0)! : '0.1';
    await app.setControl('lr', newLr);
    await app.waitForHash('lr', (v) => v !== undefined && Number(v) === Number(newLr));

    await app.setControl('layers', '5,3');
    await app.waitForHash('layers', '5,3');
    // 2-5-3-2: 15 + 18 + 8 = 41 parameters.
    await app.waitFor('params', (p) => p === 41, 15_000, 'to be 41 for 2-5-3-2');

    const sharedUrl = page.url();
    await page.reload();
    await app.waitReady();
    expect(await app.controlValue('dataset')).toBe('xor');
    expect(Number(await app.controlValue('lr'))).toBe(Number(newLr));
    expect((await app.controlValue('layers')).replace(/\s/g, '')).toBe('5,3');
    await expect(app.urlNotice).toHaveCount(0);

    // The same link opened in a fresh tab (as a student receiving it) reproduces the experiment.
    const other = await page.context().newPage();
    await other.goto(sharedUrl);
    await expect(other.getByTestId('control-dataset')).toHaveValue('xor');
    await expect(other.getByTestId('control-layers')).toHaveValue(/^5,\s*3$/);
    await other.close();
  });

  test('a hostile link shows a notice, injects nothing, and trains with defaults', async ({ app, page, incidents }) => {
    await app.open('layers=-1,1e9&lr=NaN&dataset=<img src=x onerror=alert(1)>');

    await expect(app.urlNotice).toBeVisible();
    const notice = await app.urlNotice.innerText();
    for (const key of ['layers', 'lr', 'dataset']) expect(notice, `the notice names ${key}`).toContain(key);

    // Nothing from the URL became markup.
    const injected = await page.evaluate(() => ({
      images: Array.from(document.querySelectorAll('img')).map((img) => img.getAttribute('src')),
      onerror: document.querySelectorAll('[onerror]').length,
    }));
    expect(injected.images.filter((src) => src === 'x' || src?.endsWith('/x'))).toEqual([]);
    expect(injected.onerror).toBe(0);

    // Defaults took the rejected keys' places.
    expect(DATASET_NAMES as readonly string[]).toContain(await app.controlValue('dataset'));
    const lr = Number(await app.controlValue('lr'));
    expect(lr).toBeGreaterThan(0);
    expect(Number.isFinite(lr)).toBe(true);
    const layers = await app.controlValue('layers');
    expect(layers).not.toContain('-1');
    expect(layers).not.toContain('1e9');

    // And it trains.
    await app.play();
    await app.waitForStep(20, 45_000);
    await app.waitFor('train-loss', Number.isFinite, 10_000, 'to be finite');
    await app.pause();

    await page.waitForTimeout(500);
    expect(incidents.dialogs, 'no alert fired').toEqual([]);
  });
});
