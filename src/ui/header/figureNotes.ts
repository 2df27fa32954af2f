import type { DatasetName } from '../../engine/types';
import type { RunState } from '../../state/run';
import { formatCount } from '../format';
import type { MessageKey, Translate } from '../i18n';

/** What the header's notes read from the run. */
export type NotedRun = Pick<RunState, 'testStep' | 'testRows' | 'testTotal' | 'trainLossStep' | 'trainLossKind' | 'trainLossRows' | 'trainLossTotal'>;

/** The word for a dataset's rows: digits (mnist), points (the 2-D sets and own data), samples (friedman). */
export function rowUnit(dataset: DatasetName): MessageKey {
  if (dataset === 'mnist') return 'header.unit.digits';
  if (dataset === 'friedman') return 'header.unit.samples';
  return 'header.unit.points';
}

/**
 * The notes under the header's figures: which rows the test figures are over
 * and the step they belong to ("500 of 2,000 test digits · step 1,234"), and
 * where the train loss comes from ("latest batches · step 1,234", or after a
 * mask change "pruned net, 250 train points · step 50"). Null
 * where there is no figure yet.
 */
export function figureNotes(t: Translate, run: NotedRun, dataset: DatasetName): { test: string | null; train: string | null } {
  const unit = t(rowUnit(dataset));
  let test: string | null = null;
  if (run.testStep !== null) {
    const step = formatCount(run.testStep);
    if (run.testRows === null || run.testTotal === null) test = t('header.note.testStep', { step });
    else if (run.testRows >= run.testTotal) test = t('header.note.testAll', { total: formatCount(run.testTotal), unit, step });
    else test = t('header.note.testSome', { rows: formatCount(run.testRows), total: formatCount(run.testTotal), unit, step });
  }
  let train: string | null = null;
  if (run.trainLossStep !== null) {
    const step = formatCount(run.trainLossStep);
    if (run.trainLossKind === 'evaluated' && run.trainLossRows !== null && run.trainLossTotal !== null) {
      train = t('header.note.trainEvaluated', { rows: formatCount(run.trainLossRows), total: formatCount(run.trainLossTotal), unit, step });
    } else train = t('header.note.trainBatch', { step });
  }
  return { test, train };
}
