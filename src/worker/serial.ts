/**
 * Ordering helpers for the worker. Everything that touches the session (a
 * training burst, an evaluation, a rebuild, a hot change) runs through one
 * {@link Serial} queue, so a rebuild never disposes tensors under a burst that
 * is still awaiting its read-back.
 */

/** A FIFO of async tasks: each starts when the previous one has settled. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its result. A failed task does not block the queue. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const waiting: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => waiting.shift()?.();
  // In Node (unit tests) an open port would keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
}

/**
 * Lets the worker's message queue run (pause, configure) before the next burst.
 * A MessageChannel round trip, not `setTimeout(0)`: nested timeouts are clamped
 * to 4 ms, which would cost a tiny network a large share of its time. In Node
 * (unit tests) `setImmediate`, which lets timers run between bursts.
 */
export function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    if (!channel) {
      setTimeout(resolve, 0);
      return;
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** Milliseconds since an arbitrary origin, monotonic. */
export const now = (): number => performance.now();

/** The message of any thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
