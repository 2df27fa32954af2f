import type { LayerWeights } from '../engine/types';

/** The latest weights the worker sent: after `step` of run `runId`. */
export interface WeightSnapshot {
  runId: number;
  step: number;
  layers: LayerWeights[];
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
