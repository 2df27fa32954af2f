import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../src/protocol/messages';
import {
  accuracySummary,
  boundarySummary,
  formatSigned,
  graphSummary,
  heatmapSummary,
  histogramSummary,
  lossSummary,
  regPruneSummary,
  scatterSummary,
  scheduleSummary,
  sparsitySummary,
  sweepSummary,
  validationSummary,
} from '../../src/ui/a11y/summaries';
import { translator } from '../../src/ui/i18n';
import { a11yEn } from '../../src/ui/i18n/en/a11y';
import { a11yZh } from '../../src/ui/i18n/zh/a11y';

const en = translator('en');
const zh = translator('zh');

const points: MetricPoint[] = [
  { step: 100, trainLoss: 0.5, testLoss: 0.52, testAccuracy: 0.8 },
  { step: 200, trainLoss: 0.3 },
  { step: 300, trainLoss: 0.21, testLoss: 0.25, testAccuracy: 0.9 },
  { step: 1300, trainLoss: 0.1, testLoss: 0.31, testAccuracy: 0.875 },
];
const evals = points.filter((p) => p.testLoss !== undefined);

describe('chart summaries', () => {
  it('loss: latest train and test loss, the lowest test loss and its step, the penalty and the pins', () => {
    expect(lossSummary(en, points, evals, [])).toBe('At step 1,300: train loss 0.1000, test loss 0.3100. Lowest test loss 0.2500 at step 300.');
    expect(lossSummary(en, points, evals, [{ step: 1300, trainLoss: 0.1, penalty: 0.0123 }], 2)).toBe(
      'At step 1,300: train loss 0.1000, test loss 0.3100. Lowest test loss 0.2500 at step 300. Penalty 0.01230. 2 pinned runs drawn dashed.',
    );
    expect(lossSummary(en, points.slice(1, 2), [], [])).toBe('At step 200: train loss 0.3000; the test set is not evaluated yet.');
    expect(lossSummary(en, [], [], [])).toBe('Nothing drawn yet.');
    expect(lossSummary(zh, points, evals, [])).toBe('第 1,300 步：训练损失 0.1000，测试损失 0.3100。最低测试损失 0.2500，在第 300 步。');
  });

  it('accuracy: latest and best', () => {
    expect(accuracySummary(en, evals)).toBe('At step 1,300: test accuracy 87.5 %; best 90.0 % at step 300.');
    expect(accuracySummary(en, [{ step: 5, trainLoss: 1, testLoss: 1 }])).toBe('Nothing drawn yet.');
  });

  it('sparsity: overall and by layer, the last kernel named the output layer', () => {
    const rows = [
      { step: 10, sparsity: 0, l0: 0, l1: 0, l2: 0 },
      { step: 20, sparsity: 0.5, l0: 0.25, l1: 0.75, l2: 0.5 },
    ];
    expect(sparsitySummary(en, rows, 3)).toBe('At step 20: 50.0 % of all weights are zero. By layer: layer 1 25.0 %, layer 2 75.0 %, output layer 50.0 %.');
    expect(sparsitySummary(zh, rows, 3)).toBe('第 20 步：全部权重中有 50.0 % 为零。各层：第 1 层 25.0 %，第 2 层 75.0 %，输出层 50.0 %。');
  });

  it('sweep: at most five points, evenly picked, and the network now', () => {
    const data = Array.from({ length: 11 }, (_, i) => ({ sparsity: i / 10, y: 1 - (i / 10) ** 2 }));
    expect(sweepSummary(en, data, { x: 0.6, y: 0.7 }, true)).toBe(
      '11 sparsities from 0.0 % to 100.0 %: 0.0 % → 100.0 %, 30.0 % → 91.0 %, 50.0 % → 75.0 %, 80.0 % → 36.0 %, 100.0 % → 0.0 %. The network now: 70.0 % at 60.0 % sparsity.',
    );
    expect(sweepSummary(en, [{ sparsity: 0, y: 0.25 }], null, false)).toBe('1 sparsities from 0.0 % to 0.0 %: 0.0 % → 0.2500.');
  });

  it('schedule, validation curve, regularise-then-prune', () => {
    expect(scheduleSummary(en, { initial: 0, final: 0.9, begin: 100, end: 1000 }, 500, 0.6)).toBe(
      'Target sparsity rises from 0.0 % at step 100 to 90.0 % at step 1,000. Now step 500: measured 60.0 %.',
    );
    const rows = [
      { lambda: 1e-5, valMean: 0.4, trainMean: 0.1 },
      { lambda: 1e-3, valMean: 0.3, trainMean: 0.2 },
      { lambda: 1e-1, valMean: 0.6, trainMean: 0.6 },
    ];
    expect(validationSummary(en, rows, String)).toBe('3 values of λ from 0.00001 to 0.1. Lowest validation loss 0.3000 at λ = 0.001; train loss there 0.2000.');
    expect(
      regPruneSummary(
        en,
        [
          { sparsity: 0.5, none_before: 0.9 },
          { sparsity: 0.95, none_before: 0.5, none_after: 0.8, l1_before: 0.7, l1_after: 0.85 },
        ],
        [
          { key: 'none', name: 'No penalty' },
          { key: 'l1', name: 'L1' },
          { key: 'l2', name: 'L2' },
        ],
        true,
      ),
    ).toBe('At the highest sparsity, 95.0 %: No penalty 50.0 % after pruning, 80.0 % after fine-tuning; L1 70.0 % after pruning, 85.0 % after fine-tuning.');
  });
});

describe('canvas summaries', () => {
  it('decision boundary: the share of the plane called class 1, or the value range', () => {
    const grid = new Float32Array([0.1, 0.9, 0.6, 0.4, 0.51, Number.NaN]);
    expect(boundarySummary(en, grid, 'class', 200)).toBe('The network predicts class 1 on 60.0 % of the plane; 200 data points drawn.');
    expect(boundarySummary(en, new Float32Array([-1.5, 0.25, 2]), 'value', 50)).toBe('Predicted values from −1.5 to 2 over the plane; 50 data points drawn.');
    expect(boundarySummary(en, new Float32Array([-0.004, 0.5]), 'neuron', 0)).toBe('This neuron’s output ranges from −0.004 to 0.5 over the plane.');
    expect(boundarySummary(en, null, 'class', 0)).toBe('Nothing drawn yet.');
  });

  it('histogram: kept and pruned per layer, with the cut', () => {
    expect(
      histogramSummary(
        en,
        [
          { total: 16, prunedTotal: 4 },
          { total: 64, prunedTotal: 0 },
          { total: 16, prunedTotal: 16 },
        ],
        [0.05, 0, 1e-4],
      ),
    ).toBe('layer 1: 12 kept, 4 pruned (cut at |w| = 0.05); layer 2: 64 kept, 0 pruned; output layer: 0 kept, 16 pruned (cut at |w| = 1.00e-4).');
  });

  it('heatmap: shape, the kept weights’ range and the pruned count', () => {
    const kernel = new Float32Array([-0.5, 0.25, 9, 0.125]);
    expect(heatmapSummary(en, kernel, new Uint8Array([1, 1, 0, 1]), 2, 2)).toBe('2 × 2 weights from −0.5 to 0.25; 1 pruned.');
    expect(heatmapSummary(en, kernel, null, 1, 4)).toBe('1 × 4 weights from −0.5 to 9; 0 pruned.');
    expect(heatmapSummary(zh, kernel, null, 1, 4)).toBe('1 × 4 个权重，取值从 −0.5 到 9；0 个已剪枝。');
  });

  it('network graph and scatter', () => {
    const links = [
      { weight: 0.3, pruned: false },
      { weight: -0.2, pruned: false },
      { weight: 0, pruned: true },
    ];
    expect(graphSummary(en, [2, 1], links)).toBe('Layers of 2 → 1 neurons joined by 3 weights: 1 positive, 1 negative, 1 pruned.');
    expect(scatterSummary(en, 400, 0.93456)).toBe('400 test samples; R² = 0.935.');
    expect(scatterSummary(en, 0, null)).toBe('Nothing drawn yet.');
  });

  it('formatSigned: 3 significant digits with a true minus sign', () => {
    expect(formatSigned(-0.012345)).toBe('−0.0123');
    expect(formatSigned(123456)).toBe('1.23e+5');
    expect(formatSigned(0)).toBe('0');
  });
});

describe('the a11y catalogue', () => {
  it('has a Chinese text for every key, with the same {placeholders}', () => {
    const names = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(a11yEn) as (keyof typeof a11yEn)[]) {
      expect(typeof a11yZh[key], key).toBe('string');
      if (key !== 'a11y.sentenceGap') expect(a11yZh[key].length, key).toBeGreaterThan(0);
      expect(names(a11yZh[key]), key).toEqual(names(a11yEn[key]));
    }
    expect(Object.keys(a11yZh).sort()).toEqual(Object.keys(a11yEn).sort());
  });
});
