/** The augmentation preview the worker posts for mnist: 16 training digits, original and augmented. */
import { parseAugLenient } from '../engine/data/augSpec';
import type { TrainingSession } from '../engine/train/session';
import type { Dataset } from '../engine/types';
import type { FromWorker } from '../protocol/messages';

/** Digits in the preview grid. */
export const AUG_PREVIEW_COUNT = 16;

/** [0, 1] floats → 0–255 bytes (rounded, clamped). */
function toBytes(x: Float32Array): Uint8Array {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, x[i])) * 255);
  return out;
}

/**
 * The `augPreview` message for `draw` (each number a fresh random draw), with its
 * buffers to transfer; null for datasets other than mnist.
 */
export async function augPreviewMessage(session: TrainingSession, dataset: Dataset, aug: string, runId: number, draw: number): Promise<{ msg: FromWorker; transfer: Transferable[] } | null> {
  if (dataset.info.name !== 'mnist') return null;
  const { labels, originals, augmented } = await session.previewAugmentation(AUG_PREVIEW_COUNT, parseAugLenient(aug), draw);
  const o = toBytes(originals);
  const a = toBytes(augmented);
  return { msg: { type: 'augPreview', runId, count: labels.length, labels, originals: o, augmented: a }, transfer: [o.buffer, a.buffer] };
}
