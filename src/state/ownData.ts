/**
 * Where the student's own points live besides the config: this browser's
 * local storage. A link carries `pts` only up to OWN_URL_MAX_POINTS points
 * (see urlCodec.ts), so the latest set is also stored here, and a link that
 * names `dataset=custom` without `pts` (a large set, or a set the student
 * cleared) gets the stored set back — at start-up, and whenever the dataset
 * changes to custom while the config holds no points. Nothing leaves the
 * browser. A stored entry that cannot be read is removed and a write the
 * browser refuses (quota, storage disabled) is not silent: both show the
 * store's storage notice (see persist.ts).
 */
import { OWN_EXAMPLE, isCanonicalPoints } from '../engine/data/ownPoints';
import type { ExperimentConfig } from '../protocol/config';
import type { StorageNotice } from './persist';
import type { AppStore } from './store';

/** The local-storage key; the suffix versions the stored format. */
export const OWN_DATA_STORAGE_KEY = 'prune-playground:own-data:v1';

/** The part of `Storage` used here (injectable for tests; `removeItem` drops an unreadable entry where it exists). */
export interface PointStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

/** `window.localStorage`, or null where it is unavailable (disabled, or access throws). */
export function browserStorage(): PointStorage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}

/**
 * The stored points as canonical `pts` text ('' when the student cleared
 * them), or null when nothing usable is stored: no entry, no storage, or an
 * entry that is not `{"v":1,"pts":"<canonical text>"}` (ignored, never thrown on).
 */
export function loadStoredPoints(storage: PointStorage | null): string | null {
  return readStoredPoints(storage).pts;
}

/**
 * {@link loadStoredPoints} plus whether an entry was there but unreadable
 * (`unreadable`: invalid JSON, another shape or version, non-canonical
 * points). Storage that cannot be read at all counts as no entry.
 */
export function readStoredPoints(storage: PointStorage | null): { pts: string | null; unreadable: boolean } {
  let text: string | null | undefined;
  try {
    text = storage?.getItem(OWN_DATA_STORAGE_KEY);
  } catch {
    return { pts: null, unreadable: false };
  }
  if (typeof text !== 'string') return { pts: null, unreadable: false };
  try {
    const entry: unknown = JSON.parse(text);
    if (typeof entry === 'object' && entry !== null) {
      const { v, pts } = entry as { v?: unknown; pts?: unknown };
      if (v === 1 && typeof pts === 'string' && isCanonicalPoints(pts)) return { pts, unreadable: false };
    }
  } catch {
    // Invalid JSON: unreadable, as below.
  }
  return { pts: null, unreadable: true };
}

/** Removes an unreadable entry (quietly: a storage that cannot remove it will not read it back as points either). */
function dropStoredPoints(storage: PointStorage | null): void {
  try {
    storage?.removeItem?.(OWN_DATA_STORAGE_KEY);
  } catch {
    // Nothing more to do.
  }
}

/** Stores `pts` (canonical text); false when the browser refused (no storage, quota). */
export function storePoints(storage: PointStorage | null, pts: string): boolean {
  if (storage === null) return false;
  try {
    storage.setItem(OWN_DATA_STORAGE_KEY, JSON.stringify({ v: 1, pts }));
    return true;
  } catch {
    return false;
  }
}

/**
 * The points to use when `config` names custom data but holds none: the
 * stored set, else (nothing ever stored) the starter example
 * {@link OWN_EXAMPLE}. A stored empty set stays empty: the student cleared it.
 */
export function restoredPoints(storage: PointStorage | null, onNotice?: (notice: StorageNotice) => void): string {
  const { pts, unreadable } = readStoredPoints(storage);
  if (unreadable) {
    dropStoredPoints(storage);
    onNotice?.('pointsDiscarded');
  }
  return pts ?? OWN_EXAMPLE;
}

/**
 * Start-up: `config` with the restored points when it names custom data
 * without `pts`; otherwise `config` itself. An unreadable stored entry is
 * removed and reported through `onNotice` (the example is used instead).
 */
export function withStoredPoints(config: ExperimentConfig, storage: PointStorage | null, onNotice?: (notice: StorageNotice) => void): ExperimentConfig {
  if (config.dataset !== 'custom' || config.pts !== '') return config;
  const pts = restoredPoints(storage, onNotice);
  return pts === '' ? config : { ...config, pts };
}

/**
 * Keeps the store and local storage in step: every change of `pts` while the
 * dataset is custom is stored; switching to custom (the dataset control, a
 * pasted link) with no points in the config restores them — in a microtask,
 * so the switch's own new run is announced first and this one supersedes it.
 * A refused write shows the storage notice `pointsNotSaved` (once until a
 * write succeeds again), an unreadable entry `pointsDiscarded`.
 * Returns the unsubscribe function.
 */
export function attachOwnData(store: AppStore, storage: PointStorage | null): () => void {
  const notify = (notice: StorageNotice): void => store.getState().showStorageNotice(notice);
  let failing = false;
  return store.subscribe((state, prev) => {
    const next = state.config;
    const before = prev.config;
    if (next === before || next.dataset !== 'custom') return;
    if (before.dataset !== 'custom' && next.pts === '') {
      const pts = restoredPoints(storage, notify);
      if (pts !== '') {
        queueMicrotask(() => {
          const now = store.getState().config;
          if (now.dataset === 'custom' && now.pts === '') store.getState().setConfig('pts', pts);
        });
      }
      return;
    }
    if (next.pts === before.pts) return;
    const stored = storePoints(storage, next.pts);
    if (!stored && !failing) notify('pointsNotSaved');
    failing = !stored;
  });
}
