import type { AugExperimentRun, AugExperimentRunning } from '../../state/augExperiment';
import { formatCount, formatPercent } from '../format';
import { translator, type Translate } from '../i18n';

/** English, for callers (and tests) that give no translator. */
const EN = translator('en');

/** Which arm trains, in words: "Run 1 of 2: no augmentation". */
export function armLabel(exp: AugExperimentRunning, t: Translate = EN): string {
  return exp.arm === 0 ? t('views.augexp.arm1') : t('views.augexp.arm2', { aug: exp.aug });
}

/** The running experiment's progress line: "Run 1 of 2: no augmentation · step 340 of 1,000". */
export function progressText(exp: AugExperimentRunning, t: Translate = EN): string {
  return t('views.augexp.progressText', { arm: armLabel(exp, t), step: formatCount(Math.min(exp.step, exp.budget)), budget: formatCount(exp.budget) });
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
export function resultText(exp: Extract<AugExperimentRun, { status: 'done' }>, t: Translate = EN): string {
  return t('views.augexp.result', { none: formatPercent(exp.noneAccuracy), aug: exp.aug, augAcc: formatPercent(exp.augAccuracy), steps: formatCount(exp.budget) });
}

/** The difference in percentage points, signed: "+1.8 points", "−0.4 points", "no difference". */
export function differenceText(exp: Extract<AugExperimentRun, { status: 'done' }>, t: Translate = EN): string {
  const points = Math.round((exp.augAccuracy - exp.noneAccuracy) * 1000) / 10;
  if (!Number.isFinite(points)) return '';
  if (points === 0) return t('views.augexp.noDifference');
  return t('views.augexp.points', { sign: points > 0 ? '+' : '−', points: Math.abs(points).toFixed(1) });
}
