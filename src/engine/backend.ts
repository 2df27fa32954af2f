/**
 * Choosing, activating and falling back between tfjs backends. Nothing here
 * touches `window`: browser capabilities are read through `globalThis`, so the
 * same code runs in the worker and (for cpu and the error paths) in Node.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendProbe } from './types';

/** Where backends find their assets; only wasm needs any. */
export interface BackendSetup {
  /** URL prefix or map for tfjs-backend-wasm binaries, see setWasmPaths */
  wasmPaths?: string | Record<string, string>;
}

/** Registration priorities tfjs uses (webgpu 3, webgl 2, wasm 2, cpu 1); kept when we re-register an instance. */
const PRIORITY: Record<BackendName, number> = { webgpu: 3, webgl: 2, wasm: 2, cpu: 1 };
const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
/** The fallback chain, fastest-on-a-real-GPU first, cpu (always available) last. */
const FALLBACK_CHAIN: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A backend factory that has not settled after this long is reported as failed (a hung init must not block `auto`). */
export const INIT_TIMEOUT_MS = 20_000;

/**
 * Why wasm failed to initialise, once it has: tfjs-backend-wasm cannot retry in the same page
 * (a second attempt throws a misleading "already initialized" or never settles).
 */
let wasmFailure: string | null = null;

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** The text of anything thrown; tfjs-backend-wasm rejects with a plain `{ message }` object. */
function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

/** Capability checks that give a plain reason before tfjs tries (and fails with a stack trace). */
async function preflight(name: BackendName, setup: BackendSetup): Promise<void> {
  switch (name) {
    case 'webgpu': {
      const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
      if (!nav?.gpu) throw new Error('WebGPU is not available: navigator.gpu is missing');
      const adapter = await nav.gpu.requestAdapter();
      if (adapter == null) throw new Error('WebGPU: no GPU adapter (requestAdapter() returned null)');
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    }
    case 'webgl': {
      if (tf.findBackendFactory('webgl') == null) {
        throw new Error('WebGL is not available: tfjs registers it only in a browser page or worker');
      }
      // A software rasteriser (SwiftShader) beats no backend; `auto` measures it anyway.
      tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
      let version: number;
      try {
        version = tf.env().getNumber('WEBGL_VERSION');
      } catch {
        version = 0;
      }
      if (version === 0) throw new Error('WebGL: could not create a context (WebGL2 is needed in a worker)');
      return;
    }
    case 'wasm': {
      if (typeof WebAssembly !== 'object') throw new Error('WASM is not available: WebAssembly is missing');
      if (wasmFailure) throw new Error(`WASM failed earlier in this page and cannot be retried without a reload: ${wasmFailure}`);
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // SIMD only: threads need cross-origin isolation (COOP/COEP headers) we do not assume.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (setup.wasmPaths !== undefined && !(tf.engine().registry as Record<string, unknown>).wasm) {
        wasm.setWasmPaths(setup.wasmPaths);
      }
      return;
    }
    case 'cpu':
      return;
  }
}

/**
 * Import and activate a backend; throws an Error whose message is the real reason in plain words
 * (e.g. "WebGPU is not available: navigator.gpu is missing" / "WebGPU: no GPU adapter
 * (requestAdapter() returned null)" / "WebGL: could not create a context"). Never leaves tfjs on a
 * half-initialised backend: the backend's factory is run here, outside tfjs's setBackend (which
 * would swallow the error into a console warning and leave no backend active), and only a backend
 * that initialised is made active; on failure the previously active backend stays active (cpu
 * when none was active yet).
 * For webgl sets SOFTWARE_WEBGL_ENABLED before init. For wasm calls setWasmPaths(setup.wasmPaths)
 * and does not enable threads (SIMD only: WASM_HAS_MULTITHREAD_SUPPORT = false). webgpu and wasm
 * are loaded by dynamic import, only when asked for.
 */
export async function activateBackend(name: BackendName, setup: BackendSetup = {}): Promise<void> {
  const engine = tf.engine();
  const previous = tf.getBackend() as BackendName | null;
  if (previous === name && (engine.registry as Record<string, unknown>)[name]) return;
  try {
    await preflight(name, setup);
    const factory = tf.findBackendFactory(name);
    if (factory == null) throw new Error(`${LABEL[name]} is not available in this context (no tfjs registration)`);
    if (!(engine.registry as Record<string, unknown>)[name]) {
      let instance: tf.KernelBackend;
      try {
        instance = await withTimeout(Promise.resolve(factory()), INIT_TIMEOUT_MS);
      } catch (e) {
        const where = name === 'wasm' && setup.wasmPaths !== undefined ? ` (binaries looked up at ${JSON.stringify(setup.wasmPaths)})` : '';
        if (name === 'wasm') wasmFailure = message(e) + where;
        throw new Error(`${LABEL[name]}: initialisation failed: ${message(e)}${where}`, { cause: e });
      }
      // Hand tfjs the ready instance so setBackend cannot fail half-way.
      tf.removeBackend(name);
      tf.registerBackend(name, () => instance, PRIORITY[name]);
    }
    if (!(await tf.setBackend(name))) throw new Error(`${LABEL[name]}: tf.setBackend refused it`);
    await tf.ready();
  } catch (e) {
    await restore(previous === name ? null : previous);
    throw e instanceof Error ? e : new Error(message(e), { cause: e });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** After a failed activation: make `previous` (or cpu, when there was none or it fails too) the active, initialised backend. */
async function restore(previous: BackendName | null): Promise<void> {
  const active = (tf.engine() as unknown as { backendInstance: unknown }).backendInstance != null;
  if (previous != null && tf.getBackend() === previous && active) return;
  try {
    if (previous != null && (await tf.setBackend(previous))) return;
  } catch {
    // fall through to cpu
  }
  await tf.setBackend('cpu');
}

/**
 * For `auto`: try each candidate in turn (activate, then `measure()` real training steps/s of the
 * current model), return the fastest and every probe (with error text for those that failed, and
 * the time each took). Leaves the fastest active. Throws, listing every reason, if no candidate works.
 * With `budget`: once a candidate has been measured and `budget.ms` have passed since the probe
 * began (by `budget.now`), the remaining candidates are not tried (`skipped: 'budget'`): a CNN's
 * first step on a software GPU or the CPU takes seconds, and trying every backend took a minute.
 */
export async function probeBackends(
  candidates: readonly BackendName[],
  measure: (b: BackendName) => Promise<number>,
  setup?: BackendSetup,
  budget?: { ms: number; now: () => number },
): Promise<{ chosen: BackendName; probes: BackendProbe[] }> {
  const probes: BackendProbe[] = [];
  let chosen: BackendName | null = null;
  let best = -Infinity;
  const clock = budget?.now ?? (() => performance.now());
  const start = clock();
  for (const backend of candidates) {
    if (budget !== undefined && chosen !== null && clock() - start >= budget.ms) {
      probes.push({ backend, skipped: 'budget' });
      continue;
    }
    const t0 = clock();
    try {
      await activateBackend(backend, setup);
      const stepsPerSecond = await measure(backend);
      probes.push({ backend, stepsPerSecond, ms: clock() - t0 });
      if (stepsPerSecond > best) {
        best = stepsPerSecond;
        chosen = backend;
      }
    } catch (e) {
      probes.push({ backend, error: message(e), ms: clock() - t0 });
    }
  }
  if (chosen == null) {
    throw new Error(`No backend could be used: ${probes.map((p) => `${p.backend}: ${p.error}`).join('; ')}`);
  }
  await activateBackend(chosen, setup);
  return { chosen, probes };
}

/**
 * The order to fall back in when `failed` dies: the backends after it in
 * webgpu → webgl → wasm → cpu first (the next one down is the likeliest to work),
 * then those before it. E.g. webgl → [wasm, cpu, webgpu]; cpu → [webgpu, webgl, wasm].
 */
export function fallbackOrder(failed: BackendName): BackendName[] {
  const i = FALLBACK_CHAIN.indexOf(failed);
  return [...FALLBACK_CHAIN.slice(i + 1), ...FALLBACK_CHAIN.slice(0, i)];
}

/**
 * Test hook (end-to-end tests of backend loss): loses the active backend's GPU
 * for real: webgl through the `WEBGL_lose_context` extension, webgpu by
 * destroying its device. Returns what it did; wasm and cpu cannot be lost.
 */
export function loseActiveBackend(): string {
  const name = tf.getBackend() as BackendName | null;
  const backend = tf.backend() as unknown as {
    gpgpu?: { gl?: WebGLRenderingContext };
    device?: { destroy(): void };
  };
  if (name === 'webgl') {
    const gl = backend.gpgpu?.gl;
    const ext = gl?.getExtension('WEBGL_lose_context');
    if (!ext) return 'webgl: no WEBGL_lose_context extension';
    ext.loseContext();
    return 'webgl: context lost';
  }
  if (name === 'webgpu') {
    if (!backend.device) return 'webgpu: no device';
    backend.device.destroy();
    return 'webgpu: device destroyed';
  }
  return `${name ?? 'none'}: nothing to lose`;
}

/** The parts of tfjs's GPU backends a loss watch reads (not in tfjs's public types). */
interface GpuBackendInternals {
  gpgpu?: { gl?: WebGL2RenderingContext | WebGLRenderingContext; itemsToPoll?: unknown[] };
  device?: { lost?: Promise<{ message?: string }> };
}

/** How often a webgl watch also asks `gl.isContextLost()` (the event may come late, or never in some browsers). */
export const LOSS_POLL_MS = 250;

/**
 * Watches the active backend (`name`, a GPU backend) for the loss of its GPU
 * and calls `onLost(what)` once: `'context'` when the WebGL context is lost
 * (the `webglcontextlost` event on tfjs's canvas, an OffscreenCanvas in a
 * worker, or `gl.isContextLost()` polled every {@link LOSS_POLL_MS} ms) or
 * `'device'` when the WebGPU device is (`device.lost`). After a loss tfjs's
 * WebGL read-backs never settle (their fence polling waits forever) and
 * WebGPU's reject, so the caller must not wait for them. Returns a function
 * that stops the watch; wasm and cpu cannot be lost (a no-op watch).
 */
export function watchBackendLoss(name: BackendName, onLost: (what: 'context' | 'device') => void): () => void {
  if (tf.getBackend() !== name || (name !== 'webgl' && name !== 'webgpu')) return () => undefined;
  const backend = tf.backend() as unknown as GpuBackendInternals;
  let done = false;
  const fire = (what: 'context' | 'device'): void => {
    if (done) return;
    done = true;
    stop();
    onLost(what);
  };
  let stop = (): void => undefined;
  if (name === 'webgl') {
    const gl = backend.gpgpu?.gl;
    const canvas = gl?.canvas as (OffscreenCanvas | HTMLCanvasElement | undefined);
    if (!gl || !canvas) return () => undefined;
    const onEvent = (): void => fire('context');
    canvas.addEventListener('webglcontextlost', onEvent);
    const timer = setInterval(() => {
      if (gl.isContextLost()) fire('context');
    }, LOSS_POLL_MS);
    stop = () => {
      canvas.removeEventListener('webglcontextlost', onEvent);
      clearInterval(timer);
    };
  } else {
    void backend.device?.lost?.then(() => fire('device'));
    stop = () => {
      done = true;
    };
  }
  return () => {
    done = true;
    stop();
  };
}

/**
 * Drops a backend whose GPU was lost, so nothing of it keeps running: tfjs's
 * WebGL fence polling (a `setTimeout(0)` loop that waits forever on a lost
 * context) is emptied and the instance removed. Its factory is registered
 * again, so a later run may ask for the backend afresh (a new context or device).
 */
export function discardLostBackend(name: BackendName): void {
  const factory = tf.findBackendFactory(name);
  const registry = tf.engine().registry as Record<string, unknown>;
  const instance = registry[name] as GpuBackendInternals | undefined;
  if (instance?.gpgpu?.itemsToPoll) instance.gpgpu.itemsToPoll.length = 0;
  try {
    tf.removeBackend(name);
  } catch {
    // Disposing on a lost GPU may throw; the instance is gone either way.
    delete registry[name];
  }
  if (factory) tf.registerBackend(name, factory, PRIORITY[name]);
}
