import type { ExperimentConfig } from '../protocol/config';
import type { LessonId } from './lessons';

/** The page's languages; also the values of the `lang` URL key. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The groups of the page, in the order a student meets them: each names a
 * group of controls (beside the live views) or, `experiments`, the space of
 * the one-off experiments below them. Also the values of the `panel` URL key.
 */
export const PANELS = ['data', 'train', 'prune', 'regularise', 'images', 'experiments'] as const;
export type PanelId = (typeof PANELS)[number];

/**
 * The views the stage can bring beside the live network and loss views: the
 * open group's view (the weight histogram for pruning, the augmentation
 * preview for images, the canvas of your own points…) or, during a lesson, the ones its step talks about
 * (the sweep card, the compaction card, the lottery table…). A view shown on
 * the stage is not shown again below it.
 */
export const STAGE_VIEWS = ['accuracy', 'sparsity', 'histogram', 'schedule', 'compaction', 'sweep', 'lottery', 'augPreview', 'augExperiment', 'ownData'] as const;
export type StageView = (typeof STAGE_VIEWS)[number];

/** A URL key of the experiment: what `hide` and `lock` name. */
export type ConfigKey = keyof ExperimentConfig;

/**
 * How the page is shown, as opposed to what the experiment is: the language,
 * the classroom settings of an instructor's link, the open lesson and
 * presenter mode. It lives in the same location hash as the experiment (keys
 * written only when not at their defaults) but is never sent to the worker and
 * never pinned with a run.
 */
export interface PageConfig {
  /** The UI language. */
  lang: Lang;
  /** Controls (by URL key) absent from the page: an instructor's `hide=lr,batch`. */
  hide: ConfigKey[];
  /** Controls (by URL key) shown but not changeable: `lock=dataset`. */
  lock: ConfigKey[];
  /** The open guided lesson, '' for none. */
  lesson: LessonId | '';
  /** Presenter mode: 1 on, 0 off. */
  present: number;
  /** The open group (`panel=prune`): the controls shown first beside the live views, and the view beside them. */
  panel: PanelId;
}

export function defaultPage(): PageConfig {
  return { lang: 'en', hide: [], lock: [], lesson: '', present: 0, panel: 'data' };
}

/** Whether the control for URL key `key` is absent: hidden by the link, or, in presenter mode with a lesson open, not one of the lesson's controls. */
export function isHidden(page: PageConfig, key: ConfigKey, lessonControls?: readonly ConfigKey[]): boolean {
  if (page.hide.includes(key)) return true;
  return page.present === 1 && lessonControls !== undefined && !lessonControls.includes(key);
}

/** Whether the control for `key` is locked by the link (shown, disabled). */
export function isLocked(page: PageConfig, key: ConfigKey): boolean {
  return page.lock.includes(key);
}
