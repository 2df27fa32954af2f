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

export const ACTIVATION_LABELS: Record<Activation, string> = { relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid', linear: 'Linear' };

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = { adam: 'Adam', sgd: 'SGD', momentum: 'SGD + momentum 0.9' };

export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export const BACKEND_CHOICE_LABELS: Record<BackendChoice, string> = { auto: 'Auto (fastest measured)', ...BACKEND_LABELS };
