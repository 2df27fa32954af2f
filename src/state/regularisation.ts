import type { ExperimentConfig, PenaltyKind } from '../protocol/config';
import type { FromWorker, JobKind, LambdaSweepResult, RegPruneResult } from '../protocol/messages';

/**
 * The regularisation slice of the app state: the worker's long actions (the
 * λ sweep and regularise-then-prune) and their results. Kept across hot
 * changes (λ, dropout, …), cleared by a new run.
 */
export interface RegularisationState {
  /** The running job: `done` of `total` units, `label` saying what runs now; null when none runs. */
  job: { kind: JobKind; done: number; total: number; label: string } | null;
  /** The latest λ sweep of this run. */
  lambdaSweep: LambdaSweepResult | null;
  /** The latest regularise-then-prune experiment of this run. */
  regPrune: RegPruneResult | null;
  /** Why the last job ended early (cancelled, or failed: the worker's reason); null when it finished or none ran. */
  jobMessage: string | null;
}

/** The regularisation slice of a fresh run: no job, no results. */
export function freshRegularisation(): RegularisationState {
  return { job: null, lambdaSweep: null, regPrune: null, jobMessage: null };
}

/** The job a start action shows until the worker's first progress message. */
export function startingJob(kind: JobKind): NonNullable<RegularisationState['job']> {
  return { kind, done: 0, total: 0, label: 'Starting…' };
}

/**
 * The penalty kinds of the UI: none (λ₁ = λ₂ = 0), L1 (λ₁ only), L2 (λ₂ only),
 * elastic net (both; the λ slider sets λ₁ = λ₂ = λ).
 */
export const PENALTY_KINDS: readonly PenaltyKind[] = ['none', 'l1', 'l2', 'elastic'];
export type { PenaltyKind };

/** λ a penalty starts from when it is switched on from none (a mild penalty for the toy networks). */
export const DEFAULT_LAMBDA = 0.001;

/** Which penalty `config` applies: elastic when λ₁ and λ₂ are both on, else the one that is, else none. */
export function penaltyKindOf(config: Pick<ExperimentConfig, 'l1' | 'l2'>): PenaltyKind {
  if (config.l1 > 0 && config.l2 > 0) return 'elastic';
  if (config.l1 > 0) return 'l1';
  if (config.l2 > 0) return 'l2';
  return 'none';
}

/** The λ the UI shows for `config`'s penalty: λ₁ for L1 and elastic net, λ₂ for L2, 0 for none. */
export function penaltyLambdaOf(config: Pick<ExperimentConfig, 'l1' | 'l2'>): number {
  const kind = penaltyKindOf(config);
  return kind === 'l2' ? config.l2 : kind === 'none' ? 0 : config.l1;
}

/**
 * Applies a job message (`job`, `lambdaSweep`, `regPrune`) to the slice; the
 * caller has checked the runId. `job` with `finished` or `cancelled` ends the
 * job; a cancelled one with a label keeps it as `jobMessage`. Other messages
 * return the slice unchanged.
 */
export function reduceRegularisation(state: RegularisationState, msg: FromWorker): RegularisationState {
  switch (msg.type) {
    case 'job': {
      if (msg.cancelled === true) return { ...state, job: null, jobMessage: msg.label !== '' ? msg.label : null };
      if (msg.finished === true) return { ...state, job: null, jobMessage: null };
      return { ...state, job: { kind: msg.job, done: msg.done, total: msg.total, label: msg.label } };
    }
    case 'lambdaSweep':
      return { ...state, lambdaSweep: msg.result };
    case 'regPrune':
      return { ...state, regPrune: msg.result };
    case 'error':
      // The run failed: no job is running any more.
      return state.job === null ? state : { ...state, job: null };
    default:
      return state;
  }
}
