import { useEffect, useRef, useState } from 'react';

/**
 * Delays behind a metrics message at which each recharts chart redraws, ms.
 * Metrics arrive every ~200 ms and each recharts redraw costs 10–17 ms of main
 * thread, so every chart gets its own slot: no two redraws share one task.
 * The loss chart redraws at once (deferred render).
 */
export const STAGGER_MS = {
  sparsity: 50,
  accuracy: 100,
  sweep: 140,
  schedule: 170,
} as const;

/** `value`, at most `delayMs` late: a change schedules one update, which takes the latest value then. */
export function useLagged<T>(value: T, delayMs: number): T {
  const [lagged, setLagged] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    latest.current = value;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setLagged(latest.current);
    }, delayMs);
  }, [value, delayMs]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );
  return lagged;
}

/**
 * `next` when it differs from the previous result by `same`, else the previous
 * result itself, so a memoised chart skips a redraw when its data did not change.
 */
export function useStable<T>(next: T, same: (a: T, b: T) => boolean): T {
  const prev = useRef(next);
  if (prev.current !== next && !same(prev.current, next)) prev.current = next;
  return prev.current;
}
