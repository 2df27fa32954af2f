/**
 * The training loop: one model, one optimizer and the dataset's tensors, owned
 * together. The worker drives it in bursts (`trainSteps(n)`), changes hot
 * options between bursts and reads weights and metrics out as typed arrays.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset, EvalResult, LayerWeights, ModelSpec, OptimizerName, Regularisation, TrainOptions } from '../types';
import { Rng } from '../rng';
import { buildNetwork, forwardNet, type Network } from '../model/network';
import { hiddenWidths, layerShapes, withHiddenWidths } from '../model/spec';
import type { LayerMask } from '../prune/types';
import { maskedWeights } from '../prune/structured';
import { dataLoss, targetTensor } from './losses';
import { RowSubsets, evaluateChunks, evaluateParts, inferRows, type Evaluation, type Inference, type PartEvaluation } from './evaluate';
import { VariableMasks } from './masking';
import { disposeOptimizer, makeOptimizer, setOptimizerLearningRate } from './optimizers';
import { importanceTensor, sampleRows, timeForward } from './probe';
import { penaltyGradient, penaltyTensor, softThreshold } from '../regularise/ops';
import { isIdentityAug, type AugSpec } from '../data/augSpec';
import { AUG_SIDE, augmentImages } from '../data/augment';

export { EVAL_CHUNK, EVAL_PART_ROWS, type Evaluation, type Inference, type PartEvaluation } from './evaluate';

/** Salts of the seeds of the quick-evaluation subsets (test rows, train rows): Rng(seed ^ salt), apart from the init, shuffle and importance streams. */
const TEST_SUBSET_SALT = 0x7e57;
const TRAIN_SUBSET_SALT = 0x7a19;

/** What `trainSteps(n)` returns: n values each. */
export interface StepLosses {
  /** Mean DATA loss of each step's batch (no penalty), as evaluate() reports it. */
  loss: Float32Array;
  /** The penalty l1·Σ|w| + l2·Σw² (kernels) of the weights each step's gradient was taken at; 0 when l1 = l2 = 0. */
  penalty: Float32Array;
}

/** The regularisation in `o`, defaults filled in (0, false); throws on a negative or non-finite λ or a rate outside [0, 1). */
function regularisationOf(o: { l1?: number; l2?: number; prox?: boolean; dropout?: number }): Regularisation {
  const r: Regularisation = { l1: o.l1 ?? 0, l2: o.l2 ?? 0, prox: o.prox ?? false, dropout: o.dropout ?? 0 };
  if (!(r.l1 >= 0 && Number.isFinite(r.l1)) || !(r.l2 >= 0 && Number.isFinite(r.l2))) throw new Error(`regularisation: λ must be finite and ≥ 0, got l1 = ${r.l1}, l2 = ${r.l2}`);
  if (!(r.dropout >= 0 && r.dropout < 1)) throw new Error(`regularisation: dropout rate ${r.dropout} must be in [0, 1)`);
  return r;
}

/** The dropout seed of (dense) hidden layer `layer` at step `step` of a run seeded `seed` (a 32-bit mix, then one mulberry32 draw). */
export function dropoutSeed(seed: number, step: number, layer: number): number {
  const mixed = (seed | 0) ^ Math.imul(step + 1, 0x9e3779b1) ^ Math.imul(layer + 1, 0x85ebca6b);
  return Math.floor(new Rng(mixed).next() * 4294967296);
}

/** The augmentation Rng seed of step `step` of a run seeded `seed` (a 32-bit mix, distinct from the dropout seeds'). */
export function augmentSeed(seed: number, step: number): number {
  return (seed | 0) ^ Math.imul(step + 1, 0x27d4eb2f) ^ 0x165667b1;
}

/** What `previewAugmentation` returns: `count` rows of 784 pixels in [0, 1], row after row. */
export interface AugPreview {
  labels: number[];
  originals: Float32Array;
  augmented: Float32Array;
}

/** What a hook sees: `step` is the number of optimizer steps completed before this one (0 for the first). */
export interface StepContext {
  step: number;
  model: Network;
}

/**
 * Extension points around the optimizer update. Masks, penalties and the
 * proximal step are built into the step itself; hooks are for experiments
 * (and tests) that need to see or change gradients.
 */
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
  private readonly model: Network;
  private readonly data: Dataset;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor2D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor2D;
  private readonly vars: tf.Variable[];
  private readonly shuffleRng: Rng;
  private readonly perm: Int32Array;
  /**
   * `perm` on the backend, uploaded once per epoch: each step slices its batch's
   * row indices out of it instead of uploading them (an upload per step is a
   * texture or buffer write the bare tfjs loop does not pay).
   */
  private permTensor: tf.Tensor1D;
  private optimizer: tf.Optimizer;
  private opts: TrainOptions;
  /** l1, l2, prox, dropout with defaults; all zero/false costs nothing per step. */
  private reg: Regularisation;
  private hooks: StepHook[] = [];
  /** Augmentation of the training batches; null = none (no per-step cost). Only for 28×28 image datasets. */
  private aug: AugSpec | null = null;
  /** Pruning masks on the device; null when the model is dense (no per-step cost). */
  private masks: VariableMasks | null = null;
  /** Fixed seeded subsets of the test and train rows for quick evaluations. */
  private readonly testSubsets: RowSubsets;
  private readonly trainSubsets: RowSubsets;
  private cursor = 0;
  private steps: number;
  private epochs: number;
  private disposed = false;

  /**
   * The dataset's arrays are uploaded (on cpu, referenced without a copy): do not mutate them afterwards.
   * @param init.weights start from these weights instead of the seeded init (e.g. after a backend fallback).
   * @param init.step the step counter to resume from; the epoch counter starts at ⌊step / ⌊nTrain / batch⌋⌋
   *   and a fresh permutation is drawn (the exact batch order of the old session is not replayed).
   * @param init.masks pruning masks, applied as by `setMasks` (a fallback or a compaction resumes masked).
   */
  constructor(dataset: Dataset, spec: ModelSpec, options: TrainOptions, init?: { weights?: LayerWeights[]; step?: number; masks?: LayerMask[] | null }) {
    if (spec.inputDim !== dataset.info.inputDim || spec.outputDim !== dataset.info.outputDim) {
      throw new Error(
        `TrainingSession: spec ${spec.inputDim}→${spec.outputDim} does not fit dataset ${dataset.info.name} (${dataset.info.inputDim}→${dataset.info.outputDim})`,
      );
    }
    this.data = dataset;
    const { info } = dataset;
    this.opts = { ...options, batchSize: this.clampBatch(options.batchSize) };
    this.reg = regularisationOf(options);
    this.aug = this.augmentationFor(options.augment);
    if (!this.aug) delete this.opts.augment;
    this.model = buildNetwork(spec, options.seed);
    try {
      if (init?.weights) this.model.setWeights(init.weights);
      this.masks = VariableMasks.create(this.model, init?.masks);
      if (this.masks) tf.tidy(() => this.masks?.apply());
    } catch (e) {
      this.masks?.dispose();
      this.model.dispose();
      throw e;
    }
    this.vars = this.model.trainableVariables();
    this.xTrain = tf.tensor2d(dataset.xTrain, [dataset.nTrain, info.inputDim]);
    this.yTrain = targetTensor(dataset.yTrain, info.task, info.outputDim);
    this.xTest = tf.tensor2d(dataset.xTest, [dataset.nTest, info.inputDim]);
    this.yTest = targetTensor(dataset.yTest, info.task, info.outputDim);
    this.testSubsets = new RowSubsets(this.xTest, this.yTest, dataset.nTest, new Rng(options.seed ^ TEST_SUBSET_SALT));
    this.trainSubsets = new RowSubsets(this.xTrain, this.yTrain, dataset.nTrain, new Rng(options.seed ^ TRAIN_SUBSET_SALT));
    this.optimizer = makeOptimizer(options.optimizer, options.learningRate);
    this.shuffleRng = new Rng(options.seed + 1);
    this.perm = new Int32Array(dataset.nTrain);
    for (let i = 0; i < dataset.nTrain; i++) this.perm[i] = i;
    this.shuffleRng.shuffle(this.perm);
    this.permTensor = tf.tensor1d(this.perm, 'int32');
    this.steps = init?.step ?? 0;
    this.epochs = Math.floor(this.steps / Math.floor(dataset.nTrain / this.opts.batchSize));
  }

  /** The model's spec (a deep copy). */
  get spec(): ModelSpec {
    const { conv, hidden } = this.model.spec;
    const copy: ModelSpec = { ...this.model.spec, hidden: [...hidden] };
    if (conv) copy.conv = { ...conv, layers: conv.layers.map((l) => ({ ...l })) };
    return copy;
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
   * Trains n steps; returns per step the mean data loss of its batch and the penalty of the
   * weights its gradient was taken at (zeros when l1 = l2 = 0). Reads back ONCE per call
   * (async data() on one stacked tensor) so GPU backends are not stalled every step.
   * NaN or ±Infinity losses are returned as they are; the caller decides what divergence means.
   */
  async trainSteps(n: number): Promise<StepLosses> {
    this.assertLive();
    if (n <= 0) return { loss: new Float32Array(0), penalty: new Float32Array(0) };
    const losses: tf.Scalar[] = [];
    const penalties: (tf.Scalar | null)[] = [];
    let stacked: tf.Tensor;
    try {
      for (let i = 0; i < n; i++) {
        const [loss, penalty] = this.stepOnce();
        losses.push(loss);
        penalties.push(penalty);
      }
      stacked = tf.tidy(() => {
        if (penalties.every((p) => p === null)) return tf.stack(losses);
        // setRegularisation between steps (e.g. from a hook): steps without a penalty count 0.
        return tf.stack([tf.stack(losses), tf.stack(penalties.map((p) => p ?? tf.scalar(0)))]);
      });
    } finally {
      // Also on a throwing hook: the losses of the steps already taken must not leak.
      tf.dispose(losses);
      tf.dispose(penalties.filter((p): p is tf.Scalar => p !== null));
    }
    try {
      const flat = (await stacked.data()) as Float32Array;
      if (stacked.rank === 1) return { loss: flat, penalty: new Float32Array(n) };
      return { loss: flat.slice(0, n), penalty: flat.slice(n, 2 * n) };
    } finally {
      stacked.dispose();
    }
  }

  /**
   * One mini-batch step; returns the batch's data loss and, when l1 or l2 > 0, the penalty of
   * the pre-step kernels (both kept, owned by the caller). The penalty's gradient (2·l2·w, plus
   * l1·sign(w) unless prox) is added to the kernels' data gradients before masks and hooks;
   * with prox, kernels are soft-thresholded by η·l1 right after the optimizer update.
   */
  private stepOnce(): [tf.Scalar, tf.Scalar | null] {
    const b = this.opts.batchSize;
    this.ensureRoom(b);
    const from = this.cursor;
    this.cursor += b;
    const ctx: StepContext = { step: this.steps, model: this.model };
    const { task } = this.data.info;
    const { l1, l2, prox, dropout } = this.reg;
    const penalised = l1 > 0 || l2 > 0;
    const { kernels, biases, spec } = this.model;
    const forward =
      dropout > 0
        ? (x: tf.Tensor2D) => {
            // One seed per DENSE hidden layer: a CNN's conv layers are never dropped.
            const seeds = spec.hidden.map((_, i) => dropoutSeed(this.opts.seed, ctx.step, i));
            return forwardNet(spec, x, kernels, biases, { dropout: { rate: dropout, seeds } });
          }
        : (x: tf.Tensor2D) => this.model.forward(x);
    const out = tf.tidy(() => {
      // Gather reads only the batch's rows on every backend (a slice of a big tensor is a full copy on wasm).
      const indices = tf.slice(this.permTensor, [from], [b]);
      const xg = tf.gather(this.xTrain, indices);
      const xb = this.aug ? augmentImages(xg, this.aug, new Rng(augmentSeed(this.opts.seed, ctx.step))) : xg;
      const yb = tf.gather(this.yTrain, indices);
      const penalty = penalised ? penaltyTensor(kernels, l1, l2) : null;
      const { value, grads } = tf.variableGrads(() => dataLoss(task, yb, forward(xb)), this.vars);
      let g = grads;
      if (penalised) {
        g = { ...grads };
        for (const k of kernels) {
          const pg = penaltyGradient(k, l1, l2, prox);
          if (pg && g[k.name]) g[k.name] = tf.add(g[k.name], pg);
        }
      }
      if (this.masks) g = this.masks.maskGradients(g);
      for (const h of this.hooks) if (h.transformGradients) g = h.transformGradients(g, ctx);
      if (g !== grads) {
        // Adam and momentum index their slots by key position: keep the variables' order.
        const ordered: tf.NamedTensorMap = {};
        for (const v of this.vars) if (g[v.name]) ordered[v.name] = g[v.name];
        g = ordered;
      }
      this.optimizer.applyGradients(g);
      if (prox && l1 > 0) {
        const t = this.opts.learningRate * l1;
        for (const k of kernels) k.assign(softThreshold(k, t));
      }
      for (const h of this.hooks) h.afterUpdate?.(ctx);
      // Last, so no hook can leave a masked entry non-zero.
      this.masks?.apply();
      return penalty ? [value, penalty] : [value];
    });
    this.steps++;
    this.ensureRoom(b);
    return [out[0], out[1] ?? null];
  }

  /** Starts a new epoch (fresh permutation) when fewer than b rows remain in the current one. */
  private ensureRoom(b: number): void {
    if (this.cursor + b <= this.data.nTrain) return;
    this.epochs++;
    this.cursor = 0;
    this.shuffleRng.shuffle(this.perm);
    this.permTensor.dispose();
    this.permTensor = tf.tensor1d(this.perm, 'int32');
  }

  /**
   * Full test set: mean data loss over all nTest rows (evaluated in chunks of EVAL_CHUNK, weighted
   * by chunk size) and accuracy in [0, 1] (NaN for regression). One async read-back.
   * `predictions: true` also returns each row's prediction (argmax class or regression output)
   * from the same forward pass, in the same read-back (nTest more values).
   */
  async evaluate(options?: { predictions?: boolean }): Promise<Evaluation> {
    this.assertLive();
    return evaluateChunks((x) => this.model.forward(x), this.data.info.task, this.xTest, this.yTest, this.data.nTest, options?.predictions === true);
  }

  /**
   * The test set (`rows` omitted or ≥ nTest), or its fixed seeded subset of
   * `rows` rows (the first `rows` of one permutation drawn with
   * Rng(seed ^ 0x7e57), so smaller subsets lie inside larger ones), evaluated
   * part by part (evaluateParts: mean data loss, accuracy, `rows` used). Before
   * each part `stop()` is asked; true ends it with null. `predictions` are in
   * ascending row order of the rows used. For the worker's quick and stoppable
   * evaluations; `evaluate()` reads back once.
   */
  async evaluateTest(options: { rows?: number; predictions?: boolean; stop?: () => boolean } = {}): Promise<PartEvaluation | null> {
    this.assertLive();
    const { x, y, n } = this.testSubsets.subset(options.rows ?? this.data.nTest);
    return evaluateParts((xb) => this.model.forward(xb), this.data.info.task, x, y, n, options);
  }

  /**
   * Mean data loss (no penalty, no dropout) and accuracy (NaN for regression)
   * on a fixed seeded subset of `rows` TRAIN rows (all when rows ≥ nTrain;
   * Rng(seed ^ 0x7a19)), in the fields `testLoss` / `testAccuracy`, with `rows`
   * used. The train loss of the network as it is now, e.g. right after its
   * masks changed, when the latest batch losses describe the network before.
   */
  async evaluateTrainRows(rows: number): Promise<PartEvaluation> {
    this.assertLive();
    const { x, y, n } = this.trainSubsets.subset(rows);
    const result = await evaluateParts((xb) => this.model.forward(xb), this.data.info.task, x, y, n);
    if (result === null) throw new Error('evaluateTrainRows: stopped'); // no stop was given
    return result;
  }

  /**
   * The TRAIN set evaluated as `evaluate()` evaluates the test set: mean data loss (no
   * penalty, no dropout) in chunks of EVAL_CHUNK, and accuracy (NaN for regression).
   * Returned in the same fields (`testLoss`, `testAccuracy`). For the train-vs-validation curve.
   */
  async evaluateTrain(): Promise<EvalResult> {
    this.assertLive();
    return evaluateChunks((x) => this.model.forward(x), this.data.info.task, this.xTrain, this.yTrain, this.data.nTrain);
  }

  /**
   * The test set evaluated as `evaluateTest()` does (part by part), with `layers` ⊙ `masks` instead of
   * the model's variables, which stay untouched (temporary tensors, all freed).
   * The layers may have other hidden widths (units) than the model (e.g. compacted) but
   * must be the model's layers with those widths (`withHiddenWidths`). For sweeps.
   */
  async evaluateWith(layers: LayerWeights[], masks?: LayerMask[] | null): Promise<EvalResult> {
    this.assertLive();
    const nLayers = this.model.kernels.length;
    if (layers.length !== nLayers) throw new Error(`evaluateWith: the layers do not chain (got ${layers.length} layers, the model has ${nLayers})`);
    const spec = withHiddenWidths(this.model.spec, layers.slice(0, -1).map((w) => w.outDim));
    layerShapes(spec).forEach(({ inDim, outDim }, l) => {
      const w = layers[l];
      if (w.inDim !== inDim || w.outDim !== outDim || w.kernel.length !== inDim * outDim || w.bias.length !== outDim) throw new Error(`evaluateWith: layer ${l} does not chain (${w.inDim}×${w.outDim}, expected ${inDim}×${outDim})`);
    });
    const eff = masks ? maskedWeights(layers, masks) : layers;
    const kernels = eff.map((w) => tf.tensor2d(w.kernel, [w.inDim, w.outDim]));
    const biases = eff.map((w) => tf.tensor1d(w.bias));
    try {
      // Part by part, as the worker's whole-set evaluations (evaluateTest): the same network gives the same figures bit for bit.
      const result = await evaluateParts((x) => forwardNet(spec, x, kernels, biases), this.data.info.task, this.xTest, this.yTest, this.data.nTest);
      return { testLoss: result!.testLoss, testAccuracy: result!.testAccuracy };
    } finally {
      tf.dispose([...kernels, ...biases]);
    }
  }

  /**
   * Per-unit importance of every hidden layer (one array per hidden layer in
   * `hiddenWidths` order — a CNN's conv filters first — its width long), on `rows` train rows (default 256, at most nTrain) drawn with
   * a fresh Rng(seed + 2) — the same batch on every call of a session (sampleRows).
   * `activation`: mean |h| (post-activation); `taylor`: |mean ∂L/∂z · z| (Molchanov 2017),
   * z the pre-activation, L the batch's mean data loss; means over the batch and, for a
   * conv filter, over the positions of its map (see importanceTensor). Computed with the current
   * (masked) variables; read back asynchronously.
   */
  async neuronImportance(kind: 'activation' | 'taylor', rows = 256): Promise<Float32Array[]> {
    this.assertLive();
    const widths = hiddenWidths(this.model.spec);
    if (widths.length === 0) return [];
    const n = Math.max(1, Math.min(Math.floor(rows), this.data.nTrain));
    const idx = sampleRows(this.data.nTrain, n, new Rng(this.opts.seed + 2));
    const { task } = this.data.info;
    const res = tf.tidy(() => {
      const ind = tf.tensor1d(idx, 'int32');
      return importanceTensor(kind, this.model.spec, this.model.kernels, this.model.biases, task, tf.gather(this.xTrain, ind), tf.gather(this.yTrain, ind));
    });
    let flat: Float32Array;
    try {
      flat = (await res.data()) as Float32Array;
    } finally {
      res.dispose();
    }
    let p = 0;
    return widths.map((w) => flat.slice(p, (p += w)));
  }

  /**
   * Inference time of the model as it is (masked kernels stay dense-cost): a
   * forward pass on `rows` test rows (cycled if the test set is smaller), output
   * read back; one warm-up, median over `reps` runs (fewer past `budgetMs`, see timeForward), in ms.
   */
  async timeInference(rows: number, reps: number, budgetMs = Infinity): Promise<{ medianMs: number; rows: number }> {
    this.assertLive();
    const n = Math.max(1, Math.floor(rows));
    const d = this.data.info.inputDim;
    const src = this.data.nTest > 0 ? this.data.xTest : this.data.xTrain;
    const srcRows = src.length / d;
    const xs = new Float32Array(n * d);
    for (let r = 0; r < n; r++) xs.set(src.subarray((r % srcRows) * d, (r % srcRows) * d + d), r * d);
    const x = tf.tensor2d(xs, [n, d]);
    try {
      return { medianMs: await timeForward((xb) => this.model.forward(xb), x, reps, budgetMs), rows: n };
    } finally {
      x.dispose();
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

  /** A fresh optimizer of the same kind and learning rate (state zero): for lottery rounds. */
  resetOptimizer(): void {
    this.setOptimizer(this.opts.optimizer);
  }

  /**
   * Prunes: variables ← variables ⊙ mask now, and on every later step the
   * gradient is masked (g ⊙ m) before the optimizer and w ← w ⊙ m re-applied
   * after it, so masked entries stay exactly 0 (see VariableMasks). null or
   * all-null masks remove the masking (a dense model pays nothing per step);
   * earlier masked values are not restored (they are 0). The session owns the
   * mask tensors (freed on replace and on dispose()).
   */
  setMasks(masks: LayerMask[] | null): void {
    this.assertLive();
    const next = VariableMasks.create(this.model, masks);
    this.masks?.dispose();
    this.masks = next;
    if (next) tf.tidy(() => next.apply());
  }

  /** Overwrites the variables (same shapes as the spec); entries masked by `setMasks` are set to 0 again. */
  setWeights(w: LayerWeights[]): void {
    this.assertLive();
    this.model.setWeights(w);
    if (this.masks) tf.tidy(() => this.masks?.apply());
  }

  /**
   * Hot, from the next step: penalties λ₁Σ|w| + λ₂Σw² on the kernels (prox: L1 by
   * soft-thresholding instead of its subgradient) and the dropout rate of the dense hidden layers.
   * All zero/false: the step is the plain one. Throws on a negative λ or a rate outside [0, 1).
   */
  setRegularisation(r: Regularisation): void {
    this.assertLive();
    this.reg = regularisationOf(r);
    Object.assign(this.opts, this.reg);
  }

  /** The current regularisation (defaults filled in). */
  get regularisation(): Regularisation {
    return { ...this.reg };
  }

  /**
   * Hot, from the next step: augments each training batch (never the test set, evaluate,
   * predict or infer). Step s draws from Rng(augmentSeed(seed, s)), so a run is reproducible.
   * null or the identity: none (the step is the plain one). Ignored (none) unless the
   * dataset's rows are 28×28 images (inputDim 784).
   */
  setAugmentation(spec: AugSpec | null): void {
    this.assertLive();
    this.aug = this.augmentationFor(spec ?? undefined);
    if (this.aug) this.opts.augment = { ...this.aug };
    else delete this.opts.augment;
  }

  /** The augmentation in effect (a copy), null when none. */
  get augmentation(): AugSpec | null {
    return this.aug ? { ...this.aug } : null;
  }

  /**
   * The first `count` training rows (at most nTrain), as they are and augmented with
   * `spec` in one random draw: Rng(augmentSeed(seed ^ 0x5bd1e995, draw)), so each `draw`
   * number gives a fresh, reproducible draw. Does not touch the training state. For
   * datasets that are not 28×28 images, `augmented` is a copy of `originals`.
   */
  async previewAugmentation(count: number, spec: AugSpec, draw: number): Promise<AugPreview> {
    this.assertLive();
    const d = this.data.info.inputDim;
    const n = Math.max(0, Math.min(Math.floor(count), this.data.nTrain));
    const originals = this.data.xTrain.slice(0, n * d);
    const labels = Array.from(this.data.yTrain.subarray(0, n));
    if (n === 0 || d !== AUG_SIDE * AUG_SIDE || isIdentityAug(spec)) return { labels, originals, augmented: originals.slice() };
    const rng = new Rng(augmentSeed(this.opts.seed ^ 0x5bd1e995, draw));
    const out = tf.tidy(() => augmentImages(tf.tensor2d(originals, [n, d]), spec, rng));
    try {
      return { labels, originals, augmented: (await out.data()) as Float32Array };
    } finally {
      out.dispose();
    }
  }

  private augmentationFor(spec: AugSpec | undefined): AugSpec | null {
    if (!spec || isIdentityAug(spec) || this.data.info.inputDim !== AUG_SIDE * AUG_SIDE) return null;
    return { ...spec };
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

  /** Copies of the current weights, read synchronously (see Network.getWeights). */
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
   * Predictions for arbitrary inputs (tests, tools; the worker uses the async `infer`). `x` is row-major
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

  /**
   * The model's outputs for arbitrary inputs (e.g. the decision-boundary grid), read back
   * asynchronously (safe on WebGPU in a worker). `x` is row-major [n × inputDim]. `hidden`
   * asks also for one hidden unit's post-activation output (`layer` counts hidden layers
   * from 0, input side, in `hiddenWidths` order; a conv filter gives the spatial mean of its
   * map), from the same forward pass and read-back. Throws on a shape mismatch or an
   * out-of-range unit.
   */
  async infer(x: Float32Array, n: number, hidden?: { layer: number; unit: number }): Promise<Inference> {
    this.assertLive();
    return inferRows(this.model.spec, this.model.kernels, this.model.biases, x, n, hidden);
  }

  /** Frees every tensor it owns: data tensors, model, optimizer. Later calls throw. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.hooks = [];
    this.masks?.dispose();
    this.masks = null;
    this.testSubsets.dispose();
    this.trainSubsets.dispose();
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.permTensor]);
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
