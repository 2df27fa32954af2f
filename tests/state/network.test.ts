import { describe, expect, it } from 'vitest';
import { DEFAULT_CONV } from '../../src/engine/model/convSpec';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { LotteryRow, ToWorker } from '../../src/protocol/messages';
import { configSpec, convLayersOf, sameNetwork, sizeComparison, trainsCnn } from '../../src/state/network';
import { CLASSIC_CNN_PRESET } from '../../src/state/presets';
import { MNIST_PRESET, createAppStore } from '../../src/state/store';
import { defaultConfig } from '../../src/state/urlCodec';

const cfg = (patch: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), ...patch });
const MNIST_CNN = cfg({ dataset: 'mnist', ...CLASSIC_CNN_PRESET, layers: [128] });

function setup(config = defaultConfig()) {
  const store = createAppStore(config);
  const sent: ToWorker[] = [];
  store.onCommand((m) => sent.push(m));
  return { sent, s: () => store.getState() };
}

describe('the classic-CNN action', () => {
  it('sets arch, conv, pool, dense layers, activation, optimizer, lr, batch and dropout in one change: one new run, one configure', () => {
    const { sent, s } = setup(cfg({ dataset: 'mnist', ...MNIST_PRESET, conv: '8:5', pool: 1 }));
    s().applySeedArticleCnn();
    expect(s().config).toEqual(cfg({ dataset: 'mnist', arch: 'cnn', conv: '32:3,64:3', pool: 2, layers: [128], act: 'relu', opt: 'adam', lr: 0.001, batch: 32, dropout: 0.5 }));
    expect(s().run.runId).toBe(2);
    expect(sent).toEqual([{ type: 'configure', runId: 2, config: s().config }]);
    // The preset's array is not shared with the config.
    s().config.layers.push(5);
    expect(CLASSIC_CNN_PRESET.layers).toEqual([128]);
  });

  it('switching to mnist picks LeNet-300-100 as an MLP, even after a CNN link on another dataset', () => {
    const { s } = setup(cfg({ dataset: 'circle', arch: 'cnn' }));
    s().setDataset('mnist');
    expect(s().config).toMatchObject({ dataset: 'mnist', arch: 'mlp', layers: [300, 100] });
    s().applySeedArticleCnn();
    s().setDataset('spiral');
    expect(s().config).toMatchObject({ dataset: 'spiral', arch: 'mlp', layers: [8, 8] });
  });

  it('keeps the lottery history only while the network (conv stack and pooling included) stays the same', () => {
    const rows = (n: number): LotteryRow[] => Array.from({ length: n }, (_, round) => ({ mode: 'rewind', round, remaining: 0.8 ** round, testAccuracy: 0.9, testLoss: 0.3, bestAccuracy: 0.9, step: 10 * (round + 1) }));
    const { s } = setup(cfg({ ...MNIST_CNN, lottery: 'rewind' }));
    s().receive({ type: 'lottery', runId: 1, rows: rows(2), done: true });
    s().setConfig('seed', 7);
    expect(s().pruning.lotteryHistory).toEqual([rows(2)]);
    // Without pooling this network would have 4.7 M parameters, over MAX_PARAMS: the store refuses it and nothing changes.
    s().setConfig('pool', 1);
    expect(s().config.pool).toBe(2);
    expect(s().pruning.lotteryHistory).toEqual([rows(2)]);
    s().setConfig('conv', '32:3');
    expect(s().pruning.lotteryHistory).toEqual([]);
  });
});

describe('network helpers', () => {
  it('trains a CNN only for arch=cnn on an image dataset', () => {
    expect(trainsCnn(MNIST_CNN)).toBe(true);
    expect(trainsCnn({ ...MNIST_CNN, arch: 'mlp' })).toBe(false);
    expect(trainsCnn({ ...MNIST_CNN, dataset: 'spiral' })).toBe(false);
    expect(convLayersOf(MNIST_CNN)).toEqual([
      { filters: 32, kernel: 3, stride: 1 },
      { filters: 64, kernel: 3, stride: 1 },
    ]);
    expect(convLayersOf({ ...MNIST_CNN, dataset: 'xor' })).toEqual([]);
    expect(configSpec({ ...MNIST_CNN, dataset: 'xor' }).conv).toBeUndefined();
    expect(configSpec(MNIST_CNN).conv?.layers).toHaveLength(2);
  });

  it('compares networks: conv and pool matter only for a CNN', () => {
    expect(sameNetwork(MNIST_CNN, { ...MNIST_CNN, conv: '16:3' })).toBe(false);
    expect(sameNetwork(MNIST_CNN, { ...MNIST_CNN, act: 'tanh' })).toBe(true);
    expect(sameNetwork(MNIST_CNN, { ...MNIST_CNN, arch: 'mlp' })).toBe(false);
    expect(sameNetwork({ ...MNIST_CNN, arch: 'mlp' }, { ...MNIST_CNN, arch: 'mlp', conv: '16:3', pool: 1 })).toBe(true);
    expect(sameNetwork(cfg(), cfg({ layers: [8] }))).toBe(false);
  });
});

describe('the MLP vs CNN size table', () => {
  it('classic small CNN: 225,034 parameters, 5.26 MFLOPs per digit; the MLP 784-128-10: 101,770 and 203,264', () => {
    // CNN: conv 3·3·1·32 + 32 = 320; conv 3·3·32·64 + 64 = 18,496; dense 5·5·64·128 + 128 = 204,928; out 128·10 + 10 = 1,290.
    // FLOPs: 2·9·32·26² + 2·288·64·11² + 2·1600·128 + 2·128·10 = 389,376 + 4,460,544 + 409,600 + 2,560.
    expect(sizeComparison(MNIST_CNN)).toEqual({
      mlp: { params: 784 * 128 + 128 + 128 * 10 + 10, flopsPerSample: 2 * (784 * 128 + 128 * 10) },
      cnn: { params: 225_034, flopsPerSample: 5_262_080 },
      current: 'cnn',
    });
    expect(sizeComparison({ ...MNIST_CNN, arch: 'mlp' })?.current).toBe('mlp');
  });

  it('without pooling the flattened map is 24·24·64 = 36,864 wide', () => {
    const sizes = sizeComparison({ ...MNIST_CNN, pool: 1 });
    expect(sizes?.cnn).toEqual({
      params: 320 + 18_496 + (36_864 * 128 + 128) + 1_290,
      flopsPerSample: 2 * 9 * 32 * 26 ** 2 + 2 * 288 * 64 * 24 ** 2 + 2 * 36_864 * 128 + 2 * 128 * 10,
    });
  });

  it('follows the dense layers in both columns and is absent without images', () => {
    const sizes = sizeComparison({ ...MNIST_CNN, conv: DEFAULT_CONV, layers: [] });
    expect(sizes?.mlp.params).toBe(7_850);
    expect(sizes?.cnn.params).toBe(320 + 18_496 + 1600 * 10 + 10);
    expect(sizeComparison(cfg({ arch: 'cnn' }))).toBeNull();
  });
});
