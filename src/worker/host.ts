import { discardLostBackend, watchBackendLoss, type BackendSetup } from '../engine/backend';
import { datasetInfo } from '../engine/data/catalog';
import { experimentSpec } from '../engine/model/spec';
import { DivergenceWatch, constantLoss, type Divergence } from '../engine/train/divergence';
import { NotLearningWatch, notLearningBudget } from '../engine/train/notLearning';
import { TrainingSession } from '../engine/train/session';
import type { BackendName, Dataset, LayerWeights } from '../engine/types';
import { changedKeys, isColdChange, type ExperimentConfig } from '../protocol/config';
import type { JobKind, MeasuredCost, MetricPoint, ModelView, ToWorker } from '../protocol/messages';
import { RunBuilder, Superseded, regularisation, trainOptions, type BuildHooks } from './builder';
import { parseAugLenient } from '../engine/data/augSpec';
import { augPreviewMessage } from './augPreview';
import { JobCancelled, ProgressThrottle, lambdaSweep, regPrune, type JobEnv } from './jobs';
import { BurstPacer, burstTargetMs, checkpointEveryBurst, snapshotIntervalMs } from './pacing';
import { realClock, type Clock, type Nap } from './clock';
import { SpeedLimiter } from './speed';
import { TestFigures } from './testFigures';
import { PruningController } from './pruning';
import { Reporter, type Post } from './reporter';
import { Serial, errorText, now, yieldToQueue } from './serial';
import { ViewMaker, type NeuronRef } from './views';

export type { Post } from './reporter';

export type Mode = 'paused' | 'playing' | 'stepping';

/** A job asked for (queued or running): one at a time. */
interface JobState {
  kind: JobKind;
  /** The run it belongs to: its messages carry this runId (stale after a new run, so the store drops them). */
  runId: number;
  /** The build it runs beside; a newer gen stops it. */
  gen: number;
  /** Why it should stop (cancel, play, a new run); null while it may go on. */
  stop: string | null;
}

/** The live parts of a built run. */
interface Live {
  /** Replaced by a compaction. */
  session: TrainingSession;
  dataset: Dataset;
  backend: BackendName;
  /** The config the session currently reflects (hot keys applied so far). */
  applied: ExperimentConfig;
  /** The "inside the network" views of this dataset (boundary grid, points, confusion). */
  views: ViewMaker;
}

/** How long a failed read-back on a GPU backend waits for the loss event before it is reported as a plain failure. */
const LOSS_GRACE_MS = 200;
const isGpu = (b: BackendName): boolean => b === 'webgl' || b === 'webgpu';
/** A loss figure for a message: 3 significant digits, or NaN / Infinity as they are. */
const lossText = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));
/** The learning rate to suggest after a divergence: the largest of 1, 3 × 10^k at most lr / 100 (10 → 0.1). */
export function saferLearningRate(lr: number): number {
  for (let e = 0; e >= -6; e--) {
    for (const m of [3, 1]) {
      const v = Number((m * 10 ** e).toPrecision(1));
      if (v <= lr / 100) return v;
    }
  }
  return 0.000001;
}

/**
 * The divergence message: what happened, with numbers, and what to do. E.g.
 * "Training diverged at step 25: the test loss went from 0.693 to 37.7 with sgd at
 * learning rate 10. Lower the learning rate to 0.1 or less (or use Adam at 0.001), then press reset."
 */
export function divergedMessage(step: number, d: Divergence, from: number, opt: string, lr: number): string {
  return (
    `Training diverged at step ${step}: the ${d.kind} loss went from ${lossText(from)} to ${lossText(d.value)} with ${opt} at learning rate ${lr}. ` +
    `Lower the learning rate to ${saferLearningRate(lr)} or less (or use Adam at 0.001), then press reset.`
  );
}
/** Progress messages per second at most while downloading. */
const PROGRESS_INTERVAL_MS = 100;
/** Inference timing of `compact`: test rows per forward pass, repetitions (median), and the time after which fewer do (a CNN on software WebGL: ~1.8 s a pass). */
const INFERENCE_ROWS = 1000;
const INFERENCE_REPS = 15;
const INFERENCE_BUDGET_MS = 1500;

/**
 * The training worker's logic: a thin host around a {@link TrainingSession}.
 * Builds sessions on `configure`/`reset`, trains in bursts between which it
 * yields to the message queue, evaluates, and posts metrics, snapshots and
 * phases under the current runId. Pruning (masks, schedule, lottery, sweep,
 * compaction) lives in a {@link PruningController} beside the session; the
 * host cuts bursts at its events. Every session access goes through one
 * {@link Serial} queue; `gen` numbers the builds so stale work stops.
 */
export class TrainingHost {
  private readonly builder: RunBuilder;
  /** Replaced when a GPU is lost: a task awaiting a read-back of the dead backend never settles, and must not block the rebuild. */
  private serial = new Serial();
  private readonly pacer = new BurstPacer();
  private readonly report: Reporter;
  private readonly clock: Clock;
  /** The `speed` key: at most s steps per second (worker/speed.ts). */
  private readonly speed = new SpeedLimiter();
  /** The training loop's wait for the speed limit, cut short by any message. */
  private nap: Nap | null = null;
  /** When and on which rows the test set is evaluated, and what is shown (worker/testFigures.ts). */
  private readonly figures: TestFigures;
  /** The run's "not learning" rule (engine/train/notLearning.ts). */
  private notLearning = new NotLearningWatch(0, 0);
  private assetBaseUrl = '';
  private runId = 0;
  private config: ExperimentConfig | null = null;
  private live: Live | null = null;
  /** The run's pruning state; kept across a backend fallback, replaced by a new run. */
  private prune: PruningController | null = null;
  private mode: Mode = 'paused';
  private stepsLeft = 0;
  /** Bumped by every rebuild; work of an older gen stops. */
  private gen = 0;
  /** The gen whose session is live (ready to train). */
  private readyGen = -1;
  private loopRunning = false;
  /** Numbers the training loops: a loop abandoned on a GPU loss (stuck in a read-back) must not clear a newer loop's flag. */
  private loopToken = 0;
  /** Stops watching the live backend for a GPU loss. */
  private unwatch: () => void = () => undefined;
  /** The GPU loss of the live backend, once it happened ('context' or 'device'); null otherwise. */
  private lost: 'context' | 'device' | null = null;
  /** Wakes a failed read-back waiting for the loss event (see {@link failOnGpu}). */
  private lostWaiters: (() => void)[] = [];
  /** The run's divergence rule (see engine/train/divergence.ts). */
  private divergence = new DivergenceWatch(0);
  /** The latest finite train loss, for the divergence message's "from". */
  private lastTrainLoss = Number.NaN;
  /** The run needs a rebuild before it can train again (diverged, or failed). */
  private broken = false;
  /** Said with the next `paused` phase (the lottery's summary). */
  private pauseMessage: string | undefined;
  private deadBackends = new Set<BackendName>();
  /** The job queued or running (λ sweep, regularise-then-prune), if any. */
  private job: JobState | null = null;
  /** The hidden neuron whose map rides on the boundary (`watchNeuron`); a new run clears it. */
  private watched: NeuronRef | null = null;
  /** A boundary for a `watchNeuron` is queued and not started (hovering coalesces). */
  private boundaryQueued = false;
  /** Numbers the augmentation previews: each request is a fresh random draw. */
  private augDraws = 0;

  /** @param clock time for pacing and freshness (tests pass a virtual one; see clock.ts). */
  constructor(post: Post, setup: BackendSetup, clock: Clock = realClock) {
    this.builder = new RunBuilder(setup);
    this.report = new Reporter(post, () => this.runId);
    this.clock = clock;
    this.figures = new TestFigures(
      {
        gen: () => this.gen,
        live: () => this.live,
        prune: () => this.prune,
        paused: () => this.mode === 'paused',
        stepMs: () => this.pacer.stepMs,
        divergence: () => this.divergence,
        serial: (task) => this.serial.run(task),
        fallBack: (backend, e) => this.fallBack(backend, e),
        diverge: (d, step, from) => this.diverge(d, step, from),
        postView: (step, view) => this.postView(step, view),
        postMetrics: (training) => this.postMetrics(training),
        fail: (e) => this.fail(e),
      },
      this.report,
      clock,
    );
  }

  /** Handles one message from the main thread. Never throws: failures become `error` messages. */
  handle(msg: ToWorker): void {
    // Whatever the message, a loop waiting for the speed limit looks again at once (pause, a new speed, …).
    this.nap?.wake();
    try {
      switch (msg.type) {
        case 'init':
          this.assetBaseUrl = msg.assetBaseUrl;
          return;
        case 'configure': {
          const cold = msg.runId !== this.runId || this.config === null || isColdChange(this.config, msg.config);
          this.runId = msg.runId;
          this.config = msg.config;
          this.speed.setSpeed(msg.config.speed);
          if (cold) {
            this.watched = null;
            this.stopJob('a new run started');
            this.rebuild();
          } else if (this.live && !this.broken) this.queue((gen) => this.applyHot(gen));
          return;
        }
        case 'play':
        case 'step':
          if (msg.runId !== this.runId) return;
          // Training and a job never run together: pressing play or step ends the job.
          this.stopJob('training resumed');
          this.mode = msg.type === 'play' ? 'playing' : 'stepping';
          this.figures.supersedeFull(); // training on supersedes a pending whole-set evaluation
          this.stepsLeft = msg.type === 'step' ? Math.max(1, Math.floor(msg.steps)) : 0;
          if (this.broken) this.rebuild();
          else this.maybeStartLoop();
          return;
        case 'pause':
          if (msg.runId !== this.runId) return;
          this.mode = 'paused';
          if (!this.loopRunning && this.readyGen === this.gen && this.live) void this.serial.run(() => this.settle(this.gen)).catch((e) => this.fail(e));
          return;
        case 'reset':
          this.runId = msg.runId;
          this.watched = null;
          this.mode = 'paused';
          this.stopJob('a new run started');
          this.rebuild();
          return;
        case 'sweep':
          if (msg.runId !== this.runId) return;
          this.queue((gen) => this.sweep(gen));
          return;
        case 'compact':
          if (msg.runId !== this.runId) return;
          this.queue((gen) => this.compact(gen));
          return;
        case 'lambdaSweep':
        case 'regPrune':
          if (msg.runId !== this.runId) return;
          this.startJob(msg.type);
          return;
        case 'cancelJob':
          if (msg.runId !== this.runId) return;
          this.stopJob('Cancelled');
          return;
        case 'watchNeuron':
          if (msg.runId !== this.runId) return;
          this.watched = msg.neuron ? { layer: msg.neuron.layer, unit: msg.neuron.unit } : null;
          if (!this.boundaryQueued) {
            this.boundaryQueued = true;
            this.queue(async (gen) => {
              this.boundaryQueued = false;
              await this.postBoundary(gen);
            });
          }
          return;
        case 'augPreview': {
          if (msg.runId !== this.runId) return;
          const draw = this.augDraws++;
          this.queue((gen) => this.postAugPreview(gen, draw));
          return;
        }
        case 'loadWeights':
          if (msg.runId !== this.runId) return;
          this.queue((gen) => this.loadWeights(gen, msg.layers));
          return;
        default: {
          const unknown: never = msg;
          throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
        }
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** What the worker holds now, for end-to-end tests (the worker's `__playground` hook): run, config, backend, step. */
  debugState(): { runId: number; config: ExperimentConfig | null; backend: BackendName | null; step: number | null; mode: Mode } {
    return { runId: this.runId, config: this.config, backend: this.live?.backend ?? null, step: this.live?.session.step ?? null, mode: this.mode };
  }

  /** Reports a failure (also used by the worker's last-resort handlers). */
  fail(e: unknown): void {
    this.report.error(e);
  }

  /** Queues session work for the current gen (it does nothing once a newer build was asked for). */
  private queue(task: (gen: number) => Promise<void>): void {
    const gen = this.gen;
    void this.serial.run(() => task(gen)).catch((e) => this.fail(e));
  }

  /** Starts a new build (superseding any in progress) of the current config. */
  private rebuild(): void {
    const gen = ++this.gen;
    void this.serial.run(() => this.build(gen)).catch((e) => this.fail(e));
  }

  private hooks(gen: number): BuildHooks {
    let lastProgress = Number.NEGATIVE_INFINITY;
    return {
      isCurrent: () => gen === this.gen,
      onLoading: () => this.report.phase('loading', 'Loading 10,000 MNIST digits…'),
      onProgress: (loaded, total) => {
        const t = now();
        if (t - lastProgress < PROGRESS_INTERVAL_MS && loaded !== total) return;
        lastProgress = t;
        this.report.send({ type: 'progress', runId: this.runId, loaded, total });
      },
      onMeasuring: (backend) => this.report.phase('measuring', `Measuring which backend trains this model fastest… (${backend})`),
    };
  }

  /**
   * Builds a session for the current config: from the seed, or (after a
   * backend died) from the pruning state's dense weights, masks, widths and
   * step on the next backend.
   */
  private async build(gen: number, fallback?: { from: BackendName; reason: string; lost?: boolean }): Promise<void> {
    if (gen !== this.gen || this.config === null) return;
    const carried = fallback ? this.prune : null;
    const resume = carried?.resume() ?? null;
    this.disposeLive(fallback !== undefined);
    const config = this.config;
    const hooks = this.hooks(gen);
    try {
      const dataset = await this.builder.dataset(config, this.assetBaseUrl, hooks);
      const spec = resume?.spec ?? experimentSpec(datasetInfo(config.dataset), config);
      if (gen !== this.gen) return;
      const choice = fallback
        ? { backend: await this.builder.fallback(fallback.from, this.deadBackends, spec), fallbackFrom: fallback.from, reason: fallback.reason }
        : await this.builder.backend(config, dataset, spec, hooks);
      if (gen !== this.gen) return;
      const session = new TrainingSession(dataset, spec, trainOptions(config), resume ?? undefined);
      // The lost backend's instance goes only now: the old session's tensors were freed through it.
      if (fallback?.lost) discardLostBackend(fallback.from);
      const prune = carried ?? new PruningController(spec, config);
      const views = new ViewMaker(dataset);
      this.live = { session, dataset, backend: choice.backend, applied: config, views };
      this.watchLoss(gen, choice.backend);
      this.divergence = new DivergenceWatch(constantLoss(dataset));
      this.lastTrainLoss = Number.NaN;
      this.prune = prune;
      this.pacer.reset(burstTargetMs(choice.backend));
      this.report.reset(snapshotIntervalMs(choice.backend));
      this.figures.reset(dataset, choice.backend, session.step);
      this.notLearning = new NotLearningWatch(constantLoss(dataset), notLearningBudget(dataset.nTrain, session.options.batchSize));
      this.broken = false;
      this.pauseMessage = undefined;
      this.readyGen = gen;
      this.report.send({ type: 'backend', runId: this.runId, ...choice });
      const points = views.points(this.runId);
      if (points) this.report.send(points.msg, points.transfer);
      await prune.configure(session, config);
      if (gen !== this.gen) return;
      await this.snapshot(gen);
      if (gen !== this.gen) return;
      this.postMetrics(false);
      if (this.mode === 'paused') this.report.phase('paused');
      this.maybeStartLoop();
    } catch (e) {
      if (e instanceof Superseded || gen !== this.gen) return;
      this.broken = true;
      this.mode = 'paused';
      this.fail(e);
    }
  }

  /** Frees the live session; `keepSaved` keeps the pruning state and dead backends (a fallback resumes from them). */
  private disposeLive(keepSaved: boolean): void {
    const live = this.live;
    this.live = null;
    this.unwatch();
    this.unwatch = () => undefined;
    this.lost = null;
    if (!keepSaved) {
      this.prune = null;
      this.deadBackends.clear();
    }
    try {
      live?.session.dispose();
    } catch {
      // A dead backend may fail to free its tensors; they go with it.
    }
  }

  /**
   * Hot keys take effect between bursts: lr, opt, batch at once; a pruning
   * rule change re-masks the network, evaluates it and posts the result
   * without a training step. Queued changes coalesce: each task applies the
   * latest config, so later tasks find nothing to do.
   */
  private async applyHot(gen: number): Promise<void> {
    const live = this.live;
    const prune = this.prune;
    if (gen !== this.gen || this.readyGen !== gen || !live || !prune || this.broken || this.config === null) return;
    const next = this.config;
    let regularise = false;
    for (const key of changedKeys(live.applied, next)) {
      if (key === 'lr') live.session.setLearningRate(next.lr);
      else if (key === 'opt') live.session.setOptimizer(next.opt);
      else if (key === 'batch') {
        live.session.setBatchSize(next.batch);
        this.pacer.reset();
      } else if (key === 'l1' || key === 'l2' || key === 'prox' || key === 'dropout') regularise = true;
      else if (key === 'aug') live.session.setAugmentation(parseAugLenient(next.aug));
      // cv_* and rp_* only set up the jobs: nothing to apply.
    }
    if (regularise) live.session.setRegularisation(regularisation(next));
    live.applied = next;
    if (!prune.needsUpdate(next)) return;
    if (!(await this.figures.captureBefore(gen))) return;
    let changed: boolean;
    try {
      changed = await prune.configure(live.session, next);
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return;
    }
    if (changed && gen === this.gen) await this.announceMasks(gen);
  }

  /**
   * After the masks changed at the current step: evaluate the new network on
   * the quick rows and post metrics (model figures, latestEval, the current
   * point re-sent with the new test figures, its "before" and sparsity) and a
   * snapshot at once; then, paused, the pruned network's train loss on a
   * seeded subset of the training rows (TrainEval) and the whole test set
   * (queued: a newer change or play supersedes it). While training, the next
   * batches' losses are the pruned network's own, and play would supersede the
   * whole-set evaluation anyway.
   */
  private async announceMasks(gen: number): Promise<void> {
    const live = this.live;
    const prune = this.prune;
    if (!live || !prune || !(await this.figures.afterMaskChange(gen))) return;
    const { sparsity, layerSparsity } = prune.sparsity();
    this.report.outbox.attachSparsity(live.session.step, sparsity, layerSparsity);
    const training = this.loopRunning;
    this.postMetrics(training);
    await this.snapshot(gen);
    if (training || gen !== this.gen || this.live !== live || !(await this.figures.trainLoss(gen))) return;
    this.postMetrics(false);
    if (this.mode === 'paused') this.figures.queueFull(gen);
  }

  /** Posts the queued points, the header figures, the model's figures and the "not learning" notice. */
  private postMetrics(training: boolean): void {
    if (!this.live || !this.prune) return;
    this.report.metrics(this.live.session, training, this.prune.stats(this.live.session.step), this.notLearning.notice);
  }

  /**
   * Reads the weights into the pruning state (the CPU copy a fallback resumes
   * from), posts them as a snapshot and puts their sparsity on the current point.
   */
  private async snapshot(gen: number): Promise<void> {
    const live = this.live;
    const prune = this.prune;
    if (!live || !prune) return;
    await prune.sync(live.session);
    if (gen !== this.gen) return;
    const { sparsity, layerSparsity } = prune.sparsity();
    this.report.outbox.attachSparsity(live.session.step, sparsity, layerSparsity);
    this.report.snapshot(prune.snapshot());
    await this.postBoundary(gen);
  }

  /**
   * `loadWeights` (an imported model): the session takes `layers` with no mask,
   * a fresh pruning controller applies the config's rules to them (the lottery
   * would rewind to the seed's weights, so the store turns it off on import),
   * then the test set is evaluated and metrics and a snapshot posted at once.
   * Queued behind the build of the same gen, so the session exists; layers that
   * do not fit the spec are reported as an error and the seeded weights stay.
   */
  private async loadWeights(gen: number, layers: LayerWeights[]): Promise<void> {
    const live = this.live;
    const config = this.config;
    if (gen !== this.gen) return;
    if (this.readyGen !== gen || !live || this.broken || config === null) {
      this.report.error(new Error('No network to load the weights into: the run failed to build.'));
      return;
    }
    if (!(await this.figures.captureBefore(gen))) return;
    try {
      live.session.setMasks(null);
      live.session.setWeights(layers);
    } catch (e) {
      this.report.error(new Error(`The imported weights do not fit this network: ${errorText(e)}`));
      return;
    }
    const prune = new PruningController(live.session.spec, config);
    this.prune = prune;
    try {
      await prune.configure(live.session, config);
      await prune.sync(live.session);
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return;
    }
    if (gen !== this.gen) return;
    await this.announceMasks(gen);
    if (gen === this.gen && this.mode === 'paused') this.report.phase('paused');
  }

  /** Posts the augmentation preview (mnist only; other datasets ignore the request). */
  private async postAugPreview(gen: number, draw: number): Promise<void> {
    const live = this.live;
    if (gen !== this.gen || this.readyGen !== gen || !live || this.config === null) return;
    const out = await augPreviewMessage(live.session, live.dataset, this.config.aug, this.runId, draw);
    if (out && gen === this.gen) this.report.send(out.msg, out.transfer);
  }

  /** Posts the decision boundary (2-D datasets), with the watched neuron's map when one is watched. */
  private async postBoundary(gen: number): Promise<void> {
    const live = this.live;
    if (gen !== this.gen || this.readyGen !== gen || !live || !live.views.planar) return;
    const boundary = await live.views.boundary(live.session, this.watched);
    if (gen !== this.gen || !boundary) return;
    this.postView(live.session.step, { boundary });
  }

  private postView(step: number, view: ModelView): void {
    const { msg, transfer } = ViewMaker.message(this.runId, step, view);
    this.report.send(msg, transfer);
  }

  private maybeStartLoop(): void {
    if (this.loopRunning || this.mode === 'paused' || this.readyGen !== this.gen || !this.live) return;
    this.loopRunning = true;
    void this.loop(this.gen, ++this.loopToken);
  }

  private async loop(gen: number, token: number): Promise<void> {
    const t = this.clock.now();
    this.report.meter.start(t);
    this.speed.start(t);
    this.report.phase('training');
    let settle = false;
    try {
      while (gen === this.gen && this.mode !== 'paused') {
        // The speed limit waits by a timer, outside the serial queue: messages (pause, θ, a new speed) are answered meanwhile.
        const wait = this.speed.delayMs(this.clock.now());
        if (wait > 0) {
          await this.sleep(wait);
          continue;
        }
        if (!(await this.serial.run(() => this.burst(gen)))) break;
        await yieldToQueue();
      }
      settle = gen === this.gen && !this.broken;
    } catch (e) {
      // A read-back of a lost GPU (a snapshot, a view) rejects: fall back. Anything else stops the run
      // (the store shows the error): do not let maybeStartLoop restart it.
      if (!this.failOnGpu(gen, e)) {
        this.mode = 'paused';
        this.fail(e);
      }
    } finally {
      if (token === this.loopToken) this.loopRunning = false;
    }
    if (token !== this.loopToken) return;
    if (settle) await this.serial.run(() => this.settle(gen)).catch((e) => this.fail(e));
    this.maybeStartLoop();
  }

  /** Waits `ms` by the clock's timer; any message ({@link handle}) ends the wait early. */
  private async sleep(ms: number): Promise<void> {
    const nap = this.clock.sleep(ms);
    this.nap = nap;
    try {
      await nap.done;
    } finally {
      if (this.nap === nap) this.nap = null;
    }
  }

  /**
   * Watches the live backend for a GPU loss. On a loss the host stops waiting
   * for the dead backend at once: the serial queue and the loop stuck in its
   * read-backs are abandoned (their gen is stale when, if ever, they wake) and
   * the run falls back to the next backend from the latest checkpoint.
   */
  private watchLoss(gen: number, backend: BackendName): void {
    this.unwatch();
    this.lost = null;
    this.unwatch = watchBackendLoss(backend, (what) => {
      this.lost = what;
      for (const wake of this.lostWaiters.splice(0)) wake();
      // A failed read-back may have started the fallback already; it reads `lost` for its reason.
      if (gen !== this.gen || this.live?.backend !== backend) return;
      // A job stuck in a read-back of the dead GPU will never say it ended: say it for it.
      const job = this.job;
      if (job !== null) {
        job.stop = 'the network was rebuilt';
        this.job = null;
        this.report.send({ type: 'job', runId: job.runId, job: job.kind, done: 0, total: 0, label: job.stop, cancelled: true });
      }
      this.serial = new Serial();
      this.loopRunning = false;
      this.loopToken++;
      this.fallBack(backend, null);
    });
  }

  /**
   * After a read-back outside the guarded calls (a snapshot, a view) failed:
   * on a GPU backend the GPU is the likely cause, so fall back (true); on
   * wasm/cpu it is an ordinary error (false).
   */
  private failOnGpu(gen: number, e: unknown): boolean {
    const live = this.live;
    if (gen !== this.gen) return true;
    if (!live || !isGpu(live.backend)) return false;
    this.fallBack(live.backend, e);
    return true;
  }

  /** Resolves when the live GPU reports its loss, or after {@link LOSS_GRACE_MS} (WebGPU rejects a mapAsync before `device.lost` settles). */
  private waitForLoss(): Promise<void> {
    if (this.lost !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, LOSS_GRACE_MS);
      this.lostWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops the run as diverged (paused; play or reset rebuilds from the seed) with a message that says why and what to do. */
  private diverge(d: Divergence, step: number, from: number): void {
    const config = this.live?.applied ?? this.config;
    this.broken = true;
    this.mode = 'paused';
    this.stepsLeft = 0;
    this.postMetrics(false);
    this.report.phase('diverged', divergedMessage(step, d, from, config?.opt ?? 'sgd', config?.lr ?? Number.NaN));
  }

  /** One burst of training; false when the loop should stop. */
  private async burst(gen: number): Promise<boolean> {
    if (gen !== this.gen || !this.live || !this.prune || this.mode === 'paused') return false;
    await this.applyHot(gen);
    // Something due at this step (the schedule's begin step, a resumed run) comes before training on.
    if (!(await this.pruneEvents(gen)) || (this.mode as Mode) === 'paused') return false;
    const live = this.live;
    const prune = this.prune;
    if (gen !== this.gen || !live || !prune) return false;
    const { session } = live;
    const wanted = Math.min(this.pacer.steps, this.speed.burstCap(), this.mode === 'stepping' ? this.stepsLeft : Number.POSITIVE_INFINITY);
    // Bursts end exactly at schedule pruning steps and lottery round ends.
    const k = Math.min(wanted, prune.stepsToNextEvent(session.step));
    const first = session.step;
    const burstStart = this.clock.now();
    this.speed.record(k, burstStart);
    // The penalty rides on the points only while one is on (applyHot above brought `applied` up to date).
    const penalised = live.applied.l1 > 0 || live.applied.l2 > 0;
    const t0 = now();
    let losses: Float32Array;
    let penalties: Float32Array;
    let trainedMs: number;
    try {
      ({ loss: losses, penalty: penalties } = await session.trainSteps(k));
      trainedMs = now() - t0;
      // On a GPU the weights are read back after every burst (see pacing.ts checkpointEveryBurst): if
      // the GPU is lost, the run resumes from the last burst the page showed. The points are queued
      // only after it, so the step the page shows never runs ahead of a checkpoint.
      if (checkpointEveryBurst(live.backend) && Number.isFinite(losses[losses.length - 1])) {
        const c0 = now();
        await prune.sync(session);
        this.pacer.recordCheckpoint(now() - c0);
      }
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return false;
    }
    if (gen !== this.gen) return false;
    this.pacer.record(k, trainedMs);
    const points: MetricPoint[] = [];
    for (let i = 0; i < losses.length && Number.isFinite(losses[i]) && Number.isFinite(penalties[i]); i++) {
      points.push(penalised ? { step: first + i + 1, trainLoss: losses[i], penalty: penalties[i] } : { step: first + i + 1, trainLoss: losses[i] });
    }
    this.report.outbox.push(points);
    const before = this.lastTrainLoss;
    if (points.length > 0) this.lastTrainLoss = points[points.length - 1].trainLoss;
    if (points.length < losses.length) {
      const i = points.length;
      const value = Number.isFinite(losses[i]) ? penalties[i] : losses[i];
      this.diverge({ kind: 'train', value, reference: this.divergence.reference }, first + i + 1, Number.isFinite(this.lastTrainLoss) ? this.lastTrainLoss : before);
      return false;
    }
    const spike = this.divergence.trainLosses(losses);
    if (spike) {
      const i = losses.indexOf(spike.value);
      this.diverge(spike, first + i + 1, i > 0 ? losses[i - 1] : before);
      return false;
    }
    this.notLearning.record(losses, session.step, live.applied.opt, live.applied.lr);
    if (this.mode === 'stepping') {
      this.stepsLeft -= k;
      if (this.stepsLeft <= 0) this.mode = 'paused';
    }
    if (!(await this.pruneEvents(gen))) return false;
    // The step schedule keeps the test curve dense on fast runs; freshness keeps the header's figures young on slow ones.
    const reached = this.clock.now();
    if (this.figures.dueAfterBurst(session.step, reached, reached - burstStart) && !(await this.figures.evaluate(gen, 'quick', true))) return false;
    const t = now();
    this.report.meter.record(k, this.clock.now());
    // Step by step (slow speeds) every step is shown: metrics, snapshot and boundary after each.
    const everyStep = this.speed.stepByStep;
    // Snapshot first, so the sparsity it reads rides on the points of the metrics message.
    if (everyStep || this.report.snapshotDue(t)) await this.snapshot(gen);
    if (gen !== this.gen) return false;
    if (everyStep || this.report.outbox.due(t)) this.postMetrics(true);
    return this.mode !== 'paused';
  }

  /**
   * Handles what the pruning controller has due at the current step: a
   * schedule pruning step (re-mask, sparsity on the point), or a lottery round
   * end (evaluate, add the row, prune + rewind or finish and pause). False
   * when the run should stop (a newer gen, or the backend failed).
   */
  private async pruneEvents(gen: number): Promise<boolean> {
    const live = this.live;
    const prune = this.prune;
    if (gen !== this.gen || !live || !prune) return false;
    const { session } = live;
    const due = prune.due(session.step);
    if (due === null) return true;
    try {
      if (due === 'schedule') {
        await prune.scheduleStep(session);
        if (gen !== this.gen) return false;
        this.figures.invalidate(); // the evaluation below (if due) sees the pruned network
      } else {
        // A round's row in the table: the whole test set.
        if (!(await this.figures.evaluate(gen, 'full'))) return false;
        const figures = this.figures.latestAt(session.step);
        if (figures === null) return false;
        const { rows, done } = await prune.endRound(session, figures);
        if (!done) this.figures.invalidate(); // rewound: the figures were the trained network's
        if (gen !== this.gen) return false;
        this.report.send({ type: 'lottery', runId: this.runId, rows, done });
        if (done) {
          this.mode = 'paused';
          this.stepsLeft = 0;
          this.pauseMessage = prune.lotterySummary();
        }
      }
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return false;
    }
    const { sparsity, layerSparsity } = prune.sparsity();
    this.report.outbox.attachSparsity(session.step, sparsity, layerSparsity);
    return true;
  }

  /**
   * After pausing or a finished step command: the quick figures at this step
   * (judged for divergence), the snapshot, metrics and phase `paused` at once;
   * then the whole test set, queued, updating the figures when it lands (play
   * stops it between parts).
   */
  private async settle(gen: number): Promise<void> {
    if (gen !== this.gen || !this.live || this.broken) return;
    if (this.live.session.step > 0 && !(await this.figures.evaluate(gen, 'quick', true))) return;
    if (gen !== this.gen || !this.live) return;
    await this.snapshot(gen);
    if (gen !== this.gen) return;
    this.postMetrics(false);
    if (this.mode === 'paused') {
      this.report.phase('paused', this.pauseMessage);
      this.pauseMessage = undefined;
      if (this.live.session.step > 0) this.figures.queueFull(gen);
    }
  }

  /** `sweep`: test figures of the current network at a range of sparsities, per layer or global as the config's scope (as the slider); training state untouched. */
  private async sweep(gen: number): Promise<void> {
    const live = this.live;
    const prune = this.prune;
    if (gen !== this.gen) return;
    if (this.readyGen !== gen || !live || !prune || this.broken) {
      this.report.error(new Error('No network to sweep: the run failed to build or diverged.'));
      return;
    }
    try {
      const scope = live.applied.scope;
      const points = await prune.sweep(live.session, scope);
      if (gen !== this.gen) return;
      this.report.send({ type: 'sweep', runId: this.runId, step: live.session.step, scope, points });
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
    }
  }

  /**
   * `compact`: physically removes the masked neurons. Builds a smaller session
   * on the same backend from the dense weights, kernel masks and step (the
   * optimizer state restarts), and measures cost and inference time before and
   * after. With no neuron masked the answer has before = after.
   */
  private async compact(gen: number): Promise<void> {
    const live = this.live;
    const prune = this.prune;
    if (gen !== this.gen) return;
    if (this.readyGen !== gen || !live || !prune || this.broken) {
      this.report.error(new Error('No network to compact: the run failed to build or diverged.'));
      return;
    }
    const old = live.session;
    const measure = async (session: TrainingSession): Promise<MeasuredCost> => {
      const { medianMs, rows } = await session.timeInference(INFERENCE_ROWS, INFERENCE_REPS, INFERENCE_BUDGET_MS);
      const { hidden, params, flops, bytes } = prune.stats(session.step);
      return { hidden, params, flops, bytes, inferenceMs: medianMs, inferenceRows: rows };
    };
    try {
      const before = await measure(old);
      if (gen !== this.gen) return;
      if (prune.hasNeuronMasks && !(await this.figures.captureBefore(gen))) return;
      if (!prune.hasNeuronMasks) {
        this.report.send({ type: 'compacted', runId: this.runId, step: old.step, before, after: before });
        return;
      }
      await prune.sync(old);
      if (gen !== this.gen) return;
      const resume = prune.compact(old.step);
      const next = new TrainingSession(live.dataset, resume.spec, { ...old.options, ...regularisation(live.applied) }, resume);
      live.session = next;
      old.dispose();
      this.pacer.reset();
      const after = await measure(next);
      if (gen !== this.gen) return;
      this.report.send({ type: 'compacted', runId: this.runId, step: next.step, before, after });
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return;
    }
    await this.announceMasks(gen);
  }

  /**
   * Queues a job (training pauses at once). One at a time: asked for while
   * another live one is queued or running, it is ignored (the first goes on);
   * one already told to stop (a new run) does not block the next.
   */
  private startJob(kind: JobKind): void {
    if (this.job !== null && this.job.stop === null) return;
    this.mode = 'paused';
    this.stepsLeft = 0;
    const job: JobState = { kind, runId: this.runId, gen: this.gen, stop: null };
    this.job = job;
    void this.serial
      .run(() => this.runJob(job))
      .catch((e) => this.fail(e))
      .finally(() => {
        if (this.job === job) this.job = null;
      });
  }

  /** Asks the queued or running job to stop; it says so with a `job` message whose label is `reason`. */
  private stopJob(reason: string): void {
    if (this.job !== null && this.job.stop === null) this.job.stop = reason;
  }

  /**
   * Runs a job in the serial queue (so nothing else touches a session while
   * it runs): settles the paused run first (evaluation, snapshot, phase
   * `paused`), then posts `job` progress, the result and a last `job` with
   * `finished`; or, stopped or failed, a last `job` with `cancelled` and the
   * reason as its label. Sessions the job makes are its own and all disposed.
   */
  private async runJob(job: JobState): Promise<void> {
    const send = (done: number, total: number, label: string, end?: { finished?: true; cancelled?: true }): void =>
      this.report.send({ type: 'job', runId: job.runId, job: job.kind, done, total, label, ...end });
    let last = { done: 0, total: 0 };
    const cancel = (label: string): void => send(last.done, last.total, label, { cancelled: true });
    const live = this.live;
    const config = this.config;
    if (job.stop !== null) return cancel(job.stop);
    if (job.gen !== this.gen || this.readyGen !== job.gen || !live || this.broken || config === null) {
      return cancel('No network to run it on: the run failed to build or diverged.');
    }
    await this.settle(job.gen);
    const throttle = new ProgressThrottle((p) => {
      last = p;
      send(p.done, p.total, p.label);
    });
    const env: JobEnv = {
      dataset: live.dataset,
      spec: experimentSpec(datasetInfo(config.dataset), config),
      config,
      backend: live.backend,
      stopped: () => job.stop !== null || job.gen !== this.gen,
      progress: (p, unit) => throttle.report(p, unit),
    };
    try {
      if (job.kind === 'lambdaSweep') {
        const result = await lambdaSweep(env);
        if (env.stopped()) throw new JobCancelled();
        this.report.send({ type: 'lambdaSweep', runId: job.runId, result });
      } else {
        const result = await regPrune(env);
        if (env.stopped()) throw new JobCancelled();
        this.report.send({ type: 'regPrune', runId: job.runId, result });
      }
      send(last.total, last.total, 'Done', { finished: true });
    } catch (e) {
      cancel(e instanceof JobCancelled ? (job.stop ?? 'the network was rebuilt') : `Failed: ${errorText(e)}`);
    }
  }

  /**
   * The backend died mid-run: rebuild on the next backend that works from the
   * pruning state's last read of the weights and step (on webgl and webgpu the
   * end of every burst, see {@link checkpointEveryBurst}; elsewhere snapshots,
   * schedule steps, mask changes; the optimizer state starts afresh), and
   * carry on in the same mode. Points after that read are trained again.
   * `e` null: the GPU was lost (see {@link watchLoss}); the reason then says
   * at which step, and from which step training resumes.
   */
  private fallBack(failed: BackendName, e: unknown): void {
    this.deadBackends.add(failed);
    this.builder.forgetProbe();
    const gen = ++this.gen;
    const step = this.live?.session.step ?? 0;
    const start = async (): Promise<void> => {
      // A failed call on a GPU: was the GPU lost? The event may come just after the rejection.
      if (e !== null && isGpu(failed)) await this.waitForLoss();
      const lost = this.lost;
      const reason = lost ? `lost its ${lost} at step ${step}; resuming from step ${this.prune?.resume().step ?? 0}` : errorText(e);
      await this.build(gen, { from: failed, reason, lost: lost !== null });
    };
    void this.serial.run(start).catch((err) => this.fail(err));
  }
}
