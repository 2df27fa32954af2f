import type { PruneScope } from '../engine/prune/types';
import type { LotteryRow, MeasuredCost, ModelStats, SweepPoint } from '../protocol/messages';

/**
 * The pruning slice of the app state: what the worker reported about the
 * current model's sparsity and cost, and the results of the one-off actions
 * (sweep, compact) and of the lottery-ticket rounds.
 */
export interface PruningState {
  /** The current model's cost and sparsity (latest metrics message); null before the first one of the run. */
  model: ModelStats | null;
  /**
   * The latest accuracy-vs-sparsity sweep of this run, pruned per layer or
   * globally as the slider's `scope` was when it ran; kept while the network
   * fine-tunes, cleared by a new run.
   */
  sweep: { step: number; scope: PruneScope; points: SweepPoint[] } | null;
  /** A sweep was asked for and has not come back yet. */
  sweeping: boolean;
  /** The latest compaction's before/after figures; cleared by a new run. */
  compaction: { step: number; before: MeasuredCost; after: MeasuredCost } | null;
  /** A compaction was asked for and has not come back yet. */
  compacting: boolean;
  /** The lottery table of the current run. */
  lottery: { rows: LotteryRow[]; done: boolean };
  /**
   * Finished lottery tables of earlier runs of the same network (network.ts `sameNetwork`),
   * latest per mode (rewind, random): the winning ticket beside its control.
   */
  lotteryHistory: LotteryRow[][];
}

/** The pruning slice of a fresh run. `lotteryHistory` carries over when given. */
export function freshPruning(lotteryHistory: LotteryRow[][] = []): PruningState {
  return { model: null, sweep: null, sweeping: false, compaction: null, compacting: false, lottery: { rows: [], done: false }, lotteryHistory };
}

/**
 * The lottery history a new run starts with: the previous run's history plus
 * its table if that table finished, keeping the latest finished table per mode
 * (rewind beside random, the control). Empty when the network changed
 * (dataset, hidden layers, or a CNN's conv stack): the tables would no longer compare like with like.
 */
export function carryLotteryHistory(previous: PruningState, sameModel: boolean): LotteryRow[][] {
  if (!sameModel) return [];
  const { rows, done } = previous.lottery;
  if (!done || rows.length === 0) return previous.lotteryHistory;
  const mode = rows[0].mode;
  return [...previous.lotteryHistory.filter((table) => table[0]?.mode !== mode), rows];
}

/** The fraction of kernel weights exactly zero, Σ zeros / Σ totals; null before the first stats (or with no weights). */
export function sparsityOf(model: ModelStats | null): number | null {
  if (model === null) return null;
  const total = model.layerTotals.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return model.layerZeros.reduce((a, b) => a + b, 0) / total;
}

/** Kernel weights not exactly zero, Σ (totals − zeros); null before the first stats. */
export function nonzeroOf(model: ModelStats | null): number | null {
  if (model === null) return null;
  return model.layerTotals.reduce((sum, total, i) => sum + total - (model.layerZeros[i] ?? 0), 0);
}
