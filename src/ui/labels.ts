import type { Importance, LotteryMode, PruneMode, PruneScope, ScheduleKind } from '../engine/prune/types';
import type { Arch } from '../protocol/config';
import type { PenaltyKind } from '../state/regularisation';
import type { Activation, BackendChoice, BackendName, DatasetName, OptimizerName } from '../engine/types';

/** How each dataset is named in the UI. */
export const DATASET_LABELS: Record<DatasetName, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gauss: 'Two Gaussians',
  spiral: 'Spiral',
  plane: 'Plane (regression)',
  friedman: 'Friedman #1 (regression)',
  mnist: 'MNIST digits (10,000)',
};

export const ARCH_LABELS: Record<Arch, string> = { mlp: 'MLP (dense layers)', cnn: 'CNN (conv layers, then dense)' };

export const ACTIVATION_LABELS: Record<Activation, string> = { relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', linear: 'Linear' };

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = { adam: 'Adam', sgd: 'SGD', momentum: 'SGD + momentum 0.9' };

export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export const BACKEND_CHOICE_LABELS: Record<BackendChoice, string> = { auto: 'Auto (fastest measured)', ...BACKEND_LABELS };

export const PRUNE_MODE_LABELS: Record<PruneMode, string> = { threshold: 'Threshold θ', sparsity: 'Target sparsity', std: 'Han: q · std per layer' };

export const PRUNE_SCOPE_LABELS: Record<PruneScope, string> = { layer: 'Per layer', global: 'Global (one cut)' };

export const IMPORTANCE_LABELS: Record<Importance, string> = {
  l1: 'L1 norm of incoming weights',
  l2: 'L2 norm of incoming weights',
  activation: 'Mean |activation|',
  taylor: 'Taylor |∂L/∂z · z|',
  random: 'Random (control)',
};

export const SCHEDULE_LABELS: Record<ScheduleKind, string> = { off: 'Off', poly: 'Polynomial (Zhu & Gupta)' };

export const LOTTERY_LABELS: Record<LotteryMode, string> = { off: 'Off', rewind: 'Rewind to initial weights', random: 'Random re-init (control)' };

export const PENALTY_LABELS: Record<PenaltyKind, string> = { none: 'None', l1: 'L1 (lasso)', l2: 'L2 (weight decay)', elastic: 'Elastic net (L1 + L2)' };
