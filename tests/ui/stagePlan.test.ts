import { describe, expect, it } from 'vitest';
import { datasetInfo } from '../../src/engine/data/catalog';
import { LESSONS } from '../../src/state/lessons';
import { PANELS } from '../../src/state/page';
import { stagePlan } from '../../src/ui/shell/stagePlan';

const circle = datasetInfo('circle');
const plane = datasetInfo('plane');
const friedman = datasetInfo('friedman');
const mnist = datasetInfo('mnist');
const custom = datasetInfo('custom');

describe('the stage: what sits beside the controls', () => {
  it('2-D sets: the graph and the boundary, one view of the open group under the boundary', () => {
    expect(stagePlan(circle, false, 'data', false)).toEqual({ kind: 'planar', network: 'graph', views: ['accuracy'] });
    expect(stagePlan(circle, false, 'train', false).views).toEqual(['accuracy']);
    expect(stagePlan(circle, false, 'prune', false).views).toEqual(['histogram']);
    expect(stagePlan(circle, false, 'prune', true).views).toEqual(['schedule']);
    expect(stagePlan(circle, false, 'regularise', false).views).toEqual(['histogram']);
    // A CNN needs images: on a 2-D set the flag changes nothing.
    expect(stagePlan(circle, true, 'data', false).network).toBe('graph');
  });

  it('regression has no accuracy: plane (2-D) and Friedman (scatter) show other views', () => {
    expect(stagePlan(plane, false, 'data', false)).toEqual({ kind: 'planar', network: 'graph', views: ['sparsity'] });
    expect(stagePlan(friedman, false, 'train', false)).toEqual({ kind: 'scatter', network: 'graph', views: ['sparsity'] });
    for (const panel of PANELS) {
      expect(stagePlan(plane, false, panel, false).views).not.toContain('accuracy');
      expect(stagePlan(friedman, false, panel, false).views).not.toContain('accuracy');
    }
  });

  it('digits: the first layer (MLP) or the conv filters (CNN) on the left, two views on the right', () => {
    expect(stagePlan(mnist, false, 'prune', false)).toEqual({ kind: 'images', network: 'filters', views: ['histogram', 'sparsity'] });
    expect(stagePlan(mnist, true, 'data', false)).toEqual({ kind: 'images', network: 'conv', views: ['accuracy', 'sparsity'] });
    expect(stagePlan(mnist, false, 'images', false).views).toEqual(['augPreview', 'accuracy']);
    // Images without images: the preview is not offered.
    expect(stagePlan(circle, false, 'images', false).views).toEqual(['accuracy']);
  });

  it('own points: their canvas is the data group’s view', () => {
    expect(stagePlan(custom, false, 'data', false).views).toEqual(['ownData']);
    expect(stagePlan(circle, false, 'data', false, ['ownData']).views).toEqual([]);
  });

  it("a lesson step's views replace the group's, within the slots and only where they fit", () => {
    expect(stagePlan(mnist, false, 'prune', false, ['sweep']).views).toEqual(['sweep']);
    expect(stagePlan(mnist, false, 'images', false, ['augExperiment', 'accuracy']).views).toEqual(['augExperiment', 'accuracy']);
    expect(stagePlan(circle, false, 'regularise', false, ['histogram', 'accuracy']).views).toEqual(['histogram']);
    expect(stagePlan(circle, false, 'prune', false, []).views).toEqual(['histogram']);
  });

  it.each(LESSONS.flatMap((l) => l.steps.map((step, i) => [`${l.id} step ${i + 1}`, l, step] as const)))('%s: every view the step asks for is on the stage', (_name, lesson, step) => {
    const config = new URLSearchParams(lesson.hash.slice(1));
    const info = datasetInfo(config.get('dataset') as Parameters<typeof datasetInfo>[0]);
    const plan = stagePlan(info, config.get('arch') === 'cnn', step.panel, config.get('sched') === 'poly', step.shows);
    expect(plan.views).toEqual([...(step.shows ?? plan.views)]);
  });
});
