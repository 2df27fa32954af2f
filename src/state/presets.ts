import type { DatasetName } from '../engine/types';
import type { Arch, ExperimentConfig } from '../protocol/config';
import { imageDataset } from './network';

/**
 * Model presets: the network and how it trains, as one bundle of config keys
 * per dataset and architecture. They are the "sensible defaults" of a dataset:
 * choosing MNIST (or CNN) in the page applies them in one change, and a link
 * that leaves a key out gets the value of its dataset's preset (see
 * `parseHash` in urlCodec.ts), so `#dataset=mnist` trains LeNet-300-100 and not
 * the toy sets' 2-8-8 network with tanh, lr 0.03 and batch 10.
 *
 * Every preset sets the same keys ({@link PRESET_KEYS}) except `conv` and
 * `pool`, which only the CNN presets set (an MLP has no conv stack to choose).
 * tfjs-free.
 */

/** The config keys a model preset sets. */
export const PRESET_KEYS = ['arch', 'conv', 'pool', 'layers', 'act', 'opt', 'lr', 'batch', 'dropout'] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];

/** The keys every preset sets; `conv` and `pool` only a CNN's. */
type MlpKeys = 'arch' | 'layers' | 'act' | 'opt' | 'lr' | 'batch' | 'dropout';
/** A model preset: the network and its training recipe. */
export type ModelPreset = Readonly<Pick<ExperimentConfig, MlpKeys> & Partial<Pick<ExperimentConfig, 'conv' | 'pool'>>>;
/** A CNN preset spells out its conv stack and pooling too. */
export type CnnPreset = ModelPreset & Readonly<Pick<ExperimentConfig, 'conv' | 'pool'>>;

/**
 * The small 2-D and regression sets: 2-8-8 (or 10-8-8) with tanh, Adam at
 * 0.03, batch 10, as TensorFlow Playground. These are the URL rows' own defaults.
 */
export const TOY_PRESET: ModelPreset = { arch: 'mlp', layers: [8, 8], act: 'tanh', opt: 'adam', lr: 0.03, batch: 10, dropout: 0 };

/** MNIST as an MLP: LeNet-300-100 (784-300-100-10, 266,610 parameters), relu, Adam at 1e-3, batch 128. */
export const MNIST_PRESET: ModelPreset = { arch: 'mlp', layers: [300, 100], act: 'relu', opt: 'adam', lr: 0.001, batch: 128, dropout: 0 };

/**
 * MNIST as a CNN, small enough to train at a useful speed without a graphics
 * card: Conv 8 (5×5) → pool → Conv 16 (5×5) → pool → Flatten (4·4·16 = 256) →
 * Dense 32 → 10, relu, Adam at 0.003, batch 32: 11,978 parameters, 657,024 FLOPs
 * per digit.
 *
 * Chosen by measurement in the browser (production build, seed 1) on a 2-core
 * machine whose WebGL is SwiftShader (software), while two other people's
 * builds and browsers kept its load average at 5–8:
 *
 *   conv      dense   batch lr     params  steps/s  test accuracy
 *   8:5,16:5  32      32    0.003  11,978  2.5–2.8  94.3 % @252, 96.5 % @352, 97.2 % @502  ← this preset
 *   8:3,16:3  32      32    0.003  14,410  2.6–2.8  90.5 % @103, 95.6 % @352
 *   6:5,16:5  120,84  32    0.002  44,426  2.9–3.1  89.6 % @103, 94.3 % @351 (LeNet-5-like)
 *   8:5,16:5  32      64    0.003  11,978  1.5      94.6 % @100, 95.9 % @351
 *   16:5,32:5 64      32    0.002  46,730  1.1      89.6 % @102, 97.1 % @351
 *
 * With `backend=auto` it picked WebGL and took its first step 13–17 s after
 * the page opened. On the same machine when quiet it trained ~7 steps/s (97 %
 * at step 560, e2e/cnn.spec.ts). The old behaviour, LeNet-300-100's 300,100 and
 * batch 128 behind the classic conv stack (530,226 parameters), trained
 * 0.2–0.3 steps/s.
 */
export const MNIST_CNN_PRESET: CnnPreset = { arch: 'cnn', conv: '8:5,16:5', pool: 2, layers: [32], act: 'relu', opt: 'adam', lr: 0.003, batch: 32, dropout: 0 };

/**
 * The classic small CNN (the "Classic CNN" button): Conv 32 (3×3) → pool →
 * Conv 64 (3×3) → pool → Flatten → Dense 128 → Dropout 0.5 → 10, relu, Adam at
 * 1e-3, batch 32 (225,034 parameters, 5.3 MFLOP per digit): the first two
 * conv layers of the CNN in the source article on pattern-recognition
 * optimisation (which adds a third, of 128 filters, and Dense 512), with the
 * Dense 128 and Dropout 0.5 of Keras's MNIST example. A GPU network: the
 * benchmark measured 0.9 steps/s on software WebGL (bench/README.md).
 */
export const CLASSIC_CNN_PRESET: CnnPreset = { arch: 'cnn', conv: '32:3,64:3', pool: 2, layers: [128], act: 'relu', opt: 'adam', lr: 0.001, batch: 32, dropout: 0.5 };

/** A copy of `preset` (its `layers` array not shared), to spread into a config. */
export function presetValues(preset: ModelPreset): Partial<ExperimentConfig> {
  return { ...preset, layers: [...preset.layers] };
}

/**
 * The model preset of `dataset` with architecture `arch`: on an image dataset
 * {@link MNIST_CNN_PRESET} for a CNN and {@link MNIST_PRESET} for an MLP, on
 * any other dataset {@link TOY_PRESET} (they always train an MLP).
 */
export function modelPreset(dataset: DatasetName, arch: Arch): ModelPreset {
  if (!imageDataset(dataset)) return TOY_PRESET;
  return arch === 'cnn' ? MNIST_CNN_PRESET : MNIST_PRESET;
}

/**
 * The model settings to apply when the page switches dataset from `from` to `to`:
 * {@link MNIST_PRESET} when entering mnist, {@link TOY_PRESET} when leaving it,
 * nothing otherwise (a copy; `layers` not shared).
 */
export function presetFor(from: DatasetName, to: DatasetName): Partial<ExperimentConfig> {
  if (imageDataset(to) === imageDataset(from)) return {};
  return presetValues(modelPreset(to, 'mlp'));
}
