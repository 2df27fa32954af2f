import type { LotteryMode, ModelCost, PruneScope } from '../engine/prune/types';
import type { NotLearning } from '../engine/train/notLearning';
import type { BackendName, BackendProbe, LayerWeights } from '../engine/types';
import type { ExperimentConfig } from './config';

/**
 * Messages between the app (main thread) and the training worker.
 * Every message carries the `runId` of the run it belongs to; the bridge drops
 * anything whose runId is not the current one (a stale run).
 */

/** Main thread → worker. */
export type ToWorker =
  /** First message: where static assets live (e.g. `${assetBaseUrl}data/mnist-10k.bin`), resolved by the page. */
  | { type: 'init'; assetBaseUrl: string }
  /** Set the experiment. A change of a cold key (see COLD_KEYS) rebuilds the session under the new runId; hot keys apply between steps. */
  | { type: 'configure'; runId: number; config: ExperimentConfig }
  /** Train until paused. Commands whose runId is not the worker's current run are ignored. */
  | { type: 'play'; runId: number }
  /** Stop after the current burst; the worker then evaluates, posts metrics, a snapshot and phase `paused`. */
  | { type: 'pause'; runId: number }
  /** Train exactly `steps` steps, then pause. */
  | { type: 'step'; runId: number; steps: number }
  /**
   * Re-initialise the weights from the seed, step 0, same config and backend, and pause.
   * Reset starts a new run: `runId` is the new run's id (the bridge bumps it, so
   * anything still in flight from the old run is dropped).
   */
  | { type: 'reset'; runId: number }
  /**
   * Evaluate the current network, without retraining, at a range of
   * magnitude sparsities of its dense weights, ranked per layer or globally as
   * the config's `scope` says (as the sparsity slider prunes; neuron masks
   * kept), then restore it. Answered by a `sweep` message.
   */
  | { type: 'sweep'; runId: number }
  /**
   * Physically remove the neurons the keep-ratio masks (a smaller dense model,
   * same outputs), measuring cost and inference time before and after.
   * Answered by a `compacted` message (before = after when no neuron is masked).
   */
  | { type: 'compact'; runId: number }
  /**
   * Choose λ by k-fold cross-validation over the log grid cv_min … cv_max
   * (cv_points values) for the current dataset, network and penalty kind
   * (see {@link LambdaSweepResult.kind}), cv_steps steps per fold. Training
   * pauses; `job` messages report progress; answered by `lambdaSweep`.
   */
  | { type: 'lambdaSweep'; runId: number }
  /**
   * Regularise, then prune: train three networks from the same seed (none, L1
   * and L2, with λ = max(l1, l2) of the config) for rp_steps steps each, prune
   * each to a range of sparsities, evaluate, fine-tune rp_tune steps, evaluate
   * again. Training pauses; `job` progress; answered by `regPrune`.
   */
  | { type: 'regPrune'; runId: number }
  /** Stop the running job (λ sweep or regularise-then-prune); answered by a `job` message with `cancelled`. */
  | { type: 'cancelJob'; runId: number }
  /**
   * 2-D datasets: from now on, `view` messages also carry this hidden neuron's
   * output over the boundary grid (TensorFlow Playground's hover map); null stops it.
   * `layer` counts hidden layers from 0 (input side); `unit` is the neuron in it.
   */
  | { type: 'watchNeuron'; runId: number; neuron: { layer: number; unit: number } | null }
  /** mnist: the same 16 training digits, original and freshly augmented with the config's `aug`; answered by `augPreview`. */
  | { type: 'augPreview'; runId: number }
  /**
   * An imported model: replace the weights of run `runId` (sent right after the
   * configure or reset that started it, whose spec the layers must fit) with
   * `layers`, clearing every mask; the config's pruning rules then apply to
   * them as to fresh weights. The worker evaluates the test set and posts
   * metrics (with `latestEval`) and a snapshot at once, step unchanged (0).
   */
  | { type: 'loadWeights'; runId: number; layers: LayerWeights[] };

/** One point of the charts. Eval fields are present only on steps where the test set was evaluated. */
export interface MetricPoint {
  step: number;
  trainLoss: number;
  testLoss?: number;
  /** Fraction in [0,1]; absent for regression. */
  testAccuracy?: number;
  /** Fraction of prunable (kernel) weights exactly zero, on steps where the weights were read. */
  sparsity?: number;
  /** The same per kernel layer, input side first. */
  layerSparsity?: number[];
  /**
   * The regularisation penalty l1·Σ|w| + l2·Σw² at this step (kernels only), when
   * l1 or l2 is on. `trainLoss` stays the mean DATA loss (comparable with the test
   * loss); the optimised objective is trainLoss + penalty.
   */
  penalty?: number;
  /**
   * The masks changed at this step (θ, s, q·std, keep-ratio, compaction, an
   * imported model): the test figures of the network just BEFORE the change,
   * at `step` (the masks' step; kept when chart points merge). The point's own
   * testLoss / testAccuracy are the figures after it. Repeated changes at one
   * step keep the first "before". Gradual (schedule) pruning steps carry none.
   */
  beforePrune?: { step: number; testLoss: number; testAccuracy?: number };
}

/**
 * One test evaluation: over `rows` of the `total` test rows (a fixed, seeded
 * subset while training, so the figures stay fresh; all of them when training
 * stops and once a mask change has settled) at `step`.
 */
export interface TestEval {
  step: number;
  testLoss: number;
  /** NaN for regression. */
  testAccuracy: number;
  rows: number;
  total: number;
}

/**
 * The train (data) loss of the network as it is at `step`, evaluated (no
 * dropout) on `rows` of its `total` training rows: sent after the masks
 * changed, when the latest batch losses still describe the network before.
 * `penalty` is λ₁Σ|w| + λ₂Σw² of its weights (0 when off).
 */
export interface TrainEval {
  step: number;
  loss: number;
  penalty: number;
  rows: number;
  total: number;
}

/** The "not learning" notice (engine/train/notLearning.ts): the run's loss still sits at the constant-guess level after a fair budget. */
export type NotLearningNotice = NotLearning;

/** Cells per side of the decision-boundary grid. */
export const BOUNDARY_GRID = 50;

/**
 * The model's outputs for the views. Each field is present only for the
 * datasets it applies to, and only when it was recomputed:
 * - `boundary` (2-D datasets): at every snapshot (≤ 2/s) and after a mask change;
 * - `regression` (plane, friedman) and `confusion` (classification, mnist above all):
 *   at every test-set evaluation (they reuse its forward pass).
 */
export interface ModelView {
  boundary?: {
    /** Cells per side ({@link BOUNDARY_GRID}). */
    size: number;
    /** The square the grid covers, in input units: x from xMin to xMax, y from yMin to yMax. */
    xMin: number;
    xMax: number;
    yMin: number;
    yMax: number;
    /**
     * size × size values, row-major, row 0 at yMax (the top of a picture), column 0 at xMin,
     * sampled at cell centres: P(class 1) for the 2-class toys, the prediction for `plane`.
     */
    values: Float32Array;
    /** The watched neuron's activation over the same grid (see `watchNeuron`). */
    neuron?: { layer: number; unit: number; values: Float32Array };
  };
  /** Test-set predictions beside the truth (regression). */
  regression?: { predicted: Float32Array; actual: Float32Array };
  /** Classification on the test set: counts[true · classes + predicted]. */
  confusion?: {
    classes: number;
    counts: Int32Array;
    /** Up to 24 misclassified test samples (mnist: with their 28×28 pixels, 0–255, row-major). */
    misclassified: { index: number; label: number; predicted: number; pixels?: Uint8Array }[];
  };
}

/** A long action of the worker that pauses training: a λ sweep or the regularise-then-prune experiment. */
export type JobKind = 'lambdaSweep' | 'regPrune';

/** The outcome of cross-validating one λ. */
export interface LambdaPoint {
  lambda: number;
  /** Mean and (population) standard deviation over the folds of the validation data loss. */
  valMean: number;
  valStd: number;
  /** The same for the data loss on the training folds (no penalty). */
  trainMean: number;
  trainStd: number;
  /** Mean validation accuracy (NaN for regression). */
  valAccuracy: number;
}

export interface LambdaSweepResult {
  /** Which λ was varied: l1 (L1 only), l2 (L2 only), or elastic (λ₁ = λ₂ = λ). Penalty kind none sweeps l2. */
  kind: 'l1' | 'l2' | 'elastic';
  /** Whether L1 used the proximal step (the config's prox). */
  prox: boolean;
  k: number;
  stepsPerFold: number;
  /** One point per grid λ, ascending. */
  points: LambdaPoint[];
  /** The grid λ with the lowest mean validation loss. */
  bestLambda: number;
}

/** One arm of the regularise-then-prune experiment at one sparsity. */
export interface RegPrunePoint {
  /** Fraction of kernel weights masked (global magnitude). */
  sparsity: number;
  /** Right after pruning, no retraining. Accuracy NaN for regression. */
  before: { testLoss: number; testAccuracy: number };
  /** After rp_tune fine-tuning steps with the mask held. */
  after: { testLoss: number; testAccuracy: number };
}

export interface RegPruneResult {
  lambda: number;
  steps: number;
  tuneSteps: number;
  /** The three arms, in this order: none, l1, l2; each with the dense network's figures and one point per sparsity level. */
  arms: { arm: 'none' | 'l1' | 'l2'; dense: { testLoss: number; testAccuracy: number }; points: RegPrunePoint[] }[];
}

/** The current model's size and sparsity (sent with every metrics message). */
export interface ModelStats extends ModelCost {
  /** Kernel weights per layer (the prunable ones; biases are never pruned by θ). */
  layerTotals: number[];
  /** Kernel weights exactly zero per layer, in the effective (masked) weights. */
  layerZeros: number[];
  /** True once `compact` has removed neurons (reset undoes it). */
  compacted: boolean;
  /**
   * Per kernel layer, the magnitude cut of the current weight mask: θ, q·std(W_ℓ),
   * or the smallest kept |w| for a sparsity target / schedule / lottery; 0 when nothing is masked.
   */
  thresholds: number[];
  /** Steps trained since the weight mask last changed, while some weight was masked (fine-tuning); 0 when dense. */
  fineTuneSteps: number;
}

/** One point of the accuracy-vs-sparsity sweep (no retraining). */
export interface SweepPoint {
  sparsity: number;
  testLoss: number;
  /** NaN for regression. */
  testAccuracy: number;
}

/** A model's cost with its measured inference time. */
export interface MeasuredCost extends ModelCost {
  /** Median wall time of one forward pass over a batch of `inferenceRows` test rows, read back, ms. */
  inferenceMs: number;
  inferenceRows: number;
}

/** One row of the lottery-ticket table. Round 0 is the dense network. */
export interface LotteryRow {
  round: number;
  mode: Exclude<LotteryMode, 'off'>;
  /** Fraction of the prunable weights still unmasked during this round. */
  remaining: number;
  /** Test accuracy at the end of the round (NaN for regression). */
  testAccuracy: number;
  testLoss: number;
  /** Best test accuracy seen during the round (NaN for regression). */
  bestAccuracy: number;
  /** Global step at the end of the round. */
  step: number;
}

export type RunPhase = 'idle' | 'loading' | 'measuring' | 'paused' | 'training' | 'diverged' | 'error';

/** Worker → main thread. */
export type FromWorker =
  | { type: 'phase'; runId: number; phase: RunPhase; message?: string }
  /** Dataset loading progress (mnist), bytes. `total` 0 when unknown. */
  | { type: 'progress'; runId: number; loaded: number; total: number }
  /** The active backend; `probes` when `auto` measured, `fallbackFrom` + `reason` when a backend failed. */
  | { type: 'backend'; runId: number; backend: BackendName; probes?: BackendProbe[]; fallbackFrom?: BackendName; reason?: string }
  /** New chart points since the last message and the header figures; a few times a second. */
  | {
      type: 'metrics';
      runId: number;
      points: MetricPoint[];
      step: number;
      epoch: number;
      /**
       * Training throughput: steps ÷ wall-clock seconds over the last ~1 s of
       * training (bursts, evaluation and messaging included; paused time excluded).
       * 0 while not training.
       */
      stepsPerSecond: number;
      /** The current model's cost and sparsity. */
      model: ModelStats;
      /**
       * The latest test evaluation, when one happened since the last message,
       * including one made at an unchanged step (a mask change while paused),
       * with the rows it is over.
       */
      latestEval?: TestEval;
      /** The pruned network's evaluated train loss, when the masks changed since the last message (see {@link TrainEval}). */
      trainEval?: TrainEval;
      /** The "not learning" notice in force; null or absent: none (it clears once the loss falls). */
      notLearning?: NotLearningNotice | null;
    }
  /**
   * Weights after `step`, as transferred arrays. `layers` are the DENSE weights
   * (PyTorch's `weight_orig`: a pruned entry keeps the value it had when it was
   * masked); `masks` the kernel masks in effect (1 = kept; null = all kept) and
   * `neurons` the keep masks of the hidden layers (null = all kept). The network
   * computes with kernel ⊙ mask and bias ⊙ neurons.
   */
  | {
      type: 'snapshot';
      runId: number;
      step: number;
      layers: LayerWeights[];
      masks: (Uint8Array | null)[];
      neurons: (Uint8Array | null)[];
    }
  /** The answer to a `sweep` command: accuracy vs sparsity of the network at `step`, pruned per layer or globally (`scope`, as the slider). */
  | { type: 'sweep'; runId: number; step: number; scope: PruneScope; points: SweepPoint[] }
  /** The answer to `compact`: the model before (masked) and after (compacted). */
  | { type: 'compacted'; runId: number; step: number; before: MeasuredCost; after: MeasuredCost }
  /** The lottery-ticket table so far; `done` after the last round (training then pauses). */
  | { type: 'lottery'; runId: number; rows: LotteryRow[]; done: boolean }
  /**
   * Progress of a job: `done` of `total` units (fold trainings, or network
   * trainings + fine-tunings), `label` says what runs now. A last message with
   * `finished` (result sent just before) or `cancelled` ends it.
   */
  | { type: 'job'; runId: number; job: JobKind; done: number; total: number; label: string; finished?: boolean; cancelled?: boolean }
  | { type: 'lambdaSweep'; runId: number; result: LambdaSweepResult }
  /**
   * The dataset's points, once per run after the build, for the 2-D datasets
   * (circle, xor, gauss, spiral, plane): row-major [n × 2] inputs and their
   * labels (class index as float) or targets. Not sent for friedman or mnist.
   */
  | { type: 'points'; runId: number; xTrain: Float32Array; yTrain: Float32Array; xTest: Float32Array; yTest: Float32Array }
  /**
   * The augmentation preview: `count` digits (16), 28×28 pixels each (0–255,
   * row-major, digit after digit) as the network would see them unaugmented
   * (`originals`) and in one random draw of the current augmentation (`augmented`).
   */
  | { type: 'augPreview'; runId: number; count: number; labels: number[]; originals: Uint8Array; augmented: Uint8Array }
  /** What the model does, for the "inside the network" views (see {@link ModelView}); transferred arrays. */
  | { type: 'view'; runId: number; step: number; view: ModelView }
  | { type: 'regPrune'; runId: number; result: RegPruneResult }
  | { type: 'error'; runId: number; message: string };
