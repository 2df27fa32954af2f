import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { FromWorker } from '../../src/protocol/messages';
import { fallbackNotice } from '../../src/state/run';
import { defaultConfig } from '../../src/state/urlCodec';
import { translator } from '../../src/ui/i18n';
import { translateRuntime } from '../../src/ui/i18n/runtime';
import { divergedMessage, saferLearningRate } from '../../src/worker/host';
import { all, setup, until } from './harness';

const CIRCLE: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
const phases = (got: FromWorker[]) => all(got, 'phase').map((m) => m.phase);

beforeAll(async () => {
  await activateBackend('cpu');
});

describe('the divergence message', () => {
  it('suggests the largest 1 or 3 × 10^k at most lr / 100', () => {
    expect([10, 3, 1, 0.5, 0.1, 0.03].map(saferLearningRate)).toEqual([0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]);
  });

  it('says the step, the loss from → to, the optimizer and learning rate, and what to do', () => {
    expect(divergedMessage(56, { kind: 'test', value: 32.103618, reference: Math.log(2) }, 0.98612, 'sgd', 10)).toBe(
      'Training diverged at step 56: the test loss went from 0.986 to 32.1 with sgd at learning rate 10. Lower the learning rate to 0.1 or less (or use Adam at 0.001), then press reset.',
    );
    expect(divergedMessage(11, { kind: 'train', value: Number.NaN, reference: 4 }, 2.68e33, 'momentum', 1)).toContain('the train loss went from 2.68e+33 to NaN with momentum at learning rate 1. Lower the learning rate to 0.01');
  });
});

describe('the backend notice after a lost GPU', () => {
  it('says what was lost, where, the new backend and the step it resumes from', () => {
    expect(fallbackNotice('webgl', 'wasm', 'lost its context at step 120; resuming from step 118')).toBe(
      'webgl lost its context at step 120; now training on wasm from step 118 (the optimizer state restarts).',
    );
    expect(fallbackNotice('webgpu', 'webgl', 'boom')).toBe('webgpu failed: boom. Now training on webgl.');
  });
});

describe('the new runtime messages in Chinese', () => {
  const en = translator('en');
  const zh = translator('zh');
  const texts = [
    divergedMessage(56, { kind: 'test', value: 32.1, reference: Math.log(2) }, 0.986, 'sgd', 10),
    divergedMessage(11, { kind: 'train', value: Number.NaN, reference: 4 }, 2.68e33, 'momentum', 1),
    'lost its context at step 120; resuming from step 118',
    fallbackNotice('webgpu', 'webgl', 'lost its device at step 7; resuming from step 7'),
  ];
  it.each(texts)('%s', (text) => {
    const misses: string[] = [];
    const chinese = translateRuntime(zh, text, misses);
    expect(misses).toEqual([]);
    expect(translateRuntime(en, text)).toBe(text);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
  });
  it('exactly', () => {
    expect(translateRuntime(zh, texts[0])).toBe('训练在第 56 步发散：测试损失从 0.986 变成了 32.1（优化器 sgd，学习率 10）。请把学习率调到 0.1 或更低（或改用学习率 0.001 的 Adam），然后按重置。');
    expect(translateRuntime(zh, texts[3])).toBe('webgpu 在第 7 步丢失了设备；现在改用 webgl 从第 7 步继续训练（优化器状态重新开始）。');
  });
});

describe('TrainingHost: divergence', () => {
  it('SGD at lr 10 on circle (finite losses, 20–50 × ln 2) stops at an evaluation with the message; play after lowering lr trains from the seed', { timeout: 60_000 }, async () => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, opt: 'sgd', lr: 10 } });
    host.handle({ type: 'play', runId: 1 });
    await until(() => phases(got).includes('diverged'));
    const phase = all(got, 'phase').at(-1)!;
    const m = /^Training diverged at step (\d+): the (train|test) loss went from (\S+) to (\S+) with sgd at learning rate 10\./.exec(phase.message ?? '');
    expect(m, phase.message).not.toBeNull();
    const at = Number(m![1]);
    expect(Number(m![4])).toBeGreaterThan(15 * Math.log(2));
    // Caught by the first evaluation that judges a full interval after the warm-up (steps 26–50): none after step 50 passed it by.
    const evaluations = all(got, 'metrics').flatMap((x) => (x.latestEval ? [x.latestEval.step] : []));
    expect(evaluations.at(-1)).toBe(at);
    expect(evaluations.filter((s) => s >= 50 && s < at)).toEqual([]);
    const metrics = all(got, 'metrics');
    expect(metrics.at(-1)!.step).toBe(at);
    // Paused: nothing more comes.
    const count = got.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(got.length).toBe(count);

    const from = got.length;
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, opt: 'sgd', lr: 0.1 } });
    host.handle({ type: 'play', runId: 1 });
    await until(() => all(got, 'metrics', from).some((x) => x.step >= 200));
    host.handle({ type: 'pause', runId: 1 });
    await until(() => phases(got).at(-1) === 'paused');
    expect(all(got, 'metrics', from)[0].step).toBe(0);
    expect(phases(got.slice(from))).not.toContain('diverged');
  });

  it.each([
    ['circle, Adam 0.3', { opt: 'adam', lr: 0.3 }],
    ['circle, SGD 1', { opt: 'sgd', lr: 1 }],
    ['plane, Adam 1 (single batches at ~330 × L₀, its first 25 steps at 14–31 ×)', { dataset: 'plane', opt: 'adam', lr: 1 }],
    ['friedman, SGD 0.3', { dataset: 'friedman', opt: 'sgd', lr: 0.3 }],
    ['spiral, Adam 0.03, noise 50', { dataset: 'spiral', noise: 50, opt: 'adam', lr: 0.03 }],
    ['xor, ReLU, Adam 1 (interval means up to 9.6 × L₀)', { dataset: 'xor', act: 'relu', opt: 'adam', lr: 1 }],
  ] as const)('a high but sane learning rate does not trip it: %s, 1,000 steps', { timeout: 60_000 }, async (_, patch) => {
    const { host, got } = setup();
    host.handle({ type: 'configure', runId: 1, config: { ...CIRCLE, ...patch } as ExperimentConfig });
    host.handle({ type: 'step', runId: 1, steps: 1000 });
    await until(() => phases(got).at(-1) === 'paused' && all(got, 'metrics').at(-1)?.step === 1000, 50_000);
    expect(phases(got)).not.toContain('diverged');
  });
});
