import type { MessageKey } from '../i18n';

/** One keyboard shortcut: the key as printed on the keycap, and what it does. */
export interface Shortcut {
  /** The key's name in the catalogue, or the key itself. */
  keyLabel: MessageKey | string;
  action: MessageKey;
}

/** The page's keyboard shortcuts (ui/useKeyboard.ts), as the help lists them. None fires while typing in a field. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keyLabel: 'classroom.key.space', action: 'classroom.help.play' },
  { keyLabel: 's', action: 'classroom.help.step' },
  { keyLabel: 'r', action: 'classroom.help.reset' },
  { keyLabel: 'p', action: 'classroom.help.presenter' },
  { keyLabel: '?', action: 'classroom.help.help' },
  { keyLabel: 'Esc', action: 'classroom.help.esc' },
];
