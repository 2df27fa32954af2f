/**
 * The gradual pruning schedule of Zhu & Gupta 2017 as TF-MOT implements it
 * (`PolynomialDecay`). Plain JS, no tfjs.
 */
import type { PolySchedule } from './types';

/**
 * Target sparsity at `step`: p = clip((step − begin)/(end − begin), 0, 1)
 * (end ≤ begin: p = 1 from begin on, else 0), s = final + (initial − final)·(1 − p)^power.
 * PolynomialDecay(0.2, 0.8, 100, 110, power 3) gives 0.2 / 0.4928 / 0.725 / 0.8 at 100 / 102 / 105 / 110.
 */
export function polynomialSparsity(s: PolySchedule, step: number): number {
  const p = s.endStep <= s.beginStep ? (step >= s.beginStep ? 1 : 0) : Math.min(Math.max((step - s.beginStep) / (s.endStep - s.beginStep), 0), 1);
  return s.finalSparsity + (s.initialSparsity - s.finalSparsity) * (1 - p) ** s.power;
}

/** The mask update period, at least 1. */
function period(s: PolySchedule): number {
  return Math.max(1, Math.floor(s.frequency));
}

/**
 * TF-MOT `_should_prune_in_step`: begin ≤ step ≤ end and (step − begin) mod frequency = 0.
 * With frequency 100 and end < begin + 100, only `begin` itself qualifies (a classic trap: nothing past the first step).
 */
export function isPruningStep(s: PolySchedule, step: number): boolean {
  return step >= s.beginStep && step <= s.endStep && (step - s.beginStep) % period(s) === 0;
}

/** The smallest pruning step ≥ `step`, or null when no pruning step is left. */
export function nextPruningStep(s: PolySchedule, step: number): number | null {
  const f = period(s);
  const next = step <= s.beginStep ? s.beginStep : s.beginStep + Math.ceil((step - s.beginStep) / f) * f;
  return next <= s.endStep ? next : null;
}

/** A PolySchedule (power 3, as in Zhu & Gupta) from the config's flat keys. */
export function scheduleFromConfig(c: { s_init: number; s_final: number; s_begin: number; s_end: number; s_freq: number }): PolySchedule {
  return { initialSparsity: c.s_init, finalSparsity: c.s_final, beginStep: c.s_begin, endStep: c.s_end, frequency: c.s_freq, power: 3 };
}
