/**
 * Bench worker: answers one `BenchRequest` on a backend it activates itself.
 * `bare`: the engine's bare tfjs loop (train/bare.ts) on the case's model and data,
 * or (`loop: 'session'`) the app's TrainingSession driven in bursts as the training worker drives it.
 * `matmul`: the backend's size×size matmul GFLOP/s, its practical ceiling.
 */
import * as tf from '@tensorflow/tfjs';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateBackend } from '../engine/backend';
import { datasetInfo, fetchMnist, makeDataset } from '../engine/data';
import { experimentSpec, trainingFlopsPerStep } from '../engine/model/spec';
import { bareStepsPerSecond, matmulGflops } from '../engine/train/bare';
import { TrainingSession } from '../engine/train/session';
import type { BackendName, Dataset, ModelSpec, TrainOptions } from '../engine/types';
import { BurstPacer, burstTargetMs } from '../worker/pacing';
import type { BareResult, BenchReply, BenchRequest, MatmulResult } from './types';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
};

async function switchBackend(backend: BackendName): Promise<string> {
  await activateBackend(backend, { wasmPaths });
  const active = tf.getBackend();
  if (active !== backend) throw new Error(`asked for ${backend}, tfjs runs ${active}`);
  return active;
}

async function bare(request: Extract<BenchRequest, { kind: 'bare' }>): Promise<BareResult> {
  const t0 = performance.now();
  const { benchCase: c, backend, steps, loop } = request;
  const activeBackend = await switchBackend(backend);
  const mnist = c.dataset === 'mnist' ? await fetchMnist(request.mnistUrl) : undefined;
  const dataset = makeDataset({ name: c.dataset, noisePercent: c.noise, trainPercent: c.split, seed: c.seed }, mnist);
  const spec = experimentSpec(datasetInfo(c.dataset), c);
  const options = { optimizer: c.opt, learningRate: c.lr, batchSize: c.batch, seed: c.seed };
  const stepsPerSecond = loop === 'session' ? await sessionStepsPerSecond(dataset, spec, options, backend, steps) : await bareStepsPerSecond(dataset, spec, options, steps);
  return {
    loop,
    backend,
    activeBackend,
    stepsPerSecond,
    steps,
    flopsPerStep: trainingFlopsPerStep(spec, c.batch),
    totalMs: performance.now() - t0,
  };
}

/**
 * Steps per second of the app's TrainingSession driven as the training worker
 * drives it (`trainSteps(k)`, k from a BurstPacer aiming at the backend's burst
 * length, each burst ending in its read-back), with nothing else: no
 * evaluation, checkpoint, snapshot or message. Timed after the same 3 warm-up
 * steps as the bare loop. Beside the bare loop it isolates the session's own
 * cost (gathered batches, a read-back per burst); beside the app, the cost of
 * everything else the app does while training.
 */
async function sessionStepsPerSecond(dataset: Dataset, spec: ModelSpec, options: TrainOptions, backend: BackendName, steps: number): Promise<number> {
  const session = new TrainingSession(dataset, spec, options);
  try {
    await session.trainSteps(3);
    const pacer = new BurstPacer();
    pacer.reset(burstTargetMs(backend));
    const t0 = performance.now();
    for (let done = 0; done < steps; ) {
      const k = Math.min(pacer.steps, steps - done);
      const t = performance.now();
      await session.trainSteps(k);
      pacer.record(k, performance.now() - t);
      done += k;
    }
    return steps / ((performance.now() - t0) / 1000);
  } finally {
    session.dispose();
  }
}

async function matmul(request: Extract<BenchRequest, { kind: 'matmul' }>): Promise<MatmulResult> {
  const activeBackend = await switchBackend(request.backend);
  const gflops = await matmulGflops(request.size, request.reps);
  return { backend: request.backend, activeBackend, size: request.size, reps: request.reps, gflops };
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  let reply: BenchReply;
  try {
    const result = request.kind === 'bare' ? await bare(request) : await matmul(request);
    reply = { id: request.id, ok: true, result };
  } catch (e) {
    reply = { id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
};
