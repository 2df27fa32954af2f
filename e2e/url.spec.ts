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

  test('a partial link takes its dataset’s defaults for the keys it leaves out; the keys it names keep their values', async ({ app }) => {
    test.setTimeout(120_000);
    await app.open('dataset=mnist&backend=wasm');
    await expect(app.urlNotice).toHaveCount(0);
    // LeNet-300-100, as choosing MNIST in the page gives (not the toy sets' 8,8 with tanh, lr 0.03 and batch 10).
    expect((await app.controlValue('layers')).replace(/\s/g, '')).toBe('300,100');
    expect(await app.controlValue('act')).toBe('relu');
    expect(Number(await app.controlValue('lr'))).toBe(0.001);
    expect(Number(await app.controlValue('batch'))).toBe(128);
    await app.waitFor('params', (p) => p === 266_610, 60_000, 'to be 266,610 for LeNet-300-100');
    // The page writes the full link: every key now spelled out.
    await app.waitForHash('layers', '300,100');
    expect(await app.hashParams()).toMatchObject({ dataset: 'mnist', arch: 'mlp', act: 'relu', opt: 'adam', lr: '0.001', batch: '128', dropout: '0' });

    // A CNN link: the small CNN's conv stack, dense layer and batch, with the learning rate the link names.
    await app.open('dataset=mnist&arch=cnn&lr=0.01&backend=webgl');
    await app.waitForHash('conv', '8:5,16:5');
    expect(await app.hashParams()).toMatchObject({ arch: 'cnn', conv: '8:5,16:5', pool: '2', layers: '32', act: 'relu', lr: '0.01', batch: '32', dropout: '0' });
    // conv 5·5·1·8 + 8, conv 5·5·8·16 + 16, dense 4·4·16·32 + 32, output 32·10 + 10.
    await app.waitFor('params', (p) => p === 11_978, 60_000, 'to be 11,978 for the small CNN');
    await expect(app.urlNotice).toHaveCount(0);
  });

  test('a lesson link without settings opens the lesson’s preset, paused, with fresh weights', async ({ app, page }) => {
    test.setTimeout(120_000);
    await app.open('lesson=magnitude');
    const lesson = page.getByTestId('lesson-magnitude');
    await expect(lesson).toHaveAttribute('data-open', 'true');
    await expect(lesson).toContainText('train the dense MNIST network (784-100-10)');
    // The lesson's preset, not the 2-8-8-2 circle network (114 parameters) under lesson 3's text.
    expect(await app.controlValue('dataset')).toBe('mnist');
    expect((await app.controlValue('layers')).replace(/\s/g, '')).toBe('100');
    expect(await app.controlValue('pmode')).toBe('sparsity');
    await app.waitFor('params', (p) => p === 784 * 100 + 100 + 100 * 10 + 10, 60_000, 'to be 79,510 for 784-100-10');
    await app.waitForHash('layers', '100');
    expect(await app.hashParams()).toMatchObject({ dataset: 'mnist', layers: '100', act: 'relu', lr: '0.003', batch: '64', backend: 'wasm', pmode: 'sparsity', lesson: 'magnitude' });
    expect(await app.step()).toBe(0);
    expect(await app.playState()).toBe('paused');
    await expect(app.urlNotice).toHaveCount(0);

    // Pasted while training: the next lesson (the same preset) starts again from fresh weights, paused.
    await app.play();
    await app.waitForStep(5, 60_000);
    await page.evaluate(() => {
      location.hash = 'lesson=finetune';
    });
    await expect(page.getByTestId('lesson-finetune')).toHaveAttribute('data-open', 'true');
    await expect(app.playButton).toHaveAttribute('data-state', 'paused');
    await expect(app.metric('step')).toHaveAttribute('data-value', '0');
    // The page writes the whole experiment back into the link (debounced).
    await app.waitForHash('layers', '100');
    expect(await app.hashParams()).toMatchObject({ dataset: 'mnist', layers: '100', pmode: 'sparsity', lesson: 'finetune' });
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
