import type { ExperimentConfig } from '../protocol/config';

/**
 * The guided lessons as data: each is a preset link (the experiment it starts
 * from) and the controls a student needs for it (presenter mode shows only
 * these). Their titles and steps are text, in the UI's catalogues
 * (`ui/i18n/<lang>/lessons.ts`, keyed by the lesson id).
 */
export interface LessonDef {
  /** Stable id: the `lesson` URL key's value and the catalogue key prefix. */
  id: LessonId;
  /** The preset, as a location hash (`#dataset=…&…`), parsed by the URL codec. */
  hash: string;
  /** URL keys of the controls this lesson uses, in the order a student meets them. */
  controls: readonly (keyof ExperimentConfig)[];
}

/** The lessons' ids, in teaching order; also the values of the `lesson` URL key. */
export const LESSON_IDS = ['overfit-l2', 'l1-vs-l2', 'magnitude', 'finetune', 'structured', 'lottery', 'augment', 'cnn-vs-mlp'] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** The lessons, in teaching order (one per id). Filled in by the lessons work. */
export const LESSONS: readonly LessonDef[] = [];

/** The lesson `id`, if there is one. */
export function lessonById(id: string): LessonDef | undefined {
  return LESSONS.find((l) => l.id === id);
}
