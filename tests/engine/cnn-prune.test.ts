import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data';
import { parseConv } from '../../src/engine/model/convSpec';
import { initialWeights } from '../../src/engine/model/init';
import { forwardNet } from '../../src/engine/model/network';
import { cnnSpec, hiddenWidths, layerShapes, withHiddenWidths } from '../../src/engine/model/spec';
import { PruneState } from '../../src/engine/prune/pruneState';
import { columnNorms, compactKernelMasks, compactLayers, expandNeuronMasks, maskedWeights } from '../../src/engine/prune/structured';
import { Rng } from '../../src/engine/rng';
import type { Activation, LayerWeights, ModelSpec } from '../../src/engine/types';
import { jsForward, randomImages, withRandomBiases } from './cnn-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mnist = datasetInfo('mnist');
const cnn = (text: string, pool: number, hidden: number[], act: Activation): ModelSpec => {
  const p = parseConv(text);
  if (!p.ok) throw new Error(p.reason);
  return cnnSpec(mnist, p.value, pool, hidden, act);
};
const mask = (n: number, drop: number[]) => Uint8Array.from({ length: n }, (_, j) => (drop.includes(j) ? 0 : 1));

/** forwardNet of `layers` on n rows of x, as nested arrays. */
function run(spec: ModelSpec, layers: LayerWeights[], x: Float32Array, n: number): number[][] {
  return tf.tidy(() => {
    const kernels = layers.map((w) => tf.tensor2d(w.kernel, [w.inDim, w.outDim]));
    const biases = layers.map((w) => tf.tensor1d(w.bias));
    return forwardNet(spec, tf.tensor2d(x, [n, 784]), kernels, biases).arraySync();
  });
}

describe('expandNeuronMasks: unit c of layer h feeds the rows r ≡ c (mod outDim_h) of layer h + 1', () => {
  // 28 →(4:3) 26 → 13 →(3:3) 11 → 5: kernels 9×4, 36×3, 75×6, 6×10
  const spec = cnn('4:3,3:3', 2, [6], 'relu');
  const shapes = layerShapes(spec);

  it('conv → conv: the HWIO rows (i·k + j)·cin + c; conv → dense: the NHWC rows (y·W + x)·C + c', () => {
    const m = expandNeuronMasks(shapes, [mask(4, [1]), mask(3, [2]), mask(6, [0, 5])]);
    // layer 0: column 1 and bias 1
    expect(Array.from(m[0].bias!)).toEqual([1, 0, 1, 1]);
    for (let r = 0; r < 9; r++) for (let c = 0; c < 4; c++) expect(m[0].kernel![r * 4 + c]).toBe(c === 1 ? 0 : 1);
    // layer 1: rows r ≡ 1 (mod 4) — filter 1's channel at every (i, j) — and column 2
    for (let r = 0; r < 36; r++) for (let c = 0; c < 3; c++) expect(m[1].kernel![r * 3 + c]).toBe(r % 4 === 1 || c === 2 ? 0 : 1);
    expect(Array.from(m[1].bias!)).toEqual([1, 1, 0]);
    // layer 2 (first dense, 75 = 5·5·3 rows): rows r ≡ 2 (mod 3) — filter 2 at every position — and columns 0, 5
    for (let r = 0; r < 75; r++) for (let c = 0; c < 6; c++) expect(m[2].kernel![r * 6 + c]).toBe(r % 3 === 2 || c === 0 || c === 5 ? 0 : 1);
    // output layer: rows 0 and 5 only (dense → dense as before)
    for (let r = 0; r < 6; r++) for (let c = 0; c < 10; c++) expect(m[3].kernel![r * 10 + c]).toBe(r === 0 || r === 5 ? 0 : 1);
    expect(m[3].bias).toBeNull();
  });

  it('an MLP keeps the old rule (row c only); rows that are not a multiple of the units throw', () => {
    const m = expandNeuronMasks(
      [
        { inDim: 2, outDim: 3 },
        { inDim: 3, outDim: 2 },
      ],
      [mask(3, [1])],
    );
    expect(Array.from(m[1].kernel!)).toEqual([1, 1, 0, 0, 1, 1]);
    expect(() =>
      expandNeuronMasks(
        [
          { inDim: 2, outDim: 3 },
          { inDim: 4, outDim: 2 },
        ],
        [mask(3, [1])],
      ),
    ).toThrow(/layer 1 has 4 input rows, not a multiple of layer 0's 3 units/);
  });

  it('conv filter norms are Li et al.’s: column norms of the HWIO kernel', () => {
    const w = initialWeights(spec, 2)[1];
    const l1 = columnNorms(w, 'l1');
    for (let f = 0; f < 3; f++) {
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let c = 0; c < 4; c++) s += Math.abs(w.kernel[((i * 3 + j) * 4 + c) * 3 + f]);
      expect(l1[f]).toBeCloseTo(s, 5);
    }
  });
});

describe('filter compaction equals the masked model', () => {
  const cases: { text: string; pool: number; hidden: number[]; act: Activation; drop: number[][] }[] = [
    // conv → conv → (Flatten) dense → dense → output
    { text: '5:3,4:3', pool: 2, hidden: [6], act: 'relu', drop: [[0, 3], [2], [1, 4]] },
    { text: '5:3,4:3', pool: 2, hidden: [6], act: 'tanh', drop: [[4], [0, 3], []] },
    // conv → (Flatten) dense; sigmoid: a masked unit's σ(0) = ½ would leak if only its column were cut
    { text: '6:4:2', pool: 1, hidden: [5], act: 'sigmoid', drop: [[1, 2, 5], [0]] },
    // conv → conv → output directly through the Flatten
    { text: '4:3,3:3', pool: 2, hidden: [], act: 'tanh', drop: [[1], [0]] },
  ];
  it.each(cases)('$text pool $pool $hidden $act: compacted = masked outputs (1e-5), widths via withHiddenWidths', ({ text, pool, hidden, act, drop }) => {
    const spec = cnn(text, pool, hidden, act);
    const layers = withRandomBiases(initialWeights(spec, 11), 12);
    const widths = hiddenWidths(spec);
    const neurons = widths.map((w, h) => mask(w, drop[h]));
    const masked = maskedWeights(layers, expandNeuronMasks(layerShapes(spec), neurons));
    const compact = compactLayers(layers, neurons);
    const small = withHiddenWidths(
      spec,
      compact.slice(0, -1).map((w) => w.outDim),
    );
    expect(hiddenWidths(small)).toEqual(widths.map((w, h) => w - drop[h].length));
    expect(compact.map(({ inDim, outDim }) => ({ inDim, outDim }))).toEqual(layerShapes(small).map(({ inDim, outDim }) => ({ inDim, outDim })));
    const n = 4;
    const x = randomImages(n, 13);
    const a = run(spec, masked, x, n);
    const b = run(small, compact, x, n);
    for (let r = 0; r < n; r++) for (let j = 0; j < 10; j++) expect(Math.abs(a[r][j] - b[r][j])).toBeLessThan(1e-5);
    // and both equal the float64 reference of the compacted net
    const ref = jsForward(small, compact, x.subarray(0, 784));
    ref.forEach((v, j) => expect(Math.abs(b[0][j] - v)).toBeLessThan(1e-5));
    // the masks mattered: the unmasked model computes something else
    const full = run(spec, layers, x, n);
    expect(full.flat().some((v, k) => Math.abs(v - a.flat()[k]) > 1e-3)).toBe(true);
  });

  it('PruneState: compact() returns the widths conv first; kernel masks are cut by the same rule', () => {
    const spec = cnn('4:3,3:3', 2, [6], 'relu');
    const layers = initialWeights(spec, 4);
    const st = new PruneState(layers);
    const rng = new Rng(5);
    const kMasks = layers.map((w) => Uint8Array.from(w.kernel, () => (rng.next() < 0.7 ? 1 : 0)));
    st.setKernelMasks(kMasks);
    const neurons = [mask(4, [3]), mask(3, [0]), null];
    st.setNeuronMasks(neurons);
    const effective = st.effective();
    expect(st.compact()).toEqual([3, 2, 6]);
    expect(st.shapes).toEqual(layerShapes(withHiddenWidths(spec, [3, 2, 6])).map(({ inDim, outDim }) => ({ inDim, outDim })));
    expect(st.kernelMasks()).toEqual(compactKernelMasks(layerShapes(spec), kMasks, neurons));
    // the compacted effective weights compute what the masked ones did
    const x = randomImages(2, 6);
    const a = run(spec, effective, x, 2);
    const b = run(withHiddenWidths(spec, [3, 2, 6]), st.effective(), x, 2);
    for (let r = 0; r < 2; r++) for (let j = 0; j < 10; j++) expect(Math.abs(a[r][j] - b[r][j])).toBeLessThan(1e-5);
  });
});
