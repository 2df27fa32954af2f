import { describe, expect, it } from 'vitest';
import type { LotteryRow, ModelStats } from '../../src/protocol/messages';
import {
  comparisonTable,
  layerCuts,
  modelSparsity,
  pruningStepDots,
  ratioText,
  sameSparsityRows,
  sparsityLayerCount,
  sparsityRows,
  sweepData,
  targetCurve,
} from '../../src/ui/prune/pruningView';

const model: ModelStats = {
  hidden: [4, 4],
  params: 49,
  flops: 80,
  bytes: 196,
  layerTotals: [8, 16, 4],
  layerZeros: [2, 8, 0],
  compacted: false,
  thresholds: [0.1, 0.2, 0],
  fineTuneSteps: 0,
};

describe('layerCuts', () => {
  it('follows θ from the config at once in threshold mode', () => {
    expect(layerCuts({ pmode: 'threshold', threshold: 0.05, sched: 'off', lottery: 'off' }, model, 3)).toEqual([0.05, 0.05, 0.05]);
    expect(layerCuts({ pmode: 'threshold', threshold: 0, sched: 'off', lottery: 'off' }, model, 3)).toEqual([0, 0, 0]);
  });

  it("uses the worker's per-layer cut otherwise (std, sparsity, schedule, lottery)", () => {
    expect(layerCuts({ pmode: 'std', threshold: 0.05, sched: 'off', lottery: 'off' }, model, 3)).toEqual([0.1, 0.2, 0]);
    expect(layerCuts({ pmode: 'threshold', threshold: 0.05, sched: 'poly', lottery: 'off' }, model, 3)).toEqual([0.1, 0.2, 0]);
    expect(layerCuts({ pmode: 'threshold', threshold: 0.05, sched: 'off', lottery: 'rewind' }, model, 3)).toEqual([0.1, 0.2, 0]);
    expect(layerCuts({ pmode: 'sparsity', threshold: 0, sched: 'off', lottery: 'off' }, null, 2)).toEqual([0, 0]);
  });
});

describe('modelSparsity', () => {
  it('is Σ zeros / Σ kernel weights', () => {
    expect(modelSparsity(model)).toBeCloseTo(10 / 28, 12);
  });
});

describe('comparisonTable', () => {
  const row = (mode: LotteryRow['mode'], round: number): LotteryRow => ({ round, mode, remaining: 0.8 ** round, testAccuracy: 0.9, testLoss: 0.3, bestAccuracy: 0.91, step: 60 * (round + 1) });
  const rewind = [row('rewind', 0), row('rewind', 1)];
  const random1 = [row('random', 0)];
  const random2 = [row('random', 0), row('random', 1)];

  it('picks the latest finished table of the other mode', () => {
    expect(comparisonTable([random1, rewind, random2], 'rewind')).toBe(random2);
    expect(comparisonTable([random1, rewind, random2], 'random')).toBe(rewind);
    expect(comparisonTable([rewind], 'rewind')).toBeNull();
    expect(comparisonTable([], 'rewind')).toBeNull();
  });
});

describe('sparsityRows', () => {
  it('keeps only points with a sparsity reading and flattens the layers', () => {
    const rows = sparsityRows([
      { step: 1, trainLoss: 1 },
      { step: 2, trainLoss: 1, sparsity: 0.25, layerSparsity: [0.5, 0] },
      { step: 3, trainLoss: 1 },
    ]);
    expect(rows).toEqual([{ step: 2, sparsity: 0.25, l0: 0.5, l1: 0 }]);
    expect(sparsityLayerCount(rows)).toBe(2);
  });

  it('sees equal rows as the same picture and a changed last row as new', () => {
    const a = [
      { step: 2, sparsity: 0.25, l0: 0.5 },
      { step: 4, sparsity: 0.3, l0: 0.6 },
    ];
    expect(sameSparsityRows(a, a.map((r) => ({ ...r })))).toBe(true);
    expect(sameSparsityRows(a, [a[0], { step: 4, sparsity: 0.3, l0: 0.7 }])).toBe(false);
    expect(sameSparsityRows(a, [a[0]])).toBe(false);
  });
});

describe('sweepData', () => {
  const points = [
    { sparsity: 0, testAccuracy: 0.95, testLoss: 0.2 },
    { sparsity: 0.9, testAccuracy: 0.5, testLoss: 1.4 },
  ];
  it('plots accuracy for classification and loss for regression', () => {
    expect(sweepData(points, true)).toEqual([
      { sparsity: 0, y: 0.95 },
      { sparsity: 0.9, y: 0.5 },
    ]);
    expect(sweepData(points, false).map((d) => d.y)).toEqual([0.2, 1.4]);
    expect(sweepData([{ sparsity: 0, testAccuracy: Number.NaN, testLoss: 1 }], true)).toEqual([]);
  });
});

describe('schedule', () => {
  it('dots the pruning steps begin, begin + freq, … ≤ end, none when too many', () => {
    expect(pruningStepDots(100, 110, 2)).toEqual([100, 102, 104, 106, 108, 110]);
    expect(pruningStepDots(0, 50, 100)).toEqual([0]);
    expect(pruningStepDots(0, 1000, 1)).toBeNull();
  });

  it('draws the target as 0 before begin, the cubic from s_init to s_final, then flat', () => {
    const curve = targetCurve({ initialSparsity: 0.2, finalSparsity: 0.8, beginStep: 100, endStep: 110, frequency: 2, power: 3 }, 200);
    expect(curve[0]).toEqual({ step: 0, target: 0 });
    expect(curve[1]).toEqual({ step: 100, target: 0 });
    expect(curve[2].step).toBe(100);
    expect(curve[2].target).toBeCloseTo(0.2, 12);
    const at102 = curve.find((p) => Math.abs(p.step - 102) < 1e-9);
    expect(at102?.target).toBeCloseTo(0.4928, 9);
    expect(curve[curve.length - 1]).toEqual({ step: 200, target: 0.8 });
  });
});

describe('ratioText', () => {
  it('writes before ÷ after', () => {
    expect(ratioText(266_610, 125_810)).toBe('2.12×');
    expect(ratioText(4, 2)).toBe('2×');
    expect(ratioText(1200, 100)).toBe('12×');
    expect(ratioText(0, 1)).toBe('—');
  });
});
