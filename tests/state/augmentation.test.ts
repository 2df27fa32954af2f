import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../src/protocol/messages';
import { AUG_PRESETS, AUG_PREVIEW_DEBOUNCE_MS, canonicalAug, isCanonicalAug, presetOf, toggleAugItem, withAugItem } from '../../src/state/augmentation';
import { createAppStore } from '../../src/state/store';
import { defaultConfig, SCHEMA } from '../../src/state/urlCodec';

/** A paused mnist store and what it asked the worker to do. */
function setup(dataset: 'mnist' | 'spiral' = 'mnist') {
  const store = createAppStore({ ...defaultConfig(), dataset });
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  const s = () => store.getState();
  return { store, sent, s, previews: () => sent.filter((m) => m.type === 'augPreview') };
}

const preview = (runId: number, count = 2): FromWorker => ({
  type: 'augPreview',
  runId,
  count,
  labels: Array.from({ length: count }, (_, i) => i),
  originals: new Uint8Array(count * 784).fill(7),
  augmented: new Uint8Array(count * 784).fill(9),
});

afterEach(() => vi.useRealTimers());

describe('augmentation preview in the store', () => {
  it('asks once when a mnist run is ready, keeps the answer, drops a stale one', () => {
    const { s, previews } = setup();
    s().receive({ type: 'phase', runId: 1, phase: 'loading' });
    expect(previews()).toEqual([]);
    s().receive({ type: 'phase', runId: 1, phase: 'paused' });
    s().receive({ type: 'phase', runId: 1, phase: 'training' });
    expect(previews()).toEqual([{ type: 'augPreview', runId: 1 }]);
    s().receive(preview(0));
    expect(s().augPreview).toBeNull();
    s().receive(preview(1));
    expect(s().augPreview).toMatchObject({ runId: 1, count: 2, labels: [0, 1] });
    expect(s().augPreview?.augmented[0]).toBe(9);
  });

  it('a new run (cold change, reset) clears the preview and asks again when ready', () => {
    const { s, previews } = setup();
    s().receive({ type: 'phase', runId: 1, phase: 'paused' });
    s().receive(preview(1));
    s().setConfig('trainSize', 500);
    expect(s().run.runId).toBe(2);
    expect(s().augPreview).toBeNull();
    s().receive({ type: 'phase', runId: 2, phase: 'paused' });
    s().receive(preview(2));
    s().reset();
    expect(s().augPreview).toBeNull();
    s().receive({ type: 'phase', runId: 3, phase: 'paused' });
    expect(previews().map((m) => m.runId)).toEqual([1, 2, 3]);
  });

  it('an aug change is hot and asks for a fresh preview once, 300 ms after the last change', () => {
    vi.useFakeTimers();
    const { s, sent, previews } = setup();
    s().setConfig('aug', 'rotate:5');
    vi.advanceTimersByTime(AUG_PREVIEW_DEBOUNCE_MS - 1);
    s().setConfig('aug', 'rotate:10');
    vi.advanceTimersByTime(AUG_PREVIEW_DEBOUNCE_MS - 1);
    expect(previews()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(previews()).toEqual([{ type: 'augPreview', runId: 1 }]);
    expect(s().run.runId).toBe(1);
    expect(sent.filter((m) => m.type === 'configure').at(-1)).toMatchObject({ runId: 1, config: { aug: 'rotate:10' } });
  });

  it('requestAugPreview asks for mnist only; invalid or non-canonical aug is refused', () => {
    vi.useFakeTimers();
    const toy = setup('spiral');
    toy.s().requestAugPreview();
    toy.s().setConfig('aug', 'flip');
    vi.advanceTimersByTime(1000);
    toy.s().receive({ type: 'phase', runId: 1, phase: 'paused' });
    expect(toy.previews()).toEqual([]);
    const { s, previews } = setup();
    s().requestAugPreview();
    expect(previews()).toEqual([{ type: 'augPreview', runId: 1 }]);
    s().setConfig('aug', 'flip,flip');
    s().setConfig('aug', 'rotate:999');
    s().setConfig('aug', 'noise:0.1,flip');
    s().setConfig('trainSize', 5);
    expect(s().config.aug).toBe('');
    expect(s().config.trainSize).toBe(8000);
  });
});

describe('augmentation helpers', () => {
  it('presets are canonical and recognised; anything else is custom', () => {
    for (const p of AUG_PRESETS) {
      expect(SCHEMA.aug.isValid(p.aug)).toBe(true);
      expect(presetOf(p.aug)).toBe(p.id);
    }
    expect(presetOf('rotate:10')).toBe('custom');
  });

  it('canonicalAug orders and validates; isCanonicalAug only accepts the canonical text', () => {
    expect(canonicalAug(' noise:0.1 ,flip')).toBe('flip,noise:0.1');
    expect(canonicalAug('rotate:999')).toBeNull();
    expect(canonicalAug('<script>')).toBeNull();
    expect(isCanonicalAug('flip,noise:0.1')).toBe(true);
    expect(isCanonicalAug('noise:0.1,flip')).toBe(false);
  });

  it('withAugItem / toggleAugItem edit one transform, clamp, and keep the text canonical', () => {
    expect(withAugItem('', 'rotate', 15)).toBe('rotate:15');
    expect(withAugItem('rotate:15', 'flip', true)).toBe('flip,rotate:15');
    expect(withAugItem('flip,rotate:15', 'rotate', 0)).toBe('flip');
    expect(withAugItem('', 'rotate', 999)).toBe('rotate:180');
    expect(withAugItem('', 'crop', 0.1)).toBe('crop:0.5');
    expect(withAugItem('', 'zoom', Number.NaN)).toBe('');
    expect(toggleAugItem('flip', 'noise', true)).toBe('flip,noise:0.1');
    expect(toggleAugItem('flip,crop:0.8', 'crop', false)).toBe('flip');
  });
});
