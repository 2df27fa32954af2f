import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetInfo } from '../../../src/engine/data/catalog';
import { exportModel, WEIGHTS_FILE, type ModelJson } from '../../../src/engine/model/export';
import { importModel, MAX_IMPORT_PARAMS, MAX_MODEL_JSON_BYTES, type ImportErrorCode, type ImportResult } from '../../../src/engine/model/import';
import { cnnSpec, mlpSpec } from '../../../src/engine/model/spec';
import { seededWeights } from './export-fixtures';

/** A valid export to break: 2-8-8-2 tanh, or a small CNN. */
function valid(kind: 'mlp' | 'cnn' = 'mlp'): { json: ModelJson; bin: ArrayBuffer } {
  const spec = kind === 'mlp' ? mlpSpec(datasetInfo('circle'), [8, 8], 'tanh') : cnnSpec(datasetInfo('mnist'), [{ filters: 2, kernel: 3, stride: 1 }], 2, [4], 'relu');
  const { modelJson, weightData } = exportModel(spec, seededWeights(spec, 1));
  return { json: JSON.parse(JSON.stringify(modelJson)) as ModelJson, bin: weightData };
}

const read = (json: unknown, bin: ArrayBuffer | null = valid().bin, name = WEIGHTS_FILE): ImportResult =>
  importModel(typeof json === 'string' ? json : JSON.stringify(json), bin === null ? [] : [{ name, data: bin }]);

function codeOf(r: ImportResult): ImportErrorCode | 'ok' {
  return r.ok ? 'ok' : r.error.code;
}

/** The layers list of a model.json, for editing. */
const layersOf = (json: ModelJson) => json.modelTopology.config.layers;

describe('importModel rejects malformed files with a code, never a throw', () => {
  it('accepts the untouched export (the baseline the cases below break)', () => {
    const { json, bin } = valid();
    expect(codeOf(read(json, bin))).toBe('ok');
    const cnn = valid('cnn');
    expect(codeOf(read(cnn.json, cnn.bin))).toBe('ok');
    // The manifest's path may carry a folder; the picked file's name may too.
    expect(codeOf(read(json, bin, 'downloads/model.weights.bin'))).toBe('ok');
  });

  it('not JSON, JSON that is not a model, a model without layers', () => {
    expect(codeOf(read('{"modelTopology": '))).toBe('notJson');
    expect(codeOf(read('<!doctype html><p>404'))).toBe('notJson');
    expect(codeOf(read('[1, 2, 3]'))).toBe('notLayersModel');
    expect(codeOf(read({ hello: 'world' }))).toBe('notLayersModel');
    const { json } = valid();
    json.modelTopology.config.layers = [];
    expect(codeOf(read(json))).toBe('notLayersModel');
  });

  it('a functional model, an unsupported layer, an unsupported option, an unsupported activation', () => {
    const functional = valid().json as unknown as { modelTopology: { class_name: string } };
    functional.modelTopology.class_name = 'Model';
    const f = read(functional);
    expect(f.ok ? null : f.error).toEqual({ code: 'notSequential', params: { kind: 'Model' } });

    const bn = valid().json;
    layersOf(bn).splice(1, 0, { class_name: 'BatchNormalization', config: { name: 'bn' } });
    const b = read(bn);
    expect(b.ok ? null : b.error).toEqual({ code: 'unsupportedLayer', params: { layer: 'BatchNormalization', index: 2 } });

    const same = valid('cnn');
    layersOf(same.json)[1].config.padding = 'same';
    expect(codeOf(read(same.json, same.bin))).toBe('unsupportedOption');

    const elu = valid().json;
    layersOf(elu)[0].config.activation = 'elu';
    expect(codeOf(read(elu))).toBe('unsupportedActivation');

    const mixed = valid().json;
    layersOf(mixed)[1].config.activation = 'relu';
    expect(codeOf(read(mixed))).toBe('mixedActivations');
  });

  it('an output layer that fits no task: 1 sigmoid unit, 2 relu units', () => {
    for (const [units, activation] of [[1, 'sigmoid'], [2, 'relu']] as const) {
      const { json } = valid();
      Object.assign(layersOf(json)[2].config, { units, activation });
      expect(codeOf(read(json))).toBe('outputLayer');
    }
  });

  it('structure the engine has no counterpart for: conv after Flatten, pooling after only some conv layers, Dense on an image map', () => {
    const { json, bin } = valid('cnn');
    const flattenFirst = structuredClone(json);
    const ls = layersOf(flattenFirst);
    // Reshape, Conv2D, MaxPooling2D, Flatten, Dense, Dense → put Flatten before the conv layer.
    ls.splice(1, 0, ls.splice(3, 1)[0]);
    expect(read(flattenFirst, bin)).toMatchObject({ ok: false, error: { code: 'structure' } });

    const noFlatten = structuredClone(json);
    layersOf(noFlatten).splice(3, 1);
    expect(read(noFlatten, bin)).toMatchObject({ ok: false, error: { code: 'structure', params: { reason: 'denseOnImage' } } });

    const twoConvs = structuredClone(json);
    layersOf(twoConvs).splice(3, 0, { class_name: 'Conv2D', config: { name: 'c2', filters: 2, kernel_size: [3, 3], strides: [1, 1], activation: 'relu' } });
    expect(read(twoConvs, bin)).toMatchObject({ ok: false, error: { code: 'structure', params: { reason: 'poolMismatch' } } });
  });

  it('missing weights file, byte length mismatch, missing weight entry, wrong shape, wrong dtype, NaN', () => {
    const { json, bin } = valid();
    expect(read(json, null)).toMatchObject({ ok: false, error: { code: 'missingFile', params: { file: WEIGHTS_FILE } } });
    expect(read(json, bin, 'other.bin')).toMatchObject({ ok: false, error: { code: 'missingFile' } });
    expect(read(json, bin.slice(0, bin.byteLength - 4))).toEqual({ ok: false, error: { code: 'byteLength', params: { expected: bin.byteLength, actual: bin.byteLength - 4 } } });
    const longer = new Uint8Array(bin.byteLength + 8);
    longer.set(new Uint8Array(bin));
    expect(codeOf(read(json, longer.buffer))).toBe('byteLength');

    const renamed = structuredClone(json);
    renamed.weightsManifest[0].weights[1].name = 'dense_1/beta';
    expect(read(renamed, bin)).toMatchObject({ ok: false, error: { code: 'missingWeight', params: { name: 'dense_1/bias' } } });

    const reshaped = structuredClone(json);
    reshaped.weightsManifest[0].weights[0].shape = [8, 2];
    expect(codeOf(read(reshaped, bin))).toBe('weightShape');

    const half = structuredClone(json) as unknown as { weightsManifest: { weights: { dtype: string }[] }[] };
    half.weightsManifest[0].weights[0].dtype = 'float16';
    expect(codeOf(read(half, bin))).toBe('dtype');

    const nan = new Float32Array(bin.slice(0));
    nan[3] = Number.NaN;
    expect(read(json, nan.buffer)).toMatchObject({ ok: false, error: { code: 'notFinite', params: { name: 'dense_1/kernel' } } });

    const noManifest = structuredClone(json) as unknown as Record<string, unknown>;
    delete noManifest.weightsManifest;
    expect(codeOf(read(noManifest, bin))).toBe('noManifest');
  });

  it('absurd sizes: a billion units, a huge manifest shape, a model.json over 1 MB, a non-integer width', () => {
    const { json, bin } = valid();
    const huge = structuredClone(json);
    layersOf(huge)[0].config.units = 1e9;
    expect(codeOf(read(huge, bin))).toBe('badNumber');
    const big = structuredClone(json);
    layersOf(big)[0].config.units = 5000;
    layersOf(big)[1].config.units = 5000;
    expect(read(big, bin)).toMatchObject({ ok: false, error: { code: 'tooLarge', params: { max: MAX_IMPORT_PARAMS } } });
    const shape = structuredClone(json);
    shape.weightsManifest[0].weights.push({ name: 'x', shape: [1e6, 1e6], dtype: 'float32' });
    expect(codeOf(read(shape, bin))).toBe('tooLarge');
    expect(codeOf(read(' '.repeat(MAX_MODEL_JSON_BYTES + 1)))).toBe('jsonTooLarge');
    const frac = structuredClone(json);
    layersOf(frac)[0].config.units = 2.5;
    expect(codeOf(read(frac, bin))).toBe('badNumber');
    const negative = structuredClone(json);
    layersOf(negative)[0].config.batch_input_shape = [null, -2];
    expect(codeOf(read(negative, bin))).toBe('inputShape');
  });

  it('property: any value put anywhere in a valid model.json gives a result, never a throw', () => {
    const base = valid('cnn');
    /** Every path (object keys, array indices) in `v`. */
    const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
      if (v !== null && typeof v === 'object') return [prefix, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
      return [prefix];
    };
    const all = paths(base.json).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.anything(), (i, value) => {
        const json = structuredClone(base.json) as unknown as Record<string | number, unknown>;
        const path = all[i];
        let node = json;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]] = value;
        const r = read(json, base.bin);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('property: any byte string as model.json, and any truncation of the weights, give a result, never a throw', () => {
    const base = valid();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: base.bin.byteLength }), (text, cut) => {
        expect(read(text, base.bin).ok).toBe(false);
        const r = read(base.json, base.bin.slice(0, cut));
        expect(r.ok).toBe(cut === base.bin.byteLength);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
