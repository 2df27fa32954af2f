import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { timeForward } from '../../src/engine/train/probe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A forward pass that takes `ms` of wall time and counts its calls. */
function slowForward(ms: number) {
  const calls = { n: 0 };
  const forward = (x: tf.Tensor2D) => {
    calls.n++;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy: a slow pass
    }
    return tf.add(x, 1);
  };
  return { calls, forward };
}

describe('timeForward', () => {
  it('runs one warm-up and then every rep without a budget', async () => {
    const { calls, forward } = slowForward(1);
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    await timeForward(forward, x, 5);
    expect(calls.n).toBe(6);
    x.dispose();
  });

  it('stops after 3 timed runs once past the budget', async () => {
    const { calls, forward } = slowForward(30);
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    const ms = await timeForward(forward, x, 15, 50);
    // 30, 60 (< 50·2 but only 2 runs), 90 ms with 3 runs ≥ 50: stop. Warm-up + 3.
    expect(calls.n).toBe(4);
    expect(ms).toBeGreaterThanOrEqual(30);
    x.dispose();
  });

  it('stops after a single run past twice the budget', async () => {
    const { calls, forward } = slowForward(120);
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    await timeForward(forward, x, 15, 50);
    expect(calls.n).toBe(2);
    x.dispose();
  });
});
