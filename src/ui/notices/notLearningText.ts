import type { NotLearningNotice } from '../../protocol/messages';
import { formatCount } from '../format';
import type { Translate } from '../i18n';

/** A loss for a sentence: two significant digits (0.693 → 0.69). */
const short = (x: number): string => String(Number(x.toPrecision(2)));

/**
 * The "not learning" notice in words: what the loss is, against always
 * guessing (ln C for C classes, the mean for regression: `classes` null), and
 * the likely cause with a rate to try, e.g. "After 400 steps the train loss is
 * still 0.69, no better than always guessing (ln 2 = 0.69): the network is not
 * learning. With sgd at learning rate 0.00001 the steps are too small: try 0.1."
 */
export function notLearningText(t: Translate, notice: NotLearningNotice, classes: number | null): string {
  const value = short(notice.reference);
  const guess = classes !== null ? t('header.notLearning.guessClasses', { classes: String(classes), value }) : t('header.notLearning.guessMean', { value });
  const lead = t('header.notLearning.lead', { steps: formatCount(notice.step), loss: short(notice.loss), guess });
  const params = { opt: notice.optimizer, lr: String(notice.learningRate), suggest: String(notice.suggest) };
  return `${lead}${t('a11y.sentenceGap')}${t(notice.cause === 'low' ? 'header.notLearning.low' : 'header.notLearning.high', params)}`;
}
