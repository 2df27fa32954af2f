/**
 * Plain-data types of pruning, shared by engine, protocol, worker and UI.
 * Imports nothing, so the main thread may import it.
 */

/**
 * How the unstructured (weight) mask is chosen by hand:
 * `threshold`: |w| < θ is pruned (one θ for every layer);
 * `sparsity`: the smallest fraction s of |w| is pruned (per layer or global, see {@link PruneScope});
 * `std`: Han et al. 2015, per layer θ_ℓ = q · std(W_ℓ).
 */
export type PruneMode = 'threshold' | 'sparsity' | 'std';
export const PRUNE_MODES: readonly PruneMode[] = ['threshold', 'sparsity', 'std'];

/** Target sparsity per layer (each kernel hits s) or global (one cut over all kernels). */
export type PruneScope = 'layer' | 'global';
export const PRUNE_SCOPES: readonly PruneScope[] = ['layer', 'global'];

/**
 * Neuron importance for structured pruning: L1 / L2 norm of the neuron's
 * incoming weights (its kernel column), mean |activation| on a data batch,
 * Taylor |mean(∂L/∂z · z)| (Molchanov 2017), or random (the control).
 */
export type Importance = 'l1' | 'l2' | 'activation' | 'taylor' | 'random';
export const IMPORTANCES: readonly Importance[] = ['l1', 'l2', 'activation', 'taylor', 'random'];

/** Gradual pruning: off, or the Zhu & Gupta / TF-MOT polynomial schedule. */
export type ScheduleKind = 'off' | 'poly';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['off', 'poly'];

/** Iterative pruning (lottery ticket): off, rewind survivors to their initial values, or re-initialise them randomly (the control). */
export type LotteryMode = 'off' | 'rewind' | 'random';
export const LOTTERY_MODES: readonly LotteryMode[] = ['off', 'rewind', 'random'];

/** TF-MOT `PolynomialDecay`: s = final + (initial − final)(1 − p)^power, p = clip((step − begin)/(end − begin), 0, 1). */
export interface PolySchedule {
  initialSparsity: number;
  finalSparsity: number;
  beginStep: number;
  endStep: number;
  /** The mask updates only at steps with (step − begin) mod frequency = 0, begin ≤ step ≤ end. */
  frequency: number;
  /** 3 in Zhu & Gupta. */
  power: number;
}

/**
 * The masks the training session applies to one dense layer: 1 = kept, 0 = pruned;
 * `kernel` row-major [inDim × outDim] like the kernel, `bias` [outDim]; null = all kept.
 */
export interface LayerMask {
  kernel: Uint8Array | null;
  bias: Uint8Array | null;
}

/** Size and cost of a model (dense kernels: unstructured zeros do not reduce these). */
export interface ModelCost {
  /** Hidden widths, input side first (a CNN's conv filters, then its dense widths). */
  hidden: number[];
  /** Kernels + biases. */
  params: number;
  /** Dense forward FLOPs per sample (2·in·out·positions per layer; positions = a conv layer's output map size, 1 for dense). */
  flops: number;
  /** params × 4 (float32). */
  bytes: number;
}
