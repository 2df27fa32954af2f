import type { FromWorker, ToWorker } from '../protocol/messages';
import type { AppStore } from './store';

/** The bridge's view of the worker: post messages, hear messages and failures. A fake in tests. */
export interface WorkerTransport {
  post(msg: ToWorker): void;
  /** Registers the single message listener. */
  onMessage(listener: (msg: FromWorker) => void): void;
  /** Registers a listener for failures of the worker itself (script failed to load, uncaught error). */
  onFailure(listener: (message: string) => void): void;
  terminate(): void;
}

/**
 * Wires the store to the training worker: sends `init` and the current
 * config, forwards the store's commands (configure on every config change,
 * play, pause, step, reset; a new run started while playing is also told to
 * play), and feeds every worker message back into the
 * store, which drops those of stale runs. Returns a function that disconnects
 * and terminates the worker.
 *
 * @param assetBaseUrl absolute URL prefix of the static assets (ends with `/`).
 */
export function connectBridge(store: AppStore, transport: WorkerTransport, assetBaseUrl: string): () => void {
  transport.onMessage((msg) => store.getState().receive(msg));
  transport.onFailure((message) => {
    store.getState().receive({ type: 'error', runId: store.getState().run.runId, message: `The training worker failed: ${message}` });
  });
  let lastRunId = store.getState().run.runId;
  const unsubscribe = store.onCommand((msg) => {
    transport.post(msg);
    // A new run while the store plays: say play for it too. The worker keeps its mode across a new run,
    // but it pauses on its own when a run diverges; if that run was already stale the store dropped the
    // news, and without this the play button would say "playing" while nothing trains.
    if (msg.type === 'configure' && msg.runId !== lastRunId && store.getState().run.playing) transport.post({ type: 'play', runId: msg.runId });
    if ('runId' in msg) lastRunId = msg.runId;
  });
  transport.post({ type: 'init', assetBaseUrl });
  const { run, config } = store.getState();
  transport.post({ type: 'configure', runId: run.runId, config });
  if (run.playing) transport.post({ type: 'play', runId: run.runId });
  return () => {
    unsubscribe();
    transport.terminate();
  };
}

/** A {@link WorkerTransport} over a real `Worker`. */
export function workerTransport(worker: Worker): WorkerTransport {
  return {
    post: (msg) => worker.postMessage(msg),
    onMessage(listener) {
      worker.onmessage = (event: MessageEvent<FromWorker>) => listener(event.data);
    },
    onFailure(listener) {
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        listener(event.message || 'the worker script could not be loaded');
      };
      worker.onmessageerror = () => listener('a message from the worker could not be read');
    },
    terminate: () => worker.terminate(),
  };
}
