/** One entry point for every dataset: configs in, split Float32Arrays out. */
import type { Dataset, DatasetConfig } from '../types';
import { Rng } from '../rng';
import { datasetInfo } from './catalog';
import { customDataset } from './custom';
import { mnistDataset, type MnistRaw } from './mnist';
import { parsePointsLenient } from './ownPoints';
import { friedmanData, planeData, standardizeTargets } from './regression';
import { splitDataset, trainCount } from './split';
import { toy2d, type RawSamples } from './toy2d';

export { datasetInfo, MNIST_ASSET_PATH, MNIST_TEST, MNIST_TRAIN } from './catalog';
export { fetchMnist, parseMnistAsset, type MnistRaw } from './mnist';

/**
 * Generates and splits a dataset, deterministically from `cfg.seed`: one
 * Rng(seed) draws the samples and then the split permutation.
 * `noisePercent` (0–50) is the playground's noise slider (fraction = /100 for
 * the 2-D sets; σ = noisePercent/10 for friedman); `trainPercent` (10–90)
 * gives nTrain = round(n·p/100), clamped so both parts are non-empty.
 * friedman targets are standardised, y ← (y − μ_train)/σ_train, so an MSE of 1
 * means "no better than predicting the mean". mnist ignores noise and split
 * (fixed 8,000/2,000; `trainSize` keeps the first trainSize training rows) and needs the decoded asset `mnist`; without it this throws.
 * custom builds `cfg.points` (see custom.ts; noise flips labels) and throws with fewer than 2 points.
 */
export function makeDataset(cfg: DatasetConfig, mnist?: MnistRaw): Dataset {
  const info = datasetInfo(cfg.name);
  if (cfg.name === 'mnist') {
    if (!mnist) throw new Error('makeDataset: mnist needs the decoded asset (fetchMnist) as its second argument');
    return mnistDataset(mnist, cfg.seed, cfg.trainSize);
  }
  if (cfg.name === 'custom') return customDataset(parsePointsLenient(cfg.points ?? ''), cfg.noisePercent, cfg.trainPercent, cfg.seed);
  const rng = new Rng(cfg.seed);
  const noise = cfg.noisePercent / 100;
  let raw: RawSamples;
  switch (cfg.name) {
    case 'plane':
      raw = planeData(info.size, noise, rng);
      break;
    case 'friedman':
      raw = friedmanData(info.size, cfg.noisePercent, rng);
      break;
    default:
      raw = toy2d(cfg.name, info.size, noise, rng);
  }
  const data = splitDataset(info, raw.x, raw.y, trainCount(info.size, cfg.trainPercent), rng);
  if (cfg.name === 'friedman') standardizeTargets(data.yTrain, [data.yTrain, data.yTest]);
  return data;
}
