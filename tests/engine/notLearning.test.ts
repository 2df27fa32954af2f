import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data';
import { datasetInfo } from '../../src/engine/data/catalog';
import { mlpSpec } from '../../src/engine/model/spec';
import { constantLoss } from '../../src/engine/train/divergence';
import {
  LEARNING_AGAIN,
  NOT_LEARNING_MAX_STEPS,
  NOT_LEARNING_MIN_STEPS,
  NOT_LEARNING_WINDOW,
  NotLearningWatch,
  RATE_RANGE,
  STILL_AT_CONSTANT,
  notLearningBudget,
  rateCause,
  type NotLearning,
} from '../../src/engine/train/notLearning';
import { TrainingSession } from '../../src/engine/train/session';
import type { Activation, DatasetName, OptimizerName } from '../../src/engine/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the not-learning rule (pure)', () => {
  it('budget: 300 steps, or one pass over the training set, at most 1,000', () => {
    expect(notLearningBudget(250, 10)).toBe(NOT_LEARNING_MIN_STEPS);
    expect(notLearningBudget(8000, 16)).toBe(500);
    expect(notLearningBudget(8000, 1)).toBe(NOT_LEARNING_MAX_STEPS);
  });

  it('names a cause only outside the optimizer’s range of learning rates', () => {
    expect(rateCause('sgd', 0.00001)).toBe('low');
    expect(rateCause('sgd', 0.1)).toBeNull();
    expect(rateCause('sgd', 3)).toBe('high');
    expect(rateCause('adam', 0.03)).toBeNull();
    expect(rateCause('adam', 1)).toBe('high');
    expect(rateCause('momentum', 0.0001)).toBe('low');
  });

  it('raises after the budget with the window mean at ≥ 0.95 · L₀, holds down to 0.9 · L₀, clears below', () => {
    const w = new NotLearningWatch(1, 300);
    const flat = (v: number, n: number) => new Array<number>(n).fill(v);
    expect(w.record(flat(1, 299), 299, 'sgd', 1e-5)).toBeNull();
    const n = w.record([1], 300, 'sgd', 1e-5)!;
    expect(n).toEqual({ step: 300, steps: 300, loss: 1, reference: 1, cause: 'low', optimizer: 'sgd', learningRate: 1e-5, suggest: RATE_RANGE.sgd.suggest });
    // 0.92 · L₀ for a whole window: below the raising level, above the clearing one: it holds.
    expect(w.record(flat(0.92, NOT_LEARNING_WINDOW), 400, 'sgd', 1e-5)).toMatchObject({ step: 400, loss: expect.closeTo(0.92, 9) });
    expect(w.record(flat(LEARNING_AGAIN - 0.01, NOT_LEARNING_WINDOW), 500, 'sgd', 1e-5)).toBeNull();
    // A fresh watch at 0.94 · L₀: never raised.
    const w2 = new NotLearningWatch(1, 300);
    expect(w2.record(flat(STILL_AT_CONSTANT - 0.01, 400), 400, 'adam', 1e-6)).toBeNull();
    // Non-finite losses are skipped; L₀ ≤ 0 never raises.
    const w3 = new NotLearningWatch(0, 10);
    expect(w3.record(flat(5, 200), 200, 'sgd', 10)).toBeNull();
  });

  it('a learning rate moved into the range clears it', () => {
    const w = new NotLearningWatch(0.69, 300);
    expect(w.record(new Array<number>(300).fill(0.7), 300, 'adam', 3)).toMatchObject({ cause: 'high' });
    expect(w.record([0.7], 301, 'adam', 0.01)).toBeNull();
  });
});

/** Trains `steps` steps (10 bursts) and feeds the losses to the rule as the worker does; the notice after each burst. */
async function run(dataset: DatasetName, optimizer: OptimizerName, learningRate: number, opts: { seed?: number; act?: Activation; steps?: number } = {}) {
  const data = makeDataset({ name: dataset, noisePercent: 0, trainPercent: 50, seed: opts.seed ?? 1 });
  const session = new TrainingSession(data, mlpSpec(datasetInfo(dataset), [8, 8], opts.act ?? 'tanh'), { optimizer, learningRate, batchSize: 10, seed: opts.seed ?? 1 });
  const watch = new NotLearningWatch(constantLoss(data), notLearningBudget(data.nTrain, 10));
  const notices: (NotLearning | null)[] = [];
  const steps = opts.steps ?? 400;
  for (let done = 0; done < steps; done += 40) {
    const { loss } = await session.trainSteps(40);
    notices.push(watch.record(loss, session.step, optimizer, learningRate));
  }
  return { session, watch, notices, reference: constantLoss(data) };
}

describe('not learning, with real sessions (circle, xor, spiral, plane, friedman; 8,8, batch 10)', () => {
  it('steps too small: SGD and Adam at 10⁻⁵ sit at L₀; raised at the budget (not before), cause low', async () => {
    for (const [dataset, opt, lr] of [['circle', 'sgd', 1e-5], ['xor', 'adam', 1e-5], ['plane', 'sgd', 1e-5], ['friedman', 'sgd', 1e-5], ['circle', 'momentum', 1e-4]] as const) {
      const { session, notices, reference } = await run(dataset, opt, lr);
      // 10 bursts of 40: the first judged at step 320 (the budget is 300).
      expect(notices.slice(0, 7).every((n) => n === null)).toBe(true);
      const last = notices.at(-1)!;
      expect(last, `${dataset} ${opt} ${lr}`).not.toBeNull();
      expect(last).toMatchObject({ step: 400, cause: 'low', optimizer: opt, learningRate: lr, suggest: RATE_RANGE[opt].suggest, reference });
      expect(last.loss).toBeGreaterThanOrEqual(STILL_AT_CONSTANT * reference);
      session.dispose();
    }
  });

  it('steps too large: the loss bounces at or above L₀ without diverging; cause high', async () => {
    for (const [dataset, opt, lr, act] of [['circle', 'adam', 3, 'relu'], ['xor', 'adam', 1, 'tanh'], ['spiral', 'sgd', 3, 'relu']] as const) {
      const { session, notices, reference } = await run(dataset, opt, lr, { act });
      const last = notices.at(-1)!;
      expect(last).toMatchObject({ cause: 'high', optimizer: opt, learningRate: lr });
      // Not a divergence (that rule stops runs whose interval mean passes 15 · L₀).
      expect(last.loss).toBeLessThan(15 * reference);
      session.dispose();
    }
  });

  it('a normal run never raises it: the default settings on every toy set and three seeds, and sgd / momentum at sane rates', async () => {
    for (const dataset of ['circle', 'xor', 'gauss', 'spiral', 'plane', 'friedman'] as const) {
      for (const seed of [1, 2, 3]) {
        const { session, notices } = await run(dataset, 'adam', 0.03, { seed, steps: 600 });
        expect(notices.every((n) => n === null), `${dataset} seed ${seed}`).toBe(true);
        session.dispose();
      }
    }
    for (const [dataset, opt, lr] of [['circle', 'sgd', 0.1], ['xor', 'momentum', 0.01], ['plane', 'sgd', 0.03], ['spiral', 'sgd', 0.1]] as const) {
      const { session, notices } = await run(dataset, opt, lr, { steps: 600 });
      expect(notices.every((n) => n === null), `${dataset} ${opt} ${lr}`).toBe(true);
      session.dispose();
    }
  });

  it('clears once the loss falls: Adam at 10⁻⁵ on circle, then at 0.03', async () => {
    const { session, watch, notices } = await run('circle', 'adam', 0.00001);
    expect(notices.at(-1)).toMatchObject({ cause: 'low' });
    session.setLearningRate(0.03);
    // Still "low" by the rate? No: 0.03 is inside Adam's range, so the notice goes at once; the loss then falls well below L₀.
    const { loss } = await session.trainSteps(300);
    expect(watch.record(loss, session.step, 'adam', 0.03)).toBeNull();
    expect(loss.slice(-100).reduce((a, b) => a + b, 0) / 100).toBeLessThan(LEARNING_AGAIN * Math.log(2));
    session.dispose();
  });
});
