import { describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data';
import { initialWeights } from '../../src/engine/model/init';
import { mlpSpec, parameterCount } from '../../src/engine/model/spec';
import { thresholdMask } from '../../src/engine/prune/masks';
import { PruneState } from '../../src/engine/prune/pruneState';
import {
  columnNorms,
  combineMasks,
  compactKernelMasks,
  compactLayers,
  expandNeuronMasks,
  maskedWeights,
  modelCost,
  neuronKeepCount,
  neuronMask,
  randomImportance,
  weightMasksToLayerMasks,
} from '../../src/engine/prune/structured';
import { Rng } from '../../src/engine/rng';
import type { LayerWeights } from '../../src/engine/types';

const f32 = (...v: number[]) => Float32Array.from(v);
const u8 = (...v: number[]) => Uint8Array.from(v);
const layer = (inDim: number, outDim: number, kernel: number[], bias: number[] = new Array(outDim).fill(0)): LayerWeights => ({ inDim, outDim, kernel: f32(...kernel), bias: f32(...bias) });

describe('neuron importance and masks', () => {
  it('columnNorms: L1 and L2 of each incoming column', () => {
    const w = layer(2, 3, [1, -2, 3, -4, 5, -6]);
    expect(columnNorms(w, 'l1')).toEqual(f32(5, 7, 9));
    expect(columnNorms(w, 'l2')).toEqual(f32(Math.sqrt(17), Math.sqrt(29), Math.sqrt(45)));
  });

  it('randomImportance draws rng.next() in order', () => {
    const r = new Rng(3);
    expect(randomImportance(4, new Rng(3))).toEqual(Float32Array.from({ length: 4 }, () => r.next()));
  });

  it('neuronKeepCount = clamp(⌈p·n⌉, 1, n), robust to float noise', () => {
    expect(neuronKeepCount(300, 0.5)).toBe(150);
    expect(neuronKeepCount(30, 0.1)).toBe(3); // 0.1·30 = 3.0000000000000004
    expect(neuronKeepCount(100, 0.07)).toBe(7); // 7.000000000000001
    expect(neuronKeepCount(7, 0.5)).toBe(4);
    expect(neuronKeepCount(10, 0.01)).toBe(1);
    expect(neuronKeepCount(10, 0)).toBe(1);
    expect(neuronKeepCount(10, 1.5)).toBe(10);
  });

  it('neuronMask keeps the most important, ties → lower index, p ≥ 1 → all', () => {
    expect(neuronMask(f32(0.3, 0.1, 0.3, 0.2), 0.5)).toEqual(u8(1, 0, 1, 0));
    expect(neuronMask(f32(0.2, 0.2, 0.2, 0.2), 0.5)).toEqual(u8(1, 1, 0, 0));
    expect(neuronMask(f32(0.5, 0.2, 0.2, 0.1), 0.5)).toEqual(u8(1, 1, 0, 0));
    expect(neuronMask(f32(0.2, 0.2, 0.2, 0.2), 0.26)).toEqual(u8(1, 1, 0, 0)); // ⌈1.04⌉ = 2
    expect(neuronMask(f32(0, 0, 9), 0.01)).toEqual(u8(0, 0, 1));
    expect(neuronMask(f32(NaN, 0), 0.5)).toEqual(u8(0, 1));
    expect(neuronMask(f32(1, 2), 1)).toEqual(u8(1, 1));
  });
});

describe('expandNeuronMasks, combineMasks', () => {
  const shapes = [
    { inDim: 2, outDim: 3 },
    { inDim: 3, outDim: 2 },
    { inDim: 2, outDim: 1 },
  ];

  it('zeroes the incoming column, the bias and the outgoing row', () => {
    expect(expandNeuronMasks(shapes, [u8(1, 0, 1), null])).toEqual([
      { kernel: u8(1, 0, 1, 1, 0, 1), bias: u8(1, 0, 1) },
      { kernel: u8(1, 1, 0, 0, 1, 1), bias: null },
      { kernel: null, bias: null },
    ]);
    expect(expandNeuronMasks(shapes, [u8(0, 1, 1), u8(1, 0)])).toEqual([
      { kernel: u8(0, 1, 1, 0, 1, 1), bias: u8(0, 1, 1) },
      { kernel: u8(0, 0, 1, 0, 1, 0), bias: u8(1, 0) },
      { kernel: u8(1, 0), bias: null },
    ]);
    expect(expandNeuronMasks(shapes, [null, u8(1, 1)])).toEqual(shapes.map(() => ({ kernel: null, bias: null })));
  });

  it('combineMasks ANDs, null = all ones', () => {
    const a = [{ kernel: u8(1, 1, 0), bias: null }, { kernel: null, bias: null }];
    const b = [{ kernel: u8(0, 1, 1), bias: u8(1, 0) }, { kernel: null, bias: null }];
    expect(combineMasks(a, b)).toEqual([{ kernel: u8(0, 1, 0), bias: u8(1, 0) }, { kernel: null, bias: null }]);
    expect(weightMasksToLayerMasks([u8(1), null])).toEqual([{ kernel: u8(1), bias: null }, { kernel: null, bias: null }]);
  });
});

/** Plain-JS forward pass of an MLP (float64), one row: hidden act, linear output. */
function forwardJs(layers: LayerWeights[], x: number[], act: (z: number) => number): number[] {
  let h = x;
  layers.forEach((w, l) => {
    const z = Array.from(w.bias, (b, j) => h.reduce((s, v, i) => s + v * w.kernel[i * w.outDim + j], b));
    h = l < layers.length - 1 ? z.map(act) : z;
  });
  return h;
}

const acts = { relu: (z: number) => Math.max(z, 0), tanh: Math.tanh, sigmoid: (z: number) => 1 / (1 + Math.exp(-z)) };

describe('compaction', () => {
  const spec = { inputDim: 3, hidden: [6, 5], activation: 'sigmoid' as const, outputDim: 2, task: 'classification' as const };
  const withBias = () =>
    initialWeights(spec, 4).map((w, l) => {
      const r = new Rng(100 + l);
      return { ...w, bias: Float32Array.from(w.bias, () => r.uniform(-0.5, 0.5)) };
    });
  const neurons = [u8(1, 0, 1, 1, 0, 1), u8(0, 1, 1, 0, 1)];

  it.each(Object.keys(acts) as (keyof typeof acts)[])('%s: the compacted net computes exactly what the masked net computes', (name) => {
    const dense = withBias();
    const masked = maskedWeights(dense, expandNeuronMasks(dense, neurons));
    const compact = compactLayers(dense, neurons);
    expect(compact.map((w) => [w.inDim, w.outDim])).toEqual([
      [3, 4],
      [4, 3],
      [3, 2],
    ]);
    const rng = new Rng(9);
    for (let r = 0; r < 20; r++) {
      const x = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)];
      const a = forwardJs(masked, x, acts[name]);
      const b = forwardJs(compact, x, acts[name]);
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-12));
    }
    // Sigmoid(0) = ½: masking only the incoming side would leave a contribution.
    if (name === 'sigmoid') {
      const inOnly = maskedWeights(dense, [{ kernel: expandNeuronMasks(dense, neurons)[0].kernel, bias: u8(...neurons[0]) }, { kernel: null, bias: null }, { kernel: null, bias: null }]);
      const x = [0.3, -0.2, 0.1];
      expect(Math.abs(forwardJs(inOnly, x, acts.sigmoid)[0] - forwardJs(compact, x, acts.sigmoid)[0])).toBeGreaterThan(1e-3);
    }
  });

  it('picks the right columns, bias entries and rows', () => {
    const w = [layer(2, 3, [1, 2, 3, 4, 5, 6], [7, 8, 9]), layer(3, 1, [10, 11, 12], [13])];
    expect(compactLayers(w, [u8(1, 0, 1)])).toEqual([layer(2, 2, [1, 3, 4, 6], [7, 9]), layer(2, 1, [10, 12], [13])]);
    expect(compactKernelMasks(w, [u8(1, 1, 0, 0, 1, 1), null], [u8(1, 0, 1)])).toEqual([u8(1, 0, 0, 1), null]);
    expect(() => compactLayers(w, [u8(0, 0, 0)])).toThrow(/every neuron/);
    expect(compactLayers(w, [null])).toEqual(w);
  });

  it('LeNet-300-100 at keep 0.5 has 125,810 parameters', () => {
    const lenet = mlpSpec(datasetInfo('mnist'), [300, 100], 'relu');
    const dense = initialWeights(lenet, 1);
    const ns = dense.slice(0, -1).map((w) => neuronMask(columnNorms(w, 'l1'), 0.5));
    const compact = compactLayers(dense, ns);
    const params = compact.reduce((s, w) => s + w.kernel.length + w.bias.length, 0);
    expect(params).toBe(125810);
    expect(compact.map((w) => w.outDim)).toEqual([150, 50, 10]);
    expect(modelCost({ ...lenet, hidden: [150, 50] }).params).toBe(125810);
    expect(modelCost(lenet)).toEqual({ hidden: [300, 100], params: 266610, flops: 532400, bytes: 1066440 });
    expect(parameterCount(lenet)).toBe(266610);
  });
});

describe('PruneState', () => {
  // Dyadic values, so w + 1 is exact in float32.
  const dense = () => [layer(2, 2, [0.5, -0.0625, 0.03125, -0.75], [0.125, 0.25]), layer(2, 1, [0.375, -0.015625], [0.5])];

  it('mask at θ, absorb new effective weights, unmask: hidden weights return unchanged, kept ones carry the new value', () => {
    const st = new PruneState(dense());
    st.setKernelMasks(dense().map((w) => thresholdMask(w.kernel, 0.1)));
    expect(st.kernelMasks()).toEqual([u8(1, 0, 0, 1), u8(1, 0)]);
    expect(st.effective()).toEqual([layer(2, 2, [0.5, 0, 0, -0.75], [0.125, 0.25]), layer(2, 1, [0.375, 0], [0.5])]);
    // Training moved every entry (a masked one too, as a buggy trainer would): only kept entries are absorbed.
    const trained = st.effective().map((w) => ({ ...w, kernel: w.kernel.map((v) => v + 1), bias: w.bias.map((v) => v + 1) }));
    st.absorb(trained);
    expect(st.dense()).toEqual([layer(2, 2, [1.5, -0.0625, 0.03125, 0.25], [1.125, 1.25]), layer(2, 1, [1.375, -0.015625], [1.5])]);
    st.setKernelMasks([null, null]);
    expect(st.effective()).toEqual([layer(2, 2, [1.5, -0.0625, 0.03125, 0.25], [1.125, 1.25]), layer(2, 1, [1.375, -0.015625], [1.5])]);
  });

  it('neuron masks combine with kernel masks; denseWithNeurons ignores kernel masks; compact shrinks', () => {
    const st = new PruneState(dense());
    st.setKernelMasks([u8(1, 0, 1, 1), null]);
    st.setNeuronMasks([u8(1, 0)]);
    expect(st.layerMasks()).toEqual([
      { kernel: u8(1, 0, 1, 0), bias: u8(1, 0) },
      { kernel: u8(1, 0), bias: null },
    ]);
    expect(st.denseWithNeurons()).toEqual([layer(2, 2, [0.5, 0, 0.03125, 0], [0.125, 0]), layer(2, 1, [0.375, 0], [0.5])]);
    expect(st.effective()).toEqual([layer(2, 2, [0.5, 0, 0.03125, 0], [0.125, 0]), layer(2, 1, [0.375, 0], [0.5])]);
    expect(st.compact()).toEqual([1]);
    expect(st.shapes).toEqual([
      { inDim: 2, outDim: 1 },
      { inDim: 1, outDim: 1 },
    ]);
    expect(st.dense()).toEqual([layer(2, 1, [0.5, 0.03125], [0.125]), layer(1, 1, [0.375], [0.5])]);
    expect(st.kernelMasks()).toEqual([u8(1, 1), null]);
    expect(st.neuronMasks()).toEqual([null]);
  });

  it('setDense keeps the masks, reset clears them; inputs and outputs are copies', () => {
    const d = dense();
    const st = new PruneState(d);
    d[0].kernel[0] = 99;
    expect(st.dense()[0].kernel[0]).toBe(0.5);
    const m = u8(1, 0, 1, 1);
    st.setKernelMasks([m, null]);
    m[0] = 0;
    expect(st.kernelMasks()[0]).toEqual(u8(1, 0, 1, 1));
    st.setDense(dense().map((w) => ({ ...w, kernel: w.kernel.map(() => 1) })));
    expect(st.effective()[0].kernel).toEqual(f32(1, 0, 1, 1));
    expect(() => st.setDense([layer(1, 1, [1])])).toThrow(/shapes/);
    expect(() => st.setKernelMasks([u8(1), null])).toThrow(/entries/);
    st.reset(dense());
    expect(st.kernelMasks()).toEqual([null, null]);
    expect(st.layerMasks()).toEqual([
      { kernel: null, bias: null },
      { kernel: null, bias: null },
    ]);
  });
});
