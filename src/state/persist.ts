/**
 * What survives a reload: the last experiment, the page's language and lesson,
 * and the pinned runs, in this browser's local storage under
 * {@link SESSION_STORAGE_KEY} as one versioned JSON envelope.
 *
 * Configs are stored as the URL hash text (`formatHash`) and read back with
 * `parseHash`, so a stored config is validated and clamped exactly like a
 * link; a stored hash the codec does not take as written was not written by
 * us, and is discarded. Reading never throws: whatever is unreadable (invalid
 * JSON, wrong shapes, a bad pin, too many pins) is dropped and the store's
 * storage notice says so. Writing never throws either: a refused write (quota,
 * storage disabled) says so once.
 *
 * Precedence at start-up ({@link startState}): a non-empty location hash wins
 * (an instructor's link means exactly what it says); an empty one restores the
 * stored experiment and page. Pins are restored either way: they are the
 * student's own comparisons.
 */
import type { ExperimentConfig } from '../protocol/config';
import type { MetricPoint } from '../protocol/messages';
import { defaultPage, type PageConfig } from './page';
import { PINS_MAX, PIN_COLOURS, PIN_EXPERIMENTS, freeColour, type PinExperiment, type PinnedRun } from './pins';
import { SERIES_CAP } from './series';
import type { AppStore } from './store';
import { PAGE_SCHEMA, formatHash, parseHash, type RejectedKey } from './urlCodec';

/** The local-storage key of the session envelope. */
export const SESSION_STORAGE_KEY = 'prune-playground:session';
/** The envelope version this code writes. */
export const SESSION_VERSION = 2;
/** Chart points stored per pin at most (a pin's line is drawn from ≤ 200 anyway): keeps the entry near 100 kB with four pins. */
export const STORED_PIN_POINTS = 400;
/** Debounce of session writes, ms: a dragged slider is stored once it settles. */
export const SAVE_DELAY_MS = 500;
/** Longest stored hash read back (a config with 2,000 own points is ~40 kB). */
const MAX_HASH_CHARS = 200_000;
/**
 * Page keys that are restored: the student's language and open lesson.
 * `hide`, `lock` and `present` belong to an instructor's link (or projector)
 * and come only from one.
 */
const STORED_PAGE_KEYS = ['lang', 'lesson'] as const;

/**
 * Why the page shows its storage notice. The store holds the kind; the UI
 * shows `header.storage.<kind>` in the page's language.
 * - `discarded`: stored settings or pins could not be read and were dropped;
 * - `newer`: the stored envelope has a version above {@link SESSION_VERSION} (not used, not misread);
 * - `full`: a write was refused for lack of space (QuotaExceededError);
 * - `unavailable`: a write failed otherwise (storage disabled or blocked);
 * - `pointsDiscarded`: the student's stored own points were unreadable and were dropped;
 * - `pointsNotSaved`: the student's own points could not be stored.
 */
export type StorageNotice = 'discarded' | 'newer' | 'full' | 'unavailable' | 'pointsDiscarded' | 'pointsNotSaved';

/** The part of `Storage` used here (injectable for tests). */
export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** One pinned run as stored: its config as hash text; ids are not stored (fresh ones are given on load). */
export interface StoredPin {
  config: string;
  points: MetricPoint[];
  step: number;
  colour: string;
  /** The experiment that took it (absent for a pin by hand): optional, so envelopes written before it read the same. */
  experiment?: PinExperiment;
}

/** Version 2, the current envelope. */
export interface SessionV2 {
  v: 2;
  /** The experiment as hash text (no page keys). */
  config: string;
  /** The restored page keys (`lang`, `lesson`) as hash text; absent when both are at their defaults. */
  page?: string;
  pins: StoredPin[];
  /** When it was written (ms since the epoch); informative only. */
  savedAt: number;
}

/** Version 1: the experiment only, as hash text. Written by no released build; kept so the migration path is real and tested. */
export interface SessionV1 {
  v: 1;
  config: string;
}

/**
 * One migration per old version: the envelope of version `v` → version `v + 1`.
 * Each receives an object whose `v` is its version and may return anything;
 * the result is migrated further until {@link SESSION_VERSION}, then validated.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  1: (old) => ({ v: 2, config: old.config, pins: [], savedAt: 0 }),
};

/** What a stored session gives back: each part only when readable. */
export interface LoadedSession {
  /** The stored experiment, or null (nothing stored, or unreadable). */
  config: ExperimentConfig | null;
  /** The stored page keys over the defaults, or null. */
  page: PageConfig | null;
  /** The readable pins, at most PINS_MAX, with ids 1…n and distinct pin colours. */
  pins: PinnedRun[];
  /** What to tell the student, or null when all went well (or nothing was stored). */
  notice: StorageNotice | null;
}

const EMPTY: LoadedSession = { config: null, page: null, pins: [], notice: null };

/**
 * Brings a parsed envelope to the current version through {@link MIGRATIONS}.
 * Returns `'newer'` for a version above ours, null for anything that is not an
 * object with a known whole-number version.
 */
export function migrate(entry: unknown): SessionV2 | Record<string, unknown> | 'newer' | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  let current = entry as Record<string, unknown>;
  for (;;) {
    const v = current.v;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return null;
    if (v > SESSION_VERSION) return 'newer';
    if (v === SESSION_VERSION) return current;
    const step = MIGRATIONS[v];
    if (step === undefined) return null;
    const next = step(current);
    if (typeof next !== 'object' || next === null || next.v !== v + 1) return null;
    current = next;
  }
}

/** The experiment a stored hash names, or null when the codec would not take it as written (a rejected key, a page key, too long). */
export function configFromHash(hash: unknown): ExperimentConfig | null {
  if (typeof hash !== 'string' || hash.length > MAX_HASH_CHARS || !hash.startsWith('#')) return null;
  const { config, page, rejected } = parseHash(hash);
  if (rejected.length > 0) return null;
  return formatHash(config, page) === formatHash(config) ? config : null;
}

/** The page a stored page text names (restored keys only, over the defaults), or null when it is anything else. */
function pageFromHash(text: unknown): PageConfig | null {
  if (typeof text !== 'string' || text.length > 1000) return null;
  const { page, rejected } = parseHash(text);
  if (rejected.length > 0 || text.replace(/^#/, '').split('&').some((part) => part !== '' && !STORED_PAGE_KEYS.some((k) => part.startsWith(`${k}=`)))) return null;
  return { ...defaultPage(), lang: page.lang, lesson: page.lesson };
}

/** The restored page keys of `page` as hash text ('' when all hold their defaults). */
export function formatStoredPage(page: PageConfig): string {
  const parts: string[] = [];
  for (const key of STORED_PAGE_KEYS) {
    const row = PAGE_SCHEMA[key] as { encode(v: unknown): string; default: unknown };
    const text = row.encode(page[key]);
    if (text !== row.encode(row.default)) parts.push(`${key}=${encodeURIComponent(text)}`);
  }
  return parts.length === 0 ? '' : `#${parts.join('&')}`;
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isFraction = (x: unknown): x is number => isFiniteNumber(x) && x >= 0 && x <= 1;

/** A clean copy of one stored chart point (known fields only), or null when a field is missing, not finite or out of range. */
function readPoint(raw: unknown): MetricPoint | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const p = raw as Record<string, unknown>;
  if (!isFiniteNumber(p.step) || !Number.isInteger(p.step) || p.step < 0 || !isFiniteNumber(p.trainLoss)) return null;
  const out: MetricPoint = { step: p.step, trainLoss: p.trainLoss };
  if (p.testLoss !== undefined) {
    if (!isFiniteNumber(p.testLoss)) return null;
    out.testLoss = p.testLoss;
  }
  if (p.testAccuracy !== undefined) {
    if (!isFraction(p.testAccuracy)) return null;
    out.testAccuracy = p.testAccuracy;
  }
  if (p.sparsity !== undefined) {
    if (!isFraction(p.sparsity)) return null;
    out.sparsity = p.sparsity;
  }
  if (p.layerSparsity !== undefined) {
    if (!Array.isArray(p.layerSparsity) || p.layerSparsity.length > 64 || !p.layerSparsity.every(isFraction)) return null;
    out.layerSparsity = p.layerSparsity.slice();
  }
  if (p.penalty !== undefined) {
    if (!isFiniteNumber(p.penalty)) return null;
    out.penalty = p.penalty;
  }
  return out;
}

/** A stored pin as a pinned run with id `id`, or null when any part of it is unreadable (its points must be 1…SERIES_CAP, steps non-decreasing, `step` the last one; `experiment`, if any, one of PIN_EXPERIMENTS). */
function readPin(raw: unknown, id: number): PinnedRun | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const pin = raw as Record<string, unknown>;
  const config = configFromHash(pin.config);
  if (config === null || !Array.isArray(pin.points) || pin.points.length === 0 || pin.points.length > SERIES_CAP) return null;
  const points: MetricPoint[] = [];
  for (const rawPoint of pin.points as unknown[]) {
    const p = readPoint(rawPoint);
    if (p === null || (points.length > 0 && p.step < points[points.length - 1].step)) return null;
    points.push(p);
  }
  if (pin.step !== points[points.length - 1].step) return null;
  if (pin.experiment !== undefined && !(PIN_EXPERIMENTS as readonly unknown[]).includes(pin.experiment)) return null;
  const colour = typeof pin.colour === 'string' ? pin.colour : '';
  return { id, config, points, step: points[points.length - 1].step, colour, ...(pin.experiment === undefined ? {} : { experiment: pin.experiment as PinExperiment }) };
}

/**
 * Reads a stored session (the raw text under {@link SESSION_STORAGE_KEY}, or
 * null when there is none). Never throws. An unreadable envelope is dropped
 * whole; an unreadable config or pin alone, and pins beyond PINS_MAX, are
 * dropped one by one; each case sets `notice: 'discarded'`. A newer version
 * is left unused with `notice: 'newer'`. Pins get ids 1…n; a pin whose colour
 * is not a free {@link PIN_COLOURS} entry gets the first free one.
 */
export function loadSession(text: string | null): LoadedSession {
  if (text === null) return EMPTY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...EMPTY, notice: 'discarded' };
  }
  const entry = migrate(parsed);
  if (entry === 'newer') return { ...EMPTY, notice: 'newer' };
  if (entry === null) return { ...EMPTY, notice: 'discarded' };
  let bad = false;
  const config = configFromHash(entry.config);
  if (config === null) bad = true;
  let page: PageConfig | null = null;
  if (entry.page !== undefined) {
    page = pageFromHash(entry.page);
    if (page === null) bad = true;
  }
  const pins: PinnedRun[] = [];
  if (Array.isArray(entry.pins)) {
    if (entry.pins.length > PINS_MAX) bad = true;
    for (const raw of (entry.pins as unknown[]).slice(0, PINS_MAX)) {
      const pin = readPin(raw, pins.length + 1);
      if (pin === null) {
        bad = true;
        continue;
      }
      const taken = pins.some((p) => p.colour === pin.colour);
      pins.push(taken || !(PIN_COLOURS as readonly string[]).includes(pin.colour) ? { ...pin, colour: freeColour(pins) } : pin);
    }
  } else {
    bad = true;
  }
  return { config, page, pins, notice: bad ? 'discarded' : null };
}

/** Rounds to 6 significant digits: a chart needs no more, and the stored entry is a third of the size. */
function short(x: number): number {
  return Number(x.toPrecision(6));
}

/**
 * At most `max` points for storage: consecutive points merged in buckets of
 * ⌈n / max⌉ (train loss and penalty averaged; test loss, accuracy and
 * sparsity the bucket's latest; at the bucket's last step, so the last step
 * stays the run's), numbers rounded to 6 significant digits.
 */
export function thinForStorage(points: readonly MetricPoint[], max = STORED_PIN_POINTS): MetricPoint[] {
  const size = Math.max(1, Math.ceil(points.length / max));
  const out: MetricPoint[] = [];
  for (let start = 0; start < points.length; start += size) {
    const bucket = points.slice(start, start + size);
    const last = bucket[bucket.length - 1];
    const p: MetricPoint = { step: last.step, trainLoss: short(bucket.reduce((s, q) => s + q.trainLoss, 0) / bucket.length) };
    if (bucket.some((q) => q.penalty !== undefined)) p.penalty = short(bucket.reduce((s, q) => s + (q.penalty ?? 0), 0) / bucket.length);
    const latest = <K extends 'testLoss' | 'testAccuracy' | 'sparsity' | 'layerSparsity'>(key: K): MetricPoint[K] => {
      for (let i = bucket.length - 1; i >= 0; i--) if (bucket[i][key] !== undefined) return bucket[i][key];
      return undefined;
    };
    const testLoss = latest('testLoss');
    const testAccuracy = latest('testAccuracy');
    const sparsity = latest('sparsity');
    const layerSparsity = latest('layerSparsity');
    if (testLoss !== undefined) p.testLoss = short(testLoss);
    if (testAccuracy !== undefined) p.testAccuracy = short(testAccuracy);
    if (sparsity !== undefined) p.sparsity = short(sparsity);
    if (layerSparsity !== undefined) p.layerSparsity = layerSparsity.map(short);
    out.push(p);
  }
  return out;
}

/** The envelope for `config`, `page` and `pins` (current version). */
export function sessionEnvelope(config: ExperimentConfig, page: PageConfig, pins: readonly PinnedRun[], savedAt: number): SessionV2 {
  const pageText = formatStoredPage(page);
  return {
    v: SESSION_VERSION,
    config: formatHash(config),
    ...(pageText === '' ? {} : { page: pageText }),
    pins: pins.map((p) => ({ config: formatHash(p.config), points: thinForStorage(p.points), step: p.step, colour: p.colour, ...(p.experiment === undefined ? {} : { experiment: p.experiment }) })),
    savedAt,
  };
}

/** What the page starts from (see the module comment for the precedence). */
export interface StartState {
  config: ExperimentConfig;
  page: PageConfig;
  /** The link's rejected keys (none when the stored config was used). */
  rejected: RejectedKey[];
  pins: PinnedRun[];
  notice: StorageNotice | null;
}

/** Whether a location hash names nothing: '' or a bare '#'. */
export function isEmptyHash(hash: string): boolean {
  return hash.replace(/^#/, '').trim() === '';
}

/**
 * The start-up state: the location hash when it is non-empty, else the stored
 * experiment and page (defaults when none were readable); the stored pins in
 * both cases.
 */
export function startState(hash: string, stored: LoadedSession): StartState {
  const link = parseHash(hash);
  const useStored = isEmptyHash(hash) && stored.config !== null;
  return {
    config: useStored && stored.config !== null ? stored.config : link.config,
    page: isEmptyHash(hash) && stored.page !== null ? stored.page : link.page,
    rejected: useStored ? [] : link.rejected,
    pins: stored.pins,
    notice: stored.notice,
  };
}

/** The stored session text, or null when there is none or storage cannot be read (disabled, blocked). */
export function readSession(storage: SessionStorage | null): string | null {
  try {
    return storage?.getItem(SESSION_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Writes `text` under {@link SESSION_STORAGE_KEY}; null on success, else why it failed. */
export function writeSession(storage: SessionStorage | null, text: string): 'full' | 'unavailable' | null {
  if (storage === null) return 'unavailable';
  try {
    storage.setItem(SESSION_STORAGE_KEY, text);
    return null;
  } catch (err) {
    return isQuotaError(err) ? 'full' : 'unavailable';
  }
}

/** Whether `err` is the browser's out-of-space error (named QuotaExceededError; Firefox once said NS_ERROR_DOM_QUOTA_REACHED). */
export function isQuotaError(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** The bits of `window` persistence needs; injectable for tests. */
export interface PersistHost {
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
}

/**
 * Keeps the stored session in step with the store: writes the config, the
 * restored page keys and the pins {@link SAVE_DELAY_MS} after they last
 * changed, at once on `pagehide` when a write is pending, and once at start
 * (so a discarded entry is replaced by a clean one) unless `keepStored`
 * (a newer version's entry is left as it is until the student changes
 * something). The first failed write shows the storage notice; later ones
 * stay quiet. Returns the function that stops it.
 */
export function attachPersistence(store: AppStore, storage: SessionStorage | null, host: PersistHost | null = typeof window === 'undefined' ? null : window, keepStored = false): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let warned = false;
  const save = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const { config, page, pinned } = store.getState();
    const failed = writeSession(storage, JSON.stringify(sessionEnvelope(config, page, pinned, Date.now())));
    if (failed !== null && !warned) {
      warned = true;
      store.getState().showStorageNotice(failed);
    }
  };
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.config === prev.config && state.page === prev.page && state.pinned === prev.pinned) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  const onPageHide = (): void => {
    if (timer !== undefined) save();
  };
  host?.addEventListener('pagehide', onPageHide);
  if (!keepStored) save();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    host?.removeEventListener('pagehide', onPageHide);
  };
}
