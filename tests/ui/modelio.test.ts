import { describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data/catalog';
import { effectiveWeights } from '../../src/engine/model/export';
import type { ImportedModel } from '../../src/engine/model/import';
import { importModel } from '../../src/engine/model/import';
import { cnnSpec, mlpSpec } from '../../src/engine/model/spec';
import type { ModelSpec } from '../../src/engine/types';
import { defaultConfig } from '../../src/state/urlCodec';
import { configForModel, fittingDataset } from '../../src/ui/modelio/importConfig';
import { exportSnapshot, WEIGHTS_FILE } from '../../src/ui/modelio/modelFiles';
import { describeSpec } from '../../src/ui/modelio/ModelIoCard';
import { seededWeights } from '../engine/model/export-fixtures';

const imported = (spec: ModelSpec, activation = spec.activation, dropout = 0): ImportedModel => ({ spec, layers: seededWeights(spec, 1), dropout, activation });

describe('which dataset an imported model fits', () => {
  it('2 → 2 classifiers stay on the current 2-D set, else circle; 2 → 1 plane; 10 → 1 friedman; 784 → 10 mnist', () => {
    const toy = imported(mlpSpec(datasetInfo('circle'), [4], 'tanh'));
    expect(fittingDataset(toy, 'spiral')).toBe('spiral');
    expect(fittingDataset(toy, 'custom')).toBe('custom');
    expect(fittingDataset(toy, 'mnist')).toBe('circle');
    expect(fittingDataset(toy, 'plane')).toBe('circle');
    expect(fittingDataset(imported(mlpSpec(datasetInfo('plane'), [4], 'tanh')), 'xor')).toBe('plane');
    expect(fittingDataset(imported(mlpSpec(datasetInfo('friedman'), [4], 'tanh')), 'circle')).toBe('friedman');
    expect(fittingDataset(imported(mlpSpec(datasetInfo('mnist'), [30], 'relu')), 'circle')).toBe('mnist');
    const three = imported({ inputDim: 3, hidden: [4], activation: 'relu', outputDim: 2, task: 'classification' });
    expect(fittingDataset(three, 'circle')).toBeNull();
  });

  it('the config: the network, no pruning, mnist presets when switching to mnist', () => {
    const current = { ...defaultConfig(), dataset: 'spiral' as const, threshold: 0.1, keep: 0.5, sched: 'poly' as const, lottery: 'rewind' as const };
    const r = configForModel(imported(mlpSpec(datasetInfo('mnist'), [300, 100], 'relu'), 'relu', 0.25), current);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.config).toMatchObject({ dataset: 'mnist', layers: [300, 100], act: 'relu', arch: 'mlp', lr: 0.001, batch: 128, dropout: 0.25, threshold: 0, keep: 1, sched: 'off', lottery: 'off' });
    const cnn = configForModel(imported(cnnSpec(datasetInfo('mnist'), [{ filters: 8, kernel: 5, stride: 2 }], 1, [16], 'tanh')), current);
    if (!cnn.ok) throw new Error(cnn.error.code);
    expect(cnn.config).toMatchObject({ dataset: 'mnist', arch: 'cnn', conv: '8:5:2', pool: 1, layers: [16], act: 'tanh' });
    // No hidden layer: the activation stays the current one.
    const linear = configForModel({ ...imported(mlpSpec(datasetInfo('circle'), [], 'relu')), activation: null }, current);
    expect(linear.ok && linear.config.act).toBe(current.act);
  });

  it('refuses what no dataset or link can hold, with the reason', () => {
    const current = defaultConfig();
    expect(configForModel(imported({ inputDim: 3, hidden: [], activation: 'relu', outputDim: 1, task: 'regression' }), current)).toEqual({
      ok: false,
      error: { code: 'noDataset', params: { inputs: 3, outputs: 1, task: 'regression' } },
    });
    expect(configForModel(imported(mlpSpec(datasetInfo('circle'), [4, 4, 4, 4, 4, 4, 4, 4, 4], 'tanh')), current)).toEqual({ ok: false, error: { code: 'bounds' } });
    expect(configForModel(imported(mlpSpec(datasetInfo('circle'), [2000], 'tanh')), current)).toEqual({ ok: false, error: { code: 'bounds' } });
    const wide: ModelSpec = { ...cnnSpec(datasetInfo('mnist'), [{ filters: 2, kernel: 3, stride: 1 }], 2, [], 'relu') };
    wide.conv = { ...wide.conv!, height: 196, width: 4 };
    expect(configForModel(imported(wide), current)).toMatchObject({ ok: false, error: { code: 'cnnInput' } });
  });
});

describe('exportSnapshot', () => {
  it('a compacted network exports its real, smaller shapes with the masks applied; importing it gives the effective weights back', () => {
    const config = { ...defaultConfig(), dataset: 'circle' as const, layers: [8, 8] };
    // The worker compacted 8, 8 → 5, 3.
    const spec = mlpSpec(datasetInfo('circle'), [5, 3], 'tanh');
    const layers = seededWeights(spec, 4);
    const masks = [null, Uint8Array.from({ length: 15 }, (_, i) => (i % 4 === 0 ? 0 : 1)), null];
    const neurons = [null, Uint8Array.from([1, 0, 1])];
    const exported = exportSnapshot(config, { runId: 1, step: 10, layers, masks, neurons });
    if (exported === null) throw new Error('no export');
    const units = exported.modelJson.modelTopology.config.layers.map((l) => l.config.units);
    expect(units).toEqual([5, 3, 2]);
    const back = importModel(JSON.stringify(exported.modelJson), [{ name: WEIGHTS_FILE, data: exported.weightData }]);
    if (!back.ok) throw new Error(back.error.code);
    expect(back.model.layers).toEqual(effectiveWeights(layers, masks, neurons));
    expect(back.model.layers[1].bias[1]).toBe(0);
  });

  it('null when the snapshot is of another network (more layers than the config)', () => {
    const config = { ...defaultConfig(), dataset: 'circle' as const, layers: [8] };
    const layers = seededWeights(mlpSpec(datasetInfo('mnist'), [8], 'tanh'), 1);
    expect(exportSnapshot(config, { runId: 1, step: 0, layers, masks: [null, null], neurons: [null] })).toBeNull();
  });

  it('describes networks in one line', () => {
    expect(describeSpec(mlpSpec(datasetInfo('circle'), [8, 8], 'tanh'))).toBe('2-8-8-2 tanh');
    expect(describeSpec(cnnSpec(datasetInfo('mnist'), [{ filters: 32, kernel: 3, stride: 1 }, { filters: 64, kernel: 3, stride: 1 }], 2, [128], 'relu'))).toBe('784 → conv 32:3,64:3 pool 2 → 128-10 relu');
  });
});

describe('store.importModel', () => {
  it('a cold change: configure under a new run, then loadWeights for that run; playing stops', async () => {
    const { createAppStore } = await import('../../src/state/store');
    const store = createAppStore({ ...defaultConfig(), dataset: 'circle' });
    const sent: { type: string; runId?: number }[] = [];
    store.onCommand((m) => sent.push(m));
    store.getState().play();
    const before = store.getState().run.runId;
    const model = imported(mlpSpec(datasetInfo('mnist'), [30], 'relu'));
    const fit = configForModel(model, store.getState().config);
    if (!fit.ok) throw new Error(fit.error.code);
    store.getState().importModel(fit.config, model.layers);
    const runId = store.getState().run.runId;
    expect(runId).toBe(before + 1);
    expect(store.getState().run.playing).toBe(false);
    expect(store.getState().config).toMatchObject({ dataset: 'mnist', layers: [30] });
    expect(sent.map((m) => m.type)).toEqual(['play', 'pause', 'configure', 'loadWeights']);
    expect(sent.at(-1)).toMatchObject({ type: 'loadWeights', runId, layers: model.layers });
  });

  it('the same network and data: still a new run (reset), then loadWeights; an out-of-bounds config does nothing', async () => {
    const { createAppStore } = await import('../../src/state/store');
    const config = { ...defaultConfig(), dataset: 'circle' as const, layers: [4], act: 'tanh' as const };
    const store = createAppStore(config);
    const sent: { type: string; runId?: number }[] = [];
    store.onCommand((m) => sent.push(m));
    const model = imported(mlpSpec(datasetInfo('circle'), [4], 'tanh'));
    const fit = configForModel(model, config);
    if (!fit.ok) throw new Error(fit.error.code);
    store.getState().importModel(fit.config, model.layers);
    expect(sent.map((m) => m.type)).toEqual(['configure', 'reset', 'loadWeights']);
    expect(sent.at(-1)?.runId).toBe(store.getState().run.runId);
    sent.length = 0;
    store.getState().importModel({ ...fit.config, layers: new Array(9).fill(4) }, model.layers);
    expect(sent).toEqual([]);
  });
});
