import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { TINY_CIRCLE, expect, test } from './fixtures';

/** A noisy spiral: after a few hundred steps the accuracy is far from 0.5 and from 1, so equal values mean the same network. */
const NOISY_SPIRAL = 'dataset=spiral&noise=15&split=50&layers=8,8&act=tanh&opt=adam&lr=0.03&batch=10&seed=1&backend=cpu';

/**
 * Save or load the model: export a trained network as a TensorFlow.js layers
 * model (model.json + model.weights.bin), start over, import the two files,
 * and the header shows the exported network's test accuracy again.
 */
test('export a trained 2-D network, reset, import both files: the same test accuracy, step 0', async ({ app, page }, testInfo) => {
  test.setTimeout(60_000);
  await app.open(NOISY_SPIRAL);
  await app.play();
  await app.waitForStep(300, 30_000);
  const step = await app.pause();
  // Pausing evaluates the test set at the paused step.
  const accuracy = await app.raw('test-accuracy');
  expect(Number(accuracy)).toBeGreaterThan(0);
  expect(Number(accuracy)).toBeLessThan(1);
  const params = await app.num('params');

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('btn-export-model').click();
  await expect.poll(() => downloads.length, { message: 'two downloads' }).toBe(2);
  const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
  expect([...byName.keys()].sort()).toEqual(['model.json', 'model.weights.bin']);
  const jsonPath = testInfo.outputPath('model.json');
  const binPath = testInfo.outputPath('model.weights.bin');
  await byName.get('model.json')!.saveAs(jsonPath);
  await byName.get('model.weights.bin')!.saveAs(binPath);
  await expect(page.getByTestId('modelio-message')).toHaveAttribute('data-kind', 'info');

  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as { weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[] };
  expect(json.weightsManifest.map((g) => g.paths)).toEqual([['./model.weights.bin']]);
  const floats = json.weightsManifest[0].weights.reduce((n, w) => n + w.shape.reduce((p, d) => p * d, 1), 0);
  expect(floats).toBe(params);
  expect((await readFile(binPath)).byteLength).toBe(4 * floats);

  // Start over from the seed: the accuracy is gone, the step is 0.
  await app.resetButton.click();
  await app.waitFor('step', (s) => s === 0, 10_000, 'to be 0 after reset');
  await expect(app.metric('test-accuracy')).toHaveAttribute('data-value', '');

  await page.getByTestId('control-import-model').setInputFiles([jsonPath, binPath]);
  await expect(page.getByTestId('modelio-message')).toHaveAttribute('data-kind', 'info');
  await expect(page.getByTestId('modelio-message')).toContainText('2-8-8-2 tanh');
  await expect(app.metric('test-accuracy')).toHaveAttribute('data-value', accuracy, { timeout: 15_000 });
  expect(await app.step()).toBe(0);
  console.log(`modelio: exported at step ${step}, test accuracy ${accuracy}; the imported network reads ${await app.raw('test-accuracy')}`);

  // The imported network trains on.
  await app.play();
  await app.waitForStep(20, 15_000);
  await app.pause();
});

test('a bad file: the card says why, the run carries on', async ({ app, page }) => {
  await app.open(TINY_CIRCLE);
  const message = page.getByTestId('modelio-message');
  const input = page.getByTestId('control-import-model');

  await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await expect(message).toHaveAttribute('data-kind', 'error');
  await expect(message).toContainText('not a TensorFlow.js layers model');

  await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": ') });
  await expect(message).toContainText('not valid JSON');

  await input.setInputFiles({ name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8) });
  await expect(message).toContainText('Pick model.json together with its weights file');

  // A model.json whose weights file was not picked with it.
  const lonely = {
    modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, activation: 'softmax', batch_input_shape: [null, 2] } }] } },
    weightsManifest: [{ paths: ['./model.weights.bin'], weights: [{ name: 'd/kernel', shape: [2, 2], dtype: 'float32' }, { name: 'd/bias', shape: [2], dtype: 'float32' }] }],
  };
  await input.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lonely)) });
  await expect(message).toContainText('model.weights.bin is missing');

  // Nothing broke: the run trains.
  await app.play();
  await app.waitForStep(20, 15_000);
  await app.pause();
});
