/**
 * Plain-data types shared by the whole engine. This file imports only other
 * tfjs-free modules (type-only), so the main thread may import it without
 * pulling tfjs into its bundle.
 */
import type { AugSpec } from './data/augSpec';
import type { ConvLayerSpec } from './model/convSpec';

/** Every dataset the playground offers; also the values of the `dataset` URL key. */
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'plane' | 'friedman' | 'mnist' | 'custom';
export const DATASET_NAMES: readonly DatasetName[] = ['circle', 'xor', 'gauss', 'spiral', 'plane', 'friedman', 'mnist', 'custom'];

/** Classification uses softmax cross-entropy; regression uses mean squared error. */
export type Task = 'classification' | 'regression';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];

/** `momentum` is SGD with momentum 0.9. */
export type OptimizerName = 'adam' | 'sgd' | 'momentum';
export const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'sgd', 'momentum'];

/** A concrete tfjs backend. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** What the user may ask for: a concrete backend, or `auto` (measure and pick the fastest). */
export type BackendChoice = BackendName | 'auto';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** How a dataset is generated: `noisePercent` 0–50, `trainPercent` 10–90 (ignored by mnist: fixed 8,000/2,000). */
export interface DatasetConfig {
  name: DatasetName;
  noisePercent: number;
  trainPercent: number;
  seed: number;
  /** mnist only: keep the first trainSize rows of the seeded 8,000 training digits (1 … 8,000; default all). The test set is unchanged. */
  trainSize?: number;
  /** custom only: the student's points as canonical `pts` text (engine/data/ownPoints.ts); absent = none. */
  points?: string;
}

/** Static facts about a dataset, known without generating it. */
export interface DatasetInfo {
  name: DatasetName;
  task: Task;
  /** Features per sample: 2 for the toys, 10 for friedman, 784 for mnist. */
  inputDim: number;
  /** Output units: number of classes for classification (2 for the toys, 10 for mnist), 1 for regression. */
  outputDim: number;
  /** Total samples before the train/test split (custom: 0 in the catalogue; a built custom dataset holds its point count). */
  size: number;
}

/**
 * A generated, split dataset held as flat typed arrays (row-major).
 * `yTrain`/`yTest` hold class indices (as floats) for classification, targets for regression.
 */
export interface Dataset {
  info: DatasetInfo;
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  nTrain: number;
  nTest: number;
}

/**
 * A plain-data network: an MLP (input → dense hidden widths → output) or, with
 * `conv`, a CNN (input image → conv stack → flatten → dense hidden widths → output).
 */
export interface ModelSpec {
  inputDim: number;
  /** Dense hidden layer widths, input side first (after the Flatten of a CNN); e.g. [300, 100] for LeNet-300-100. May be empty. */
  hidden: number[];
  activation: Activation;
  outputDim: number;
  task: Task;
  /**
   * Present for a CNN: the image shape (height·width·channels = inputDim, rows stored
   * NHWC) and the conv stack in front of the dense layers; `pool` > 1 max-pools
   * pool×pool (stride pool, valid) after every conv layer.
   */
  conv?: { height: number; width: number; channels: number; layers: ConvLayerSpec[]; pool: number };
}

/**
 * One layer's parameters read out of the model: `kernel` is row-major [inDim × outDim].
 * For a conv layer inDim = kh·kw·cin and outDim = filters: the kernel is tfjs's HWIO
 * filter [kh, kw, cin, cout] in row-major order (row (i·kw + j)·cin + c, column = filter).
 */
export interface LayerWeights {
  inDim: number;
  outDim: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** Hyper-parameters of a training session. `learningRate` and `optimizer` are hot (change between steps). */
export interface TrainOptions {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  /** Seeds the weight init, the mini-batch shuffle and the dropout masks. */
  seed: number;
  /** λ₁ of the L1 penalty l1·Σ|w| on the kernels; default 0 (off). Hot. */
  l1?: number;
  /** λ₂ of the L2 penalty l2·Σw² on the kernels (Keras: no ½); default 0 (off). Hot. */
  l2?: number;
  /** Apply L1 by soft-thresholding after each update (exact zeros) instead of its subgradient; default false. Hot. */
  prox?: boolean;
  /** Inverted-dropout rate after every DENSE hidden activation while training (not after conv layers), in [0, 1); default 0 (off). Hot. */
  dropout?: number;
  /** Augmentation of the training batches of image datasets (inputDim 784); absent or identity = none. Hot. */
  augment?: AugSpec;
}

/** The regularisation of a training session (TrainOptions' l1, l2, prox, dropout with defaults filled in). */
export interface Regularisation {
  l1: number;
  l2: number;
  prox: boolean;
  dropout: number;
}

/** Test-set figures; `testAccuracy` is a fraction in [0, 1], NaN for regression. */
export interface EvalResult {
  testLoss: number;
  testAccuracy: number;
}

/** The outcome of trying one backend for `auto`. */
export interface BackendProbe {
  backend: BackendName;
  /** Measured training steps per second of the current model, when it ran. */
  stepsPerSecond?: number;
  /** Why it could not be used (initialisation failed, no adapter, …), in words a user can act on. */
  error?: string;
  /** Not measured: the probe's time budget was spent on the candidates before it (see probeBackends). */
  skipped?: 'budget';
  /** Wall time spent initialising and measuring it, ms. */
  ms?: number;
}
