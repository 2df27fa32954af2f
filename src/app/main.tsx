// Fast-refresh preamble as a module (the inline one Vite injects is blocked by our CSP); empty in builds.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBridge, workerTransport } from '../state/bridge';
import { attachOwnData, browserStorage, withStoredPoints } from '../state/ownData';
import { createAppStore } from '../state/store';
import { StoreProvider } from '../state/useAppStore';
import { parseHash } from '../state/urlCodec';
import { registerServiceWorker } from '../ui/modelio/offline';
import { startUrlSync } from '../state/urlSync';
import { App } from './App';
import './styles.css';

/** Start-up: URL → store → worker bridge → URL sync → React. */
function start(): void {
  const { config, page, rejected } = parseHash(window.location.hash);
  // A link naming custom data without its points (a large set) gets them from this browser's storage.
  const storage = browserStorage();
  const store = createAppStore(withStoredPoints(config, storage), rejected, page);
  attachOwnData(store, storage);
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
