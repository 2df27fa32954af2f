import type { ReactNode } from 'react';
import type { ConfigKey } from '../../state/page';
import { useT } from '../i18n';
import { useControlAccess, type ControlKeys } from './visibility';
import './classroom.css';

/** A small padlock, drawn (an emoji may be missing from a classroom PC's fonts). */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/**
 * Shows a control as the classroom link says: nothing at all when its keys
 * are hidden (absent from the page, not merely disabled), and inside a
 * disabled fieldset with a padlock when a key it sets is locked (every input,
 * select and button in it is then disabled by the browser). `alsoSets`: other
 * keys the control changes (locked if any of them is).
 */
export function ControlGate({ control, alsoSets, children }: { control: ControlKeys | undefined; alsoSets?: readonly ConfigKey[]; children: ReactNode }) {
  const t = useT();
  const { hidden, locked } = useControlAccess(control, alsoSets);
  if (hidden) return null;
  if (!locked) return children;
  return (
    <fieldset className="control-gate" disabled data-locked="true" title={t('classroom.lock.title')}>
      <legend className="lock-mark">
        <LockIcon /> {t('classroom.lock.mark')}
      </legend>
      {children}
    </fieldset>
  );
}

/** A card or sub-group of the settings panel: left out entirely when every one of `controls` is hidden, so no empty heading shows. */
export function SectionGate({ controls, children }: { controls: readonly ConfigKey[]; children: ReactNode }) {
  const { hidden } = useControlAccess(controls);
  return hidden ? null : children;
}
