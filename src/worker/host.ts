import type { BackendSetup } from '../engine/backend';
import { datasetInfo } from '../engine/data/catalog';
import { mlpSpec } from '../engine/model/spec';
import { TrainingSession } from '../engine/train/session';
import type { BackendName, Dataset } from '../engine/types';
import { changedKeys, isColdChange, type ExperimentConfig } from '../protocol/config';
import type { MetricPoint, ToWorker } from '../protocol/messages';
import { RunBuilder, Superseded, trainOptions, type BuildHooks } from './builder';
import { BurstPacer, EvalSchedule, burstTargetMs } from './pacing';
import { Reporter, type Post } from './reporter';
import { Serial, errorText, now, yieldToQueue } from './serial';

export type { Post } from './reporter';

type Mode = 'paused' | 'playing' | 'stepping';

/** The live parts of a built run. */
interface Live {
  session: TrainingSession;
  dataset: Dataset;
  backend: BackendName;
  /** The config the session currently reflects (hot keys applied so far). */
  applied: ExperimentConfig;
}

/** Test-set evaluation interval floor: small sets are cheap to evaluate, mnist's 2,000 digits less so. */
const evalBase = (dataset: Dataset): number => (dataset.info.name === 'mnist' ? 100 : 25);
const DIVERGED_MESSAGE = 'The loss became NaN or infinite. Try a lower learning rate, then press play to restart from the seed.';
/** Progress messages per second at most while downloading. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * The training worker's logic: a thin host around a {@link TrainingSession}.
 * Builds sessions on `configure`/`reset`, trains in bursts between which it
 * yields to the message queue, evaluates, and posts metrics, snapshots and
 * phases under the current runId. Every session access goes through one
 * {@link Serial} queue; `gen` numbers the builds so stale work stops.
 */
export class TrainingHost {
  private readonly builder: RunBuilder;
  private readonly serial = new Serial();
  private readonly pacer = new BurstPacer();
  private readonly report: Reporter;
  private evals = new EvalSchedule(25);
  private assetBaseUrl = '';
  private runId = 0;
  private config: ExperimentConfig | null = null;
  private live: Live | null = null;
  private mode: Mode = 'paused';
  private stepsLeft = 0;
  /** Bumped by every rebuild; work of an older gen stops. */
  private gen = 0;
  /** The gen whose session is live (ready to train). */
  private readyGen = -1;
  private loopRunning = false;
  /** The run needs a rebuild before it can train again (diverged, or failed). */
  private broken = false;
  private lastEvalStep = -1;
  private deadBackends = new Set<BackendName>();

  constructor(post: Post, setup: BackendSetup) {
    this.builder = new RunBuilder(setup);
    this.report = new Reporter(post, () => this.runId);
  }

  /** Handles one message from the main thread. Never throws: failures become `error` messages. */
  handle(msg: ToWorker): void {
    try {
      switch (msg.type) {
        case 'init':
          this.assetBaseUrl = msg.assetBaseUrl;
          return;
        case 'configure': {
          const cold = msg.runId !== this.runId || this.config === null || isColdChange(this.config, msg.config);
          this.runId = msg.runId;
          this.config = msg.config;
          if (cold) this.rebuild();
          else if (this.live && !this.broken) void this.serial.run(() => this.applyHot()).catch((e) => this.fail(e));
          return;
        }
        case 'play':
        case 'step':
          if (msg.runId !== this.runId) return;
          this.mode = msg.type === 'play' ? 'playing' : 'stepping';
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
          this.mode = 'paused';
          this.rebuild();
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

  /** Reports a failure (also used by the worker's last-resort handlers). */
  fail(e: unknown): void {
    this.report.error(e);
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
   * backend died) from the saved weights and step on the next backend.
   */
  private async build(gen: number, fallback?: { from: BackendName; reason: string }): Promise<void> {
    if (gen !== this.gen || this.config === null) return;
    const resume = fallback ? this.report.saved : null;
    this.disposeLive(fallback !== undefined);
    const config = this.config;
    const hooks = this.hooks(gen);
    try {
      const dataset = await this.builder.dataset(config, this.assetBaseUrl, hooks);
      const spec = mlpSpec(datasetInfo(config.dataset), config.layers, config.act);
      if (gen !== this.gen) return;
      const choice = fallback
        ? { backend: await this.builder.fallback(fallback.from, this.deadBackends), fallbackFrom: fallback.from, reason: fallback.reason }
        : await this.builder.backend(config, dataset, spec, hooks);
      if (gen !== this.gen) return;
      const session = new TrainingSession(dataset, spec, trainOptions(config), resume ?? undefined);
      this.live = { session, dataset, backend: choice.backend, applied: config };
      this.pacer.reset(burstTargetMs(choice.backend));
      this.report.reset();
      this.evals = new EvalSchedule(evalBase(dataset), session.step);
      this.broken = false;
      this.lastEvalStep = -1;
      this.readyGen = gen;
      this.report.send({ type: 'backend', runId: this.runId, ...choice });
      await this.report.snapshot(session);
      if (gen !== this.gen) return;
      this.report.metrics(session, false);
      if (this.mode === 'paused') this.report.phase('paused');
      this.maybeStartLoop();
    } catch (e) {
      if (e instanceof Superseded || gen !== this.gen) return;
      this.broken = true;
      this.mode = 'paused';
      this.fail(e);
    }
  }

  /** Frees the live session; `keepSaved` keeps the weights snapshot and dead backends (a fallback resumes from them). */
  private disposeLive(keepSaved: boolean): void {
    const live = this.live;
    this.live = null;
    if (!keepSaved) {
      this.report.saved = null;
      this.deadBackends.clear();
    }
    try {
      live?.session.dispose();
    } catch {
      // A dead backend may fail to free its tensors; they go with it.
    }
  }

  /** Hot keys (lr, opt, batch) take effect between bursts. */
  private applyHot(): void {
    const live = this.live;
    if (!live || this.config === null) return;
    const next = this.config;
    for (const key of changedKeys(live.applied, next)) {
      if (key === 'lr') live.session.setLearningRate(next.lr);
      else if (key === 'opt') live.session.setOptimizer(next.opt);
      else if (key === 'batch') {
        live.session.setBatchSize(next.batch);
        this.pacer.reset();
      }
    }
    live.applied = next;
  }

  private maybeStartLoop(): void {
    if (this.loopRunning || this.mode === 'paused' || this.readyGen !== this.gen || !this.live) return;
    this.loopRunning = true;
    void this.loop(this.gen);
  }

  private async loop(gen: number): Promise<void> {
    this.report.meter.start(now());
    this.report.phase('training');
    let settle = false;
    try {
      while (gen === this.gen && this.mode !== 'paused') {
        if (!(await this.serial.run(() => this.burst(gen)))) break;
        await yieldToQueue();
      }
      settle = gen === this.gen && !this.broken;
    } catch (e) {
      this.fail(e);
    } finally {
      this.loopRunning = false;
    }
    if (settle) await this.serial.run(() => this.settle(gen)).catch((e) => this.fail(e));
    this.maybeStartLoop();
  }

  /** One burst of training; false when the loop should stop. */
  private async burst(gen: number): Promise<boolean> {
    const live = this.live;
    if (gen !== this.gen || !live || this.mode === 'paused') return false;
    this.applyHot();
    const { session } = live;
    const k = this.mode === 'stepping' ? Math.min(this.pacer.steps, this.stepsLeft) : this.pacer.steps;
    const first = session.step;
    const t0 = now();
    let losses: Float32Array;
    try {
      losses = await session.trainSteps(k);
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return false;
    }
    if (gen !== this.gen) return false;
    this.pacer.record(k, now() - t0);
    const points: MetricPoint[] = [];
    for (let i = 0; i < losses.length && Number.isFinite(losses[i]); i++) points.push({ step: first + i + 1, trainLoss: losses[i] });
    this.report.outbox.push(points);
    if (points.length < losses.length) {
      this.broken = true;
      this.mode = 'paused';
      this.report.metrics(session, false);
      this.report.phase('diverged', DIVERGED_MESSAGE);
      return false;
    }
    if (this.mode === 'stepping') {
      this.stepsLeft -= k;
      if (this.stepsLeft <= 0) this.mode = 'paused';
    }
    if (this.evals.isDue(session.step) && !(await this.evaluate(gen))) return false;
    const t = now();
    this.report.meter.record(k, t);
    if (this.report.outbox.due(t)) this.report.metrics(session, true);
    if (this.report.snapshotDue(t)) await this.report.snapshot(session);
    return this.mode !== 'paused';
  }

  /** Evaluates the test set now; false when the run should stop (failure or a newer gen). */
  private async evaluate(gen: number): Promise<boolean> {
    const live = this.live;
    if (!live || live.session.step === this.lastEvalStep) return true;
    const t0 = now();
    try {
      const { testLoss, testAccuracy } = await live.session.evaluate();
      if (gen !== this.gen) return false;
      const step = live.session.step;
      this.lastEvalStep = step;
      this.evals.done(step, now() - t0, this.pacer.stepMs);
      this.report.outbox.attachEval(step, testLoss, testAccuracy);
      return true;
    } catch (e) {
      if (gen === this.gen) this.fallBack(live.backend, e);
      return false;
    }
  }

  /** After pausing or a finished step command: evaluate, send everything, say paused. */
  private async settle(gen: number): Promise<void> {
    if (gen !== this.gen || !this.live || this.broken) return;
    if (this.live.session.step > 0) await this.evaluate(gen);
    if (gen !== this.gen || !this.live) return;
    this.report.metrics(this.live.session, false);
    await this.report.snapshot(this.live.session);
    if (this.mode === 'paused') this.report.phase('paused');
  }

  /**
   * The backend died mid-run: rebuild on the next backend that works from the
   * last snapshot's weights and step (the optimizer state starts afresh), and
   * carry on in the same mode. Points after that snapshot are trained again.
   */
  private fallBack(failed: BackendName, e: unknown): void {
    this.deadBackends.add(failed);
    this.builder.forgetProbe();
    const gen = ++this.gen;
    void this.serial.run(() => this.build(gen, { from: failed, reason: errorText(e) })).catch((err) => this.fail(err));
  }
}
