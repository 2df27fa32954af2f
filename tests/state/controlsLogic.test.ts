import { describe, expect, it } from 'vitest';
import { LAMBDA_MAX_POSITION, lambdaAt, lambdaPosition } from '../../src/ui/regularise/lambdaScale';
import { keptWidths, pruningLocks } from '../../src/ui/prune/pruningRules';
import { THRESHOLD_MAX_POSITION, thresholdAt, thresholdPosition } from '../../src/ui/prune/thresholdScale';
import { formatCompact, formatFlops, formatLambda, formatThreshold } from '../../src/ui/format';
import { SCHEMA } from '../../src/state/urlCodec';

// The pure logic behind the pruning controls and header (the components themselves are covered by e2e).

describe('θ log slider', () => {
  it('maps position 0 to off and 1 … max to 1e-4 … 10, 20 stops a decade', () => {
    expect(THRESHOLD_MAX_POSITION).toBe(101);
    expect([0, 1, 21, 41, 61, 81, 101].map(thresholdAt)).toEqual([0, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
    expect(thresholdAt(27)).toBe(0.002);
    expect(thresholdAt(-3)).toBe(0);
    expect(thresholdAt(500)).toBe(10);
  });

  it('every stop is a valid URL value and reads back at its own position', () => {
    for (let pos = 0; pos <= THRESHOLD_MAX_POSITION; pos++) {
      const theta = thresholdAt(pos);
      expect(SCHEMA.threshold.isValid(theta)).toBe(true);
      expect(thresholdPosition(theta)).toBe(pos);
      if (pos > 1) expect(theta).toBeGreaterThan(thresholdAt(pos - 1));
    }
  });

  it('puts a typed θ at the nearest stop, never at "off" when θ > 0', () => {
    expect(thresholdPosition(0.05)).toBe(55); // 10^(-4 + 54/20) = 0.0501
    expect(thresholdPosition(1e-9)).toBe(1);
    expect(thresholdPosition(0)).toBe(0);
  });
});

describe('pruning locks', () => {
  it('the schedule or the lottery owns the mask; the lottery also locks neurons', () => {
    expect(pruningLocks({ pmode: 'threshold', sched: 'off', lottery: 'off' }, false)).toMatchObject({ manual: null, neurons: null, schedule: null });
    expect(pruningLocks({ pmode: 'threshold', sched: 'poly', lottery: 'off' }, false).manual).toMatch(/schedule owns the mask/);
    const lottery = pruningLocks({ pmode: 'sparsity', sched: 'poly', lottery: 'rewind' }, false);
    expect(lottery.manual).toMatch(/lottery/);
    expect(lottery.neurons).toMatch(/lottery/);
    expect(lottery.schedule).toMatch(/lottery/);
    expect(lottery.scope).not.toBeNull();
    expect(pruningLocks({ pmode: 'threshold', sched: 'off', lottery: 'off' }, true).neurons).toMatch(/Reset/);
  });

  it('scope applies to target sparsity and to the schedule only', () => {
    expect(pruningLocks({ pmode: 'sparsity', sched: 'off', lottery: 'off' }, false).scope).toBeNull();
    expect(pruningLocks({ pmode: 'std', sched: 'poly', lottery: 'off' }, false).scope).toBeNull();
    expect(pruningLocks({ pmode: 'threshold', sched: 'off', lottery: 'off' }, false).scope).toMatch(/target sparsity/);
    expect(pruningLocks({ pmode: 'std', sched: 'off', lottery: 'off' }, false).scope).not.toBeNull();
  });

  it('keptWidths keeps ⌈p·n⌉, at least one', () => {
    expect(keptWidths([300, 100], 0.5)).toEqual([150, 50]);
    expect(keptWidths([100], 0.07)).toEqual([7]);
    expect(keptWidths([8, 3], 0.01)).toEqual([1, 1]);
    expect(keptWidths([8], 1)).toEqual([8]);
  });
});

describe('header formats', () => {
  it('counts, FLOPs and θ in a few characters', () => {
    expect([950, 26_600, 266_200, 1_234_567].map(formatCompact)).toEqual(['950', '26.6k', '266k', '1.23M']);
    expect(formatCompact(null)).toBe('—');
    expect([192, 4_608, 532_400, 2_700_000].map(formatFlops)).toEqual(['192 FLOP', '4.6 kFLOP', '0.53 MFLOP', '2.7 MFLOP']);
    expect([0, 0.0501, 1.12e-4, 2].map(formatThreshold)).toEqual(['off', '0.0501', '1.1e-4', '2']);
  });
});

describe('λ log slider', () => {
  it('maps position 0 to off and 1 … 61 to 1e-6 … 1, 10 stops a decade', () => {
    expect(LAMBDA_MAX_POSITION).toBe(61);
    expect([0, 1, 11, 21, 31, 41, 51, 61].map(lambdaAt)).toEqual([0, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
    expect(lambdaAt(26)).toBe(0.000316);
    expect(lambdaAt(-1)).toBe(0);
    expect(lambdaAt(99)).toBe(1);
  });

  it('every stop is a valid λ₁ and λ₂ and reads back at its own position', () => {
    for (let pos = 0; pos <= LAMBDA_MAX_POSITION; pos++) {
      const lambda = lambdaAt(pos);
      expect(SCHEMA.l1.isValid(lambda)).toBe(true);
      expect(SCHEMA.l2.isValid(lambda)).toBe(true);
      expect(lambdaPosition(lambda)).toBe(pos);
      if (pos > 1) expect(lambda).toBeGreaterThan(lambdaAt(pos - 1));
    }
  });

  it('puts a typed λ at the nearest stop, never at "off" when λ > 0', () => {
    expect(lambdaPosition(6e-5)).toBe(19); // between 5.01e-5 (18) and 6.31e-5 (19), nearer the latter in log
    expect(lambdaPosition(1e-7)).toBe(1);
    expect(lambdaPosition(0)).toBe(0);
  });

  it('formats λ for people', () => {
    expect([0, 1e-6, 3.162e-5, 0.000316, 0.001, 0.00316, 0.1, 1].map(formatLambda)).toEqual(['off', '1e-6', '3.16e-5', '3.16e-4', '0.001', '0.00316', '0.1', '1']);
  });
});
