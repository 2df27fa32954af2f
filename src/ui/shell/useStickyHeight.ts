import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps `--chrome-h` on the app root equal to the height of its sticky
 * header and step bar (`.chrome`, which wraps differently with the width,
 * the language and presenter mode), so the workspace below fills exactly the
 * rest of the screen and anchors scroll to just under it.
 */
export function useStickyHeight(root: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const app = root.current;
    const chrome = app?.querySelector<HTMLElement>('.chrome');
    if (app == null || chrome == null) return;
    const measure = (): void => app.style.setProperty('--chrome-h', `${Math.ceil(chrome.getBoundingClientRect().height)}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(chrome);
    return () => observer.disconnect();
  }, [root]);
}
