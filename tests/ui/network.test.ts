import { describe, expect, it } from 'vitest';
import { parseConv, type ConvLayerSpec } from '../../src/engine/model/convSpec';
import type { ExperimentConfig } from '../../src/protocol/config';
import { defaultConfig } from '../../src/state/urlCodec';
import { convStackText, flattenWidth, hiddenShapeText } from '../../src/ui/data/networkShape';
import { describeWeight, layerAxes, layerTitle } from '../../src/ui/inspect/heatmap/heatmapView';
import { isDenseChain } from '../../src/ui/inspect/graphLayout';
import { formatPinValue, pinLabel } from '../../src/ui/pins/pinLabel';
import type { KernelView } from '../../src/ui/inspect/heatmap/paint';

const conv = (text: string): ConvLayerSpec[] => {
  const r = parseConv(text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('network shape text', () => {
  it('spells out the classic small CNN\'s conv stack as H×W×C maps', () => {
    expect(convStackText(conv('32:3,64:3'), 2)).toBe('28×28×1 → 26×26×32 → pool 13×13×32 → 11×11×64 → pool 5×5×64 → flatten 1600');
    expect(convStackText(conv('8:5:2'), 1)).toBe('28×28×1 → 12×12×8 → flatten 1152');
  });

  it('flattens the last map: side² · filters', () => {
    expect(flattenWidth(conv('32:3,64:3'), 2)).toBe(1600);
    expect(flattenWidth(conv('32:3,64:3'), 1)).toBe(24 * 24 * 64);
    expect(flattenWidth([], 2)).toBe(0);
  });

  it('writes compacted widths: MLP as before, a CNN as its filters then the dense part', () => {
    expect(hiddenShapeText([150, 50], [], 2, 784, 10)).toBe('784-150-50-10');
    expect(hiddenShapeText([16, 32, 64], conv('32:3,64:3'), 2, 784, 10)).toBe('conv 16-32 → 800-64-10');
  });
});

describe('heatmaps of a CNN', () => {
  const stack = conv('32:3,64:3');
  const view = (rows: number, cols: number): KernelView => ({ kernel: new Float32Array(rows * cols).map((_, i) => i), rows, cols, mask: null, keepRows: null, keepCols: null });

  it('titles conv layers by kernel and channels; dense layers as before', () => {
    expect(layerTitle(0, 4, 9, 32, stack)).toBe('Conv layer 1 · 3×3×1 → 32 filters');
    expect(layerTitle(1, 4, 288, 64, stack)).toBe('Conv layer 2 · 3×3×32 → 64 filters');
    expect(layerTitle(2, 4, 1600, 128, stack)).toBe('Layer 3 · 1600 → 128');
    expect(layerTitle(3, 4, 128, 10, stack)).toBe('Output layer · 128 → 10');
    // A snapshot that does not match the stack (e.g. an MLP's) keeps the dense titles.
    expect(layerTitle(0, 3, 784, 300, stack)).toBe('Layer 1 · 784 → 300');
    expect(layerAxes(1, 288, 64, stack)).toBe('rows: 288 kernel weights (3×3×32) · columns: 64 filters');
    expect(layerAxes(2, 1600, 128, stack)).toBe('rows: 1600 flattened inputs · columns: 128 neurons');
    expect(layerAxes(2, 300, 100)).toBe('rows: 300 inputs · columns: 100 neurons');
  });

  it('names a conv weight by kernel position and input channel (HWIO rows), a flattened input by its filter', () => {
    // Row (i·k + j)·cin + c: row 101 of conv layer 2 = (1·3 + 0)·32 + 5 → kernel row 1, col 0, channel 5.
    expect(describeWeight(view(288, 64), 1, 4, 101, 7, stack)[0]).toBe('kernel row 1, col 0, filter 5 of conv layer 1 → filter 7 of conv layer 2');
    expect(describeWeight(view(9, 32), 0, 4, 5, 2, stack)[0]).toBe('kernel row 1, col 2 → filter 2 of conv layer 1');
    // NHWC flatten: row r reads filter r mod 64 of the last conv layer.
    expect(describeWeight(view(1600, 128), 2, 4, 130, 0, stack)[0]).toBe('flattened input 130 (filter 2 of conv layer 2) → neuron 0 of layer 3');
  });

  it('draws the graph only for a dense chain', () => {
    expect(isDenseChain([{ inDim: 2, outDim: 8 }, { inDim: 8, outDim: 2 }])).toBe(true);
    expect(isDenseChain([{ inDim: 9, outDim: 4 }, { inDim: 676, outDim: 8 }, { inDim: 8, outDim: 10 }])).toBe(false);
  });
});

describe('pin labels of the network keys', () => {
  const cfg = (patch: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), dataset: 'mnist', ...patch });

  it('names arch, conv and pool differences, which matter only where a CNN can train', () => {
    expect(pinLabel(cfg(), cfg({ arch: 'cnn' }))).toBe('network MLP → CNN');
    expect(pinLabel(cfg({ arch: 'cnn' }), cfg({ arch: 'cnn', conv: '16:5', pool: 1 }))).toBe('conv 32:3,64:3 → 16:5, pooling 2×2 → none');
    expect(pinLabel(cfg(), cfg({ conv: '16:5' }))).toBe('same settings');
    expect(pinLabel(cfg({ dataset: 'circle' }), cfg({ dataset: 'circle', arch: 'cnn' }))).toBe('same settings');
    expect(formatPinValue('pool', 2)).toBe('2×2');
  });
});
