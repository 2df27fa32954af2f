import type { AppStore } from './store';
import { formatHash, parseHash } from './urlCodec';

/** Debounce of URL writes, ms: a dragged slider writes once it settles, and history is not flooded. */
const WRITE_DELAY_MS = 250;

/** The bits of `window` URL sync needs; injectable for tests. */
export interface UrlHost {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

/**
 * Keeps the location hash and the store's config in step: writes the config
 * with `history.replaceState` (debounced; no history entries), and applies a
 * hash the user pastes or edits (`hashchange`), with a notice for rejected keys
 * (a lesson link without settings, `#lesson=magnitude`, opens the lesson's
 * preset paused, with fresh weights, as the lesson's Start does).
 * Start-up parsing happens before the store exists (see `main.tsx`); this then
 * writes the normalised hash at once. Returns a function that stops syncing.
 */
export function startUrlSync(store: AppStore, host: UrlHost = window): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (): void => {
    timer = undefined;
    const { config, page } = store.getState();
    const hash = formatHash(config, page);
    if (host.location.hash !== hash) host.history.replaceState(null, '', `${host.location.pathname}${host.location.search}${hash}`);
  };
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.config === prev.config && state.page === prev.page) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  });
  const onHashChange = (): void => {
    const state = store.getState();
    if (host.location.hash === formatHash(state.config, state.page)) return;
    const { config, page, rejected, fromLesson } = parseHash(host.location.hash);
    // A bare lesson link opens the lesson as its Start button does: paused, fresh weights.
    if (fromLesson && state.run.playing) state.pause();
    const runId = store.getState().run.runId;
    store.getState().replaceConfig(config, rejected, page);
    const after = store.getState();
    if (fromLesson && after.run.runId === runId && after.run.step > 0) after.reset();
  };
  host.addEventListener('hashchange', onHashChange);
  write();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    host.removeEventListener('hashchange', onHashChange);
  };
}
