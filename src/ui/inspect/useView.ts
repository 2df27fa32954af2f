import { useCallback, useRef, useSyncExternalStore, type RefObject } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import type { ViewState } from '../../state/view';
import { subscribeVisible } from '../subscribeVisible';

type ViewField = Exclude<keyof ViewState, 'runId' | 'step'>;

/**
 * One field of the latest model view (`store.view`), re-rendering only when
 * that field's object changes (`mergeView` keeps a field's object until the
 * worker sends a new one, so the confusion matrix re-renders per evaluation,
 * not per snapshot) and only while `within` (the card) is on screen: an
 * off-screen card keeps its last picture and catches up when scrolled to.
 * For small DOM parts; canvases subscribe directly.
 */
export function useViewField<K extends ViewField>(key: K, within: RefObject<Element | null>): NonNullable<ViewState[K]> | null {
  const store = useAppStoreApi();
  const shown = useRef<NonNullable<ViewState[K]> | null>(store.view.get()?.[key] ?? null);
  const subscribe = useCallback(
    (onChange: () => void) =>
      subscribeVisible(within.current, store.view, (view) => {
        const next = (view?.[key] ?? null) as NonNullable<ViewState[K]> | null;
        if (next === shown.current) return;
        shown.current = next;
        onChange();
      }),
    [store, key, within],
  );
  return useSyncExternalStore(subscribe, () => shown.current);
}
