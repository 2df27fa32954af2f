import type { LayerWeights } from '../engine/types';

/**
 * The latest weights the worker sent: after `step` of run `runId`. `layers`
 * are the DENSE weights; the network computes with kernel ⊙ `masks[i]`
 * (1 = kept, null = all kept) and its hidden layer i keeps the neurons with
 * `neurons[i]` = 1 (null = all kept).
 */
export interface WeightSnapshot {
  runId: number;
  step: number;
  layers: LayerWeights[];
  /** Kernel masks per layer, row-major like the kernel; null = nothing masked. */
  masks: (Uint8Array | null)[];
  /** Neuron keep masks per hidden layer; null = all kept. */
  neurons: (Uint8Array | null)[];
}

/**
 * A holder for the latest value of something the worker streams (weights,
 * model views), kept outside React state: canvases (heatmaps, decision
 * boundary) redraw from it through {@link LatestRef.subscribe} instead of
 * re-rendering components (a transient subscription).
 */
export interface LatestRef<T> {
  /** The latest value, or null before the first one of the current run. */
  get(): T | null;
  set(value: T | null): void;
  /** Calls `listener` on every new value; returns the unsubscribe function. */
  subscribe(listener: (value: T | null) => void): () => void;
}

/** The latest weight snapshot. */
export type SnapshotRef = LatestRef<WeightSnapshot>;

/** Creates an empty holder. */
export function createLatestRef<T>(): LatestRef<T> {
  let current: T | null = null;
  const listeners = new Set<(value: T | null) => void>();
  return {
    get: () => current,
    set(value) {
      current = value;
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Creates an empty snapshot holder. */
export const createSnapshotRef = (): SnapshotRef => createLatestRef<WeightSnapshot>();
