import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { MetricPoint } from '../../protocol/messages';
import { useAppStore } from '../../state/useAppStore';

/**
 * The step-axis charts take a new series at most this often, ms: about as
 * often as metrics arrive (every ~200 ms while training), but a burst of
 * messages (a backlog after a busy moment) costs one redraw, not one each.
 */
export const CHART_PERIOD_MS = 200;

/**
 * Delays behind a new series at which each chart redraws, ms, so that every
 * chart gets its own slot: no two redraws share one task. The loss chart
 * redraws at once (deferred render).
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

/** The live series' points for the charts: a new array at most every {@link CHART_PERIOD_MS}, rendered at low priority. */
export function useChartPoints(): MetricPoint[] {
  return useDeferredValue(useLagged(useAppStore((s) => s.series.points), CHART_PERIOD_MS));
}
