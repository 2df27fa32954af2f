import { useSyncExternalStore } from 'react';

/**
 * Offline use: registers the service worker (public/sw.js, production builds
 * only) and tells the page when the app and the MNIST asset are cached.
 *
 * `unsupported`: no service workers here (or a dev build); `pending`: the
 * worker is installing (precaching); `ready`: a worker is active, so its
 * precache is complete and a reload works without the network; `failed`: the
 * registration was refused (e.g. storage blocked). `ready` is also written to
 * `<html data-offline-ready="true">` for tests and styling.
 */
export type OfflineState = 'unsupported' | 'pending' | 'ready' | 'failed';

let state: OfflineState = 'unsupported';
const listeners = new Set<() => void>();

function setState(next: OfflineState): void {
  if (state === next) return;
  state = next;
  if (next === 'ready') document.documentElement.dataset.offlineReady = 'true';
  for (const listener of listeners) listener();
}

/**
 * Registers `scriptUrl` (relative to the page) as the service worker of the
 * app's directory once the page has loaded, so its precache does not compete
 * with the start-up. A page already controlled by a worker registers nothing:
 * the browser checks sw.js for a new build on every navigation by itself, and
 * offline that check would only fail. Never throws and never logs an error.
 */
export function registerServiceWorker(scriptUrl = 'sw.js'): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const container = navigator.serviceWorker;
  setState('pending');
  void container.ready.then(() => setState('ready'));
  if (container.controller !== null) return;
  const register = (): void => {
    container.register(new URL(scriptUrl, document.baseURI)).catch(() => setState('failed'));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The offline state; re-renders when it changes. */
export function useOfflineState(): OfflineState {
  return useSyncExternalStore(subscribe, () => state);
}
