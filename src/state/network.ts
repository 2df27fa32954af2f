import { datasetInfo } from '../engine/data/catalog';
import { parseConv, type ConvLayerSpec } from '../engine/model/convSpec';
import { cnnSpec, experimentSpec, forwardFlopsPerSample, isImageDataset, mlpSpec, parameterCount } from '../engine/model/spec';
import type { ModelSpec } from '../engine/types';
import type { Arch, ExperimentConfig } from '../protocol/config';

/**
 * The network-structure slice's pure helpers: which network a config trains
 * (an MLP, or on an image dataset a CNN), and
 * the figures of the "MLP vs CNN" size table. tfjs-free (engine/model/spec.ts).
 */

/** The config keys that decide the network's shape. */
export type NetworkKeys = Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv' | 'pool' | 'layers' | 'act'>;

/** Whether `dataset` has images a CNN can read (28×28; MNIST). */
export function imageDataset(dataset: ExperimentConfig['dataset']): boolean {
  return isImageDataset(datasetInfo(dataset));
}

/** Whether the config trains a CNN: arch = cnn on an image dataset (other datasets always train an MLP). */
export function trainsCnn(c: Pick<ExperimentConfig, 'dataset' | 'arch'>): boolean {
  return c.arch === 'cnn' && imageDataset(c.dataset);
}

/** The spec the worker builds for `c` (engine `experimentSpec`); a valid config never makes it throw. */
export function configSpec(c: NetworkKeys): ModelSpec {
  return experimentSpec(datasetInfo(c.dataset), c);
}

/** The conv layers in front of the dense ones: [] for an MLP (or conv text that does not parse, which a valid config never holds). */
export function convLayersOf(c: Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv'>): ConvLayerSpec[] {
  if (!trainsCnn(c)) return [];
  const parsed = parseConv(c.conv);
  return parsed.ok ? parsed.value : [];
}

/**
 * Whether two configs train the same network (dataset, arch and, for a CNN,
 * its conv stack and pooling, and the hidden widths): lottery tables of the
 * two runs compare like with like.
 */
export function sameNetwork(a: NetworkKeys, b: NetworkKeys): boolean {
  if (a.dataset !== b.dataset || a.layers.join(',') !== b.layers.join(',')) return false;
  const cnnA = trainsCnn(a);
  if (cnnA !== trainsCnn(b)) return false;
  return !cnnA || (a.conv === b.conv && a.pool === b.pool);
}

/** One network's size: trainable parameters and forward FLOPs per sample. */
export interface NetworkSize {
  params: number;
  flopsPerSample: number;
}

/** The "MLP vs CNN" table: both networks built from the current settings, and which one trains. */
export interface SizeComparison {
  /** 784 → `layers` → 10. */
  mlp: NetworkSize;
  /** `conv` (with `pool`) → Flatten → `layers` → 10. */
  cnn: NetworkSize;
  current: Arch;
}

const sizeOf = (spec: ModelSpec): NetworkSize => ({ params: parameterCount(spec), flopsPerSample: forwardFlopsPerSample(spec) });

/**
 * The size table for `c`, or null on a dataset without images. Both columns
 * share the dense `layers` and `act`: the MLP reads the 784 pixels directly,
 * the CNN reads the conv stack's flattened maps (classic CNN Conv 32 → Conv 64: 225,034
 * parameters against 101,770 for 784-128-10, yet ~26× the FLOPs: every filter
 * slides over every position).
 */
export function sizeComparison(c: NetworkKeys): SizeComparison | null {
  const info = datasetInfo(c.dataset);
  if (!isImageDataset(info)) return null;
  const conv = parseConv(c.conv);
  if (!conv.ok) return null;
  return {
    mlp: sizeOf(mlpSpec(info, c.layers, c.act)),
    cnn: sizeOf(cnnSpec(info, conv.value, c.pool, c.layers, c.act)),
    current: c.arch,
  };
}
