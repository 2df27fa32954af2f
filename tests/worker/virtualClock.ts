import type { Clock, Nap } from '../../src/worker/clock';

/**
 * A virtual clock for tests: time moves only when the worker sleeps (each
 * sleep advances it by its length and resolves on the next turn of the event
 * loop), or when the test calls {@link VirtualClock.advance}. Training and
 * evaluation take no virtual time, so paced step counts are exact.
 */
export class VirtualClock implements Clock {
  private t = 0;

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number): Nap {
    let resolve: () => void = () => undefined;
    let woken = false;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    const start = this.t;
    setImmediate(() => {
      if (woken) return;
      // A wake in between ends the nap early, at the time it was woken.
      this.t = Math.max(this.t, start + Math.max(0, ms));
      resolve();
    });
    return {
      done,
      wake: () => {
        woken = true;
        resolve();
      },
    };
  }
}

/**
 * A clock whose naps never end by themselves: only a message to the host
 * (which wakes the nap) ends one. A test that passes with it proves the host
 * answered by waking the wait, not by a timer running out. Time moves only by
 * {@link FrozenClock.advance}.
 */
export class FrozenClock implements Clock {
  private t = 0;
  /** Naps started so far. */
  naps = 0;

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  sleep(): Nap {
    this.naps++;
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    return { done, wake: () => resolve() };
  }
}
