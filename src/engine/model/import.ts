/**
 * Import of a TensorFlow.js Layers model (a `model.json` and its weight files)
 * into the engine's plain-data form: a {@link ModelSpec} and its
 * {@link LayerWeights}. tfjs-free, never throws: every way a file can be wrong
 * is an {@link ImportError} code with parameters, which the UI words.
 *
 * Accepted: a Sequential model (tfjs's `model.save`, the playground's export,
 * the tfjs converter's Keras output) made of InputLayer, Reshape, Conv2D
 * (square kernel and stride, 'valid' padding, channels_last, no dilation),
 * MaxPooling2D (the same square window after every conv layer), Flatten,
 * Dropout and Dense layers, every hidden layer with the same activation
 * (relu, tanh, sigmoid or linear), the output Dense `softmax` or `linear` with
 * at least 2 units (classification) or `linear` with 1 unit (regression).
 * Weights are float32, found by name (`<layer>/kernel`, `<layer>/bias`).
 */
import type { Activation, LayerWeights, ModelSpec, Task } from '../types';
import { ACTIVATIONS } from '../types';
import type { ConvLayerSpec } from './convSpec';

/** Largest model.json accepted, bytes (the playground's own is a few kB). */
export const MAX_MODEL_JSON_BYTES = 1 << 20;
/** Most parameters accepted (64 MiB of float32): more than any network the playground trains. */
export const MAX_IMPORT_PARAMS = 16 * 1024 * 1024;
/** Most layers accepted in a topology. */
const MAX_TOPOLOGY_LAYERS = 64;

/** Why an import failed; `params` fill the UI's message. */
export type ImportError =
  | { code: 'jsonTooLarge'; params: { bytes: number; max: number } }
  | { code: 'notJson' }
  | { code: 'notLayersModel' }
  | { code: 'notSequential'; params: { kind: string } }
  | { code: 'unsupportedLayer'; params: { layer: string; index: number } }
  | { code: 'unsupportedOption'; params: { layer: string; option: string; value: string } }
  | { code: 'badNumber'; params: { layer: string; option: string; value: string } }
  | { code: 'unsupportedActivation'; params: { layer: string; activation: string } }
  | { code: 'mixedActivations'; params: { first: string; other: string } }
  | { code: 'inputShape'; params: { shape: string } }
  | { code: 'structure'; params: { layer: string; reason: StructureReason } }
  | { code: 'outputLayer'; params: { activation: string; units: number } }
  | { code: 'noDense' }
  | { code: 'tooLarge'; params: { params: number; max: number } }
  | { code: 'noManifest' }
  | { code: 'dtype'; params: { name: string; dtype: string } }
  | { code: 'missingWeight'; params: { name: string } }
  | { code: 'weightShape'; params: { name: string; expected: string; actual: string } }
  | { code: 'missingFile'; params: { file: string } }
  | { code: 'byteLength'; params: { expected: number; actual: number } }
  | { code: 'notFinite'; params: { name: string } };

/** Which structural rule a layer broke. */
export type StructureReason = 'convAfterFlatten' | 'denseOnImage' | 'convOnFlat' | 'poolWithoutConv' | 'poolMismatch' | 'shrinks' | 'reshape';

export type ImportErrorCode = ImportError['code'];

/** A model read from files: the spec (a CNN's conv stack included), its weights, and the dropout rate it was saved with (0 if none). */
export interface ImportedModel {
  spec: ModelSpec;
  layers: LayerWeights[];
  dropout: number;
  /** The hidden layers' activation as written; null when the model has no hidden layer (spec.activation is then a placeholder). */
  activation: Activation | null;
}

export type ImportResult = { ok: true; model: ImportedModel } | { ok: false; error: ImportError };

/** One weight file the user picked: its name (any folder part ignored) and bytes. */
export interface WeightFile {
  name: string;
  data: ArrayBuffer;
}

/** Internal: a failure that unwinds the parse (caught in {@link importModel}). */
class Fail {
  constructor(readonly error: ImportError) {}
}
const fail = (error: ImportError): never => {
  throw new Fail(error);
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};
/** The last part of a path or URL: `./model.weights.bin` → `model.weights.bin`. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** A positive whole number option (at most `max`), or the failure. */
function positiveInt(layer: string, option: string, v: unknown, max = MAX_IMPORT_PARAMS): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) return fail({ code: 'badNumber', params: { layer, option, value: show(v) } });
  return v;
}

/** A Keras size option written as n or [n, n] (square only). */
function square(layer: string, option: string, v: unknown): number {
  if (typeof v === 'number') return positiveInt(layer, option, v, 1024);
  if (Array.isArray(v) && v.length === 2 && v[0] === v[1]) return positiveInt(layer, option, v[0], 1024);
  return fail({ code: 'unsupportedOption', params: { layer, option, value: show(v) } });
}

/** A hidden or output activation name as written (absent = linear, Keras's default). */
function activationOf(layer: string, config: Json): string {
  const a = config.activation ?? 'linear';
  if (typeof a !== 'string') return fail({ code: 'unsupportedActivation', params: { layer, activation: show(a) } });
  return a;
}

/** A layer with weights, as parsed: what the spec and the weight lookup need. */
interface WeightedLayer {
  name: string;
  kind: 'conv' | 'dense';
  activation: string;
  useBias: boolean;
  /** Keras's kernel shape: [in, units] (Dense) or [k, k, cin, filters] (Conv2D). */
  kernelShape: number[];
  units: number;
  conv?: ConvLayerSpec;
}

/** What the walk over the layers found. */
interface Topology {
  /** The input shape without the batch axis. */
  input: number[];
  /** The map a conv stack starts from (after any Reshape); null for an MLP. */
  image: { height: number; width: number; channels: number } | null;
  weighted: WeightedLayer[];
  /** The max-pool window after every conv layer (1: none). */
  pool: number;
  dropout: number;
}

/** The topology's layers: the Sequential config's `layers` (or the old Keras list), under `model_config` for converter output. */
function topologyLayers(json: Json): unknown[] {
  const mt = json.modelTopology;
  if (!isObject(mt)) return fail({ code: 'notLayersModel' });
  const model = isObject(mt.model_config) ? mt.model_config : mt;
  const kind = model.class_name;
  if (kind !== 'Sequential') return fail({ code: 'notSequential', params: { kind: typeof kind === 'string' ? kind : show(kind) } });
  const config = model.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || layers.length === 0) return fail({ code: 'notLayersModel' });
  if (layers.length > MAX_TOPOLOGY_LAYERS) return fail({ code: 'tooLarge', params: { params: layers.length, max: MAX_TOPOLOGY_LAYERS } });
  return layers;
}

/** The input shape without the batch axis from a layer config (`batch_input_shape`, Keras 3's `batch_shape`, or `input_shape`); null when it has none. */
function declaredInput(config: Json): number[] | null {
  const b = config.batch_input_shape ?? config.batch_shape;
  const raw = Array.isArray(b) ? b.slice(1) : Array.isArray(config.input_shape) ? config.input_shape : null;
  if (raw === null) return null;
  if (raw.length < 1 || raw.length > 3 || !raw.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= MAX_IMPORT_PARAMS)) {
    return fail({ code: 'inputShape', params: { shape: show(raw) } });
  }
  return raw as number[];
}

function checkValidPadding(layer: string, config: Json): void {
  if (config.padding !== undefined && config.padding !== 'valid') fail({ code: 'unsupportedOption', params: { layer, option: 'padding', value: show(config.padding) } });
}

const product = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/**
 * Walks the layers, tracking the activation shape: Reshape only before the
 * first weighted layer; Conv2D on a 3-D map, before any Flatten; MaxPooling2D
 * right after a conv layer, the same window after every one (or after none);
 * Dense on a flat vector.
 */
function readTopology(layers: unknown[]): Topology {
  let shape: number[] | null = null;
  let input: number[] | null = null;
  let image: Topology['image'] = null;
  let flattened = false;
  let dropout = 0;
  const weighted: WeightedLayer[] = [];
  /** The pool window after each conv layer so far (1 = none yet). */
  const pools: number[] = [];
  layers.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) return fail({ code: 'notLayersModel' });
    const cls = entry.class_name;
    const config = entry.config;
    const layer = typeof config.name === 'string' ? config.name.slice(0, 60) : `${cls} ${index + 1}`;
    if (shape === null) {
      const declared = declaredInput(config);
      if (declared !== null) {
        shape = declared;
        input = [...declared];
      }
    }
    if (cls === 'InputLayer') return;
    if (shape === null) return fail({ code: 'inputShape', params: { shape: 'unknown' } });
    const cur: number[] = shape;
    const last = weighted[weighted.length - 1];
    switch (cls) {
      case 'Dropout': {
        const rate = config.rate;
        if (typeof rate === 'number' && rate > 0 && rate < 1) dropout = Math.max(dropout, rate);
        return;
      }
      case 'Reshape': {
        const target = config.target_shape;
        const ok = Array.isArray(target) && target.length === 3 && target.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1);
        if (weighted.length > 0 || !ok || product(target as number[]) !== product(cur)) return fail({ code: 'structure', params: { layer, reason: 'reshape' } });
        shape = [...(target as number[])];
        return;
      }
      case 'Flatten':
        shape = [product(cur)];
        flattened = true;
        return;
      case 'MaxPooling2D': {
        if (cur.length !== 3 || last?.kind !== 'conv') return fail({ code: 'structure', params: { layer, reason: 'poolWithoutConv' } });
        const p = square(layer, 'pool_size', config.pool_size ?? 2);
        if (config.strides !== undefined && config.strides !== null && square(layer, 'strides', config.strides) !== p) {
          return fail({ code: 'unsupportedOption', params: { layer, option: 'strides', value: show(config.strides) } });
        }
        checkValidPadding(layer, config);
        // One pooling per conv layer, the same window after each.
        if (pools[pools.length - 1] !== 1 || (pools.length > 1 && pools[0] !== p)) return fail({ code: 'structure', params: { layer, reason: 'poolMismatch' } });
        pools[pools.length - 1] = p;
        shape = [Math.floor(cur[0] / p), Math.floor(cur[1] / p), cur[2]];
        if (shape[0] < 1 || shape[1] < 1) return fail({ code: 'structure', params: { layer, reason: 'shrinks' } });
        return;
      }
      case 'Conv2D': {
        if (flattened) return fail({ code: 'structure', params: { layer, reason: 'convAfterFlatten' } });
        if (cur.length !== 3) return fail({ code: 'structure', params: { layer, reason: 'convOnFlat' } });
        image ??= { height: cur[0], width: cur[1], channels: cur[2] };
        const filters = positiveInt(layer, 'filters', config.filters, 4096);
        const kernel = square(layer, 'kernel_size', config.kernel_size);
        const stride = square(layer, 'strides', config.strides ?? 1);
        checkValidPadding(layer, config);
        if (config.data_format !== undefined && config.data_format !== null && config.data_format !== 'channels_last') {
          return fail({ code: 'unsupportedOption', params: { layer, option: 'data_format', value: show(config.data_format) } });
        }
        if (config.dilation_rate !== undefined && square(layer, 'dilation_rate', config.dilation_rate) !== 1) {
          return fail({ code: 'unsupportedOption', params: { layer, option: 'dilation_rate', value: show(config.dilation_rate) } });
        }
        if (config.groups !== undefined && config.groups !== 1) return fail({ code: 'unsupportedOption', params: { layer, option: 'groups', value: show(config.groups) } });
        // A later conv layer's previous map must have had its pooling decided: the same as the first's.
        if (pools.length > 0 && pools[pools.length - 1] !== pools[0]) return fail({ code: 'structure', params: { layer, reason: 'poolMismatch' } });
        const side = (n: number): number => (n >= kernel ? Math.floor((n - kernel) / stride) + 1 : 0);
        weighted.push({ name: layer, kind: 'conv', activation: activationOf(layer, config), useBias: config.use_bias !== false, kernelShape: [kernel, kernel, cur[2], filters], units: filters, conv: { filters, kernel, stride } });
        pools.push(1);
        shape = [side(cur[0]), side(cur[1]), filters];
        if (shape[0] < 1 || shape[1] < 1) return fail({ code: 'structure', params: { layer, reason: 'shrinks' } });
        return;
      }
      case 'Dense': {
        if (cur.length !== 1) return fail({ code: 'structure', params: { layer, reason: 'denseOnImage' } });
        // Pooling after the last conv layer must match the others too.
        if (last?.kind === 'conv' && pools[pools.length - 1] !== pools[0]) return fail({ code: 'structure', params: { layer, reason: 'poolMismatch' } });
        const units = positiveInt(layer, 'units', config.units);
        weighted.push({ name: layer, kind: 'dense', activation: activationOf(layer, config), useBias: config.use_bias !== false, kernelShape: [cur[0], units], units });
        shape = [units];
        return;
      }
      default:
        return fail({ code: 'unsupportedLayer', params: { layer: cls.slice(0, 60), index: index + 1 } });
    }
  });
  if (input === null || shape === null) return fail({ code: 'inputShape', params: { shape: 'unknown' } });
  const out = weighted[weighted.length - 1];
  if (out === undefined) return fail({ code: 'noDense' });
  if (out.kind !== 'dense' || product(shape) !== out.units) return fail({ code: 'outputLayer', params: { activation: out.activation, units: out.units } });
  return { input, image, weighted, pool: pools[0] ?? 1, dropout };
}

/** Bytes per element of the dtypes a manifest may list. */
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Where one manifest weight lies: its bytes (a group's concatenated files) and shape. */
interface Located {
  bytes: Uint8Array;
  offset: number;
  shape: number[];
  dtype: string;
}

/** Concatenates a group's files in manifest order (one file: no copy). */
function concat(parts: ArrayBuffer[]): Uint8Array {
  if (parts.length === 1) return new Uint8Array(parts[0]);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/** Reads the manifest: every weight's location in the user's files, by name. Checks files, dtypes and byte lengths. */
function locateWeights(json: Json, files: WeightFile[]): Map<string, Located> {
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) return fail({ code: 'noManifest' });
  const byName = new Map(files.map((f) => [baseName(f.name), f.data]));
  const located = new Map<string, Located>();
  for (const group of manifest) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) return fail({ code: 'noManifest' });
    let expected = 0;
    const entries: { name: string; shape: number[]; dtype: string; offset: number }[] = [];
    for (const w of group.weights) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) return fail({ code: 'noManifest' });
      const name = w.name;
      const dtype = w.dtype === undefined ? 'float32' : String(w.dtype);
      if (w.quantization !== undefined) return fail({ code: 'dtype', params: { name, dtype: 'quantized' } });
      const size = DTYPE_BYTES[dtype];
      if (size === undefined) return fail({ code: 'dtype', params: { name, dtype } });
      const shape = w.shape;
      if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) return fail({ code: 'weightShape', params: { name, expected: '…', actual: show(shape) } });
      const n = product(shape as number[]);
      if (n > MAX_IMPORT_PARAMS) return fail({ code: 'tooLarge', params: { params: n, max: MAX_IMPORT_PARAMS } });
      entries.push({ name, shape: shape as number[], dtype, offset: expected });
      expected += n * size;
    }
    const parts: ArrayBuffer[] = [];
    for (const path of group.paths) {
      const data = typeof path === 'string' ? byName.get(baseName(path)) : undefined;
      if (data === undefined) return fail({ code: 'missingFile', params: { file: typeof path === 'string' ? baseName(path) : show(path) } });
      parts.push(data);
    }
    const actual = parts.reduce((n, p) => n + p.byteLength, 0);
    if (actual !== expected) return fail({ code: 'byteLength', params: { expected, actual } });
    if (entries.length === 0) continue;
    const bytes = concat(parts);
    for (const e of entries) located.set(e.name, { bytes, offset: e.offset, shape: e.shape, dtype: e.dtype });
  }
  return located;
}

/** The manifest entry of `layer/part`: the exact name, or one a converter prefixed (`model/dense_1/kernel`) or suffixed (`:0`). */
function findWeight(located: Map<string, Located>, layer: string, part: 'kernel' | 'bias'): Located | undefined {
  const want = `${layer}/${part}`;
  const exact = located.get(want) ?? located.get(`${want}:0`);
  if (exact) return exact;
  for (const [name, w] of located) if (name.endsWith(`/${want}`) || name.endsWith(`/${want}:0`)) return w;
  return undefined;
}

/** A float32 weight's values (a fresh, aligned copy), checked for shape and finiteness. */
function readFloats(located: Map<string, Located>, layer: string, part: 'kernel' | 'bias', shape: number[]): Float32Array {
  const name = `${layer}/${part}`;
  const w = findWeight(located, layer, part);
  if (w === undefined) return fail({ code: 'missingWeight', params: { name } });
  if (w.dtype !== 'float32') return fail({ code: 'dtype', params: { name, dtype: w.dtype } });
  if (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) return fail({ code: 'weightShape', params: { name, expected: show(shape), actual: show(w.shape) } });
  const n = product(shape);
  const values = new Float32Array(w.bytes.slice(w.offset, w.offset + 4 * n).buffer);
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return fail({ code: 'notFinite', params: { name } });
  return values;
}

function parse(jsonText: string, files: WeightFile[]): ImportedModel {
  if (jsonText.length > MAX_MODEL_JSON_BYTES) return fail({ code: 'jsonTooLarge', params: { bytes: jsonText.length, max: MAX_MODEL_JSON_BYTES } });
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch {
    return fail({ code: 'notJson' });
  }
  if (!isObject(json)) return fail({ code: 'notLayersModel' });
  const top = readTopology(topologyLayers(json));
  const { weighted } = top;
  const hiddenLayers = weighted.slice(0, -1);
  const out = weighted[weighted.length - 1];

  // One activation for every hidden layer, one the engine has.
  const first = hiddenLayers[0]?.activation ?? null;
  for (const h of hiddenLayers) {
    if (!(ACTIVATIONS as readonly string[]).includes(h.activation)) return fail({ code: 'unsupportedActivation', params: { layer: h.name, activation: h.activation } });
    if (h.activation !== first) return fail({ code: 'mixedActivations', params: { first: first ?? '', other: h.activation } });
  }
  let task: Task;
  if (out.units >= 2 && (out.activation === 'softmax' || out.activation === 'linear')) task = 'classification';
  else if (out.units === 1 && out.activation === 'linear') task = 'regression';
  else return fail({ code: 'outputLayer', params: { activation: out.activation, units: out.units } });

  const params = weighted.reduce((n, w) => n + product(w.kernelShape) + w.units, 0);
  if (params > MAX_IMPORT_PARAMS) return fail({ code: 'tooLarge', params: { params, max: MAX_IMPORT_PARAMS } });

  const located = locateWeights(json, files);
  const layers: LayerWeights[] = weighted.map((w) => {
    const outDim = w.units;
    const inDim = product(w.kernelShape) / outDim;
    const kernel = readFloats(located, w.name, 'kernel', w.kernelShape);
    const bias = w.useBias ? readFloats(located, w.name, 'bias', [outDim]) : new Float32Array(outDim);
    return { inDim, outDim, kernel, bias };
  });

  const activation = (first as Activation | null) ?? null;
  const convs = weighted.filter((w) => w.kind === 'conv');
  const spec: ModelSpec = {
    inputDim: product(top.input),
    hidden: hiddenLayers.filter((w) => w.kind === 'dense').map((w) => w.units),
    activation: activation ?? 'relu',
    outputDim: out.units,
    task,
  };
  if (top.image !== null) spec.conv = { ...top.image, layers: convs.map((w) => w.conv as ConvLayerSpec), pool: top.pool };
  return { spec, layers, dropout: top.dropout, activation };
}

/**
 * Reads a tfjs Layers model: `jsonText` is model.json, `files` the weight
 * files the user gave (matched to the manifest's paths by file name). Never
 * throws: a file that is not such a model, a layer or option the playground
 * has no counterpart for, a missing or short weight file, or weights that are
 * not finite give `{ ok: false, error }`.
 */
export function importModel(jsonText: string, files: WeightFile[]): ImportResult {
  try {
    return { ok: true, model: parse(jsonText, files) };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    return { ok: false, error: { code: 'notLayersModel' } };
  }
}
