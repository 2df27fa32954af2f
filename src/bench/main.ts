/**
 * The bench page (bench.html): exposes `window.bench` for bench/run.mjs. Every
 * measurement runs in a fresh module worker, so one backend's state (a WebGL
 * context, a WASM module, cached kernels) never leaks into the next.
 */
import type { BackendName } from '../engine/types';
import type { BareResult, BenchApi, BenchLoop, BenchCase, BenchEnvironment, BenchReply, BenchRequest, MatmulResult } from './types';

let nextId = 1;

/** A request before it gets its id (Omit distributed over the union). */
type NewRequest = BenchRequest extends infer R ? (R extends BenchRequest ? Omit<R, 'id'> : never) : never;

/** Runs one request in a new worker and terminates it afterwards. */
function inWorker<T>(request: NewRequest): Promise<T | { error: string }> {
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${request.kind}` });
  const id = nextId++;
  return new Promise<T | { error: string }>((resolve) => {
    worker.onmessage = (event: MessageEvent<BenchReply>) => {
      if (event.data.id !== id) return;
      resolve(event.data.ok ? (event.data.result as T) : { error: event.data.error });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // No message usually means the worker script itself failed to load (e.g. dist/ rebuilt under a running bench).
      resolve({ error: `worker error: ${event.message || 'the worker script failed to load'}` });
    };
    worker.postMessage({ ...request, id } as BenchRequest);
  }).finally(() => worker.terminate());
}

/** The WebGL renderer string (SwiftShader on a machine without GPU), or null. */
function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** The WebGPU adapter's vendor/architecture/description, or null without WebGPU. */
async function webgpuAdapter(): Promise<string | null> {
  type AdapterInfo = Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>>;
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: AdapterInfo } | null> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ') || 'adapter (no info)';
  } catch (e) {
    return `error: ${String(e)}`;
  }
}

const api: BenchApi = {
  async environment(): Promise<BenchEnvironment> {
    return {
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      deviceMemoryGb: (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null,
      crossOriginIsolated: self.crossOriginIsolated,
      webglRenderer: webglRenderer(),
      webgpuAdapter: await webgpuAdapter(),
    };
  },
  bare(benchCase: BenchCase, backend: BackendName, steps: number, loop: BenchLoop = 'bare') {
    const mnistUrl = new URL('data/mnist-10k.bin', document.baseURI).href;
    return inWorker<BareResult>({ kind: 'bare', loop, benchCase, backend, steps, mnistUrl });
  },
  matmul(backend: BackendName, size: number, reps: number) {
    return inWorker<MatmulResult>({ kind: 'matmul', backend, size, reps });
  },
};

(window as unknown as { bench: BenchApi }).bench = api;
document.getElementById('log')!.textContent = 'window.bench ready';
