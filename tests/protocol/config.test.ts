import { describe, expect, it } from 'vitest';
import { COLD_KEYS, changedKeys, isColdChange, type ExperimentConfig } from '../../src/protocol/config';
import { defaultConfig } from '../../src/state/urlCodec';

describe('changedKeys / isColdChange', () => {
  const base: ExperimentConfig = defaultConfig();

  it('compares layers element-wise, not by identity', () => {
    expect(changedKeys(base, { ...base, layers: [...base.layers] })).toEqual([]);
    expect(changedKeys(base, { ...base, layers: [8] })).toEqual(['layers']);
    expect(changedKeys(base, { ...base, layers: [8, 9] })).toEqual(['layers']);
  });

  it('training, pruning and regularisation settings are hot; data (and the mnist trainSize), model (arch, conv, pool included), seed, backend and the lottery are cold; aug is hot', () => {
    expect(isColdChange(base, { ...base, lr: 0.1, opt: 'sgd', batch: 64 })).toBe(false);
    const pruningHot: Partial<ExperimentConfig> = {
      pmode: 'sparsity',
      threshold: 0.1,
      sparsity: 0.5,
      q: 1,
      scope: 'global',
      keep: 0.5,
      importance: 'taylor',
      sched: 'poly',
      s_init: 0.1,
      s_final: 0.8,
      s_begin: 10,
      s_end: 20,
      s_freq: 5,
    };
    expect(isColdChange(base, { ...base, ...pruningHot })).toBe(false);
    expect(changedKeys(base, { ...base, ...pruningHot })).toEqual(Object.keys(pruningHot));
    // Regularisation and the jobs' settings are hot: λ and dropout apply from the next step; a job's settings change nothing in the run.
    const regularisationHot: Partial<ExperimentConfig> = { l1: 0.01, l2: 0.001, prox: 1, dropout: 0.5, cv_k: 3, cv_steps: 50, cv_min: 1e-4, cv_max: 0.1, cv_points: 4, rp_steps: 100, rp_tune: 0 };
    expect(isColdChange(base, { ...base, ...regularisationHot })).toBe(false);
    expect(changedKeys(base, { ...base, ...regularisationHot })).toEqual(Object.keys(regularisationHot));
    // Augmentation applies to the next training batch.
    expect(isColdChange(base, { ...base, aug: 'rotate:15' })).toBe(false);
    for (const key of COLD_KEYS) {
      const next = { ...base, [key]: key === 'layers' ? [3] : key === 'dataset' ? 'xor' : key === 'act' ? 'relu' : key === 'backend' ? 'cpu' : key === 'lottery' ? 'rewind' : key === 'arch' ? 'cnn' : key === 'conv' ? '8:5' : key === 'pts' ? '0.1,0.2,1' : 7 } as ExperimentConfig;
      expect(isColdChange(base, next), key).toBe(true);
    }
    expect([...COLD_KEYS].sort()).toEqual(['act', 'arch', 'backend', 'conv', 'dataset', 'layers', 'lottery', 'lt_out', 'lt_rate', 'lt_rounds', 'lt_steps', 'noise', 'pool', 'pts', 'seed', 'split', 'trainSize']);
  });
});
