import { describe, expect, it } from 'vitest';
import { OWN_EXAMPLE, formatPoints } from '../../src/engine/data/ownPoints';
import type { ToWorker } from '../../src/protocol/messages';
import { OWN_DATA_STORAGE_KEY, attachOwnData, loadStoredPoints, storePoints, withStoredPoints, type PointStorage } from '../../src/state/ownData';
import { createAppStore } from '../../src/state/store';
import { defaultConfig, formatHash, parseHash } from '../../src/state/urlCodec';

/** An in-memory storage; `full` makes every write throw like a full quota. */
function memoryStorage(initial: Record<string, string> = {}, full = false): PointStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null),
    setItem: (k, v) => {
      if (full) throw new Error('QuotaExceededError');
      data[k] = v;
    },
  };
}

const SMALL = '0.1,0.2,0;-0.3,0.4,1';
/** 200 points: too many for a link. */
const LARGE = formatPoints(Array.from({ length: 200 }, (_, i) => ({ x: (i % 20) / 10 - 1, y: Math.floor(i / 20) / 10, label: (i % 2) as 0 | 1 })));

const flush = (): Promise<void> => new Promise((r) => queueMicrotask(r));

describe('local storage of own points', () => {
  it('stores versioned JSON and reads back only canonical text', () => {
    const s = memoryStorage();
    expect(loadStoredPoints(s)).toBeNull();
    expect(storePoints(s, SMALL)).toBe(true);
    expect(s.data[OWN_DATA_STORAGE_KEY]).toBe(`{"v":1,"pts":"${SMALL}"}`);
    expect(loadStoredPoints(s)).toBe(SMALL);
    expect(storePoints(s, '')).toBe(true);
    expect(loadStoredPoints(s)).toBe('');
    for (const junk of ['not json', '{"v":2,"pts":""}', '{"v":1,"pts":"0.5,0,7"}', '{"v":1}', 'null', '[]', '{"v":1,"pts":"0.50,0,1"}']) {
      expect(loadStoredPoints(memoryStorage({ [OWN_DATA_STORAGE_KEY]: junk })), junk).toBeNull();
    }
    expect(loadStoredPoints(null)).toBeNull();
    expect(storePoints(null, SMALL)).toBe(false);
    expect(storePoints(memoryStorage({}, true), SMALL)).toBe(false);
    const throwing: PointStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    };
    expect(loadStoredPoints(throwing)).toBeNull();
  });

  it('start-up: a custom link without pts gets the stored set, else the example; a cleared set stays empty', () => {
    const link = parseHash('#dataset=custom').config;
    expect(withStoredPoints(link, memoryStorage({ [OWN_DATA_STORAGE_KEY]: JSON.stringify({ v: 1, pts: LARGE }) })).pts).toBe(LARGE);
    expect(withStoredPoints(link, memoryStorage()).pts).toBe(OWN_EXAMPLE);
    expect(withStoredPoints(link, null).pts).toBe(OWN_EXAMPLE);
    expect(withStoredPoints(link, memoryStorage({ [OWN_DATA_STORAGE_KEY]: JSON.stringify({ v: 1, pts: '' }) }))).toBe(link);
    // The link's own points win; other datasets are left alone.
    const withPts = parseHash(`#dataset=custom&pts=${SMALL}`).config;
    expect(withStoredPoints(withPts, memoryStorage({ [OWN_DATA_STORAGE_KEY]: JSON.stringify({ v: 1, pts: LARGE }) }))).toBe(withPts);
    const circle = defaultConfig();
    expect(withStoredPoints(circle, memoryStorage({ [OWN_DATA_STORAGE_KEY]: JSON.stringify({ v: 1, pts: LARGE }) }))).toBe(circle);
  });

  it('a large set is not in the link but survives a "reload" through storage', () => {
    const storage = memoryStorage();
    const store = createAppStore(withStoredPoints(parseHash('#dataset=custom').config, storage));
    attachOwnData(store, storage);
    store.getState().setConfig('pts', LARGE);
    expect(loadStoredPoints(storage)).toBe(LARGE);
    const link = formatHash(store.getState().config);
    expect(link).toContain('dataset=custom');
    expect(link).not.toContain('pts=');
    // Reload: the same link, the same browser.
    expect(withStoredPoints(parseHash(link).config, storage).pts).toBe(LARGE);
  });

  it('switching to custom restores the stored points in one more run; edits while custom are stored; clearing stores the empty set', async () => {
    const storage = memoryStorage({ [OWN_DATA_STORAGE_KEY]: JSON.stringify({ v: 1, pts: SMALL }) });
    const store = createAppStore();
    const sent: ToWorker[] = [];
    store.onCommand((m) => sent.push(m));
    attachOwnData(store, storage);
    store.getState().setDataset('custom');
    expect(store.getState().config.pts).toBe('');
    await flush();
    expect(store.getState().config).toMatchObject({ dataset: 'custom', pts: SMALL });
    const configures = sent.filter((m): m is Extract<ToWorker, { type: 'configure' }> => m.type === 'configure');
    expect(configures.map((m) => [m.runId, m.config.pts])).toEqual([
      [2, ''],
      [3, SMALL],
    ]);
    store.getState().setConfig('pts', '0.5,0.5,1');
    expect(loadStoredPoints(storage)).toBe('0.5,0.5,1');
    store.getState().setConfig('pts', '');
    expect(loadStoredPoints(storage)).toBe('');
    await flush();
    expect(store.getState().config.pts).toBe('');
    // Away and back: the config still holds the (empty) set; nothing is restored over a clear.
    store.getState().setDataset('xor');
    store.getState().setDataset('custom');
    await flush();
    expect(store.getState().config.pts).toBe('');
    // Points changing on another dataset (a pasted link) are not stored.
    store.getState().setDataset('xor');
    store.getState().setConfig('pts', SMALL);
    expect(loadStoredPoints(storage)).toBe('');
  });
});
