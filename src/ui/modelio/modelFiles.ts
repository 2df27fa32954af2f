/**
 * The card's file work, apart from React: the export artifacts from the
 * latest weight snapshot, and the import from the files the student picked.
 */
import { datasetInfo } from '../../engine/data/catalog';
import { effectiveWeights, exportModel, MODEL_FILE, WEIGHTS_FILE, type ExportedModel } from '../../engine/model/export';
import { importModel, MAX_IMPORT_PARAMS, MAX_MODEL_JSON_BYTES, type ImportError, type WeightFile } from '../../engine/model/import';
import { experimentSpec, parameterCount, withHiddenWidths } from '../../engine/model/spec';
import type { ExperimentConfig } from '../../protocol/config';
import type { WeightSnapshot } from '../../state/snapshot';
import { configForModel, type FitError } from './importConfig';
import type { ImportedModel } from '../../engine/model/import';

export { MODEL_FILE, WEIGHTS_FILE };

/** The export of the network in `snapshot` (trained under `config`), or null when the two do not match (a snapshot of an older network). */
export function exportSnapshot(config: ExperimentConfig, snapshot: WeightSnapshot): ExportedModel | null {
  try {
    // A compacted network has fewer units than the config says: its widths come from the weights.
    const base = experimentSpec(datasetInfo(config.dataset), config);
    const spec = withHiddenWidths(base, snapshot.layers.slice(0, -1).map((l) => l.outDim));
    return exportModel(spec, effectiveWeights(snapshot.layers, snapshot.masks, snapshot.neurons), { dropout: config.dropout });
  } catch {
    return null;
  }
}

/** Why picked files could not be imported: a file problem, a format problem, or a model the playground cannot train. */
export type PickError = { code: 'noJson' } | { code: 'manyJson' } | { code: 'readFailed' } | { code: 'weightsTooLarge'; params: { bytes: number; max: number } } | ImportError | FitError;

/** A model read from picked files with the config that trains it. */
export interface PickedModel {
  model: ImportedModel;
  config: ExperimentConfig;
  params: number;
}

/** The most weight bytes read from the picked files (with room for a manifest's other weights). */
const MAX_WEIGHT_BYTES = 4 * MAX_IMPORT_PARAMS + (1 << 20);

/**
 * Reads the picked files: exactly one `.json` (model.json), the rest weight
 * files; sizes are checked before anything is read. Never throws.
 */
export async function readPickedFiles(files: File[], current: ExperimentConfig): Promise<{ ok: true; picked: PickedModel } | { ok: false; error: PickError }> {
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length === 0) return { ok: false, error: { code: 'noJson' } };
  if (json.length > 1) return { ok: false, error: { code: 'manyJson' } };
  if (json[0].size > MAX_MODEL_JSON_BYTES) return { ok: false, error: { code: 'jsonTooLarge', params: { bytes: json[0].size, max: MAX_MODEL_JSON_BYTES } } };
  const others = files.filter((f) => f !== json[0]);
  const bytes = others.reduce((n, f) => n + f.size, 0);
  if (bytes > MAX_WEIGHT_BYTES) return { ok: false, error: { code: 'weightsTooLarge', params: { bytes, max: MAX_WEIGHT_BYTES } } };
  let text: string;
  let weights: WeightFile[];
  try {
    text = await json[0].text();
    weights = await Promise.all(others.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
  } catch {
    return { ok: false, error: { code: 'readFailed' } };
  }
  const read = importModel(text, weights);
  if (!read.ok) return read;
  const fit = configForModel(read.model, current);
  if (!fit.ok) return fit;
  return { ok: true, picked: { model: read.model, config: fit.config, params: parameterCount(read.model.spec) } };
}
