/**
 * Seeded pseudo-random numbers. The engine never calls `Math.random`: every
 * random choice (data, weight init, mini-batch order) draws from an `Rng` whose
 * seed travels in the config, so a shared link reproduces the run bit for bit.
 */
export class Rng {
  private state: number;

  /** @param seed Any number; it is truncated to a 32-bit integer (`seed | 0`), so 1.5 and 1 give the same stream. */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** Uniform in [0, 1) with 2⁻³² resolution: mulberry32 (Tommy Ettinger), period 2³². */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * Standard normal N(0, 1) by Box–Muller: z = √(−2 ln u₁) · cos(2π u₂), with
   * u₁ = 1 − next() ∈ (0, 1] so the log is finite. Consumes exactly two draws
   * (the sine partner is discarded, which keeps the stream position simple).
   */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform integer in {0, …, n − 1}: ⌊next() · n⌋. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform real in [a, b): a + (b − a) · next(). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Shuffles in place (Fisher–Yates, from the end): for i = n−1 … 1 swap a[i] with a[int(i + 1)]. */
  shuffle<T>(a: T[] | Int32Array | Uint32Array): void {
    // One element type for the swap; typed arrays index like plain arrays.
    const arr = a as unknown as unknown[];
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
  }
}
