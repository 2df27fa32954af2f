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
 * A holder for the latest weight snapshot, kept outside React state: canvases
 * (heatmaps, decision boundary) redraw from it through {@link SnapshotRef.subscribe}
 * instead of re-rendering components (a transient subscription).
 */
export interface SnapshotRef {
  /** The latest snapshot, or null before the first one of the current run. */
  get(): WeightSnapshot | null;
  set(snapshot: WeightSnapshot | null): void;
  /** Calls `listener` on every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: WeightSnapshot | null) => void): () => void;
}

/** Creates an empty snapshot holder. */
export function createSnapshotRef(): SnapshotRef {
  let current: WeightSnapshot | null = null;
  const listeners = new Set<(snapshot: WeightSnapshot | null) => void>();
  return {
    get: () => current,
    set(snapshot) {
      current = snapshot;
      for (const listener of listeners) listener(snapshot);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
