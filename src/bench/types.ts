/**
 * The bench page's contract with `bench/run.mjs` (which drives it through
 * `window.bench` from Node) and with its worker. Plain data only.
 */
import type { BackendName } from '../engine/types';
import type { ExperimentConfig } from '../protocol/config';

/** One benchmark case: an experiment as the URL carries it, minus the backend. */
export type BenchCase = Omit<ExperimentConfig, 'backend'> & { id: string; label: string };

/**
 * Which loop a `bare` request times: `bare`, the plainest tfjs loop
 * (engine/train/bare.ts); `session`, the app's own TrainingSession driven in
 * bursts by the app's BurstPacer, each burst ending in its read-back, as the
 * training worker drives it, but with no evaluation, checkpoint, snapshot,
 * message or page beside it.
 */
export type BenchLoop = 'bare' | 'session';

/** A bare tfjs training loop's (or the session loop's, see {@link BenchLoop}) speed on one case and backend. */
export interface BareResult {
  loop: BenchLoop;
  backend: BackendName;
  /** The tfjs backend that actually ran (must equal `backend`). */
  activeBackend: string;
  stepsPerSecond: number;
  steps: number;
  /** Forward + backward FLOPs of one training step at the case's batch size. */
  flopsPerStep: number;
  /** Wall time of the whole request in the worker (backend init, data, warm-up, timed loop), ms. */
  totalMs: number;
}

/** One backend's throughput on a square matmul, its practical ceiling. */
export interface MatmulResult {
  backend: BackendName;
  activeBackend: string;
  size: number;
  reps: number;
  gflops: number;
}

/** What the page knows about the browser and its (software) GPU. */
export interface BenchEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  deviceMemoryGb: number | null;
  crossOriginIsolated: boolean;
  webglRenderer: string | null;
  webgpuAdapter: string | null;
}

/** A worker request, answered by exactly one `BenchReply` with the same id. */
export type BenchRequest =
  | { id: number; kind: 'bare'; loop: BenchLoop; benchCase: BenchCase; backend: BackendName; steps: number; mnistUrl: string }
  | { id: number; kind: 'matmul'; backend: BackendName; size: number; reps: number };

export type BenchReply =
  | { id: number; ok: true; result: BareResult | MatmulResult }
  | { id: number; ok: false; error: string };

/** `window.bench`, the API `bench/run.mjs` calls with page.evaluate. Failures resolve to `{ error }`. */
export interface BenchApi {
  environment(): Promise<BenchEnvironment>;
  bare(benchCase: BenchCase, backend: BackendName, steps: number, loop?: BenchLoop): Promise<BareResult | { error: string }>;
  matmul(backend: BackendName, size: number, reps: number): Promise<MatmulResult | { error: string }>;
}
