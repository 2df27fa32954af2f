import type { Importance, LotteryMode, PruneMode, PruneScope, ScheduleKind } from '../engine/prune/types';
import type { Activation, BackendChoice, DatasetName, OptimizerName } from '../engine/types';

/**
 * The experiment as the URL carries it: the single source of truth on the main
 * thread, and what the worker is configured with. Field names are the URL keys.
 */
export interface ExperimentConfig {
  dataset: DatasetName;
  /** Label / target noise in percent, 0–50. */
  noise: number;
  /** Train share in percent, 10–90 (mnist: fixed 8,000 / 2,000). */
  split: number;
  /** Hidden layer widths, input side first. */
  layers: number[];
  act: Activation;
  opt: OptimizerName;
  lr: number;
  batch: number;
  seed: number;
  backend: BackendChoice;
  /**
   * The most training steps per second, an integer 0–1000; 0 = full speed.
   * Hot: the worker paces its bursts with timers, and at slow speeds (see
   * worker/speed.ts STEP_BY_STEP_MAX) shows every step.
   */
  speed: number;

  // ── Unstructured (weight) pruning, applied to the current network at once (no training step needed) ──
  /** Which rule picks the weight mask: θ, target sparsity, or Han's q·std per layer. */
  pmode: PruneMode;
  /** θ: kernel weights with |w| < θ are masked; 0 = off. Used when pmode = threshold. */
  threshold: number;
  /** Target sparsity s in [0, 0.999]: the smallest fraction s of |w| is masked; 0 = off. Used when pmode = sparsity. */
  sparsity: number;
  /** Han et al.'s quality parameter: per layer θ_ℓ = q · std(W_ℓ); 0 = off. Used when pmode = std. */
  q: number;
  /** Per layer or global: for pmode = sparsity and for the gradual schedule. */
  scope: PruneScope;

  // ── Structured pruning ──
  /** Keep-ratio p in (0, 1]: per hidden layer keep the ⌈p·n⌉ most important neurons; 1 = off. */
  keep: number;
  /** How neuron importance is measured. */
  importance: Importance;

  // ── Gradual pruning (Zhu & Gupta 2017 / TF-MOT PolynomialDecay, power 3), while training ──
  sched: ScheduleKind;
  s_init: number;
  s_final: number;
  s_begin: number;
  s_end: number;
  s_freq: number;

  // ── Iterative pruning with rewinding (lottery ticket, Frankle & Carbin 2019) ──
  lottery: LotteryMode;
  /** Fraction of each hidden layer's remaining weights pruned per round (0.2 in the paper). */
  lt_rate: number;
  /** Fraction of the output layer's remaining weights pruned per round (0.1 in the paper). */
  lt_out: number;
  /** Training steps per round. */
  lt_steps: number;
  /** Pruning rounds after the first (dense) training round. */
  lt_rounds: number;

  // ── Regularisation (Keras semantics: penalty = l1·Σ|w| + l2·Σw² over the kernels, added to the mean data loss) ──
  /** λ₁; 0 = off. */
  l1: number;
  /** λ₂; 0 = off. */
  l2: number;
  /** 1: L1 by the proximal (soft-thresholding) step after each update instead of its subgradient; 0: subgradient. */
  prox: number;
  /** Dropout rate on every hidden layer while training (identity at evaluation); 0 = off. */
  dropout: number;

  // ── Choosing λ by k-fold cross-validation (an action; these only set it up) ──
  /** Folds. */
  cv_k: number;
  /** Training steps per fold and λ. */
  cv_steps: number;
  /** The log grid: smallest λ, largest λ, number of points. */
  cv_min: number;
  cv_max: number;
  cv_points: number;

  // ── Regularise, then prune (an action) ──
  /** Training steps of each of the three networks (none, L1, L2). */
  rp_steps: number;
  /** Fine-tuning steps after pruning, per sparsity level. */
  rp_tune: number;

  // ── Images (mnist) ──
  /**
   * Data augmentation of training batches, canonical text (engine/data/augSpec.ts
   * `formatAug`): comma-separated transforms, e.g. `flip,rotate:15,noise:0.1`;
   * '' = none. Applied on the fly to training batches only, never to test data.
   */
  aug: string;
  /** mnist: training digits used (the first trainSize of the seeded 8,000); other datasets ignore it. */
  trainSize: number;

  // ── Network structure (image datasets; other datasets always train an MLP) ──
  /** `mlp`: dense layers only (`layers`); `cnn`: the conv stack `conv`, then the dense `layers`, then the output. */
  arch: Arch;
  /**
   * The CNN's conv layers, canonical text (engine/model/spec.ts `formatConv`):
   * comma-separated `filters:kernel` or `filters:kernel:stride`, e.g. `32:3,64:3`
   * (the classic small CNN's, after the source article on pattern-recognition optimisation). 'valid' padding, the activation `act`.
   */
  conv: string;
  /** Max-pool window after every conv layer: 2 (2×2, stride 2) or 1 (no pooling). */
  pool: number;

  // ── Your own data (dataset = custom) ──
  /**
   * The student's points, canonical text (engine/data/ownPoints.ts
   * `formatPoints`): `x,y,class` items joined by `;`, x, y ∈ [−1, 1] with 2
   * decimals, class 0 (A) or 1 (B), e.g. `-0.5,0.25,0;0.3,-0.12,1`; '' = none.
   * In a link only for dataset=custom and at most OWN_URL_MAX_POINTS points;
   * larger sets are kept in local storage (state/ownData.ts).
   */
  pts: string;
}

/** The network structures; also the values of the `arch` URL key. */
export type Arch = 'mlp' | 'cnn';
export const ARCHES: readonly Arch[] = ['mlp', 'cnn'];

/** Keys whose change needs a new session (new data or new weights); every other key is applied hot. */
export const COLD_KEYS: readonly (keyof ExperimentConfig)[] = [
  'dataset',
  'noise',
  'split',
  'layers',
  'act',
  'seed',
  'backend',
  'lottery',
  'lt_rate',
  'lt_out',
  'lt_steps',
  'lt_rounds',
  'trainSize',
  'arch',
  'conv',
  'pool',
  'pts',
];

/** The keys whose values differ between two configs (layers compared element-wise). */
export function changedKeys(prev: ExperimentConfig, next: ExperimentConfig): (keyof ExperimentConfig)[] {
  const keys = Object.keys(next) as (keyof ExperimentConfig)[];
  return keys.filter((key) => {
    const a = prev[key];
    const b = next[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((v, i) => v !== b[i]);
    return a !== b;
  });
}

/** Whether going from `prev` to `next` needs a new session (a new run). */
export function isColdChange(prev: ExperimentConfig, next: ExperimentConfig): boolean {
  return changedKeys(prev, next).some((key) => COLD_KEYS.includes(key));
}

/** The penalty kinds a student picks; `elastic` is both terms at the same λ. */
export type PenaltyKind = 'none' | 'l1' | 'l2' | 'elastic';

/** The penalty a λ sweep varies for `config`: elastic when λ₁ and λ₂ are both on, L1 when only λ₁ is, else L2. */
export function sweptPenalty(config: Pick<ExperimentConfig, 'l1' | 'l2'>): Exclude<PenaltyKind, 'none'> {
  if (config.l1 > 0 && config.l2 > 0) return 'elastic';
  if (config.l1 > 0) return 'l1';
  return 'l2';
}

/** λ₁ and λ₂ for a penalty kind at strength `lambda` (none: both 0). */
export function penaltyWeights(kind: PenaltyKind, lambda: number): Pick<ExperimentConfig, 'l1' | 'l2'> {
  switch (kind) {
    case 'none':
      return { l1: 0, l2: 0 };
    case 'l1':
      return { l1: lambda, l2: 0 };
    case 'l2':
      return { l1: 0, l2: lambda };
    case 'elastic':
      return { l1: lambda, l2: lambda };
  }
}
