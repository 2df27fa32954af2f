import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateBackend, fallbackOrder, probeBackends } from '../../src/engine/backend';

beforeAll(async () => {
  await activateBackend('cpu');
});

afterEach(() => vi.unstubAllGlobals());

describe('activateBackend', () => {
  it('activates cpu', async () => {
    await activateBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0])).toBe(3);
  });

  it('webgpu without navigator.gpu: a plain reason, and cpu stays active', async () => {
    vi.stubGlobal('navigator', {});
    await expect(activateBackend('webgpu')).rejects.toThrow('WebGPU is not available: navigator.gpu is missing');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('webgpu with no adapter: says so', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    await expect(activateBackend('webgpu')).rejects.toThrow('WebGPU: no GPU adapter (requestAdapter() returned null)');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('webgl outside a browser: says why, and cpu stays active', async () => {
    await expect(activateBackend('webgl')).rejects.toThrow(/^WebGL is not available/);
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('probeBackends', () => {
  it('measures the candidates that work, records why others failed, and picks the fastest', async () => {
    vi.stubGlobal('navigator', {});
    const measured: string[] = [];
    const { chosen, probes } = await probeBackends(['webgpu', 'webgl', 'cpu'], async (b) => {
      measured.push(b);
      return 123;
    });
    expect(chosen).toBe('cpu');
    expect(measured).toEqual(['cpu']);
    expect(probes).toEqual([
      { backend: 'webgpu', error: 'WebGPU is not available: navigator.gpu is missing', ms: expect.any(Number) },
      { backend: 'webgl', error: expect.stringMatching(/^WebGL is not available/), ms: expect.any(Number) },
      { backend: 'cpu', stepsPerSecond: 123, ms: expect.any(Number) },
    ]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('with a time budget, the candidates after it are spent are skipped, once one has been measured', async () => {
    vi.stubGlobal('navigator', {});
    let t = 0;
    const measured: string[] = [];
    // Each measurement takes 2 s of (fake) time; the budget is 3 s.
    const measure = async (b: string): Promise<number> => {
      measured.push(b);
      t += 2000;
      return 7;
    };
    const { chosen, probes } = await probeBackends(['cpu', 'cpu', 'cpu', 'cpu'], measure, undefined, { ms: 3000, now: () => t });
    expect(measured).toEqual(['cpu', 'cpu']); // at 0 and 2 s; at 4 s the budget is spent
    expect(chosen).toBe('cpu');
    expect(probes).toEqual([
      { backend: 'cpu', stepsPerSecond: 7, ms: 2000 },
      { backend: 'cpu', stepsPerSecond: 7, ms: 2000 },
      { backend: 'cpu', skipped: 'budget' },
      { backend: 'cpu', skipped: 'budget' },
    ]);
    // Failures before the first success do not count against it: a working backend is always found.
    t = 0;
    const late = await probeBackends(['webgpu', 'webgl', 'cpu'], async () => {
      t += 5000;
      return 1;
    }, undefined, { ms: 10, now: () => t });
    expect(late.chosen).toBe('cpu');
  });

  it('a failing measurement counts as a failed probe; no working candidate throws with every reason', async () => {
    vi.stubGlobal('navigator', {});
    await expect(
      probeBackends(['webgpu', 'cpu'], async () => {
        throw new Error('diverged');
      }),
    ).rejects.toThrow('No backend could be used: webgpu: WebGPU is not available: navigator.gpu is missing; cpu: diverged');
  });
});

describe('fallbackOrder', () => {
  it('tries the backends after the failed one first (next one down), then those before it', () => {
    expect(fallbackOrder('webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackOrder('webgl')).toEqual(['wasm', 'cpu', 'webgpu']);
    expect(fallbackOrder('wasm')).toEqual(['cpu', 'webgpu', 'webgl']);
    expect(fallbackOrder('cpu')).toEqual(['webgpu', 'webgl', 'wasm']);
  });
});
