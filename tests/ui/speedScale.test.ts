import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundsOf } from '../../src/state/urlCodec';
import { SPEED_STOPS, speedAt, speedPosition } from '../../src/ui/header/speedScale';

describe('the speed slider', () => {
  it('runs from slow motion to full speed: 1 step/s at the left, full speed (0) at the right', () => {
    expect(speedAt(0)).toBe(1);
    expect(speedAt(SPEED_STOPS.length - 1)).toBe(0);
    expect(speedPosition(0)).toBe(SPEED_STOPS.length - 1);
    expect(speedPosition(1)).toBe(0);
    expect(speedPosition(1000)).toBe(SPEED_STOPS.length - 2);
  });

  it('every stop is a value the speed key allows, and each stop maps back to its position', () => {
    const { min, max } = boundsOf('speed');
    SPEED_STOPS.forEach((s, i) => {
      expect(s >= min && s <= max, `stop ${s}`).toBe(true);
      expect(speedPosition(s)).toBe(i);
    });
  });

  it('a link value between stops shows at the nearest stop on a log scale (3 → 2 or 5, 700 → 500)', () => {
    expect(SPEED_STOPS[speedPosition(3)]).toBe(2);
    expect(SPEED_STOPS[speedPosition(4)]).toBe(5);
    expect(SPEED_STOPS[speedPosition(700)]).toBe(500);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (speed) => {
        const stop = SPEED_STOPS[speedPosition(speed)];
        // No other stop is closer in ratio.
        return SPEED_STOPS.filter((s) => s > 0).every((s) => Math.abs(Math.log(stop / speed)) <= Math.abs(Math.log(s / speed)) + 1e-12);
      }),
    );
  });
});
