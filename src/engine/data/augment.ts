/**
 * On-the-fly augmentation of 28×28 image batches (training only; see augSpec.ts
 * for the parameters). Per-sample parameters are drawn from an `Rng` in JS; the
 * geometric transforms (flip, rotate, zoom, shift, crop) are composed into ONE
 * projective matrix per sample and applied by `tf.image.transform` (bilinear,
 * constant fill 0) — kernels exist on cpu, webgl, wasm and webgpu — then noise,
 * brightness and contrast elementwise, and the result is clipped to [0, 1].
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { isIdentityAug, type AugSpec } from './augSpec';

/** Image side in pixels (MNIST). */
export const AUG_SIDE = 28;
/** The image centre in pixel coordinates (pixel centres at 0 … 27). */
const CENTRE = (AUG_SIDE - 1) / 2;

/** The per-sample draws of one image (all of them, whatever the spec, so one item's draws do not shift another's). */
export interface AugDraw {
  flip: boolean;
  /** Radians. */
  angle: number;
  /** Inverse-map scale (input = zoom · output about the centre): > 1 zooms out, as Keras. */
  zoom: number;
  /** Translation in pixels. */
  dx: number;
  dy: number;
  /** Crop-window centre offset from the image centre, pixels. */
  cx: number;
  cy: number;
  /** Additive brightness. */
  bright: number;
  /** Contrast factor. */
  contrast: number;
}

/** Draws one image's parameters: exactly 9 `rng.next()` calls. */
export function drawAug(spec: AugSpec, rng: Rng): AugDraw {
  const u = (): number => 2 * rng.next() - 1; // U[-1, 1)
  const flip = rng.next() < 0.5;
  const angle = (u() * spec.rotate * Math.PI) / 180;
  const zoom = 1 + u() * spec.zoom;
  const dx = u() * spec.shift * AUG_SIDE;
  const dy = u() * spec.shift * AUG_SIDE;
  const slack = ((1 - spec.crop) * AUG_SIDE) / 2;
  const cx = u() * slack;
  const cy = u() * slack;
  const bright = u() * spec.bright;
  const contrast = 1 + u() * spec.contrast;
  return { flip: spec.flip && flip, angle, zoom, dx, dy, cx, cy, bright, contrast };
}

/**
 * The `tf.image.transform` row of one image: it maps an OUTPUT pixel (x, y) to the
 * INPUT point it samples. Forward order: crop (window of side crop·28 centred at
 * (cx, cy) from the centre, resized to 28), flip, rotate, zoom, shift. So, with
 * u = (x, y) − centre: input = centre + m + crop · F · R(−angle) · zoom · (u − d).
 */
export function augMatrix(d: AugDraw, crop: number): number[] {
  const cos = Math.cos(d.angle);
  const sin = Math.sin(d.angle);
  const s = crop * d.zoom;
  const f = d.flip ? -1 : 1;
  // A = s · F · R(−θ), R(−θ) = [[cos, sin], [−sin, cos]], F = diag(f, 1).
  const a0 = s * f * cos;
  const a1 = s * f * sin;
  const b0 = -s * sin;
  const b1 = s * cos;
  // input = centre + m + A (q − centre − d)
  const px = CENTRE + d.dx;
  const py = CENTRE + d.dy;
  const a2 = CENTRE + d.cx - (a0 * px + a1 * py);
  const b2 = CENTRE + d.cy - (b0 * px + b1 * py);
  return [a0, a1, a2, b0, b1, b2, 0, 0];
}

/** True when the spec moves pixels (needs the projective transform). */
function isGeometric(spec: AugSpec): boolean {
  return spec.flip || spec.rotate > 0 || spec.zoom > 0 || spec.shift > 0 || spec.crop < 1;
}

/**
 * Applies per-image projective rows (b × 8, see augMatrix) to x [b, 784] with
 * `tf.image.transform` (bilinear, constant fill 0); returns [b, 784].
 *
 * tfjs-backend-cpu 4.22's Transform kernel returns after the FIRST image of a
 * batch (its `return` sits inside the batch loop; the other images come back
 * as the fill value), so on cpu each image is transformed on its own and the
 * results concatenated. wasm, webgl and webgpu transform the whole batch in one op.
 */
export function transformImages(x: tf.Tensor2D, matrices: Float32Array | number[]): tf.Tensor2D {
  const b = x.shape[0];
  const rows = Float32Array.from(matrices);
  if (rows.length !== b * 8) throw new Error(`transformImages: ${rows.length} matrix values for ${b} images`);
  return tf.tidy(() => {
    const img = tf.reshape(x, [b, AUG_SIDE, AUG_SIDE, 1]) as tf.Tensor4D;
    let out: tf.Tensor4D;
    if (tf.getBackend() === 'cpu' && b > 1) {
      const parts = tf.split<tf.Tensor4D>(img, b, 0).map((one, i) => tf.image.transform(one, tf.tensor2d(rows.subarray(i * 8, i * 8 + 8), [1, 8]), 'bilinear', 'constant', 0));
      out = tf.concat(parts, 0);
    } else {
      out = tf.image.transform(img, tf.tensor2d(rows, [b, 8]), 'bilinear', 'constant', 0);
    }
    return tf.reshape(out, [b, AUG_SIDE * AUG_SIDE]);
  });
}

/**
 * Augments a batch x [b, 784] in [0, 1]: one draw per image from `rng` (in row
 * order), plus one draw for the noise seed when `spec.noise > 0`. An identity
 * spec returns `x` itself (no ops, no draws). Otherwise a new tensor, clipped
 * to [0, 1]; the caller owns it (use inside tf.tidy or dispose).
 */
export function augmentImages(x: tf.Tensor2D, spec: AugSpec, rng: Rng): tf.Tensor2D {
  if (isIdentityAug(spec)) return x;
  const b = x.shape[0];
  if (x.shape[1] !== AUG_SIDE * AUG_SIDE) throw new Error(`augmentImages: rows have ${x.shape[1]} values, expected ${AUG_SIDE * AUG_SIDE}`);
  const draws: AugDraw[] = [];
  for (let i = 0; i < b; i++) draws.push(drawAug(spec, rng));
  const noiseSeed = spec.noise > 0 ? Math.floor(rng.next() * 2147483647) : 0;
  return tf.tidy(() => {
    let y: tf.Tensor2D = x;
    if (isGeometric(spec)) {
      const rows = new Float32Array(b * 8);
      draws.forEach((d, i) => rows.set(augMatrix(d, spec.crop), i * 8));
      y = transformImages(y, rows);
    }
    if (spec.noise > 0) y = tf.add(y, tf.randomNormal([b, AUG_SIDE * AUG_SIDE], 0, spec.noise, 'float32', noiseSeed));
    if (spec.bright > 0) y = tf.add(y, tf.tensor2d(draws.map((d) => d.bright), [b, 1]));
    if (spec.contrast > 0) {
      const mean = tf.mean(y, 1, true);
      y = tf.add(tf.mul(tf.sub(y, mean), tf.tensor2d(draws.map((d) => d.contrast), [b, 1])), mean);
    }
    return tf.clipByValue(y, 0, 1);
  });
}
