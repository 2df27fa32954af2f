import { describe, expect, it } from 'vitest';
import type { LayerWeights } from '../../src/engine/types';
import {
  GRAPH_PAD,
  MAX_LINK_WIDTH,
  MIN_LINK_WIDTH,
  graphFits,
  graphHeight,
  graphLinks,
  layerWidths,
  layoutGraph,
  neuronName,
  structureKey,
} from '../../src/ui/inspect/graphLayout';

/** A layer with kernel entries `k` (row-major [inDim × outDim]). */
function layer(inDim: number, outDim: number, k: number[]): LayerWeights {
  return { inDim, outDim, kernel: new Float32Array(k), bias: new Float32Array(outDim) };
}

// 2 → 3 → 1: kernel 0 is 2×3, kernel 1 is 3×1.
const layers = [layer(2, 3, [1, -2, 0.5, 0, 4, -1]), layer(3, 1, [2, -0.5, 1])];

describe('layerWidths / graphFits', () => {
  it('lists inputs, hidden widths and outputs', () => {
    expect(layerWidths(layers)).toEqual([2, 3, 1]);
    expect(layerWidths([])).toEqual([]);
  });

  it('draws networks up to 32 wide, not LeNet-300-100', () => {
    expect(graphFits([2, 8, 8, 2])).toBe(true);
    expect(graphFits([2, 32, 1])).toBe(true);
    expect(graphFits([784, 300, 100, 10])).toBe(false);
    expect(graphFits([])).toBe(false);
  });
});

describe('layoutGraph', () => {
  it('spreads the columns over the width inside the margins and centres each column', () => {
    const g = layoutGraph([2, 3, 1], [null, null, null], 560, 200);
    expect(g.columns.map((c) => c.length)).toEqual([2, 3, 1]);
    expect(g.columns[0][0].x).toBe(GRAPH_PAD.left);
    expect(g.columns[2][0].x).toBe(560 - GRAPH_PAD.right);
    expect(g.columns[1][0].x).toBeCloseTo((GRAPH_PAD.left + 560 - GRAPH_PAD.right) / 2, 9);
    const middle = GRAPH_PAD.top + (200 - GRAPH_PAD.top - GRAPH_PAD.bottom) / 2;
    // The middle neuron of the 3-wide column and the single output sit at the vertical centre.
    expect(g.columns[1][1].y).toBeCloseTo(middle, 9);
    expect(g.columns[2][0].y).toBeCloseTo(middle, 9);
    // Equal spacing, same in every column.
    const gap = g.columns[1][1].y - g.columns[1][0].y;
    expect(g.columns[1][2].y - g.columns[1][1].y).toBeCloseTo(gap, 9);
    expect(g.columns[0][1].y - g.columns[0][0].y).toBeCloseTo(gap, 9);
    expect(gap).toBeLessThanOrEqual(44);
  });

  it('keeps every node centre inside the margins and every circle below the column titles, even 32 wide', () => {
    const h = graphHeight(32);
    const g = layoutGraph([2, 32, 32, 2], [null, null, null, null], 560, h);
    for (const column of g.columns) {
      for (const n of column) {
        expect(n.y).toBeGreaterThanOrEqual(GRAPH_PAD.top - 1e-9);
        expect(n.y).toBeLessThanOrEqual(h - GRAPH_PAD.bottom + 1e-9);
        // Column titles sit on the baseline y = 14.
        expect(n.y - g.radius).toBeGreaterThan(18);
        expect(n.y + g.radius).toBeLessThanOrEqual(h);
      }
    }
    expect(g.radius).toBeGreaterThanOrEqual(3);
  });

  it('marks removed neurons but keeps their places', () => {
    const kept = layoutGraph([2, 3, 1], [null, null, null], 560, 200);
    const pruned = layoutGraph([2, 3, 1], [null, new Uint8Array([1, 0, 1]), null], 560, 200);
    expect(pruned.columns[1].map((n) => n.removed)).toEqual([false, true, false]);
    expect(pruned.columns[1].map((n) => n.y)).toEqual(kept.columns[1].map((n) => n.y));
  });
});

describe('graphLinks', () => {
  it('draws one link per kernel entry, width and opacity by |w| over its layer’s max', () => {
    const links = graphLinks(layers, [null, null], [null]);
    expect(links).toHaveLength(2 * 3 + 3 * 1);
    const strongest = links.find((l) => l.column === 0 && l.from === 1 && l.to === 1)!;
    expect(strongest.weight).toBe(4);
    expect(strongest.strokeWidth).toBeCloseTo(MAX_LINK_WIDTH, 9);
    expect(strongest.opacity).toBeCloseTo(1, 9);
    const zero = links.find((l) => l.column === 0 && l.from === 1 && l.to === 0)!;
    expect(zero.strokeWidth).toBeCloseTo(MIN_LINK_WIDTH, 9);
    // Layer 1's largest |w| is 2: full width there although layer 0 holds a 4.
    expect(links.find((l) => l.column === 1 && l.from === 0)!.strokeWidth).toBeCloseTo(MAX_LINK_WIDTH, 9);
    const half = links.find((l) => l.column === 1 && l.from === 2)!;
    expect(half.weight).toBe(1);
    expect(half.strokeWidth).toBeCloseTo(MIN_LINK_WIDTH + (MAX_LINK_WIDTH - MIN_LINK_WIDTH) / 2, 6);
    expect(half.opacity).toBeCloseTo(0.25 + 0.75 / 2, 6);
    expect(links.find((l) => l.column === 0 && l.from === 0 && l.to === 1)!.weight).toBe(-2);
  });

  it('flags pruned entries (mask 0) with weight 0, and scales the rest without them', () => {
    // Prune the 4: layer 0's largest kept |w| becomes 2.
    const mask = new Uint8Array([1, 1, 1, 1, 0, 1]);
    const links = graphLinks(layers, [mask, null], [null]);
    const pruned = links.filter((l) => l.pruned);
    expect(pruned).toHaveLength(1);
    expect(pruned[0]).toMatchObject({ column: 0, from: 1, to: 1, weight: 0, strokeWidth: MIN_LINK_WIDTH });
    const minusTwo = links.find((l) => l.column === 0 && l.from === 0 && l.to === 1)!;
    expect(minusTwo.strokeWidth).toBeCloseTo(MAX_LINK_WIDTH, 9);
  });

  it('leaves out every link of a removed neuron (its fan-in and fan-out)', () => {
    const links = graphLinks(layers, [null, null], [new Uint8Array([1, 0, 1])]);
    expect(links).toHaveLength(2 * 2 + 2 * 1);
    expect(links.some((l) => (l.column === 0 && l.to === 1) || (l.column === 1 && l.from === 1))).toBe(false);
  });
});

describe('structureKey / neuronName', () => {
  it('changes with the widths or the removed neurons, not with the weights', () => {
    const a = structureKey([2, 3, 1], [null]);
    expect(structureKey([2, 3, 1], [null])).toBe(a);
    expect(structureKey([2, 4, 1], [null])).not.toBe(a);
    expect(structureKey([2, 3, 1], [new Uint8Array([1, 0, 1])])).not.toBe(a);
  });

  it('counts from 1 for people', () => {
    expect(neuronName(0, 2)).toBe('Hidden layer 1, neuron 3');
  });
});
