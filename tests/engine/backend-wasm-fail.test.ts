import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { activateBackend } from '../../src/engine/backend';

// Its own file (own process): a failed wasm init cannot be retried in the same process.
it('wasm with unreachable binaries: the real reason, where it looked, and cpu stays active', async () => {
  await activateBackend('cpu');
  await expect(activateBackend('wasm', { wasmPaths: '/nonexistent/dir/' })).rejects.toThrow(
    /^WASM: initialisation failed: Make sure the server can serve the `\.wasm` file.*\(binaries looked up at "\/nonexistent\/dir\/"\)$/,
  );
  expect(tf.getBackend()).toBe('cpu');
  // tfjs-backend-wasm cannot retry in the same page: say so instead of hanging or blaming setWasmPaths.
  await expect(activateBackend('wasm')).rejects.toThrow(/^WASM failed earlier in this page and cannot be retried without a reload: Make sure/);
  expect(tf.getBackend()).toBe('cpu');
  expect(tf.tidy(() => tf.mul(tf.scalar(2), tf.scalar(3)).dataSync()[0])).toBe(6);
});
