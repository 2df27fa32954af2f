/**
 * The `custom` dataset: the student's own 2-D points (drawn or uploaded; see
 * ownPoints.ts for the format and csvPoints.ts for CSV files) as a split
 * {@link Dataset}, built like the toy sets: one Rng(seed) draws the label
 * noise and then the train/test permutation.
 */
import type { Dataset } from '../types';
import { Rng } from '../rng';
import { datasetInfo } from './catalog';
import { OWN_MIN_POINTS, type OwnPoint } from './ownPoints';
import { splitDataset, trainCount } from './split';

/**
 * Builds the custom dataset. Inputs are the points' (x, y) as they are (already
 * in [−1, 1]); labels their class index. `noisePercent` (0–50) flips labels:
 * each point draws u ~ U[0, 1) in order and its label flips when
 * u < noisePercent/100 (one draw per point whatever the noise, so the split
 * stays the same as the noise changes). `trainPercent` (10–90) gives
 * nTrain = round(n·p/100), clamped so both parts hold a point.
 * Throws when there are fewer than {@link OWN_MIN_POINTS} points.
 */
export function customDataset(points: readonly OwnPoint[], noisePercent: number, trainPercent: number, seed: number): Dataset {
  const n = points.length;
  if (n < OWN_MIN_POINTS) throw new Error(`Your own data needs at least ${OWN_MIN_POINTS} points to train (it has ${n}): add points on the own-data canvas or upload a CSV.`);
  const rng = new Rng(seed);
  const flip = noisePercent / 100;
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    y[i] = rng.next() < flip ? 1 - p.label : p.label;
  }
  const info = { ...datasetInfo('custom'), size: n };
  return splitDataset(info, x, y, trainCount(n, trainPercent), rng);
}
