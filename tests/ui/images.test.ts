import { describe, expect, it } from 'vitest';
import type { AugPreview } from '../../src/state/augmentation';
import { DIGIT_PIXELS, changedCount, previewPairs, previewReading } from '../../src/ui/images/augPreviewView';

/** A preview of `count` digits: originals filled with i, augmented equal except where `changed` says. */
function preview(count: number, changed: (i: number) => boolean = () => true): AugPreview {
  const originals = new Uint8Array(count * DIGIT_PIXELS);
  const augmented = new Uint8Array(count * DIGIT_PIXELS);
  for (let i = 0; i < count; i++) {
    originals.fill(i, i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    augmented.fill(i, i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS);
    if (changed(i)) augmented[i * DIGIT_PIXELS + 400] = 255;
  }
  return { runId: 1, count, labels: Array.from({ length: count }, (_, i) => i % 10), originals, augmented };
}

describe('augmentation preview view', () => {
  it('splits 16 digits into pairs of 784-pixel views, in order, without copying', () => {
    const p = preview(16);
    const pairs = previewPairs(p);
    expect(pairs).toHaveLength(16);
    expect(pairs.map((x) => x.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]);
    for (const [i, pair] of pairs.entries()) {
      expect(pair.original.length).toBe(784);
      expect(pair.augmented.length).toBe(784);
      expect(pair.original[0]).toBe(i);
      expect(pair.original.buffer).toBe(p.originals.buffer);
    }
  });

  it('leaves out digits a short or mismatched message does not fully hold', () => {
    const p = preview(16);
    expect(previewPairs({ ...p, augmented: p.augmented.subarray(0, 5 * DIGIT_PIXELS + 10) })).toHaveLength(5);
    expect(previewPairs({ ...p, labels: [1, 2, 3] })).toHaveLength(3);
    expect(previewPairs({ ...p, count: -4 })).toEqual([]);
    expect(previewPairs({ ...p, count: 99 })).toHaveLength(16);
  });

  it('counts the digits the augmentation changed and says so', () => {
    const pairs = previewPairs(preview(16, (i) => i % 4 === 0));
    expect(changedCount(pairs)).toBe(4);
    expect(previewReading('rotate:10', pairs)).toMatch(/^One random draw of rotate:10: 4 of 16 digits changed\./);
    expect(changedCount(previewPairs(preview(16, () => false)))).toBe(0);
    expect(previewReading('', pairs)).toMatch(/^No augmentation: both rows are the same/);
  });
});
