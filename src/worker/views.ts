/**
 * What the "inside the network" views need from the worker, kept out of the
 * host's loop: the 2-D datasets' points (once per build), the decision
 * boundary over a fixed grid (at every snapshot), and the test-set
 * predictions turned into a regression scatter or a confusion matrix (at every
 * evaluation, from its own forward pass). Nothing here runs per training step.
 */
import { MNIST_PIXELS } from '../engine/data/mnist';
import { OWN_VIEW_EXTENT } from '../engine/data/ownPoints';
import { hiddenWidths } from '../engine/model/spec';
import type { Inference, TrainingSession } from '../engine/train/session';
import type { Dataset } from '../engine/types';
import { BOUNDARY_GRID, type FromWorker, type ModelView } from '../protocol/messages';

/** A hidden neuron: `layer` counts hidden layers from 0 (input side), `unit` the neuron in it. */
export interface NeuronRef {
  layer: number;
  unit: number;
}

/** Misclassified test samples sent with a confusion matrix, at most. */
export const MAX_MISCLASSIFIED = 24;
/** The boundary grid's square reaches this far beyond the data's largest |coordinate|. */
export const BOUNDARY_MARGIN = 1.1;

type Boundary = NonNullable<ModelView['boundary']>;

/**
 * The square a boundary grid covers: ±max(|x|, |y|) over all points × {@link BOUNDARY_MARGIN}, the same for both axes;
 * for the student's own points always ±OWN_VIEW_EXTENT, the square they draw in, so the boundary fills it.
 */
export function boundaryExtent(dataset: Dataset): number {
  if (dataset.info.name === 'custom') return OWN_VIEW_EXTENT;
  let m = 0;
  for (const xs of [dataset.xTrain, dataset.xTest]) for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i]));
  return (m > 0 ? m : 1) * BOUNDARY_MARGIN;
}

/**
 * The cell centres of a size × size grid over [−e, e]², row-major [size² × 2]:
 * row 0 at the top (y = e), column 0 at the left (x = −e).
 */
export function gridInputs(size: number, e: number): Float32Array {
  const x = new Float32Array(size * size * 2);
  const cell = (2 * e) / size;
  for (let r = 0; r < size; r++) {
    const y = e - (r + 0.5) * cell;
    for (let c = 0; c < size; c++) {
      const k = 2 * (r * size + c);
      x[k] = -e + (c + 0.5) * cell;
      x[k + 1] = y;
    }
  }
  return x;
}

/**
 * The confusion matrix of `predicted` (class indices as floats) against the
 * truth: counts[true · classes + predicted], and the first `max` wrong samples
 * in test order (mnist: with their 28×28 pixels, from the normalised floats).
 */
export function confusionOf(dataset: Dataset, predicted: Float32Array, max = MAX_MISCLASSIFIED): NonNullable<ModelView['confusion']> {
  const classes = dataset.info.outputDim;
  const counts = new Int32Array(classes * classes);
  const misclassified: NonNullable<ModelView['confusion']>['misclassified'] = [];
  const withPixels = dataset.info.name === 'mnist' && dataset.info.inputDim === MNIST_PIXELS;
  for (let i = 0; i < dataset.nTest; i++) {
    const label = dataset.yTest[i];
    const guess = predicted[i];
    counts[label * classes + guess]++;
    if (guess === label || misclassified.length >= max) continue;
    const sample: (typeof misclassified)[number] = { index: i, label, predicted: guess };
    if (withPixels) {
      const pixels = new Uint8Array(MNIST_PIXELS);
      const base = i * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) pixels[p] = Math.round(dataset.xTest[base + p] * 255);
      sample.pixels = pixels;
    }
    misclassified.push(sample);
  }
  return { classes, counts, misclassified };
}

/** The transferable buffers of a view (every array in it is a fresh copy). */
function transfers(view: ModelView): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (view.boundary) {
    out.push(view.boundary.values.buffer as ArrayBuffer);
    if (view.boundary.neuron) out.push(view.boundary.neuron.values.buffer as ArrayBuffer);
  }
  if (view.regression) out.push(view.regression.predicted.buffer as ArrayBuffer, view.regression.actual.buffer as ArrayBuffer);
  if (view.confusion) {
    out.push(view.confusion.counts.buffer as ArrayBuffer);
    for (const m of view.confusion.misclassified) if (m.pixels) out.push(m.pixels.buffer as ArrayBuffer);
  }
  return out;
}

/** A message and the buffers to transfer with it. */
export interface Outgoing {
  msg: FromWorker;
  transfer: ArrayBuffer[];
}

/**
 * The views of one built run (one dataset): the boundary grid is made once
 * here; each method builds a ready-to-post message with fresh arrays.
 */
export class ViewMaker {
  /** Whether the dataset has 2-D inputs (a boundary and points). */
  readonly planar: boolean;
  private readonly extent: number;
  private readonly grid: Float32Array | null;

  constructor(private readonly dataset: Dataset) {
    this.planar = dataset.info.inputDim === 2;
    this.extent = this.planar ? boundaryExtent(dataset) : 0;
    this.grid = this.planar ? gridInputs(BOUNDARY_GRID, this.extent) : null;
  }

  /** The 2-D datasets' points (copies; the session's tensors may share the originals), or null for the others. */
  points(runId: number): Outgoing | null {
    if (!this.planar) return null;
    const { xTrain, yTrain, xTest, yTest } = this.dataset;
    const msg = { type: 'points' as const, runId, xTrain: xTrain.slice(), yTrain: yTrain.slice(), xTest: xTest.slice(), yTest: yTest.slice() };
    return { msg, transfer: [msg.xTrain.buffer, msg.yTrain.buffer, msg.xTest.buffer, msg.yTest.buffer] as ArrayBuffer[] };
  }

  /**
   * The decision boundary of the session's network (one batched forward pass
   * over the grid, read back asynchronously): P(class 1) for classification,
   * the prediction for regression; with `watched`'s activation when it names a
   * hidden neuron of the current network (ignored when out of range). Null for
   * datasets that are not 2-D.
   */
  async boundary(session: TrainingSession, watched: NeuronRef | null): Promise<Boundary | null> {
    if (!this.grid) return null;
    const size = BOUNDARY_GRID;
    const n = size * size;
    const widths = hiddenWidths(session.spec);
    const neuron = watched !== null && watched.layer >= 0 && watched.layer < widths.length && watched.unit >= 0 && watched.unit < widths[watched.layer] ? watched : null;
    const res: Inference = await session.infer(this.grid, n, neuron ?? undefined);
    const { outputDim, task } = this.dataset.info;
    const values = new Float32Array(n);
    const col = task === 'classification' ? 1 : 0;
    for (let i = 0; i < n; i++) values[i] = res.output[i * outputDim + col];
    const e = this.extent;
    const boundary: Boundary = { size, xMin: -e, xMax: e, yMin: -e, yMax: e, values };
    if (neuron && res.hidden) boundary.neuron = { layer: neuron.layer, unit: neuron.unit, values: res.hidden };
    return boundary;
  }

  /** The view of a test-set evaluation's predictions: a regression scatter or a confusion matrix. */
  fromEvaluation(predictions: Float32Array): ModelView {
    if (this.dataset.info.task === 'regression') return { regression: { predicted: predictions, actual: this.dataset.yTest.slice() } };
    return { confusion: confusionOf(this.dataset, predictions) };
  }

  /** A `view` message of `view` (its arrays transferred). */
  static message(runId: number, step: number, view: ModelView): Outgoing {
    return { msg: { type: 'view', runId, step, view }, transfer: transfers(view) };
  }
}
