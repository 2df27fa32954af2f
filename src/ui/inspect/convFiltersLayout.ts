/**
 * How big the first conv layer's filter tiles are drawn on the page, pure.
 * The canvas holds side·scale pixels (heatmap/filterTiles.ts); the page shows
 * it at a whole number of CSS pixels per weight, so with
 * `image-rendering: pixelated` every weight is a crisp square of one size.
 */

/** About how wide a filter tile is shown, CSS pixels. */
export const FILTER_TILE_CSS_PX = 50;

/**
 * CSS pixels per weight for a `side` × `side` kernel: round(FILTER_TILE_CSS_PX / side),
 * at least 1 (3×3 → 17, 5×5 → 10, 7×7 → 7; tiles of 48–52 px).
 */
export function filterWeightCssPx(side: number): number {
  return Math.max(1, Math.round(FILTER_TILE_CSS_PX / Math.max(1, side)));
}

/** The tile's CSS width and height: side · {@link filterWeightCssPx}. */
export function filterTileCssPx(side: number): number {
  return side * filterWeightCssPx(side);
}
