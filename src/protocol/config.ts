import type { Activation, BackendChoice, DatasetName, OptimizerName } from '../engine/types';

/**
 * The experiment as the URL carries it: the single source of truth on the main
 * thread, and what the worker is configured with. Field names are the URL keys.
 */
export interface ExperimentConfig {
  dataset: DatasetName;
  /** Label / target noise in percent, 0–50. */
  noise: number;
  /** Train share in percent, 10–90 (mnist: fixed 8,000 / 2,000). */
  split: number;
  /** Hidden layer widths, input side first. */
  layers: number[];
  act: Activation;
  opt: OptimizerName;
  lr: number;
  batch: number;
  seed: number;
  backend: BackendChoice;
}

/** Keys whose change needs a new session (new data or new weights); every other key is applied hot. */
export const COLD_KEYS: readonly (keyof ExperimentConfig)[] = ['dataset', 'noise', 'split', 'layers', 'act', 'seed', 'backend'];

/** The keys whose values differ between two configs (layers compared element-wise). */
export function changedKeys(prev: ExperimentConfig, next: ExperimentConfig): (keyof ExperimentConfig)[] {
  const keys = Object.keys(next) as (keyof ExperimentConfig)[];
  return keys.filter((key) => {
    const a = prev[key];
    const b = next[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((v, i) => v !== b[i]);
    return a !== b;
  });
}

/** Whether going from `prev` to `next` needs a new session (a new run). */
export function isColdChange(prev: ExperimentConfig, next: ExperimentConfig): boolean {
  return changedKeys(prev, next).some((key) => COLD_KEYS.includes(key));
}
