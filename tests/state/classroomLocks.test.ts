import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../../src/protocol/messages';
import { lessonById } from '../../src/state/lessons';
import { defaultPage, type PageConfig } from '../../src/state/page';
import { MNIST_PRESET, createAppStore, keepLocked } from '../../src/state/store';
import { defaultConfig, parseHash } from '../../src/state/urlCodec';

/** A store whose classroom link locks `lock`. */
function locked(lock: PageConfig['lock']) {
  const store = createAppStore(defaultConfig(), [], { ...defaultPage(), lock });
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  return { store, sent, s: () => store.getState() };
}

describe('a classroom link’s locks hold in the store', () => {
  it('setConfig leaves a locked key alone (and tells the worker nothing), an unlocked one changes', () => {
    const { s, sent } = locked(['noise', 'lr']);
    s().setConfig('noise', 30);
    s().setConfig('lr', 0.1);
    expect(s().config.noise).toBe(0);
    expect(s().config.lr).toBe(0.03);
    expect(sent).toEqual([]);
    s().setConfig('split', 30);
    expect(s().config.split).toBe(30);
  });

  it('a compound change (switching to mnist) applies all but the locked keys', () => {
    const { s } = locked(['lr', 'layers']);
    s().setDataset('mnist');
    expect(s().config.dataset).toBe('mnist');
    expect(s().config.batch).toBe(MNIST_PRESET.batch);
    expect(s().config.lr).toBe(0.03);
    expect(s().config.layers).toEqual([8, 8]);
  });

  it('the penalty kind keeps a locked λ₂ while it sets λ₁', () => {
    const { s } = locked(['l2']);
    s().setPenalty('elastic', 0.001);
    expect(s().config.l1).toBe(0.001);
    expect(s().config.l2).toBe(0);
  });

  it('a lesson starts with the locked keys as they were', () => {
    const { s } = locked(['seed']);
    s().setPage('lock', []);
    s().setConfig('seed', 7);
    s().setPage('lock', ['seed']);
    s().startLesson('overfit-l2');
    expect(s().page.lesson).toBe('overfit-l2');
    expect(s().config.dataset).toBe(parseHash(lessonById('overfit-l2')!.hash).config.dataset);
    expect(s().config.seed).toBe(7);
  });

  it('a new link (hashchange) replaces the config and the locks alike', () => {
    const { s } = locked(['dataset']);
    const next = parseHash('#dataset=xor&lock=noise');
    s().replaceConfig(next.config, next.rejected, next.page);
    expect(s().config.dataset).toBe('xor');
    expect(s().page.lock).toEqual(['noise']);
  });

  it('restoring a pin keeps the locked keys', () => {
    const { s } = locked(['dataset']);
    s().replaceConfig({ ...defaultConfig(), dataset: 'xor', noise: 10 });
    expect(s().config.dataset).toBe('circle');
    expect(s().config.noise).toBe(10);
  });

  it('an imported model that would change a locked key is refused whole', () => {
    const { s, sent } = locked(['layers']);
    s().importModel({ ...defaultConfig(), layers: [4] }, []);
    expect(s().config.layers).toEqual([8, 8]);
    expect(sent).toEqual([]);
  });

  it('keepLocked returns the same object when no locked key differs', () => {
    const prev = defaultConfig();
    const next = { ...prev, noise: 5, layers: [8, 8] };
    expect(keepLocked(next, prev, { ...defaultPage(), lock: ['layers', 'seed'] })).toBe(next);
    expect(keepLocked(next, prev, { ...defaultPage(), lock: ['noise'] })).toEqual(prev);
  });
});
