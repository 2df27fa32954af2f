import { AUG_IDENTITY, AUG_LIMITS, formatAug, parseAug, parseAugLenient, type AugNumericKey, type AugSpec } from '../engine/data/augSpec';

/**
 * The augmentation slice and its pure helpers: the preview the worker sends
 * (16 training digits, original and augmented), the presets of the controls,
 * and edits of one transform that keep the `aug` text canonical.
 */

/** The worker's augmentation preview: `count` digits, 28×28 pixels each (0–255, row-major, digit after digit). */
export interface AugPreview {
  /** The run it belongs to (a new run clears it). */
  runId: number;
  count: number;
  /** The digit each pair shows. */
  labels: number[];
  originals: Uint8Array;
  augmented: Uint8Array;
}

/** Quiet time after an `aug` change before a fresh preview is asked for, ms: a slider drag asks once. */
export const AUG_PREVIEW_DEBOUNCE_MS = 300;

/** A named augmentation, offered by the preset select. */
export interface AugPreset {
  id: 'none' | 'digit-safe' | 'flip-spin';
  label: string;
  /** Canonical `aug` text. */
  aug: string;
}

/**
 * The presets: none; small rotations, zooms and shifts that keep a digit the
 * same digit; and flips with any rotation, which turn a 6 into a 9 (the test
 * accuracy shows the cost of augmentation that does not preserve labels).
 */
export const AUG_PRESETS: readonly AugPreset[] = [
  { id: 'none', label: 'none', aug: '' },
  { id: 'digit-safe', label: 'digit-safe', aug: 'rotate:10,zoom:0.1,shift:0.1' },
  { id: 'flip-spin', label: 'flip & spin (not label-preserving!)', aug: 'flip,rotate:180' },
];

/** The preset whose text is `aug`, or 'custom'. */
export function presetOf(aug: string): AugPreset['id'] | 'custom' {
  return AUG_PRESETS.find((p) => p.aug === aug)?.id ?? 'custom';
}

/** The text as stored: canonical when valid, null otherwise (unknown, repeated, malformed or out of range). */
export function canonicalAug(text: string): string | null {
  const r = parseAug(text);
  return r.ok ? formatAug(r.value) : null;
}

/** Whether `text` is an `aug` value the config may hold: valid and canonical. */
export function isCanonicalAug(text: string): boolean {
  return typeof text === 'string' && canonicalAug(text) === text;
}

/** A strength each transform gets when its toggle is switched on from off: mild, label-preserving. */
export const AUG_ON_DEFAULTS: Readonly<Record<AugNumericKey, number>> = {
  rotate: 10,
  zoom: 0.1,
  shift: 0.1,
  crop: 0.8,
  noise: 0.1,
  bright: 0.2,
  contrast: 0.2,
};

/** `aug` with one transform set (values are clamped into {@link AUG_LIMITS}); the result is canonical. */
export function withAugItem<K extends keyof AugSpec>(aug: string, key: K, value: AugSpec[K]): string {
  const spec: AugSpec = { ...parseAugLenient(aug), [key]: value };
  if (key !== 'flip') {
    const k = key as AugNumericKey;
    const { min, max } = AUG_LIMITS[k];
    const v = Number(spec[k]);
    spec[k] = Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : AUG_IDENTITY[k];
  }
  return formatAug(spec);
}

/** `aug` with a numeric transform switched on (at `AUG_ON_DEFAULTS`) or off (its identity). */
export function toggleAugItem(aug: string, key: AugNumericKey, on: boolean): string {
  return withAugItem(aug, key, on ? AUG_ON_DEFAULTS[key] : AUG_IDENTITY[key]);
}
