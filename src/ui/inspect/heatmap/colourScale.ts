/**
 * The heatmaps' colour scale: a diverging ramp centred on zero, orange for
 * negative weights and blue for positive ones (TensorFlow Playground's
 * convention), from ColorBrewer's colour-blind-safe PuOr (orange half) and
 * RdBu (blue half), which meet at the same near-white #f7f7f7. Blue against
 * orange survives the three common colour-vision deficiencies, and lightness
 * falls monotonically from the centre to both ends, so |w| also reads in
 * greyscale. Masked (pruned) weights and removed neurons use greys that are
 * not on the ramp. Pure: no DOM.
 */

/** An RGB triple, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** Ramp stops from t = −1 (most negative) to t = +1 (most positive), evenly spaced. */
export const SCALE_STOPS: readonly string[] = ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];

/** Pruned (masked) weights: a dark slate, darker and greyer than either end of the ramp. */
export const MASK_COLOUR = '#3b4252';
/** Removed neurons (neuron masks): a diagonal hatch of these two greys, lighter than the mask colour. */
export const REMOVED_COLOURS: readonly [string, string] = ['#9ca3ad', '#c8cdd3'];
/** Gaps between the learned-filter tiles. */
export const GAP_COLOUR = '#ffffff';

/**
 * Entries in the lookup table. Odd, so that w = 0 lands exactly on the centre
 * entry {@link LUT_CENTRE}: index k = round((w / range + 1) · LUT_CENTRE), clamped.
 */
export const LUT_SIZE = 255;
export const LUT_CENTRE = (LUT_SIZE - 1) / 2;

/** '#rrggbb' → [r, g, b]. */
export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** [r, g, b] → '#rrggbb'. */
export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const STOPS_RGB = SCALE_STOPS.map(hexToRgb);

/**
 * The ramp's colour at t ∈ [−1, 1] (clamped; NaN → the centre), linear
 * interpolation in sRGB between the neighbouring stops.
 */
export function rampColour(t: number): Rgb {
  const c = Number.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
  const pos = ((c + 1) / 2) * (STOPS_RGB.length - 1);
  const i = Math.min(STOPS_RGB.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = STOPS_RGB[i];
  const b = STOPS_RGB[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** The LUT index of weight `w` on the symmetric range [−range, range]: round((w/range + 1) · centre), clamped to the table. */
export function lutIndex(w: number, range: number): number {
  const k = Math.floor((w / range) * LUT_CENTRE + LUT_CENTRE + 0.5);
  return k < 0 || Number.isNaN(k) ? 0 : k > LUT_SIZE - 1 ? LUT_SIZE - 1 : k;
}

/** True when the platform stores a Uint32's low byte first (every browser in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One opaque pixel packed so that a Uint32Array view over ImageData bytes reads back as r, g, b, 255. */
export function packRgb([r, g, b]: Rgb): number {
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/** The inverse of {@link packRgb}. */
export function unpackRgb(pixel: number): Rgb {
  return LITTLE_ENDIAN ? [pixel & 255, (pixel >>> 8) & 255, (pixel >>> 16) & 255] : [pixel >>> 24, (pixel >>> 16) & 255, (pixel >>> 8) & 255];
}

/** The ramp sampled at {@link LUT_SIZE} points, packed: entry k is t = k / centre − 1. */
export function buildLut(): Uint32Array {
  const lut = new Uint32Array(LUT_SIZE);
  for (let k = 0; k < LUT_SIZE; k++) lut[k] = packRgb(rampColour(k / LUT_CENTRE - 1));
  return lut;
}

/** The shared table (the ramp never changes). */
export const LUT = buildLut();
export const MASK_PIXEL = packRgb(hexToRgb(MASK_COLOUR));
export const REMOVED_PIXELS: readonly [number, number] = [packRgb(hexToRgb(REMOVED_COLOURS[0])), packRgb(hexToRgb(REMOVED_COLOURS[1]))];
export const GAP_PIXEL = packRgb(hexToRgb(GAP_COLOUR));

/**
 * What a weight is drawn as: the mask colour when `masked`, else the LUT
 * colour of w on [−range, range] (|w| ≥ range at the ends). Exactly what the
 * canvases paint, for tests and for other views (the network graph's links).
 */
export function weightColour(w: number, range: number, masked = false): Rgb {
  return masked ? hexToRgb(MASK_COLOUR) : unpackRgb(LUT[lutIndex(w, range)]);
}

/** {@link weightColour} as '#rrggbb'. */
export function weightCss(w: number, range: number, masked = false): string {
  return rgbToHex(weightColour(w, range, masked));
}

/** A CSS linear-gradient of the ramp from left (−range) to right (+range), for legends. */
export function rampGradientCss(): string {
  return `linear-gradient(to right, ${SCALE_STOPS.join(', ')})`;
}

/**
 * The pixel of kernel entry `idx`: the mask colour where `mask` masks it, else
 * LUT[floor(w · toIndex + centre + ½)] clamped to the table (toIndex = LUT_CENTRE / range;
 * `| 0` truncates, which is floor for the non-negative case). Shared by every kernel painter.
 */
export function weightPixel(kernel: Float32Array, mask: Uint8Array | null, idx: number, toIndex: number): number {
  if (mask !== null && mask[idx] === 0) return MASK_PIXEL;
  let k = kernel[idx] * toIndex + LUT_CENTRE + 0.5;
  k = k < 0 ? 0 : k | 0;
  return LUT[k > LUT_SIZE - 1 ? LUT_SIZE - 1 : k];
}
