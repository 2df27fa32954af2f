import { formatAug, parseAug } from '../engine/data/augSpec';
import { OWN_MAX_POINTS, OWN_URL_MAX_POINTS, countPoints, formatPoints, isCanonicalPoints, parsePoints } from '../engine/data/ownPoints';
import { CONV_FILTERS_MAX, CONV_KERNEL_MAX, CONV_STRIDE_MAX, DEFAULT_CONV, MAX_CONV_LAYERS, POOL_SIZES, formatConv, isCanonicalConv, parseConv } from '../engine/model/convSpec';
import { isCanonicalAug } from './augmentation';
import { IMPORTANCES, LOTTERY_MODES, PRUNE_MODES, PRUNE_SCOPES, SCHEDULE_KINDS } from '../engine/prune/types';
import { ACTIVATIONS, BACKEND_CHOICES, DATASET_NAMES, OPTIMIZERS } from '../engine/types';
import { ARCHES, type ExperimentConfig } from '../protocol/config';
import { LESSON_IDS, lessonById } from './lessons';
import { configSpec } from './network';
import { modelPreset, presetValues } from './presets';
import { parameterCount } from '../engine/model/spec';
import { LANGS, PANELS, defaultPage, type ConfigKey, type PageConfig } from './page';

/**
 * The URL codec: the whole experiment lives in the location hash as short,
 * readable `key=value` pairs (`#dataset=spiral&layers=8,8&lr=0.03…`).
 *
 * One row per {@link ExperimentConfig} key (the TensorFlow Playground `PROPS`
 * idea, typed): the mapped type {@link Schema} makes a forgotten key a compile
 * error. Parsing validates every key against its row and never throws: a value
 * that is a finite number outside its bounds is clamped, anything else falls
 * back to the row's default, and each such key is reported in `rejected`.
 */

/** Why one URL key was not taken as written. `key` is the (decoded, truncated) key as it appeared. */
export interface RejectedKey {
  key: string;
  reason: string;
}

/** What {@link parseHash} returns: always a complete, in-bounds config and page settings. */
export interface ParsedHash {
  config: ExperimentConfig;
  /** The page keys (`lang`, `hide`, `lock`, `lesson`, `present`, `panel`). */
  page: PageConfig;
  rejected: RejectedKey[];
  /**
   * Whether the config is the preset of the lesson the link names, because
   * the link holds no experiment key of its own (`#lesson=magnitude`): the
   * page opens it as the lesson's Start does (paused, fresh weights).
   */
  fromLesson: boolean;
}

/** The outcome of decoding one value: ok, clamped into bounds, or rejected (use the default). */
type Decoded<T> = { ok: true; value: T } | { ok: false; clamped: T; reason: string } | { ok: false; clamped?: undefined; reason: string };

/** One schema row: the value's type, default, bounds and codec. */
export interface Row<T> {
  kind: 'enum' | 'int' | 'float' | 'intList' | 'augList' | 'convList' | 'keyList' | 'pointList';
  default: T;
  /** Human-readable bounds, for the README and notices. */
  bounds: string;
  decode(raw: string): Decoded<T>;
  encode(value: T): string;
  /** Whether `value` is a value this row could have produced (used by tests and the store). */
  isValid(value: T): boolean;
}

/**
 * A number row: its bounds and the step of its control, read by the sliders
 * and number boxes (ui/controls/ConfigFields.tsx), so a control and a link
 * can never disagree about what is allowed.
 */
export interface NumberRow extends Row<number> {
  kind: 'int' | 'float';
  min: number;
  max: number;
  /** The control's step: 1 for whole numbers; for fractions the slider's granularity (a link may hold finer values). */
  step: number;
}

/** A row for every key of the config, typed per key: omitting a key does not compile. */
export type Schema = { [K in keyof ExperimentConfig]: Row<ExperimentConfig[K]> };

/** Largest seed: 2^31 − 1. */
export const MAX_SEED = 2 ** 31 - 1;
/** Most hidden layers a URL may ask for. */
export const MAX_LAYERS = 8;
/** Widest hidden layer a URL may ask for. */
export const MAX_UNITS = 1024;
/** Largest step a URL may name (schedule begin/end). */
export const MAX_STEP = 1_000_000;
/**
 * Most trainable parameters of the network a config describes (MLP or CNN, on
 * its dataset's input size). LeNet-300-100 (266,610), `1024,1024` on MNIST
 * (1,863,690) and the classic small CNN with dense `1024,1024` (2,718,090) fit;
 * 8 × 1024 on MNIST (8,161,290) or a CNN without pooling feeding a wide dense
 * layer (hundreds of millions) do not. At 3 M parameters the worker holds about
 * 12 MB per copy of the weights (weights, Adam's two moments, gradients, masks,
 * the lottery's initial weights, and the page's snapshot for the heatmaps:
 * ~100 MB in all) and a step costs ~11× LeNet-300-100's, still a few steps/s
 * on a laptop's CPU; beyond that a link could stall or exhaust a student's tab.
 */
export const MAX_PARAMS = 3_000_000;

/** A plain decimal number: optional sign, digits with optional fraction, optional exponent. No hex, no Infinity/NaN. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function enumRow<T extends string>(values: readonly T[], fallback: T): Row<T> {
  return {
    kind: 'enum',
    default: fallback,
    bounds: values.join('|'),
    decode(raw) {
      const v = raw.trim().toLowerCase();
      const hit = values.find((x) => x === v);
      return hit !== undefined ? { ok: true, value: hit } : { ok: false, reason: `not one of ${values.join(', ')}` };
    },
    encode: (v) => v,
    isValid: (v) => values.includes(v),
  };
}

function numberRow(kind: 'int' | 'float', min: number, max: number, fallback: number, step = kind === 'int' ? 1 : 0.01): NumberRow {
  return {
    kind,
    min,
    max,
    step,
    default: fallback,
    bounds: `${min}–${max}`,
    decode(raw) {
      const text = raw.trim();
      if (text === '') return { ok: false, reason: 'empty value' };
      if (!DECIMAL.test(text)) return { ok: false, reason: 'not a number' };
      const n = Number(text) + 0; // + 0 turns -0 into 0
      if (!Number.isFinite(n)) return { ok: false, reason: 'not a finite number' };
      if (kind === 'int' && !Number.isInteger(n)) return { ok: false, reason: 'not a whole number' };
      if (n < min) return { ok: false, clamped: min, reason: `below the minimum ${min}` };
      if (n > max) return { ok: false, clamped: max, reason: `above the maximum ${max}` };
      return { ok: true, value: n };
    },
    encode: (v) => String(v),
    isValid: (v) => Number.isFinite(v) && v >= min && v <= max && (kind === 'float' || Number.isInteger(v)),
  };
}

/**
 * Parses hidden widths: `300,100` → [300, 100]; the empty string → [] (no
 * hidden layer). Each entry must be a whole number 1–{@link MAX_UNITS}, at most
 * {@link MAX_LAYERS} entries; otherwise the whole list is rejected. Exported for
 * the layers text field, which validates as the user types.
 */
export function parseLayers(raw: string): { ok: true; value: number[] } | { ok: false; reason: string } {
  const text = raw.trim();
  if (text === '') return { ok: true, value: [] };
  const parts = text.split(',');
  if (parts.length > MAX_LAYERS) return { ok: false, reason: `more than ${MAX_LAYERS} hidden layers` };
  const value: number[] = [];
  for (const part of parts) {
    const p = part.trim();
    if (!/^\d+$/.test(p)) return { ok: false, reason: 'each layer must be a whole number of units' };
    const n = Number(p);
    if (n < 1 || n > MAX_UNITS) return { ok: false, reason: `each layer must have 1–${MAX_UNITS} units` };
    value.push(n);
  }
  return { ok: true, value };
}

const layersRow: Row<number[]> = {
  kind: 'intList',
  default: [8, 8],
  bounds: `up to ${MAX_LAYERS} widths of 1–${MAX_UNITS}`,
  decode: (raw) => parseLayers(raw),
  encode: (v) => v.join(','),
  isValid: (v) => Array.isArray(v) && v.length <= MAX_LAYERS && v.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_UNITS),
};

/**
 * Data augmentation as its canonical text (`flip,rotate:15,noise:0.1`, '' =
 * none; see engine/data/augSpec.ts). Items may come in any order and are
 * written back canonically; an out-of-range strength is clamped (all of them
 * at once), an unknown, repeated or malformed item rejects the whole text.
 */
const augRow: Row<string> = {
  kind: 'augList',
  default: '',
  bounds: 'flip, rotate:0–180, zoom:0–0.5, shift:0–0.5, crop:0.5–1, noise:0–1, bright:0–1, contrast:0–1',
  decode(raw) {
    const parsed = parseAug(raw);
    if (parsed.ok) return { ok: true, value: formatAug(parsed.value) };
    if (parsed.clamped !== undefined) return { ok: false, clamped: formatAug(parsed.clamped), reason: parsed.reason };
    return { ok: false, reason: parsed.reason };
  },
  encode: (v) => v,
  isValid: isCanonicalAug,
};

/** The CNN's conv stack as canonical text (`32:3,64:3`; see engine/model/convSpec.ts). A malformed stack falls back to the default. */
const convRow: Row<string> = {
  kind: 'convList',
  default: DEFAULT_CONV,
  bounds: `1–${MAX_CONV_LAYERS} of filters:kernel[:stride], filters 1–${CONV_FILTERS_MAX}, kernel 1–${CONV_KERNEL_MAX}, stride 1–${CONV_STRIDE_MAX}, fitting 28×28 with 2×2 pooling`,
  decode(raw) {
    const parsed = parseConv(raw);
    return parsed.ok ? { ok: true, value: formatConv(parsed.value) } : { ok: false, reason: parsed.reason };
  },
  encode: (v) => v,
  isValid: isCanonicalConv,
};

/** The pooling window: one of {@link POOL_SIZES}. */
const poolRow: Row<number> = {
  kind: 'int',
  default: 2,
  bounds: POOL_SIZES.join('|'),
  decode(raw) {
    const n = Number(raw.trim());
    return /^\d+$/.test(raw.trim()) && POOL_SIZES.includes(n) ? { ok: true, value: n } : { ok: false, reason: `not one of ${POOL_SIZES.join(', ')}` };
  },
  encode: (v) => String(v),
  isValid: (v) => POOL_SIZES.includes(v),
};

/**
 * The student's own points (dataset=custom) as canonical text
 * (`x,y,class;…`; see engine/data/ownPoints.ts). Coordinates are rounded to 2
 * decimals; ones outside [−1, 1] are clamped (all at once); a malformed point,
 * a class other than 0/1 or more than OWN_MAX_POINTS points reject the whole text.
 */
const ptsRow: Row<string> = {
  kind: 'pointList',
  default: '',
  bounds: `up to ${OWN_MAX_POINTS} points x,y,class joined by ; (x, y in −1–1, 2 decimals; class 0 or 1); in links up to ${OWN_URL_MAX_POINTS}`,
  decode(raw) {
    const parsed = parsePoints(raw);
    if (parsed.ok) return { ok: true, value: formatPoints(parsed.value) };
    if (parsed.clamped !== undefined) return { ok: false, clamped: formatPoints(parsed.clamped), reason: parsed.reason };
    return { ok: false, reason: parsed.reason };
  },
  encode: (v) => v,
  isValid: isCanonicalPoints,
};

/** The keys of the config whose rows are number rows. */
export type NumberKey = { [K in keyof ExperimentConfig]: ExperimentConfig[K] extends number ? K : never }[keyof ExperimentConfig];

/** The schema table, in URL order. */
export const SCHEMA: Schema = {
  dataset: enumRow(DATASET_NAMES, 'circle'),
  noise: numberRow('int', 0, 50, 0),
  split: numberRow('int', 10, 90, 50),
  trainSize: numberRow('int', 100, 8000, 8000),
  aug: augRow,
  arch: enumRow(ARCHES, 'mlp'),
  conv: convRow,
  pool: poolRow,
  layers: layersRow,
  act: enumRow(ACTIVATIONS, 'tanh'),
  opt: enumRow(OPTIMIZERS, 'adam'),
  lr: numberRow('float', 1e-5, 10, 0.03),
  batch: numberRow('int', 1, 1024, 10),
  seed: numberRow('int', 0, MAX_SEED, 1),
  backend: enumRow(BACKEND_CHOICES, 'auto'),
  speed: numberRow('int', 0, 1000, 0),
  pmode: enumRow(PRUNE_MODES, 'threshold'),
  threshold: numberRow('float', 0, 10, 0),
  sparsity: numberRow('float', 0, 0.999, 0, 0.001),
  q: numberRow('float', 0, 5, 0, 0.05),
  scope: enumRow(PRUNE_SCOPES, 'layer'),
  keep: numberRow('float', 0.01, 1, 1),
  importance: enumRow(IMPORTANCES, 'l1'),
  sched: enumRow(SCHEDULE_KINDS, 'off'),
  s_init: numberRow('float', 0, 0.99, 0),
  s_final: numberRow('float', 0, 0.99, 0.9),
  s_begin: numberRow('int', 0, MAX_STEP, 0),
  s_end: numberRow('int', 0, MAX_STEP, 1000),
  s_freq: numberRow('int', 1, 10000, 100),
  lottery: enumRow(LOTTERY_MODES, 'off'),
  lt_rate: numberRow('float', 0.01, 0.9, 0.2),
  lt_out: numberRow('float', 0, 0.9, 0.1),
  lt_steps: numberRow('int', 10, 100000, 500),
  lt_rounds: numberRow('int', 1, 30, 5),
  l1: numberRow('float', 0, 1, 0),
  l2: numberRow('float', 0, 1, 0),
  prox: numberRow('int', 0, 1, 0),
  dropout: numberRow('float', 0, 0.9, 0, 0.05),
  cv_k: numberRow('int', 2, 10, 5),
  cv_steps: numberRow('int', 10, 100000, 200),
  cv_min: numberRow('float', 1e-7, 10, 1e-5),
  cv_max: numberRow('float', 1e-7, 10, 1),
  cv_points: numberRow('int', 2, 20, 9),
  rp_steps: numberRow('int', 10, 100000, 500),
  rp_tune: numberRow('int', 0, 100000, 100),
  pts: ptsRow,
};

/**
 * The number row of `key`, with its bounds and step, for the control that sets
 * it. Every number key has one except `pool`, a choice of window sizes (it
 * throws for that; tests/state/urlCodec.test.ts checks every other key).
 */
export function boundsOf(key: NumberKey): NumberRow {
  const row = SCHEMA[key] as Row<number> & Partial<NumberRow>;
  if (row.min === undefined || row.max === undefined || row.step === undefined) throw new Error(`${key} has no number row`);
  return row as NumberRow;
}

/**
 * Keys written to the hash only when their feature is on: a link stays short
 * and readable, and parsing gives absent keys their defaults anyway.
 */
const WRITTEN_WHEN: Partial<Record<keyof ExperimentConfig, (c: ExperimentConfig) => boolean>> = {
  // Image settings: only mnist reads them.
  trainSize: (c) => c.dataset === 'mnist',
  aug: (c) => c.dataset === 'mnist',
  arch: (c) => c.dataset === 'mnist',
  conv: (c) => c.dataset === 'mnist' && c.arch === 'cnn',
  pool: (c) => c.dataset === 'mnist' && c.arch === 'cnn',
  s_init: (c) => c.sched !== 'off',
  s_final: (c) => c.sched !== 'off',
  s_begin: (c) => c.sched !== 'off',
  s_end: (c) => c.sched !== 'off',
  s_freq: (c) => c.sched !== 'off',
  lt_rate: (c) => c.lottery !== 'off',
  lt_out: (c) => c.lottery !== 'off',
  lt_steps: (c) => c.lottery !== 'off',
  lt_rounds: (c) => c.lottery !== 'off',
  // Settings of actions (the λ sweep, regularise-then-prune): written once changed from their defaults.
  cv_k: (c) => c.cv_k !== SCHEMA.cv_k.default,
  cv_steps: (c) => c.cv_steps !== SCHEMA.cv_steps.default,
  cv_min: (c) => c.cv_min !== SCHEMA.cv_min.default,
  cv_max: (c) => c.cv_max !== SCHEMA.cv_max.default,
  cv_points: (c) => c.cv_points !== SCHEMA.cv_points.default,
  rp_steps: (c) => c.rp_steps !== SCHEMA.rp_steps.default,
  rp_tune: (c) => c.rp_tune !== SCHEMA.rp_tune.default,
  // Full speed (0) is the default and stays out of links.
  speed: (c) => c.speed !== 0,
  // Own points: only for dataset=custom, and only a small set (a larger one stays in local storage, state/ownData.ts).
  pts: (c) => c.dataset === 'custom' && c.pts !== '' && countPoints(c.pts) <= OWN_URL_MAX_POINTS,
};

/**
 * Control names (URL keys of the experiment) as a comma-separated list, for
 * `hide` and `lock`: `lr,batch`. Unknown names are dropped (and reported);
 * repeats are kept once; the order is the schema table's.
 */
const keyListRow: Row<ConfigKey[]> = {
  kind: 'keyList',
  default: [],
  bounds: 'comma-separated URL keys of the experiment, e.g. lr,batch',
  decode(raw) {
    const names = raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
    const known = CONFIG_KEYS.filter((key) => names.includes(key));
    const unknown = names.filter((x) => !isConfigKey(x));
    if (unknown.length === 0) return { ok: true, value: known };
    const shownNames = unknown.slice(0, 3).map(shown).join(', ') + (unknown.length > 3 ? ', …' : '');
    return { ok: false, clamped: known, reason: `unknown control ${unknown.length === 1 ? 'name' : 'names'} ${shownNames}` };
  },
  encode: (v) => v.join(','),
  isValid: (v) => Array.isArray(v) && v.every((k) => isConfigKey(k)) && new Set(v).size === v.length,
};

/** The open lesson: one of {@link LESSON_IDS}, or '' for none. */
const lessonRow: Row<PageConfig['lesson']> = {
  kind: 'enum',
  default: '',
  bounds: LESSON_IDS.join('|'),
  decode(raw) {
    const v = raw.trim().toLowerCase();
    const hit = LESSON_IDS.find((x) => x === v);
    return hit !== undefined ? { ok: true, value: hit } : { ok: false, reason: `not one of ${LESSON_IDS.join(', ')}` };
  },
  encode: (v) => v,
  isValid: (v) => v === '' || (LESSON_IDS as readonly string[]).includes(v),
};

/** The page keys' rows: how the page is shown (see state/page.ts), after the experiment's in a link. */
export const PAGE_SCHEMA: { [K in keyof PageConfig]: Row<PageConfig[K]> } = {
  lang: enumRow(LANGS, 'en'),
  lesson: lessonRow,
  present: numberRow('int', 0, 1, 0),
  hide: keyListRow,
  lock: keyListRow,
  panel: enumRow(PANELS, 'data'),
};

/** The page keys in link order. */
export const PAGE_KEYS = Object.keys(PAGE_SCHEMA) as (keyof PageConfig)[];

/** Whether every page key is within its row's bounds. */
export function isValidPage(page: PageConfig): boolean {
  return PAGE_KEYS.every((key) => (PAGE_SCHEMA[key] as Row<unknown>).isValid(page[key]));
}

/** The URL keys in table order. */
export const CONFIG_KEYS = Object.keys(SCHEMA) as (keyof ExperimentConfig)[];

/** A fresh config holding every row's default. */
export function defaultConfig(): ExperimentConfig {
  const out = {} as Record<string, unknown>;
  for (const key of CONFIG_KEYS) {
    const d = SCHEMA[key].default;
    out[key] = Array.isArray(d) ? [...d] : d;
  }
  return out as unknown as ExperimentConfig;
}

/** Whether every key of `config` is within its row's bounds. */
export function isValidConfig(config: ExperimentConfig): boolean {
  return CONFIG_KEYS.every((key) => (SCHEMA[key] as Row<unknown>).isValid(config[key])) && networkParams(config) <= MAX_PARAMS;
}

/**
 * Trainable parameters of the network `c` describes (the MLP, or on an image
 * dataset with arch=cnn the CNN, on the dataset's input size); Infinity when
 * the keys do not describe a network that can be built. Never throws.
 */
export function networkParams(c: Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv' | 'pool' | 'layers' | 'act'>): number {
  try {
    return parameterCount(configSpec(c));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** 3000000 → '3,000,000' (the same in every locale: the notice's pattern reads it back). */
export function groupDigits(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '∞';
}

/**
 * Why the network of `c` may not be built, or null when it may: it has more
 * than {@link MAX_PARAMS} parameters. The layers text field shows this while
 * the student types; the URL codec adds what it used instead.
 */
export function paramLimitReason(c: Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv' | 'pool' | 'layers' | 'act'>): string | null {
  const n = networkParams(c);
  return n <= MAX_PARAMS ? null : `the network would have ${groupDigits(n)} parameters, over the limit of ${groupDigits(MAX_PARAMS)}`;
}

/**
 * The keys that shape the network, in the order a link's over-limit network
 * falls back to its defaults: the dense widths first (the usual culprit), then
 * the conv stack, the pooling, the architecture and the dataset.
 */
const NETWORK_FALLBACK_ORDER = ['layers', 'conv', 'pool', 'arch', 'dataset'] as const;

function isConfigKey(key: string): key is keyof ExperimentConfig {
  return Object.prototype.hasOwnProperty.call(SCHEMA, key);
}

function isPageKey(key: string): key is keyof PageConfig {
  return Object.prototype.hasOwnProperty.call(PAGE_SCHEMA, key);
}

/** Characters that render as nothing or reorder the text around them: C0/C1 controls, zero-width and bidirectional marks, separators, BOM. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Text from a link made safe to show as plain text: invisible and direction-changing characters become U+FFFD. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, '\ufffd');
}

/** Most rejected keys the notice lists (ui/notices/UrlNotice.tsx); it counts the rest. */
export const NOTICE_MAX_KEYS = 20;

/** Longest key the notice names; longer ones are cut with '…'. */
export const MAX_SHOWN_KEY = 40;

/** Shortens a hostile key (e.g. 10 kB long) for the notice, and makes its invisible characters visible. */
function shown(key: string): string {
  return visible(key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY)}…` : key);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A value as a notice names it: its URL text, or "(none)" for the empty text. */
function formatValue(row: Row<unknown>, value: unknown): string {
  return row.encode(value) || '(none)';
}

function formatDefault(row: Row<unknown>): string {
  return formatValue(row, row.default);
}

/**
 * The values a link's absent keys take: every row's default, overlaid with
 * the model preset of the link's dataset and architecture (presets.ts), so
 * `#dataset=mnist` is LeNet-300-100 (layers 300,100, relu, Adam 0.001, batch
 * 128) and `#dataset=mnist&arch=cnn` the small CNN, as choosing them in the
 * page gives. `dataset` and `arch` are the link's (or their defaults).
 */
export function linkDefaults(dataset: ExperimentConfig['dataset'], arch: ExperimentConfig['arch']): ExperimentConfig {
  return { ...defaultConfig(), ...presetValues(modelPreset(dataset, arch)), dataset, arch };
}

/**
 * Parses a location hash (with or without the leading `#`) into a complete,
 * in-bounds config. Never throws. Unknown keys, malformed percent-encoding,
 * empty or non-numeric values, NaN/Infinity and repeated keys are rejected;
 * finite numbers out of bounds are clamped. Empty segments and empty keys
 * (`&&`, `=x`) are skipped. The first occurrence of a repeated key is used; an
 * unknown or repeated key is named once however often it occurs.
 *
 * Keys absent from the hash, and rejected ones, take their dataset's defaults
 * ({@link linkDefaults}): the row default overlaid with the model preset of
 * the link's dataset and architecture. Every key the link holds keeps its
 * value. One exception: a link that names a lesson (`lesson=…`) and takes no
 * experiment key at all opens the lesson's preset (`fromLesson`), as the
 * lesson's Start button does.
 *
 * Then the cross-key check: a network over {@link MAX_PARAMS} parameters loses
 * the link's `layers` (then `conv`, …) to those defaults, named with the count
 * and the limit. Keys and reasons are plain text with invisible and
 * bidirectional characters replaced (U+FFFD).
 */
export function parseHash(hash: string): ParsedHash {
  const config: Partial<Record<keyof ExperimentConfig, unknown>> = {};
  const page = defaultPage() as unknown as Record<string, unknown>;
  /** Rejections in link order; `fallback` names the config key whose default the reason ends with, known only once the dataset is. */
  const pending: { key: string; reason: string; fallback?: keyof ExperimentConfig }[] = [];
  const seen = new Set<string>();
  /** Keys already named as unknown or repeated: a 100 kB link of `x=1&x=1…` gives one line, not thousands. */
  const named = new Set<string>();
  /** Keys whose value came from the link (as written or clamped): the candidates when the network is too large. */
  const fromLink = new Set<keyof ExperimentConfig>();
  const text = typeof hash === 'string' ? hash.replace(/^#/, '') : '';
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawKey = eq < 0 ? segment : segment.slice(0, eq);
    if (rawKey === '') continue; // `=` or `=x`: nothing to name in a notice
    const key = safeDecode(rawKey);
    if (key === null) {
      const name = shown(rawKey);
      if (!named.has(`%${name}`)) pending.push({ key: name, reason: 'malformed percent-encoding in the key; ignored' });
      named.add(`%${name}`);
      continue;
    }
    if (!isConfigKey(key) && !isPageKey(key)) {
      const name = shown(key);
      if (!named.has(`?${name}`)) pending.push({ key: name, reason: 'unknown key; ignored' });
      named.add(`?${name}`);
      continue;
    }
    const row = (isConfigKey(key) ? SCHEMA[key] : PAGE_SCHEMA[key as keyof PageConfig]) as Row<unknown>;
    if (seen.has(key)) {
      if (!named.has(`=${key}`)) pending.push({ key, reason: 'repeated key; the first value is used' });
      named.add(`=${key}`);
      continue;
    }
    seen.add(key);
    /** Takes `value` for the key: a config key's into `config` (and `fromLink`), a page key's into `page`. */
    const take = (value: unknown): void => {
      if (isConfigKey(key)) {
        config[key] = value;
        fromLink.add(key);
      } else page[key] = value;
    };
    /** Rejects the value: a config key falls back to its dataset's default (named once known), a page key to its row's. */
    const fallBack = (why: string): void => {
      if (isConfigKey(key)) pending.push({ key, reason: why, fallback: key });
      else pending.push({ key, reason: `${why}; using the default ${formatDefault(row)}` });
    };
    const value = eq < 0 ? null : safeDecode(segment.slice(eq + 1));
    if (value === null) {
      fallBack(eq < 0 ? 'no value' : 'malformed percent-encoding');
      continue;
    }
    const decoded = row.decode(value);
    if (decoded.ok) take(decoded.value);
    else if (decoded.clamped !== undefined) {
      take(decoded.clamped);
      pending.push({ key, reason: `${decoded.reason}; clamped to ${row.encode(decoded.clamped)}` });
    } else fallBack(decoded.reason);
  }
  const lesson = fromLink.size === 0 ? lessonById(page.lesson as string) : undefined;
  const base = lesson !== undefined ? parseHash(lesson.hash).config : linkDefaults((config.dataset ?? SCHEMA.dataset.default) as ExperimentConfig['dataset'], (config.arch ?? SCHEMA.arch.default) as ExperimentConfig['arch']);
  const full = { ...base, layers: [...base.layers], ...config } as ExperimentConfig;
  const rejected: RejectedKey[] = [];
  const reject = (key: string, reason: string): void => {
    rejected.push({ key, reason: visible(reason) });
  };
  for (const p of pending) reject(p.key, p.fallback === undefined ? p.reason : `${p.reason}; using the default ${formatValue(SCHEMA[p.fallback] as Row<unknown>, base[p.fallback])}`);
  limitNetwork(full, base, fromLink, reject);
  return { config: full, page: page as unknown as PageConfig, rejected, fromLesson: lesson !== undefined };
}

/**
 * The cross-key check: while the network the config describes has more than
 * {@link MAX_PARAMS} parameters, the next network key taken from the link (in
 * {@link NETWORK_FALLBACK_ORDER}) falls back to its value in `defaults` (the
 * link's dataset defaults), and is named with the count and the limit. Those
 * defaults always fit (8,8 on any dataset; on MNIST LeNet-300-100, or the
 * small CNN even without pooling), so this ends within the bounds.
 */
function limitNetwork(config: ExperimentConfig, defaults: ExperimentConfig, fromLink: ReadonlySet<string>, reject: (key: string, reason: string) => void): void {
  const c = config as unknown as Record<string, unknown>;
  for (const key of NETWORK_FALLBACK_ORDER) {
    const why = paramLimitReason(config);
    if (why === null) return;
    if (!fromLink.has(key)) continue;
    const d = defaults[key];
    c[key] = Array.isArray(d) ? [...d] : d;
    reject(key, `${why}; using the default ${formatValue(SCHEMA[key] as Row<unknown>, d)}`);
  }
  // Unreachable with the shipped presets; kept so that no link can ever get past the limit.
  if (paramLimitReason(config) !== null) {
    for (const key of NETWORK_FALLBACK_ORDER) {
      const d = SCHEMA[key].default;
      c[key] = Array.isArray(d) ? [...d] : d;
    }
  }
}

/**
 * Formats a config as a hash in table order: `#dataset=circle&noise=0&…&dropout=0`,
 * leaving out the image keys (`trainSize`, `aug`) unless the dataset is mnist,
 * the schedule's keys while `sched=off`, the lottery's while `lottery=off`,
 * the λ sweep's and regularise-then-prune's settings while they hold their defaults,
 * `speed` at full speed (0), and `pts` unless the dataset is custom with at most OWN_URL_MAX_POINTS points;
 * then the page keys of `page` that differ from their defaults.
 */
export function formatHash(config: ExperimentConfig, page: PageConfig = defaultPage()): string {
  const written = CONFIG_KEYS.filter((key) => WRITTEN_WHEN[key]?.(config) ?? true);
  const parts = written.map((key) => `${key}=${encodeValue((SCHEMA[key] as Row<unknown>).encode(config[key]))}`);
  // Page keys only when not at their defaults: a plain link stays a plain link.
  for (const key of PAGE_KEYS) {
    const row = PAGE_SCHEMA[key] as Row<unknown>;
    const text = row.encode(page[key]);
    if (text !== row.encode(row.default)) parts.push(`${key}=${encodeValue(text)}`);
  }
  return `#${parts.join('&')}`;
}

/** Percent-encodes what could break the hash, keeping commas, colons and semicolons readable (`aug=flip,rotate:15`, `pts=0.1,0.2,0;…`). */
function encodeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%3B/gi, ';');
}
