import type { ConfigKey } from '../../state/page';

/** A part of the controls and the URL keys it sets, in page order. */
export interface ControlSection {
  id: 'data' | 'augmentation' | 'model' | 'training' | 'regularisation' | 'pruning' | 'experiments';
  keys: readonly ConfigKey[];
}

/**
 * Every experiment key that has a control, by the part of the page it sits
 * in (the sidebar's groups, the network inside "Data & network", then the
 * experiments space): the classroom link builder lists them in this order,
 * and a group whose keys are all hidden is left out of the page (no empty
 * heading). `pts` (the student's own points) is edited on the own-data card.
 */
export const CONTROL_SECTIONS: readonly ControlSection[] = [
  { id: 'data', keys: ['dataset', 'noise', 'split', 'pts'] },
  { id: 'model', keys: ['arch', 'conv', 'pool', 'layers', 'act'] },
  // `speed`'s control sits in the header, but it is a training setting a link can hide or lock.
  { id: 'training', keys: ['opt', 'lr', 'batch', 'seed', 'backend', 'speed'] },
  { id: 'pruning', keys: ['pmode', 'threshold', 'sparsity', 'q', 'scope', 'keep', 'importance', 'sched', 's_init', 's_final', 's_begin', 's_end', 's_freq'] },
  { id: 'regularisation', keys: ['l1', 'l2', 'prox', 'dropout'] },
  { id: 'augmentation', keys: ['trainSize', 'aug'] },
  { id: 'experiments', keys: ['cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points', 'rp_steps', 'rp_tune', 'lottery', 'lt_rate', 'lt_out', 'lt_steps', 'lt_rounds'] },
];

/** The keys of section `id`. */
export function sectionKeys(id: ControlSection['id']): readonly ConfigKey[] {
  return CONTROL_SECTIONS.find((s) => s.id === id)?.keys ?? [];
}

/** Sub-groups of a card (a disclosure with a heading of its own), hidden as a whole when all their keys are. */
export const CONTROL_GROUPS = {
  /** The Data card (own points are drawn on their own card in the main area). */
  dataCard: ['dataset', 'noise', 'split'],
  neurons: ['keep', 'importance'],
  schedule: ['sched', 's_init', 's_final', 's_begin', 's_end', 's_freq'],
  lottery: ['lottery', 'lt_rate', 'lt_out', 'lt_steps', 'lt_rounds'],
  choosingLambda: ['cv_k', 'cv_steps', 'cv_min', 'cv_max', 'cv_points'],
  regPrune: ['rp_steps', 'rp_tune'],
  /** The penalty kind and the λ slider set λ₁ and λ₂ together. */
  penalty: ['l1', 'l2'],
} as const satisfies Record<string, readonly ConfigKey[]>;

/** What the "Classic small CNN" button sets besides `arch` (locked if any of them is): the rest of its preset. */
export const SEED_CNN_ALSO_SETS: readonly ConfigKey[] = ['conv', 'pool', 'layers', 'act', 'opt', 'lr', 'batch', 'dropout'];
/** What "Start now" sets besides `sched`. */
export const SCHEDULE_NOW_ALSO_SETS: readonly ConfigKey[] = ['s_begin', 's_end'];
