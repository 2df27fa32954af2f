import { useShallow } from 'zustand/react/shallow';
import { lessonById } from '../../state/lessons';
import { isHidden, isLocked, type ConfigKey, type PageConfig } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { CONFIG_KEYS } from '../../state/urlCodec';

/** How the page shows a control: absent (`hidden`), or shown but not changeable (`locked`). */
export interface ControlAccess {
  hidden: boolean;
  locked: boolean;
}

/** One key or several (a control that sets several keys at once, e.g. the penalty kind sets λ₁ and λ₂). */
export type ControlKeys = ConfigKey | readonly ConfigKey[];

const asList = (keys: ControlKeys): readonly ConfigKey[] => (typeof keys === 'string' ? [keys] : keys);

/**
 * How the page shows a control for `keys`: hidden when every key is hidden
 * (by the link's `hide`, or by presenter mode with a lesson open that does not
 * use it), locked when any of `keys` or `alsoSets` (other keys the control
 * changes) is locked by the link. No keys: neither.
 */
export function accessOf(page: PageConfig, keys: ControlKeys, alsoSets: readonly ConfigKey[] = []): ControlAccess {
  const list = asList(keys);
  if (list.length === 0) return { hidden: false, locked: false };
  const lessonControls = page.lesson === '' ? undefined : lessonById(page.lesson)?.controls;
  return {
    hidden: list.every((key) => isHidden(page, key, lessonControls)),
    locked: [...list, ...alsoSets].some((key) => isLocked(page, key)),
  };
}

/** {@link accessOf} for the current page; re-renders only when the answer changes. */
export function useControlAccess(keys: ControlKeys | undefined, alsoSets?: readonly ConfigKey[]): ControlAccess {
  return useAppStore(useShallow((s) => (keys === undefined ? { hidden: false, locked: false } : accessOf(s.page, keys, alsoSets))));
}

/** The URL key a control's test id names (`control-lr` → `lr`), or undefined for other ids (`control-penalty`). */
export function controlKeyOf(testId: string): ConfigKey | undefined {
  const key = testId.startsWith('control-') ? testId.slice('control-'.length) : '';
  return (CONFIG_KEYS as readonly string[]).includes(key) ? (key as ConfigKey) : undefined;
}
