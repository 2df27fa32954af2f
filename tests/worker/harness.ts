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

/** A posted message of one type. */
export type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** The messages of `type` in `got`, from index `from` on. */
export const all = <T extends FromWorker['type']>(got: FromWorker[], type: T, from = 0): Msg<T>[] =>
  got.slice(from).filter((m): m is Msg<T> => m.type === type);

/** Resolves once `ok()` holds, polling every 5 ms; throws after `ms`. */
export async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A synthetic MNIST asset: 10,000 images whose ink mostly depends on the label. */
export function mnistAsset(): ArrayBuffer {
  const count = 10_000;
  const bytes = new Uint8Array(8 + count * 785);
  bytes.set([77, 78, 83, 84]);
  new DataView(bytes.buffer).setUint32(4, count, true);
  for (let i = 0; i < count; i++) {
    const label = (i * 7) % 10;
    // One image in three is inked as another digit: some test digits stay misclassified.
    const inked = i % 3 === 0 ? (label + 1) % 10 : label;
    for (let p = 0; p < 784; p++) bytes[8 + i * 784 + p] = (p * 13 + i) % 97 === 0 || (p >> 4) % 10 === inked ? (p * 31 + i) % 256 : 0;
    bytes[8 + count * 784 + i] = label;
  }
  return bytes.buffer;
}
