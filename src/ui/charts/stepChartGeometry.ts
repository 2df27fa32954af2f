/**
 * The arithmetic of {@link StepChart}: axis ticks, pixel scales, SVG paths and
 * the nearest point to a cursor. Pure functions, unit-tested.
 */

/** A point on the step axis; what the y value is depends on the line. */
export interface StepPoint {
  step: number;
}

/** A y axis: its range, linear or logarithmic. */
export interface YScaleSpec {
  domain: readonly [number, number];
  scale: 'linear' | 'log';
}

/** The plot area inside the chart, px. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10ᵏ that is ≥ `raw` (a tick spacing). */
function niceSpacing(raw: number): number {
  const scale = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 2, 2.5, 5, 10].find((x) => x * scale >= raw * (1 - 1e-9)) ?? 10;
  return m * scale;
}

/**
 * Evenly spaced round ticks covering [lo, hi], about `count` of them
 * (spacing 1, 2, 2.5 or 5 × 10ᵏ); `[lo]` for an empty or unreadable range.
 */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const spacing = niceSpacing((hi - lo) / count);
  // Decimals of the spacing (2.5e-3 → 4): rounding there removes float noise and nothing else.
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(spacing))));
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / spacing - 1e-9); i * spacing <= hi + spacing * 1e-9; i++) ticks.push(Math.min(hi, Math.max(lo, +(i * spacing).toFixed(decimals))));
  return ticks;
}

/**
 * Ticks of a log axis over [lo, hi] (lo > 0): the powers of ten in it, every
 * second or third one when there are many; with 2 and 5 between them when the
 * range spans at most two decades.
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return [lo];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const decades = last - first + 1;
  if (decades <= 3) {
    const ticks: number[] = [];
    for (let k = first - 1; k <= last; k++) for (const m of [1, 2, 5]) {
      const v = +(m * 10 ** k).toPrecision(12);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
    return ticks;
  }
  const every = Math.ceil(decades / 6);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += every) ticks.push(+(10 ** k).toPrecision(12));
  return ticks;
}

/** The ticks of `y`. */
export function yTicks(y: YScaleSpec): number[] {
  return y.scale === 'log' ? logTicks(y.domain[0], y.domain[1]) : linearTicks(y.domain[0], y.domain[1]);
}

/** Step → x pixel over [0, xMax]. */
export function xPixel(step: number, xMax: number, box: PlotBox): number {
  return box.left + (xMax > 0 ? step / xMax : 0) * box.width;
}

/** Value → y pixel on `y` (top is high); NaN for a value the axis cannot show (non-finite, or ≤ 0 on a log axis). */
export function yPixel(v: number, y: YScaleSpec, box: PlotBox): number {
  const [lo, hi] = y.domain;
  let f: number;
  if (y.scale === 'log') {
    if (!(v > 0) || !(lo > 0)) return NaN;
    f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  } else {
    f = (v - lo) / (hi - lo);
  }
  return Number.isFinite(f) ? box.top + (1 - f) * box.height : NaN;
}

/** Rounds a pixel coordinate to 0.1 px: shorter path strings, no visible difference. */
function px(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * The SVG path of a line through `points` (sorted by step), `value` giving each
 * point's y; points without a showable value break the line. `stepAfter` holds
 * each value until the next point's step, then jumps. `before` (optional)
 * gives a point's value from just before a jump at its step (a mask change):
 * the line comes in to that value and rises or falls vertically to the
 * point's own, so the change reads as a jump at its step, not a slope from
 * the previous point. '' when nothing is drawn.
 */
export function linePath<P extends StepPoint>(
  points: readonly P[],
  value: (p: P) => number | undefined,
  curve: 'linear' | 'stepAfter',
  xMax: number,
  y: YScaleSpec,
  box: PlotBox,
  before?: (p: P) => number | undefined,
): string {
  let d = '';
  let open = false;
  for (const p of points) {
    const v = value(p);
    const py = v === undefined ? NaN : yPixel(v, y, box);
    if (Number.isNaN(py)) {
      open = false;
      continue;
    }
    const x = px(xPixel(p.step, xMax, box));
    const yy = px(py);
    const b = before?.(p);
    const pb = b === undefined ? NaN : yPixel(b, y, box);
    if (!Number.isNaN(pb)) {
      const yb = px(pb);
      if (!open) d += `M${x} ${yb}`;
      else if (curve === 'stepAfter') d += `H${x}V${yb}`;
      else d += `L${x} ${yb}`;
      d += `V${yy}`;
    } else if (!open) d += `M${x} ${yy}`;
    else if (curve === 'stepAfter') d += `H${x}V${yy}`;
    else d += `L${x} ${yy}`;
    open = true;
  }
  return d;
}

/** A jump of a line at a step (a mask change): where to draw its marker. */
export interface JumpMarker {
  /** The step the jump happened at (the masks' step; a merged chart point may sit a little later). */
  step: number;
  /** Pixel x of the chart point, and y of the values before and after. */
  x: number;
  yBefore: number;
  yAfter: number;
  before: number;
  after: number;
}

/** The jumps of a line: every point with a showable value and a showable `before` (see {@link linePath}); `jumpStep` names the step of each. */
export function jumpMarkers<P extends StepPoint>(
  points: readonly P[],
  value: (p: P) => number | undefined,
  before: (p: P) => number | undefined,
  jumpStep: (p: P) => number,
  xMax: number,
  y: YScaleSpec,
  box: PlotBox,
): JumpMarker[] {
  const out: JumpMarker[] = [];
  for (const p of points) {
    const a = value(p);
    const b = before(p);
    if (a === undefined || b === undefined) continue;
    const yAfter = yPixel(a, y, box);
    const yBefore = yPixel(b, y, box);
    if (Number.isNaN(yAfter) || Number.isNaN(yBefore)) continue;
    out.push({ step: jumpStep(p), x: px(xPixel(p.step, xMax, box)), yBefore: px(yBefore), yAfter: px(yAfter), before: b, after: a });
  }
  return out;
}

/** Index of the point whose step is nearest `step` in `points` (sorted by step); -1 when empty. */
export function nearestIndex(points: readonly StepPoint[], step: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].step < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && step - points[lo - 1].step <= points[lo].step - step) return lo - 1;
  return lo;
}
