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
  | { type: 'reset'; runId: number };

/** One point of the charts. Eval fields are present only on steps where the test set was evaluated. */
export interface MetricPoint {
  step: number;
  trainLoss: number;
  testLoss?: number;
  /** Fraction in [0,1]; absent for regression. */
  testAccuracy?: number;
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
    }
  /** Weights after `step`, as transferred Float32Arrays. */
  | { type: 'snapshot'; runId: number; step: number; layers: LayerWeights[] }
  | { type: 'error'; runId: number; message: string };
