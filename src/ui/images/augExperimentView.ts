import type { AugExperimentRun, AugExperimentRunning } from '../../state/augExperiment';
import { formatCount, formatPercent } from '../format';

/** Which arm trains, in words: "Run 1 of 2: no augmentation". */
export function armLabel(exp: AugExperimentRunning): string {
  return exp.arm === 0 ? 'Run 1 of 2: no augmentation' : `Run 2 of 2: ${exp.aug}`;
}

/** The running experiment's progress line: "Run 1 of 2: no augmentation · step 340 of 1,000". */
export function progressText(exp: AugExperimentRunning): string {
  return `${armLabel(exp)} · step ${formatCount(Math.min(exp.step, exp.budget))} of ${formatCount(exp.budget)}`;
}

/** The whole experiment's progress in [0, 1]: (arm · budget + step) / (2 · budget). */
export function progressFraction(exp: AugExperimentRunning): number {
  const done = exp.arm * exp.budget + Math.min(exp.step, exp.budget);
  return exp.budget > 0 ? done / (2 * exp.budget) : 0;
}

/**
 * The finished experiment in one line:
 * "No augmentation: 91.2 % · rotate:15: 93.0 % test accuracy after 1,000 steps".
 */
export function resultText(exp: Extract<AugExperimentRun, { status: 'done' }>): string {
  return `No augmentation: ${formatPercent(exp.noneAccuracy)} · ${exp.aug}: ${formatPercent(exp.augAccuracy)} test accuracy after ${formatCount(exp.budget)} steps`;
}

/** The difference in percentage points, signed: "+1.8 points", "−0.4 points", "no difference". */
export function differenceText(exp: Extract<AugExperimentRun, { status: 'done' }>): string {
  const points = Math.round((exp.augAccuracy - exp.noneAccuracy) * 1000) / 10;
  if (!Number.isFinite(points)) return '';
  if (points === 0) return 'no difference';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points with augmentation`;
}
