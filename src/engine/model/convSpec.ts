/**
 * The CNN's conv stack as plain data and its canonical text form (tfjs-free;
 * shared by the engine, the worker, the URL codec and the controls).
 *
 * Text: comma-separated layers, input side first, each `filters:kernel` or
 * `filters:kernel:stride` (stride 1 is not written): `32:3,64:3` is the classic
 * small CNN's Conv 32 → pool → Conv 64 → pool. Padding is 'valid' (Keras's
 * default), so a k×k kernel with stride s turns a side n into ⌊(n − k)/s⌋ + 1;
 * a pool window p then turns it into ⌊n/p⌋.
 */

/** One conv layer: `filters` output channels, a square `kernel`×`kernel` window moved by `stride`. */
export interface ConvLayerSpec {
  filters: number;
  kernel: number;
  stride: number;
}

/** Most conv layers a spec may have. */
export const MAX_CONV_LAYERS = 4;
/** Bounds of one layer's numbers. */
export const CONV_FILTERS_MAX = 256;
export const CONV_KERNEL_MAX = 7;
export const CONV_STRIDE_MAX = 3;
/** The side of the images a conv stack must fit (MNIST: 28×28). */
export const IMAGE_SIDE = 28;
/** The classic small CNN's stack: the first two conv layers of the CNN in the source article on pattern-recognition optimisation (which adds a third, of 128 filters, and Dense 512). */
export const DEFAULT_CONV = '32:3,64:3';
/** The pooling windows offered: 2 (2×2 max-pool, stride 2, after every conv) or 1 (none). */
export const POOL_SIZES: readonly number[] = [1, 2];

/** The side of the feature maps after each conv layer (and its pooling), input side first. */
export function convSides(layers: ConvLayerSpec[], side: number, pool: number): { conv: number; pooled: number }[] {
  const out: { conv: number; pooled: number }[] = [];
  let n = side;
  for (const l of layers) {
    const conv = n >= l.kernel ? Math.floor((n - l.kernel) / l.stride) + 1 : 0;
    const pooled = Math.floor(conv / pool);
    out.push({ conv, pooled });
    n = pooled;
  }
  return out;
}

/** The canonical text of a conv stack. */
export function formatConv(layers: ConvLayerSpec[]): string {
  return layers.map((l) => (l.stride === 1 ? `${l.filters}:${l.kernel}` : `${l.filters}:${l.kernel}:${l.stride}`)).join(',');
}

/**
 * Parses conv text; never throws. Rejects (with a reason a student can act on)
 * an empty stack, more than {@link MAX_CONV_LAYERS} layers, a number that is not
 * a whole number in its bounds, and a stack whose feature maps shrink below 1×1
 * on a {@link IMAGE_SIDE}² image with 2×2 pooling (the strictest pooling, so the
 * text is valid whatever `pool` is).
 */
export function parseConv(raw: string): { ok: true; value: ConvLayerSpec[] } | { ok: false; reason: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'a CNN needs at least one conv layer' };
  const parts = text.split(',');
  if (parts.length > MAX_CONV_LAYERS) return { ok: false, reason: `more than ${MAX_CONV_LAYERS} conv layers` };
  const value: ConvLayerSpec[] = [];
  for (const part of parts) {
    const m = /^(\d+)(?::(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!m) return { ok: false, reason: 'each conv layer is filters:kernel or filters:kernel:stride, e.g. 32:3' };
    const filters = Number(m[1]);
    const kernel = m[2] === undefined ? 3 : Number(m[2]);
    const stride = m[3] === undefined ? 1 : Number(m[3]);
    if (filters < 1 || filters > CONV_FILTERS_MAX) return { ok: false, reason: `filters must be 1–${CONV_FILTERS_MAX}` };
    if (kernel < 1 || kernel > CONV_KERNEL_MAX) return { ok: false, reason: `kernel must be 1–${CONV_KERNEL_MAX}` };
    if (stride < 1 || stride > CONV_STRIDE_MAX) return { ok: false, reason: `stride must be 1–${CONV_STRIDE_MAX}` };
    value.push({ filters, kernel, stride });
  }
  const sides = convSides(value, IMAGE_SIDE, 2);
  const bad = sides.findIndex((s) => s.pooled < 1);
  if (bad >= 0) return { ok: false, reason: `conv layer ${bad + 1} shrinks the ${IMAGE_SIDE}×${IMAGE_SIDE} image to nothing; use fewer layers, smaller kernels or stride 1` };
  return { ok: true, value };
}

/** Whether `text` is canonical conv text (what the codec and the controls store). */
export function isCanonicalConv(text: string): boolean {
  const parsed = parseConv(text);
  return parsed.ok && formatConv(parsed.value) === text;
}
