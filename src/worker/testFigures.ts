/**
 * The test figures of a run: when to evaluate (the step schedule for a dense
 * test curve, evalCadence.ts for fresh figures), on which rows (a quick,
 * seeded subset while training; the whole set when training stops), the
 * whole-set evaluation that settles a paused run (queued, superseded by play
 * or a newer change), the figures from just before a mask change (a jump on
 * the chart) and the pruned network's train loss. The host composes it; it
 * reaches the host's run only through {@link FiguresHost}.
 */
import type { Divergence, DivergenceWatch } from '../engine/train/divergence';
import type { TrainingSession } from '../engine/train/session';
import type { BackendName, Dataset } from '../engine/types';
import type { ExperimentConfig } from '../protocol/config';
import type { MetricPoint, ModelView, TestEval } from '../protocol/messages';
import type { Clock } from './clock';
import { EvalCadence } from './evalCadence';
import { EvalSchedule, evalTimeShare } from './pacing';
import type { PruningController } from './pruning';
import type { Reporter } from './reporter';
import { now } from './serial';
import type { ViewMaker } from './views';

/** Test-set evaluation interval floor (steps): small sets are cheap to evaluate, mnist's 2,000 digits less so. */
const evalBase = (dataset: Dataset): number => (dataset.info.name === 'mnist' ? 100 : 25);

/** The parts of the host's live run the figures use. */
export interface FiguresRun {
  session: TrainingSession;
  dataset: Dataset;
  backend: BackendName;
  applied: ExperimentConfig;
  views: ViewMaker;
}

/** What the figures need from the host: its state, read when needed, and its actions. */
export interface FiguresHost {
  /** The current build; work of an older one stops. */
  gen(): number;
  live(): FiguresRun | null;
  prune(): PruningController | null;
  /** Whether training is paused (a whole-set evaluation runs only then). */
  paused(): boolean;
  /** Smoothed milliseconds per training step (NaN before the first). */
  stepMs(): number;
  divergence(): DivergenceWatch;
  /** Runs `task` in the host's serial queue. */
  serial(task: () => Promise<void>): Promise<void>;
  fallBack(backend: BackendName, e: unknown): void;
  diverge(d: Divergence, step: number, from: number): void;
  postView(step: number, view: ModelView): void;
  postMetrics(training: boolean): void;
  fail(e: unknown): void;
}

export class TestFigures {
  private cadence = new EvalCadence(0, 0);
  private schedule = new EvalSchedule(25);
  /** Bumped to supersede a queued or running whole-test-set evaluation. */
  private fullToken = 0;
  /** The figures at the step of the latest mask change, from just before it. */
  private before: TestEval | null = null;
  /** The latest test loss, kept across mask changes: the divergence message's "from". */
  private lastTestLoss = Number.NaN;

  constructor(
    private readonly host: FiguresHost,
    private readonly report: Reporter,
    private readonly clock: Clock,
  ) {}

  /** A new build of `dataset` on `backend`, resuming at `step`. */
  reset(dataset: Dataset, backend: BackendName, step: number): void {
    this.schedule = new EvalSchedule(evalBase(dataset), step, evalTimeShare(backend));
    this.cadence = new EvalCadence(dataset.nTest, dataset.nTrain);
    this.before = null;
    this.lastTestLoss = Number.NaN;
    this.fullToken++;
  }

  /** The weights changed without a step (a schedule step, a rewind): the latest figures no longer describe them. */
  invalidate(): void {
    this.cadence.invalidate();
  }

  /** Training goes on (play, step): a queued or running whole-set evaluation stops. */
  supersedeFull(): void {
    this.fullToken++;
  }

  /** The latest evaluation of the current weights at `step` over at least `rows` rows, or null. */
  latestAt(step: number, rows = 0): TestEval | null {
    return this.cadence.latestAt(step, rows);
  }

  /** Whether an evaluation is due after a burst that reached `step` at `t` and took `burstMs`: the step schedule's or freshness's. */
  dueAfterBurst(step: number, t: number, burstMs: number): boolean {
    return this.schedule.isDue(step) || this.cadence.freshDue(step, t, burstMs);
  }

  /**
   * Evaluates the test set now: `quick`, the rows the cadence chooses (all of
   * them when that is cheap, else a fixed seeded subset); `full`, every row,
   * part by part, ending early (nothing recorded) once `stop()` says so. Does
   * nothing when the latest evaluation of these weights at this step covered
   * as many rows. False when the run should stop (failure, a newer gen, or,
   * `judge`, a divergence: evaluations after a mask change or a rewind do not
   * judge the training).
   */
  async evaluate(gen: number, kind: 'quick' | 'full', judge = false, stop?: () => boolean): Promise<boolean> {
    const live = this.host.live();
    if (!live) return true;
    const { session, dataset } = live;
    const step = session.step;
    const total = dataset.nTest;
    const wanted = kind === 'full' ? total : this.cadence.quickRows();
    if (this.cadence.latestAt(step, wanted) !== null) return true;
    const reached = this.clock.now();
    const t0 = now();
    try {
      // A whole-set evaluation brings each row's prediction in its read-back, for the confusion matrix or scatter.
      const result = await session.evaluateTest({ rows: wanted, predictions: wanted >= total, stop });
      if (gen !== this.host.gen()) return false;
      if (result === null) return true; // stopped: nothing to show
      const ms = now() - t0;
      const { predictions, testLoss, testAccuracy, rows } = result;
      const figures: TestEval = { step, testLoss, testAccuracy, rows, total };
      const previous = this.lastTestLoss;
      this.lastTestLoss = testLoss;
      this.cadence.record(figures, ms, reached, this.clock.now());
      const divergence = this.host.divergence();
      const diverged = judge && step > 0 ? divergence.evaluation(testLoss) : null;
      if (diverged) {
        this.report.noteEval(figures);
        const from = diverged.kind === 'test' ? (Number.isFinite(previous) ? previous : diverged.reference) : divergence.bestTrainLoss || diverged.reference;
        this.host.diverge(diverged, step, Number.isFinite(from) ? from : diverged.reference);
        return false;
      }
      if (predictions) this.host.postView(step, live.views.fromEvaluation(predictions));
      this.schedule.done(step, ms, this.host.stepMs());
      this.report.noteEval(figures);
      // The lottery's best-of-round accuracy compares whole-set figures only.
      if (rows >= total) this.host.prune()?.noteEval(step, testAccuracy);
      return true;
    } catch (e) {
      if (gen === this.host.gen()) this.host.fallBack(live.backend, e);
      return false;
    }
  }

  /**
   * Before the masks change at the current step (θ, s, q, keep, compaction, an
   * import): keeps the test figures of the network as it is, evaluating it
   * first (quick rows) unless the latest evaluation is at this step, so the
   * chart point shows the change as a jump (MetricPoint.beforePrune). A second
   * change at the same step keeps the first "before". False when the run
   * should stop. Step 0 has no chart point: nothing to keep.
   */
  async captureBefore(gen: number): Promise<boolean> {
    const step = this.host.live()?.session.step ?? 0;
    if (step === 0 || this.before?.step === step) return true;
    if (this.cadence.latestAt(step) === null && !(await this.evaluate(gen, 'quick'))) return false;
    this.before = this.cadence.latestAt(step);
    return true;
  }

  /**
   * The masks changed at the current step: evaluates the new network on the
   * quick rows and puts the figures from before the change on the chart point
   * (the jump). A queued whole-set evaluation of the old masks stops. False
   * when the run should stop.
   */
  async afterMaskChange(gen: number): Promise<boolean> {
    const live = this.host.live();
    if (!live) return false;
    this.cadence.invalidate(); // same step, other weights
    this.fullToken++;
    if (!(await this.evaluate(gen, 'quick'))) return false;
    const step = live.session.step;
    const b = this.before;
    if (b !== null && b.step === step) {
      const before: NonNullable<MetricPoint['beforePrune']> = { step, testLoss: b.testLoss };
      if (Number.isFinite(b.testAccuracy)) before.testAccuracy = b.testAccuracy;
      this.report.noteBeforePrune(before);
    }
    return true;
  }

  /**
   * The train (data) loss of the network as it is now, on a fixed seeded
   * subset of its training rows (as many as the cadence allows), and its
   * penalty, for the next metrics message (TrainEval): after a mask change the
   * latest batch losses describe the network before it. False when the run should stop.
   */
  async trainLoss(gen: number): Promise<boolean> {
    const live = this.host.live();
    const prune = this.host.prune();
    if (!live || !prune) return false;
    const step = live.session.step;
    try {
      const train = await live.session.evaluateTrainRows(this.cadence.trainRows());
      if (gen !== this.host.gen()) return false;
      const { l1, l2 } = live.applied;
      this.report.noteTrainEval({ step, loss: train.testLoss, penalty: prune.penalty(l1, l2), rows: train.rows, total: live.dataset.nTrain });
      return true;
    } catch (e) {
      if (gen === this.host.gen()) this.host.fallBack(live.backend, e);
      return false;
    }
  }

  /**
   * Queues the whole test set's evaluation of the network as it is (paused),
   * posted as metrics when it lands. Part by part (EVAL_PART_ROWS), it stops
   * between parts once training resumes, a newer change queues another, or a
   * new run starts; nothing is posted then. Nothing to do when the latest
   * evaluation already covered every row.
   */
  queueFull(gen: number): void {
    const live = this.host.live();
    if (!live || this.cadence.latestAt(live.session.step, live.dataset.nTest) !== null) return;
    const token = ++this.fullToken;
    const stop = (): boolean => token !== this.fullToken || gen !== this.host.gen() || !this.host.paused();
    void this.host
      .serial(async () => {
        if (stop() || !(await this.evaluate(gen, 'full', false, stop)) || stop()) return;
        this.host.postMetrics(false);
      })
      .catch((e) => this.host.fail(e));
  }
}
