import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store';

const StoreContext = createContext<AppStore | null>(null);

/** Makes `store` available to {@link useAppStore} and {@link useAppStoreApi} below it. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }): ReactNode {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store object itself (for actions and the snapshot ref, which need no re-render). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore must be used inside <StoreProvider>.');
  return store;
}

/**
 * Selects from the app store and re-renders when the selection changes
 * (`Object.is`). Wrap selectors that build objects or arrays in `useShallow`.
 */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
