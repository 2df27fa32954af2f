import type { FromWorker } from '../../src/protocol/messages';
import { TrainingHost } from '../../src/worker/host';

/**
 * A training host in Node (tfjs cpu backend) whose posts are recorded: each
 * message in `got`, its time (performance.now) in `at`, its transfer list in
 * `transfers`. Already initialised.
 */
export function setup() {
  const got: FromWorker[] = [];
  const at: number[] = [];
  const transfers: Transferable[][] = [];
  const host = new TrainingHost((m, t) => {
    got.push(m);
    at.push(performance.now());
    transfers.push(t ?? []);
  }, {});
  host.handle({ type: 'init', assetBaseUrl: 'http://localhost/' });
  return { host, got, at, transfers };
}
