import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetInfo } from '../../../src/engine/data/catalog';
import { effectiveWeights, exportModel, WEIGHTS_FILE } from '../../../src/engine/model/export';
import { importModel } from '../../../src/engine/model/import';
import { cnnSpec, mlpSpec, parameterCount } from '../../../src/engine/model/spec';
import { enginePredict, fixedInputs, maxAbsDiff, roundTripPredict, seededWeights, tfjsPredict } from './export-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TOL = 1e-5;
const circle = datasetInfo('circle');
const mnist = datasetInfo('mnist');

describe('exportModel → tf.loadLayersModel predicts as the engine does', () => {
  it('an MLP classifier (2-8-8-2 tanh): softmax of the engine logits, to 1e-5', async () => {
    const spec = mlpSpec(circle, [8, 8], 'tanh');
    const layers = seededWeights(spec, 3);
    const x = fixedInputs(16, 2, 11, -6, 6);
    const expected = enginePredict(spec, layers, x);
    const got = await roundTripPredict(spec, layers, x);
    expect(got.length).toBe(32);
    expect(maxAbsDiff(got, expected)).toBeLessThan(TOL);
    // Rows are probabilities.
    for (let r = 0; r < 16; r++) expect(got[2 * r] + got[2 * r + 1]).toBeCloseTo(1, 5);
  });

  it('a regression MLP (friedman 10-6-1 relu) with dropout layers: linear output, dropout is identity', async () => {
    const spec = mlpSpec(datasetInfo('friedman'), [6], 'relu');
    const layers = seededWeights(spec, 5);
    const x = fixedInputs(9, 10, 2, 0, 1);
    const exported = exportModel(spec, layers, { dropout: 0.5 });
    const classes = exported.modelJson.modelTopology.config.layers.map((l) => l.class_name);
    expect(classes).toEqual(['Dense', 'Dropout', 'Dense']);
    expect(maxAbsDiff(await tfjsPredict(exported, x, 10), enginePredict(spec, layers, x))).toBeLessThan(TOL);
  });

  it('an MLP without hidden layers (2 → 2) and one with sigmoid units', async () => {
    for (const spec of [mlpSpec(circle, [], 'relu'), mlpSpec(circle, [5, 3], 'sigmoid')]) {
      const layers = seededWeights(spec, 8);
      const x = fixedInputs(7, 2, 4, -3, 3);
      expect(maxAbsDiff(await roundTripPredict(spec, layers, x), enginePredict(spec, layers, x))).toBeLessThan(TOL);
    }
  });

  it('a small CNN (conv 4:3, 6:3:2, pool 2, dense 12, relu) on 784-pixel rows: Reshape → Conv2D → MaxPooling2D → … → Flatten → Dense', async () => {
    const spec = cnnSpec(mnist, [{ filters: 4, kernel: 3, stride: 1 }, { filters: 6, kernel: 3, stride: 2 }], 2, [12], 'relu');
    const layers = seededWeights(spec, 21);
    const x = fixedInputs(3, 784, 9, 0, 1);
    const exported = exportModel(spec, layers, { dropout: 0.25 });
    expect(exported.modelJson.modelTopology.config.layers.map((l) => l.class_name)).toEqual([
      'Reshape', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Dense',
    ]);
    expect(exported.weightData.byteLength).toBe(4 * parameterCount(spec));
    expect(maxAbsDiff(await tfjsPredict(exported, x, 784), enginePredict(spec, layers, x))).toBeLessThan(TOL);
  });

  it('a CNN without pooling, tanh (conv 3:5:3)', async () => {
    const spec = cnnSpec(mnist, [{ filters: 3, kernel: 5, stride: 3 }], 1, [], 'tanh');
    const layers = seededWeights(spec, 4);
    const x = fixedInputs(2, 784, 1, 0, 1);
    expect(maxAbsDiff(await roundTripPredict(spec, layers, x), enginePredict(spec, layers, x))).toBeLessThan(TOL);
  });

  it('exports the EFFECTIVE weights: masked kernel entries and masked neurons are 0', async () => {
    const spec = mlpSpec(circle, [4, 3], 'sigmoid');
    const dense = seededWeights(spec, 6);
    // A kernel mask on layer 0, and hidden neuron 1 of layer 0 masked (incoming column, bias, outgoing row).
    const m0 = new Uint8Array(8).fill(1);
    m0[0] = 0;
    m0[1 * 4 + 1] = 0; // neuron 1's incoming column
    m0[0 * 4 + 1] = 0;
    const m1 = new Uint8Array(12).fill(1);
    m1.fill(0, 1 * 3, 2 * 3); // neuron 1's outgoing row
    const neurons = [Uint8Array.from([1, 0, 1, 1]), null];
    const eff = effectiveWeights(dense, [m0, m1, null], neurons);
    expect(eff[0].kernel[0]).toBe(0);
    expect(eff[0].bias[1]).toBe(0);
    expect(eff[0].bias[0]).toBe(dense[0].bias[0]);
    expect(Array.from(eff[1].kernel.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(eff[2].kernel).toEqual(dense[2].kernel);
    // The dense weights are untouched.
    expect(dense[0].kernel[0]).not.toBe(0);
    const x = fixedInputs(5, 2, 3, -6, 6);
    const exported = exportModel(spec, eff);
    const floats = new Float32Array(exported.weightData);
    expect(floats[0]).toBe(0);
    expect(maxAbsDiff(await tfjsPredict(exported, x, 2), enginePredict(spec, eff, x))).toBeLessThan(TOL);
  });

  it('writes the manifest tfjs expects: one weights file, names <layer>/kernel and /bias, HWIO conv shapes, byte size = 4 × parameters', () => {
    const spec = cnnSpec(mnist, [{ filters: 2, kernel: 3, stride: 1 }], 2, [5], 'relu');
    const { modelJson, weightData } = exportModel(spec, seededWeights(spec, 1));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(modelJson.weightsManifest[0].paths).toEqual([`./${WEIGHTS_FILE}`]);
    expect(modelJson.weightsManifest[0].weights).toEqual([
      { name: 'conv2d_1/kernel', shape: [3, 3, 1, 2], dtype: 'float32' },
      { name: 'conv2d_1/bias', shape: [2], dtype: 'float32' },
      { name: 'dense_1/kernel', shape: [13 * 13 * 2, 5], dtype: 'float32' },
      { name: 'dense_1/bias', shape: [5], dtype: 'float32' },
      { name: 'dense_2/kernel', shape: [5, 10], dtype: 'float32' },
      { name: 'dense_2/bias', shape: [10], dtype: 'float32' },
    ]);
    expect(weightData.byteLength).toBe(4 * parameterCount(spec));
  });

  it('refuses weights that do not match the spec (a programming error)', () => {
    const spec = mlpSpec(circle, [4], 'relu');
    const layers = seededWeights(mlpSpec(circle, [5], 'relu'), 1);
    expect(() => exportModel(spec, layers)).toThrow(/layer 0/);
  });
});

describe('importModel reads back what exportModel wrote', () => {
  it.each([
    ['MLP', mlpSpec(circle, [8, 8], 'tanh'), 0],
    ['regression MLP', mlpSpec(datasetInfo('plane'), [3], 'linear'), 0],
    ['CNN', cnnSpec(mnist, [{ filters: 4, kernel: 3, stride: 1 }, { filters: 6, kernel: 3, stride: 2 }], 2, [12], 'relu'), 0.5],
  ])('%s: the same spec, bit-identical weights, the dropout rate', (_, spec, dropout) => {
    const layers = seededWeights(spec, 2);
    const { modelJson, weightData } = exportModel(spec, layers, { dropout });
    const read = importModel(JSON.stringify(modelJson), [{ name: WEIGHTS_FILE, data: weightData }]);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.model.spec).toEqual(spec);
    expect(read.model.dropout).toBe(dropout);
    expect(read.model.activation).toBe(spec.activation);
    expect(read.model.layers).toEqual(layers);
  });
});

describe('importModel reads models saved by tfjs itself', () => {
  /** What `model.save('downloads://model')` writes: model.json (topology + manifest) and model.weights.bin. */
  async function savedByTfjs(model: tf.LayersModel): Promise<{ json: string; bin: ArrayBuffer }> {
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = saved as unknown as tf.io.ModelArtifacts;
    const json = JSON.stringify({ modelTopology: a.modelTopology, format: 'layers-model', generatedBy: 'test', convertedBy: null, weightsManifest: [{ paths: ['./model.weights.bin'], weights: a.weightSpecs }] });
    return { json, bin: a.weightData as ArrayBuffer };
  }

  it('a tf.sequential MLP (softmax output): the engine forward pass on the imported weights equals tfjs predict', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [2], units: 6, activation: 'relu', biasInitializer: 'randomNormal' }), tf.layers.dense({ units: 2, activation: 'softmax' })],
    });
    const { json, bin } = await savedByTfjs(model);
    const read = importModel(json, [{ name: 'model.weights.bin', data: bin }]);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.model.spec).toEqual({ inputDim: 2, hidden: [6], activation: 'relu', outputDim: 2, task: 'classification' });
    const x = fixedInputs(6, 2, 5, -4, 4);
    const expected = tf.tidy(() => (model.predict(tf.tensor2d(x, [6, 2])) as tf.Tensor).dataSync() as Float32Array);
    expect(maxAbsDiff(enginePredict(read.model.spec, read.model.layers, x), expected)).toBeLessThan(TOL);
    model.dispose();
  });

  it('a tf.sequential CNN on [28, 28, 1] images (no Reshape) with Flatten and Dropout', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 3, kernelSize: 3, activation: 'relu', biasInitializer: 'randomNormal' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 7, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const { json, bin } = await savedByTfjs(model);
    const read = importModel(json, [{ name: 'model.weights.bin', data: bin }]);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.model.spec.conv).toEqual({ height: 28, width: 28, channels: 1, layers: [{ filters: 3, kernel: 3, stride: 1 }], pool: 2 });
    expect(read.model.spec.hidden).toEqual([7]);
    expect(read.model.dropout).toBeCloseTo(0.3, 6);
    const x = fixedInputs(2, 784, 3, 0, 1);
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(x, [2, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
    expect(maxAbsDiff(enginePredict(read.model.spec, read.model.layers, x), expected)).toBeLessThan(TOL);
    model.dispose();
  });

  it('a Keras-style MNIST MLP: input [28, 28] → Flatten → Dense, no bias on the hidden layer', async () => {
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28] }), tf.layers.dense({ units: 4, activation: 'tanh', useBias: false }), tf.layers.dense({ units: 10, activation: 'linear' })],
    });
    const { json, bin } = await savedByTfjs(model);
    const read = importModel(json, [{ name: 'model.weights.bin', data: bin }]);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.model.spec).toEqual({ inputDim: 784, hidden: [4], activation: 'tanh', outputDim: 10, task: 'classification' });
    expect(Array.from(read.model.layers[0].bias)).toEqual([0, 0, 0, 0]);
    const x = fixedInputs(2, 784, 8, 0, 1);
    const logits = tf.tidy(() => tf.softmax(model.predict(tf.tensor3d(x, [2, 28, 28])) as tf.Tensor2D).dataSync() as Float32Array);
    expect(maxAbsDiff(enginePredict(read.model.spec, read.model.layers, x), logits)).toBeLessThan(TOL);
    model.dispose();
  });
});
