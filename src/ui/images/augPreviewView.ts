import type { AugPreview } from '../../state/augmentation';
import { translator, type Translate } from '../i18n';

/** Pixels in one 28×28 digit. */
export const DIGIT_PIXELS = 28 * 28;

/** One digit of the preview: its label and its two pictures (views into the preview's arrays, no copy). */
export interface PreviewPair {
  index: number;
  label: number;
  original: Uint8Array;
  augmented: Uint8Array;
}

/**
 * Splits a preview into its digits, original above augmented. Digits the
 * arrays do not fully hold (a short or mismatched message) are left out, so a
 * malformed preview shows fewer pairs rather than garbage.
 */
export function previewPairs(preview: AugPreview): PreviewPair[] {
  const whole = Math.floor(Math.min(preview.originals.length, preview.augmented.length) / DIGIT_PIXELS);
  const n = Math.max(0, Math.min(preview.count, preview.labels.length, whole));
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    label: preview.labels[i],
    original: preview.originals.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS),
    augmented: preview.augmented.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS),
  }));
}

/** How many of the pairs the augmentation changed at all (0 with no augmentation). */
export function changedCount(pairs: readonly PreviewPair[]): number {
  let changed = 0;
  for (const p of pairs) {
    for (let i = 0; i < p.original.length; i++) {
      if (p.original[i] !== p.augmented[i]) {
        changed += 1;
        break;
      }
    }
  }
  return changed;
}

/** The caption's first sentence for the current spec: what the bottom row shows. */
export function previewReading(aug: string, pairs: readonly PreviewPair[], t: Translate = translator('en')): string {
  if (aug === '') return t('views.aug.readNone');
  return t('views.aug.readDraw', { aug, changed: changedCount(pairs), n: pairs.length });
}
