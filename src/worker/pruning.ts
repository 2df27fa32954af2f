/**
 * The worker's pruning orchestration, one per run: a {@link PruneState}
 * (dense weights + masks, PyTorch's weight_orig + weight_mask) beside the live
 * session, the rules that choose the masks (manual θ / s / q·std, keep-ratio,
 * the polynomial schedule, lottery rounds), the sweep, compaction and the
 * figures every metrics message carries. It never posts: the host decides
 * when to evaluate and what to send. The session always holds the EFFECTIVE
 * weights, dense ⊙ masks ({@link PruningController.push}).
 */
import { initialWeights } from '../engine/model/init';
import { hiddenWidths, layerShapes, withHiddenWidths } from '../engine/model/spec';
import { countZeros, keptMin, lotteryRates, pruneRemaining, sparsityMasks, stdThresholds, thresholdMask } from '../engine/prune/masks';
import { isPruningStep, nextPruningStep, polynomialSparsity, scheduleFromConfig } from '../engine/prune/schedule';
import { PruneState } from '../engine/prune/pruneState';
import { columnNorms, combineMasks, expandNeuronMasks, modelCost, neuronMask, randomImportance, weightMasksToLayerMasks } from '../engine/prune/structured';
import type { LayerMask, LotteryMode, PolySchedule, PruneScope } from '../engine/prune/types';
import { penaltyValue } from '../engine/regularise/penalty';
import { Rng } from '../engine/rng';
import type { TrainingSession } from '../engine/train/session';
import type { EvalResult, LayerWeights, ModelSpec } from '../engine/types';
import type { ExperimentConfig } from '../protocol/config';
import type { LotteryRow, ModelStats, SweepPoint } from '../protocol/messages';

/** Global sparsities the sweep evaluates. */
export const SWEEP_LEVELS: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99];

/** What the session has reached at its current step. */
export type PruneEvent = 'schedule' | 'round' | null;

/** Everything a rebuilt session needs to carry on (backend fallback, compaction). */
export interface ResumePoint {
  spec: ModelSpec;
  weights: LayerWeights[];
  masks: LayerMask[] | undefined;
  step: number;
}

/** The dense weights and masks a snapshot posts. */
export interface SnapshotData {
  step: number;
  layers: LayerWeights[];
  masks: (Uint8Array | null)[];
  neurons: (Uint8Array | null)[];
}

interface LotteryState {
  mode: Exclude<LotteryMode, 'off'>;
  hiddenRate: number;
  outputRate: number;
  steps: number;
  rounds: number;
  round: number;
  roundStart: number;
  /** Best test accuracy seen during the current round (NaN: none yet, or regression). */
  best: number;
  rows: LotteryRow[];
  done: boolean;
}

/** A mask with nothing pruned becomes null (no per-step cost). */
const orNull = (m: Uint8Array | null): Uint8Array | null => (m !== null && m.includes(0) ? m : null);
const maxNaN = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

/** The key of the kernel-mask rule in effect: when it changes, the kernel masks are recomputed. */
function kernelRuleKey(c: ExperimentConfig): string {
  if (c.lottery !== 'off') return 'lottery';
  if (c.sched === 'poly') return `poly|${c.scope}|${c.s_init}|${c.s_final}|${c.s_begin}|${c.s_end}|${c.s_freq}`;
  switch (c.pmode) {
    case 'threshold':
      return `t|${c.threshold}`;
    case 'sparsity':
      return `s|${c.sparsity}|${c.scope}`;
    case 'std':
      return `q|${c.q}`;
  }
}

/** The last pruning step ≤ `step` of schedule `s`, or null when none has come yet. */
export function lastPruningStep(s: PolySchedule, step: number): number | null {
  const upto = Math.min(step, s.endStep);
  if (upto < s.beginStep) return null;
  return s.beginStep + Math.floor((upto - s.beginStep) / Math.max(1, s.frequency)) * Math.max(1, s.frequency);
}

/**
 * Owns the run's {@link PruneState} and every mask rule. Persists across a
 * backend fallback (the rebuilt session resumes from {@link resume}); a new
 * run (cold change, reset) gets a new controller.
 */
export class PruningController {
  private readonly state: PruneState;
  private specNow: ModelSpec;
  private readonly seed: number;
  private config: ExperimentConfig;
  private isCompacted = false;
  private kernelKey: string | null = null;
  private neuronKey: string | null = null;
  private schedule: PolySchedule | null = null;
  /** The last schedule pruning step handled (never twice). */
  private scheduleDone = -1;
  private lottery: LotteryState | null;
  private thresholds: number[];
  /** Zero kernel entries per layer of the effective weights, as last read or pushed. */
  private zeros: number[];
  /** The step the state was last read from (or pushed to) the session. */
  private syncedStep = 0;
  /** The step the masks last changed at. */
  private maskChangedAt = 0;
  /** Whether the session holds any mask (kept in step with every push). */
  private anyMask = false;

  constructor(spec: ModelSpec, config: ExperimentConfig) {
    this.specNow = spec;
    this.seed = config.seed;
    this.config = config;
    this.state = new PruneState(initialWeights(spec, config.seed));
    this.thresholds = this.shapes.map(() => 0);
    this.zeros = this.state.dense().map((l) => countZeros(l.kernel));
    this.lottery =
      config.lottery === 'off'
        ? null
        : {
            mode: config.lottery,
            hiddenRate: config.lt_rate,
            outputRate: config.lt_out,
            steps: Math.max(1, Math.floor(config.lt_steps)),
            rounds: Math.max(0, Math.floor(config.lt_rounds)),
            round: 0,
            roundStart: 0,
            best: Number.NaN,
            rows: [],
            done: false,
          };
  }

  private get shapes(): { inDim: number; outDim: number }[] {
    return layerShapes(this.specNow);
  }

  /** The neuron rule's key: 'none' while no keep-ratio applies (lottery on, compacted, keep = 1). */
  private neuronRuleKey(c: ExperimentConfig): string {
    if (c.lottery !== 'off' || this.isCompacted || c.keep >= 1 || hiddenWidths(this.specNow).length === 0) return 'none';
    return `${c.keep}|${c.importance}`;
  }

  // ── Session ⇄ state ──

  /** Reads the session's (effective) weights into the dense state. */
  async sync(session: TrainingSession): Promise<void> {
    const step = session.step;
    const weights = await session.readWeights();
    this.state.absorb(weights);
    this.zeros = weights.map((l) => countZeros(l.kernel));
    this.syncedStep = step;
  }

  /** The combined masks for the session, or null when nothing is masked. */
  private sessionMasks(): LayerMask[] | null {
    const masks = this.state.layerMasks();
    return masks.some((m) => m.kernel !== null || m.bias !== null) ? masks : null;
  }

  /** Whether any weight or neuron of the session is masked. */
  get masked(): boolean {
    return this.anyMask;
  }

  /**
   * Puts dense ⊙ masks into the session (the masks then hold while it trains).
   * Masks first: the session's setWeights re-applies the masks it holds.
   */
  private push(session: TrainingSession): void {
    const masks = this.sessionMasks();
    session.setMasks(masks);
    session.setWeights(this.state.dense());
    this.anyMask = masks !== null;
    this.zeros = this.state.effective().map((l) => countZeros(l.kernel));
    this.syncedStep = session.step;
    this.maskChangedAt = session.step;
  }

  // ── Hot rules ──

  /** Whether `config` changes the masks' rules. */
  needsUpdate(config: ExperimentConfig): boolean {
    return kernelRuleKey(config) !== this.kernelKey || this.neuronRuleKey(config) !== this.neuronKey;
  }

  /**
   * Applies `config`'s pruning rules: reads the session's weights, recomputes
   * the masks whose rule changed and pushes them. False when nothing changed
   * (the session is untouched).
   */
  async configure(session: TrainingSession, config: ExperimentConfig): Promise<boolean> {
    this.config = config;
    const kk = kernelRuleKey(config);
    const nk = this.neuronRuleKey(config);
    const kernelChanged = kk !== this.kernelKey;
    if (!kernelChanged && nk === this.neuronKey) return false;
    const wasMasked = this.masked;
    this.kernelKey = kk;
    this.neuronKey = nk;
    if (wasMasked || nk !== 'none' || this.ruleMayMask(config)) await this.sync(session);
    if (kernelChanged) this.applyKernelRule(session.step);
    await this.refreshNeurons(session);
    if (!wasMasked && this.sessionMasks() === null) return false;
    this.push(session);
    return true;
  }

  /** Whether the kernel rule of `config` can mask anything (if not, and nothing is masked, no read-back is needed). */
  private ruleMayMask(c: ExperimentConfig): boolean {
    if (c.lottery !== 'off') return false;
    if (c.sched === 'poly') return true;
    return c.pmode === 'threshold' ? c.threshold > 0 : c.pmode === 'sparsity' ? c.sparsity > 0 : c.q > 0;
  }

  /** Kernel masks from the current rule, computed from the DENSE kernels (reversible). */
  private applyKernelRule(step: number): void {
    const c = this.config;
    this.schedule = null;
    if (c.lottery !== 'off') return; // the lottery owns the masks
    const kernels = this.state.dense().map((l) => l.kernel);
    const none = kernels.map(() => null);
    let masks: (Uint8Array | null)[];
    if (c.sched === 'poly') {
      const s = scheduleFromConfig(c);
      this.schedule = s;
      const last = lastPruningStep(s, step);
      this.scheduleDone = last ?? -1;
      const target = last === null ? 0 : polynomialSparsity(s, last);
      masks = target > 0 ? sparsityMasks(kernels, target, c.scope) : none;
      this.state.setKernelMasks(masks.map(orNull));
      this.thresholds = this.keptMins();
      return;
    }
    switch (c.pmode) {
      case 'threshold':
        masks = c.threshold > 0 ? kernels.map((k) => thresholdMask(k, c.threshold)) : none;
        this.thresholds = kernels.map(() => (c.threshold > 0 ? c.threshold : 0));
        break;
      case 'sparsity':
        masks = c.sparsity > 0 ? sparsityMasks(kernels, c.sparsity, c.scope) : none;
        break;
      case 'std': {
        const th = c.q > 0 ? stdThresholds(kernels, c.q) : kernels.map(() => 0);
        masks = c.q > 0 ? kernels.map((k, i) => thresholdMask(k, th[i])) : none;
        this.thresholds = th;
        break;
      }
    }
    this.state.setKernelMasks(masks.map(orNull));
    if (c.pmode === 'sparsity') this.thresholds = this.keptMins();
  }

  /** keptMin of every dense kernel under its mask (0 where nothing is masked). */
  private keptMins(): number[] {
    const masks = this.state.kernelMasks();
    return this.state.dense().map((l, i) => keptMin(l.kernel, masks[i]));
  }

  /**
   * Recomputes the neuron masks of the keep-ratio (importance of the network
   * with its kernel masks, without neuron masks), or clears them.
   */
  private async refreshNeurons(session: TrainingSession): Promise<void> {
    const c = this.config;
    const hidden = hiddenWidths(this.specNow);
    if (this.neuronKey === 'none') {
      if (this.state.neuronMasks().some((m) => m !== null)) this.state.setNeuronMasks(hidden.map(() => null));
      return;
    }
    let importance: Float32Array[];
    if (c.importance === 'activation' || c.importance === 'taylor') {
      const kernelOnly = this.state.kernelMasks();
      session.setMasks(kernelOnly.some((m) => m !== null) ? weightMasksToLayerMasks(kernelOnly) : null);
      session.setWeights(this.state.dense());
      importance = await session.neuronImportance(c.importance);
    } else if (c.importance === 'random') {
      importance = hidden.map((n, h) => randomImportance(n, new Rng(this.seed + 31 * h)));
    } else {
      const kind = c.importance;
      const dense = this.state.dense();
      const masks = this.state.kernelMasks();
      importance = hidden.map((_, h) => {
        const layer = dense[h];
        const m = masks[h];
        const kernel = m === null ? layer.kernel : layer.kernel.map((w, i) => (m[i] ? w : 0));
        return columnNorms({ ...layer, kernel }, kind);
      });
    }
    this.state.setNeuronMasks(importance.map((imp) => orNull(neuronMask(imp, c.keep))));
  }

  // ── Events while training: schedule steps and lottery round ends ──

  /** What is due at `step` (checked before training on from it). */
  due(step: number): PruneEvent {
    const l = this.lottery;
    if (l !== null) return !l.done && step >= l.roundStart + l.steps ? 'round' : null;
    const s = this.schedule;
    return s !== null && step !== this.scheduleDone && isPruningStep(s, step) ? 'schedule' : null;
  }

  /** Steps from `step` to the next event (a burst must end there); Infinity when none. */
  stepsToNextEvent(step: number): number {
    const l = this.lottery;
    if (l !== null) return l.done ? Number.POSITIVE_INFINITY : Math.max(1, l.roundStart + l.steps - step);
    if (this.schedule === null) return Number.POSITIVE_INFINITY;
    const next = nextPruningStep(this.schedule, step + 1);
    return next === null ? Number.POSITIVE_INFINITY : next - step;
  }

  /**
   * A schedule pruning step: masks = the polynomial sparsity's largest
   * effective kernels among those still kept (cumulative, as TF-MOT).
   */
  async scheduleStep(session: TrainingSession): Promise<void> {
    const s = this.schedule;
    if (s === null) return;
    const step = session.step;
    this.scheduleDone = step;
    await this.sync(session);
    const target = polynomialSparsity(s, step);
    const current = this.state.kernelMasks();
    const effective = this.state.effective().map((l) => l.kernel);
    this.state.setKernelMasks(sparsityMasks(effective, target, this.config.scope, current).map(orNull));
    this.thresholds = this.keptMins();
    await this.refreshNeurons(session);
    this.push(session);
  }

  /** Records a test evaluation (the lottery keeps the best accuracy of each round). */
  noteEval(step: number, testAccuracy: number): void {
    const l = this.lottery;
    if (l !== null && !l.done && step > l.roundStart) l.best = maxNaN(l.best, testAccuracy);
  }

  /**
   * The end of a lottery round, evaluated as `ev`: adds its row; unless it was
   * the last round, prunes the remaining weights, rewinds (or re-initialises)
   * the survivors and restarts the optimizer.
   */
  async endRound(session: TrainingSession, ev: EvalResult): Promise<{ rows: LotteryRow[]; done: boolean }> {
    const l = this.lottery;
    if (l === null) return { rows: [], done: true };
    const step = session.step;
    l.rows.push({
      round: l.round,
      mode: l.mode,
      remaining: this.remaining(),
      testAccuracy: ev.testAccuracy,
      testLoss: ev.testLoss,
      bestAccuracy: maxNaN(l.best, ev.testAccuracy),
      step,
    });
    if (l.round >= l.rounds) {
      l.done = true;
      return { rows: [...l.rows], done: true };
    }
    await this.sync(session);
    const effective = this.state.effective().map((w) => w.kernel);
    const rates = lotteryRates(this.shapes.length, l.hiddenRate, l.outputRate);
    const masks = pruneRemaining(effective, this.state.kernelMasks(), rates);
    const seed = l.mode === 'rewind' ? this.seed : this.seed + 1000 * (l.round + 1);
    this.state.setDense(initialWeights(this.specNow, seed));
    this.state.setKernelMasks(masks.map(orNull));
    // No cut line: the mask came from the trained magnitudes, the survivors now hold their initial ones.
    this.thresholds = this.shapes.map(() => 0);
    this.push(session);
    session.resetOptimizer();
    l.round++;
    l.roundStart = step;
    l.best = Number.NaN;
    return { rows: [...l.rows], done: false };
  }

  /** A one-line summary of a finished lottery experiment. */
  lotterySummary(): string {
    const rows = this.lottery?.rows ?? [];
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return 'Lottery finished.';
    const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
    const figure = (r: LotteryRow): string => (Number.isNaN(r.testAccuracy) ? `test loss ${r.testLoss.toPrecision(3)}` : `test accuracy ${pct(r.testAccuracy)}`);
    return `Lottery finished: ${rows.length} rounds, ${pct(last.remaining)} of the weights remain; ${figure(last)} (dense: ${figure(first)}).`;
  }

  /** Kept kernel weights ÷ all kernel weights under the current kernel masks. */
  private remaining(): number {
    const masks = this.state.kernelMasks();
    let kept = 0;
    let total = 0;
    this.shapes.forEach(({ inDim, outDim }, i) => {
      const n = inDim * outDim;
      const m = masks[i];
      total += n;
      if (m === null) kept += n;
      else for (let j = 0; j < n; j++) kept += m[j];
    });
    return total > 0 ? kept / total : 1;
  }

  // ── Commands ──

  /**
   * Test figures at each sparsity of {@link SWEEP_LEVELS}, pruned as the
   * sparsity slider prunes (pmode = sparsity): the smallest |w| of the DENSE
   * kernels, ranked per layer or over all layers as `scope` says, combined
   * with the neuron masks in force; the session's variables are untouched. So
   * a sweep point and the slider at the same sparsity and scope give the same
   * figures (with keep-ratio 1; with neuron masks the slider recomputes them
   * for its kernel masks, the sweep keeps the current ones). Each point's
   * `sparsity` is the fraction of kernel weights the combined masks zero.
   */
  async sweep(session: TrainingSession, scope: PruneScope): Promise<SweepPoint[]> {
    await this.sync(session);
    const shapes = this.shapes;
    const neurons = expandNeuronMasks(shapes, this.state.neuronMasks());
    const dense = this.state.dense();
    const kernels = dense.map((l) => l.kernel);
    const total = shapes.reduce((s, { inDim, outDim }) => s + inDim * outDim, 0);
    const points: SweepPoint[] = [];
    for (const level of SWEEP_LEVELS) {
      const masks = combineMasks(weightMasksToLayerMasks(sparsityMasks(kernels, level, scope).map(orNull)), neurons);
      let pruned = 0;
      for (const m of masks) if (m.kernel) for (const v of m.kernel) pruned += v === 0 ? 1 : 0;
      const { testLoss, testAccuracy } = await session.evaluateWith(dense, masks);
      points.push({ sparsity: total > 0 ? pruned / total : 0, testLoss, testAccuracy });
    }
    return points;
  }

  /** The penalty λ₁Σ|w| + λ₂Σw² of the effective kernels (as last read or pushed); 0 when both λ are 0. */
  penalty(l1: number, l2: number): number {
    return l1 > 0 || l2 > 0 ? penaltyValue(this.state.effective(), l1, l2) : 0;
  }

  /** Whether some neuron is masked (compaction has something to remove). */
  get hasNeuronMasks(): boolean {
    return this.state.neuronMasks().some((m) => m !== null);
  }

  /**
   * Physically removes the masked neurons from the state (call {@link sync}
   * first); returns what the compacted session starts from.
   */
  compact(step: number): ResumePoint {
    const hidden = this.state.compact();
    this.specNow = withHiddenWidths(this.specNow, hidden);
    this.isCompacted = true;
    this.neuronKey = this.neuronRuleKey(this.config);
    this.anyMask = this.sessionMasks() !== null;
    this.zeros = this.state.effective().map((l) => countZeros(l.kernel));
    if (this.thresholds.length !== this.shapes.length) this.thresholds = this.shapes.map(() => 0);
    else if (this.kernelKey !== 'lottery' && (this.schedule !== null || this.config.pmode === 'sparsity')) this.thresholds = this.keptMins();
    this.syncedStep = step;
    return this.resume();
  }

  // ── Figures ──

  /** The model's size and sparsity for a metrics message at `step`. */
  stats(step: number): ModelStats {
    const layerTotals = this.shapes.map(({ inDim, outDim }) => inDim * outDim);
    return {
      ...modelCost(this.specNow),
      layerTotals,
      layerZeros: [...this.zeros],
      compacted: this.isCompacted,
      thresholds: [...this.thresholds],
      fineTuneSteps: this.masked ? Math.max(0, step - this.maskChangedAt) : 0,
    };
  }

  /** The fraction of kernel weights that are zero, overall and per layer (as last read). */
  sparsity(): { sparsity: number; layerSparsity: number[] } {
    const totals = this.shapes.map(({ inDim, outDim }) => inDim * outDim);
    const all = totals.reduce((a, b) => a + b, 0);
    const zeros = this.zeros.reduce((a, b) => a + b, 0);
    return { sparsity: all > 0 ? zeros / all : 0, layerSparsity: totals.map((n, i) => (n > 0 ? this.zeros[i] / n : 0)) };
  }

  /** What a snapshot posts: dense weights, kernel masks in effect, neuron masks (copies). */
  snapshot(): SnapshotData {
    return {
      step: this.syncedStep,
      layers: this.state.dense(),
      masks: this.state.layerMasks().map((m) => (m.kernel ? m.kernel.slice() : null)),
      neurons: this.state.neuronMasks().map((m) => (m ? m.slice() : null)),
    };
  }

  /** Where a rebuilt session resumes: the current widths, dense weights, masks and the step they were read at. */
  resume(): ResumePoint {
    return { spec: this.specNow, weights: this.state.dense(), masks: this.sessionMasks() ?? undefined, step: this.syncedStep };
  }
}
