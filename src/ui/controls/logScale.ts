/**
 * A log-scaled slider with an "off" stop: position 0 is the value 0 (off);
 * positions 1 … `maxPosition` cover 10^minExp … 10^maxExp with `perDecade`
 * steps per decade: value(pos) = 10^(minExp + (pos − 1)/perDecade), rounded
 * to 3 significant digits so the URL stays readable (`threshold=0.0501`).
 * Weight magnitudes and penalty strengths span decades, so a linear slider
 * would spend nearly all its travel above the interesting values.
 */
export interface LogScale {
  maxPosition: number;
  /** The value at a slider position (0 and below → 0). */
  at(pos: number): number;
  /** The nearest slider position: 0 for values ≤ 0, at least 1 for any value > 0 (a tiny typed value is not "off"). */
  position(value: number): number;
}

export function logScale(minExp: number, maxExp: number, perDecade: number): LogScale {
  const maxPosition = 1 + (maxExp - minExp) * perDecade;
  return {
    maxPosition,
    at(pos) {
      if (!(pos >= 1)) return 0;
      const p = Math.min(Math.round(pos), maxPosition);
      return Number((10 ** (minExp + (p - 1) / perDecade)).toPrecision(3));
    },
    position(value) {
      if (!(value > 0)) return 0;
      const p = Math.round(1 + (Math.log10(value) - minExp) * perDecade);
      return Math.min(Math.max(p, 1), maxPosition);
    },
  };
}
