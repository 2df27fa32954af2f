import { activateBackend, fallbackOrder, probeBackends, type BackendSetup } from '../engine/backend';
import { CNN_WASM_REASON, trainableBackends } from '../engine/model/spec';
import { MNIST_ASSET_PATH, makeDataset, fetchMnist, type MnistRaw } from '../engine/data/index';
import { TrainingSession } from '../engine/train/session';
import { BACKEND_NAMES, type BackendName, type BackendProbe, type Dataset, type ModelSpec, type Regularisation, type TrainOptions } from '../engine/types';
import type { ExperimentConfig } from '../protocol/config';
import { parseAugLenient } from '../engine/data/augSpec';
import { errorText, now } from './serial';

/** Callbacks a build reports through; `isCurrent()` turns false once a newer build has been asked for. */
export interface BuildHooks {
  isCurrent(): boolean;
  onLoading(): void;
  onProgress(loaded: number, total: number): void;
  /** `backend`: the one being measured now. */
  onMeasuring(backend: BackendName): void;
}

/** The backend a run trains on and how it was chosen. */
export interface BackendChoiceResult {
  backend: BackendName;
  /** What `auto` measured. */
  probes?: BackendProbe[];
  /** Set when the requested backend failed to initialise. */
  fallbackFrom?: BackendName;
  reason?: string;
}

/** Thrown inside a superseded build to unwind it quickly. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer configuration');
  }
}

/** Timed training per backend when `auto` measures. */
const PROBE_WINDOW_MS = 400;
/** A backend whose second step (shaders compiled) takes this long is clearly slow: that step's rate is its score. */
const PROBE_SLOW_STEP_MS = 250;
/**
 * A backend whose first step (shader compiles and warm-up included) takes
 * this long gets one timed step more and no bursts: that step's rate is its
 * score (the first step's would count the compiles: the classic small CNN's
 * first step on software WebGL took 3.8 s, its next ones 1 s). So a slow
 * candidate costs two steps at most.
 */
export const PROBE_FIRST_STEP_BUDGET_MS = 1500;
/**
 * A CNN's whole probe: once a backend has been measured and this long has
 * passed, the remaining candidates are not tried (BackendProbe.skipped). Today
 * `auto` took 40–66 s to choose a backend for the classic small CNN, most of it
 * in the CPU's steps, which never beat WebGL on a CNN (bench: 0.3 vs 0.9 steps/s
 * on software WebGL here; a real GPU widens the gap).
 */
export const CNN_PROBE_BUDGET_MS = 3000;
/**
 * The order `auto` tries backends in: the engine's (webgpu, webgl, wasm, cpu)
 * for an MLP; for a CNN WebGL first (the fastest here and on an H100 for our
 * networks, bench/README.md), then WebGPU, then the CPU (never WASM, which
 * cannot train one: CNN_WASM_REASON).
 */
export function probeOrder(spec: ModelSpec): BackendName[] {
  const trainable = trainableBackends(spec);
  if (!spec.conv) return trainable;
  const first: BackendName[] = ['webgl', 'webgpu'];
  return [...first.filter((b) => trainable.includes(b)), ...trainable.filter((b) => !first.includes(b))];
}

/** The session's regularisation from the URL config (hot: `TrainingSession.setRegularisation`). */
export function regularisation(config: ExperimentConfig): Regularisation {
  return { l1: config.l1, l2: config.l2, prox: config.prox === 1, dropout: config.dropout };
}

/** The engine's training options from the URL config. */
export function trainOptions(config: ExperimentConfig): TrainOptions {
  return { optimizer: config.opt, learningRate: config.lr, batchSize: config.batch, seed: config.seed, ...regularisation(config), augment: parseAugLenient(config.aug) };
}

/**
 * Turns a config into the parts of a session: the dataset (MNIST downloaded
 * once and kept across reconfigures; the last generated dataset reused when
 * only model settings change) and the backend (explicit with fallback, or
 * `auto` measured on the current model, remembered per model shape and batch).
 */
export class RunBuilder {
  private mnist: { url: string; raw: Promise<MnistRaw> } | null = null;
  private lastData: { key: string; dataset: Dataset } | null = null;
  private probed: { key: string; chosen: BackendName; probes: BackendProbe[] } | null = null;

  constructor(private readonly setup: BackendSetup) {}

  /** The dataset for `config`; mnist is fetched from `${assetBaseUrl}${MNIST_ASSET_PATH}` the first time. */
  async dataset(config: ExperimentConfig, assetBaseUrl: string, hooks: BuildHooks): Promise<Dataset> {
    const trainSize = config.dataset === 'mnist' ? config.trainSize : undefined;
    const points = config.dataset === 'custom' ? config.pts : undefined;
    const key = `${config.dataset}|${config.noise}|${config.split}|${config.seed}|${trainSize ?? ''}|${points ?? ''}`;
    if (this.lastData?.key === key) return this.lastData.dataset;
    let raw: MnistRaw | undefined;
    if (config.dataset === 'mnist') {
      const url = `${assetBaseUrl}${MNIST_ASSET_PATH}`;
      if (this.mnist?.url !== url) {
        hooks.onLoading();
        const pending = fetchMnist(url, (loaded, total) => hooks.onProgress(loaded, total));
        this.mnist = { url, raw: pending };
        pending.catch(() => {
          if (this.mnist?.raw === pending) this.mnist = null; // let a later build retry
        });
      }
      raw = await this.mnist.raw;
      if (!hooks.isCurrent()) throw new Superseded();
    }
    const dataset = makeDataset({ name: config.dataset, noisePercent: config.noise, trainPercent: config.split, seed: config.seed, trainSize, points }, raw);
    this.lastData = { key, dataset };
    return dataset;
  }

  /** Activates the backend `config` asks for and says which one it is. */
  async backend(config: ExperimentConfig, dataset: Dataset, spec: ModelSpec, hooks: BuildHooks): Promise<BackendChoiceResult> {
    const trainable = trainableBackends(spec);
    if (config.backend !== 'auto') {
      if (!trainable.includes(config.backend)) {
        const backend = await this.fallback(config.backend, new Set([config.backend]), spec);
        return { backend, fallbackFrom: config.backend, reason: CNN_WASM_REASON };
      }
      try {
        await activateBackend(config.backend, this.setup);
        return { backend: config.backend };
      } catch (e) {
        const backend = await this.fallback(config.backend, new Set([config.backend]), spec);
        return { backend, fallbackFrom: config.backend, reason: errorText(e) };
      }
    }
    const key = `${JSON.stringify(spec)}|${config.batch}`;
    if (this.probed?.key === key) {
      try {
        await activateBackend(this.probed.chosen, this.setup);
        return { backend: this.probed.chosen, probes: this.probed.probes };
      } catch {
        this.probed = null; // it worked before; measure again
      }
    }
    const options = trainOptions(config);
    const measure = (b: BackendName): Promise<number> => {
      hooks.onMeasuring(b);
      return measureSteps(dataset, spec, options, hooks);
    };
    const budget = spec.conv ? { ms: CNN_PROBE_BUDGET_MS, now } : undefined;
    const { chosen, probes } = await probeBackends(probeOrder(spec), measure, this.setup, budget);
    if (!hooks.isCurrent()) throw new Superseded();
    // Backends that cannot train this model are listed with the reason, so the badge says why they were not tried.
    const skipped: BackendProbe[] = BACKEND_NAMES.filter((b) => !trainable.includes(b)).map((backend) => ({ backend, error: CNN_WASM_REASON }));
    const sorted = [...probes, ...skipped].sort((a, b) => (b.stepsPerSecond ?? -1) - (a.stepsPerSecond ?? -1));
    this.probed = { key, chosen, probes: sorted };
    return { backend: chosen, probes: sorted };
  }

  /**
   * Activates the first backend after `failed` in the fallback order that
   * initialises, skipping `exclude`; throws listing the reasons when none does.
   */
  async fallback(failed: BackendName, exclude: Set<BackendName>, spec: ModelSpec): Promise<BackendName> {
    const reasons: string[] = [];
    const trainable = trainableBackends(spec);
    for (const candidate of fallbackOrder(failed)) {
      if (exclude.has(candidate) || !trainable.includes(candidate)) continue;
      try {
        await activateBackend(candidate, this.setup);
        return candidate;
      } catch (e) {
        exclude.add(candidate);
        reasons.push(`${candidate}: ${errorText(e)}`);
      }
    }
    throw new Error(`No backend left to fall back to after ${failed}${reasons.length ? ` (${reasons.join('; ')})` : ''}`);
  }

  /** Forgets the measured choice (e.g. after the chosen backend died). */
  forgetProbe(): void {
    this.probed = null;
  }
}

/**
 * Real training steps/s of the current model on the active backend, on a
 * throwaway session: one warm-up step (shader compiles, WASM warm-up), one
 * timed step (if it or the warm-up took over {@link PROBE_SLOW_STEP_MS} or
 * {@link PROBE_FIRST_STEP_BUDGET_MS}, its rate is the score: the backend is
 * slow and measuring longer only delays the start), then bursts doubling in
 * length for about {@link PROBE_WINDOW_MS}, each with one read-back, as the
 * training loop does.
 */
export async function measureSteps(dataset: Dataset, spec: ModelSpec, options: TrainOptions, hooks: BuildHooks): Promise<number> {
  if (!hooks.isCurrent()) throw new Superseded();
  const session = new TrainingSession(dataset, spec, options);
  try {
    const w0 = now();
    await session.trainSteps(1);
    const firstMs = now() - w0;
    if (!hooks.isCurrent()) throw new Superseded();
    const s0 = now();
    await session.trainSteps(1);
    const stepMs = now() - s0;
    if (stepMs > PROBE_SLOW_STEP_MS || firstMs > PROBE_FIRST_STEP_BUDGET_MS) return 1000 / stepMs;
    let steps = 0;
    let k = 1;
    const t0 = now();
    while (now() - t0 < PROBE_WINDOW_MS) {
      if (!hooks.isCurrent()) throw new Superseded();
      const b0 = now();
      await session.trainSteps(k);
      steps += k;
      if (now() - b0 < 40) k *= 2;
    }
    return (steps * 1000) / (now() - t0);
  } finally {
    session.dispose();
  }
}
