/** A source of latest values: `store.snapshot`, `store.view` (see state/snapshot.ts `LatestRef`). */
export interface LatestSource<T> {
  get(): T | null;
  subscribe(listener: (value: T | null) => void): () => void;
}

/**
 * Calls `listener` with the source's latest value now and on every new value
 * while `element` is on screen. Updates that arrive
 * while it is off screen are not lost: the latest is delivered as soon as it
 * scrolls back into view. Canvases below the fold then cost nothing while
 * training — on a two-core machine every redraw competes with the training
 * worker, and with a software GPU with the training itself.
 * Returns the unsubscribe function.
 */
export function subscribeVisible<T>(element: Element | null, source: LatestSource<T>, listener: (value: T | null) => void): () => void {
  let visible = true;
  let pending = false;
  const observer =
    element === null || typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            visible = entries.some((e) => e.isIntersecting);
            if (visible && pending) {
              pending = false;
              listener(source.get());
            }
          },
          { rootMargin: '0px' },
        );
  observer?.observe(element!);
  listener(source.get());
  const unsubscribe = source.subscribe((value) => {
    if (visible) listener(value);
    else pending = true;
  });
  return () => {
    unsubscribe();
    observer?.disconnect();
  };
}
