import { useSyncExternalStore } from 'react';

/**
 * Whether the keyboard-shortcut help is open: a page-local flag (not in the
 * URL), set by the `?` key (ui/useKeyboard.ts) and the header's `?` button.
 */
let open = false;
const listeners = new Set<() => void>();

export function setHelpOpen(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The help flag; re-renders when it changes. */
export function useHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open, () => false);
}
