import { useCallback, useSyncExternalStore } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import type { ViewState } from '../../state/view';

/**
 * One field of the latest model view (`store.view`), re-rendering only when
 * that field's object changes: `mergeView` keeps a field's object until the
 * worker sends a new one, so the confusion matrix re-renders per evaluation,
 * not per snapshot. For small DOM parts; canvases subscribe directly.
 */
export function useViewField<K extends Exclude<keyof ViewState, 'runId' | 'step'>>(key: K): NonNullable<ViewState[K]> | null {
  const store = useAppStoreApi();
  const subscribe = useCallback((onChange: () => void) => store.view.subscribe(() => onChange()), [store]);
  return useSyncExternalStore(subscribe, () => store.view.get()?.[key] ?? null);
}
