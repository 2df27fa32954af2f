import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { MetricPoint } from '../../src/protocol/messages';
import { addPin } from '../../src/state/pins';
import { defaultConfig } from '../../src/state/urlCodec';
import { lossDomain, niceCeil } from '../../src/ui/charts/chartFormat';
import { CSV_HEADER, curvesCsv } from '../../src/ui/pins/csv';
import { pngName } from '../../src/ui/pins/export';
import { PIN_KEY_NAMES, formatPinValue, pinDifferences, pinLabel } from '../../src/ui/pins/pinLabel';
import { PIN_LINE_POINTS, buildPinLines, pickEvenly, pinLines, pinsStepMax, thinTrainLoss } from '../../src/ui/pins/pinLines';
import { pinnedChartLines } from '../../src/ui/charts/pinnedLines';

const cfg = (patch: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), ...patch });

describe('pin labels', () => {
  it('names the difference pinned → live, "same settings" when none', () => {
    expect(pinLabel(cfg(), cfg())).toBe('same settings');
    expect(pinLabel(cfg({ l2: 0 }), cfg({ l2: 0.001 }))).toBe('λ₂ 0 → 0.001');
    expect(pinLabel(cfg({ l1: 1e-4 }), cfg({ l1: 0 }))).toBe('λ₁ 0.0001 → 0');
    expect(pinLabel(cfg({ layers: [8, 8] }), cfg({ layers: [16] }))).toBe('layers 8,8 → 16');
    expect(pinLabel(cfg({ layers: [] }), cfg({ layers: [4] }))).toBe('layers none → 4');
    expect(pinLabel(cfg({ noise: 0 }), cfg({ noise: 10 }))).toBe('noise 0 % → 10 %');
    expect(pinLabel(cfg({ dataset: 'circle' }), cfg({ dataset: 'spiral' }))).toBe('data circle → spiral');
  });

  it('shows at most two differences, then "+N more"; the full list is in pinDifferences', () => {
    const a = cfg({ l2: 0, lr: 0.03, seed: 1, batch: 10 });
    const b = cfg({ l2: 0.01, lr: 0.1, seed: 2, batch: 32 });
    expect(pinDifferences(a, b)).toEqual(['lr 0.03 → 0.1', 'batch 10 → 32', 'seed 1 → 2', 'λ₂ 0 → 0.01']);
    expect(pinLabel(a, b)).toBe('lr 0.03 → 0.1, batch 10 → 32 +2 more');
    expect(pinLabel(a, b, 4)).toBe('lr 0.03 → 0.1, batch 10 → 32, seed 1 → 2, λ₂ 0 → 0.01');
  });

  it('leaves out keys that cannot change the curves: action set-up and parameters of rules not in use', () => {
    expect(pinLabel(cfg({ cv_k: 3, rp_steps: 100 }), cfg({ cv_k: 5, rp_steps: 200 }))).toBe('same settings');
    expect(pinLabel(cfg({ pmode: 'sparsity', threshold: 0.1 }), cfg({ pmode: 'sparsity', threshold: 0.2 }))).toBe('same settings');
    expect(pinLabel(cfg({ pmode: 'threshold', threshold: 0.1 }), cfg({ pmode: 'threshold', threshold: 0.2 }))).toBe('θ 0.1 → 0.2');
    expect(pinLabel(cfg({ sched: 'off', s_end: 100 }), cfg({ sched: 'off', s_end: 200 }))).toBe('same settings');
    expect(pinLabel(cfg({ l1: 0, prox: 0 }), cfg({ l1: 0, prox: 1 }))).toBe('same settings');
    expect(pinLabel(cfg({ l1: 0.001, prox: 0 }), cfg({ l1: 0.001, prox: 1 }))).toBe('proximal L1 off → on');
  });

  it('every config key has a legend rule; numbers keep 4 significant digits', () => {
    expect(Object.keys(PIN_KEY_NAMES).sort()).toEqual(Object.keys(defaultConfig()).sort());
    expect(formatPinValue('lr', 0.123456)).toBe('0.1235');
    expect(formatPinValue('l2', 1e-7)).toBe('1e-7');
    expect(formatPinValue('act', 'tanh')).toBe('tanh');
  });
});

describe('CSV export', () => {
  it('has the header and one row per point, empty cells where a figure is absent, full precision', () => {
    const pts: MetricPoint[] = [
      { step: 1, trainLoss: 0.6931471805599453 },
      { step: 2, trainLoss: 0.5, testLoss: 0.55, testAccuracy: 0.875, sparsity: 0.25, layerSparsity: [0.1, 0.4], penalty: 0.0012345678901234 },
      { step: 4, trainLoss: 1e-9, penalty: 0 },
    ];
    const text = curvesCsv(pts);
    const lines = text.split('\n');
    expect(lines).toHaveLength(1 + pts.length);
    expect(lines[0]).toBe('step,train_loss,test_loss,test_accuracy,sparsity,penalty');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines[1]).toBe('1,0.6931471805599453,,,,');
    expect(lines[2]).toBe('2,0.5,0.55,0.875,0.25,0.0012345678901234');
    expect(lines[3]).toBe('4,1e-9,,,,0');
    // Full precision: every number reads back exactly.
    expect(Number(lines[1].split(',')[1])).toBe(pts[0].trainLoss);
  });

  it('an empty series is the header alone', () => {
    expect(curvesCsv([])).toBe(CSV_HEADER);
  });
});

describe('pinned chart lines', () => {
  const long = (n: number): MetricPoint[] =>
    Array.from({ length: n }, (_, i) => ({ step: (i + 1) * 2, trainLoss: i % 2 === 0 ? 1 : 3, ...(i % 4 === 3 ? { testLoss: 2, testAccuracy: 0.5, sparsity: i / n } : {}) }));

  it('pickEvenly keeps at most max items, evenly, the last always', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const picked = pickEvenly(xs, 200);
    expect(picked).toHaveLength(200);
    expect(picked[0]).toBe(4);
    expect(picked[199]).toBe(999);
    expect(picked.every((v, i) => i === 0 || v - picked[i - 1] === 5)).toBe(true);
    expect(pickEvenly([1, 2, 3], 200)).toEqual([1, 2, 3]);
  });

  it('thinTrainLoss averages buckets and ends at the last step', () => {
    const pts = long(800);
    const thin = thinTrainLoss(pts, 200);
    expect(thin).toHaveLength(200);
    expect(thin.every((p) => p.trainLoss === 2)).toBe(true);
    expect(thin[0].step).toBe(8);
    expect(thin[199].step).toBe(1600);
    expect(thinTrainLoss(pts.slice(0, 3), 200)).toEqual([
      { step: 2, trainLoss: 1 },
      { step: 4, trainLoss: 3 },
      { step: 6, trainLoss: 1 },
    ]);
  });

  it('buildPinLines splits a pin into thinned train, eval and sparsity lines', () => {
    const [pin] = addPin([], defaultConfig(), long(800), 1);
    const lines = buildPinLines(pin);
    expect(lines.train).toHaveLength(PIN_LINE_POINTS);
    expect(lines.evals).toHaveLength(200);
    expect(lines.evals.every((p) => p.testLoss === 2)).toBe(true);
    expect(lines.hasAccuracy).toBe(true);
    expect(lines.sparsity).toHaveLength(200);
    expect(lines.sparsity[199]).toEqual({ step: 1600, sparsity: 799 / 800 });
    expect(lines).toMatchObject({ id: 1, colour: pin.colour, step: 1600 });
  });

  it('a regression pin has no accuracy line', () => {
    const [pin] = addPin([], defaultConfig(), [{ step: 1, trainLoss: 1, testLoss: 1 }], 1);
    expect(buildPinLines(pin).hasAccuracy).toBe(false);
  });

  it('pinLines returns the same objects for the same pins (memoised charts skip redraws); pinsStepMax covers them', () => {
    let pins = addPin([], defaultConfig(), long(10), 1);
    pins = addPin(pins, defaultConfig(), long(30), 2);
    const a = pinLines(pins);
    const b = pinLines([...pins]);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[1]);
    expect(pinsStepMax(a)).toBe(60);
    expect(pinsStepMax([])).toBe(0);
  });

  it('with the live run, only the pins on its dataset are drawn, and only they stretch the step axis', () => {
    // A pin from lesson 1 (xor, 1,000 steps) beside two MNIST pins of 60 and 20 steps.
    let pins = addPin([], cfg({ dataset: 'xor' }), long(500), 1);
    pins = addPin(pins, cfg({ dataset: 'mnist' }), long(30), 2);
    pins = addPin(pins, cfg({ dataset: 'mnist', seed: 2 }), long(10), 3);
    const mnist = pinLines(pins, { dataset: 'mnist' });
    expect(mnist.map((p) => p.id)).toEqual([2, 3]);
    expect(pinsStepMax(mnist)).toBe(60);
    expect(pinnedChartLines('loss', mnist).map((l) => l.id)).toEqual(['pin-train-2', 'pin-test-2', 'pin-train-3', 'pin-test-3']);
    const xor = pinLines(pins, { dataset: 'xor' });
    expect(pinsStepMax(xor)).toBe(1000);
    expect(pinnedChartLines('accuracy', xor).map((l) => l.id)).toEqual(['pin-acc-1']);
    expect(pinnedChartLines('loss', pinLines(pins, { dataset: 'circle' }))).toEqual([]);
    // The lines are the same cached objects whatever the filter.
    expect(pinLines(pins, { dataset: 'mnist' })[0]).toBe(pinLines(pins)[1]);
  });
});

describe('PNG names', () => {
  it('adds .png once', () => {
    expect(pngName('loss')).toBe('loss.png');
    expect(pngName('heatmap-layer-0.PNG')).toBe('heatmap-layer-0.PNG');
  });
});

describe('shared loss axis (pinned layer under the live chart)', () => {
  it('niceCeil rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k', () => {
    expect(niceCeil(0.73)).toBe(0.8);
    expect(niceCeil(0.8)).toBe(0.8);
    expect(niceCeil(2.31)).toBe(2.5);
    expect(niceCeil(0.0123)).toBe(0.015);
    expect(niceCeil(9)).toBe(10);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });

  it('lossDomain: linear [0, nice max]; log whole decades; non-finite values skipped', () => {
    expect(lossDomain([0.7, 0.05, Number.NaN, 0.2], false)).toEqual([0, 0.8]);
    expect(lossDomain([0.7, 0.05, 0, 0.2], true)).toEqual([0.01, 1]);
    expect(lossDomain([], false)).toEqual([0, 1]);
    expect(lossDomain([], true)).toEqual([0.01, 1]);
    expect(lossDomain([0.1], true)).toEqual([0.1, 1]);
  });
});
