// Fast-refresh preamble as a module (the inline one Vite injects is blocked by our CSP); empty in builds.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBridge, workerTransport } from '../state/bridge';
import { attachOwnData, browserStorage, withStoredPoints } from '../state/ownData';
import { attachPersistence, loadSession, readSession, startState, type StorageNotice } from '../state/persist';
import { createAppStore } from '../state/store';
import { StoreProvider } from '../state/useAppStore';
import { registerServiceWorker } from '../ui/modelio/offline';
import { startUrlSync } from '../state/urlSync';
import { App } from './App';
import './styles.css';

/** Start-up: URL (or, with an empty hash, the stored session) → store → worker bridge → URL sync → React. */
function start(): void {
  const storage = browserStorage();
  // A non-empty hash wins; an empty one restores the last experiment. Pins come back either way (persist.ts).
  const stored = loadSession(readSession(storage));
  const { config, page, rejected, pins, notice } = startState(window.location.hash, stored);
  // A link naming custom data without its points (a large set) gets them from this browser's storage.
  let pointsNotice: StorageNotice | null = null;
  const withPoints = withStoredPoints(config, storage, (n) => (pointsNotice = n));
  const store = createAppStore(withPoints, rejected, page, { pinned: pins, storageNotice: notice ?? pointsNotice });
  attachOwnData(store, storage);
  attachPersistence(store, storage, window, notice === 'newer');
  const worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const assetBaseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
  connectBridge(store, workerTransport(worker), assetBaseUrl);
  startUrlSync(store);
  // End-to-end tests read the store's state (series, run, config) through this hook; the app never uses it.
  (window as unknown as { __playground: unknown }).__playground = { store };
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}

start();
// Offline after the first visit (public/sw.js); dev builds keep the network only.
if (import.meta.env.PROD) registerServiceWorker();
