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

  it('learning rate, optimizer and batch size are hot; everything else is cold', () => {
    expect(isColdChange(base, { ...base, lr: 0.1, opt: 'sgd', batch: 64 })).toBe(false);
    for (const key of COLD_KEYS) {
      const next = { ...base, [key]: key === 'layers' ? [3] : key === 'dataset' ? 'xor' : key === 'act' ? 'relu' : key === 'backend' ? 'cpu' : 7 } as ExperimentConfig;
      expect(isColdChange(base, next), key).toBe(true);
    }
    expect([...COLD_KEYS].sort()).toEqual(['act', 'backend', 'dataset', 'layers', 'noise', 'seed', 'split']);
  });
});
