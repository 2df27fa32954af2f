import { describe, expect, it } from 'vitest';
import { PIN_COLOURS } from '../../src/state/pins';
import { MACHADO_2009, VISIONS, closestPair, contrastRatio, deltaE2000, parseHex, simulate, toLab, type Vision } from '../../src/ui/a11y/cvd';
import {
  ARM_COLOURS,
  BEST_COLOUR,
  CURRENT_COLOUR,
  LAMBDA_NOW_COLOUR,
  LAYER_COLOURS,
  OVERALL_COLOUR,
  PENALTY_COLOUR,
  SCHEDULE_NOW_COLOUR,
  SWEEP_COLOUR,
  TARGET_COLOUR,
  TEST_COLOUR,
  TRAIN_COLOUR,
} from '../../src/ui/charts/palette';
import { CLASS_RGB, PRUNED_HEX, rgbHex } from '../../src/ui/inspect/colour';
import { LUT_CENTRE, LUT_SIZE, MASK_COLOUR, SCALE_STOPS, rampColour, rgbToHex } from '../../src/ui/inspect/heatmap/colourScale';
import { CUT_COLOUR, KEPT_COLOUR, PRUNED_COLOUR, ZERO_COLOUR } from '../../src/ui/prune/drawHistogram';

/** ΔE₀₀ that reads as clearly different at a glance (2.3 is just noticeable). */
const DISTINCT = 10;

describe('colour science', () => {
  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test data', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
      [[90.9257, -0.5406, -0.9208], [88.6381, -0.8985, -0.7239], 1.5381],
    ];
    for (const [a, b, d] of pairs) expect(deltaE2000(a, b)).toBeCloseTo(d, 4);
  });

  it('CIELAB of sRGB white, black and red', () => {
    const white = toLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 4);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(1e-4);
    expect(toLab([0, 0, 0])).toEqual([0, 0, 0]);
    const red = toLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });

  it('the Machado (2009) matrices keep white and grey (rows sum to 1) and fold red onto green for protans and deutans', () => {
    for (const m of Object.values(MACHADO_2009)) for (const row of m) expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 5);
    for (const v of VISIONS) for (const c of simulate([255, 255, 255], v)) expect(c).toBeCloseTo(255, 2);
    // Pure red under protanopia: linear (0.152286, 0.114503, −0.003882 → 0), back to sRGB.
    const protan = simulate([255, 0, 0], 'protanopia');
    expect(protan[0]).toBeCloseTo(108.79, 1);
    expect(protan[2]).toBe(0);
    // Red and green, far apart for most viewers, nearly merge for a deuteranope.
    const red = toLab(simulate(parseHex('#d62728'), 'deuteranopia'));
    const green = toLab(simulate(parseHex('#2ca02c'), 'deuteranopia'));
    expect(deltaE2000(toLab(parseHex('#d62728')), toLab(parseHex('#2ca02c')))).toBeGreaterThan(50);
    expect(deltaE2000(red, green)).toBeLessThan(DISTINCT);
  });
});

/** Series drawn together on one picture, by where they appear. */
const TOGETHER: Record<string, readonly string[]> = {
  'loss/accuracy/sparsity step charts with pinned runs': [TRAIN_COLOUR, TEST_COLOUR, PENALTY_COLOUR, OVERALL_COLOUR, ...PIN_COLOURS],
  'sparsity per layer': [OVERALL_COLOUR, ...LAYER_COLOURS],
  'weight histogram bars (kept, pruned, exact zeros)': [KEPT_COLOUR, PRUNED_COLOUR, ZERO_COLOUR],
  'weight histogram cut against the bars': [CUT_COLOUR, KEPT_COLOUR, PRUNED_COLOUR],
  'accuracy vs sparsity sweep': [SWEEP_COLOUR, CURRENT_COLOUR],
  'schedule curve': [TARGET_COLOUR, OVERALL_COLOUR, SCHEDULE_NOW_COLOUR],
  'validation curve': [TRAIN_COLOUR, TEST_COLOUR, BEST_COLOUR, LAMBDA_NOW_COLOUR],
  'regularise-then-prune arms': [ARM_COLOURS.none, ARM_COLOURS.l1, ARM_COLOURS.l2],
  'decision boundary classes': CLASS_RGB.map(rgbHex),
  'network graph links (positive, negative, pruned)': [rgbToHex(rampColour(1)), rgbToHex(rampColour(-1)), PRUNED_HEX],
};

describe('palettes stay apart under simulated colour-vision deficiencies', () => {
  for (const [name, palette] of Object.entries(TOGETHER)) {
    it(name, () => {
      const closest = VISIONS.map((v) => ({ vision: v, ...closestPair(palette, v) }));
      const tooClose = closest.filter((c) => c.deltaE < DISTINCT).map((c) => `${c.vision}: ${c.a} vs ${c.b} ΔE₀₀ ${c.deltaE.toFixed(1)}`);
      expect(tooClose).toEqual([]);
    });
  }

  it('chart lines have at least 3:1 contrast against the white card, except the Okabe–Ito orange, sky blue and reddish purple kept for their hue', () => {
    const lines = [TRAIN_COLOUR, TEST_COLOUR, PENALTY_COLOUR, OVERALL_COLOUR, ...PIN_COLOURS, ...LAYER_COLOURS, SWEEP_COLOUR, SCHEDULE_NOW_COLOUR, BEST_COLOUR, ...Object.values(ARM_COLOURS)];
    const pale = new Set(['#e69f00', '#56b4e9', '#cc79a7']);
    const low = lines.filter((c) => !pale.has(c) && contrastRatio(parseHex(c), [255, 255, 255]) < 3);
    expect(low).toEqual([]);
  });
});

describe('the heatmaps’ diverging scale', () => {
  /** L* of the ramp at LUT entry k under `vision`. */
  const lightness = (k: number, vision: Vision): number => toLab(simulate(parseHex(rgbToHex(rampColour(k / LUT_CENTRE - 1))), vision))[0];

  it('gets darker from the centre to both ends for every viewer, so |w| reads even without hue', () => {
    for (const v of VISIONS) {
      for (let k = LUT_CENTRE; k < LUT_SIZE - 1; k++) expect(lightness(k + 1, v), `${v} +${k}`).toBeLessThan(lightness(k, v) + 1e-9);
      for (let k = LUT_CENTRE; k > 0; k--) expect(lightness(k - 1, v), `${v} −${k}`).toBeLessThan(lightness(k, v) + 1e-9);
    }
  });

  it('keeps its two signs apart at equal |w| for every viewer', () => {
    for (const v of VISIONS) {
      for (const t of [0.25, 0.5, 0.75, 1]) {
        const neg = toLab(simulate(parseHex(rgbToHex(rampColour(-t))), v));
        const pos = toLab(simulate(parseHex(rgbToHex(rampColour(t))), v));
        // Near zero the two halves meet in white by design; from a quarter of the range on they must differ.
        expect(deltaE2000(neg, pos), `${v} ±${t}`).toBeGreaterThan(t * 4 * DISTINCT * 0.5);
      }
    }
  });

  it('draws pruned weights in a colour that is on neither side of the ramp', () => {
    const mask = parseHex(MASK_COLOUR);
    for (const v of VISIONS) {
      let min = Infinity;
      for (let k = 0; k < LUT_SIZE; k++) min = Math.min(min, deltaE2000(toLab(simulate(mask, v)), toLab(simulate(parseHex(rgbToHex(rampColour(k / LUT_CENTRE - 1))), v))));
      expect(min, v).toBeGreaterThanOrEqual(DISTINCT);
    }
    expect(SCALE_STOPS).toHaveLength(9);
  });
});
