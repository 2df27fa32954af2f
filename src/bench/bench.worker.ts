/**
 * Bench worker: answers one `BenchRequest` on a backend it activates itself.
 * `bare`: the engine's bare tfjs loop (train/bare.ts) on the case's model and data.
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
import type { BackendName } from '../engine/types';
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
  const { benchCase: c, backend, steps } = request;
  const activeBackend = await switchBackend(backend);
  const mnist = c.dataset === 'mnist' ? await fetchMnist(request.mnistUrl) : undefined;
  const dataset = makeDataset({ name: c.dataset, noisePercent: c.noise, trainPercent: c.split, seed: c.seed }, mnist);
  const spec = experimentSpec(datasetInfo(c.dataset), c);
  const options = { optimizer: c.opt, learningRate: c.lr, batchSize: c.batch, seed: c.seed };
  const stepsPerSecond = await bareStepsPerSecond(dataset, spec, options, steps);
  return {
    backend,
    activeBackend,
    stepsPerSecond,
    steps,
    flopsPerStep: trainingFlopsPerStep(spec, c.batch),
    totalMs: performance.now() - t0,
  };
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
