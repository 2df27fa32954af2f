/** Regression sets: TensorFlow Playground's plane and Friedman #1. */
import { Rng } from '../rng';
import { FRIEDMAN_INPUTS } from './catalog';
import { TOY_INPUT_SCALE, type RawSamples } from './toy2d';

/**
 * TensorFlow Playground's `regressPlane`: x, y ~ U[−6, 6]; target
 * (x + nx + y + ny) / 10 with nx, ny ~ U[−6, 6]·noise (noise 0–0.5 as a
 * fraction), i.e. the playground's label scale [−10, 10] → [−1, 1] applied to
 * x + y of the noise-moved point. Inputs are divided by 6 (roughly [−1, 1]);
 * targets lie in about [−1.2, 1.2] without noise.
 */
export function planeData(n: number, noise: number, rng: Rng): RawSamples {
  const radius = 6;
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const px = rng.uniform(-radius, radius);
    const py = rng.uniform(-radius, radius);
    const noiseX = rng.uniform(-radius, radius) * noise;
    const noiseY = rng.uniform(-radius, radius) * noise;
    x[2 * i] = px / TOY_INPUT_SCALE;
    x[2 * i + 1] = py / TOY_INPUT_SCALE;
    y[i] = (px + noiseX + py + noiseY) / 10;
  }
  return { x, y };
}

/**
 * Friedman #1 (Friedman 1991; scikit-learn `make_friedman1`): x₁…x₁₀ ~ U[0, 1],
 * y = 10 sin(π x₁ x₂) + 20 (x₃ − 0.5)² + 10 x₄ + 5 x₅ + ε, ε ~ N(0, σ²).
 * Noise mapping: σ = noisePercent / 10, so the 0–50 % slider gives σ = 0–5
 * (the noise-free target has a standard deviation of about 4.9). Targets here
 * are raw; `makeDataset` standardises them with the train part's mean and std.
 */
export function friedmanData(n: number, noisePercent: number, rng: Rng): RawSamples {
  const d = FRIEDMAN_INPUTS;
  const sigma = noisePercent / 10;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, i * d + d);
    for (let j = 0; j < d; j++) row[j] = rng.next();
    // Draw ε even when σ = 0 so the stream (and thus x) is the same at every noise level.
    const eps = sigma * rng.normal();
    y[i] =
      10 * Math.sin(Math.PI * row[0] * row[1]) + 20 * (row[2] - 0.5) ** 2 + 10 * row[3] + 5 * row[4] + eps;
  }
  return { x, y };
}

/**
 * Standardises targets in place: y ← (y − μ) / s with μ and s (population
 * standard deviation) computed on `fitOn` only (the train part, so no test
 * information leaks); `apply` lists every array to transform (train and test).
 * Returns { mean, std }. A zero std is treated as 1.
 */
export function standardizeTargets(fitOn: Float32Array, apply: Float32Array[]): { mean: number; std: number } {
  let mean = 0;
  for (const v of fitOn) mean += v;
  mean /= fitOn.length;
  let sq = 0;
  for (const v of fitOn) sq += (v - mean) ** 2;
  const sd = Math.sqrt(sq / fitOn.length);
  const std = sd > 0 ? sd : 1;
  for (const arr of apply) for (let i = 0; i < arr.length; i++) arr[i] = (arr[i] - mean) / std;
  return { mean, std };
}
