/**
 * Unstructured (magnitude) masks in plain JS: by threshold, by target sparsity
 * (per layer or global), by Han et al.'s q·std, and the lottery-ticket round.
 * Masks are Uint8Array 0/1 (1 = kept) in the kernel's row-major layout.
 * No tfjs: the main thread may import this module.
 */
import type { PruneScope } from './types';

/** Ranking key of a value: itself, NaN last (a diverged weight is pruned first, never kept over a number). */
function key(v: number): number {
  return v === v ? v : -Infinity;
}

/**
 * The k-th smallest (0-based) of a[0..n): in place, Hoare-partition
 * quickselect with a median-of-three pivot (O(n) on average, robust to long runs
 * of equal values such as already pruned zeros). A full sort of LeNet-300-100's
 * 266,200 weights would cost several times more.
 */
function selectKth(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot value.
    const [x, y, z] = [a[lo], a[mid], a[hi]];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] = pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Keeps exactly min(k, eligible count) entries with the largest scores over all
 * `scores` arrays together (one ranking). Ties at the cut go to the earlier
 * array, then the lower index. `eligible[ℓ]` (null = all) limits which entries
 * may be kept. Scores must already be ranking keys (no NaN).
 * Shared with structured.ts (neuron masks) — internal to the prune package.
 */
export function keepLargest(scores: Float32Array[], k: number, eligible?: (Uint8Array | null)[]): Uint8Array[] {
  const elig = (l: number) => eligible?.[l] ?? null;
  let m = 0;
  scores.forEach((s, l) => {
    const e = elig(l);
    if (!e) m += s.length;
    else for (let i = 0; i < s.length; i++) m += e[i];
  });
  if (k >= m) return scores.map((s, l) => (elig(l) ? Uint8Array.from(elig(l) as Uint8Array) : new Uint8Array(s.length).fill(1)));
  const out = scores.map((s) => new Uint8Array(s.length));
  if (k <= 0) return out;
  // Pool the eligible scores, find the cut t = the k-th largest.
  const pool = new Float32Array(m);
  let p = 0;
  scores.forEach((s, l) => {
    const e = elig(l);
    if (!e) {
      pool.set(s, p);
      p += s.length;
    } else for (let i = 0; i < s.length; i++) if (e[i]) pool[p++] = s[i];
  });
  const t = selectKth(pool, m - k);
  let above = 0;
  for (let i = 0; i < m; i++) if (pool[i] > t) above++;
  let ties = k - above; // entries equal to t still to keep, in position order
  scores.forEach((s, l) => {
    const e = elig(l);
    const o = out[l];
    for (let i = 0; i < s.length; i++) {
      if (e && !e[i]) continue;
      const v = s[i];
      if (v > t) o[i] = 1;
      else if (v === t && ties > 0) {
        o[i] = 1;
        ties--;
      }
    }
  });
  return out;
}

/** |w| as ranking keys (NaN → −∞), in a Float32Array (exact: |float32| is a float32). */
function magnitudes(kernel: Float32Array): Float32Array {
  const a = new Float32Array(kernel.length);
  for (let i = 0; i < a.length; i++) a[i] = key(Math.abs(kernel[i]));
  return a;
}

/** Mask by threshold: m = 1 where |w| ≥ θ (NaN is pruned); θ ≤ 0 keeps everything. */
export function thresholdMask(kernel: Float32Array, theta: number): Uint8Array {
  const m = new Uint8Array(kernel.length);
  if (!(theta > 0)) return m.fill(1);
  for (let i = 0; i < kernel.length; i++) m[i] = Math.abs(kernel[i]) >= theta ? 1 : 0;
  return m;
}

/**
 * x rounded half to even (tf.math.round, which TF-MOT uses), treating values
 * within 1e-9 of a half as the half so float noise in n·(1 − s) does not decide.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (Math.abs(d - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/**
 * Weights kept at target sparsity s (TF-MOT `pruning_impl._update_mask`):
 * k = max(round(n·(1 − s)), 1), round half to even like tf.round; 0 when n = 0.
 * E.g. s = 0.9999 on 100 weights keeps 1; s = 0.5 on 5 weights keeps 2.
 */
export function keepCount(n: number, s: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.max(roundHalfEven(n * (1 - s)), 1));
}

/**
 * Masks at target sparsity s: keep exactly k = keepCount(n, s) weights of
 * largest |w|. `layer`: each kernel separately (n = its size); `global`: one
 * ranking over all kernels (n = their total, torch `global_unstructured`).
 * Ties at the cut: earlier layer, then lower index, is kept. `eligible[ℓ]`
 * (null = all) restricts the candidates (cumulative pruning: a pruned weight
 * never returns); with fewer than k eligible, all eligible are kept.
 * s ≤ 0 → all ones (or the eligible masks).
 */
export function sparsityMasks(kernels: Float32Array[], s: number, scope: PruneScope, eligible?: (Uint8Array | null)[]): Uint8Array[] {
  const ones = (l: number) => (eligible?.[l] ? Uint8Array.from(eligible[l] as Uint8Array) : new Uint8Array(kernels[l].length).fill(1));
  if (!(s > 0)) return kernels.map((_, l) => ones(l));
  const scores = kernels.map(magnitudes);
  if (scope === 'global') {
    const n = kernels.reduce((sum, k) => sum + k.length, 0);
    return keepLargest(scores, keepCount(n, s), eligible);
  }
  return scores.map((sc, l) => keepLargest([sc], keepCount(sc.length, s), [eligible?.[l] ?? null])[0]);
}

/** Han et al. 2015: per-layer threshold θ_ℓ = q · std(W_ℓ), population std over every kernel entry (0 for an empty kernel). */
export function stdThresholds(kernels: Float32Array[], q: number): number[] {
  return kernels.map((w) => {
    const n = w.length;
    if (n === 0) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i];
    const mean = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (w[i] - mean) ** 2;
    return q * Math.sqrt(sq / n);
  });
}

/** Entries exactly 0 (−0 included). */
export function countZeros(values: Float32Array): number {
  let z = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) z++;
  return z;
}

/** Smallest |w| among kept entries: the cut line a sparsity mask implies. 0 when `mask` is null or keeps nothing. */
export function keptMin(kernel: Float32Array, mask: Uint8Array | null): number {
  if (!mask) return 0;
  let min = Infinity;
  for (let i = 0; i < kernel.length; i++) if (mask[i]) min = Math.min(min, Math.abs(kernel[i]));
  return min === Infinity ? 0 : min;
}

/**
 * One lottery-ticket round (Frankle & Carbin 2019): per layer ℓ, of the
 * `kept` entries the current mask keeps (null = all), prune round(rates[ℓ]·kept)
 * more — the smallest |w| (ties: the higher index goes first) — keeping at least
 * one. Repeating rate p leaves (1 − p)^n of the weights, up to rounding.
 */
export function pruneRemaining(kernels: Float32Array[], masks: (Uint8Array | null)[], rates: number[]): Uint8Array[] {
  return kernels.map((w, l) => {
    const m = masks[l] ?? null;
    let kept = w.length;
    if (m) {
      kept = 0;
      for (let i = 0; i < m.length; i++) kept += m[i];
    }
    const survivors = kept === 0 ? 0 : Math.max(kept - roundHalfEven((rates[l] ?? 0) * kept), 1);
    return keepLargest([magnitudes(w)], survivors, [m])[0];
  });
}

/** Per-kernel-layer lottery rates: `hiddenRate` for every layer but the last, `outputRate` for the last (the output layer). */
export function lotteryRates(layerCount: number, hiddenRate: number, outputRate: number): number[] {
  return Array.from({ length: layerCount }, (_, l) => (l === layerCount - 1 ? outputRate : hiddenRate));
}
