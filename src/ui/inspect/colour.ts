/**
 * Colours of the "inside the network" pictures: the heatmaps' diverging,
 * colour-blind-safe ramp (`heatmap/colourScale.ts`) throughout — blue for
 * positive values and class 1, orange for negative values and class 0, near
 * white at zero, as in TensorFlow Playground — so a blue link in the graph,
 * a blue heatmap cell and a blue region of the boundary all mean the same sign.
 */
import { rampColour, rampGradientCss, type Rgb } from './heatmap/colourScale';

export type { Rgb };

/** The positive end of the ramp (class 1). */
export const POSITIVE_RGB: Rgb = rampColour(1);
/** The negative end of the ramp (class 0). */
export const NEGATIVE_RGB: Rgb = rampColour(-1);
/** The ramp's centre (value 0, or p = 0.5). */
export const MIDPOINT_RGB: Rgb = rampColour(0);
/** Class colours by class index (the 2-class toys): 0 orange, 1 blue. */
export const CLASS_RGB: readonly Rgb[] = [NEGATIVE_RGB, POSITIVE_RGB];
/** Pruned links: a neutral grey that is on neither side of the ramp. */
export const PRUNED_HEX = '#9aa3ad';

/** `#rrggbb` of an RGB triple. */
export function rgbHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The diverging colour of `value` on the symmetric range [−range, range]:
 * the ramp at t = value / range (clamped to ±1), the centre at 0. A range ≤ 0
 * (every value zero) or a non-finite value gives the centre.
 */
export function divergingRgb(value: number, range: number): Rgb {
  if (!(range > 0) || !Number.isFinite(value)) return MIDPOINT_RGB;
  return rampColour(value / range);
}

/** The CSS gradient of the ramp, negative on the left (for legends). */
export const DIVERGING_GRADIENT = rampGradientCss();
