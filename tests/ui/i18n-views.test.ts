import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { LambdaPoint, LambdaSweepResult } from '../../src/protocol/messages';
import type { AugExperimentRun } from '../../src/state/augExperiment';
import { defaultConfig } from '../../src/state/urlCodec';
import { rich } from '../../src/ui/charts/richText';
import { translator } from '../../src/ui/i18n';
import { viewsEn } from '../../src/ui/i18n/en/views';
import { viewsZh } from '../../src/ui/i18n/zh/views';
import { differenceText, progressText, resultText } from '../../src/ui/experiments/augExperimentView';
import { neuronName } from '../../src/ui/inspect/graphLayout';
import { layerAxes, layerTitle } from '../../src/ui/inspect/heatmap/heatmapView';
import { pinDifferences, pinLabel } from '../../src/ui/pins/pinLabel';
import { sweepKindLabel, sweepReading } from '../../src/ui/experiments/regulariseView';

const zh = translator('zh');
const en = translator('en');

/** The `{name}` placeholders of a template, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** Words of 4+ ASCII letters a Chinese text may keep: names, units, URL keys and technical terms. */
const ALLOWED = new Set(['MNIST', 'mnist', 'float32', 'Dropout', 'Zhu', 'Gupta', 'Frankle', 'Carbin', 'cv_min', 'cv_max', 'rp_tune']);

/** The English words (4+ ASCII letters, outside placeholders and the allow-list) left in `text`. */
function englishWords(text: string): string[] {
  const bare = text.replace(/\{\w+\}/g, ' ');
  return [...bare.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((w) => /[A-Za-z]{4,}/.test(w) && !ALLOWED.has(w));
}

const cfg = (over: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), ...over });

describe('the views catalogue', () => {
  it('has the same keys and the same placeholders in English and Chinese', () => {
    expect(Object.keys(viewsZh).sort()).toEqual(Object.keys(viewsEn).sort());
    for (const key of Object.keys(viewsEn) as (keyof typeof viewsEn)[]) {
      expect(placeholders(viewsZh[key]), key).toEqual(placeholders(viewsEn[key]));
      // Only separators may be blank (Chinese runs sentences together without a space).
      if (viewsEn[key].trim() !== '') expect(viewsZh[key].trim(), key).not.toBe('');
    }
  });

  it('leaves no English word in the Chinese texts', () => {
    const left = (Object.keys(viewsZh) as (keyof typeof viewsZh)[]).flatMap((key) => englishWords(viewsZh[key]).map((w) => `${key}: ${w}`));
    expect(left).toEqual([]);
  });

  it('translates every sentence that is not a symbol or a name', () => {
    // Texts equal in both languages must be symbols, units or names, never words.
    const same = (Object.keys(viewsEn) as (keyof typeof viewsEn)[]).filter((key) => viewsZh[key] === viewsEn[key]);
    for (const key of same) expect(englishWords(viewsEn[key]), key).toEqual([]);
  });
});

describe('rich', () => {
  it('puts elements where their placeholders stand and keeps the text around them', () => {
    const parts = rich('a {x} b {y} c {z}', { x: 'X', z: 'Z' });
    const text = parts.map((p) => (isValidElement<{ children: string }>(p) ? p.props.children : p)).join('');
    expect(text).toBe('a X b {y} c Z');
    expect(parts.filter((p) => isValidElement(p))).toHaveLength(2);
  });

  it('returns the text alone when no placeholder is named', () => {
    expect(rich('no parts here', {})).toEqual(['no parts here']);
    expect(rich('', { x: 'X' })).toEqual([]);
  });
});

describe('view texts in Chinese', () => {
  it('names neurons and layers', () => {
    expect(neuronName(1, 4, zh)).toBe('第 2 隐藏层的第 5 个神经元');
    expect(neuronName(1, 4)).toBe('Hidden layer 2, neuron 5');
    expect(layerTitle(2, 3, 100, 10, [], zh)).toBe('输出层 · 100 → 10');
    expect(layerTitle(0, 3, 784, 300, [], zh)).toBe('第 1 层 · 784 → 300');
    expect(layerAxes(0, 784, 300, [], zh)).toBe('行：784 个输入 · 列：300 个神经元');
  });

  it('labels pinned runs with translated names and option labels', () => {
    const diffs = pinDifferences(cfg({ dataset: 'circle', l2: 0 }), cfg({ dataset: 'spiral', l2: 0.001 }), zh, true);
    expect(diffs).toHaveLength(2);
    expect(diffs[0].startsWith('数据 ')).toBe(true);
    expect(diffs.flatMap(englishWords)).toEqual([]);
    expect(diffs[1]).toBe('λ₂ 0 → 0.001');
    expect(pinLabel(cfg(), cfg(), undefined, zh)).toBe('设置相同');
    // English keeps the URL spelling of the values.
    expect(pinLabel(cfg({ dataset: 'circle' }), cfg({ dataset: 'spiral' }), undefined, en)).toBe('data circle → spiral');
  });

  it('reads the λ sweep', () => {
    const grid = Array.from({ length: 5 }, (_, i) => 10 ** (i - 5));
    const val = [0.6, 0.45, 0.3, 0.4, 0.7];
    const points: LambdaPoint[] = grid.map((lambda, i) => ({ lambda, valMean: val[i], valStd: 0.01, trainMean: 0.1 + 0.15 * i, trainStd: 0.01, valAccuracy: 0.9 }));
    const result: LambdaSweepResult = { kind: 'l1', prox: true, k: 3, stepsPerFold: 100, points, bestLambda: grid[2] };
    expect(sweepKindLabel(result, zh)).toBe('L1（近端）');
    const reading = sweepReading(result, zh);
    expect(reading.startsWith('最佳 λ = 1e-3（验证损失 0.300），位于网格内部：')).toBe(true);
    expect(englishWords(reading)).toEqual([]);
    expect(sweepReading(result).startsWith('Best λ = 1e-3 (validation loss 0.300), inside the grid:')).toBe(true);
  });

  it('reports the augmentation experiment', () => {
    const done: Extract<AugExperimentRun, { status: 'done' }> = { status: 'done', aug: 'rotate:15', budget: 1000, noneAccuracy: 0.912, augAccuracy: 0.93, pinIds: [1, 2] };
    expect(resultText(done, zh)).toBe('无数据增强：91.2 % · rotate:15：93.0 %（训练 1,000 步后的测试准确率）');
    expect(differenceText(done, zh)).toBe('使用数据增强后 +1.8 个百分点');
    expect(progressText({ status: 'running', arm: 0, aug: 'rotate:15', step: 340, budget: 1000, startedRunId: 1, pinIds: [] } as never, zh)).toBe(
      '第 1 次（共 2 次）：不使用数据增强 · 第 340 / 1,000 步',
    );
  });
});
