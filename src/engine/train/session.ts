/**
 * The training loop: one model, one optimizer and the dataset's tensors, owned
 * together. The worker drives it in bursts (`trainSteps(n)`), changes hot
 * options between bursts and reads weights and metrics out as typed arrays.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset, EvalResult, LayerWeights, MlpSpec, OptimizerName, TrainOptions } from '../types';
import { Rng } from '../rng';
import { buildMlp, type Mlp } from '../model/mlp';
import { correctCount, dataLoss, targetTensor } from './losses';
import { disposeOptimizer, makeOptimizer, setOptimizerLearningRate } from './optimizers';

/** What a hook sees: `step` is the number of optimizer steps completed before this one (0 for the first). */
export interface StepContext {
  step: number;
  model: Mlp;
}

/** Extension points for later features (pruning masks, proximal L1). */
export interface StepHook {
  /**
   * Runs inside tf.tidy before the update; may return replaced gradients (e.g. grad ⊙ mask),
   * keyed by variable name (`model.kernels[i].name`, `model.biases[i].name`). Tensors it creates
   * are freed by the step's tidy. A variable missing from the returned map is not updated.
   */
  transformGradients?(grads: tf.NamedTensorMap, ctx: StepContext): tf.NamedTensorMap;
  /** Runs after the optimizer update (e.g. re-apply a mask, soft-threshold), inside the step's tf.tidy. Must not leak tensors. */
  afterUpdate?(ctx: StepContext): void;
}

/** Test rows evaluated per forward pass, to bound the activations' memory on large sets. */
export const EVAL_CHUNK = 1000;

/**
 * A training session. It owns every tensor it creates (data, model, optimizer);
 * call `dispose()` when done. Weight init uses Rng(options.seed); the mini-batch
 * order uses Rng(options.seed + 1): each epoch is a fresh Fisher–Yates
 * permutation of the train rows, cut into consecutive batches of `batchSize`
 * (each batch's row indices uploaded as int32 and tf.gather'ed); the last
 * nTrain mod batchSize rows of a permutation are skipped, so every batch has
 * the same shape (no shader recompiles on GPU backends).
 */
export class TrainingSession {
  private readonly model: Mlp;
  private readonly data: Dataset;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor2D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor2D;
  private readonly vars: tf.Variable[];
  private readonly shuffleRng: Rng;
  private readonly perm: Int32Array;
  private optimizer: tf.Optimizer;
  private opts: TrainOptions;
  private hooks: StepHook[] = [];
  private cursor = 0;
  private steps: number;
  private epochs: number;
  private disposed = false;

  /**
   * The dataset's arrays are uploaded (on cpu, referenced without a copy): do not mutate them afterwards.
   * @param init.weights start from these weights instead of the seeded init (e.g. after a backend fallback).
   * @param init.step the step counter to resume from; the epoch counter starts at ⌊step / ⌊nTrain / batch⌋⌋
   *   and a fresh permutation is drawn (the exact batch order of the old session is not replayed).
   */
  constructor(dataset: Dataset, spec: MlpSpec, options: TrainOptions, init?: { weights?: LayerWeights[]; step?: number }) {
    if (spec.inputDim !== dataset.info.inputDim || spec.outputDim !== dataset.info.outputDim) {
      throw new Error(
        `TrainingSession: spec ${spec.inputDim}→${spec.outputDim} does not fit dataset ${dataset.info.name} (${dataset.info.inputDim}→${dataset.info.outputDim})`,
      );
    }
    this.data = dataset;
    const { info } = dataset;
    this.opts = { ...options, batchSize: this.clampBatch(options.batchSize) };
    this.model = buildMlp(spec, options.seed);
    try {
      if (init?.weights) this.model.setWeights(init.weights);
    } catch (e) {
      this.model.dispose();
      throw e;
    }
    this.vars = this.model.trainableVariables();
    this.xTrain = tf.tensor2d(dataset.xTrain, [dataset.nTrain, info.inputDim]);
    this.yTrain = targetTensor(dataset.yTrain, info.task, info.outputDim);
    this.xTest = tf.tensor2d(dataset.xTest, [dataset.nTest, info.inputDim]);
    this.yTest = targetTensor(dataset.yTest, info.task, info.outputDim);
    this.optimizer = makeOptimizer(options.optimizer, options.learningRate);
    this.shuffleRng = new Rng(options.seed + 1);
    this.perm = new Int32Array(dataset.nTrain);
    for (let i = 0; i < dataset.nTrain; i++) this.perm[i] = i;
    this.shuffleRng.shuffle(this.perm);
    this.steps = init?.step ?? 0;
    this.epochs = Math.floor(this.steps / Math.floor(dataset.nTrain / this.opts.batchSize));
  }

  /** Optimizer steps taken. */
  get step(): number {
    return this.steps;
  }

  /** Completed passes over the train set (an integer). */
  get epoch(): number {
    return this.epochs;
  }

  /** The current options, after hot changes; `batchSize` is the effective one (clamped to [1, nTrain]). */
  get options(): TrainOptions {
    return { ...this.opts };
  }

  /**
   * Trains n steps; returns the n train losses (mean data loss per batch). Reads losses back ONCE
   * per call (async data() on a stacked tensor) so GPU backends are not stalled every step.
   * NaN or ±Infinity losses are returned as they are; the caller decides what divergence means.
   */
  async trainSteps(n: number): Promise<Float32Array> {
    this.assertLive();
    if (n <= 0) return new Float32Array(0);
    const losses: tf.Scalar[] = [];
    let stacked: tf.Tensor;
    try {
      for (let i = 0; i < n; i++) losses.push(this.stepOnce());
      stacked = tf.stack(losses);
    } finally {
      // Also on a throwing hook: the losses of the steps already taken must not leak.
      tf.dispose(losses);
    }
    try {
      return (await stacked.data()) as Float32Array;
    } finally {
      stacked.dispose();
    }
  }

  /** One mini-batch step; returns the batch's loss (kept, owned by the caller). */
  private stepOnce(): tf.Scalar {
    const b = this.opts.batchSize;
    this.ensureRoom(b);
    // A copy, not a view: GPU backends may upload it after the permutation is reshuffled.
    const rows = this.perm.slice(this.cursor, this.cursor + b);
    this.cursor += b;
    const ctx: StepContext = { step: this.steps, model: this.model };
    const { task } = this.data.info;
    const loss = tf.tidy(() => {
      // Gather reads only the batch's rows on every backend (a slice of a big tensor is a full copy on wasm).
      const indices = tf.tensor1d(rows, 'int32');
      const xb = tf.gather(this.xTrain, indices);
      const yb = tf.gather(this.yTrain, indices);
      const { value, grads } = tf.variableGrads(() => dataLoss(task, yb, this.model.forward(xb)), this.vars);
      let g = grads;
      for (const h of this.hooks) if (h.transformGradients) g = h.transformGradients(g, ctx);
      if (g !== grads) {
        // Adam and momentum index their slots by key position: keep the variables' order.
        const ordered: tf.NamedTensorMap = {};
        for (const v of this.vars) if (g[v.name]) ordered[v.name] = g[v.name];
        g = ordered;
      }
      this.optimizer.applyGradients(g);
      for (const h of this.hooks) h.afterUpdate?.(ctx);
      return value;
    });
    this.steps++;
    this.ensureRoom(b);
    return loss;
  }

  /** Starts a new epoch (fresh permutation) when fewer than b rows remain in the current one. */
  private ensureRoom(b: number): void {
    if (this.cursor + b <= this.data.nTrain) return;
    this.epochs++;
    this.cursor = 0;
    this.shuffleRng.shuffle(this.perm);
  }

  /**
   * Full test set: mean data loss over all nTest rows (evaluated in chunks of EVAL_CHUNK, weighted
   * by chunk size) and accuracy in [0, 1] (NaN for regression). One async read-back.
   */
  async evaluate(): Promise<EvalResult> {
    this.assertLive();
    const { task } = this.data.info;
    const nTest = this.data.nTest;
    const totals = tf.tidy(() => {
      let lossSum: tf.Tensor = tf.scalar(0);
      let correct: tf.Tensor = tf.scalar(0);
      for (let start = 0; start < nTest; start += EVAL_CHUNK) {
        const size = Math.min(EVAL_CHUNK, nTest - start);
        const whole = size === nTest;
        const xb = whole ? this.xTest : tf.slice(this.xTest, [start, 0], [size, -1]);
        const yb = whole ? this.yTest : tf.slice(this.yTest, [start, 0], [size, -1]);
        const out = this.model.forward(xb);
        lossSum = tf.add(lossSum, tf.mul(dataLoss(task, yb, out), size));
        if (task === 'classification') correct = tf.add(correct, correctCount(yb, out));
      }
      return tf.div(tf.stack([lossSum, correct]), nTest);
    });
    try {
      const [testLoss, acc] = await totals.data();
      return { testLoss, testAccuracy: task === 'classification' ? acc : NaN };
    } finally {
      totals.dispose();
    }
  }

  /** Hot: the next step uses step size `lr`; the optimizer keeps its state (Adam moments, momentum). */
  setLearningRate(lr: number): void {
    this.assertLive();
    this.opts.learningRate = lr;
    setOptimizerLearningRate(this.optimizer, lr);
  }

  /** Hot: replaces the optimizer with a fresh one at the current learning rate; its state starts from zero. */
  setOptimizer(name: OptimizerName): void {
    this.assertLive();
    disposeOptimizer(this.optimizer);
    this.optimizer = makeOptimizer(name, this.opts.learningRate);
    this.opts.optimizer = name;
  }

  /** Hot: later steps use batches of b rows (clamped to [1, nTrain]); the current permutation continues. */
  setBatchSize(b: number): void {
    this.assertLive();
    this.opts.batchSize = this.clampBatch(b);
  }

  /** Adds a hook (run in insertion order); returns a function that removes it. */
  addHook(h: StepHook): () => void {
    this.hooks.push(h);
    return () => {
      this.hooks = this.hooks.filter((x) => x !== h);
    };
  }

  /** Copies of the current weights, read synchronously (see Mlp.getWeights). */
  getWeights(): LayerWeights[] {
    this.assertLive();
    return this.model.getWeights();
  }

  /** Copies of the current weights, read asynchronously: safe on every backend, WebGPU included. */
  readWeights(): Promise<LayerWeights[]> {
    this.assertLive();
    return this.model.readWeights();
  }

  /**
   * Predictions for arbitrary inputs (later: decision boundary grid). `x` is row-major
   * [n × inputDim]. Returns n × outputDim values: softmax class probabilities for
   * classification (rows sum to 1), raw predictions for regression. Synchronous (dataSync).
   */
  predict(x: Float32Array, n: number): Float32Array {
    this.assertLive();
    const d = this.data.info.inputDim;
    if (x.length !== n * d) throw new Error(`predict: got ${x.length} values for ${n} rows of ${d}`);
    if (n === 0) return new Float32Array(0);
    return tf.tidy(() => {
      const out = this.model.forward(tf.tensor2d(x, [n, d]));
      const y = this.data.info.task === 'classification' ? tf.softmax(out) : out;
      return new Float32Array(y.dataSync());
    });
  }

  /** Frees every tensor it owns: data tensors, model, optimizer. Later calls throw. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.hooks = [];
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest]);
    this.model.dispose();
    disposeOptimizer(this.optimizer);
  }

  private clampBatch(b: number): number {
    if (!Number.isFinite(b) || b < 1) throw new Error(`batch size ${b} must be a positive integer`);
    return Math.min(Math.floor(b), this.data.nTrain);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('TrainingSession: used after dispose()');
  }
}
