/**
 * Log-spaced histograms of weight magnitudes |w|, split into kept and pruned
 * weights: pure functions over typed arrays, one pass per layer (LeNet-300-100's
 * 266,200 weights take a few milliseconds), so the canvas never needs a DOM node per weight.
 */

/**
 * Log-spaced bin edges over [lo, hi]: bin b (1 … count) holds lo·r^(b−1) ≤ |w| < lo·r^b
 * with r = (hi/lo)^(1/count); bin 0 holds everything below lo (exact zeros included)
 * and |w| ≥ hi falls into the last bin.
 */
export interface LogBins {
  /** Lower edge of bin 1 (> 0). */
  lo: number;
  /** Upper edge of the last bin. */
  hi: number;
  /** Log-spaced bins, not counting the underflow bin 0. */
  count: number;
}

/** Bin counts of one layer: index 0 = the underflow bin (|w| < lo), then the log-spaced bins. */
export interface LayerHistogram {
  kept: Uint32Array;
  pruned: Uint32Array;
  /** Weights with mask 0. */
  prunedTotal: number;
  total: number;
}

/** Decades of |w| the histogram spans below the largest weight. */
export const HISTOGRAM_DECADES = 3;
/** Bins per decade: 12 gives smooth shapes at LeNet size and visible bars on a 2-D toy. */
export const BINS_PER_DECADE = 12;

/** The largest |w| over `kernels`; 0 when all are empty or zero. */
export function maxAbs(kernels: readonly Float32Array[]): number {
  let m = 0;
  for (const k of kernels) {
    for (let i = 0; i < k.length; i++) {
      const a = Math.abs(k[i]);
      if (a > m) m = a;
    }
  }
  return m;
}

/**
 * Bins spanning `decades` decades below `hiAbs` (the largest |w|), `perDecade` per decade.
 * A zero or non-finite `hiAbs` gives [1e-3, 1] so an all-zero network still draws.
 */
export function logBins(hiAbs: number, decades = HISTOGRAM_DECADES, perDecade = BINS_PER_DECADE): LogBins {
  const hi = hiAbs > 0 && Number.isFinite(hiAbs) ? hiAbs : 1;
  return { lo: hi / 10 ** decades, hi, count: Math.max(1, Math.round(decades * perDecade)) };
}

/** The bin (0 … count) holding magnitude `a` ≥ 0. */
export function binOf(bins: LogBins, a: number): number {
  if (!(a >= bins.lo)) return 0;
  const logLo = Math.log(bins.lo);
  const b = 1 + Math.floor((Math.log(a) - logLo) * (bins.count / (Math.log(bins.hi) - logLo)));
  return b > bins.count ? bins.count : b;
}

/**
 * Counts |kernel[i]| into `bins`, as pruned where `mask[i] === 0` and as kept
 * otherwise (a null mask keeps everything). One pass, no allocation per weight.
 */
export function binMagnitudes(kernel: Float32Array, mask: Uint8Array | null, bins: LogBins): LayerHistogram {
  const kept = new Uint32Array(bins.count + 1);
  const pruned = new Uint32Array(bins.count + 1);
  const logLo = Math.log(bins.lo);
  const scale = bins.count / (Math.log(bins.hi) - logLo);
  const last = bins.count;
  let prunedTotal = 0;
  for (let i = 0; i < kernel.length; i++) {
    const a = Math.abs(kernel[i]);
    let b = 0;
    if (a >= bins.lo) {
      b = 1 + Math.floor((Math.log(a) - logLo) * scale);
      if (b > last) b = last;
    }
    if (mask !== null && mask[i] === 0) {
      pruned[b]++;
      prunedTotal++;
    } else kept[b]++;
  }
  return { kept, pruned, prunedTotal, total: kernel.length };
}

/**
 * Horizontal position in [0, 1] of magnitude `a` on the histogram's log axis,
 * where [0, 1/(count+1)] is the underflow bin and the rest is lo … hi on a log scale.
 * Values below lo map into the underflow bin's right edge; above hi to 1.
 */
export function axisPosition(bins: LogBins, a: number): number {
  const under = 1 / (bins.count + 1);
  if (!(a > bins.lo)) return under;
  if (a >= bins.hi) return 1;
  return under + (1 - under) * (Math.log(a / bins.lo) / Math.log(bins.hi / bins.lo));
}

/** Powers of ten inside [lo, hi], for axis ticks. */
export function decadeTicks(bins: LogBins): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(bins.lo) - 1e-9); 10 ** e <= bins.hi * (1 + 1e-9); e++) ticks.push(10 ** e);
  return ticks;
}

/**
 * Linear bins of signed weights w over [−hi, hi], `perSide` bins each side of
 * zero plus one slot of its own for exact zeros: slots 0 … perSide−1 hold
 * −hi ≤ w < 0 (most negative first), slot `perSide` holds w = 0 exactly, slots
 * perSide+1 … 2·perSide hold 0 < w ≤ hi. A zero gets its own bar so that L1's
 * exact zeros (proximal step, pruning) are not mixed with merely small weights.
 */
export interface SignedBins {
  hi: number;
  perSide: number;
}

/** Bins per side of zero in the signed view: a smooth bell at LeNet size, visible bars on a toy. */
export const SIGNED_BINS_PER_SIDE = 24;

/** Signed bins over [−hiAbs, hiAbs]; a zero or non-finite `hiAbs` gives [−1, 1] so an all-zero network still draws. */
export function signedBins(hiAbs: number, perSide = SIGNED_BINS_PER_SIDE): SignedBins {
  return { hi: hiAbs > 0 && Number.isFinite(hiAbs) ? hiAbs : 1, perSide: Math.max(1, Math.round(perSide)) };
}

/** The slot (0 … 2·perSide) holding `w`; −1 for NaN. |w| ≥ hi falls into the outermost bin of its side. */
export function signedSlotOf(bins: SignedBins, w: number): number {
  if (w === 0) return bins.perSide;
  if (Number.isNaN(w)) return -1;
  const inner = Math.min(bins.perSide - 1, Math.floor((Math.abs(w) / bins.hi) * bins.perSide));
  return w < 0 ? bins.perSide - 1 - inner : bins.perSide + 1 + inner;
}

/**
 * Counts the signed weights of `kernel` into `bins` (2·perSide + 1 slots), as
 * pruned where `mask[i] === 0` and kept otherwise; NaN is counted in the total
 * only. One pass, no allocation per weight.
 */
export function binSigned(kernel: Float32Array, mask: Uint8Array | null, bins: SignedBins): LayerHistogram {
  const slots = 2 * bins.perSide + 1;
  const kept = new Uint32Array(slots);
  const pruned = new Uint32Array(slots);
  const scale = bins.perSide / bins.hi;
  const innerMax = bins.perSide - 1;
  let prunedTotal = 0;
  for (let i = 0; i < kernel.length; i++) {
    const w = kernel[i];
    let b: number;
    if (w === 0) b = bins.perSide;
    else if (w > 0) b = bins.perSide + 1 + Math.min(innerMax, Math.floor(w * scale));
    else if (w < 0) b = bins.perSide - 1 - Math.min(innerMax, Math.floor(-w * scale));
    else continue;
    if (mask !== null && mask[i] === 0) {
      pruned[b]++;
      prunedTotal++;
    } else kept[b]++;
  }
  return { kept, pruned, prunedTotal, total: kernel.length };
}

/**
 * Horizontal position in [0, 1] of the signed weight `w`: the zero slot is the
 * middle 1/(2·perSide+1) of the axis (w = 0 at its centre), −hi … 0 and 0 … hi
 * are linear on either side; beyond ±hi clamps to the ends.
 */
export function signedAxisPosition(bins: SignedBins, w: number): number {
  const slots = 2 * bins.perSide + 1;
  if (w === 0) return 0.5;
  const t = Math.min(1, Math.abs(w) / bins.hi) * bins.perSide;
  return w < 0 ? (bins.perSide - t) / slots : (bins.perSide + 1 + t) / slots;
}

const TICK_MANTISSAS = [1, 2, 2.5, 3, 5, 10];

/** Tick values of the signed axis: 0 and ±k·step inside [−hi, hi], step a nice number ≥ hi/3 (at most three ticks a side). */
export function signedTicks(bins: SignedBins): number[] {
  const target = bins.hi / 3;
  const scale = 10 ** Math.floor(Math.log10(target));
  const step = (TICK_MANTISSAS.find((m) => m * scale >= target * (1 - 1e-9)) ?? 10) * scale;
  const ticks = [0];
  for (let k = 1; k * step <= bins.hi * (1 + 1e-9); k++) ticks.push(+(k * step).toPrecision(12), -(+(k * step).toPrecision(12)));
  return ticks.sort((a, b) => a - b);
}
