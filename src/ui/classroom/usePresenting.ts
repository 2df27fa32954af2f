import { useLayoutEffect } from 'react';
import { useAppStore } from '../../state/useAppStore';

/** Whether presenter mode is on (`present=1`): App adds the `presenter` class that presenter.css scopes under. */
export function usePresenting(): boolean {
  return useAppStore((s) => s.page.present === 1);
}

/** The class on `<html>` while presenting: presenter.css enlarges the root font size under it. */
const PRESENTING_ROOT_CLASS = 'presenting';

/**
 * Puts {@link PRESENTING_ROOT_CLASS} on `<html>` while presenting. A class, not
 * `:root:has(.app.presenter)`: a `:has()` on the root made every DOM change
 * anywhere in the page (each chart tick, each metric) re-check the root's style.
 */
export function usePresentingRootClass(presenting: boolean): void {
  // Before the first paint, so a present=1 link never flashes at the normal size.
  useLayoutEffect(() => {
    document.documentElement.classList.toggle(PRESENTING_ROOT_CLASS, presenting);
    return () => document.documentElement.classList.remove(PRESENTING_ROOT_CLASS);
  }, [presenting]);
}
