import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import type { ModelStats } from '../../src/protocol/messages';
import type { AugExperimentRun, AugExperimentRunning } from '../../src/state/augExperiment';
import { createAppStore, type AppStore } from '../../src/state/store';
import { StoreProvider } from '../../src/state/useAppStore';
import { defaultConfig } from '../../src/state/urlCodec';
import { AugExperimentCard } from '../../src/ui/experiments/ExperimentCards';
import { differenceText, progressFraction, progressText, resultText } from '../../src/ui/experiments/augExperimentView';
import { FILTER_TILE_CSS_PX, filterTileCssPx, filterWeightCssPx } from '../../src/ui/inspect/convFiltersLayout';

const AUG = 'rotate:15';
/** A model's figures for a metrics message (they do not matter here). */
const MODEL: ModelStats = { hidden: [32], params: 25_450, flops: 50_816, bytes: 101_800, layerTotals: [25_088, 320], layerZeros: [0, 0], compacted: false, thresholds: [0, 0], fineTuneSteps: 0 };
const MNIST: Partial<ExperimentConfig> = { dataset: 'mnist', layers: [32], trainSize: 500, aug: AUG };

const running = (patch: Partial<AugExperimentRunning> = {}): AugExperimentRunning => ({
  status: 'running',
  arm: 0,
  runId: 2,
  aug: AUG,
  budget: 1000,
  step: 340,
  target: 400,
  trained: true,
  config: { ...defaultConfig(), ...MNIST, aug: '' },
  noneAccuracy: null,
  pinIds: [],
  ...patch,
});

const done: Extract<AugExperimentRun, { status: 'done' }> = { status: 'done', aug: AUG, budget: 1000, noneAccuracy: 0.912, augAccuracy: 0.93, pinIds: [1, 2] };

/** The augmentation experiment card's markup for a config, after `prepare` touched the store. */
function render(patch: Partial<ExperimentConfig>, prepare: (store: AppStore) => void = () => {}): string {
  const store = createAppStore({ ...defaultConfig(), ...patch });
  prepare(store);
  // Server rendering reads the store's initial state: show the prepared one instead.
  const prepared: AppStore = { ...store, getInitialState: () => store.getState() };
  return renderToString(createElement(StoreProvider, { store: prepared, children: createElement(AugExperimentCard) }));
}

const text = (html: string): string =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const byTestId = (html: string, id: string): string | undefined => new RegExp(`<[^>]*data-testid="${id}"[^>]*>`).exec(html)?.[0];

describe('the augmentation experiment, in words', () => {
  it('says which arm runs and where it is, and the progress over both arms', () => {
    expect(progressText(running())).toBe('Run 1 of 2: no augmentation · step 340 of 1,000');
    expect(progressText(running({ arm: 1, step: 1000 }))).toBe('Run 2 of 2: rotate:15 · step 1,000 of 1,000');
    expect(progressFraction(running())).toBe(0.17);
    expect(progressFraction(running({ arm: 1, step: 500 }))).toBe(0.75);
  });

  it('states the result in one line and the difference in points', () => {
    expect(resultText(done)).toBe('No augmentation: 91.2 % · rotate:15: 93.0 % test accuracy after 1,000 steps');
    expect(differenceText(done)).toBe('+1.8 points with augmentation');
    expect(differenceText({ ...done, augAccuracy: 0.908 })).toBe('−0.4 points with augmentation');
    expect(differenceText({ ...done, augAccuracy: 0.912 })).toBe('no difference');
  });
});

describe('the "Effect of augmentation" box', () => {
  it('on MNIST with an augmentation and free pins: the steps field and an enabled start button, no reason', () => {
    const html = render(MNIST);
    expect(byTestId(html, 'aug-experiment')).toContain('data-status="idle"');
    expect(byTestId(html, 'control-aug-exp-steps')).toContain('value="1000"');
    expect(byTestId(html, 'btn-aug-experiment')).not.toContain('disabled');
    expect(html).not.toContain('aug-experiment-reason');
    expect(text(html)).toContain('Augmentation helps most when data is scarce: training on 500 digits.');
    expect(html).not.toContain('btn-aug-exp-trainsize');
  });

  it('offers 500 digits when training on more', () => {
    const html = render({ ...MNIST, trainSize: 4000 });
    expect(text(html)).toContain('try 500 digits (4,000 now).');
    expect(byTestId(html, 'btn-aug-exp-trainsize')).toBeDefined();
  });

  it('is disabled with no augmentation, and with fewer than two free pin slots, saying why', () => {
    const none = render({ ...MNIST, aug: '' });
    expect(byTestId(none, 'btn-aug-experiment')).toContain('disabled');
    expect(text(none)).toContain('Choose an augmentation above first: with none there is nothing to compare.');
    const full = render(MNIST, (store) => {
      store.getState().receive({ type: 'metrics', runId: 1, points: [{ step: 1, trainLoss: 1 }], step: 1, epoch: 0, stepsPerSecond: 1, model: MODEL });
      for (let i = 0; i < 3; i++) store.getState().pin();
    });
    expect(byTestId(full, 'btn-aug-experiment')).toContain('disabled');
    expect(text(full)).toContain('The experiment pins two runs and 3 of 4 pin slots are used: remove 1 first.');
  });

  it('while running: progress with the arm and step, a cancel button, the field and button disabled', () => {
    // Arm 0 of the store's own run (another runId or config would stop it at once), the config without augmentation.
    const html = render({ ...MNIST, aug: '' }, (store) => {
      store.setState({ run: { ...store.getState().run, phase: 'training', step: 340 } });
      store.setState({ augExperiment: { steps: 1000, run: running({ runId: 1, config: store.getState().config }) } });
    });
    expect(html).not.toContain('aug-experiment-reason');
    expect(byTestId(html, 'aug-experiment-progress')).toMatch(/data-arm="0" data-step="340" data-budget="1000"/);
    expect(text(html)).toContain('Run 1 of 2: no augmentation · step 340 of 1,000');
    expect(byTestId(html, 'btn-aug-experiment-cancel')).toBeDefined();
    expect(byTestId(html, 'btn-aug-experiment')).toContain('disabled');
    expect(byTestId(html, 'control-aug-exp-steps')).toContain('disabled');
    // The config holds no augmentation while arm 0 trains; the box still names the chosen one.
    expect(html).toContain('then with <code>rotate:15</code>.');
  });

  it('when done: the one-line result', () => {
    const html = render(MNIST, (store) => store.setState({ augExperiment: { steps: 1000, run: done } }));
    expect(byTestId(html, 'aug-experiment-result')).toMatch(/data-none="0.912" data-aug="0.93"/);
    expect(text(html)).toContain('No augmentation: 91.2 % · rotate:15: 93.0 % test accuracy after 1,000 steps (+1.8 points with augmentation).');
  });

  it('when stopped: why', () => {
    const html = render(MNIST, (store) => store.setState({ augExperiment: { steps: 1000, run: { status: 'stopped', reason: 'Cancelled.' } } }));
    expect(text(html)).toContain('Cancelled.');
    expect(byTestId(html, 'aug-experiment-stopped')).toBeDefined();
  });

  it('is not shown for the 2-D datasets', () => {
    expect(render({ dataset: 'spiral' })).not.toContain('aug-experiment');
  });
});

describe('conv filter tiles on the page', () => {
  it('are about 50 CSS px, a whole number of CSS px per weight, for every kernel side', () => {
    expect(FILTER_TILE_CSS_PX).toBe(50);
    expect([3, 5, 7].map(filterWeightCssPx)).toEqual([17, 10, 7]);
    expect([3, 5, 7].map(filterTileCssPx)).toEqual([51, 50, 49]);
    for (let side = 1; side <= 7; side++) {
      const px = filterTileCssPx(side);
      expect(px).toBeGreaterThanOrEqual(44);
      expect(px).toBeLessThanOrEqual(56);
      expect(px % side).toBe(0);
    }
  });
});
