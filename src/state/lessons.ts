import type { ExperimentConfig } from '../protocol/config';
import type { PanelId, StageView } from './page';

/**
 * One step of a lesson (its text is the catalogue's `lessons.<id>.step<n>`):
 * where it works and what it names, so the page can put all of it on screen.
 */
export interface LessonStep {
  /** The group the step works in: opened while the step is shown. */
  panel: PanelId;
  /** Views the step talks about that the stage shows beside the live ones (the sweep card, the lottery table…). */
  shows?: readonly StageView[];
  /**
   * The test ids of every control, button, figure and chart the step names
   * (`**…**` in its text): all on screen together while the step is shown,
   * also in presenter mode on a 1280×720 projector (e2e/lessonsInView.spec.ts).
   */
  names: readonly string[];
}

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
  /**
   * Training steps of the lesson's "Train N steps" button: the budget its
   * claims are measured at, so every student (and the end-to-end test) sees
   * the same numbers for the same seed and backend.
   */
  trainSteps?: number;
  /** The steps, in order: as many as the catalogue has `step<n>` texts (tests/state/lessons.test.ts checks). */
  steps: readonly LessonStep[];
}

/** The lessons' ids, in teaching order; also the values of the `lesson` URL key. */
export const LESSON_IDS = ['overfit-l2', 'l1-vs-l2', 'magnitude', 'finetune', 'structured', 'lottery', 'augment', 'cnn-vs-mlp'] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** Settings every preset spells out (a full link: no pruning, no penalty, no schedule, no lottery) after its data, model and training keys. */
const OFF = 'pmode=threshold&threshold=0&sparsity=0&q=0&scope=layer&keep=1&importance=l1&sched=off&lottery=off';
/** The same, with weights pruned by a target sparsity (the slider starts at 0, off). */
const SPARSITY = OFF.replace('pmode=threshold', 'pmode=sparsity');

/**
 * The lessons, in teaching order (one per id). The presets train fast on two
 * CPU cores and pin their backend, so every student sees the same numbers for
 * the same seed: the 2-D lessons on cpu (a few hundred steps a second), the
 * MNIST ones with small networks on WASM, the CNN on WebGL (WASM has no
 * convolution gradient). Pruning is on MNIST: a toy network has too few
 * weights to prune gracefully. The figures in the comments were measured
 * here (seed 1 unless said); the lesson texts and e2e/lessons.spec.ts rely on them.
 */
export const LESSONS: readonly LessonDef[] = [
  {
    // 50 noisy training points, a 2-32-32-2 network: test loss 1.29 without a penalty, 0.48 with λ₂ = 0.003 (seed 1, cpu, 1,000 steps).
    id: 'overfit-l2',
    hash: `#dataset=xor&noise=50&split=10&layers=32,32&act=tanh&opt=adam&lr=0.03&batch=10&seed=1&backend=cpu&${OFF}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['noise', 'split', 'layers', 'l2', 'seed'],
    trainSteps: 1000,
    steps: [
      { panel: 'train', names: ['btn-lesson-train', 'chart-loss', 'decision-boundary'] },
      { panel: 'regularise', names: ['btn-pin', 'control-penalty', 'control-l2', 'btn-reset', 'btn-lesson-train'] },
      { panel: 'regularise', names: ['chart-loss', 'metric-test-loss', 'decision-boundary'] },
    ],
  },
  {
    // Proximal L1 at λ₁ = 0.05: 57–76 % exact zeros at 100 % test accuracy (seeds 1–4); L2 at the same λ: no zero, and too strong to classify.
    id: 'l1-vs-l2',
    hash: `#dataset=xor&noise=0&split=50&layers=16,16&act=tanh&opt=adam&lr=0.03&batch=10&seed=1&backend=cpu&${OFF}&l1=0.05&l2=0&prox=1&dropout=0`,
    controls: ['l1', 'l2', 'prox'],
    trainSteps: 1000,
    steps: [
      { panel: 'regularise', shows: ['histogram'], names: ['control-penalty', 'control-lambda', 'control-prox', 'btn-lesson-train', 'metric-sparsity', 'metric-test-accuracy'] },
      { panel: 'regularise', shows: ['histogram'], names: ['control-penalty', 'btn-reset', 'btn-lesson-train', 'metric-sparsity'] },
      { panel: 'regularise', shows: ['histogram'], names: ['control-l2', 'btn-reset', 'btn-lesson-train', 'metric-test-accuracy', 'metric-sparsity'] },
    ],
  },
  {
    // 784-100-10 on MNIST after 600 steps: ≈ 95 % dense, ≈ 93 % at 50 % sparsity, ≈ 10 % at 99 %.
    id: 'magnitude',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=8000&aug=&arch=mlp&layers=100&act=relu&opt=adam&lr=0.003&batch=64&seed=1&backend=wasm&${SPARSITY}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['pmode', 'sparsity', 'scope'],
    trainSteps: 600,
    steps: [
      { panel: 'prune', names: ['btn-lesson-train', 'metric-test-accuracy'] },
      { panel: 'prune', shows: ['histogram'], names: ['control-sparsity', 'metric-test-accuracy', 'metric-sparsity'] },
      { panel: 'prune', shows: ['sweep'], names: ['control-sparsity', 'metric-test-accuracy', 'btn-sweep', 'sweep-chart'] },
    ],
  },
  {
    // The same network pruned to 90 %: ≈ 37 % test accuracy, back to ≈ 93 % after 600 more steps with the mask held.
    id: 'finetune',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=8000&aug=&arch=mlp&layers=100&act=relu&opt=adam&lr=0.003&batch=64&seed=1&backend=wasm&${SPARSITY}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['pmode', 'sparsity'],
    trainSteps: 600,
    steps: [
      { panel: 'prune', names: ['btn-lesson-train', 'control-sparsity', 'metric-test-accuracy'] },
      { panel: 'prune', shows: ['sparsity'], names: ['btn-lesson-train', 'metric-sparsity', 'chart-sparsity', 'metric-test-accuracy'] },
      { panel: 'prune', shows: ['histogram'], names: ['control-sparsity', 'metric-test-accuracy'] },
    ],
  },
  {
    // 784-256-128-10: 80 % sparsity leaves 469,504 FLOPs; keep 0.5 + Compact gives 784-128-64-10 with 218,368.
    id: 'structured',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=8000&aug=&arch=mlp&layers=256,128&act=relu&opt=adam&lr=0.001&batch=64&seed=1&backend=wasm&${SPARSITY}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['pmode', 'sparsity', 'keep', 'importance'],
    trainSteps: 200,
    steps: [
      { panel: 'prune', names: ['btn-lesson-train', 'control-sparsity', 'metric-sparsity', 'metric-params', 'metric-flops'] },
      { panel: 'prune', names: ['control-sparsity', 'control-keep', 'metric-params'] },
      { panel: 'prune', shows: ['compaction'], names: ['btn-compact', 'compaction-table', 'metric-params', 'metric-flops'] },
    ],
  },
  {
    // Five rounds of 200 steps, half the remaining hidden weights per round: rewound ≈ 92 % at 3.5 % of the weights, re-initialised ≈ 89 %.
    id: 'lottery',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=8000&aug=&arch=mlp&layers=100&act=relu&opt=adam&lr=0.003&batch=64&seed=1&backend=wasm&${OFF.replace('lottery=off', 'lottery=rewind&lt_rate=0.5&lt_out=0.2&lt_steps=200&lt_rounds=5')}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['lottery', 'lt_rate', 'lt_steps', 'lt_rounds'],
    steps: [
      { panel: 'prune', shows: ['lottery'], names: ['btn-play', 'lottery-table'] },
      { panel: 'prune', shows: ['lottery'], names: ['control-lottery', 'btn-play'] },
      { panel: 'prune', shows: ['lottery'], names: ['lottery-table', 'metric-test-accuracy'] },
    ],
  },
  {
    // 300 digits, 784-64-10: the digit-safe preset adds ≈ 3 points after 300 steps, flip & spin costs ≈ 25.
    id: 'augment',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=300&aug=rotate:10,zoom:0.1,shift:0.1&arch=mlp&layers=64&act=relu&opt=adam&lr=0.003&batch=32&seed=1&backend=wasm&${OFF}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['trainSize', 'aug'],
    steps: [
      { panel: 'images', shows: ['augExperiment'], names: ['aug-preset', 'btn-aug-experiment'] },
      { panel: 'images', shows: ['augExperiment', 'accuracy'], names: ['aug-experiment', 'chart-accuracy'] },
      { panel: 'images', shows: ['augExperiment'], names: ['aug-preset', 'btn-aug-experiment'] },
    ],
  },
  {
    // Conv 8 → pool → conv 16 → pool → 32 → 10 (14,410 parameters, 402 kFLOP) against 784-32-10 (25,450, 51 kFLOP): after 200 steps ≈ 94 % against ≈ 90 %.
    id: 'cnn-vs-mlp',
    hash: `#dataset=mnist&noise=0&split=50&trainSize=8000&aug=&arch=cnn&conv=8:3,16:3&pool=2&layers=32&act=relu&opt=adam&lr=0.003&batch=32&seed=1&backend=webgl&${OFF}&l1=0&l2=0&prox=0&dropout=0`,
    controls: ['arch', 'conv', 'layers'],
    trainSteps: 200,
    steps: [
      { panel: 'data', names: ['size-table', 'control-arch'] },
      { panel: 'data', shows: ['accuracy'], names: ['btn-lesson-train', 'btn-pin', 'chart-accuracy'] },
      { panel: 'data', shows: ['accuracy'], names: ['control-arch', 'btn-lesson-train', 'chart-accuracy', 'metric-test-accuracy'] },
    ],
  },
];

/** The lesson `id`, if there is one. */
export function lessonById(id: string): LessonDef | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The step of the open lesson shown now (`lesson` a page's open lesson id, `step` the store's lessonStep), or undefined with none open. */
export function currentLessonStep(lesson: string, step: number): LessonStep | undefined {
  const def = lessonById(lesson);
  return def?.steps[Math.min(Math.max(step, 0), def.steps.length - 1)];
}
