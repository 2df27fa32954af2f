import { describe, expect, it } from 'vitest';
import { LUT, MASK_PIXEL, REMOVED_PIXELS, lutIndex } from '../../src/ui/inspect/heatmap/colourScale';
import { FILTER_TILE_PX, filterRemoved, filterSide, filterTileScale, maskedInFilter, paintFilterTile } from '../../src/ui/inspect/heatmap/filterTiles';
import { kernelViews, rowKeep } from '../../src/ui/inspect/heatmap/heatmapView';
import type { KernelView } from '../../src/ui/inspect/heatmap/paint';
import type { WeightSnapshot } from '../../src/state/snapshot';

/** A first conv layer [k·k × filters]: weight (p, f) = (p + 1)·(f % 2 === 0 ? 0.1 : −0.1), row-major. */
function firstConv(k: number, filters: number, extra: Partial<KernelView> = {}): KernelView {
  const kernel = new Float32Array(k * k * filters);
  for (let p = 0; p < k * k; p++) for (let f = 0; f < filters; f++) kernel[p * filters + f] = (p + 1) * (f % 2 === 0 ? 0.1 : -0.1);
  return { kernel, rows: k * k, cols: filters, mask: null, keepRows: null, keepCols: null, ...extra };
}

describe('conv filter tiles', () => {
  it('knows the kernel side from the rows of a one-channel first layer', () => {
    expect([filterSide(9), filterSide(25), filterSide(49), filterSide(1)]).toEqual([3, 5, 7, 1]);
    expect([filterSide(784), filterSide(64), filterSide(10), filterSide(0)]).toEqual([0, 0, 0, 0]);
    expect(FILTER_TILE_PX).toBe(36);
    expect([filterTileScale(3), filterTileScale(5), filterTileScale(7)]).toEqual([12, 7, 5]);
  });

  it('puts weight (i·k + j, f) at tile pixel block (x = j, y = i) in its LUT colour', () => {
    const k = 3;
    const scale = 2;
    const v = firstConv(k, 4);
    const out = new Uint32Array((k * scale) ** 2);
    const range = 0.9;
    paintFilterTile(out, v, 1, k, range, scale);
    const edge = k * scale;
    for (let y = 0; y < edge; y++) {
      for (let x = 0; x < edge; x++) {
        const p = Math.floor(y / scale) * k + Math.floor(x / scale);
        expect(out[y * edge + x]).toBe(LUT[lutIndex(v.kernel[p * 4 + 1], range)]);
      }
    }
    // Filter 1 is negative (orange end) and grows along the rows: its last weight −0.9 saturates.
    expect(out[edge * edge - 1]).toBe(LUT[0]);
  });

  it('shows masked weights in the mask colour and a removed filter hatched', () => {
    const mask = new Uint8Array(9 * 2).fill(1);
    mask[4 * 2 + 0] = 0; // centre weight of filter 0
    mask[8 * 2 + 0] = 0; // bottom-right of filter 0
    const v = firstConv(3, 2, { mask, keepCols: Uint8Array.from([1, 0]) });
    const out = new Uint32Array(9);
    paintFilterTile(out, v, 0, 3, 1, 1);
    expect([out[4], out[8]]).toEqual([MASK_PIXEL, MASK_PIXEL]);
    expect(out[0]).toBe(LUT[lutIndex(0.1, 1)]);
    expect(maskedInFilter(v, 0)).toBe(2);
    expect(maskedInFilter(v, 1)).toBe(0);
    expect(filterRemoved(v, 0)).toBe(false);
    expect(filterRemoved(v, 1)).toBe(true);
    const hatched = new Uint32Array(36 * 36);
    paintFilterTile(hatched, v, 1, 3, 1, 12);
    expect(new Set(hatched)).toEqual(new Set(REMOVED_PIXELS));
  });
});

describe('removed filters in the heatmaps of the next layer', () => {
  it('expand a unit mask over the rows it feeds (r mod units), ignoring a mask of the wrong size', () => {
    const units = Uint8Array.from([1, 0, 1]);
    expect(rowKeep(units, 3)).toBe(units);
    expect(Array.from(rowKeep(units, 9)!)).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1]);
    expect(rowKeep(units, 10)).toBeNull();
    expect(rowKeep(null, 9)).toBeNull();
  });

  it('hatch the HWIO rows of conv layer 2 and the flattened inputs a removed filter fed', () => {
    const layer = (inDim: number, outDim: number) => ({ inDim, outDim, kernel: new Float32Array(inDim * outDim), bias: new Float32Array(outDim) });
    // conv 2:3 → conv 3:3 → (pooled 5×5) flatten 75 → output 10; filter 1 of conv layer 1 removed.
    const snapshot: WeightSnapshot = { runId: 1, step: 1, layers: [layer(9, 2), layer(18, 3), layer(75, 10)], masks: [null, null, null], neurons: [Uint8Array.from([1, 0]), Uint8Array.from([1, 1, 0])] };
    const views = kernelViews(snapshot);
    expect(Array.from(views[1].keepRows!)).toEqual(Array.from({ length: 18 }, (_, r) => (r % 2 === 1 ? 0 : 1)));
    expect(views[2].keepRows!.reduce((a, b) => a + b, 0)).toBe(50);
    expect(Array.from(views[0].keepCols!)).toEqual([1, 0]);
  });
});
