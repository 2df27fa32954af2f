/**
 * The training worker (a module worker): owns every tensor. The main thread
 * creates it with
 * `new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module' })`
 * and talks to it only through the messages of `protocol/messages.ts`.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs';
import { loseActiveBackend } from '../engine/backend';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { TrainingHost } from './host';

/** The worker global scope, typed for what we use (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

const scope = self as unknown as WorkerScope;

/** The WASM binaries, emitted by Vite as hashed assets, by the file names tfjs asks for. */
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

const host = new TrainingHost((msg, transfer) => scope.postMessage(msg, transfer ?? []), { wasmPaths });

scope.addEventListener('message', (event) => host.handle(event.data));

/**
 * The hook end-to-end tests read through Playwright's `worker.evaluate`
 * (`self.__playground`): tensor and byte counts, what the worker holds
 * (run, config, backend, step), and a real loss of the GPU backend.
 */
(self as unknown as { __playground: unknown }).__playground = {
  memory: () => {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
  state: () => host.debugState(),
  loseBackend: () => loseActiveBackend(),
};
// Last resort: nothing may escape as an uncaught exception.
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  host.fail(event.reason);
});
scope.addEventListener('error', (event) => {
  event.preventDefault();
  host.fail(event.error ?? event.message);
});
