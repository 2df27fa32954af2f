/**
 * Every chart's series colours in one place, so one unit test
 * (tests/ui/a11y-palettes.test.ts) can check that the series drawn together
 * stay apart under simulated protanopia, deuteranopia and tritanopia.
 * Categorical hues come from Okabe & Ito (2008) and Paul Tol's schemes; lines
 * that could still be confused carry a second cue (width or dash pattern).
 * Signed values (weights, classes) use the diverging orange–blue ramp of
 * `inspect/heatmap/colourScale.ts`.
 */

/** Train loss: blue, thin. */
export const TRAIN_COLOUR = '#1f6fb4';
/** Test loss and accuracy: orange, thick. */
export const TEST_COLOUR = '#d87600';
/** The regularisation penalty (dashed): Okabe–Ito bluish green. */
export const PENALTY_COLOUR = '#009e73';
/** The whole network's sparsity (thick) and the schedule's measured line: ink. */
export const OVERALL_COLOUR = '#1b2128';
/**
 * Per-layer sparsity lines, input side first: Okabe–Ito blue, orange, bluish
 * green, reddish purple, sky blue, vermilion, then Tol's wine (Okabe–Ito's
 * black is the overall line and its yellow is too pale on white).
 */
export const LAYER_COLOURS: readonly string[] = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#882255'];

/** The colour of kernel layer `l`'s line. */
export function layerColour(l: number): string {
  return LAYER_COLOURS[l % LAYER_COLOURS.length];
}

/**
 * A second cue for the per-layer lines, which otherwise differ only by
 * colour: solid, dotted, dashed, in turn (the legend draws the same styles).
 */
export const LAYER_DASHES = [
  { dasharray: undefined, css: 'solid' },
  { dasharray: '2 3', css: 'dotted' },
  { dasharray: '7 4', css: 'dashed' },
] as const;

/** The dash style of kernel layer `l`'s line. */
export function layerDash(l: number): (typeof LAYER_DASHES)[number] {
  return LAYER_DASHES[l % LAYER_DASHES.length];
}

/** The accuracy-vs-sparsity sweep line. */
export const SWEEP_COLOUR = '#7a4fb5';
/** The current network's marker on the sweep (the test colour: it is a measured test figure). */
export const CURRENT_COLOUR = TEST_COLOUR;
/** The polynomial schedule's target (dashed). */
export const TARGET_COLOUR = '#7a4fb5';
/** "Now" on the schedule curve. */
export const SCHEDULE_NOW_COLOUR = '#c0392b';
/** The best-λ marker on the validation curve (dashed). */
export const BEST_COLOUR = '#c0392b';
/** The current λ on the validation curve (dotted). */
export const LAMBDA_NOW_COLOUR = '#5b6470';
/** Regularise-then-prune arms: no penalty grey, L1 vermilion, L2 blue (Okabe–Ito). */
export const ARM_COLOURS = { none: '#6b7280', l1: '#d55e00', l2: '#0072b2' } as const;
