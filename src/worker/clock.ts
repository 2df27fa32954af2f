/**
 * Time for the worker's pacing, passed in so tests can run the real host on a
 * virtual clock (no timing thresholds): the speed limit, the throughput meter
 * and the freshness of the test figures read `now()`; the training loop waits
 * with `sleep()`, a timer that any message can cut short (pause, a new speed),
 * never a busy loop.
 */
import { now } from './serial';

/** A wait that can end early. */
export interface Nap {
  /** Resolves when the time is up or {@link Nap.wake} was called. */
  readonly done: Promise<void>;
  /** Ends the wait now (idempotent). */
  wake(): void;
}

export interface Clock {
  /** Milliseconds since an arbitrary origin, monotonic. */
  now(): number;
  /** Waits `ms` milliseconds (by a timer). */
  sleep(ms: number): Nap;
}

/** The real clock: performance.now() and setTimeout. */
export const realClock: Clock = {
  now,
  sleep(ms) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => {
      resolve = r;
      timer = setTimeout(r, Math.max(0, ms));
    });
    return {
      done,
      wake() {
        clearTimeout(timer);
        resolve();
      },
    };
  },
};
