/**
 * The 2-D toy sets of TensorFlow Playground (`src/dataset.ts`), ported with the
 * same shapes, radii and noise model but drawing from a seeded `Rng`.
 * Coordinates are generated in [−6, 6]² like the playground and then divided
 * by `TOY_INPUT_SCALE` (6) so inputs are roughly in [−1, 1] and training is
 * well conditioned. Labels are class indices: the playground's +1 → 1, −1 → 0.
 * `noise` is a fraction 0–0.5 (the playground's noise slider / 100).
 */
import { Rng } from '../rng';

/** Raw generated samples before the split: `x` row-major [n × 2] (already scaled), `y` one value per sample. */
export interface RawSamples {
  x: Float32Array;
  y: Float32Array;
}

/** Divide playground coordinates by this to get network inputs (playground's domain is [−6, 6]). */
export const TOY_INPUT_SCALE = 6;

/** The 2-D classification sets, named as in the `dataset` URL key. */
export type Toy2dName = 'circle' | 'xor' | 'gauss' | 'spiral';

/** A point in playground coordinates and its class index (0 or 1). */
type Labelled = [x: number, y: number, label: number];

function pack(points: Labelled[]): RawSamples {
  const x = new Float32Array(points.length * 2);
  const y = new Float32Array(points.length);
  points.forEach(([px, py, label], i) => {
    x[2 * i] = px / TOY_INPUT_SCALE;
    x[2 * i + 1] = py / TOY_INPUT_SCALE;
    y[i] = label;
  });
  return { x, y };
}

/**
 * Two concentric classes, radius r = 5: class 1 at radius U[0, 0.5r] (inner
 * disc), class 0 at radius U[0.7r, r] (ring). The point stays where it was
 * drawn; noise moves the point used for labelling by U[−r, r]·noise per axis,
 * and the label is 1 when that moved point lies within 0.5r — so noise flips
 * labels near the boundary, exactly as in the playground.
 */
export function circleData(n: number, noise: number, rng: Rng): RawSamples {
  const radius = 5;
  const points: Labelled[] = [];
  const label = (px: number, py: number) => (Math.hypot(px, py) < radius * 0.5 ? 1 : 0);
  const ring = (rMin: number, rMax: number) => {
    for (let i = 0; i < n / 2; i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const px = r * Math.sin(angle);
      const py = r * Math.cos(angle);
      const noiseX = rng.uniform(-radius, radius) * noise;
      const noiseY = rng.uniform(-radius, radius) * noise;
      points.push([px, py, label(px + noiseX, py + noiseY)]);
    }
  };
  ring(0, radius * 0.5);
  ring(radius * 0.7, radius);
  return pack(points);
}

/**
 * XOR quadrants: x, y ~ U[−5, 5] pushed 0.3 away from each axis; class 1 when
 * x·y ≥ 0 for the point moved by U[−5, 5]·noise per axis (the drawn point is kept).
 */
export function xorData(n: number, noise: number, rng: Rng): RawSamples {
  const padding = 0.3;
  const points: Labelled[] = [];
  for (let i = 0; i < n; i++) {
    let px = rng.uniform(-5, 5);
    px += px > 0 ? padding : -padding;
    let py = rng.uniform(-5, 5);
    py += py > 0 ? padding : -padding;
    const noiseX = rng.uniform(-5, 5) * noise;
    const noiseY = rng.uniform(-5, 5) * noise;
    points.push([px, py, (px + noiseX) * (py + noiseY) >= 0 ? 1 : 0]);
  }
  return pack(points);
}

/**
 * Two Gaussian blobs: class 1 centred at (2, 2), class 0 at (−2, −2), n/2 each,
 * variance 0.5 + 7·noise (the playground's linear map noise 0–0.5 → variance 0.5–4),
 * so noise widens the blobs until they overlap.
 */
export function gaussData(n: number, noise: number, rng: Rng): RawSamples {
  const variance = 0.5 + (noise / 0.5) * 3.5;
  const sd = Math.sqrt(variance);
  const points: Labelled[] = [];
  const blob = (c: number, label: number) => {
    for (let i = 0; i < n / 2; i++) {
      const px = c + sd * rng.normal();
      const py = c + sd * rng.normal();
      points.push([px, py, label]);
    }
  };
  blob(2, 1);
  blob(-2, 0);
  return pack(points);
}

/**
 * Two interleaved spiral arms, n/2 points each: point i of an arm sits at radius
 * r = 5i/(n/2) and angle t = 1.75 · 2π · i/(n/2) + Δ (Δ = 0 for class 1, π for
 * class 0), then moves by U[−1, 1]·noise per axis (noise perturbs the points).
 */
export function spiralData(n: number, noise: number, rng: Rng): RawSamples {
  const half = n / 2;
  const points: Labelled[] = [];
  const arm = (deltaT: number, label: number) => {
    for (let i = 0; i < half; i++) {
      const r = (i / half) * 5;
      const t = ((1.75 * i) / half) * 2 * Math.PI + deltaT;
      const px = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
      const py = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
      points.push([px, py, label]);
    }
  };
  arm(0, 1);
  arm(Math.PI, 0);
  return pack(points);
}

/** Generates one of the 2-D classification sets; `noise` is a fraction 0–0.5. */
export function toy2d(name: Toy2dName, n: number, noise: number, rng: Rng): RawSamples {
  switch (name) {
    case 'circle':
      return circleData(n, noise, rng);
    case 'xor':
      return xorData(n, noise, rng);
    case 'gauss':
      return gaussData(n, noise, rng);
    case 'spiral':
      return spiralData(n, noise, rng);
  }
}
