/**
 * Which experiment an imported model becomes: the dataset it fits, its network
 * as config keys, and no pruning. Pure (no DOM), so it is unit-tested.
 */
import { datasetInfo } from '../../engine/data/catalog';
import { formatConv, IMAGE_SIDE } from '../../engine/model/convSpec';
import type { ImportedModel } from '../../engine/model/import';
import { DATASET_NAMES, type DatasetName } from '../../engine/types';
import type { ExperimentConfig } from '../../protocol/config';
import { presetFor } from '../../state/store';
import { SCHEMA, isValidConfig } from '../../state/urlCodec';

/** Why an imported model cannot be trained here. */
export type FitError =
  /** No dataset has this many inputs and outputs for this task (e.g. a 3-input model). */
  | { code: 'noDataset'; params: { inputs: number; outputs: number; task: string } }
  /** A CNN whose input is not a 28×28 grey image. */
  | { code: 'cnnInput'; params: { shape: string } }
  /** The network is beyond what a link can hold (more than 8 hidden layers, wider than 1,024, a conv stack out of bounds). */
  | { code: 'bounds' };

export type FitResult = { ok: true; config: ExperimentConfig; dataset: DatasetName } | { ok: false; error: FitError };

/**
 * The dataset `model` fits: same inputs, outputs and task. The current dataset
 * when it fits (a 2-input classifier stays on spiral), else the first that does
 * in the catalogue's order (circle for 2 → 2, plane for 2 → 1, friedman for
 * 10 → 1, mnist for 784 → 10); null when none does.
 */
export function fittingDataset(model: ImportedModel, current: DatasetName): DatasetName | null {
  const { inputDim, outputDim, task } = model.spec;
  const fits = (name: DatasetName): boolean => {
    const info = datasetInfo(name);
    return info.inputDim === inputDim && info.outputDim === outputDim && info.task === task;
  };
  if (fits(current)) return current;
  // The student's own points are only kept when they are the current dataset: elsewhere there may be none.
  return DATASET_NAMES.find((name) => name !== 'custom' && fits(name)) ?? null;
}

/**
 * The config that trains `model`: `current` with the fitting dataset (and, when
 * that switches to or from mnist, its learning rate and batch size), the
 * model's hidden widths, activation, MLP or CNN (conv text and pooling) and
 * dropout, and every pruning rule off (threshold, sparsity, q·std, keep-ratio,
 * schedule, lottery), so the imported weights are evaluated as they are.
 */
export function configForModel(model: ImportedModel, current: ExperimentConfig): FitResult {
  const { spec } = model;
  const dataset = fittingDataset(model, current.dataset);
  if (dataset === null) return { ok: false, error: { code: 'noDataset', params: { inputs: spec.inputDim, outputs: spec.outputDim, task: spec.task } } };
  const conv = spec.conv;
  if (conv && (conv.height !== IMAGE_SIDE || conv.width !== IMAGE_SIDE || conv.channels !== 1)) {
    return { ok: false, error: { code: 'cnnInput', params: { shape: `${conv.height}×${conv.width}×${conv.channels}` } } };
  }
  const preset = presetFor(current.dataset, dataset);
  const config: ExperimentConfig = {
    ...current,
    lr: preset.lr ?? current.lr,
    batch: preset.batch ?? current.batch,
    dataset,
    layers: [...spec.hidden],
    act: model.activation ?? current.act,
    arch: conv ? 'cnn' : 'mlp',
    conv: conv ? formatConv(conv.layers) : current.conv,
    pool: conv ? conv.pool : current.pool,
    dropout: SCHEMA.dropout.isValid(model.dropout) ? model.dropout : 0,
    threshold: 0,
    sparsity: 0,
    q: 0,
    keep: 1,
    sched: 'off',
    lottery: 'off',
  };
  return isValidConfig(config) ? { ok: true, config, dataset } : { ok: false, error: { code: 'bounds' } };
}
