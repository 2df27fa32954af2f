import type { ModelView } from '../protocol/messages';
import type { LatestRef } from './snapshot';

/** The current run's 2-D points (train and test), as the worker sent them once per run. */
export interface DatasetPoints {
  runId: number;
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
}

/**
 * The latest model views of the current run, merged: each `view` message
 * replaces only the fields it carries (the boundary arrives with snapshots,
 * the confusion matrix and regression scatter with evaluations).
 */
export interface ViewState {
  runId: number;
  /** Step of the latest message that changed anything. */
  step: number;
  points: DatasetPoints | null;
  boundary: ModelView['boundary'] | null;
  regression: ModelView['regression'] | null;
  confusion: ModelView['confusion'] | null;
}

/** The views, outside React state (canvases subscribe; small React parts use `useLatest`). */
export type ViewRef = LatestRef<ViewState>;

/** An empty view of run `runId`. */
export function emptyView(runId: number): ViewState {
  return { runId, step: 0, points: null, boundary: null, regression: null, confusion: null };
}

/** `prev` with `view`'s fields merged in (a boundary without a watched neuron drops the old neuron map). */
export function mergeView(prev: ViewState, step: number, view: ModelView): ViewState {
  return {
    ...prev,
    step,
    boundary: view.boundary ?? prev.boundary,
    regression: view.regression ?? prev.regression,
    confusion: view.confusion ?? prev.confusion,
  };
}
