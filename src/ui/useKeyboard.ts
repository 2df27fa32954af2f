import { useEffect } from 'react';
import { useAppStoreApi } from '../state/useAppStore';
import { setHelpOpen } from './classroom/helpState';

/** Whether a key press aimed at `target` belongs to it (typing, a select, a button's own space). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // An open dialog (share, classroom link, help) keeps its keys; Esc closes it natively.
  if (target.closest('dialog') !== null) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    // Sliders and checkboxes take no letters, but space toggles a checkbox.
    return !(type === 'range' || type === 'checkbox') || key === ' ';
  }
  // Space on a focused button presses that button.
  return key === ' ' && (tag === 'BUTTON' || tag === 'SUMMARY' || target.getAttribute('role') === 'button');
}

/**
 * Keyboard shortcuts: space play/pause, `s` one step, `r` reset, `p`
 * presenter mode on/off, `?` the shortcut help — not while typing in a field
 * or inside a dialog. None changes an experiment key, so a classroom link's
 * locks hold.
 */
export function useKeyboardShortcuts(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || ownsKey(e.target, e.key)) return;
      const actions = store.getState();
      if (e.key === ' ') actions.togglePlay();
      else if (e.key === 's' || e.key === 'S') actions.stepOnce();
      else if (e.key === 'r' || e.key === 'R') actions.reset();
      else if (e.key === 'p' || e.key === 'P') actions.setPage('present', actions.page.present === 1 ? 0 : 1);
      else if (e.key === '?') setHelpOpen(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
