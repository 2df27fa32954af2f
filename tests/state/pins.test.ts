import { describe, expect, it } from 'vitest';
import type { FromWorker, MetricPoint, ModelStats, ToWorker } from '../../src/protocol/messages';
import { PINS_MAX, PIN_COLOURS, addPin, experimentPins, freeColour, overlaidPins, pinComparable, pinNotComparable, pinRefusal, removePin } from '../../src/state/pins';
import { createAppStore } from '../../src/state/store';
import { defaultConfig } from '../../src/state/urlCodec';
import type { ExperimentConfig } from '../../src/protocol/config';

const MODEL: ModelStats = { hidden: [8, 8], params: 114, flops: 192, bytes: 456, layerTotals: [16, 64, 16], layerZeros: [0, 0, 0], compacted: false, thresholds: [0, 0, 0], fineTuneSteps: 0 };

const points = (from: number, to: number): MetricPoint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, trainLoss: 1 / (from + i), ...(i % 5 === 4 ? { testLoss: 0.5, testAccuracy: 0.8, sparsity: 0.25, layerSparsity: [0.1, 0.2, 0.3] } : {}) }));

const metrics = (runId: number, pts: MetricPoint[]): FromWorker => ({ type: 'metrics', runId, points: pts, step: pts[pts.length - 1].step, epoch: 0, stepsPerSecond: 100, model: MODEL });

function setup() {
  const store = createAppStore();
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  const s = () => store.getState();
  /** Trains `n` steps of the current run (as the worker would report them). */
  const train = (n: number) => s().receive(metrics(s().run.runId, points(1, n)));
  return { store, sent, s, train };
}

describe('pins (pure)', () => {
  it('pinRefusal: refuses an empty series and a fifth pin, with a reason', () => {
    expect(pinRefusal(0, 0)).toMatch(/train/);
    expect(pinRefusal(0, 1)).toBeNull();
    expect(pinRefusal(PINS_MAX - 1, 10)).toBeNull();
    expect(pinRefusal(PINS_MAX, 10)).toMatch(/At most 4/);
  });

  it('addPin copies config and points deeply; the source can change without touching the pin', () => {
    const config = { ...defaultConfig(), layers: [8, 8] };
    const pts = points(1, 10);
    const pins = addPin([], config, pts, 7);
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({ id: 7, step: 10, colour: PIN_COLOURS[0] });
    expect(pins[0].points).toEqual(pts);
    config.layers.push(4);
    pts[4].layerSparsity![0] = 0.9;
    pts[0].trainLoss = 42;
    expect(pins[0].config.layers).toEqual([8, 8]);
    expect(pins[0].points[4].layerSparsity).toEqual([0.1, 0.2, 0.3]);
    expect(pins[0].points[0].trainLoss).toBe(1);
  });

  it('addPin returns the same array when refused; removePin too when the id is unknown', () => {
    const empty = addPin([], defaultConfig(), [], 1);
    expect(empty).toEqual([]);
    let pins = addPin([], defaultConfig(), points(1, 3), 1);
    expect(removePin(pins, 99)).toBe(pins);
    for (let id = 2; id <= 4; id++) pins = addPin(pins, defaultConfig(), points(1, 3), id);
    expect(pins).toHaveLength(4);
    expect(addPin(pins, defaultConfig(), points(1, 3), 5)).toBe(pins);
  });

  it('a removed pin frees its colour; the others keep theirs', () => {
    let pins = addPin([], defaultConfig(), points(1, 3), 1);
    pins = addPin(pins, defaultConfig(), points(1, 3), 2);
    pins = addPin(pins, defaultConfig(), points(1, 3), 3);
    expect(pins.map((p) => p.colour)).toEqual([PIN_COLOURS[0], PIN_COLOURS[1], PIN_COLOURS[2]]);
    pins = removePin(pins, 2);
    expect(pins.map((p) => p.colour)).toEqual([PIN_COLOURS[0], PIN_COLOURS[2]]);
    expect(freeColour(pins)).toBe(PIN_COLOURS[1]);
    pins = addPin(pins, defaultConfig(), points(1, 3), 4);
    expect(pins.map((p) => [p.id, p.colour])).toEqual([
      [1, PIN_COLOURS[0]],
      [3, PIN_COLOURS[2]],
      [4, PIN_COLOURS[1]],
    ]);
  });
});

describe('like with like: which pins are overlaid', () => {
  const on = (dataset: ExperimentConfig['dataset'], patch: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), dataset, ...patch });

  it('only a pin on the live dataset compares: the same input/output shape is not enough', () => {
    expect(pinComparable(on('mnist'), on('mnist'))).toBe(true);
    // xor, circle, gauss and spiral: all 2 inputs → 2 classes, different problems.
    expect(pinComparable(on('xor'), on('circle'))).toBe(false);
    expect(pinComparable(on('gauss'), on('spiral'))).toBe(false);
    // Regression against classification, and against MNIST.
    expect(pinComparable(on('plane'), on('circle'))).toBe(false);
    expect(pinComparable(on('xor'), on('mnist'))).toBe(false);
    // Within a dataset, what a student compares does not stop the overlay: noise, share, digits, augmentation, network.
    expect(pinComparable(on('xor', { noise: 50, split: 10 }), on('xor'))).toBe(true);
    expect(pinComparable(on('mnist', { trainSize: 300, aug: 'flip', arch: 'cnn' }), on('mnist'))).toBe(true);
  });

  it('says why a pin is not drawn, and overlaidPins keeps the comparable ones in order (the same array when all are)', () => {
    let pins = addPin([], on('xor'), points(1, 5), 1);
    pins = addPin(pins, on('mnist'), points(1, 5), 2);
    pins = addPin(pins, on('mnist', { seed: 3 }), points(1, 5), 3);
    expect(pinNotComparable(pins[0], on('mnist'))).toEqual({ pinned: 'xor', live: 'mnist' });
    expect(pinNotComparable(pins[1], on('mnist'))).toBeNull();
    expect(overlaidPins(pins, on('mnist')).map((p) => p.id)).toEqual([2, 3]);
    expect(overlaidPins(pins, on('xor')).map((p) => p.id)).toEqual([1]);
    expect(overlaidPins(pins, on('spiral'))).toEqual([]);
    const same = pins.slice(1);
    expect(overlaidPins(same, on('mnist'))).toBe(same);
  });

  it('an experiment\'s pins carry its tag; experimentPins finds them', () => {
    let pins = addPin([], defaultConfig(), points(1, 3), 1);
    pins = addPin(pins, defaultConfig(), points(1, 3), 2, 'augmentation');
    expect(pins[0]).not.toHaveProperty('experiment');
    expect(pins[1].experiment).toBe('augmentation');
    expect(experimentPins(pins, 'augmentation').map((p) => p.id)).toEqual([2]);
  });
});

describe('pin actions (store)', () => {
  it('pin() keeps the current series and config; nothing is sent to the worker', () => {
    const { s, sent, train } = setup();
    expect(s().pinned).toEqual([]);
    s().pin();
    expect(s().pinned).toEqual([]);
    train(20);
    s().pin();
    expect(s().pinned).toHaveLength(1);
    expect(s().pinned[0]).toMatchObject({ id: 1, step: 20, config: defaultConfig(), colour: PIN_COLOURS[0] });
    expect(s().pinned[0].points).toEqual(s().series.points);
    expect(s().pinned[0].points).not.toBe(s().series.points);
    expect(sent).toEqual([]);
  });

  it('pins survive new runs (cold changes and reset); the series does not', () => {
    const { s, train } = setup();
    train(20);
    s().pin();
    s().setConfig('layers', [4]);
    expect(s().run.runId).toBe(2);
    expect(s().series.points).toEqual([]);
    s().reset();
    expect(s().pinned).toHaveLength(1);
    expect(s().pinned[0].points).toHaveLength(20);
  });

  it('the ≤ 4 rule: a fifth pin is refused and the first four stay', () => {
    const { s, train } = setup();
    for (let i = 0; i < 5; i++) {
      s().setConfig('seed', i + 1);
      train(10 + i);
      s().pin();
    }
    expect(s().pinned.map((p) => p.config.seed)).toEqual([1, 2, 3, 4]);
    expect(s().pinned.map((p) => p.step)).toEqual([10, 11, 12, 13]);
    s().unpin(s().pinned[0].id);
    s().pin();
    expect(s().pinned.map((p) => p.config.seed)).toEqual([2, 3, 4, 5]);
  });

  it('ids are never reused, even after unpinning', () => {
    const { s, train } = setup();
    train(5);
    s().pin();
    s().pin();
    s().unpin(2);
    s().pin();
    expect(s().pinned.map((p) => p.id)).toEqual([1, 3]);
    s().unpin(1);
    s().unpin(1);
    expect(s().pinned.map((p) => p.id)).toEqual([3]);
  });

  it('restorePin puts the pinned config back: a hot difference keeps the run, a cold one starts a new run', () => {
    const { s, sent, train } = setup();
    train(10);
    s().pin();
    s().setConfig('l2', 0.001);
    s().setConfig('layers', [4]);
    expect(s().run.runId).toBe(2);
    s().receive(metrics(2, points(1, 5)));
    const id = s().pinned[0].id;
    sent.length = 0;
    s().restorePin(id);
    expect(s().config).toEqual(defaultConfig());
    expect(s().run.runId).toBe(3);
    expect(sent).toEqual([{ type: 'configure', runId: 3, config: defaultConfig() }]);
    // The restored config is a copy: changing the controls later leaves the pin alone.
    s().setConfig('lr', 0.1);
    expect(s().pinned[0].config.lr).toBe(defaultConfig().lr);
    // Hot only: same run.
    s().restorePin(id);
    expect(s().run.runId).toBe(3);
    expect(s().config.lr).toBe(defaultConfig().lr);
    sent.length = 0;
    s().restorePin(999);
    expect(sent).toEqual([]);
  });

  it('restorePin keeps the URL notice', () => {
    const { s, train } = setup();
    s().replaceConfig(defaultConfig(), [{ key: 'lr', reason: 'not a number' }]);
    train(3);
    s().pin();
    s().restorePin(s().pinned[0].id);
    expect(s().urlNotice).toEqual([{ key: 'lr', reason: 'not a number' }]);
  });
});
