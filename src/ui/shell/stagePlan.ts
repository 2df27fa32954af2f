import type { DatasetInfo } from '../../engine/types';
import type { PanelId, StageView } from '../../state/page';

/**
 * What the stage shows, as plain data (unit-tested in tests/ui/stagePlan.test.ts).
 *
 * The stage is one screen beside the controls: on the left the network (its
 * graph, or for digits its first layer) above the loss chart; on the right
 * what the network outputs (the decision boundary of a 2-D set, predicted
 * against true for Friedman) above the view of the open group — the weight
 * histogram while pruning or regularising, the augmentation preview for
 * images — or, during a lesson, the views its step talks about. Digits have
 * no output picture, so their right column holds two views.
 */
export type StageKind = 'planar' | 'scatter' | 'images';

export interface StagePlan {
  kind: StageKind;
  /** The network's own view on the left: graph, learned filters (MLP on digits) or conv filters (CNN). */
  network: 'graph' | 'filters' | 'conv';
  /** The views on the right, below the output picture (if any), in order. */
  views: StageView[];
}

/** The open group's views, best first, for a classification (`accuracy`) or regression task. */
function groupViews(panel: PanelId, info: DatasetInfo, scheduled: boolean): StageView[] {
  const classification = info.task === 'classification';
  const images = info.name === 'mnist';
  const firstChart: StageView = classification ? 'accuracy' : 'sparsity';
  switch (panel) {
    case 'prune':
      return scheduled ? ['schedule', 'histogram'] : ['histogram', 'sparsity'];
    case 'regularise':
      return ['histogram', firstChart];
    case 'images':
      return images ? ['augPreview', firstChart] : [firstChart, 'histogram'];
    case 'data':
      return info.name === 'custom' ? ['ownData', firstChart] : [firstChart, classification ? 'sparsity' : 'histogram'];
    case 'train':
    case 'experiments':
      return [firstChart, classification ? 'sparsity' : 'histogram'];
  }
}

/** Whether view `v` has something to show for this dataset: accuracy for classifiers, augmentation for images, own points for `custom`. */
export function fits(v: StageView, info: DatasetInfo): boolean {
  if (v === 'accuracy') return info.task === 'classification';
  if (v === 'augPreview' || v === 'augExperiment') return info.name === 'mnist';
  if (v === 'ownData') return info.name === 'custom';
  return true;
}

/**
 * The stage for a dataset, network and open group; `shows` (a lesson step's
 * views) replaces the group's views when given. Right-column slots: one under
 * a 2-D set's boundary or Friedman's scatter, two for digits.
 */
export function stagePlan(info: DatasetInfo, cnn: boolean, panel: PanelId, scheduled: boolean, shows?: readonly StageView[]): StagePlan {
  const kind: StageKind = info.name === 'mnist' ? 'images' : info.inputDim === 2 ? 'planar' : 'scatter';
  const network = kind !== 'images' ? 'graph' : cnn ? 'conv' : 'filters';
  const wanted = shows !== undefined && shows.length > 0 ? [...shows] : groupViews(panel, info, scheduled);
  const usable = wanted.filter((v) => fits(v, info));
  const views = usable.slice(0, kind === 'images' ? 2 : 1);
  return { kind, network, views };
}
