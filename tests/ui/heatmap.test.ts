import { describe, expect, it } from 'vitest';
import {
  LUT,
  LUT_CENTRE,
  LUT_SIZE,
  MASK_COLOUR,
  MASK_PIXEL,
  REMOVED_PIXELS,
  SCALE_STOPS,
  hexToRgb,
  lutIndex,
  packRgb,
  rampColour,
  unpackRgb,
  weightColour,
  weightCss,
} from '../../src/ui/inspect/heatmap/colourScale';
import { describeWeight, hasFilters, kernelViews, layerRanges, parseShapeKey, shapeKey } from '../../src/ui/inspect/heatmap/heatmapView';
import { cellAt, cellScale, columnAfterKey, tileAt, tileLayout, tileOrigin, toCanvasPixels } from '../../src/ui/inspect/heatmap/layout';
import { autoRange, paintFilters, paintKernel, weightState, type KernelView } from '../../src/ui/inspect/heatmap/paint';
import type { WeightSnapshot } from '../../src/state/snapshot';

/** A deterministic pseudo-random stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function view(rows: number, cols: number, values: number[] | Float32Array, extra: Partial<KernelView> = {}): KernelView {
  return { kernel: Float32Array.from(values), rows, cols, mask: null, keepRows: null, keepCols: null, ...extra };
}

const isGrey = ([r, g, b]: readonly number[]): boolean => Math.max(r, g, b) - Math.min(r, g, b) <= 25;

describe('colour scale', () => {
  it('maps 0 to the neutral midpoint, exactly the centre entry', () => {
    expect(lutIndex(0, 0.3)).toBe(LUT_CENTRE);
    expect(weightColour(0, 0.3)).toEqual(hexToRgb('#f7f7f7'));
    expect(weightCss(0, 5)).toBe('#f7f7f7');
    expect(SCALE_STOPS[(SCALE_STOPS.length - 1) / 2]).toBe('#f7f7f7');
  });

  it('shows the sign by hue: positive blue (b > r), negative orange (r > b), the same amount either way', () => {
    for (const w of [0.05, 0.2, 0.37, 1]) {
      const [pr, , pb] = weightColour(w, 1);
      const [nr, , nb] = weightColour(-w, 1);
      expect(pb).toBeGreaterThan(pr);
      expect(nr).toBeGreaterThan(nb);
      expect(lutIndex(w, 1) - LUT_CENTRE).toBe(LUT_CENTRE - lutIndex(-w, 1));
    }
  });

  it('saturates at the ends when |w| ≥ range', () => {
    expect(weightCss(0.4, 0.4)).toBe('#2166ac');
    expect(weightCss(9, 0.4)).toBe('#2166ac');
    expect(weightCss(-0.4, 0.4)).toBe('#b35806');
    expect(weightCss(-1e9, 0.4)).toBe('#b35806');
    expect(lutIndex(Infinity, 1)).toBe(LUT_SIZE - 1);
    expect(lutIndex(-Infinity, 1)).toBe(0);
  });

  it('darkens monotonically from the centre to both ends (|w| reads in greyscale too)', () => {
    const lum = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    for (let k = LUT_CENTRE; k < LUT_SIZE - 1; k++) expect(lum(unpackRgb(LUT[k + 1]))).toBeLessThanOrEqual(lum(unpackRgb(LUT[k])) + 1e-9);
    for (let k = LUT_CENTRE; k > 0; k--) expect(lum(unpackRgb(LUT[k - 1]))).toBeLessThanOrEqual(lum(unpackRgb(LUT[k])) + 1e-9);
  });

  it('draws masked weights in the mask colour, a grey that no value takes', () => {
    expect(weightCss(0.3, 1, true)).toBe(MASK_COLOUR);
    expect(isGrey(hexToRgb(MASK_COLOUR))).toBe(true);
    const mask = packRgb(hexToRgb(MASK_COLOUR));
    for (let k = 0; k < LUT_SIZE; k++) {
      expect(LUT[k]).not.toBe(mask);
      expect(REMOVED_PIXELS).not.toContain(LUT[k]);
    }
    expect(REMOVED_PIXELS).not.toContain(MASK_PIXEL);
  });

  it('packs and unpacks pixels, and interpolates the ramp between stops', () => {
    expect(unpackRgb(packRgb([12, 34, 56]))).toEqual([12, 34, 56]);
    expect(rampColour(-1)).toEqual(hexToRgb('#b35806'));
    expect(rampColour(1)).toEqual(hexToRgb('#2166ac'));
    expect(rampColour(Number.NaN)).toEqual(hexToRgb('#f7f7f7'));
  });
});

describe('paintKernel', () => {
  it('paints weight (i, j) at row i, column j, with masked and removed weights in their colours', () => {
    // 2 inputs × 3 neurons; neuron 2 removed, weight (1, 0) pruned.
    const v = view(2, 3, [0.5, -0.5, 0.1, 0.5, 0, 0.2], { mask: Uint8Array.from([1, 1, 1, 0, 1, 1]), keepCols: Uint8Array.from([1, 1, 0]) });
    const out = new Uint32Array(6);
    paintKernel(out, v, 0.5, 1);
    expect(unpackRgb(out[0])).toEqual(weightColour(0.5, 0.5));
    expect(unpackRgb(out[1])).toEqual(weightColour(-0.5, 0.5));
    expect(out[3]).toBe(MASK_PIXEL);
    expect(unpackRgb(out[4])).toEqual(weightColour(0, 0.5));
    expect(REMOVED_PIXELS).toContain(out[2]);
    expect(REMOVED_PIXELS).toContain(out[5]);
    expect(weightState(v, 1, 0)).toBe('pruned');
    expect(weightState(v, 0, 2)).toBe('removed');
    expect(weightState(v, 0, 0)).toBe('kept');
  });

  it('fills a scale × scale block per weight, and greys whole rows of removed inputs', () => {
    const v = view(2, 2, [0.1, -0.2, 0.3, -0.4], { keepRows: Uint8Array.from([1, 0]) });
    const scale = 3;
    const out = new Uint32Array(2 * scale * 2 * scale);
    paintKernel(out, v, 0.4, scale);
    const width = 2 * scale;
    for (let y = 0; y < 2 * scale; y++) {
      for (let x = 0; x < width; x++) {
        const p = out[y * width + x];
        const cell = cellAt(x, y, 2, 2, scale);
        expect(cell).not.toBeNull();
        if (cell!.input === 1) expect(REMOVED_PIXELS).toContain(p);
        else expect(unpackRgb(p)).toEqual(weightColour(v.kernel[cell!.neuron], 0.4));
      }
    }
  });

  it('paints a whole 784 × 300 layer at one pixel a weight: kept, pruned and removed in their colours (its redraw time is the bench\'s, not a unit test\'s)', () => {
    const next = rng(7);
    const rows = 784;
    const cols = 300;
    const kernel = new Float32Array(rows * cols).map(() => (next() - 0.5) * 0.2);
    const mask = new Uint8Array(rows * cols).map(() => (next() < 0.6 ? 1 : 0));
    const keepCols = new Uint8Array(cols).fill(1);
    keepCols[17] = 0;
    const v = view(rows, cols, kernel, { mask, keepCols });
    const out = new Uint32Array(rows * cols);
    const t0 = performance.now();
    const range = autoRange(v);
    paintKernel(out, v, range, cellScale(rows, cols));
    // Logged for the record only: a timing threshold here would fail on a loaded machine (npm run bench measures draws).
    console.log(`784×300 range + paint: ${(performance.now() - t0).toFixed(2)} ms`);
    expect(cellScale(rows, cols)).toBe(1);
    const wrong: string[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const p = out[i * cols + j];
        const ok = j === 17 ? REMOVED_PIXELS.includes(p) : mask[i * cols + j] === 0 ? p === MASK_PIXEL : unpackRgb(p).join() === weightColour(kernel[i * cols + j], range).join();
        if (!ok) wrong.push(`(${i}, ${j})`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('autoRange', () => {
  it('is the 99th percentile of the kept |w|, ignoring pruned and removed weights', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1 : -1) * ((i + 1) / 1000));
    const r = autoRange(view(1000, 1, values));
    expect(r).toBeGreaterThanOrEqual(0.99);
    expect(r).toBeLessThanOrEqual(0.99 + 1 / 2048 + 1e-6);
    // A huge pruned weight and a huge weight of a removed neuron do not count.
    const v = view(2, 2, [0.1, 50, -0.2, 90], { mask: Uint8Array.from([1, 0, 1, 1]), keepCols: Uint8Array.from([1, 0]) });
    expect(autoRange(v, 1)).toBeCloseTo(0.2, 6);
  });

  it('falls back to 1 when every kept weight is zero', () => {
    expect(autoRange(view(2, 2, [0, 0, 0, 0]))).toBe(1);
    expect(autoRange(view(1, 2, [3, 4], { mask: Uint8Array.from([0, 0]) }))).toBe(1);
  });

  it('gives every layer the fixed range when fixed', () => {
    const views = [view(1, 2, [0.1, 0.2]), view(1, 2, [3, 4])];
    expect(layerRanges(views, 'fixed', 0.5)).toEqual([0.5, 0.5]);
    expect(layerRanges(views, 'auto', 0.5)[1]).toBeCloseTo(4, 2);
  });
});

describe('heatmap geometry', () => {
  it('chooses an integer cell size that fits, at least 1', () => {
    expect(cellScale(784, 300)).toBe(1);
    expect(cellScale(300, 100)).toBe(1);
    expect(cellScale(8, 8)).toBe(24);
    expect(cellScale(2, 8)).toBe(24);
    expect(cellScale(100, 10)).toBe(4);
    expect(cellScale(5000, 5000)).toBe(1);
  });

  it('hit-tests canvas pixels to (input, neuron)', () => {
    expect(cellAt(0, 0, 8, 8, 24)).toEqual({ input: 0, neuron: 0 });
    expect(cellAt(47.9, 24, 8, 8, 24)).toEqual({ input: 1, neuron: 1 });
    expect(cellAt(299, 783, 784, 300, 1)).toEqual({ input: 783, neuron: 299 });
    expect(cellAt(300, 0, 784, 300, 1)).toBeNull();
    expect(cellAt(0, 784, 784, 300, 1)).toBeNull();
    expect(cellAt(-1, 0, 8, 8, 24)).toBeNull();
  });

  it('maps a pointer on a CSS-resized canvas back to canvas pixels', () => {
    const rect = { left: 100, top: 50, width: 150, height: 392 };
    expect(toCanvasPixels(175, 246, rect, 300, 784)).toEqual({ x: 150, y: 392 });
  });
});

describe('picking a column from the keyboard', () => {
  it('→ and ← step through the columns and stop at the ends; Home and End jump', () => {
    expect(columnAfterKey('ArrowRight', null, 8)).toBe(0);
    expect(columnAfterKey('ArrowRight', 3, 8)).toBe(4);
    expect(columnAfterKey('ArrowRight', 7, 8)).toBe(7);
    expect(columnAfterKey('ArrowLeft', null, 8)).toBe(7);
    expect(columnAfterKey('ArrowLeft', 3, 8)).toBe(2);
    expect(columnAfterKey('ArrowLeft', 0, 8)).toBe(0);
    expect(columnAfterKey('Home', 5, 8)).toBe(0);
    expect(columnAfterKey('End', null, 8)).toBe(7);
  });

  it('Esc clears a pick and is left alone with none; other keys and empty heatmaps do nothing', () => {
    expect(columnAfterKey('Escape', 2, 8)).toBeNull();
    expect(columnAfterKey('Escape', null, 8)).toBeUndefined();
    expect(columnAfterKey('a', 2, 8)).toBeUndefined();
    expect(columnAfterKey(' ', 2, 8)).toBeUndefined();
    expect(columnAfterKey('ArrowRight', null, 0)).toBeUndefined();
  });
});

describe('learned-filters tile layout', () => {
  it('lays 300 tiles of 28 × 28 in rows within the width', () => {
    const l = tileLayout(300, 28, 640, 640);
    expect(l.scale).toBe(1);
    expect(l.columns).toBe(21); // ⌊(640 + 2) / 30⌋
    expect(l.rows).toBe(15);
    expect(l.width).toBe(21 * 30 - 2);
    expect(l.height).toBe(15 * 30 - 2);
    expect(tileOrigin(l, 0)).toEqual({ x: 0, y: 0 });
    expect(tileOrigin(l, 22)).toEqual({ x: 30, y: 30 });
  });

  it('enlarges a few tiles, never past the width', () => {
    const l = tileLayout(16, 28, 640, 640, 4);
    expect(l.scale).toBe(4);
    expect(l.columns).toBe(5);
    expect(l.width).toBeLessThanOrEqual(640);
    expect(l.height).toBeLessThanOrEqual(640);
    const one = tileLayout(1, 28, 640, 640, 4);
    expect([one.columns, one.rows, one.width, one.height]).toEqual([1, 1, 112, 112]);
  });

  it('hit-tests tile pixels back to (pixel, neuron), gaps to nothing', () => {
    const l = tileLayout(300, 28, 640, 640);
    expect(tileAt(l, 0, 0)).toEqual({ neuron: 0, input: 0 });
    expect(tileAt(l, 30 + 27, 30 + 5)).toEqual({ neuron: 22, input: 5 * 28 + 27 });
    expect(tileAt(l, 28, 0)).toBeNull(); // gap
    expect(tileAt(l, 0, 15 * 30)).toBeNull(); // below the last row
    const partial = tileLayout(22, 28, 640, 640, 1);
    expect(tileAt(partial, 0, 30)).toEqual({ neuron: 21, input: 0 }); // the 22nd tile starts row 2
    expect(tileAt(partial, 30, 30)).toBeNull(); // past the last tile
  });

  it('paints neuron k’s 784 incoming weights as tile k, pruned pixels in the mask colour, removed neurons hatched', () => {
    const cols = 3;
    const kernel = new Float32Array(784 * cols);
    for (let p = 0; p < 784; p++) for (let n = 0; n < cols; n++) kernel[p * cols + n] = (n === 0 ? 1 : -1) * (p / 784);
    const mask = new Uint8Array(784 * cols).fill(1);
    mask[(3 * 28 + 4) * cols + 1] = 0; // neuron 1, pixel row 3 col 4
    const v = view(784, cols, kernel, { mask, keepCols: Uint8Array.from([1, 1, 0]) });
    const l = tileLayout(cols, 28, 640, 640, 2);
    const out = new Uint32Array(l.width * l.height);
    paintFilters(out, v, 1, l);
    const at = (x: number, y: number) => out[y * l.width + x];
    const o1 = tileOrigin(l, 1);
    expect(at(o1.x + 4 * l.scale, o1.y + 3 * l.scale)).toBe(MASK_PIXEL);
    expect(at(o1.x + 4 * l.scale + 1, o1.y + 3 * l.scale + 1)).toBe(MASK_PIXEL);
    const o0 = tileOrigin(l, 0);
    const p = 10 * 28 + 20;
    expect(unpackRgb(at(o0.x + 20 * l.scale, o0.y + 10 * l.scale))).toEqual(weightColour(p / 784, 1));
    const o2 = tileOrigin(l, 2);
    for (let y = 0; y < 28 * l.scale; y++) expect(REMOVED_PIXELS).toContain(at(o2.x + 5, o2.y + y));
  });
});

describe('snapshot → heatmaps', () => {
  const snapshot: WeightSnapshot = {
    runId: 1,
    step: 10,
    layers: [
      { inDim: 2, outDim: 3, kernel: new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), bias: new Float32Array(3) },
      { inDim: 3, outDim: 2, kernel: new Float32Array([1, 2, 3, 4, 5, 6]), bias: new Float32Array(2) },
    ],
    masks: [Uint8Array.from([1, 0, 1, 1, 1, 1]), null],
    neurons: [Uint8Array.from([1, 1, 0])],
  };

  it('greys a removed hidden neuron as a column of its layer and a row of the next', () => {
    const views = kernelViews(snapshot);
    expect(views.map((v) => [v.rows, v.cols])).toEqual([
      [2, 3],
      [3, 2],
    ]);
    expect(weightState(views[0], 0, 2)).toBe('removed');
    expect(weightState(views[1], 2, 0)).toBe('removed');
    expect(weightState(views[1], 1, 0)).toBe('kept');
    expect(weightState(views[0], 0, 1)).toBe('pruned');
  });

  it('keys canvases by shape and offers filters for 784 inputs only', () => {
    expect(shapeKey(snapshot)).toBe('2x3,3x2');
    expect(parseShapeKey('784x300,300x100')).toEqual([
      [784, 300],
      [300, 100],
    ]);
    expect(hasFilters(parseShapeKey('784x300,300x100'))).toBe(true);
    expect(hasFilters(parseShapeKey('2x8,8x2'))).toBe(false);
  });

  it('describes a hovered weight: input, neuron, value, masked?', () => {
    const views = kernelViews(snapshot);
    expect(describeWeight(views[0], 0, 2, 0, 1)).toEqual(['input 0 → neuron 1 of layer 1', 'w = 0.2 (dense value, not used)', 'masked (pruned): yes']);
    expect(describeWeight(views[1], 1, 2, 1, 1)).toEqual(['neuron 1 of layer 1 → output 1', 'w = 4', 'masked: no']);
    expect(describeWeight(views[1], 1, 2, 2, 0)[2]).toBe('masked: neuron removed');
  });
});
