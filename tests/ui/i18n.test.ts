import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import { defaultPage } from '../../src/state/page';
import { createAppStore } from '../../src/state/store';
import { StoreProvider } from '../../src/state/useAppStore';
import { defaultConfig, parseHash } from '../../src/state/urlCodec';
import { ExperimentsSection } from '../../src/ui/experiments/ExperimentsSection';
import { Sidebar } from '../../src/ui/shell/Sidebar';
import { pruningLocks } from '../../src/ui/prune/pruningRules';
import { Header } from '../../src/ui/header/Header';
import { CATALOGUES, fill, translate, translator } from '../../src/ui/i18n';
import { en } from '../../src/ui/i18n/en';
import { RUNTIME_PATTERNS } from '../../src/ui/i18n/runtime';
import { zh } from '../../src/ui/i18n/zh';
import { RunBanner } from '../../src/ui/notices/RunBanner';
import { UrlNotice } from '../../src/ui/notices/UrlNotice';

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/**
 * Words that stay as they are in Chinese: technical names, symbols, formats.
 * A Chinese string may equal its English one only if, without these, fewer
 * than two English words are left (so "ReLU", "Adam", "{backend}: {error}"
 * may, "Training share" may not).
 */
const TECHNICAL = new Set(
  (
    'relu tanh sigmoid adam sgd mnist webgl webgpu wasm cpu cnn mlp conv dense dropout tfjs lenet friedman han zhu gupta ' +
    'taylor lasso std csv json bin model weights english lottery keras xor'
  ).split(' '),
);
const englishWords = (text: string): string[] =>
  (text.replace(/\{\w+\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !TECHNICAL.has(w.toLowerCase()));

describe('the catalogues', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(CATALOGUES.zh).length).toBeGreaterThan(500);
  });

  it('every {placeholder} of an English string is in its Chinese string, and vice versa', () => {
    const wrong = Object.keys(en).filter((key) => placeholders(en[key as keyof typeof en]).join() !== placeholders(zh[key as keyof typeof zh]).join());
    expect(wrong).toEqual([]);
  });

  it('no Chinese string is empty, a stub, or an English sentence left as it was', () => {
    const entries = Object.keys(en).map((key) => ({ key, english: en[key as keyof typeof en] as string, chinese: zh[key as keyof typeof zh] }));
    // A separator may be empty in Chinese (no space between sentences); a text may not.
    expect(entries.filter((e) => e.chinese.trim() === '' && e.english.trim() !== '').map((e) => e.key)).toEqual([]);
    expect(entries.filter((e) => /^ZH\b|TODO/.test(e.chinese)).map((e) => e.key)).toEqual([]);
    expect(entries.filter((e) => e.chinese === e.english && englishWords(e.english).length >= 2).map((e) => e.key)).toEqual([]);
  });

  it('fill replaces the named placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(fill('{a} of {b}', { a: 1 })).toBe('1 of {b}');
    expect(translate('zh', 'controls.cv.state', { k: 5, n: 9 })).toBe('5 折，9 个 λ');
  });

  it('Chinese words: one word for compaction, 恰好为零 for exact zeros, 卷积核大小 for a kernel size and 滤波器 for a filter', () => {
    const texts = Object.entries(zh) as [string, string][];
    // 紧凑化 for compaction (压缩 is the whole field of model compression).
    expect(texts.filter(([, v]) => v.includes('压缩')).map(([k]) => k)).toEqual([]);
    for (const key of ['controls.compact', 'controls.compacting', 'controls.compacted', 'views.compact.title', 'header.paramsTitleCompacted', 'runtime.error.noNetworkCompact'] as const) expect(zh[key], key).toContain('紧凑化');
    expect(texts.filter(([, v]) => v.includes('精确的零')).map(([k]) => k)).toEqual([]);
    expect(zh['controls.prox']).toContain('恰好为零');
    // 卷积核 only as 卷积核大小 (the kernel size); a filter is 滤波器.
    expect(texts.filter(([, v]) => v.replace(/卷积核大小/g, '').includes('卷积核')).map(([k]) => k)).toEqual([]);
    expect(zh['views.conv.title']).toContain('滤波器');
    expect(zh['controls.conv.syntax']).toBe('滤波器数:卷积核大小[:步长]');
  });

  it('every runtime pattern has its key in both catalogues', () => {
    for (const p of RUNTIME_PATTERNS) {
      expect(en[p.key], p.key).toBeTypeOf('string');
      expect(zh[p.key], p.key).toBeTypeOf('string');
    }
  });
});

/** The server-rendered text of `components` for `hash` (experiment and page keys, `lang` included). */
function renderText(hash: string, components: ComponentType[], patch: Partial<ExperimentConfig> = {}): string {
  const { config, page, rejected } = parseHash(hash);
  const store = createAppStore({ ...config, ...patch }, rejected, page);
  const children = components.map((c, i) => createElement(c, { key: i }));
  const html = renderToString(createElement(StoreProvider, { store, children }));
  // Attributes a person reads (labels, tooltips) count as text too.
  const attributes = [...html.matchAll(/(?:aria-label|title|placeholder|aria-valuetext)="([^"]*)"/g)].map((m) => m[1]);
  return `${html.replace(/<[^>]+>/g, ' ')} ${attributes.join(' ')}`
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** Runs of three or more English words that are not technical names. */
function englishRuns(text: string): string[] {
  const runs: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z'-]*(?:[ ,]+[A-Za-z][A-Za-z'-]*){2,}/g)) if (englishWords(m[0]).length >= 3) runs.push(m[0]);
  return runs;
}

describe('the controls, the header and the notices in Chinese', () => {
  /** The sidebar of controls and the experiments' settings: every control a student sets. */
  const Controls = () => createElement('div', null, createElement(Sidebar, { scroller: { current: null } }), createElement(ExperimentsSection));
  const parts = [Header, UrlNotice, RunBanner, Controls];
  const cases: [string, Partial<ExperimentConfig>][] = [
    ['lang=zh', {}],
    ['lang=zh&dataset=mnist&arch=cnn&backend=wasm&l1=0.001&sched=poly&lottery=rewind&keep=0.5', { aug: 'rotate:15' }],
    ['lang=zh&dataset=mnist&pmode=sparsity&l1=0.01&l2=0.01&cv_min=1&cv_max=0.1&s_end=0', { aug: 'rotate:400' }],
    ['lang=zh&dataset=plane&pmode=std&layers=1,x&bogus=1&noise=-4&aug=bad', {}],
  ];

  it.each(cases)('#%s: no English sentence is left', (hash, patch) => {
    const text = renderText(hash, parts, patch);
    expect(text).toMatch(/数据集/);
    expect(englishRuns(text)).toEqual([]);
  });

  it('#lang=zh&dataset=mnist&arch=cnn: none of the English words the review found (flip & spin, digit-safe, Flatten, FLOPs)', () => {
    const text = renderText('lang=zh&dataset=mnist&arch=cnn', parts);
    expect(text).toMatch(/展平/);
    // (`flip,rotate:15` in the text field's example is the URL syntax, and MFLOP a unit.)
    for (const word of ['flip &', 'spin', 'digit-safe', 'Flatten', 'FLOPs', 'Seed', 'article']) expect(text, word).not.toContain(word);
  });

  it('the same page in English still reads as before', () => {
    const text = renderText('dataset=mnist&arch=cnn&noise=-4', parts);
    for (const s of ['Some settings in the link were not used.', 'below the minimum 0; clamped to 0', 'Training share', 'Trains on WebGL, WebGPU or CPU', 'Classic small CNN: Conv 32 → Conv 64 → Dense 128', 'FLOPs / sample', 'FLOPs / digit', 'Test accuracy'])
      expect(text).toContain(s);
    expect(englishRuns(renderText('lang=en', parts)).length).toBeGreaterThan(10);
  });

  it('the URL notice translates its reasons; keys stay as written', () => {
    const text = renderText('lang=zh&noise=-4&bogus=1', [UrlNotice]);
    expect(text).toContain('链接中的部分设置没有被采用。');
    expect(text).toContain('noise : 小于最小值 0；已限制为 0');
    expect(text).toContain('bogus : 未知的键；已忽略');
  });

  it('the pruning locks speak the language they are given', () => {
    const locks = pruningLocks({ pmode: 'threshold', sched: 'poly', lottery: 'off' }, false, translator('zh'));
    expect(locks.manual).toBe('剪枝计划正在控制掩码：把“渐进剪枝”设为“关”才能手动剪枝。');
    expect(pruningLocks({ pmode: 'threshold', sched: 'poly', lottery: 'off' }, false).manual).toMatch(/^The schedule owns the mask/);
    expect(defaultPage().lang).toBe('en');
    expect(defaultConfig().dataset).toBe('circle');
  });
});
